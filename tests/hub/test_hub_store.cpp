// The SQLite HubStore's dashboard queries on known data, without a server:
// visitors per day for a venue and for the province, sessions by hour of the
// week, top exhibits by visits and by dwell, quiz accuracy hardest first, the
// kiosk health list, and a newer schema refused untouched. The province
// totals (schema version 2): equal, day by day, to the sums over venues and
// over buckets after inserts, updates, replays and a new epoch; the all-venue
// queries equal the per-venue ones summed; a version 1 hub.db is migrated.
//
// Index of this file:
// [SECTION] Helpers: a store with two venues, hub.db read directly
// [SECTION] Dashboard queries on known data
// [SECTION] Schema and province totals: a newer hub.db, sums over venues, version 1
// [SECTION] Titles per venue
// [SECTION] Kiosks: silent after the configured days, revoked
// [SECTION] Version 3 migrated: totals kept, titles given to the venues
// [SECTION] The totals' 64-bit guard

#include "hub_test_support.h"
#include "store_backends.h"

#include "core/sqlite_statement.h"

#include "hub/dashboard_data.h"
#include "hub/sqlite_hub_store.h"

#include <sqlite3.h>

using kiosk::hub::ExhibitOrder;
using kiosk::hub::HubStore;
using kiosk::hub::QueryScope;
using kiosk::test::TempFolder;

//-----------------------------------------------------------------------------
// [SECTION] Helpers: a store with two venues, hub.db read directly
//-----------------------------------------------------------------------------

namespace {

const std::string kEpoch(32, 'e');

void sync_buckets(HubStore& store, const std::string& kiosk,
                  const std::vector<kiosk::sync::Bucket>& buckets,
                  const std::string& epoch = kEpoch) {
    kiosk::sync::SyncBatch batch = kiosk::test::make_batch(epoch, 100);
    batch.buckets = buckets;
    int64_t stored = 0;
    std::string error;
    const bool applied = store.apply_sync({kiosk, &batch, 1795829400000}, stored, error);
    INFO(error);
    REQUIRE(applied);
}

struct StoreFixture {
    TempFolder folder;
    std::unique_ptr<HubStore> store;

    StoreFixture() {
        std::string error;
        store = kiosk::hub::open_hub_store(kiosk::test::test_store(folder.file("data")), error);
        INFO(error);
        REQUIRE(store);
        REQUIRE(store->add_venue({"v1", "一馆", "One", "county_museum"}, error));
        REQUIRE(store->add_venue({"v2", "二馆", "Two", "mobile_exhibit"}, error));
        REQUIRE(store->add_kiosk({"k1", "v1", "hash"}, error));
        REQUIRE(store->add_kiosk({"k2", "v2", "hash"}, error));
    }

    void sync(const std::string& kiosk, const std::vector<kiosk::sync::Bucket>& buckets,
              const std::string& epoch = kEpoch) {
        sync_buckets(*store, kiosk, buckets, epoch);
    }
};

// (kind, metric, day, subject) -> value, read straight from hub.db.
using DayKey = std::tuple<std::string, std::string, std::string, std::string>;
using DayValues = std::map<DayKey, int64_t>;

DayValues read_day_values(const std::string& data_dir, const char* sql) {
    DayValues values;
    for (const auto& row : kiosk::test::hub_sql_rows(data_dir, sql, 5))
        values[{row.at(0), row.at(1), row.at(2), row.at(3)}] = std::stoll(row.at(4));
    return values;
}

DayValues province_rows(const std::string& data_dir) {
    return read_day_values(data_dir,
                           "SELECT kind, metric, day, subject, value FROM province_totals");
}

// province_totals, row by row, equals venue_totals summed over venues and the
// buckets summed over kiosks and epochs (and is not empty).
void require_province_is_sum_of_venues(const std::string& data_dir) {
    const DayValues province = province_rows(data_dir);
    REQUIRE_FALSE(province.empty());
    CHECK(province == read_day_values(data_dir, "SELECT kind, metric, day, subject, sum(value) "
                                                "FROM venue_totals GROUP BY 1, 2, 3, 4"));
    CHECK(province == read_day_values(data_dir, "SELECT kind, metric, day, subject, sum(value) "
                                                "FROM buckets GROUP BY 1, 2, 3, 4"));
}

int64_t user_version_of(const std::string& data_dir) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2((data_dir + "/hub.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
            SQLITE_OK);
    const int64_t version = kiosk::query_int64(db, "PRAGMA user_version", -1);
    sqlite3_close(db);
    return version;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Dashboard queries on known data
//-----------------------------------------------------------------------------

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

//-----------------------------------------------------------------------------
// [SECTION] Schema and province totals: a newer hub.db, sums over venues, version 1
//-----------------------------------------------------------------------------

TEST_CASE("store: a hub.db from a newer kiosk-hub is refused untouched", "[hub][store][sqlite]") {
    TempFolder folder;
    std::filesystem::create_directories(folder.file("data"));
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(folder.file("data/hub.db").c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    std::string error;
    CHECK_FALSE(kiosk::hub::open_hub_store(kiosk::test::test_store(folder.file("data")), error));
    CHECK(error.find("schema version 99") != std::string::npos);
}

TEST_CASE("store: province totals are the sums over venues after inserts, updates, replays and "
          "a new epoch",
          "[hub][store]") {
    StoreFixture f;
    std::string error;
    REQUIRE(f.store->add_kiosk({"k3", "v1", "hash"}, error));
    const std::string data = f.folder.file("data");
    const DayKey sessions{"kiosk", "sessions", "2026-11-01", ""};

    // Inserts: two kiosks of v1 and one of v2 on the same keys.
    f.sync("k1", {{"2026-11-01", "kiosk", "", "sessions", 5, 1},
                  {"2026-11-01", "exhibit", "maze", "visits", 3, 2},
                  {"2026-11-02", "question", "physics/q1", "answers", 4, 3}});
    f.sync("k3", {{"2026-11-01", "kiosk", "", "sessions", 2, 1},
                  {"2026-11-01", "exhibit", "maze", "visits", 1, 1}});
    f.sync("k2", {{"2026-11-01", "kiosk", "", "sessions", 7, 1},
                  {"2026-11-02", "exhibit", "water", "visits", 6, 1}});
    require_province_is_sum_of_venues(data);
    CHECK(province_rows(data)[sessions] == 14);
    CHECK(province_rows(data)[{"exhibit", "visits", "2026-11-01", "maze"}] == 4);

    // An update: k1 resends a bucket with a bigger value (a higher seq).
    f.sync("k1", {{"2026-11-01", "kiosk", "", "sessions", 9, 4}});
    require_province_is_sum_of_venues(data);
    CHECK(province_rows(data)[sessions] == 18);

    // Replays: the same bucket again, the same value under a higher seq, and an
    // older value under a lower seq change nothing.
    f.sync("k1", {{"2026-11-01", "kiosk", "", "sessions", 9, 4}});
    f.sync("k1", {{"2026-11-01", "kiosk", "", "sessions", 9, 5}});
    f.sync("k1", {{"2026-11-01", "kiosk", "", "sessions", 1, 2}});
    require_province_is_sum_of_venues(data);
    CHECK(province_rows(data)[sessions] == 18);

    // A new epoch (the kiosk reinstalled) adds to the old counts.
    f.sync("k1", {{"2026-11-01", "kiosk", "", "sessions", 4, 1}}, std::string(32, 'f'));
    f.sync("k2", {{"2026-11-01", "kiosk", "", "sessions", 10, 2}}, std::string(32, 'f'));
    require_province_is_sum_of_venues(data);
    CHECK(province_rows(data)[sessions] == 32);

    // Through the store: the all-venue metric totals are v1's plus v2's.
    std::map<std::tuple<std::string, std::string, std::string>, int64_t> summed, all;
    for (const std::string venue : {"v1", "v2"})
        for (const auto& total : f.store->metric_totals({venue, "2026-01-01", "2026-12-31"}))
            summed[{total.kind, total.subject, total.metric}] += total.value;
    for (const auto& total : f.store->metric_totals({"", "2026-01-01", "2026-12-31"}))
        all[{total.kind, total.subject, total.metric}] = total.value;
    CHECK(all == summed);
    CHECK(all[{"kiosk", "", "sessions"}] == 32);
}

TEST_CASE("store: every all-venue dashboard query equals the per-venue results summed",
          "[hub][store]") {
    StoreFixture f;
    std::string error;
    REQUIRE(f.store->add_kiosk({"k3", "v1", "hash"}, error));
    // 2026-11-02 is a Monday; 2026-12-15 lies outside the queried range.
    for (const std::string id : {"k1", "k2", "k3"}) {
        const int64_t n = id == "k1" ? 3 : id == "k2" ? 5 : 7;
        std::vector<kiosk::sync::Bucket> buckets;
        for (const std::string day : {"2026-11-01", "2026-11-02", "2026-11-08", "2026-12-15"}) {
            const int64_t d = day[9] - '0';
            buckets.push_back({day, "kiosk", "", "sessions", n * d, 1});
            buckets.push_back({day, "kiosk", "", "session_ms", n * d * 1000, 1});
            buckets.push_back({day, "hour", "10", "sessions", n + d, 1});
            buckets.push_back({day, "hour", id == "k2" ? "15" : "09", "sessions", n, 1});
            buckets.push_back({day, "exhibit", "maze", "visits", n * 2 + d, 1});
            buckets.push_back({day, "exhibit", "maze", "dwell_ms", n * 100, 1});
            buckets.push_back({day, "exhibit", "maze", "interactions", n, 1});
            buckets.push_back(
                {day, "exhibit", id == "k2" ? "water" : "pendulum", "visits", n * 3, 1});
            buckets.push_back(
                {day, "exhibit", id == "k2" ? "water" : "pendulum", "dwell_ms", n * 700 + d, 1});
            buckets.push_back({day, "exhibit", "pendulum", "errors", d, 1});
            buckets.push_back({day, "question", "physics/q1", "answers", n + 2, 1});
            buckets.push_back({day, "question", "physics/q1", "correct", n, 1});
            buckets.push_back(
                {day, "question", id == "k1" ? "physics/q2" : "physics/q3", "answers", 2 * n, 1});
            buckets.push_back(
                {day, "question", id == "k1" ? "physics/q2" : "physics/q3", "correct", d % 3, 1});
        }
        f.sync(id, buckets);
    }
    const QueryScope all{"", "2026-11-01", "2026-11-30"};
    const std::vector<QueryScope> venues{{"v1", all.from, all.to}, {"v2", all.from, all.to}};

    std::map<std::string, std::pair<int64_t, int64_t>> days_summed, days_all;
    for (const QueryScope& scope : venues)
        for (const auto& day : f.store->daily_totals(scope)) {
            days_summed[day.day].first += day.sessions;
            days_summed[day.day].second += day.session_ms;
        }
    for (const auto& day : f.store->daily_totals(all))
        days_all[day.day] = {day.sessions, day.session_ms};
    REQUIRE(days_all.size() == 3);
    CHECK(days_all == days_summed);
    CHECK(days_all["2026-11-02"].first == (3 + 5 + 7) * 2);

    std::map<std::pair<int, int>, int64_t> hours_summed, hours_all;
    for (const QueryScope& scope : venues)
        for (const auto& cell : f.store->sessions_by_hour_of_week(scope))
            hours_summed[{cell.weekday, cell.hour}] += cell.sessions;
    for (const auto& cell : f.store->sessions_by_hour_of_week(all))
        hours_all[{cell.weekday, cell.hour}] = cell.sessions;
    REQUIRE(hours_all.size() == 6); // Monday and Sunday at 09, 10 and 15
    CHECK(hours_all == hours_summed);
    CHECK(hours_all[{0, 10}] == (3 + 2) + (5 + 2) + (7 + 2));

    using Exhibit = std::tuple<int64_t, int64_t, int64_t, int64_t>;
    std::map<std::string, Exhibit> exhibits_summed, exhibits_all;
    for (const QueryScope& scope : venues)
        for (const auto& e : f.store->top_exhibits(scope, ExhibitOrder::by_visits, 100)) {
            Exhibit& sum = exhibits_summed[e.exhibit];
            std::get<0>(sum) += e.visits;
            std::get<1>(sum) += e.dwell_ms;
            std::get<2>(sum) += e.interactions;
            std::get<3>(sum) += e.errors;
        }
    for (const auto& e : f.store->top_exhibits(all, ExhibitOrder::by_dwell, 100))
        exhibits_all[e.exhibit] = {e.visits, e.dwell_ms, e.interactions, e.errors};
    REQUIRE(exhibits_all.size() == 3);
    CHECK(exhibits_all == exhibits_summed);
    // Ordered by the summed values: maze leads on visits only with both venues.
    const auto top = f.store->top_exhibits(all, ExhibitOrder::by_visits, 2);
    REQUIRE(top.size() == 2);
    CHECK(top[0].exhibit == "maze");
    CHECK(top[0].visits == std::get<0>(exhibits_summed["maze"]));
    CHECK(top[1].exhibit == "pendulum");

    std::map<std::string, std::pair<int64_t, int64_t>> questions_summed, questions_all;
    for (const QueryScope& scope : venues)
        for (const auto& q : f.store->quiz_accuracy(scope)) {
            questions_summed[q.question].first += q.answers;
            questions_summed[q.question].second += q.correct;
        }
    const auto hardest = f.store->quiz_accuracy(all);
    for (const auto& q : hardest)
        questions_all[q.question] = {q.answers, q.correct};
    REQUIRE(questions_all.size() == 3);
    CHECK(questions_all == questions_summed);
    CHECK(questions_all["physics/q1"].first == 3 * (3 + 5 + 7 + 6));
    CHECK(hardest.front().question == "physics/q3");
}

TEST_CASE("store: a version 1 hub.db is migrated with province totals equal to its venue totals",
          "[hub][store][sqlite]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    std::filesystem::create_directories(data);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((data + "/hub.db").c_str(), &db) == SQLITE_OK);
    // A version 1 database as the previous kiosk-hub made it, with buckets (one
    // of them updated) whose triggers filled venue_totals.
    const std::string version_1 = std::string("BEGIN;") + kiosk::hub::hub_schema_step(1) + R"sql(
INSERT INTO venues VALUES('v1', '一馆', 'One', 'county_museum', 0),
                         ('v2', '二馆', 'Two', 'mobile_exhibit', 0);
INSERT INTO kiosks(id, venue, token_hash, created_utc_ms) VALUES('k1', 'v1', 'hash', 0),
  ('k2', 'v1', 'hash', 0), ('k3', 'v2', 'hash', 0);
INSERT INTO buckets VALUES
  ('k1', 'e1', '2026-11-01', 'kiosk', '', 'sessions', 5, 1),
  ('k2', 'e1', '2026-11-01', 'kiosk', '', 'sessions', 2, 1),
  ('k3', 'e1', '2026-11-01', 'kiosk', '', 'sessions', 7, 1),
  ('k3', 'e2', '2026-11-01', 'kiosk', '', 'sessions', 1, 1),
  ('k1', 'e1', '2026-11-01', 'exhibit', 'maze', 'visits', 3, 2),
  ('k3', 'e1', '2026-11-02', 'exhibit', 'maze', 'visits', 4, 2),
  ('k2', 'e1', '2026-11-02', 'question', 'physics/q1', 'answers', 6, 3);
UPDATE buckets SET value = 8, seq = 4 WHERE kiosk = 'k1' AND metric = 'sessions';
PRAGMA user_version = 1;
COMMIT;)sql";
    char* message = nullptr;
    const int created = sqlite3_exec(db, version_1.c_str(), nullptr, nullptr, &message);
    INFO((message ? message : ""));
    sqlite3_free(message);
    sqlite3_close(db);
    REQUIRE(created == SQLITE_OK);
    REQUIRE(user_version_of(data) == 1);

    std::string error;
    std::unique_ptr<HubStore> store =
        kiosk::hub::open_hub_store(kiosk::test::test_store(data), error);
    INFO(error);
    REQUIRE(store);
    CHECK(user_version_of(data) == kiosk::hub::kHubSchemaVersion);
    require_province_is_sum_of_venues(data);
    const DayKey sessions{"kiosk", "sessions", "2026-11-01", ""};
    CHECK(province_rows(data)[sessions] == 8 + 2 + 7 + 1);
    CHECK(store->daily_totals({"", "2026-11-01", "2026-11-01"}).at(0).sessions == 18);

    // The migrated triggers keep both tables: an update and a new bucket.
    sync_buckets(*store, "k1", {{"2026-11-01", "kiosk", "", "sessions", 11, 9}}, "e1");
    sync_buckets(*store, "k3", {{"2026-11-03", "exhibit", "maze", "visits", 5, 9}}, "e1");
    require_province_is_sum_of_venues(data);
    CHECK(province_rows(data)[sessions] == 11 + 2 + 7 + 1);
    CHECK(province_rows(data)[{"exhibit", "visits", "2026-11-03", "maze"}] == 5);
}

//-----------------------------------------------------------------------------
// [SECTION] Titles per venue
//-----------------------------------------------------------------------------

TEST_CASE("store: titles are kept per venue, the latest of the venue's kiosks wins, by kind",
          "[hub][store][titles]") {
    StoreFixture fixture;
    HubStore& store = *fixture.store;
    std::string error;
    REQUIRE(store.add_kiosk({"k1b", "v1", "hash"}, error));
    kiosk::sync::SyncBatch batch = kiosk::test::make_batch(kEpoch, 100);
    batch.buckets = {{"2026-11-01", "exhibit", "maze", "visits", 1, 1}};
    batch.titles = {{"exhibit", "maze", "迷宫", "Maze"},
                    {"question", "physics/q1", "单摆的周期与什么有关？", "What sets the period?"},
                    {"exhibit", "'); DROP TABLE buckets; --", "<b>粗体</b>", ""}};
    int64_t stored = 0;
    REQUIRE(store.apply_sync({"k1", &batch, 1795829400000}, stored, error));

    for (const std::string venue : {"v1", ""}) {
        INFO("venue '" << venue << "'");
        std::vector<kiosk::sync::SubjectTitle> exhibits = store.subject_titles(venue, "exhibit");
        REQUIRE(exhibits.size() == 2);
        CHECK(exhibits[0].subject ==
              "'); DROP TABLE buckets; --"); // stored literally, sorted first
        CHECK(exhibits[0].zh == "<b>粗体</b>");
        CHECK(exhibits[1].subject == "maze");
        CHECK(exhibits[1].zh == "迷宫");
        CHECK(exhibits[1].en == "Maze");
        REQUIRE(store.subject_titles(venue, "question").size() == 1);
        CHECK(store.subject_titles(venue, "question")[0].en == "What sets the period?");
        CHECK(store.subject_titles(venue, "quiz").empty());
    }
    CHECK(store.subject_titles("v2", "exhibit").empty());

    // Another kiosk of the same venue with newer content renames the exhibit:
    // the latest wins for that venue, and a batch without titles changes none.
    batch.titles = {{"exhibit", "maze", "光影迷宫", "Maze of light"}};
    REQUIRE(store.apply_sync({"k1b", &batch, 1795829500000}, stored, error));
    batch.titles.clear();
    REQUIRE(store.apply_sync({"k1", &batch, 1795829600000}, stored, error));
    std::vector<kiosk::sync::SubjectTitle> exhibits = store.subject_titles("v1", "exhibit");
    REQUIRE(exhibits.size() == 2);
    CHECK(exhibits[1].zh == "光影迷宫");
    CHECK(exhibits[1].en == "Maze of light");
    CHECK(store.top_exhibits({"", "2026-11-01", "2026-11-01"}, ExhibitOrder::by_visits, 10)
              .at(0)
              .visits == 2);

    // Venue v2's kiosk names it otherwise: v2 sees its own title; the province
    // sees the one most venues hold, on a tie the one held longest.
    batch.titles = {{"exhibit", "maze", "二馆的迷宫", "Venue two's maze"}};
    REQUIRE(store.apply_sync({"k2", &batch, 1795829700000}, stored, error));
    CHECK(store.subject_titles("v2", "exhibit").at(0).en == "Venue two's maze");
    CHECK(store.subject_titles("", "exhibit").at(1).en == "Maze of light");
    REQUIRE(store.add_venue({"v3", "三馆", "Three", "county_museum"}, error));
    REQUIRE(store.add_kiosk({"k3", "v3", "hash"}, error));
    REQUIRE(store.apply_sync({"k3", &batch, 1795829800000}, stored, error));
    CHECK(store.subject_titles("", "exhibit").at(1).en == "Venue two's maze"); // two venues to one
}

//-----------------------------------------------------------------------------
// [SECTION] Kiosks: silent after the configured days, revoked
//-----------------------------------------------------------------------------

TEST_CASE("dashboard: kiosks not heard from for more than the configured days are silent",
          "[hub][store][dashboard]") {
    StoreFixture fixture;
    fixture.sync("k1", {{"2026-11-01", "kiosk", "", "sessions", 1, 1}}); // seen at 1795829400000
    const kiosk::hub::UserRecord admin{"admin", "", "province_admin", ""};
    const kiosk::dashboard::DashboardFilter filter{"", "2026-11-01", "2026-11-30"};
    const int64_t three_days_later = 1795829400000 + 3 * 86400000LL;
    // Whether k1 (seen three days before `now`) and k2 (never seen) are flagged.
    auto silent = [&](int days, const std::string& kiosk) {
        const kiosk::dashboard::DashboardData data =
            kiosk::hub::load_dashboard(*fixture.store, admin, filter, three_days_later, days);
        CHECK(data.silent_alert_days == days); // the page's "more than N days"
        for (const kiosk::dashboard::KioskHealth& health : data.kiosks)
            if (health.id == kiosk) return health.alerts.silent;
        FAIL("no kiosk " << kiosk);
        return false;
    };
    CHECK(silent(2, "k1"));
    CHECK_FALSE(silent(3, "k1")); // exactly three days is not more than three
    CHECK_FALSE(silent(7, "k1"));
    CHECK(silent(3650, "k2"));
}

TEST_CASE("store: a revoked kiosk loses its token and bundle key and keeps its counts",
          "[hub][store]") {
    StoreFixture fixture;
    HubStore& store = *fixture.store;
    std::string error;
    REQUIRE(store.add_kiosk({"k3", "v1", "token-hash", "public-key"}, error));
    fixture.sync("k3", {{"2026-11-01", "exhibit", "maze", "visits", 6, 1}});

    REQUIRE(store.revoke_kiosk("k3", 1795829400000, error));
    const std::optional<kiosk::hub::KioskRecord> revoked = store.find_kiosk("k3");
    REQUIRE(revoked);
    CHECK(revoked->token_hash.empty());
    CHECK(revoked->public_key.empty());
    CHECK(revoked->revoked_utc_ms == 1795829400000);
    CHECK(store.find_kiosk("k1")->revoked_utc_ms == 0);
    CHECK(store.top_exhibits({"v1", "2026-11-01", "2026-11-01"}, ExhibitOrder::by_visits, 10)
              .at(0)
              .visits == 6);

    CHECK_FALSE(store.revoke_kiosk("no-such-kiosk", 1795829400000, error));
    CHECK(error == "--id: no kiosk no-such-kiosk");
}

//-----------------------------------------------------------------------------
// [SECTION] Version 3 migrated: totals kept, titles given to the venues
//-----------------------------------------------------------------------------

TEST_CASE("store: a version 3 hub.db keeps its totals and gives its titles to the venues that "
          "count the subject",
          "[hub][store][titles][sqlite]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    std::filesystem::create_directories(data);
    std::string version_3 = "BEGIN;";
    for (int step = 1; step <= 3; ++step)
        version_3 += kiosk::hub::hub_schema_step(step);
    version_3 += R"sql(
INSERT INTO venues VALUES('v1', '一馆', 'One', 'county_museum', 0),
                         ('v2', '二馆', 'Two', 'mobile_exhibit', 0);
INSERT INTO kiosks(id, venue, token_hash, created_utc_ms) VALUES('k1', 'v1', 'hash', 0),
  ('k2', 'v2', 'hash', 0);
INSERT INTO kiosk_epochs VALUES('k1', 'e1', 1, 1795829400000, 1795829400000);
INSERT INTO buckets VALUES
  ('k1', 'e1', '2026-11-01', 'exhibit', 'maze', 'visits', 3, 1),
  ('k2', 'e1', '2026-11-01', 'exhibit', 'maze', 'visits', 4, 1),
  ('k2', 'e1', '2026-11-01', 'exhibit', 'lens', 'visits', 1, 1);
INSERT INTO subject_titles VALUES('exhibit', 'maze', '迷宫', 'Maze', 1),
  ('exhibit', 'lens', '透镜', 'Lens', 1), ('exhibit', 'gone', '旧展项', 'Old exhibit', 1);
PRAGMA user_version = 3;
COMMIT;)sql";
    kiosk::test::exec_hub_sql(data, version_3);

    std::string error;
    std::unique_ptr<HubStore> store =
        kiosk::hub::open_hub_store(kiosk::test::test_store(data), error);
    INFO(error);
    REQUIRE(store);
    CHECK(user_version_of(data) == kiosk::hub::kHubSchemaVersion);
    const auto v1 = store->subject_titles("v1", "exhibit");
    REQUIRE(v1.size() == 1);
    CHECK(v1[0].en == "Maze");
    const auto v2 = store->subject_titles("v2", "exhibit");
    REQUIRE(v2.size() == 2);
    CHECK(v2[0].en == "Lens");
    CHECK(v2[1].en == "Maze");
    CHECK(store->subject_titles("", "exhibit").size() == 2); // "gone" counted nowhere
    CHECK(store->top_exhibits({"", "2026-11-01", "2026-11-01"}, ExhibitOrder::by_visits, 10)
              .at(0)
              .visits == 7);
    // The new triggers keep the totals, and the epoch already open syncs on.
    sync_buckets(*store, "k1", {{"2026-11-01", "exhibit", "maze", "visits", 5, 9}}, "e1");
    require_province_is_sum_of_venues(data);
    CHECK(province_rows(data)[{"exhibit", "visits", "2026-11-01", "maze"}] == 9);
}

//-----------------------------------------------------------------------------
// [SECTION] The totals' 64-bit guard
//-----------------------------------------------------------------------------

TEST_CASE("store: a total that would exceed 64 bits refuses the whole batch, nothing stored",
          "[hub][store][numbers]") {
    // Unreachable through the protocol's per-bucket bounds; the store guards
    // its totals anyway (schema 4 triggers), e.g. against an old hub.db.
    StoreFixture fixture;
    kiosk::test::exec_hub_sql(fixture.folder.file("data"),
                              "INSERT INTO buckets VALUES('k1', 'old', '2026-11-01', 'kiosk', '', "
                              "'sessions', 9223372036854775000, 1)");
    kiosk::sync::SyncBatch batch = kiosk::test::make_batch(kEpoch, 100);
    batch.buckets = {{"2026-11-02", "kiosk", "", "sessions", 5, 1},
                     {"2026-11-01", "kiosk", "", "sessions", 1000, 2}};
    int64_t stored = 0;
    std::string error;
    const kiosk::hub::SyncResult result =
        fixture.store->apply_sync({"k1", &batch, 1}, stored, error);
    CHECK(result.outcome == kiosk::hub::SyncResult::refused);
    CHECK(error ==
          "buckets[1].value: adding 1000 to the 2026-11-01 total of kiosk sessions would exceed "
          "64 bits; nothing was stored");
    CHECK(fixture.store->daily_totals({"", "2026-11-01", "2026-11-30"}).size() == 1);
    CHECK(fixture.store->daily_totals({"", "2026-11-01", "2026-11-30"}).at(0).sessions ==
          9223372036854775000);
}
