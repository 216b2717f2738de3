// The kiosk's emergency notices, as the app sees it (issue 18, part 3): the
// notice poller (sync/notice_poller.h) started when the config trusts a hub
// notice key, with the hub's transport when the config syncs and the USB
// import folders; stopped on shutdown. The frame thread reads what is in
// force and reports what it drew and what visitors did; the sync thread
// passes each sync answer's notices_version and reads the receipts for the
// heartbeat; the admin overlay gets its row. Nothing here waits on the
// network or the disk.
#pragma once

#include "admin_overlay.h"
#include "core/kiosk_config.h"
#include "sync/notice_poller.h"
#include "sync/sync_protocol.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kiosk {

class KioskNotices {
public:
    // Whether `config` asks for emergency notices at all.
    static bool wanted(const KioskConfig& config);

    // Starts the poller (wanted() must be true) with the given clocks (the
    // app's: headless runs move them by the fixed step). Never fails: when a
    // notice key or the token cannot be read, problem() says why and no
    // notice is ever shown.
    KioskNotices(const KioskConfig& config, std::function<int64_t()> utc_now_ms,
                 std::function<int64_t()> monotonic_now_ms);
    ~KioskNotices(); // stops the poller: a poll in flight is cancelled, the board saved
    KioskNotices(const KioskNotices&) = delete;
    KioskNotices& operator=(const KioskNotices&) = delete;

    // Frame thread, non-blocking.
    std::vector<sync::BoardNotice> showing() const;
    int64_t generation() const;
    void mark_shown(const std::string& identifier);
    void count_viewer(const std::string& identifier);
    void count_opened(const std::string& identifier);
    AdminNoticeInfo info() const;

    // Sync thread, non-blocking: a poll soon when the hub's notices_version
    // is not the kiosk's; the heartbeat's receipts.
    void on_sync_answer(const sync::SyncAnswer& answer);
    std::vector<sync::NoticeReceipt> receipts() const;

    const std::string& problem() const { return problem_; }
    // Tests: the poller itself (nullptr when it could not start).
    sync::NoticePoller* poller() { return poller_.get(); }

private:
    std::string problem_;
    std::unique_ptr<sync::NoticePoller> poller_;
};

} // namespace kiosk
