// ImageCache implementation. Decoding limits: 8192 px a side.
#include "images.h"

#include <SDL.h>
#include <stb_image.h>

namespace kiosk {
namespace {
constexpr int kMaxImageSide = 8192;
}

ImageCache::~ImageCache() {
    clear();
}

void ImageCache::clear() {
    for (auto& [path, entry] : entries_)
        if (entry.image.texture) SDL_DestroyTexture(entry.image.texture);
    entries_.clear();
}

const Image& ImageCache::get(const std::string& path, std::string* error) {
    auto found = entries_.find(path);
    if (found == entries_.end()) {
        Entry entry;
        int width = 0, height = 0, channels = 0;
        if (!stbi_info(path.c_str(), &width, &height, &channels)) {
            entry.error = path + ": not a readable image (" + stbi_failure_reason() + ")";
        } else if (width > kMaxImageSide || height > kMaxImageSide) {
            entry.error = path + ": image is " + std::to_string(width) + "x" +
                          std::to_string(height) + ", larger than " +
                          std::to_string(kMaxImageSide) + " px a side";
        } else if (unsigned char* pixels = stbi_load(path.c_str(), &width, &height, &channels, 4)) {
            SDL_Texture* texture = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32,
                                                     SDL_TEXTUREACCESS_STATIC, width, height);
            if (texture) {
                SDL_UpdateTexture(texture, nullptr, pixels, width * 4);
                SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
                entry.image = Image{texture, width, height};
            } else {
                entry.error = path + ": cannot create a texture: " + SDL_GetError();
            }
            stbi_image_free(pixels);
        } else {
            entry.error = path + ": cannot decode (" + stbi_failure_reason() + ")";
        }
        found = entries_.emplace(path, std::move(entry)).first;
    }
    if (error) *error = found->second.error;
    return found->second.image;
}

} // namespace kiosk
