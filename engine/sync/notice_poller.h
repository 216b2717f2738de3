// The kiosk's emergency notice poller (issue 18, part 3): a background thread
// that asks the hub for the notice feed every notices.poll_s (GET
// /api/v1/notices with If-None-Match: the hub answers 304 when nothing
// changed) and at once when a sync answer names another notices_version,
// looks at the USB import folders for a notices.json, offers every signed
// notice to the NoticeBoard (notice_board.h: signature, venue, expiry,
// replay), logs every refusal, and keeps the board in kiosk.db
// (kiosk_notice_store.h) so a reboot during an alert shows it again.
//
// The frame thread reads what to show (showing()) and reports what it drew
// and what visitors did (mark_shown, count_viewer, count_opened): those take
// one short lock and never touch the disk or the network; the thread saves.
// The pieces run on the caller's thread for tests: poll_once(),
// import_folder(), save().
#pragma once

#include "notice_board.h"
#include "sync_transport.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::sync {

class KioskNoticeStore;

struct NoticePollerOptions {
    std::string kiosk_db;                 // DATA/kiosk.db: the notices and retired_notices tables
    std::string own_venue;                // the hub's id of this kiosk's venue (config venue.id)
    std::vector<PublicKey> notice_keys;   // trusted_notice_keys
    std::vector<std::string> import_dirs; // content_import_dirs: a notices.json there is offered
    int64_t poll_interval_ms = 30000;     // notices.poll_s
    int64_t import_every_ms = 5000;
    // The wall clock (UTC ms) and the monotonic clock (ms) the board judges
    // expiry by; default the system's.
    std::function<int64_t()> utc_now_ms;
    std::function<int64_t()> monotonic_now_ms;
};

// A notice refused, for the log and the admin overlay.
struct NoticeRefusal {
    std::string at;         // "YYYY-MM-DDTHH:MM:SSZ"
    std::string source;     // "hub" or the import folder
    std::string identifier; // "" when the document did not parse
    std::string offer;      // to_string(NoticeOffer): "forged", "expired", ...
    std::string reason;
};

// What one poll or import did, for tests and the log.
struct NoticePollResult {
    std::string
        outcome;       // "changed" | "same" | "not_modified" | "unreachable" | "refused" | "absent"
    std::string error; // why the feed was unreachable or refused
    int accepted = 0;  // notices added, replacing or cancelling
    int refused = 0;   // notices refused (each logged)
    int64_t version = 0; // the feed's version (0: none read)
};

class NoticePoller {
public:
    // Opens kiosk.db and restores the board from it (each notice verified
    // again). Never fails: when kiosk.db cannot be used, problem() says why
    // and the board lives in memory only. `transport` may be null (USB only).
    NoticePoller(NoticePollerOptions options, std::unique_ptr<SyncTransport> transport);
    ~NoticePoller();
    NoticePoller(const NoticePoller&) = delete;
    NoticePoller& operator=(const NoticePoller&) = delete;

    void start();
    // Stops the thread (a poll in flight is cancelled), then saves the board.
    void stop();
    // A poll and a look at the import folders soon. Never blocks.
    void request_poll();
    // Sync thread: a sync answer's notices_version; a poll soon when it is not
    // the feed version this kiosk has.
    void on_notices_version(int64_t version);

    // Frame thread, non-blocking: the notices in force now, in drawing order
    // (copies), and what was drawn and done.
    std::vector<BoardNotice> showing() const;
    void mark_shown(const std::string& identifier);
    void count_viewer(const std::string& identifier);
    void count_opened(const std::string& identifier);
    // Bumped on every change of the board, so the frame knows to look again.
    int64_t generation() const;

    // Any thread, non-blocking: the heartbeat's receipts, every notice held,
    // the last refusals (newest first, at most kMaxRefusalsKept).
    std::vector<NoticeReceipt> receipts() const;
    std::vector<BoardNotice> held() const;
    std::vector<NoticeRefusal> refusals() const;
    int64_t feed_version() const;
    const std::string& problem() const { return problem_; }
    static constexpr size_t kMaxRefusalsKept = 20;

    // On the caller's thread (not while the thread runs): one poll of the
    // hub; one look at an import folder (re-read only when notices.json
    // changed); the board written to kiosk.db.
    NoticePollResult poll_once();
    NoticePollResult import_folder(const std::string& folder);
    bool save(std::string& error);

private:
    NoticePollResult offer_feed(const NoticeFeed& feed, const std::string& source);
    void refuse(const std::string& source, const NoticeOfferResult& result);
    void expire_now();
    void run();
    int64_t utc_now() const { return options_.utc_now_ms(); }
    int64_t mono_now() const { return options_.monotonic_now_ms(); }

    NoticePollerOptions options_;
    std::unique_ptr<SyncTransport> transport_;
    std::unique_ptr<KioskNoticeStore> store_;
    std::string problem_;
    std::map<std::string, std::string> import_stamps_; // folder -> notices.json "size:mtime"

    mutable std::mutex mutex_;
    std::condition_variable wake_, finished_changed_;
    NoticeBoard board_;
    std::deque<NoticeRefusal> refusals_;
    int64_t feed_version_ = 0;
    int64_t generation_ = 0;
    bool dirty_ = false; // the board changed since the last save
    bool requested_ = false;
    bool stopping_ = false;
    bool thread_finished_ = false;
    std::thread thread_;
};

} // namespace kiosk::sync
