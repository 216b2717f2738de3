// ImageCache implementation: pictures decoded by core/image_decode.h (PNG and
// JPEG, 8192 px a side at most, within the caller's picture budget), scaled
// down by a whole factor when at least twice the size they are shown at (a
// box filter: a few instructions a pixel, where a resampling filter cost
// more than the decoding), into static RGBA textures; released when no frame
// drew them for kUnusedPictureS.
#include "images.h"

#include "core/image_decode.h"

#include <SDL.h>

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

// The largest whole factor `picture` can shrink by and still cover `shown`
// (1: kept as it is; the renderer scales the rest when drawing).
int shrink_factor(const DecodedImage& picture, ShownSize shown) {
    if (shown.width <= 0 || shown.height <= 0) return 1;
    return std::max(1, std::min(picture.width / shown.width, picture.height / shown.height));
}

// The decoded picture shrunk by shrink_factor (each pixel the average of a
// factor x factor box), or as it is.
void scale_down(DecodedImage& picture, ShownSize shown) {
    const int factor = shrink_factor(picture, shown);
    if (factor < 2) return;
    const int width = picture.width / factor, height = picture.height / factor;
    const int area = factor * factor;
    std::vector<unsigned char> scaled(size_t(width) * size_t(height) * 4);
    std::vector<uint32_t> sums(size_t(width) * 4);
    for (int y = 0; y < height; ++y) {
        std::fill(sums.begin(), sums.end(), 0);
        for (int dy = 0; dy < factor; ++dy) {
            const unsigned char* row =
                picture.rgba.data() + (size_t(y) * factor + size_t(dy)) * size_t(picture.width) * 4;
            for (int x = 0; x < width; ++x)
                for (int dx = 0; dx < factor; ++dx)
                    for (int c = 0; c < 4; ++c)
                        sums[size_t(x) * 4 + size_t(c)] +=
                            row[(size_t(x) * factor + size_t(dx)) * 4 + size_t(c)];
        }
        unsigned char* out = scaled.data() + size_t(y) * size_t(width) * 4;
        for (size_t i = 0; i < sums.size(); ++i)
            out[i] = static_cast<unsigned char>((sums[i] + uint32_t(area) / 2) / uint32_t(area));
    }
    picture = DecodedImage{width, height, std::move(scaled)};
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

namespace {

bool every_pixel_opaque(const DecodedImage& picture) {
    for (size_t alpha = 3; alpha < picture.rgba.size(); alpha += 4)
        if (uint8_t(picture.rgba[alpha]) != 255) return false;
    return true;
}

} // namespace

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
            entry.scaled = std::make_unique<ScaledCopy>();
            entry.scaled->opaque = every_pixel_opaque(*decoded);
            SDL_SetTextureUserData(texture, entry.scaled.get());
        } else {
            entry.error = source.describe(name) + ": cannot create a texture: " + SDL_GetError();
        }
    }
    return entries_.emplace(key, std::move(entry)).first->second;
}

} // namespace kiosk
