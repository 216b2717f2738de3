// SyncClient: one round (outbox -> batches -> hub -> acknowledgement), the
// retry arithmetic, the thread that schedules rounds, and the status the
// admin overlay shows.
#include "sync_client.h"

#include "core/log.h"
#include "rollup_outbox.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <random>

namespace kiosk::sync {
namespace {

constexpr int64_t kMinRetryMs = 1000;
constexpr int64_t kCancelAgainMs = 50; // stop(): how often to cancel until the thread ends

int64_t system_utc_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The hub's {"error": "..."} when it sent one, else the body's start.
std::string hub_message(const std::string& body) {
    const nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
    if (parsed.is_object() && parsed.contains("error") && parsed["error"].is_string())
        return parsed["error"].get<std::string>();
    return body.substr(0, 200);
}

std::string describe_failure(const SyncTransport& transport, const HttpAnswer& answer) {
    if (answer.status == 0) return "cannot reach " + transport.describe() + ": " + answer.error;
    std::string text = "the hub answered " + std::to_string(answer.status);
    if (answer.status == 401) text += " (it does not accept this kiosk's token)";
    const std::string message = hub_message(answer.body);
    return message.empty() ? text : text + ": " + message;
}

uint64_t random_u64() {
    static thread_local std::mt19937_64 engine{std::random_device{}()};
    return engine();
}

} // namespace

int64_t RetrySchedule::backoff_cap_ms(int failures_in_a_row) const {
    int64_t cap = first_retry_ms_;
    for (int i = 1; i < failures_in_a_row && cap < max_retry_ms_; ++i)
        cap *= 2;
    return std::max<int64_t>(std::min(cap, max_retry_ms_), kMinRetryMs);
}

int64_t RetrySchedule::after_failure(int64_t now_ms, int failures_in_a_row, uint64_t random) const {
    const int64_t cap = backoff_cap_ms(failures_in_a_row);
    return now_ms + kMinRetryMs + int64_t(random % uint64_t(cap - kMinRetryMs + 1));
}

int64_t RetrySchedule::honour_retry_after(int64_t chosen_ms, int64_t retry_after_ms) const {
    if (retry_after_ms < 0) return chosen_ms;
    return std::max(chosen_ms, std::min(retry_after_ms, std::max(max_retry_ms_, kMinRetryMs)));
}

void cancel_and_join(SyncTransport* transport, std::unique_lock<std::mutex>& lock,
                     std::condition_variable& finished_changed, const bool& finished,
                     std::thread& thread) {
    do {
        lock.unlock();
        if (transport) transport->cancel();
        lock.lock();
    } while (thread.joinable() && !finished &&
             !finished_changed.wait_for(lock, std::chrono::milliseconds(kCancelAgainMs),
                                        [&] { return finished; }));
    lock.unlock();
    if (thread.joinable()) thread.join();
}

SyncClient::SyncClient(SyncClientOptions options, std::unique_ptr<SyncTransport> transport)
    : options_(std::move(options)), transport_(std::move(transport)),
      schedule_(options_.interval_ms, options_.first_retry_ms, options_.max_retry_ms) {
    if (!options_.utc_now_ms) options_.utc_now_ms = system_utc_ms;
}

SyncClient::~SyncClient() {
    stop();
}

void SyncClient::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_finished_ = false;
    thread_ = std::thread([this] { run(); });
}

void SyncClient::stop() {
    std::unique_lock lock(mutex_);
    stopping_ = true;
    wake_.notify_all();
    cancel_and_join(transport_.get(), lock, round_done_, thread_finished_, thread_);
}

void SyncClient::request_sync() {
    {
        std::lock_guard lock(mutex_);
        requested_ = true;
    }
    wake_.notify_all();
}

SyncStatus SyncClient::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

bool SyncClient::wait_for_rounds(int64_t rounds, int64_t timeout_ms) const {
    std::unique_lock lock(mutex_);
    return round_done_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                                [&] { return status_.rounds >= rounds; });
}

bool SyncClient::stopping() const {
    std::lock_guard lock(mutex_);
    return stopping_ && thread_.joinable();
}

RoundResult SyncClient::run_round() {
    RoundResult result;
    const int64_t started_utc_ms = options_.utc_now_ms();
    std::string error;
    int64_t clock_skew_ms = 0;
    if (options_.before_round) options_.before_round();
    std::unique_ptr<RollupOutbox> outbox = RollupOutbox::open(options_.kiosk_db, error);
    if (!outbox) result.error = error;
    int64_t synced = outbox ? outbox->synced_seq() : 0;
    while (outbox) {
        if (stopping()) {
            result.error = "stopped before the end (the kiosk is shutting down)";
            break;
        }
        std::optional<SyncBatch> batch = outbox->next_batch(synced, options_.max_buckets, error);
        if (!batch) {
            result.error = error;
            break;
        }
        // The first POST goes even with nothing new: it carries the heartbeat.
        const bool nothing_new = batch->buckets.empty() && batch->through_seq <= synced;
        if (nothing_new && result.batches > 0) {
            result.ok = true;
            break;
        }
        if (options_.heartbeat) batch->heartbeat = options_.heartbeat();
        const HttpAnswer answer = transport_->post_sync(to_json(*batch));
        if (answer.status != 200) {
            result.error = describe_failure(*transport_, answer);
            if (answer.retry_after_s >= 0) result.retry_after_ms = answer.retry_after_s * 1000;
            break;
        }
        std::optional<SyncAnswer> acknowledged = parse_sync_answer(answer.body, error);
        if (!acknowledged) {
            result.error = "the hub's answer is not a sync acknowledgement: " + error;
            break;
        }
        if (acknowledged->acknowledged_through_seq != batch->through_seq) {
            result.error = "the hub acknowledged through seq " +
                           std::to_string(acknowledged->acknowledged_through_seq) + ", not " +
                           std::to_string(batch->through_seq) + " as sent";
            break;
        }
        if (batch->through_seq > synced) options_.acknowledge(batch->through_seq);
        if (options_.on_answer) options_.on_answer(*acknowledged);
        synced = std::max(synced, batch->through_seq);
        clock_skew_ms = acknowledged->clock_skew_ms;
        ++result.batches;
        result.buckets += int64_t(batch->buckets.size());
        if (nothing_new) {
            result.ok = true;
            break;
        }
    }
    if (outbox && outbox->rows_left_out())
        log_warning(options_.kiosk_db + ": " + std::to_string(outbox->rows_left_out()) +
                    " rollup rows cannot be sent to the hub (outside the sync protocol's rules) "
                    "and were left out");

    std::lock_guard lock(mutex_);
    SyncStatus& status = status_;
    const bool was_failing = status.failures_in_a_row > 0;
    ++status.rounds;
    status.last_attempt_utc_ms = started_utc_ms;
    status.last_ok = result.ok;
    status.last_error = result.error;
    status.buckets_sent += result.buckets;
    status.synced_seq = synced;
    if (result.batches) status.clock_skew_ms = clock_skew_ms;
    if (result.ok) {
        status.last_success_utc_ms = started_utc_ms;
        status.failures_in_a_row = 0;
        status.next_retry_in_ms = 0;
        if (was_failing) log_info("sync with " + transport_->describe() + " works again");
    } else {
        ++status.failures_in_a_row;
        status.next_retry_in_ms = schedule_.honour_retry_after(
            schedule_.after_failure(0, status.failures_in_a_row, random_u64()),
            result.retry_after_ms);
        if (!was_failing || status.failures_in_a_row % 10 == 0)
            log_warning("sync failed (" + std::to_string(status.failures_in_a_row) +
                        " in a row, next try in " + std::to_string(status.next_retry_in_ms / 1000) +
                        " s): " + result.error);
    }
    round_done_.notify_all();
    return result;
}

void SyncClient::run() {
    using Steady = std::chrono::steady_clock;
    Steady::time_point due = Steady::now(); // a round at start
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_until(
            lock, due, [&] { return stopping_ || (requested_ && status_.failures_in_a_row == 0); });
        if (stopping_) break;
        requested_ = false;
        lock.unlock();
        const RoundResult result = run_round();
        lock.lock();
        due = Steady::now() + std::chrono::milliseconds(result.ok ? schedule_.after_success(0)
                                                                  : status_.next_retry_in_ms);
    }
    thread_finished_ = true;
    round_done_.notify_all();
}

} // namespace kiosk::sync
