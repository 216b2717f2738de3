// Pictures decoded ahead of their first frame: while the kiosk starts, the
// home screen's thumbnails are read and decoded on worker threads
// (prepare_picture, no SDL), so the first frame only uploads them. Each
// picture is made once: take() returns what a worker made, waits for one a
// worker has begun, or decodes one no worker has begun on the calling thread,
// so asking early never costs more than not prefetching. The destructor lets
// the workers finish the picture at hand and joins them.
#pragma once

#include "render/prepared_picture.h"
#include "render/thumbnail_cache.h"

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace kiosk {

struct PictureRequest {
    std::string key; // the ImageCache entry it becomes
    std::shared_ptr<const FileSource> source;
    std::string name;
    ShownSize shown;
};

class PicturePrefetch {
public:
    // Starts up to `threads` workers over `requests`, in order. `max_side`
    // is the cache's largest side; prefetched pictures have no budget. With
    // `kept`, pictures are made through it (thumbnail_cache.h).
    PicturePrefetch(std::vector<PictureRequest> requests, int max_side, int threads,
                    std::shared_ptr<const ThumbnailCache> kept = nullptr);
    ~PicturePrefetch();
    PicturePrefetch(const PicturePrefetch&) = delete;
    PicturePrefetch& operator=(const PicturePrefetch&) = delete;

    // The picture requested under `key`, now made (see the top of this file),
    // and forgotten here; nullopt when it was not requested or already taken.
    std::optional<PreparedPicture> take(const std::string& key);
    // Requests not yet taken.
    size_t untaken() const;

private:
    enum class State { Waiting, Working, Done };
    struct Slot {
        PictureRequest request;
        State state = State::Waiting;
        PreparedPicture picture;
    };
    PreparedPicture prepare(const PictureRequest& request) const;
    void work();

    int max_side_;
    std::shared_ptr<const ThumbnailCache> kept_;
    mutable std::mutex mutex_;
    std::condition_variable done_;
    std::map<std::string, Slot> slots_;
    std::vector<std::string> order_; // the requests' keys, first asked first
    size_t next_ = 0;                // the first of order_ no one may have begun
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

} // namespace kiosk
