// Images as SDL textures: PNG/JPEG files (from a path, a folder or a package)
// decoded by core/image_decode.h, cached by path or source and name,
// usable as ImGui texture ids. A file that does not decode yields no texture and
// a reason, never a crash. A caller with a picture budget (an exhibit) passes
// what it has left: a picture whose header declares more is refused before it
// is decoded, and that refusal is not cached (the budget may differ next time).
// A cache may also have a largest side (the kiosk's own screens: thumbnails and
// quiz pictures): a picture over it is refused from its header, and that is cached.
// Reading and decoding need no renderer: prepare_picture does them on any
// thread (the content scan worker decodes new thumbnails), and
// ImageCache::adopt turns the result into a texture on the renderer's thread.
#pragma once

#include "core/file_source.h"
#include "core/image_decode.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

struct SDL_Renderer;
struct SDL_Texture;

namespace kiosk {

struct Image {
    SDL_Texture* texture = nullptr;
    int width = 0;
    int height = 0;
};

// A picture read and decoded, not yet a texture: its pixels, or why not (with
// the declared size when its header was read).
struct PreparedPicture {
    std::string key; // the cache's: source.describe(name)
    std::optional<DecodedImage> decoded;
    ImageSize declared; // of a picture refused from its header
    std::string error;
    bool over_budget = false; // refused for the caller's budget: not cached
};

// Any thread: reads and decodes `name` of `source` as ImageCache::get would,
// with no picture budget and pictures over `max_side` refused.
PreparedPicture prepare_picture(const FileSource& source, const std::string& name, int max_side);

class ImageCache {
public:
    explicit ImageCache(SDL_Renderer* renderer, int max_side = kMaxImageSide)
        : renderer_(renderer), max_side_(max_side) {}
    ~ImageCache();
    ImageCache(const ImageCache&) = delete;
    ImageCache& operator=(const ImageCache&) = delete;

    // The image at `path`, decoding it on first use. On failure returns an Image
    // without texture and fills `error` (the failure is cached too).
    const Image& get(const std::string& path, std::string* error = nullptr);
    // The image `name` of a folder or package, cached by source and name. A
    // picture not yet decoded whose width x height x 4 is over
    // `picture_bytes_left` is refused from its header, without decoding it:
    // the Image has no texture but the declared width and height.
    const Image& get(const FileSource& source, const std::string& name,
                     std::string* error = nullptr, size_t picture_bytes_left = SIZE_MAX);
    // Renderer's thread: caches a picture prepared elsewhere, unless its key is
    // already cached (then the prepared pixels are dropped).
    void adopt(PreparedPicture picture);
    void clear();

private:
    struct Entry {
        Image image;
        std::string error;
    };
    SDL_Renderer* renderer_;
    int max_side_;
    const Entry& load(const std::string& key, const FileSource& source, const std::string& name,
                      size_t picture_bytes_left);
    const Entry& upload(PreparedPicture picture);
    std::map<std::string, Entry> entries_;
    Entry over_budget_; // the last refusal for the budget: returned, not cached
};

} // namespace kiosk
