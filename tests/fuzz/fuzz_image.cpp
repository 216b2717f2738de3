// Fuzz target: package images (thumbnails, quiz pictures, exhibit pictures).
// The input is the bytes of one image file, decoded the two ways the system
// decodes them, both through core/image_decode.h (PNG by stb_image, JPEG by
// libjpeg-turbo): the kiosk's ImageCache (an SDL texture on a software
// renderer drawing into a small surface: no window, no video driver), and the
// curator's check_content, which decodes the thumbnail a manifest names.
// Checked: a texture or a reason, never both or neither, a texture within the
// 8192 px limit, and both paths agree (a picture that passes `kioskctl
// validate` shows on the kiosk, and one that fails does not).
#include "fuzz_support.h"

#include "content/content_check.h"
#include "render/images.h"

#include <SDL.h>

#include <cstdint>
#include <string>

using namespace kiosk;

namespace {

// The renderer lives for the whole process: it holds no state between inputs
// (each input gets a new ImageCache, which destroys its textures).
SDL_Renderer* software_renderer() {
    static SDL_Renderer* renderer = [] {
        SDL_Surface* surface =
            SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_RGBA32);
        SDL_Renderer* made = surface ? SDL_CreateSoftwareRenderer(surface) : nullptr;
        if (!made) fuzz::broken("cannot make a software renderer", SDL_GetError());
        return made;
    }();
    return renderer;
}

const char* const kManifest = R"(return {
  id = "fuzz-image", kind = "exhibit", version = "1.0.0",
  title = { zh = "图", en = "Image" }, summary = { zh = "图", en = "Image" },
  authors = { "fuzz" }, license = "CC0-1.0", min_runtime = "0.1.0",
  thumbnail = "thumbnail.png", entry = "main.lua",
})";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const fuzz::MemorySource source(
        {{"manifest.lua", kManifest}, {"thumbnail.png", bytes}, {"main.lua", ""}}, "fuzz.kpkg");

    bool shown = false;
    {
        ImageCache cache(software_renderer());
        std::string error;
        const Image& image = cache.get(source, "thumbnail.png", &error);
        if ((image.texture != nullptr) == !error.empty())
            fuzz::broken("ImageCache: a texture and an error disagree", error);
        if (image.texture &&
            (image.width < 1 || image.height < 1 || image.width > 8192 || image.height > 8192))
            fuzz::broken("ImageCache: a texture outside 1..8192 px a side");
        shown = image.texture != nullptr;
    }

    ContentCheckOptions options;
    options.today = fuzz::kFuzzToday;
    options.font_path.clear(); // no font check: reading the 5 MB font each run is most of the cost
    const ContentCheckReport report = check_content(source, "fuzz.kpkg", options);
    bool refused = false;
    for (const std::string& message : report.errors)
        refused = refused || message.find("thumbnail: image") != std::string::npos;
    if (shown == refused)
        fuzz::broken(shown ? "kioskctl validate refuses a picture the kiosk shows"
                           : "kioskctl validate passes a picture the kiosk cannot show");
    return 0;
}
