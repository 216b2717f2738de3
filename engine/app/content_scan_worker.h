// The content folder checked and scanned off the frame thread (issue 17): a
// worker thread that, when the frame thread asks, checks the content folder
// watcher and, when something changed, scans the whole catalog (the scan
// function: scan_exhibit_dirs reads and verifies every package; thumbnails are
// decoded on the frame thread when first drawn) and keeps the finished scan for the frame
// thread to take between visitors. The frame thread only ever sees a whole scan. The watcher
// remembers the folder as it was before a scan read anything, so a package added while a scan runs
// makes the next check scan again. The worker runs at SCHED_IDLE (core/idle_priority.h) and runs no
// exhibit code and nothing of the app's: only the scan function, whose manifest and quiz loading is
// data-only Lua (a fresh sandboxed state per file, core/lua_data.h).
#pragma once

#include "content/exhibit_catalog.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace kiosk {

// One finished scan: the catalog.
struct ScannedContent {
    ExhibitCatalog catalog;
};

class ContentScanWorker {
public:
    // Runs on the worker thread only; must not touch what the frame thread uses.
    using Scan = std::function<ScannedContent()>;

    ContentScanWorker(std::unique_ptr<ContentDirWatcher> watcher, Scan scan);
    ~ContentScanWorker(); // a scan in progress finishes, then the thread ends
    ContentScanWorker(const ContentScanWorker&) = delete;
    ContentScanWorker& operator=(const ContentScanWorker&) = delete;

    // Frame thread, non-blocking: check the folder soon (and scan it when it changed).
    void check();
    // Frame thread, non-blocking: the newest finished scan not yet taken.
    std::optional<ScannedContent> take();
    // Blocks until no check is asked for or running; false when `deadline` came first.
    bool wait_until_idle(std::chrono::steady_clock::time_point deadline);
    // Checks done so far (each with its scan, when one was needed).
    int checks_done() const;

private:
    void run();

    std::unique_ptr<ContentDirWatcher> watcher_; // the worker's only
    Scan scan_;
    mutable std::mutex mutex_;
    std::condition_variable wake_, idle_;
    bool check_asked_ = false, checking_ = false, stopping_ = false;
    int checks_done_ = 0;
    std::optional<ScannedContent> finished_;
    std::thread thread_; // last: starts when the rest is ready
};

} // namespace kiosk
