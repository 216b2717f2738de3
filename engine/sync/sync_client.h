// The kiosk's background sync: a thread that sends the rollup outbox to the
// hub batch after batch, on a schedule (sync.interval_s) and when the app asks
// (after each visitor session), and stores each acknowledgement. On failure it
// retries with exponential backoff (5 s doubling to 1 h) and full jitter, or
// later when a busy hub's answer asks for it (Retry-After). The
// app only calls request_sync() and status(), which never block on the
// network or the disk, so a frame is never delayed.
//
// The pieces are separable for tests: RetrySchedule is pure arithmetic,
// run_round() does one round on the caller's thread with any SyncTransport,
// and the thread (start/stop) only decides when to call run_round().
#pragma once

#include "sync_protocol.h"
#include "sync_transport.h"

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace kiosk::sync {

// When the next round is due, in milliseconds of a monotonic clock.
class RetrySchedule {
public:
    RetrySchedule(int64_t interval_ms, int64_t first_retry_ms, int64_t max_retry_ms)
        : interval_ms_(interval_ms), first_retry_ms_(first_retry_ms), max_retry_ms_(max_retry_ms) {}
    int64_t after_success(int64_t now_ms) const { return now_ms + interval_ms_; }
    // Full jitter: a uniform delay in [1 s, cap], cap = first_retry doubled per
    // failure in a row (1 = the first) up to max_retry. `random` is any 64-bit
    // random number.
    int64_t after_failure(int64_t now_ms, int failures_in_a_row, uint64_t random) const;
    // The cap above, for messages and tests.
    int64_t backoff_cap_ms(int failures_in_a_row) const;
    // The delay after a failure whose answer said Retry-After: the hub's
    // wish when it is longer than the backoff `chosen_ms`, but never longer
    // than max_retry (a misconfigured hub cannot silence a kiosk for days).
    // `retry_after_ms` < 0: no wish, `chosen_ms` stands.
    int64_t honour_retry_after(int64_t chosen_ms, int64_t retry_after_ms) const;

private:
    int64_t interval_ms_, first_retry_ms_, max_retry_ms_;
};

// How a background client (SyncClient, ContentUpdater) stops its thread: a
// cancel only cuts short a request already in flight, and the thread may be
// about to start one (it looks at its stopping flag only between requests),
// so cancel again every 50 ms until `finished` (set under `lock`'s mutex and
// announced on `finished_changed`), rather than once and then waiting out the
// transport's timeouts; then join. `transport` may be null (nothing to cancel).
void cancel_and_join(SyncTransport* transport, std::unique_lock<std::mutex>& lock,
                     std::condition_variable& finished_changed, const bool& finished,
                     std::thread& thread);

struct SyncClientOptions {
    std::string kiosk_db; // DATA/kiosk.db, opened read-only per round
    int64_t interval_ms = 900000;
    int64_t first_retry_ms = 5000;
    int64_t max_retry_ms = 3600000;
    size_t max_buckets = kMaxBuckets;
    // Called on the sync thread for every batch: the kiosk's current state.
    std::function<Heartbeat()> heartbeat;
    // Called on the sync thread after each 200: store the acknowledgement
    // (EventStore::acknowledge_synced). Required.
    std::function<void(int64_t through_seq)> acknowledge;
    // Called on the sync thread before each round reads kiosk.db (the app
    // flushes the event store, so the visitor who just left is included).
    std::function<void()> before_round;
    // Called on the sync thread with each acknowledgement the hub sent (the
    // app compares its content_snapshot_version with the content updater's).
    std::function<void(const SyncAnswer&)> on_answer;
    // The wall clock for status times (UTC ms); default: the system clock.
    std::function<int64_t()> utc_now_ms;
};

struct SyncStatus {
    int64_t rounds = 0;              // finished rounds, successful or not
    int64_t last_attempt_utc_ms = 0; // 0: none yet
    int64_t last_success_utc_ms = 0; // 0: none yet
    bool last_ok = false;
    std::string last_error;       // the last round's problem, "" when it succeeded
    int failures_in_a_row = 0;    // 0 after a success
    int64_t next_retry_in_ms = 0; // after a failure: the backoff chosen
    int64_t synced_seq = 0;       // acknowledged by the hub
    int64_t buckets_sent = 0;     // since start
    int64_t clock_skew_ms = 0;    // the hub's last answer: kiosk clock minus hub clock
};

struct RoundResult {
    bool ok = false;
    std::string error;
    int batches = 0;             // POSTs answered 200
    int64_t buckets = 0;         // buckets in them
    int64_t retry_after_ms = -1; // the failed answer's Retry-After, -1: none
};

class SyncClient {
public:
    SyncClient(SyncClientOptions options, std::unique_ptr<SyncTransport> transport);
    // Stops the thread (a request in flight is cancelled, see stop()).
    ~SyncClient();
    SyncClient(const SyncClient&) = delete;
    SyncClient& operator=(const SyncClient&) = delete;

    // The background thread: a round at start, then on the schedule.
    void start();
    // Stops the thread without waiting for the hub: a request in flight is
    // cancelled, and so is one that starts while stopping. (A connection still
    // being made can take up to the transport's connect timeout.)
    void stop();
    // Asks for a round soon (ignored while backing off after a failure: the
    // retry timer decides then). Never blocks.
    void request_sync();
    SyncStatus status() const;
    // Waits until `rounds` rounds have finished or `timeout_ms` passed (tests
    // and tools); true when they have.
    bool wait_for_rounds(int64_t rounds, int64_t timeout_ms) const;

    // One round on the caller's thread: every batch until nothing is left, at
    // least one POST (the heartbeat), stopping at the first failure. Updates
    // status() as the thread's rounds do. Not while the thread runs.
    RoundResult run_round();

private:
    void run();
    bool stopping() const;

    SyncClientOptions options_;
    std::unique_ptr<SyncTransport> transport_;
    RetrySchedule schedule_;

    mutable std::mutex mutex_;
    mutable std::condition_variable wake_, round_done_;
    SyncStatus status_;
    bool requested_ = false;
    bool stopping_ = false;
    bool thread_finished_ = false; // run() has returned (stop() cancels until then)
    std::thread thread_;
};

} // namespace kiosk::sync
