// The kiosk's content updater (issue 17, parts 3-6): a background thread that
// fetches its signed assignment snapshot from the hub, accepts it only after
// the signature and the rollback/equivocation/kiosk/expiry rules
// (content_snapshot.h), downloads each missing package into
// content_dir/.incoming (resumed with HTTP Range, bounded by the snapshot's
// size), checks SHA-256, the package reader's rules, the publisher signature
// and the reviewer approval, renames it into content_dir/hub/, and switches
// the whole set at once by rewriting live.json when every package is there;
// then deletes what the new list no longer names. USB folders
// (content_import_dirs) go through the same steps. What is missing or failed
// is its own record, retried with backoff whether or not the hub says
// something changed. The app only calls request_round() and state(), which
// never block on the network or the disk.
//
// The pieces run on the caller's thread for tests: run_round() (the hub),
// run_import(folder) (a stick), with a controllable clock and a hook that
// stops a round at a named step (a simulated power cut).
#pragma once

#include "content/package.h"
#include "content/package_trust.h"
#include "content_snapshot.h"
#include "sync_client.h"
#include "sync_transport.h"

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace kiosk::sync {

class ContentSource;

struct ContentUpdaterOptions {
    std::string own_kiosk;               // the hub's id of this kiosk (a snapshot must name it)
    std::string content_dir;             // hub/, .incoming/ and live.json live here
    std::string state_dir;               // DATA/content: the accepted snapshot.json (owner-only)
    std::vector<PublicKey> content_keys; // trusted_content_keys
    TrustRoots trust;                    // trusted_keys, trusted_reviewers
    PackageLimits limits;
    int64_t reserve_bytes = int64_t(512) << 20; // content_reserve_mb
    std::vector<std::string> import_dirs;       // content_import_dirs
    int64_t interval_ms = 900000;               // between hub rounds when all is well
    int64_t first_retry_ms = 30000;
    int64_t max_retry_ms = 3600000;
    int64_t import_every_ms = 5000; // how often the import folders are looked at
    // The wall clock (UTC ms) for expiry and backoff; default the system's.
    std::function<int64_t()> utc_now_ms;
    // The kiosk's local day "YYYY-MM-DD" for review expiry; default the machine's.
    std::function<std::string()> local_today;
    // Bytes free for this process where content_dir is; default statvfs.
    std::function<int64_t(const std::string&)> free_bytes;
    // Tests: called at each step of a round ("snapshot stored", "downloaded ID",
    // "installed ID", "live written", "cleaned"); true stops the round there,
    // as a power cut would.
    std::function<bool(std::string_view step)> stop_at;
    // Called on the updater thread after live.json changed.
    std::function<void()> live_changed;
};

// What one round did, for tests and the log.
struct ContentRoundResult {
    bool ok = false;       // nothing failed or was refused
    bool stopped = false;  // stop_at or stop() ended it early
    bool switched = false; // live.json was rewritten
    std::string snapshot;  // "accepted" | "same" | "refused" | "expired" | "absent" | "unreachable"
    std::string error;     // the first problem
    int downloaded = 0;    // packages verified and moved into hub/
};

class ContentUpdater {
public:
    ContentUpdater(ContentUpdaterOptions options, std::unique_ptr<SyncTransport> transport);
    ~ContentUpdater();
    ContentUpdater(const ContentUpdater&) = delete;
    ContentUpdater& operator=(const ContentUpdater&) = delete;

    void start();
    // Stops the thread without waiting for the hub: a download in flight is
    // cancelled (again until the thread ends, see cancel_and_join), and a
    // round stops before its next package. What was fetched so far stays in
    // .incoming and is resumed by the next start.
    void stop();
    // Asks for a hub round soon (the sync answer named another snapshot
    // version). Never blocks.
    void request_round();
    // For the heartbeat and the admin overlay. Never blocks on the disk.
    ContentState state() const;
    // The accepted snapshot's version (0: none), for comparing with the sync answer.
    int64_t accepted_version() const;

    // One round against the hub, on the caller's thread (not while the thread runs).
    ContentRoundResult run_round();
    // One look at an import folder, on the caller's thread.
    ContentRoundResult run_import(const std::string& folder);

private:
    struct Attempt {
        int failures = 0;
        int64_t next_try_utc_ms = 0;
        std::string reason;
    };
    ContentRoundResult apply(ContentSource& source);
    bool step(std::string_view name) const;
    bool stopping() const;
    void run();
    int64_t next_hub_round_delay_ms(const ContentRoundResult& result);

    ContentUpdaterOptions options_;
    std::unique_ptr<SyncTransport> transport_;
    RetrySchedule schedule_;

    // The updater thread's own record (only it, or run_round's caller, touches it).
    std::map<std::string, Attempt> attempts_;     // by package file name
    std::map<std::string, std::string> verified_; // hub/ file name -> "size:mtime" seen verified
    int round_failures_ = 0;

    mutable std::mutex mutex_;
    std::condition_variable wake_, finished_changed_;
    ContentState state_;
    int64_t accepted_version_ = 0;
    bool requested_ = false;
    bool stopping_ = false;
    bool thread_finished_ = false; // run() has returned (stop() cancels until then)
    std::thread thread_;
};

} // namespace kiosk::sync
