// What only the PostgreSQL HubStore has (issue 22), run in the PostgreSQL
// copy of hub_tests (they pass trivially in the SQLite run, which has no
// server): a newer schema version refused with the tables untouched, batches
// applied by several connections at once giving the totals the highest seqs
// give, a month partition made when a batch first needs it and dropped by
// retention, and an unreachable server named without its password.
#include "hub_test_support.h"
#include "store_backends.h"

#include "hub/postgres_connection.h"
#include "hub/postgres_stores.h"

#include <latch>
#include <thread>

using kiosk::hub::HubStore;
using kiosk::test::TempFolder;

namespace {

const std::string kEpoch(32, 'e');

// The rows of `sql` in the schema of the hub folder `data`, as text.
std::vector<std::vector<std::string>> pg_rows(const std::string& data, const std::string& sql) {
    std::string error;
    auto connection =
        kiosk::hub::PgConnection::open(kiosk::test::test_store(data).database_url, error);
    INFO(error);
    REQUIRE(connection);
    kiosk::hub::PgResult result = connection->run_script(sql);
    INFO(result.error());
    REQUIRE(result.ok());
    std::vector<std::vector<std::string>> rows;
    for (int row = 0; row < result.rows(); ++row) {
        rows.emplace_back();
        for (int column = 0; column < result.columns(); ++column)
            rows.back().push_back(result.text(row, column));
    }
    return rows;
}

std::string pg_value(const std::string& data, const std::string& sql) {
    const auto rows = pg_rows(data, sql);
    REQUIRE(rows.size() == 1);
    return rows[0].at(0);
}

std::unique_ptr<HubStore> open_store(const TempFolder& folder) {
    std::string error;
    auto store = kiosk::hub::open_hub_store(kiosk::test::test_store(folder.file("data")), error);
    INFO(error);
    REQUIRE(store);
    return store;
}

kiosk::hub::SyncResult sync(HubStore& store, const std::string& kiosk,
                            const std::vector<kiosk::sync::Bucket>& buckets, std::string& error) {
    kiosk::sync::SyncBatch batch = kiosk::test::make_batch(kEpoch, 100);
    batch.buckets = buckets;
    int64_t stored = 0;
    return store.apply_sync({kiosk, &batch, 1795829400000}, stored, error);
}

} // namespace

TEST_CASE("postgresql: a store of a newer schema version is refused untouched",
          "[hub][store][postgresql][postgresql-only]") {
    if (!kiosk::test::testing_postgresql()) {
        WARN("needs KIOSK_TEST_POSTGRESQL=1: ctest runs it in the @postgresql copy");
        return;
    }
    TempFolder folder;
    {
        auto store = open_store(folder);
        std::string error;
        REQUIRE(store->add_venue({"v1", "一馆", "One", "county_museum"}, error));
    }
    pg_rows(folder.file("data"), "UPDATE store_schema SET version = 99 WHERE part = 'hub'");
    std::string error;
    CHECK_FALSE(kiosk::hub::open_hub_store(kiosk::test::test_store(folder.file("data")), error));
    CHECK(error == "the hub store in the PostgreSQL store has schema version 99, newer than this "
                   "kiosk-hub (1)");
    CHECK(pg_value(folder.file("data"), "SELECT version FROM store_schema WHERE part = 'hub'") ==
          "99");
    CHECK(pg_value(folder.file("data"), "SELECT name_en FROM venues") == "One");
}

TEST_CASE("postgresql: overlapping batches applied at once give the totals of the highest seqs",
          "[hub][store][postgresql][postgresql-only]") {
    if (!kiosk::test::testing_postgresql()) {
        WARN("needs KIOSK_TEST_POSTGRESQL=1: ctest runs it in the @postgresql copy");
        return;
    }
    TempFolder folder;
    auto setup = open_store(folder);
    std::string error;
    REQUIRE(setup->add_venue({"v1", "一馆", "One", "county_museum"}, error));
    REQUIRE(setup->add_venue({"v2", "二馆", "Two", "mobile_exhibit"}, error));
    const std::vector<std::string> kiosks = {"k1", "k2", "k3"};
    for (const std::string& kiosk : kiosks)
        REQUIRE(setup->add_kiosk({kiosk, kiosk == "k3" ? "v2" : "v1", "hash"}, error));

    // Every writer sends every kiosk's buckets for the same days and
    // subjects, each with its own seqs: writer w's seq for round r is
    // (kRounds - r) * kWriters + w + 1, value 10 * seq (+ w for visits), so
    // seqs fall round by round: the highest (the last writer's first round)
    // must win whatever the interleaving, never the last one written.
    constexpr int kWriters = 4, kRounds = 6;
    auto batch_of = [](int writer, int round) {
        std::vector<kiosk::sync::Bucket> buckets;
        const int64_t seq = int64_t(kRounds - round) * kWriters + writer + 1;
        for (const char* day : {"2026-11-01", "2026-11-30", "2026-12-01"}) {
            buckets.push_back({day, "kiosk", "", "sessions", 10 * seq, seq});
            buckets.push_back({day, "exhibit", "maze", "visits", 10 * seq + writer, seq});
        }
        return buckets;
    };
    std::latch start(kWriters);
    std::vector<std::string> failures(kWriters);
    std::vector<std::thread> writers;
    for (int writer = 0; writer < kWriters; ++writer)
        writers.emplace_back([&, writer] {
            std::string open_error;
            auto store = kiosk::hub::open_hub_store(kiosk::test::test_store(folder.file("data")),
                                                    open_error);
            start.arrive_and_wait();
            if (!store) {
                failures[size_t(writer)] = open_error;
                return;
            }
            for (int round = 0; round < kRounds; ++round)
                for (size_t k = 0; k < kiosks.size(); ++k) {
                    const std::string& kiosk = kiosks[(k + size_t(writer)) % kiosks.size()];
                    std::string sync_error;
                    if (!sync(*store, kiosk, batch_of(writer, round), sync_error))
                        failures[size_t(writer)] += sync_error + "\n";
                }
        });
    for (std::thread& writer : writers)
        writer.join();
    for (const std::string& failure : failures)
        CHECK(failure.empty());

    // The last writer's first round, once per kiosk.
    const int64_t top = int64_t(kRounds) * kWriters + kWriters;
    const int64_t sessions = 10 * top, visits = 10 * top + (kWriters - 1);
    for (const auto& [venue, kiosk_count] : {std::pair{"v1", 2}, std::pair{"v2", 1}}) {
        INFO(venue);
        const auto days = setup->daily_totals({venue, "2026-11-01", "2026-12-31"});
        REQUIRE(days.size() == 3);
        for (const auto& day : days)
            CHECK(day.sessions == kiosk_count * sessions);
        const auto exhibits = setup->top_exhibits({venue, "2026-11-01", "2026-12-31"},
                                                  kiosk::hub::ExhibitOrder::by_visits, 10);
        REQUIRE(exhibits.size() == 1);
        CHECK(exhibits[0].visits == 3 * kiosk_count * visits);
    }
    const auto province = setup->metric_totals({"", "2026-11-01", "2026-12-31"});
    REQUIRE(province.size() == 2);
    CHECK(province[0].value == 3 * 3 * visits);   // exhibit maze visits
    CHECK(province[1].value == 3 * 3 * sessions); // kiosk sessions
    // And the totals are the buckets' sums, row by row.
    CHECK(pg_value(folder.file("data"),
                   "SELECT count(*) FROM (SELECT kind, metric, day, subject, sum(value) "
                   "FROM buckets GROUP BY 1, 2, 3, 4 EXCEPT SELECT kind, metric, day, subject, "
                   "value FROM province_totals) AS differ") == "0");
}

TEST_CASE("postgresql: a month's partition is made when a batch first needs it, and retention "
          "drops it",
          "[hub][store][postgresql][postgresql-only]") {
    if (!kiosk::test::testing_postgresql()) {
        WARN("needs KIOSK_TEST_POSTGRESQL=1: ctest runs it in the @postgresql copy");
        return;
    }
    TempFolder folder;
    auto store = open_store(folder);
    std::string error;
    REQUIRE(store->add_venue({"v1", "一馆", "One", "county_museum"}, error));
    REQUIRE(store->add_kiosk({"k1", "v1", "hash"}, error));
    const std::string partitions =
        "SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE c.relname IN ('buckets_m203103', 'venue_totals_m203103', "
        "'province_totals_m203103') AND c.relnamespace = (SELECT oid FROM pg_namespace "
        "WHERE nspname = current_schema())";
    CHECK(pg_value(folder.file("data"), partitions) == "0");

    REQUIRE(sync(*store, "k1", {{"2031-03-05", "kiosk", "", "sessions", 7, 1}}, error));
    CHECK(pg_value(folder.file("data"), partitions) == "3");
    CHECK(pg_value(folder.file("data"), "SELECT count(*) FROM buckets_m203103") == "1");
    REQUIRE(sync(*store, "k1", {{"2031-04-01", "kiosk", "", "sessions", 2, 1}}, error));
    CHECK(store->daily_totals({"", "2031-03-01", "2031-04-30"}).size() == 2);

    // Retention: every month before April 2031 goes, partitions and all.
    std::vector<std::string> dropped;
    REQUIRE(kiosk::hub::drop_postgres_usage_before(kiosk::test::test_store(folder.file("data")),
                                                   "2031-04", dropped, error));
    CHECK(dropped == std::vector<std::string>{"buckets_m203103", "province_totals_m203103",
                                              "venue_totals_m203103"});
    CHECK(pg_value(folder.file("data"), partitions) == "0");
    const auto days = store->daily_totals({"", "2031-03-01", "2031-04-30"});
    REQUIRE(days.size() == 1);
    CHECK(days[0].day == "2031-04-01");
    // A kiosk resending a dropped month makes it again (this process had it
    // made already).
    REQUIRE(sync(*store, "k1", {{"2031-03-06", "kiosk", "", "sessions", 4, 2}}, error));
    CHECK(pg_value(folder.file("data"), partitions) == "3");
    CHECK(store->daily_totals({"v1", "2031-03-01", "2031-03-31"}).at(0).sessions == 4);
}

TEST_CASE("postgresql: an unreachable server is named without its password",
          "[hub][store][postgresql]") {
    TempFolder folder;
    std::string error;
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const kiosk::hub::StoreLocation location(
        folder.file("data"), "postgresql://hubuser:s3cret-word@127.0.0.1:1/hub?connect_timeout=5");
    CHECK_FALSE(kiosk::hub::open_hub_store(location, error));
    INFO(error);
    CHECK(error.find("cannot connect to postgresql://hubuser:***@127.0.0.1:1/hub") !=
          std::string::npos);
    CHECK(error.find("s3cret-word") == std::string::npos);
}
