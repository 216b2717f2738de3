// Faults at the hub: its database locked by another process while kiosks
// sync (a clear 503 with Retry-After, nothing stored, then exactly once when
// the lock goes), and `kiosk-hub import` SIGKILLed in the middle of its one
// transaction (all or nothing; importing again gives the totals of one
// import). SIGKILL of `kiosk-hub serve` during ingest is covered by
// tests/hub (see README.md).
#include "core/civil_time.h"
#include "core/signing_keys.h"
#include "fault_support.h"
#include "hub/bundle_import.h"
#include "hub/hub_test_support.h"
#include "sync/bundle.h"
#include "sync/rollup_outbox.h"
#include "sync/sync_client.h"
#include "sync/sync_test_support.h"
#include "telemetry/telemetry_test_support.h"
#include "test_paths.h"

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sodium.h>

using namespace kiosk;
using namespace kiosk::test;

namespace {

// A test's own connection to hub.db, as an operator's sqlite3 shell would be.
class HubDbConnection {
public:
    explicit HubDbConnection(const std::string& hub_data) {
        REQUIRE(sqlite3_open_v2((hub_data + "/hub.db").c_str(), &db_, SQLITE_OPEN_READWRITE,
                                nullptr) == SQLITE_OK);
    }
    ~HubDbConnection() { sqlite3_close(db_); }
    int exec(const char* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }

private:
    sqlite3* db_ = nullptr;
};

// `kiosk-hub import --data DATA FILE` as a child process.
pid_t start_import(const std::string& data, const std::string& file, const std::string& output) {
    const std::string hub_program = kiosk::test::program_path("kiosk-hub");
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        const int out = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (out >= 0) {
            dup2(out, STDOUT_FILENO);
            dup2(out, STDERR_FILENO);
        }
        execl(hub_program.c_str(), hub_program.c_str(), "import", "--data", data.c_str(),
              file.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    return pid;
}

// `days` days of one kiosk's counts: 100 exhibits x 3 metrics a day.
sync::SyncBatch days_of_counts(int days) {
    sync::SyncBatch batch = make_batch("feedfacefeedfacefeedfacefeedface", 0);
    const std::chrono::sys_days first = *parse_day("2025-01-01");
    int64_t seq = 0;
    for (int day = 0; day < days; ++day) {
        const std::string text = format_day(first + std::chrono::days{day});
        for (int exhibit = 0; exhibit < 100; ++exhibit)
            for (const char* metric : {"visits", "dwell_ms", "interactions"})
                batch.buckets.push_back({text, "exhibit", "exhibit-" + std::to_string(exhibit),
                                         metric, 1 + (day * 7 + exhibit) % 50, ++seq});
    }
    batch.through_seq = seq;
    return batch;
}

Counts counts_of(const sync::SyncBatch& batch) {
    Counts counts;
    for (const sync::Bucket& bucket : batch.buckets)
        counts[{bucket.day, bucket.kind, bucket.subject, bucket.metric}] = bucket.value;
    return counts;
}

} // namespace

TEST_CASE("hub: its database locked by another process: a sync gets 503 with Retry-After, "
          "nothing stored, and the retry stores it once",
          "[faults][hub]") {
    TempFolder folder;
    const std::string data = folder.file("hub");
    const std::string token = add_kiosk(folder, data, "V-1", "K-1");
    HubProcess hub(data);
    const std::string url = "http://127.0.0.1:" + std::to_string(hub.port());
    KioskDb kiosk;
    kiosk.commit({"exhibit/pendulum-lab/visits", "kiosk//sessions"});
    kiosk.commit({"exhibit/water-cycle/visits", "kiosk//sessions"});
    std::string error;
    std::optional<sync::SyncBatch> batch =
        sync::RollupOutbox::open(kiosk.path, error)->next_batch(0, sync::kMaxBuckets, error);
    REQUIRE(batch);

    HubDbConnection other(data);
    REQUIRE(other.exec("BEGIN EXCLUSIVE") == SQLITE_OK);
    httplib::Client client("127.0.0.1", hub.port());
    client.set_read_timeout(60, 0);
    auto answer = client.Post("/api/v1/sync", {{"Authorization", "Bearer " + token}},
                              sync::to_json(*batch), "application/json");
    REQUIRE(answer);
    CHECK(answer->status == 503);
    CHECK(answer->get_header_value("Retry-After") == "30");
    CHECK_THAT(answer->body, Catch::Contains("nothing was stored") &&
                                 Catch::Contains("hub.db is locked by another process"));
    // The kiosk's own client: a failed round, nothing taken as acknowledged.
    std::unique_ptr<sync::SyncClient> sync_client = http_client(kiosk, url, token);
    sync::RoundResult round = sync_client->run_round();
    CHECK_FALSE(round.ok);
    CHECK_THAT(round.error, Catch::StartsWith("the hub answered 503"));
    CHECK(round.retry_after_ms == 30000); // and the kiosk waits at least that long
    CHECK(sync_client->status().next_retry_in_ms >= 30000);
    CHECK(synced_seq_in_db(kiosk.path) == 0);
    REQUIRE(other.exec("ROLLBACK") == SQLITE_OK);
    CHECK(hub_counts(data, "K-1").empty());

    round = sync_client->run_round(); // the lock is gone: the retry
    INFO(round.error);
    REQUIRE(round.ok);
    CHECK(hub_counts(data, "K-1") == kiosk_counts(kiosk.path));
    CHECK(hub_venue_counts(data, "V-1") == kiosk_counts(kiosk.path));
    CHECK(synced_seq_in_db(kiosk.path) == kiosk.store->health().committed_seq);
}

TEST_CASE("hub: SIGKILL during import stores all or nothing, and importing again counts once",
          "[faults][hub]") {
    REQUIRE(sodium_init() >= 0);
    TempFolder folder;
    const std::string data = folder.file("hub");
    const SecretKey key = generate_key();
    {
        std::string error;
        std::unique_ptr<hub::HubStore> store = hub::open_hub_store(hub::StoreLocation(data), error);
        REQUIRE(store);
        REQUIRE(store->add_venue({"V-1", "科普大篷车", "Truck", "mobile_exhibit"}, error));
        hub::KioskRecord kiosk;
        kiosk.id = "K-TRUCK";
        kiosk.venue = "V-1";
        kiosk.token_hash = "unused";
        const PublicKey public_key = key.public_key();
        kiosk.public_key = to_base64(std::string_view(
            reinterpret_cast<const char*>(public_key.key.data()), public_key.key.size()));
        REQUIRE(store->add_kiosk(kiosk, error));
    }
    sync::SyncBatch batch = days_of_counts(140);
    batch.heartbeat.clock_utc_ms = 1795829400000;
    const Counts bundle_counts = counts_of(batch);
    REQUIRE(bundle_counts.size() == 42000);
    const std::string bundle =
        folder.write("bundle.json", sync::to_json(sync::make_bundle("K-TRUCK", batch, key)));

    // Killed while its transaction holds hub.db's write lock.
    const pid_t import = start_import(data, bundle, folder.file("import.out"));
    bool caught = false;
    {
        HubDbConnection probe(data);
        for (int status = 0; !caught && waitpid(import, &status, WNOHANG) == 0;) {
            const int code = probe.exec("BEGIN IMMEDIATE");
            if (code == SQLITE_BUSY) {
                ::kill(import, SIGKILL);
                caught = true;
            } else {
                if (code == SQLITE_OK) probe.exec("ROLLBACK");
                poll(nullptr, 0, 1);
            }
        }
    }
    int status = 0;
    if (caught) waitpid(import, &status, 0);
    INFO(read_text_file(folder.file("import.out")));
    REQUIRE(caught);
    REQUIRE(WIFSIGNALED(status));
    {
        Db db(data + "/hub.db");
        CHECK(db.text("PRAGMA integrity_check") == "ok");
    }
    const Counts after_kill = hub_counts(data, "K-TRUCK");
    CHECK((after_kill.empty() || after_kill == bundle_counts)); // one transaction
    CHECK(hub_venue_counts(data, "V-1") == after_kill);

    // Imported again after the kill, then once more: the totals of one import.
    CommandRun run = run_hub_command(folder, "import --data hub bundle.json");
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);
    CHECK(hub_counts(data, "K-TRUCK") == bundle_counts);
    run = run_hub_command(folder, "import --data hub bundle.json");
    REQUIRE(run.code == 0);
    CHECK_THAT(run.out, Catch::Contains(" 0 changed"));
    CHECK(hub_counts(data, "K-TRUCK") == bundle_counts);
    CHECK(hub_venue_counts(data, "V-1") == bundle_counts);
    HubProcess restarted(data); // and the hub serves from it
    CHECK(stored_totals(data).size() == 300);
}
