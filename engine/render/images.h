// Images as SDL textures: PNG/JPEG files (from a path, a folder or a package)
// decoded by core/image_decode.h when first asked for, cached by path or
// source and name, usable as ImGui texture ids. A file that does not decode
// yields no texture and a reason, never a crash. A caller with a picture budget
// (an exhibit) passes what it has left: a picture whose header declares more is
// refused before it is decoded, and that refusal is not cached (the budget may
// differ next time). A cache may also have a largest side (the kiosk's own
// screens: thumbnails and quiz pictures): a picture over it is refused from its
// header, and that is cached. A caller that shows a picture smaller than it is
// (a home-screen thumbnail) says how large: it is decoded scaled down to that.
// The kiosk's screens release what no frame drew for kUnusedPictureS
// (release_unused, between frames); it is decoded again when next drawn.
// Pictures a screen will draw first can be decoded ahead on worker threads
// (prefetch); their first get() then only uploads them.
#pragma once

#include "core/file_source.h"
#include "core/image_decode.h"
#include "render/draw_data_renderer.h"
#include "render/picture_prefetch.h"
#include "render/prepared_picture.h"
#include "render/thumbnail_cache.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>

struct SDL_Renderer;
struct SDL_Texture;

namespace kiosk {

struct Image {
    SDL_Texture* texture = nullptr;
    int width = 0;
    int height = 0;
};

// A picture no frame drew for this long is released by release_unused.
constexpr double kUnusedPictureS = 30;

class ImageCache {
public:
    explicit ImageCache(SDL_Renderer* renderer, int max_side = kMaxImageSide)
        : renderer_(renderer), max_side_(max_side) {}
    ~ImageCache();
    ImageCache(const ImageCache&) = delete;
    ImageCache& operator=(const ImageCache&) = delete;

    // The image at `path`, decoding it on first use. On failure returns an Image
    // without texture and fills `error` (the failure is cached too). Marks it
    // used in this frame.
    const Image& get(const std::string& path, std::string* error = nullptr, ShownSize shown = {});
    // The image `name` of a folder or package, cached by source and name. A
    // picture not yet decoded whose width x height x 4 is over
    // `picture_bytes_left` is refused from its header, without decoding it:
    // the Image has no texture but the declared width and height. Marks it
    // used in this frame.
    const Image& get(const FileSource& source, const std::string& name,
                     std::string* error = nullptr, size_t picture_bytes_left = SIZE_MAX,
                     ShownSize shown = {});
    // Between frames, when no draw data of the frame just drawn is still to
    // be rendered: ends that frame at `now_s` and releases (textures and cached
    // failures alike) what no get() asked for since `now_s - kUnusedPictureS`.
    // What a get() asked for since the last call is never released. Every
    // Image reference handed out before the call may dangle after it, so a
    // caller that keeps them across frames (an exhibit's kiosk.image) never
    // calls it. Returns how many pictures were released.
    size_t release_unused(double now_s);
    // Decodes each picture of `pictures` (a source, a name, the size it will
    // be shown at) on up to `threads` worker threads, for the get() that
    // first asks for it (see picture_prefetch.h). What no get() has asked for
    // kUnusedPictureS after the first release_unused is dropped. Replaces an
    // earlier prefetch.
    struct Prefetched {
        std::shared_ptr<const FileSource> source;
        std::string name;
        ShownSize shown;
    };
    void prefetch(const std::vector<Prefetched>& pictures, int threads);
    // Keeps the pictures shown smaller than they are (thumbnails) from
    // packages in `folder` across runs (thumbnail_cache.h).
    void keep_thumbnails_in(const std::string& folder);
    // Prefetched pictures no get() has asked for yet.
    size_t prefetched_untaken() const { return prefetch_ ? prefetch_->untaken() : 0; }
    // Pictures cached now (decoded or refused).
    size_t size() const { return entries_.size(); }
    void clear();

private:
    struct Entry {
        Image image;
        // The picture at the size the software renderer last drew it
        // (draw_data_renderer.h); the texture's SDL user data.
        std::unique_ptr<ScaledCopy> scaled;
        std::string error;
        bool used = true;       // asked for since the last release_unused
        double last_used_s = 0; // the release_unused that last found it used
    };
    SDL_Renderer* renderer_;
    int max_side_;
    Entry& lookup(const std::string& key, const FileSource& source, const std::string& name,
                  size_t picture_bytes_left, ShownSize shown);
    std::map<std::string, Entry> entries_;
    Entry over_budget_; // the last refusal for the budget: returned, not cached
    std::unique_ptr<PicturePrefetch> prefetch_;
    std::shared_ptr<const ThumbnailCache> thumbnails_;
    double prefetch_seen_s_ = -1; // the first release_unused since prefetch()
};

} // namespace kiosk
