// End-to-end sync: real kiosk-hub processes on 127.0.0.1, kiosks simulated in
// this process with the real EventStore and InteractionLog writing temporary
// kiosk.db files on a ManualClock, and the real SyncClient over the real HTTP
// transport, driven round by round (run_round) so every step is deterministic.
// Each test compares, for every (day, kind, subject, metric), the hub's totals
// with the sums of the kiosks' own rollups: three kiosks at once, a kiosk
// offline for 400 days, replayed and reordered batches, a reinstalled kiosk,
// a hub SIGKILLed in the middle of a sync, and an offline bundle imported twice.
#include "hub_test_support.h"
#include "store_backends.h"
#include "test_paths.h"

#include "core/civil_time.h"
#include "core/signing_keys.h"
#include "core/sqlite_statement.h"
#include "sync/bundle.h"
#include "sync/rollup_outbox.h"
#include "sync/sync_client.h"
#include "sync/sync_transport.h"
#include "telemetry/clock.h"
#include "telemetry/event_store.h"
#include "telemetry/interaction_log.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sodium.h>
#include <sys/socket.h>

namespace kiosk::test {
namespace {

constexpr int64_t kStartUtcMs = 1764550800000; // 2025-12-01T01:00:00Z, 09:00 in UTC+8

// (day, kind, subject, metric) -> value.
using DayTotals = std::map<std::tuple<std::string, std::string, std::string, std::string>, int64_t>;

DayTotals read_day_totals(const std::string& db_path, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    DayTotals totals;
    {
        SqliteStatement select(db, sql);
        INFO(select.error());
        REQUIRE(select.ok());
        while (select.next())
            totals[{select.text(0), select.text(1), select.text(2), select.text(3)}] +=
                select.integer(4);
    }
    sqlite3_close(db);
    return totals;
}

// Rows of (day, kind, subject, metric, value) from the hub's store.
DayTotals read_hub_day_totals(const std::string& data_dir, const char* sql) {
    DayTotals totals;
    for (const auto& row : kiosk::test::hub_sql_rows(data_dir, sql, 5))
        totals[{row.at(0), row.at(1), row.at(2), row.at(3)}] += std::stoll(row.at(4));
    return totals;
}

// The hub's totals as the dashboard reads them (venue_totals, summed over venues).
DayTotals hub_totals(const std::string& data_dir) {
    return read_hub_day_totals(data_dir,
                               "SELECT day, kind, subject, metric, sum(value) FROM venue_totals "
                               "GROUP BY day, kind, subject, metric");
}

// The same from the stored buckets (what the triggers keep venue_totals equal to).
DayTotals hub_bucket_totals(const std::string& data_dir) {
    return read_hub_day_totals(data_dir,
                               "SELECT day, kind, subject, metric, sum(value) FROM buckets "
                               "GROUP BY day, kind, subject, metric");
}

DayTotals kiosk_totals(const std::string& kiosk_db) {
    return read_day_totals(kiosk_db,
                           "SELECT day, subject_kind, subject, metric, value FROM rollups");
}

DayTotals sum_of(const std::vector<DayTotals>& parts) {
    DayTotals sum;
    for (const DayTotals& part : parts)
        for (const auto& [key, value] : part)
            sum[key] += value;
    return sum;
}

// A port nothing listens on: bound by the system, then closed again.
int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), size) == 0);
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0);
    ::close(fd);
    return ntohs(address.sin_port);
}

// A kiosk-hub serve process on a fixed port, so that it can be killed and
// started again where the kiosk's configured URL points.
class FixedPortHub {
public:
    FixedPortHub(std::string data_dir, int port) : data_dir_(std::move(data_dir)), port_(port) {
        start();
    }
    ~FixedPortHub() { kill_now(); }

    void start() {
        REQUIRE(pid_ < 0);
        const std::string listen = "127.0.0.1:" + std::to_string(port_);
        const std::string hub_program = kiosk::test::program_path("kiosk-hub");
        pid_ = fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            FILE* out = std::fopen((data_dir_ + ".serve.out").c_str(), "a");
            if (out) {
                dup2(fileno(out), STDOUT_FILENO);
                dup2(fileno(out), STDERR_FILENO);
            }
            execl(hub_program.c_str(), hub_program.c_str(), "serve", "--listen", listen.c_str(),
                  "--data", data_dir_.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        // Bounded quick attempts, each waiting at most 100 ms for an answer.
        httplib::Client client("127.0.0.1", port_);
        client.set_connection_timeout(0, 100000);
        client.set_read_timeout(0, 100000);
        for (int attempt = 0; attempt < 200; ++attempt) {
            auto answer = client.Get("/api/v1/health");
            if (answer && answer->status == 200) return;
            REQUIRE(waitpid(pid_, nullptr, WNOHANG) == 0); // still running
            poll(nullptr, 0, 10);
        }
        FAIL("kiosk-hub did not come up on port " << port_);
    }

    void kill_now() {
        if (pid_ < 0) return;
        ::kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

private:
    std::string data_dir_;
    int port_;
    pid_t pid_ = -1;
};

// A SyncTransport that passes every body on to the real HTTP transport and
// keeps a copy of those the hub answered 200 (to replay them later).
class RecordingTransport : public sync::SyncTransport {
public:
    RecordingTransport(std::unique_ptr<sync::SyncTransport> inner, std::vector<std::string>* sent)
        : inner_(std::move(inner)), sent_(sent) {}
    sync::HttpAnswer post_sync(const std::string& json) override {
        sync::HttpAnswer answer = inner_->post_sync(json);
        if (answer.status == 200 && sent_) sent_->push_back(json);
        return answer;
    }
    void cancel() override { inner_->cancel(); }
    std::string describe() const override { return inner_->describe(); }

private:
    std::unique_ptr<sync::SyncTransport> inner_;
    std::vector<std::string>* sent_;
};

// One simulated kiosk: its kiosk.db written by the real EventStore through the
// real InteractionLog, on a ManualClock in UTC+8.
struct SimulatedKiosk {
    TempFolder folder;
    telemetry::ManualClock clock{kStartUtcMs, 480};
    std::unique_ptr<telemetry::EventStore> store;
    std::unique_ptr<telemetry::InteractionLog> log;
    std::string path = folder.file("kiosk.db");
    int session_number = 0;

    explicit SimulatedKiosk(int64_t start_utc_ms = kStartUtcMs) {
        clock.set_utc_ms(start_utc_ms);
        telemetry::EventStoreOptions options{path, "0.4.0", &clock};
        options.prune_only_synced = true;
        std::string error;
        store = telemetry::EventStore::open(options, error);
        INFO(error);
        REQUIRE(store);
        log = std::make_unique<telemetry::InteractionLog>(store.get(), clock);
        log->boot("0.4.0");
    }

    // `sessions` visitor sessions from now on, each a few minutes apart: an
    // exhibit (one of `exhibits`), sometimes a quiz answer. Deterministic in
    // `variant`.
    void visitors(int sessions, int exhibits, int variant) {
        for (int i = 0; i < sessions; ++i, ++session_number) {
            const int pick = (session_number * 7 + variant) % 97;
            log->session_started("s" + std::to_string(session_number));
            log->screen_entered("home");
            clock.advance_ms(5000);
            log->screen_left();
            const std::string exhibit = "exhibit-" + std::to_string(pick % exhibits);
            log->exhibit_entered(exhibit, "1.0.0", {"展品", "Exhibit"});
            clock.advance_ms(20000 + 1000 * (pick % 30));
            log->exhibit_left();
            if (pick % 3 == 0) {
                log->quiz_started("physics", "1.0.0", {"物理", "Physics"}, 1);
                log->quiz_answered("q" + std::to_string(pick % 4), {"问题", "Question"},
                                   {{"a", {"甲", "A"}}, {"b", {"乙", "B"}}}, {pick % 2 ? "a" : "b"},
                                   pick % 2 == 1, 3000);
                log->quiz_finished(pick % 2, 1);
            }
            log->session_ended("idle");
            clock.advance_ms(180000 + 1000 * pick);
            REQUIRE(store->flush()); // one commit (one changed_seq group) per session
        }
    }

    // Moves to the same time of the next day.
    void next_day() {
        const int64_t into_day = (clock.now().utc_ms - kStartUtcMs) % kMsPerDay;
        clock.advance_ms(kMsPerDay - into_day);
    }

    DayTotals totals() { return kiosk_totals(path); }

    // The real sync client over the real HTTP transport to `url`.
    std::unique_ptr<sync::SyncClient> client(const std::string& url, const std::string& token,
                                             size_t max_buckets = sync::kMaxBuckets,
                                             std::vector<std::string>* sent = nullptr,
                                             std::function<void(int64_t)> after_ack = {}) {
        sync::HttpTransportOptions transport_options;
        transport_options.hub_url = url;
        transport_options.token = token;
        transport_options.connect_timeout_s = 2;
        transport_options.read_timeout_s = 30;
        std::string error;
        std::unique_ptr<sync::SyncTransport> http =
            sync::make_http_transport(transport_options, error);
        INFO(error);
        REQUIRE(http);
        sync::SyncClientOptions options;
        options.kiosk_db = path;
        options.max_buckets = max_buckets;
        options.heartbeat = [this] {
            sync::Heartbeat heartbeat;
            heartbeat.software_version = "0.4.0";
            heartbeat.clock_utc_ms = clock.now().utc_ms;
            heartbeat.uptime_s = 3600;
            heartbeat.disk_free_mb = 2048;
            return heartbeat;
        };
        options.acknowledge = [this, after_ack](int64_t seq) {
            store->acknowledge_synced(seq);
            if (after_ack) after_ack(seq);
        };
        options.before_round = [this] { store->flush(); };
        options.utc_now_ms = [this] { return clock.now().utc_ms; };
        return std::make_unique<sync::SyncClient>(
            std::move(options), std::make_unique<RecordingTransport>(std::move(http), sent));
    }
};

// A hub's data folder with venue V-1 (and V-2) and its kiosks' tokens.
struct HubData {
    TempFolder folder;
    std::string data = folder.file("hub");

    std::string add(const std::string& venue, const std::string& kiosk) {
        return add_kiosk(folder, data, venue, kiosk);
    }
};

} // namespace

TEST_CASE("three kiosks sync to one hub: its totals are the sums of their kiosk.db", "[hub][e2e]") {
    HubData hub_data;
    const std::string tokens[] = {hub_data.add("V-1", "K-A"), hub_data.add("V-1", "K-B"),
                                  hub_data.add("V-2", "K-C")};
    HubProcess hub(hub_data.data);
    const std::string url = "http://127.0.0.1:" + std::to_string(hub.port());

    std::vector<std::unique_ptr<SimulatedKiosk>> kiosks;
    for (int k = 0; k < 3; ++k) {
        kiosks.push_back(std::make_unique<SimulatedKiosk>());
        for (int day = 0; day < 5 + k; ++day) {
            kiosks.back()->visitors(3 + 2 * k, 3 + k, k * 11);
            kiosks.back()->next_day();
        }
    }
    for (int k = 0; k < 3; ++k) {
        const sync::RoundResult round = kiosks[k]->client(url, tokens[k])->run_round();
        INFO(round.error);
        REQUIRE(round.ok);
    }

    const DayTotals expected =
        sum_of({kiosks[0]->totals(), kiosks[1]->totals(), kiosks[2]->totals()});
    REQUIRE(expected.size() > 50);
    CHECK(hub_totals(hub_data.data) == expected);
    CHECK(hub_bucket_totals(hub_data.data) == expected);
    // And per venue through the store, as the dashboard asks.
    std::string error;
    std::unique_ptr<hub::HubStore> store =
        hub::open_hub_store(kiosk::test::test_store(hub_data.data), error);
    REQUIRE(store);
    int64_t kiosk_c_sessions = 0;
    for (const auto& [key, value] : kiosks[2]->totals())
        if (std::get<1>(key) == "kiosk" && std::get<3>(key) == "sessions")
            kiosk_c_sessions += value;
    int64_t venue_2_sessions = 0;
    for (const hub::DayTotals& day : store->daily_totals({"V-2", "0000-01-01", "9999-12-31"}))
        venue_2_sessions += day.sessions;
    CHECK(kiosk_c_sessions == 7 * 7);
    CHECK(venue_2_sessions == kiosk_c_sessions);
}

TEST_CASE("a kiosk offline for 400 days syncs all of it on reconnect, in bounded batches",
          "[hub][e2e]") {
    HubData hub_data;
    const std::string token = hub_data.add("V-1", "K-TRUCK");
    SimulatedKiosk kiosk;
    for (int day = 0; day < 400; ++day) {
        kiosk.visitors(2 + day % 3, 4, day);
        kiosk.next_day();
    }
    HubProcess hub(hub_data.data);
    std::vector<std::string> sent;
    const sync::RoundResult round = kiosk
                                        .client("http://127.0.0.1:" + std::to_string(hub.port()),
                                                token, sync::kMaxBuckets, &sent)
                                        ->run_round();
    INFO(round.error);
    REQUIRE(round.ok);
    const DayTotals expected = kiosk.totals();
    // More than one batch's worth, so it takes several bounded batches.
    REQUIRE(expected.size() > sync::kMaxBuckets);
    CHECK(round.batches >= 2);
    CHECK(sent.size() == size_t(round.batches));
    CHECK(round.buckets == int64_t(expected.size()));
    for (const std::string& body : sent) {
        std::string error;
        CHECK(sync::parse_sync_batch(body, error)->buckets.size() <= sync::kMaxBuckets + 100);
    }
    CHECK(hub_totals(hub_data.data) == expected);
    CHECK(expected.count({"2025-12-01", "kiosk", "", "sessions"}) == 1);
    CHECK(expected.count({"2027-01-04", "kiosk", "", "sessions"}) == 1); // day 400
}

TEST_CASE("duplicate and reordered batches leave the totals unchanged", "[hub][e2e]") {
    HubData hub_data;
    const std::string token = hub_data.add("V-1", "K-A");
    HubProcess hub(hub_data.data);
    const std::string url = "http://127.0.0.1:" + std::to_string(hub.port());
    SimulatedKiosk kiosk;

    // Older batches: two days of visitors; then the same days grow and a new
    // day starts, so the newer batches carry higher values for the same buckets.
    std::vector<std::string> older, newer;
    kiosk.visitors(6, 3, 1);
    kiosk.next_day();
    kiosk.visitors(4, 3, 2);
    REQUIRE(kiosk.client(url, token, 5, &older)->run_round().ok);
    kiosk.visitors(5, 3, 3);
    kiosk.next_day();
    kiosk.visitors(3, 3, 4);
    REQUIRE(kiosk.client(url, token, 5, &newer)->run_round().ok);
    REQUIRE(older.size() >= 3);
    REQUIRE(newer.size() >= 3);
    const DayTotals expected = kiosk.totals();
    REQUIRE(hub_totals(hub_data.data) == expected);

    // Every older batch again after the newer ones, backwards, twice; then the
    // newer ones again, shuffled.
    for (int pass = 0; pass < 2; ++pass)
        for (auto body = older.rbegin(); body != older.rend(); ++body) {
            const PostResult result = post_sync(hub.port(), token, *body);
            REQUIRE(result.status == 200);
            CHECK(result.body.find("\"stored\":0") != std::string::npos);
        }
    for (size_t i = 0; i < newer.size(); ++i) {
        const PostResult result = post_sync(hub.port(), token, newer[(i * 5 + 3) % newer.size()]);
        REQUIRE(result.status == 200);
    }
    CHECK(hub_totals(hub_data.data) == expected);
    CHECK(hub_bucket_totals(hub_data.data) == expected);
}

TEST_CASE("a reinstalled kiosk (new kiosk.db, new epoch) adds to its old counts", "[hub][e2e]") {
    HubData hub_data;
    const std::string token = hub_data.add("V-1", "K-A");
    HubProcess hub(hub_data.data);
    const std::string url = "http://127.0.0.1:" + std::to_string(hub.port());

    SimulatedKiosk before;
    before.visitors(8, 3, 1);
    REQUIRE(before.client(url, token)->run_round().ok);

    // Reinstalled the same day: same id and token, a fresh kiosk.db.
    SimulatedKiosk after(before.clock.now().utc_ms);
    REQUIRE(after.store->epoch() != before.store->epoch());
    after.visitors(5, 3, 2);
    REQUIRE(after.client(url, token)->run_round().ok);

    const DayTotals expected = sum_of({before.totals(), after.totals()});
    CHECK(hub_totals(hub_data.data) == expected);
    CHECK(expected.at({"2025-12-01", "kiosk", "", "sessions"}) == 13);
}

TEST_CASE("the hub SIGKILLed in the middle of a sync, then restarted: totals converge",
          "[hub][e2e]") {
    HubData hub_data;
    const std::string token = hub_data.add("V-1", "K-A");
    FixedPortHub hub(hub_data.data, free_port());
    SimulatedKiosk kiosk;
    for (int day = 0; day < 10; ++day) {
        kiosk.visitors(4, 3, day);
        kiosk.next_day();
    }

    // The hub dies right after acknowledging the second batch of the round.
    int acknowledgements = 0;
    std::unique_ptr<sync::SyncClient> client =
        kiosk.client(hub.url(), token, 25, nullptr, [&](int64_t) {
            if (++acknowledgements == 2) hub.kill_now();
        });
    sync::RoundResult round = client->run_round();
    CHECK_FALSE(round.ok);
    CHECK(round.batches == 2);
    CHECK(client->status().failures_in_a_row == 1);
    const DayTotals expected = kiosk.totals();
    CHECK(hub_totals(hub_data.data) != expected); // only part of it arrived

    // While it is down the client keeps failing; nothing is acknowledged.
    const int64_t synced = client->status().synced_seq;
    round = client->run_round();
    CHECK_FALSE(round.ok);
    CHECK(client->status().synced_seq == synced);

    // More visitors meanwhile; the hub comes back on the same address.
    kiosk.visitors(3, 3, 99);
    hub.start();
    round = client->run_round();
    INFO(round.error);
    REQUIRE(round.ok);
    CHECK(client->status().failures_in_a_row == 0);
    CHECK(hub_totals(hub_data.data) == kiosk.totals());
    CHECK(hub_bucket_totals(hub_data.data) == kiosk.totals());
}

TEST_CASE("an offline bundle imported twice with kiosk-hub import counts once", "[hub][e2e]") {
    HubData hub_data;
    REQUIRE(sodium_init() >= 0);
    const SecretKey key = generate_key();
    std::string error;
    REQUIRE(write_public_key(hub_data.folder.file("truck.pub"), key.public_key(), error));
    run_hub_command(hub_data.folder, "admin add-venue --data hub --id V-1 --name-zh 科普大篷车 "
                                     "--name-en Truck --kind mobile_exhibit");
    REQUIRE(run_hub_command(hub_data.folder, "admin add-kiosk --data hub --venue V-1 --id K-TRUCK "
                                             "--public-key truck.pub")
                .code == 0);

    SimulatedKiosk kiosk;
    for (int day = 0; day < 30; ++day) {
        kiosk.visitors(3, 4, day);
        kiosk.next_day();
    }
    // What `kioskctl sync export` writes: every bucket, signed.
    std::unique_ptr<sync::RollupOutbox> outbox = sync::RollupOutbox::open(kiosk.path, error);
    REQUIRE(outbox);
    std::optional<sync::SyncBatch> batch = outbox->all_buckets(error);
    REQUIRE(batch);
    batch->heartbeat.software_version = "0.4.0";
    batch->heartbeat.clock_utc_ms = kiosk.clock.now().utc_ms;
    hub_data.folder.write("bundle.json", sync::to_json(sync::make_bundle("K-TRUCK", *batch, key)));

    CommandRun run = run_hub_command(hub_data.folder, "import --data hub bundle.json");
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);
    CHECK(run.out.find(std::to_string(batch->buckets.size()) + " changed") != std::string::npos);
    run = run_hub_command(hub_data.folder, "import --data hub bundle.json");
    REQUIRE(run.code == 0);
    CHECK(run.out.find(" 0 changed") != std::string::npos);
    CHECK(hub_totals(hub_data.data) == kiosk.totals());
}

} // namespace kiosk::test
