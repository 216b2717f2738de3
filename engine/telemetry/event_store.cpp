// EventStore: opening and migrating kiosk.db, the writer thread with its
// batched transactions (events, subjects and rollups together), the full-disk
// fallback (rollups without raw events, counts held in memory when even those
// do not fit) and retention pruning.
//
// Index of this file:
// [SECTION] Helpers: limits, queued events, bucket keys, the writer's statements
// [SECTION] The writer thread: batched transactions, the full-disk fallback, pruning
// [SECTION] Opening kiosk.db: EventStore::open
// [SECTION] The EventStore interface: record, flush, prune, acknowledge, health

#include "event_store.h"

#include "core/civil_time.h"
#include "core/json_text.h"
#include "core/log.h"
#include "core/private_files.h"
#include "core/random_id.h"
#include "core/sqlite_statement.h"
#include "schema.h"

#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>

namespace kiosk::telemetry {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers: limits, queued events, bucket keys, the writer's statements
//-----------------------------------------------------------------------------

constexpr int64_t kPruneEveryEvents = 20000;
constexpr int64_t kPruneEveryMonoMs = 3600000;
constexpr int64_t kPruneChunk = 10000;     // events deleted per transaction
constexpr size_t kMaxHeldBuckets = 200000; // rollup buckets held in memory on a full disk
constexpr size_t kBatchTarget = 4096;      // a batch this big is written without waiting

struct Queued {
    int64_t seq = 0;
    EventRecord event;
};

// day, subject_kind, subject and metric joined by \x1f (none of them holds it).
using BucketKey = std::string;

BucketKey bucket_key(const std::string& day, const RollupDelta& delta) {
    BucketKey key;
    key.reserve(day.size() + delta.subject_kind.size() + delta.subject.size() +
                delta.metric.size() + 3);
    key.append(day).append(1, '\x1f').append(delta.subject_kind).append(1, '\x1f');
    key.append(delta.subject).append(1, '\x1f').append(delta.metric);
    return key;
}

// The four parts of a BucketKey, as views into it.
std::array<std::string_view, 4> bucket_parts(const BucketKey& key) {
    std::array<std::string_view, 4> parts;
    size_t start = 0;
    for (size_t i = 0; i < 3; ++i) {
        const size_t end = key.find('\x1f', start);
        parts[i] = std::string_view(key).substr(start, end - start);
        start = end + 1;
    }
    parts[3] = std::string_view(key).substr(start);
    return parts;
}

bool storage_exhausted(int code) {
    const int primary = code & 0xff;
    return primary == SQLITE_FULL || primary == SQLITE_IOERR || primary == SQLITE_READONLY ||
           primary == SQLITE_CANTOPEN;
}

// The writer's statements, prepared once and reused for every batch.
struct WriterStatements {
    explicit WriterStatements(sqlite3* db)
        : insert_event(db,
                       "INSERT INTO events(seq, utc_ms, utc_offset_min, day, boot, mono_ms, "
                       "session, kind, subject, content_version, fields, clock_flags) "
                       "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                       StatementUse::reused),
          upsert_rollup(db,
                        "INSERT INTO rollups(day, subject_kind, subject, metric, value, "
                        "changed_seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6) "
                        "ON CONFLICT(day, subject_kind, subject, metric) DO UPDATE SET "
                        "value = value + excluded.value, changed_seq = excluded.changed_seq",
                        StatementUse::reused),
          upsert_subject(db,
                         "INSERT INTO subjects(subject_kind, subject, title_zh, title_en) "
                         "VALUES(?1, ?2, ?3, ?4) ON CONFLICT(subject_kind, subject) DO UPDATE SET "
                         "title_zh = excluded.title_zh, title_en = excluded.title_en "
                         "WHERE title_zh IS NOT excluded.title_zh OR title_en IS NOT "
                         "excluded.title_en",
                         StatementUse::reused),
          set_last_seq(db,
                       "INSERT INTO meta(key, value) VALUES('last_seq', ?1) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       StatementUse::reused) {}

    // "" when all four prepared; otherwise the first one's error.
    std::string problem() const {
        for (const SqliteStatement* statement :
             {&insert_event, &upsert_rollup, &upsert_subject, &set_last_seq})
            if (!statement->ok()) return statement->error();
        return "";
    }

    SqliteStatement insert_event, upsert_rollup, upsert_subject, set_last_seq;
};

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] The writer thread: batched transactions, the full-disk fallback, pruning
//-----------------------------------------------------------------------------

struct EventStore::Writer {
    EventStoreOptions options;
    sqlite3* db = nullptr;
    std::string epoch, boot_id;
    std::string opening_day; // the local day at open, and its finding values then
    std::vector<std::string> opening_day_finding_values;
    int64_t boot_row = 0;
    std::optional<WriterStatements> statements;

    mutable std::mutex mutex;
    std::condition_variable wake, processed;
    std::vector<Queued> queue;
    int64_t next_seq = 1;
    int64_t processed_seq = 0;
    int64_t dropped_at_last_flush = 0;
    int64_t queue_lost = 0; // dropped whole by record() while the queue was full
    bool stopping = false;
    int flush_waiters = 0;
    int64_t prunes_requested = 0;
    int64_t prunes_done = 0;
    int64_t page_limit_request = -1;
    int64_t synced_request = 0; // the highest seq acknowledged by the hub, to store
    int64_t synced_stored = 0;  // the highest stored (meta.synced_seq)
    EventStoreHealth health;
    std::thread thread;

    // Writer-thread state (the failure counts are also touched under `mutex`).
    std::unordered_map<BucketKey, int64_t> held_counts; // counted but not yet stored (full disk)
    bool storage_failing = false;
    int64_t dropped_while_failing = 0; // raw events whose counts were kept
    int64_t lost_while_failing = 0;    // events dropped whole (held counts full)
    int64_t events_since_prune = 0;
    int64_t pruned_at_mono = 0;

    ~Writer() {
        statements.reset(); // finalized before the connection closes
        sqlite3_close(db);
    }

    bool prepare(std::string& error) {
        statements.emplace(db);
        error = statements->problem();
        return error.empty();
    }

    // One transaction: the raw events (unless `with_events` is false), their
    // subjects' titles and every count. Returns SQLite's result code.
    int write(const std::vector<Queued>& batch,
              const std::unordered_map<BucketKey, int64_t>& counts, bool with_events) {
        if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
            return sqlite3_extended_errcode(db);
        const int64_t batch_seq = batch.back().seq;
        int code = SQLITE_OK;
        // Texts are bound without a copy: each statement is reset right after its step.
        auto step = [&](SqliteStatement& statement) {
            if (!statement.run() && code == SQLITE_OK) code = statement.error_code();
            statement.reset();
        };
        SqliteStatement& insert_event = statements->insert_event;
        SqliteStatement& upsert_subject = statements->upsert_subject;
        SqliteStatement& upsert_rollup = statements->upsert_rollup;
        for (const Queued& queued : batch) {
            if (code != SQLITE_OK) break;
            const EventRecord& event = queued.event;
            if (with_events) {
                insert_event.bind(1, queued.seq).bind(2, event.time.utc_ms);
                insert_event.bind(3, event.time.utc_offset_min).bind_view(4, event.day);
                insert_event.bind(5, boot_row).bind(6, event.time.mono_ms);
                if (!event.session.empty()) insert_event.bind_view(7, event.session);
                insert_event.bind_view(8, event.kind).bind_view(9, event.subject);
                insert_event.bind_view(10, event.content_version);
                insert_event.bind_view(11, event.fields_json).bind(12, event.clock_flags);
                step(insert_event);
            }
            for (const SubjectTitle& title : event.titles) {
                upsert_subject.bind_view(1, title.subject_kind).bind_view(2, title.subject);
                upsert_subject.bind_view(3, title.zh).bind_view(4, title.en);
                step(upsert_subject);
            }
        }
        for (const auto& [key, amount] : counts) {
            if (code != SQLITE_OK) break;
            const auto parts = bucket_parts(key);
            for (int i = 0; i < 4; ++i)
                upsert_rollup.bind_view(i + 1, parts[size_t(i)]);
            // The batch's last seq, so a sync that acknowledged any earlier
            // change sees this one, even for counts held from older batches.
            upsert_rollup.bind(5, amount).bind(6, batch_seq);
            step(upsert_rollup);
        }
        if (code == SQLITE_OK) {
            statements->set_last_seq.bind(1, batch_seq);
            step(statements->set_last_seq);
        }
        if (code == SQLITE_OK && sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
            code = sqlite3_extended_errcode(db);
        if (code != SQLITE_OK) exec_sql(db, "ROLLBACK");
        return code;
    }

    void write_batch(std::vector<Queued>& batch) {
        std::unordered_map<BucketKey, int64_t> counts = std::move(held_counts);
        held_counts.clear();
        for (const Queued& queued : batch)
            for (const RollupDelta& delta : queued.event.counts)
                counts[bucket_key(queued.event.day, delta)] += delta.amount;

        int code = write(batch, counts, true);
        if (code == SQLITE_OK) {
            std::lock_guard lock(mutex);
            health.events_stored += int64_t(batch.size());
            health.counts_pending = 0;
            health.disk_full = false;
            health.write_refused = false;
            health.last_error.clear();
            if (storage_failing || queue_lost) recovered();
            return;
        }
        const std::string message = sqlite3_errstr(code);
        if (!storage_exhausted(code))
            log_error(options.path + ": storing " + std::to_string(batch.size()) +
                      " events failed: " + message);
        // Keep the counts before the raw events.
        const int counts_code = write(batch, counts, false);
        int64_t lost = 0;
        if (counts_code != SQLITE_OK) {
            if (counts.size() <= kMaxHeldBuckets) {
                held_counts = std::move(counts);
            } else {
                lost = int64_t(batch.size());
            }
        }
        if (!storage_failing)
            log_error(options.path + ": cannot store events (" + message +
                      "); the kiosk keeps running, keeping usage counts" +
                      (counts_code == SQLITE_OK ? "" : " in memory") +
                      " and dropping raw events until space returns");
        storage_failing = true;
        dropped_while_failing += int64_t(batch.size()) - lost;
        lost_while_failing += lost;
        std::lock_guard lock(mutex);
        health.raw_dropped += int64_t(batch.size());
        health.counts_pending = int64_t(held_counts.size());
        health.disk_full = true;
        health.write_refused = (code & 0xff) != SQLITE_FULL;
        health.last_error = message;
    }

    // Storage works again: say so once, and record what was dropped (the
    // event goes through the queue like any other). Called with `mutex` held.
    void recovered() {
        storage_failing = false;
        lost_while_failing += queue_lost;
        queue_lost = 0;
        log_info(options.path + ": storing events again; " + std::to_string(dropped_while_failing) +
                 " raw events were dropped (counted)" +
                 (lost_while_failing
                      ? ", " + std::to_string(lost_while_failing) + " events lost entirely"
                      : std::string()));
        EventRecord event;
        event.time = options.clock->now();
        event.day = local_day(event.time.utc_ms, event.time.utc_offset_min);
        event.kind = "storage_recovered";
        event.fields_json = "{\"dropped_raw_events\":" + std::to_string(dropped_while_failing) +
                            ",\"lost_events\":" + std::to_string(lost_while_failing) + "}";
        if (!plausible_utc_ms(event.time.utc_ms)) event.clock_flags |= 1;
        if (dropped_while_failing)
            event.counts.push_back({"kiosk", "", "dropped_raw_events", dropped_while_failing});
        dropped_while_failing = 0;
        lost_while_failing = 0;
        queue.push_back(Queued{next_seq++, std::move(event)});
    }

    // Deletes raw events older than the retention age (their counts stay in
    // the rollups). Events with an implausible clock are judged by their seq:
    // everything recorded before the newest old-enough plausible event goes.
    void prune() {
        const ClockReading now = options.clock->now();
        pruned_at_mono = now.mono_ms;
        events_since_prune = 0;
        if (!plausible_utc_ms(now.utc_ms)) return; // a wrong clock must not delete anything
        const int64_t cutoff = now.utc_ms - int64_t(options.retention_days) * kMsPerDay;
        SqliteStatement newest_old(
            db, "SELECT max(seq) FROM events WHERE utc_ms < ?1 AND (clock_flags & 1) = 0");
        int64_t limit = newest_old.bind(1, cutoff).next() ? newest_old.integer(0) : 0;
        if (options.prune_only_synced) {
            const std::string synced = read_meta(db, "synced_seq");
            limit = std::min<int64_t>(limit, synced.empty() ? 0 : std::stoll(synced));
        }
        if (limit <= 0) return;
        int64_t from = query_int64(db, "SELECT min(seq) FROM events", 0);
        int64_t deleted = 0;
        while (from > 0 && from <= limit) {
            const int64_t to = std::min(limit, from + kPruneChunk - 1);
            const std::string sql = "DELETE FROM events WHERE seq BETWEEN " + std::to_string(from) +
                                    " AND " + std::to_string(to);
            if (!exec_sql(db, sql)) break;
            deleted += sqlite3_changes(db);
            from = to + 1;
        }
        if (deleted)
            log_info(options.path + ": pruned " + std::to_string(deleted) +
                     " raw events older than " + std::to_string(options.retention_days) +
                     " days (their counts stay)");
    }

    // meta.synced_seq = max(its value, seq); the sync client's acknowledgement.
    void store_synced_seq(int64_t seq) {
        const std::string value = "'" + std::to_string(seq) + "'";
        const bool stored =
            exec_sql(db, "INSERT INTO meta(key, value) VALUES('synced_seq', " + value +
                             ") ON CONFLICT(key) DO UPDATE SET value = excluded.value "
                             "WHERE CAST(value AS INTEGER) < CAST(excluded.value AS INTEGER)");
        if (!stored)
            log_error(options.path + ": cannot store the hub's acknowledgement (synced_seq " +
                      std::to_string(seq) + "): " + sqlite3_errmsg(db));
        std::lock_guard lock(mutex);
        synced_stored = std::max(synced_stored, seq); // a failure is retried by the next sync
    }

    void run() {
        std::vector<Queued> batch;
        for (;;) {
            bool prune_now = false;
            int64_t synced_target = 0;
            {
                std::unique_lock lock(mutex);
                wake.wait(lock, [&] {
                    return stopping || !queue.empty() || prunes_requested > prunes_done ||
                           page_limit_request >= 0 || synced_request > synced_stored;
                });
                // Gather a batch: one commit (and fsync) per batch_delay_ms rather
                // than one per event keeps the disk and the other core quiet.
                wake.wait_for(lock, std::chrono::milliseconds(options.batch_delay_ms), [&] {
                    return stopping || flush_waiters > 0 || queue.size() >= kBatchTarget ||
                           synced_request > synced_stored;
                });
                if (page_limit_request >= 0) {
                    const std::string sql =
                        "PRAGMA max_page_count = " +
                        std::to_string(page_limit_request ? page_limit_request : 4294967294LL);
                    exec_sql(db, sql);
                    page_limit_request = -1;
                }
                prune_now = prunes_requested > prunes_done;
                synced_target = synced_request;
                if (queue.empty() && stopping && synced_target <= synced_stored) break;
                batch.swap(queue);
            }
            if (synced_target > synced_stored) store_synced_seq(synced_target);
            if (!batch.empty()) {
                write_batch(batch);
                events_since_prune += int64_t(batch.size());
                std::lock_guard lock(mutex);
                processed_seq = batch.back().seq;
                health.committed_seq = processed_seq;
                batch.clear();
            }
            if (prune_now || events_since_prune >= kPruneEveryEvents ||
                options.clock->now().mono_ms - pruned_at_mono >= kPruneEveryMonoMs) {
                const int64_t requested = [&] {
                    std::lock_guard lock(mutex);
                    return prunes_requested;
                }();
                prune();
                std::lock_guard lock(mutex);
                prunes_done = requested;
            }
            processed.notify_all();
        }
        processed.notify_all();
    }
};

//-----------------------------------------------------------------------------
// [SECTION] Opening kiosk.db: EventStore::open
//-----------------------------------------------------------------------------

std::unique_ptr<EventStore> EventStore::open(const EventStoreOptions& options, std::string& error) {
    auto writer = std::make_unique<Writer>();
    writer->options = options;
    const std::string& path = options.path;
    if (!options.clock) {
        error = path + ": the event store needs a clock";
        return nullptr;
    }
    writer->db = open_kiosk_db(path, error);
    if (!writer->db) return nullptr;
    sqlite3* db = writer->db;
    if (options.max_page_count > 0)
        exec_sql(db, "PRAGMA max_page_count = " + std::to_string(options.max_page_count));

    writer->epoch = read_meta(db, "epoch");
    writer->boot_id = make_random_id();
    const ClockReading now = options.clock->now();
    SqliteStatement boot(db, "INSERT INTO boots(boot_id, started_utc_ms, software_version) "
                             "VALUES(?1, ?2, ?3)");
    if (boot.bind(1, writer->boot_id).bind(2, now.utc_ms).bind(3, options.software_version).run())
        writer->boot_row = sqlite3_last_insert_rowid(db);
    if (writer->boot_row == 0) {
        error = path + ": cannot record the boot: " + sqlite3_errmsg(db);
        return nullptr;
    }
    // A seq is never reused, even after pruning removed the newest events.
    const std::string last_seq = read_meta(db, "last_seq");
    writer->next_seq = std::max<int64_t>(query_int64(db, "SELECT max(seq) FROM events", 0),
                                         last_seq.empty() ? int64_t(0) : std::stoll(last_seq)) +
                       1;
    // The finding values already kept today: the cap of 32 a field holds
    // across restarts (InteractionLog).
    writer->opening_day = local_day(now.utc_ms, now.utc_offset_min);
    SqliteStatement kept_values(db, "SELECT subject FROM rollups WHERE day = ?1 AND"
                                    " subject_kind = 'finding_value' AND metric = 'visitors'");
    kept_values.bind(1, writer->opening_day);
    while (kept_values.next())
        writer->opening_day_finding_values.push_back(kept_values.text(0));
    writer->processed_seq = writer->next_seq - 1;
    writer->health.committed_seq = writer->processed_seq;
    writer->pruned_at_mono = now.mono_ms - kPruneEveryMonoMs; // prune soon after start
    if (!writer->prepare(error)) {
        error = path + ": " + error;
        return nullptr;
    }
    Writer* raw = writer.get();
    writer->thread = std::thread([raw] {
        // Below the render thread: a commit may wait for the disk, a frame may not.
        setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), 10);
        raw->run();
    });
    return std::unique_ptr<EventStore>(new EventStore(std::move(writer)));
}

//-----------------------------------------------------------------------------
// [SECTION] The EventStore interface: record, flush, prune, acknowledge, health
//-----------------------------------------------------------------------------

EventStore::EventStore(std::unique_ptr<Writer> writer) : writer_(std::move(writer)) {}

EventStore::~EventStore() {
    {
        std::lock_guard lock(writer_->mutex);
        writer_->stopping = true;
    }
    writer_->wake.notify_one();
    writer_->thread.join();
}

int64_t EventStore::record(EventRecord event) {
    Writer& writer = *writer_;
    std::lock_guard lock(writer.mutex);
    if (writer.queue.size() >= writer.options.max_queue) {
        ++writer.health.raw_dropped;
        ++writer.queue_lost; // reported by the next storage_recovered event
        return 0;
    }
    const int64_t seq = writer.next_seq++;
    const bool was_empty = writer.queue.empty();
    writer.queue.push_back(Queued{seq, std::move(event)});
    if (was_empty) writer.wake.notify_one();
    return seq;
}

bool EventStore::flush() {
    Writer& writer = *writer_;
    std::unique_lock lock(writer.mutex);
    const int64_t target = writer.next_seq - 1;
    ++writer.flush_waiters;
    writer.wake.notify_one();
    writer.processed.wait(lock, [&] { return writer.processed_seq >= target; });
    --writer.flush_waiters;
    const bool all_stored = writer.health.raw_dropped == writer.dropped_at_last_flush;
    writer.dropped_at_last_flush = writer.health.raw_dropped;
    return all_stored;
}

void EventStore::prune_now() {
    Writer& writer = *writer_;
    std::unique_lock lock(writer.mutex);
    const int64_t request = ++writer.prunes_requested;
    writer.wake.notify_one();
    writer.processed.wait(lock, [&] { return writer.prunes_done >= request; });
}

void EventStore::acknowledge_synced(int64_t seq) {
    Writer& writer = *writer_;
    std::unique_lock lock(writer.mutex);
    writer.synced_request = std::max(writer.synced_request, seq);
    writer.wake.notify_one();
    writer.processed.wait(lock, [&] { return writer.synced_stored >= seq; });
}

void EventStore::set_max_page_count(int64_t pages) {
    {
        std::lock_guard lock(writer_->mutex);
        writer_->page_limit_request = pages;
    }
    writer_->wake.notify_one();
}

EventStoreHealth EventStore::health() const {
    std::lock_guard lock(writer_->mutex);
    return writer_->health;
}

const std::string& EventStore::epoch() const {
    return writer_->epoch;
}

const std::string& EventStore::boot_id() const {
    return writer_->boot_id;
}

const std::string& EventStore::opening_day() const {
    return writer_->opening_day;
}

const std::vector<std::string>& EventStore::opening_day_finding_values() const {
    return writer_->opening_day_finding_values;
}

} // namespace kiosk::telemetry
