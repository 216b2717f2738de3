// Test helpers for engine/sync: a kiosk.db made by the real EventStore (so
// its schema, epoch and changed_seq are the kiosk's own), commits of chosen
// rollup changes, and a scripted hub that checks each batch as the real hub
// would and acknowledges it.
#pragma once

#include "core/temp_folder.h"
#include "sync/sync_protocol.h"
#include "sync/sync_transport.h"
#include "telemetry/event_store.h"

#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

namespace kiosk::test {

constexpr int64_t kSyncNow = 1795829400000; // 2026-11-28T01:30:00Z

// A kiosk.db in a temporary folder with its EventStore open.
struct KioskDb {
    TempFolder folder;
    telemetry::ManualClock clock{kSyncNow, 480};
    std::unique_ptr<telemetry::EventStore> store;
    std::string path = folder.file("kiosk.db");

    KioskDb() {
        telemetry::EventStoreOptions options{path, "0.4.0", &clock};
        options.prune_only_synced = true;
        std::string error;
        store = telemetry::EventStore::open(options, error);
        REQUIRE(store);
    }

    // One committed event changing `counts` (each "kind/subject/metric"):
    // every bucket it touches gets this event's seq as changed_seq. Returns it.
    int64_t commit(const std::vector<std::string>& counts, const std::string& day = "2026-11-28",
                   int64_t amount = 1) {
        telemetry::EventRecord event;
        event.time = clock.now();
        event.day = day;
        event.kind = "test";
        for (const std::string& count : counts) {
            const size_t a = count.find('/'), b = count.rfind('/');
            event.counts.push_back(
                {count.substr(0, a), count.substr(a + 1, b - a - 1), count.substr(b + 1), amount});
        }
        const int64_t seq = store->record(event);
        REQUIRE(store->flush());
        return seq;
    }
};

// A hub in a test: parses every body as the hub does, remembers the batches,
// and answers 200 acknowledging through_seq unless `answer` says otherwise.
struct ScriptedHub : sync::SyncTransport {
    std::vector<sync::SyncBatch> batches;
    std::vector<std::string> parse_errors;
    // Called before answering; returning an answer with status != 0 replaces the 200.
    std::function<sync::HttpAnswer(const sync::SyncBatch&)> answer;

    sync::HttpAnswer post_sync(const std::string& json) override {
        std::string error;
        std::optional<sync::SyncBatch> batch = sync::parse_sync_batch(json, error);
        if (!batch) {
            parse_errors.push_back(error);
            return {400, "{\"error\":\"" + error + "\"}", ""};
        }
        if (answer) {
            sync::HttpAnswer scripted = answer(*batch);
            if (scripted.status != 0 || !scripted.error.empty()) {
                batches.push_back(*batch);
                return scripted;
            }
        }
        batches.push_back(*batch);
        sync::SyncAnswer ack;
        ack.acknowledged_through_seq = batch->through_seq;
        ack.stored = int64_t(batch->buckets.size());
        ack.server_utc_ms = kSyncNow;
        ack.clock_skew_ms = batch->heartbeat.clock_utc_ms - kSyncNow;
        return {200, sync::to_json(ack), ""};
    }
    std::string describe() const override { return "scripted hub"; }
};

} // namespace kiosk::test
