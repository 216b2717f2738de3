// PicturePrefetch: a slot a picture, Waiting -> Working -> Done under one
// mutex; whoever moves a slot to Working (a worker or take()) prepares it
// outside the lock.
#include "picture_prefetch.h"

#include <algorithm>
#include <cstdint>

namespace kiosk {

PicturePrefetch::PicturePrefetch(std::vector<PictureRequest> requests, int max_side, int threads,
                                 std::shared_ptr<const ThumbnailCache> kept)
    : max_side_(max_side), kept_(std::move(kept)) {
    for (PictureRequest& request : requests) {
        std::string key = request.key;
        if (slots_.emplace(key, Slot{std::move(request)}).second) order_.push_back(std::move(key));
    }
    const size_t count = std::min(order_.size(), size_t(std::max(threads, 0)));
    for (size_t i = 0; i < count; ++i)
        workers_.emplace_back([this] { work(); });
}

PicturePrefetch::~PicturePrefetch() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    for (std::thread& worker : workers_)
        worker.join();
}

PreparedPicture PicturePrefetch::prepare(const PictureRequest& request) const {
    if (kept_)
        return kept_->prepare(*request.source, request.name, max_side_, kNoPictureBudget,
                              request.shown);
    return prepare_picture(*request.source, request.name, max_side_, kNoPictureBudget,
                           request.shown);
}

void PicturePrefetch::work() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        while (next_ < order_.size() &&
               (!slots_.count(order_[next_]) || slots_.at(order_[next_]).state != State::Waiting))
            ++next_;
        if (next_ == order_.size()) return;
        Slot& slot = slots_.at(order_[next_++]); // std::map: stays put while others change
        slot.state = State::Working;
        lock.unlock();
        PreparedPicture picture = prepare(slot.request);
        lock.lock();
        slot.picture = std::move(picture);
        slot.state = State::Done;
        done_.notify_all();
    }
}

std::optional<PreparedPicture> PicturePrefetch::take(const std::string& key) {
    std::unique_lock lock(mutex_);
    auto found = slots_.find(key);
    if (found == slots_.end()) return std::nullopt;
    Slot& slot = found->second;
    if (slot.state == State::Waiting) {
        slot.state = State::Working; // a worker reaching it skips it
        lock.unlock();
        PreparedPicture picture = prepare(slot.request);
        lock.lock();
        slot.picture = std::move(picture);
        slot.state = State::Done;
    }
    done_.wait(lock, [&slot] { return slot.state == State::Done; });
    PreparedPicture picture = std::move(slot.picture);
    slots_.erase(found);
    return picture;
}

size_t PicturePrefetch::untaken() const {
    std::lock_guard lock(mutex_);
    return slots_.size();
}

} // namespace kiosk
