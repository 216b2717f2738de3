// The kiosk's link to kiosk-hub, as the app sees it: started from the
// config's sync section beside the event store, asked to sync after each
// visitor session, and read for the admin overlay. It owns the sync client
// (engine/sync) and the heartbeat's facts, which the frame thread updates and
// the sync thread reads under one short lock; nothing here waits on the
// network or the disk.
#pragma once

#include "admin_overlay.h"
#include "core/kiosk_config.h"
#include "kiosk_content.h"
#include "kiosk_notices.h"
#include "sync/sync_client.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace kiosk::telemetry {
class EventStore;
}

namespace kiosk {

class KioskSync {
public:
    // Starts syncing for `config.sync` (which must be set) with `store`'s
    // kiosk.db. Never fails: when it cannot start (statistics off, no token
    // file, a bad URL), problem() says why and the kiosk runs without it.
    // With `content` (which must outlive this), the heartbeat carries its
    // state and each answer's snapshot version goes to it; with `notices`
    // (the same), the heartbeat carries its receipts and each answer's
    // notices_version goes to it.
    KioskSync(const KioskConfig& config, telemetry::EventStore* store,
              KioskContent* content = nullptr, KioskNotices* notices = nullptr);
    ~KioskSync();
    KioskSync(const KioskSync&) = delete;
    KioskSync& operator=(const KioskSync&) = delete;

    // Frame thread, non-blocking.
    void session_ended();
    void set_content(std::vector<sync::ContentVersion> content);
    void count_error();
    AdminSyncInfo info() const;

    const std::string& problem() const { return problem_; }
    const sync::SyncClient* client() const { return client_.get(); }

private:
    sync::Heartbeat heartbeat() const;

    std::string data_dir_;
    KioskContent* content_ = nullptr;
    KioskNotices* notices_ = nullptr;
    std::string problem_;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    mutable std::mutex mutex_;
    std::vector<sync::ContentVersion> content_versions_;
    std::atomic<int64_t> errors_{0};
    std::unique_ptr<sync::SyncClient> client_; // last: stopped before the rest goes
};

} // namespace kiosk
