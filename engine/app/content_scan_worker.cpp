// The content scan worker's thread: waits for a check, asks the watcher, scans
// when something changed, and hands the finished catalog over under the lock.
#include "content_scan_worker.h"

#include "core/idle_priority.h"

namespace kiosk {

ContentScanWorker::ContentScanWorker(std::unique_ptr<ContentDirWatcher> watcher, Scan scan)
    : watcher_(std::move(watcher)), scan_(std::move(scan)), thread_([this] { run(); }) {}

ContentScanWorker::~ContentScanWorker() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void ContentScanWorker::check() {
    {
        std::lock_guard lock(mutex_);
        check_asked_ = true;
    }
    wake_.notify_all();
}

std::optional<ScannedContent> ContentScanWorker::take() {
    std::lock_guard lock(mutex_);
    std::optional<ScannedContent> catalog = std::move(finished_);
    finished_.reset();
    return catalog;
}

bool ContentScanWorker::wait_until_idle(std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(mutex_);
    return idle_.wait_until(lock, deadline, [&] { return !check_asked_ && !checking_; });
}

int ContentScanWorker::checks_done() const {
    std::lock_guard lock(mutex_);
    return checks_done_;
}

void ContentScanWorker::run() {
    // Verifying every package must never take a core from the frame.
    run_this_thread_only_when_idle("content scan");
    std::unique_lock lock(mutex_);
    while (true) {
        wake_.wait(lock, [&] { return stopping_ || check_asked_; });
        if (stopping_) break;
        check_asked_ = false;
        checking_ = true;
        lock.unlock();
        std::optional<ScannedContent> scanned;
        if (watcher_->changed()) scanned = scan_();
        lock.lock();
        if (scanned) std::swap(finished_, scanned); // a newer scan replaces one not yet taken
        checking_ = false;
        ++checks_done_;
        idle_.notify_all();
        lock.unlock();
        scanned.reset(); // the replaced scan's packages close outside the lock
        lock.lock();
    }
    checking_ = false;
    idle_.notify_all();
}

} // namespace kiosk
