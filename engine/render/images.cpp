// ImageCache implementation: pictures decoded by core/image_decode.h (PNG and
// JPEG, 8192 px a side at most, within the caller's picture budget) into
// static RGBA textures.
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
                                            const unsigned char* bytes, size_t size,
                                            size_t picture_bytes_left) {
    const std::string_view file(reinterpret_cast<const char*>(bytes), size);
    std::string problem;
    // The header first: a picture over the budget is refused undecoded, and not
    // cached, so the same file fits again when a later caller has more room.
    if (std::optional<ImageSize> declared = read_image_size(file, problem); declared) {
        if (std::string over = picture_side_problem(*declared, max_side_); !over.empty()) {
            Entry refused; // the same every time: cached
            refused.image = Image{nullptr, declared->width, declared->height};
            refused.error = label + ": " + over;
            return entries_.emplace(key, std::move(refused)).first->second;
        }
        if (std::string over = picture_budget_problem(*declared, picture_bytes_left);
            !over.empty()) {
            over_budget_ = Entry{}; // no texture, the declared size
            over_budget_.image = Image{nullptr, declared->width, declared->height};
            over_budget_.error = label + ": " + over;
            return over_budget_;
        }
    }
    Entry entry;
    const std::optional<DecodedImage> decoded = decode_image(file, problem, picture_bytes_left);
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
        entry = &load(path, folder, std::filesystem::path(path).filename().string(), SIZE_MAX);
    }
    if (error) *error = entry->error;
    return entry->image;
}

const Image& ImageCache::get(const FileSource& source, const std::string& name, std::string* error,
                             size_t picture_bytes_left) {
    const std::string key = source.describe(name);
    auto found = entries_.find(key);
    const Entry* entry =
        found != entries_.end() ? &found->second : &load(key, source, name, picture_bytes_left);
    if (error) *error = entry->error;
    return entry->image;
}

const ImageCache::Entry& ImageCache::load(const std::string& key, const FileSource& source,
                                          const std::string& name, size_t picture_bytes_left) {
    std::string bytes, error;
    if (!source.read(name, bytes, error)) {
        Entry failed;
        failed.error = error;
        return entries_.emplace(key, std::move(failed)).first->second;
    }
    return decode(key, key, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                  picture_bytes_left);
}

} // namespace kiosk
