// ImageCache implementation: pictures decoded by core/image_decode.h (PNG and
// JPEG, 8192 px a side at most, within the caller's picture budget), scaled
// down to the size they are shown at when smaller (stb_image_resize, in
// linear light), into static RGBA textures; released when no frame drew them
// for kUnusedPictureS.
#include "images.h"

#include "core/image_decode.h"

#include <SDL.h>

#define STB_IMAGE_RESIZE_IMPLEMENTATION
#define STB_IMAGE_RESIZE_STATIC
#include <stb/stb_image_resize.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <optional>

namespace kiosk {

ImageCache::~ImageCache() {
    clear();
}

void ImageCache::clear() {
    for (auto& [path, entry] : entries_)
        if (entry.image.texture) SDL_DestroyTexture(entry.image.texture);
    entries_.clear();
}

size_t ImageCache::release_unused(double now_s) {
    size_t released = 0;
    for (auto it = entries_.begin(); it != entries_.end();) {
        Entry& entry = it->second;
        if (entry.used) {
            entry.used = false;
            entry.last_used_s = now_s;
        }
        if (now_s - entry.last_used_s < kUnusedPictureS) {
            ++it;
            continue;
        }
        if (entry.image.texture) SDL_DestroyTexture(entry.image.texture);
        it = entries_.erase(it);
        ++released;
    }
    return released;
}

namespace {

// What a picture read and decoded (or refused) became, before it is a texture.
struct PreparedPicture {
    std::optional<DecodedImage> decoded;
    ImageSize declared; // of a picture refused from its header
    std::string error;
    bool over_budget = false; // refused for the caller's budget: not cached
};

// The smallest size of `picture`, aspect kept, that still covers `shown`;
// the picture's own when it is not larger than that on both sides.
ImageSize covering_size(const DecodedImage& picture, ShownSize shown) {
    if (shown.width <= 0 || shown.height <= 0) return {picture.width, picture.height};
    const double scale =
        std::max(double(shown.width) / picture.width, double(shown.height) / picture.height);
    if (scale >= 1) return {picture.width, picture.height};
    return {std::max(1, int(std::ceil(picture.width * scale))),
            std::max(1, int(std::ceil(picture.height * scale)))};
}

// The decoded picture scaled down to cover `shown` (its pixels freed), or as it is.
void scale_down(DecodedImage& picture, ShownSize shown) {
    const ImageSize size = covering_size(picture, shown);
    if (size.width == picture.width && size.height == picture.height) return;
    std::vector<unsigned char> scaled(size.rgba_bytes());
    // Linear filtering: a thumbnail looks the same, and the sRGB path's float
    // conversions cost more than decoding the picture.
    if (!stbir_resize_uint8(picture.rgba.data(), picture.width, picture.height, 0, scaled.data(),
                            size.width, size.height, 0, 4))
        return; // out of memory for its scratch: shown at full size
    picture = DecodedImage{size.width, size.height, std::move(scaled)};
}

// The header first: a picture over the side or the budget is refused undecoded.
PreparedPicture decode_picture(const std::string& described, const std::string& bytes, int max_side,
                               size_t picture_bytes_left, ShownSize shown) {
    PreparedPicture picture;
    std::string problem;
    if (std::optional<ImageSize> declared = read_image_size(bytes, problem); declared) {
        std::string over = picture_side_problem(*declared, max_side);
        if (over.empty()) {
            over = picture_budget_problem(*declared, picture_bytes_left);
            picture.over_budget = !over.empty();
        }
        if (!over.empty()) {
            picture.declared = *declared;
            picture.error = described + ": " + over;
            return picture;
        }
    }
    picture.decoded = decode_image(bytes, problem, picture_bytes_left);
    if (!picture.decoded)
        picture.error = described + ": " + problem;
    else
        scale_down(*picture.decoded, shown);
    return picture;
}

// A picture drawn smaller than it is has its own entry for that size.
std::string cache_key(std::string described, ShownSize shown) {
    if (shown.width <= 0 || shown.height <= 0) return described;
    return described + " shown at " + std::to_string(shown.width) + "x" +
           std::to_string(shown.height);
}

} // namespace

const Image& ImageCache::get(const std::string& path, std::string* error, ShownSize shown) {
    const std::string key = cache_key(path, shown);
    auto found = entries_.find(key);
    Entry* entry = found != entries_.end() ? &found->second : nullptr;
    if (!entry) {
        const std::filesystem::path file(path);
        entry = &lookup(key, FolderSource(file.parent_path().string()), file.filename().string(),
                        SIZE_MAX, shown);
    }
    entry->used = true;
    if (error) *error = entry->error;
    return entry->image;
}

const Image& ImageCache::get(const FileSource& source, const std::string& name, std::string* error,
                             size_t picture_bytes_left, ShownSize shown) {
    const std::string key = cache_key(source.describe(name), shown);
    auto found = entries_.find(key);
    Entry& entry = found != entries_.end() ? found->second
                                           : lookup(key, source, name, picture_bytes_left, shown);
    entry.used = true;
    if (error) *error = entry.error;
    return entry.image;
}

// Reads, decodes and uploads a picture not cached. A refusal for the budget
// is returned, not cached: the same file may fit when a later caller has more
// room. Everything else is cached.
ImageCache::Entry& ImageCache::lookup(const std::string& key, const FileSource& source,
                                      const std::string& name, size_t picture_bytes_left,
                                      ShownSize shown) {
    Entry entry;
    std::string bytes;
    if (!source.read(name, bytes, entry.error))
        return entries_.emplace(key, std::move(entry)).first->second;
    PreparedPicture picture =
        decode_picture(source.describe(name), bytes, max_side_, picture_bytes_left, shown);
    bytes = std::string();
    entry.error = std::move(picture.error);
    entry.image = Image{nullptr, picture.declared.width, picture.declared.height};
    if (picture.over_budget) {
        over_budget_ = std::move(entry);
        return over_budget_;
    }
    if (const std::optional<DecodedImage>& decoded = picture.decoded) {
        if (SDL_Texture* texture =
                SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC,
                                  decoded->width, decoded->height)) {
            SDL_UpdateTexture(texture, nullptr, decoded->rgba.data(), decoded->width * 4);
            SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
            entry.image = Image{texture, decoded->width, decoded->height};
        } else {
            entry.error = source.describe(name) + ": cannot create a texture: " + SDL_GetError();
        }
    }
    return entries_.emplace(key, std::move(entry)).first->second;
}

} // namespace kiosk
