// The SQLite HubStore's dashboard queries on known data, without a server:
// visitors per day for a venue and for the province, sessions by hour of the
// week, top exhibits by visits and by dwell, quiz accuracy hardest first, the
// kiosk health list, and a newer schema refused untouched.
#include "hub_test_support.h"

#include <sqlite3.h>

using kiosk::hub::ExhibitOrder;
using kiosk::hub::HubStore;
using kiosk::test::TempFolder;

namespace {

struct StoreFixture {
    TempFolder folder;
    std::unique_ptr<HubStore> store;

    StoreFixture() {
        std::string error;
        store = kiosk::hub::open_hub_store(folder.file("data"), error);
        INFO(error);
        REQUIRE(store);
        REQUIRE(store->add_venue({"v1", "一馆", "One", "county_museum"}, error));
        REQUIRE(store->add_venue({"v2", "二馆", "Two", "mobile_exhibit"}, error));
        REQUIRE(store->add_kiosk({"k1", "v1", "hash"}, error));
        REQUIRE(store->add_kiosk({"k2", "v2", "hash"}, error));
    }

    void sync(const std::string& kiosk, const std::vector<kiosk::sync::Bucket>& buckets) {
        kiosk::sync::SyncBatch batch = kiosk::test::make_batch(std::string(32, 'e'), 100);
        batch.buckets = buckets;
        int64_t stored = 0;
        std::string error;
        INFO(error);
        REQUIRE(store->apply_sync({kiosk, &batch, 1795829400000}, stored, error));
    }
};

} // namespace

TEST_CASE("store: visitors per day for a venue and for all venues", "[hub][store]") {
    StoreFixture f;
    f.sync("k1", {{"2026-11-01", "kiosk", "", "sessions", 5, 1},
                  {"2026-11-01", "kiosk", "", "session_ms", 50000, 1},
                  {"2026-11-02", "kiosk", "", "sessions", 2, 2},
                  {"2026-12-01", "kiosk", "", "sessions", 9, 3}});
    f.sync("k2", {{"2026-11-01", "kiosk", "", "sessions", 1, 1}});

    const auto venue = f.store->daily_totals({"v1", "2026-11-01", "2026-11-30"});
    REQUIRE(venue.size() == 2);
    CHECK(venue[0].day == "2026-11-01");
    CHECK(venue[0].sessions == 5);
    CHECK(venue[0].session_ms == 50000);
    CHECK(venue[1].sessions == 2);
    const auto all = f.store->daily_totals({"", "2026-11-01", "2026-12-31"});
    REQUIRE(all.size() == 3);
    CHECK(all[0].sessions == 6);
    CHECK(all[2].sessions == 9);
    CHECK(f.store->daily_totals({"v2", "2026-11-02", "2026-11-30"}).empty());
}

TEST_CASE("store: sessions by hour of the week use the weekday of the day", "[hub][store]") {
    StoreFixture f;
    // 2026-11-30 is a Monday, 2026-12-06 a Sunday, 2026-12-07 the next Monday.
    f.sync("k1", {{"2026-11-30", "hour", "09", "sessions", 3, 1},
                  {"2026-12-07", "hour", "09", "sessions", 4, 1},
                  {"2026-12-06", "hour", "23", "sessions", 1, 1},
                  {"2026-12-06", "hour", "bad", "sessions", 7, 1}});
    const auto cells = f.store->sessions_by_hour_of_week({"", "2026-11-01", "2026-12-31"});
    REQUIRE(cells.size() == 2);
    CHECK(cells[0].weekday == 0);
    CHECK(cells[0].hour == 9);
    CHECK(cells[0].sessions == 7);
    CHECK(cells[1].weekday == 6);
    CHECK(cells[1].hour == 23);
    CHECK(cells[1].sessions == 1);
}

TEST_CASE("store: top exhibits by visits and by dwell, and quiz accuracy hardest first",
          "[hub][store]") {
    StoreFixture f;
    f.sync("k1", {{"2026-11-01", "exhibit", "pendulum", "visits", 10, 1},
                  {"2026-11-01", "exhibit", "pendulum", "dwell_ms", 1000, 1},
                  {"2026-11-01", "exhibit", "maze", "visits", 4, 1},
                  {"2026-11-01", "exhibit", "maze", "dwell_ms", 9000, 1},
                  {"2026-11-01", "exhibit", "water", "visits", 6, 1},
                  {"2026-11-01", "question", "physics/q1", "answers", 10, 1},
                  {"2026-11-01", "question", "physics/q1", "correct", 9, 1},
                  {"2026-11-01", "question", "physics/q2", "answers", 4, 1},
                  {"2026-11-01", "question", "physics/q2", "correct", 1, 1},
                  {"2026-11-01", "question", "physics/q3", "correct", 0, 1}});
    f.sync("k2", {{"2026-11-02", "exhibit", "maze", "visits", 3, 1},
                  {"2026-11-02", "question", "physics/q1", "answers", 10, 1},
                  {"2026-11-02", "question", "physics/q1", "correct", 1, 1}});

    const auto by_visits =
        f.store->top_exhibits({"", "2026-11-01", "2026-11-30"}, ExhibitOrder::by_visits, 2);
    REQUIRE(by_visits.size() == 2);
    CHECK(by_visits[0].exhibit == "pendulum");
    CHECK(by_visits[1].exhibit == "maze");
    CHECK(by_visits[1].visits == 7);
    const auto by_dwell =
        f.store->top_exhibits({"v1", "2026-11-01", "2026-11-30"}, ExhibitOrder::by_dwell, 10);
    REQUIRE(by_dwell.size() == 3);
    CHECK(by_dwell[0].exhibit == "maze");
    CHECK(by_dwell[0].visits == 4);
    CHECK(by_dwell[2].exhibit == "water");

    const auto questions = f.store->quiz_accuracy({"", "2026-11-01", "2026-11-30"});
    REQUIRE(questions.size() == 3);
    CHECK(questions[0].question == "physics/q2"); // 25%
    CHECK(questions[1].question == "physics/q1"); // 10 of 20
    CHECK(questions[1].answers == 20);
    CHECK(questions[1].correct == 10);
    CHECK(questions[2].question == "physics/q3"); // never answered: last
    const auto venue_one = f.store->quiz_accuracy({"v1", "2026-11-01", "2026-11-30"});
    REQUIRE(venue_one.size() == 3);
    CHECK(venue_one[1].question == "physics/q1");
    CHECK(venue_one[1].correct == 9);
}

TEST_CASE("store: a hub.db from a newer kiosk-hub is refused untouched", "[hub][store]") {
    TempFolder folder;
    std::filesystem::create_directories(folder.file("data"));
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(folder.file("data/hub.db").c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    std::string error;
    CHECK_FALSE(kiosk::hub::open_hub_store(folder.file("data"), error));
    CHECK(error.find("schema version 99") != std::string::npos);
}
