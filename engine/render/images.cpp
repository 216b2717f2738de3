// ImageCache implementation: pictures made by prepare_picture (on this thread,
// or ahead of time by a PicturePrefetch) into static RGBA textures; released
// when no frame drew them for kUnusedPictureS.
#include "images.h"

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
    prefetch_.reset();
    for (auto& [path, entry] : entries_)
        if (entry.image.texture) SDL_DestroyTexture(entry.image.texture);
    entries_.clear();
}

size_t ImageCache::release_unused(double now_s) {
    if (prefetch_) {
        if (prefetch_seen_s_ < 0) prefetch_seen_s_ = now_s;
        if (now_s - prefetch_seen_s_ >= kUnusedPictureS) prefetch_.reset();
    }
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

// A picture drawn smaller than it is has its own entry for that size.
std::string cache_key(std::string described, ShownSize shown) {
    if (shown.width <= 0 || shown.height <= 0) return described;
    return described + " shown at " + std::to_string(shown.width) + "x" +
           std::to_string(shown.height);
}

} // namespace

void ImageCache::keep_thumbnails_in(const std::string& folder) {
    thumbnails_ = std::make_shared<const ThumbnailCache>(folder);
}

void ImageCache::prefetch(const std::vector<Prefetched>& pictures, int threads) {
    std::vector<PictureRequest> requests;
    for (const Prefetched& picture : pictures)
        requests.push_back({cache_key(picture.source->describe(picture.name), picture.shown),
                            picture.source, picture.name, picture.shown});
    prefetch_.reset(); // an earlier one's workers finish first
    prefetch_ =
        std::make_unique<PicturePrefetch>(std::move(requests), max_side_, threads, thumbnails_);
    prefetch_seen_s_ = -1;
}

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
    // Prefetched pictures were made without a budget: a caller with one decodes its own.
    std::optional<PreparedPicture> prefetched =
        prefetch_ && picture_bytes_left == kNoPictureBudget ? prefetch_->take(key) : std::nullopt;
    PreparedPicture picture =
        prefetched    ? std::move(*prefetched)
        : thumbnails_ ? thumbnails_->prepare(source, name, max_side_, picture_bytes_left, shown)
                      : prepare_picture(source, name, max_side_, picture_bytes_left, shown);
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
            entry.scaled->opaque = picture.opaque;
            SDL_SetTextureUserData(texture, entry.scaled.get());
        } else {
            entry.error = source.describe(name) + ": cannot create a texture: " + SDL_GetError();
        }
    }
    return entries_.emplace(key, std::move(entry)).first->second;
}

} // namespace kiosk
