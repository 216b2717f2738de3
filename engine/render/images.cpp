// ImageCache implementation. Decoding limits: 8192 px a side; PNG and JPEG
// only, checked by core/image_bytes.h before stb_image sees the bytes.
#include "images.h"

#include "core/image_bytes.h"

#include <SDL.h>
#include <stb_image.h>

#include <cstdint>
#include <filesystem>

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

const ImageCache::Entry& ImageCache::decode(const std::string& key, const std::string& label,
                                           const unsigned char* bytes, size_t size) {
    Entry entry;
    int width = 0, height = 0, channels = 0;
    const std::string problem =
        image_bytes_problem(std::string_view(reinterpret_cast<const char*>(bytes), size));
    if (!problem.empty()) {
        entry.error = label + ": " + problem;
    } else if (size > size_t(INT32_MAX) ||
               !stbi_info_from_memory(bytes, int(size), &width, &height, &channels)) {
        entry.error = label + ": not a readable image (" +
                      (size > size_t(INT32_MAX) ? "too large" : stbi_failure_reason()) + ")";
    } else if (width > kMaxImageSide || height > kMaxImageSide) {
        entry.error = label + ": image is " + std::to_string(width) + "x" + std::to_string(height) +
                      ", larger than " + std::to_string(kMaxImageSide) + " px a side";
    } else if (unsigned char* pixels =
                   stbi_load_from_memory(bytes, int(size), &width, &height, &channels, 4)) {
        SDL_Texture* texture = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32,
                                                 SDL_TEXTUREACCESS_STATIC, width, height);
        if (texture) {
            SDL_UpdateTexture(texture, nullptr, pixels, width * 4);
            SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
            entry.image = Image{texture, width, height};
        } else {
            entry.error = label + ": cannot create a texture: " + SDL_GetError();
        }
        stbi_image_free(pixels);
    } else {
        entry.error = label + ": cannot decode (" + stbi_failure_reason() + ")";
    }
    return entries_.emplace(key, std::move(entry)).first->second;
}

const Image& ImageCache::get(const std::string& path, std::string* error) {
    auto found = entries_.find(path);
    const Entry* entry = found != entries_.end() ? &found->second : nullptr;
    if (!entry) {
        FolderSource folder(std::filesystem::path(path).parent_path().string());
        entry = &load(path, folder, std::filesystem::path(path).filename().string());
    }
    if (error) *error = entry->error;
    return entry->image;
}

const Image& ImageCache::get(const FileSource& source, const std::string& name,
                             std::string* error) {
    const std::string key = source.describe(name);
    auto found = entries_.find(key);
    const Entry* entry = found != entries_.end() ? &found->second : &load(key, source, name);
    if (error) *error = entry->error;
    return entry->image;
}

const ImageCache::Entry& ImageCache::load(const std::string& key, const FileSource& source,
                                         const std::string& name) {
    std::string bytes, error;
    if (!source.read(name, bytes, error)) {
        Entry failed;
        failed.error = error;
        return entries_.emplace(key, std::move(failed)).first->second;
    }
    return decode(key, key, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

} // namespace kiosk
