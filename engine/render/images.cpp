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

namespace {

// The header first: a picture over the side or the budget is refused undecoded.
PreparedPicture decode_picture(std::string key, const std::string& bytes, int max_side,
                               size_t picture_bytes_left) {
    PreparedPicture picture;
    picture.key = std::move(key);
    std::string problem;
    if (std::optional<ImageSize> declared = read_image_size(bytes, problem); declared) {
        std::string over = picture_side_problem(*declared, max_side);
        if (over.empty()) {
            over = picture_budget_problem(*declared, picture_bytes_left);
            picture.over_budget = !over.empty();
        }
        if (!over.empty()) {
            picture.declared = *declared;
            picture.error = picture.key + ": " + over;
            return picture;
        }
    }
    picture.decoded = decode_image(bytes, problem, picture_bytes_left);
    if (!picture.decoded) picture.error = picture.key + ": " + problem;
    return picture;
}

} // namespace

PreparedPicture prepare_picture(const FileSource& source, const std::string& name, int max_side) {
    std::string bytes, error;
    if (!source.read(name, bytes, error)) {
        PreparedPicture failed;
        failed.key = source.describe(name);
        failed.error = error;
        return failed;
    }
    return decode_picture(source.describe(name), bytes, max_side, kNoPictureBudget);
}

// A refusal for the budget is returned, not cached: the same file may fit
// when a later caller has more room. Everything else is cached.
const ImageCache::Entry& ImageCache::upload(PreparedPicture picture) {
    Entry entry;
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
            entry.error = picture.key + ": cannot create a texture: " + SDL_GetError();
        }
    }
    return entries_.insert_or_assign(picture.key, std::move(entry)).first->second;
}

void ImageCache::adopt(PreparedPicture picture) {
    if (entries_.count(picture.key) == 0) upload(std::move(picture));
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
    return upload(decode_picture(key, bytes, max_side_, picture_bytes_left));
}

} // namespace kiosk
