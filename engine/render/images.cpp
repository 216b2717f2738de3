// ImageCache implementation: pictures decoded by core/image_decode.h (PNG and
// JPEG, 8192 px a side at most) into static RGBA textures.
#include "images.h"

#include "core/image_decode.h"

#include <SDL.h>

#include <cstdint>
#include <filesystem>

namespace kiosk {

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
    std::string problem;
    const std::optional<DecodedImage> decoded =
        decode_image(std::string_view(reinterpret_cast<const char*>(bytes), size), problem);
    if (!decoded) {
        entry.error = label + ": " + problem;
    } else if (SDL_Texture* texture =
                   SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC,
                                     decoded->width, decoded->height)) {
        SDL_UpdateTexture(texture, nullptr, decoded->rgba.data(), decoded->width * 4);
        SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
        entry.image = Image{texture, decoded->width, decoded->height};
    } else {
        entry.error = label + ": cannot create a texture: " + SDL_GetError();
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
