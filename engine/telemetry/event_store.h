// The event store: kiosk.db in the data folder (WAL, synchronous=FULL, schema in
// schema.h). Callers hand it finished EventRecords; record() only appends to a
// queue under a short lock, and one writer thread commits the queue in batched
// transactions, each event together with the rollup counts it changes, so the
// rollups always equal a recount of the raw events (except raw events dropped
// on a full disk, which the rollups still count and a storage_recovered event
// reports). The render thread never waits on disk.
//
// On a full disk the store keeps running: it stores the rollups without the raw
// events, counts what it dropped, logs the condition once, and goes back to
// storing everything when a commit succeeds again. Raw events older than the
// retention age are pruned (rollups stay for ever).
#pragma once

#include "clock.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kiosk::telemetry {

// One usage count an event changes: rollups[day, subject_kind, subject, metric] += amount.
struct RollupDelta {
    std::string subject_kind, subject, metric;
    int64_t amount = 1;
};

// The names reports show for a subject, stored with the event that mentions it.
struct SubjectTitle {
    std::string subject_kind, subject, zh, en;
};

struct EventRecord {
    ClockReading time;
    std::string day;     // local YYYY-MM-DD: local_day(time.utc_ms, time.utc_offset_min)
    std::string session; // the visitor session id; "" for system events
    std::string kind, subject, content_version;
    std::string fields_json = "{}";
    int clock_flags = 0;              // see schema.h
    std::vector<RollupDelta> counts;  // the rollups this event adds to
    std::vector<SubjectTitle> titles; // upserted into subjects
};

struct EventStoreOptions {
    std::string path;               // DATA/kiosk.db
    std::string software_version;   // recorded with the boot
    const Clock* clock = nullptr;   // for the store's own events and pruning; required
    int retention_days = 400;       // raw events older than this are pruned
    bool prune_only_synced = false; // also require seq <= meta.synced_seq (set by sync)
    size_t max_queue = 100000;      // beyond this, record() drops and counts
    int batch_delay_ms = 100;       // the writer gathers events this long before a commit
                                    // (flush() and closing do not wait)
    int64_t max_page_count = 0;     // > 0: SQLite's page limit (tests simulate a full disk)
};

struct EventStoreHealth {
    int64_t committed_seq = 0;  // every event up to here is processed
    int64_t events_stored = 0;  // raw events committed since open
    int64_t raw_dropped = 0;    // raw events dropped (full disk or full queue) since open
    int64_t counts_pending = 0; // rollup buckets waiting for space
    bool disk_full = false;     // storing fails: the disk is full or refuses writes
    bool write_refused = false; // ... because it refuses writes (read-only, I/O error), not full
    std::string last_error;
};

class EventStore {
public:
    // Opens (creating or migrating) the database and starts the writer thread.
    // nullptr with `error` ("PATH: what is wrong") when it cannot be used; a
    // database newer than this build is refused and left untouched.
    static std::unique_ptr<EventStore> open(const EventStoreOptions& options, std::string& error);
    // Drains the queue, then stops the writer.
    ~EventStore();
    EventStore(const EventStore&) = delete;
    EventStore& operator=(const EventStore&) = delete;

    // Queues one event and returns its seq (0 when the queue was full and the
    // event was dropped). Never blocks on disk.
    int64_t record(EventRecord event);
    // Waits until everything recorded before the call is processed. True when
    // all of it was committed with its raw event (nothing dropped).
    bool flush();
    // The hub acknowledged every rollup change up to `seq`: stores it as
    // meta.synced_seq (never lowering it) on the writer thread and returns once
    // stored. With prune_only_synced, raw events up to it may then be pruned.
    void acknowledge_synced(int64_t seq);
    // Prunes old raw events now instead of at the writer's next round.
    void prune_now();
    // Tests: change SQLite's page limit (0 = none) as if disk space came back.
    void set_max_page_count(int64_t pages);

    EventStoreHealth health() const;
    const std::string& epoch() const;
    const std::string& boot_id() const;
    // The local day when the store opened, and the finding_value subjects its
    // rollups held for that day then (InteractionLog's cap of values a field
    // keeps a day holds across restarts).
    const std::string& opening_day() const;
    const std::vector<std::string>& opening_day_finding_values() const;

private:
    struct Writer;
    explicit EventStore(std::unique_ptr<Writer> writer);
    std::unique_ptr<Writer> writer_;
};

} // namespace kiosk::telemetry
