// Issue 20, part 4, in the SQLite HubStore without a server: the contact
// history (a sync at the hub's clock; a bundle at its export time, refused as
// a contact when later than the hub's clock or before the kiosk was added,
// kept either way as a sync), availability against opening hours with closed
// weekdays and a non-Beijing offset, retention, the kiosk filter on every
// query (two kiosks of one venue with different numbers), a version 5
// hub.db migrated with its data, and `admin set-hours` with its errors.
//
// Index of this file:
// [SECTION] Helpers: a store with one venue and two kiosks, times
// [SECTION] Contacts: syncs, bundles, refusals, retention
// [SECTION] Availability against opening hours
// [SECTION] The kiosk filter on every query
// [SECTION] Migration from version 5, and admin set-hours

#include "hub_test_support.h"
#include "store_backends.h"

#include "core/civil_time.h"
#include "core/signing_keys.h"
#include "core/sqlite_statement.h"
#include "hub/bundle_import.h"
#include "hub/sqlite_hub_store.h"
#include "sync/bundle.h"

#include <sodium.h>
#include <sqlite3.h>

#include <filesystem>

namespace kiosk::test {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers: a store with one venue and two kiosks, times
//-----------------------------------------------------------------------------

const std::string kEpochA(32, 'a');

int64_t at(const char* iso) {
    const std::optional<int64_t> ms = parse_iso_utc_seconds(iso);
    REQUIRE(ms);
    return *ms;
}

constexpr int32_t kBeijing = 480;

// One number read straight from the store of `data_dir` (-1: no row).
int64_t query_int64_from(const std::string& data_dir, const char* sql) {
    const auto rows = kiosk::test::hub_sql_rows(data_dir, sql, 1);
    return rows.empty() || rows[0][0].empty() ? -1 : std::stoll(rows[0][0]);
}

struct AvailabilityStore {
    TempFolder folder;
    std::string data = folder.file("data");
    SecretKey key;
    std::unique_ptr<hub::HubStore> store;

    AvailabilityStore() {
        REQUIRE(sodium_init() >= 0);
        key = generate_key();
        std::string error;
        store = hub::open_hub_store(kiosk::test::test_store(data), error);
        INFO(error);
        REQUIRE(store);
        REQUIRE(store->add_venue({"v1", "一馆", "One", "county_museum"}, error));
        REQUIRE(store->add_venue({"v2", "二馆", "Two", "mobile_exhibit"}, error));
        for (const char* id : {"k1", "k2"}) {
            hub::KioskRecord kiosk{id, "v1", "hash"};
            kiosk.created_utc_ms = at("2026-11-01T00:00:00Z");
            const PublicKey public_key = key.public_key();
            kiosk.public_key = to_base64(std::string_view(
                reinterpret_cast<const char*>(public_key.key.data()), public_key.key.size()));
            REQUIRE(store->add_kiosk(kiosk, error));
        }
        hub::KioskRecord other{"k3", "v2", "hash"};
        other.created_utc_ms = at("2026-11-01T00:00:00Z");
        REQUIRE(store->add_kiosk(other, error));
    }

    // A sync of `buckets` received at `hub_now` (the hub's clock).
    void sync(const std::string& kiosk, int64_t hub_now,
              const std::vector<sync::Bucket>& buckets = {}, int64_t seq = 1) {
        sync::SyncBatch batch = make_batch(kEpochA, seq);
        batch.buckets = buckets;
        batch.heartbeat.clock_utc_ms = hub_now;
        int64_t stored = 0;
        std::string error;
        const hub::SyncResult result = store->apply_sync({kiosk, &batch, hub_now}, stored, error);
        INFO(error);
        REQUIRE(result);
    }

    std::vector<hub::AvailabilityDay> days(const std::string& from, const std::string& to,
                                           const std::string& kiosk = "k1",
                                           int32_t offset = kBeijing) {
        return store->kiosk_availability({"v1", from, to, kiosk}, offset);
    }
};

//-----------------------------------------------------------------------------
// [SECTION] Contacts: syncs, bundles, refusals, retention
//-----------------------------------------------------------------------------

TEST_CASE("availability: a sync is a contact in the hub's hour; other hours stay unavailable",
          "[hub][availability]") {
    AvailabilityStore hub;
    // 09:40 and 09:55 Beijing time are one hour; 14:10 another.
    hub.sync("k1", at("2026-11-02T01:40:00Z"));
    hub.sync("k1", at("2026-11-02T01:55:00Z"), {}, 2);
    hub.sync("k1", at("2026-11-02T06:10:00Z"), {}, 3);
    // Outside opening hours (20:00 Beijing): heard, but not an opening hour.
    hub.sync("k1", at("2026-11-02T12:00:00Z"), {}, 4);
    const auto days = hub.days("2026-11-01", "2026-11-03");
    REQUIRE(days.size() == 3);
    CHECK(days[0].kiosk == "k1");
    CHECK(days[0].day == "2026-11-01");
    CHECK(days[0].open_hours == 8);
    CHECK(days[0].available_hours == 0);
    CHECK(days[1].day == "2026-11-02");
    CHECK(days[1].open_hours == 8);
    CHECK(days[1].available_hours == 2);
    CHECK(days[2].available_hours == 0);
    // k2 never synced: every opening hour unavailable.
    const auto k2 = hub.days("2026-11-02", "2026-11-02", "k2");
    REQUIRE(k2.size() == 1);
    CHECK(k2[0].available_hours == 0);
}

TEST_CASE("availability: a bundle counts at its export time; a future export time or one "
          "before the kiosk was added is no contact, but the data is stored",
          "[hub][availability][bundle]") {
    AvailabilityStore hub;
    const int64_t import_time = at("2026-11-10T08:00:00Z"); // 16:00 Beijing
    const auto bundle = [&](int64_t exported, int64_t seq, int64_t visits) {
        sync::SyncBatch batch = make_batch(kEpochA, seq);
        batch.heartbeat.clock_utc_ms = exported;
        batch.buckets = {{"2026-11-05", "exhibit", "maze", "visits", visits, seq}};
        return sync::to_json(sync::make_bundle("k1", batch, hub.key));
    };
    // Exported on 11-05 at 10:30 Beijing, imported days later: a contact then.
    hub::ImportResult past =
        hub::import_bundle(*hub.store, bundle(at("2026-11-05T02:30:00Z"), 1, 3), import_time);
    INFO(past.error);
    REQUIRE(past.ok);
    // Exported "in the future" (the signer's clock says 11-12): stored, no contact.
    hub::ImportResult future =
        hub::import_bundle(*hub.store, bundle(at("2026-11-12T03:30:00Z"), 2, 4), import_time);
    INFO(future.error);
    REQUIRE(future.ok);
    // Exported before the kiosk was added: stored, no contact.
    hub::ImportResult early =
        hub::import_bundle(*hub.store, bundle(at("2026-10-20T03:30:00Z"), 3, 5), import_time);
    REQUIRE(early.ok);
    CHECK(hub.store
              ->top_exhibits({"v1", "2026-11-05", "2026-11-05"}, hub::ExhibitOrder::by_visits, 10)
              .at(0)
              .visits == 5);

    const auto days = hub.days("2026-11-05", "2026-11-12");
    REQUIRE(days.size() == 8);
    CHECK(days[0].available_hours == 1); // 11-05 10:00-11:00
    for (size_t i = 1; i < days.size(); ++i) {
        INFO(days[i].day);
        CHECK(days[i].available_hours == 0); // not 11-10 (the import) nor 11-12 (the future)
    }
    const auto october = hub.days("2026-10-20", "2026-10-20");
    REQUIRE(october.size() == 1);
    CHECK(october[0].open_hours == 0); // before the kiosk was added: no opening hours
    CHECK(october[0].available_hours == 0);
}

TEST_CASE("availability: contact history older than the retention is pruned by a sync",
          "[hub][availability]") {
    AvailabilityStore hub;
    hub.sync("k1", at("2026-11-02T02:00:00Z"));
    const auto contact_days = [&] {
        return query_int64_from(hub.data, "SELECT count(*) FROM kiosk_contacts");
    };
    CHECK(contact_days() == 1);
    // A sync kContactRetentionDays + 1 days later prunes the old day (and
    // adds its own).
    const int64_t later =
        at("2026-11-02T02:00:00Z") + int64_t(hub::kContactRetentionDays + 1) * kMsPerDay;
    hub.sync("k2", later);
    CHECK(contact_days() == 1);
    CHECK(query_int64_from(hub.data, "SELECT count(*) FROM kiosk_contacts WHERE kiosk = 'k2'") ==
          1);
}

//-----------------------------------------------------------------------------
// [SECTION] Availability against opening hours
//-----------------------------------------------------------------------------

TEST_CASE("availability: opening hours with a closed weekday at a non-Beijing offset",
          "[hub][availability]") {
    AvailabilityStore hub;
    std::string error;
    // 10:30-16:00, closed on Mondays and Sundays, at UTC-05:00.
    REQUIRE(hub.store->set_opening_hours("v1", {10 * 60 + 30, 16 * 60, 0x41}, error));
    CHECK(hub.store->find_venue("v1")->opening_hours == hub::OpeningHours{630, 960, 0x41});
    // Tuesday 2026-11-03 local 10:45 and 15:20 at UTC-5 = 15:45Z and 20:20Z.
    hub.sync("k1", at("2026-11-03T15:45:00Z"));
    hub.sync("k1", at("2026-11-03T20:20:00Z"), {}, 2);
    // Monday 2026-11-02 local 12:00 = 17:00Z: closed, no opening hours.
    hub.sync("k1", at("2026-11-02T17:00:00Z"), {}, 3);
    const auto days = hub.days("2026-11-02", "2026-11-03", "k1", -300);
    REQUIRE(days.size() == 2);
    CHECK(days[0].day == "2026-11-02");
    CHECK(days[0].open_hours == 0);
    CHECK(days[0].available_hours == 0);
    CHECK(days[1].open_hours == 6); // 10:00-16:00 local hours overlapping 10:30-16:00
    CHECK(days[1].available_hours == 2);
    // At Beijing time the same contacts fall on other local days and hours.
    const auto beijing = hub.days("2026-11-03", "2026-11-04", "k1", kBeijing);
    REQUIRE(beijing.size() == 2);
    CHECK(beijing[0].available_hours == 0); // 11-03 23:45 and 11-04 04:20 Beijing: closed hours
    CHECK(beijing[1].available_hours == 0);

    // Bad hours are refused, naming what is wrong; an unknown venue too.
    CHECK_FALSE(hub.store->set_opening_hours("v1", {600, 630, 0}, error));
    CHECK(error.find("an hour after") != std::string::npos);
    CHECK_FALSE(hub.store->set_opening_hours("v1", {540, 1020, 0x7f}, error));
    CHECK(error.find("every day") != std::string::npos);
    CHECK_FALSE(hub.store->set_opening_hours("nowhere", {540, 1020, 0}, error));
    CHECK(error.find("no venue nowhere") != std::string::npos);
    CHECK(hub.store->find_venue("v1")->opening_hours == hub::OpeningHours{630, 960, 0x41});
}

//-----------------------------------------------------------------------------
// [SECTION] The kiosk filter on every query
//-----------------------------------------------------------------------------

TEST_CASE("kiosk filter: every scoped query reads only that kiosk's numbers",
          "[hub][availability][kiosk-filter]") {
    AvailabilityStore hub;
    const auto numbers = [](int64_t n) {
        return std::vector<sync::Bucket>{
            {"2026-11-03", "kiosk", "", "sessions", n, 1},
            {"2026-11-03", "kiosk", "", "session_ms", n * 1000, 1},
            {"2026-11-03", "hour", "10", "sessions", n, 1},
            {"2026-11-03", "exhibit", "maze", "visits", n * 2, 1},
            {"2026-11-03", "exhibit", "maze", "visitors", n, 1},
            {"2026-11-03", "question", "p/q1", "answers", n * 3, 1},
            {"2026-11-03", "question", "p/q1", "correct", n, 1},
        };
    };
    hub.sync("k1", at("2026-11-03T02:00:00Z"), numbers(5));
    hub.sync("k2", at("2026-11-03T03:00:00Z"), numbers(7));
    hub.sync("k2", at("2026-11-03T04:00:00Z"), {}, 2);
    for (const auto& [kiosk, n, hours] : {std::tuple{"k1", 5, 1}, std::tuple{"k2", 7, 2}}) {
        INFO(kiosk);
        for (const std::string venue : {"v1", ""}) {
            const hub::QueryScope scope{venue, "2026-11-01", "2026-11-30", kiosk};
            const auto days = hub.store->daily_totals(scope);
            REQUIRE(days.size() == 1);
            CHECK(days[0].sessions == n);
            CHECK(days[0].session_ms == n * 1000);
            const auto hours_of_week = hub.store->sessions_by_hour_of_week(scope);
            REQUIRE(hours_of_week.size() == 1);
            CHECK(hours_of_week[0].sessions == n);
            CHECK(hub.store->top_exhibits(scope, hub::ExhibitOrder::by_dwell, 5).at(0).visits ==
                  n * 2);
            const auto quiz = hub.store->quiz_accuracy(scope);
            REQUIRE(quiz.size() == 1);
            CHECK(quiz[0].answers == n * 3);
            CHECK(quiz[0].correct == n);
            int64_t total_visits = 0;
            for (const hub::MetricTotal& total : hub.store->metric_totals(scope))
                if (total.metric == "visits") total_visits += total.value;
            CHECK(total_visits == n * 2);
            int64_t visitors = 0;
            for (const hub::MetricTotal& total : hub.store->finding_totals(scope))
                visitors += total.value;
            CHECK(visitors == n);
            const auto summary = hub.store->venue_summaries(scope);
            REQUIRE(summary.size() == 1);
            CHECK(summary[0].venue == "v1");
            CHECK(summary[0].sessions == n);
            CHECK(summary[0].exhibit_visits == n * 2);
            const auto availability =
                hub.store->kiosk_availability({venue, "2026-11-03", "2026-11-03", kiosk}, kBeijing);
            REQUIRE(availability.size() == 1);
            CHECK(availability[0].kiosk == kiosk);
            CHECK(availability[0].available_hours == hours);
        }
        // A kiosk with another venue reads nothing.
        const hub::QueryScope elsewhere{"v2", "2026-11-01", "2026-11-30", kiosk};
        CHECK(hub.store->daily_totals(elsewhere).empty());
        CHECK(hub.store->metric_totals(elsewhere).empty());
        CHECK(hub.store->venue_summaries(elsewhere).empty());
        CHECK(hub.store->kiosk_availability(elsewhere, kBeijing).empty());
    }
    // Without a kiosk: both, from the venue's totals.
    const hub::QueryScope venue{"v1", "2026-11-01", "2026-11-30"};
    CHECK(hub.store->daily_totals(venue).at(0).sessions == 12);
    const auto summaries = hub.store->venue_summaries({"", "2026-11-01", "2026-11-30"});
    REQUIRE(summaries.size() == 2);
    CHECK(summaries[0].sessions == 12);
    CHECK(summaries[1].venue == "v2");
    CHECK(summaries[1].sessions == 0);
    CHECK(hub.store->kiosk_availability(venue, kBeijing).size() == 30 * 2);
}

//-----------------------------------------------------------------------------
// [SECTION] Migration from version 5, and admin set-hours
//-----------------------------------------------------------------------------

TEST_CASE("availability: a version 5 hub.db opened by this hub keeps its data, gets default "
          "hours and its kiosks' last contact",
          "[hub][availability][migration][sqlite]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    std::filesystem::create_directories(data);
    std::string version_5 = "BEGIN;";
    for (int step = 1; step <= 5; ++step)
        version_5 += hub::hub_schema_step(step);
    version_5 += R"sql(
INSERT INTO venues VALUES('v1', '一馆', 'One', 'county_museum', 0);
INSERT INTO kiosks(id, venue, token_hash, created_utc_ms, last_seen_utc_ms)
  VALUES('k1', 'v1', 'hash', 0, 1794537600000), ('k2', 'v1', 'hash', 0, 0);
INSERT INTO kiosk_epochs VALUES('k1', 'e1', 1, 1794537600000, 1794537600000);
INSERT INTO buckets VALUES('k1', 'e1', '2026-11-13', 'kiosk', '', 'sessions', 9, 1);
PRAGMA user_version = 5;
COMMIT;)sql";
    exec_hub_sql(data, version_5);

    std::string error;
    std::unique_ptr<hub::HubStore> store =
        hub::open_hub_store(kiosk::test::test_store(data), error);
    INFO(error);
    REQUIRE(store);
    CHECK(query_int64_from(data, "PRAGMA user_version") == hub::kHubSchemaVersion);
    CHECK(store->find_venue("v1")->opening_hours == hub::OpeningHours{});
    CHECK(store->daily_totals({"v1", "2026-11-13", "2026-11-13"}).at(0).sessions == 9);
    CHECK(store->daily_totals({"v1", "2026-11-13", "2026-11-13", "k1"}).at(0).sessions == 9);
    // k1 was last seen 2026-11-13 02:40Z (10:40 Beijing): that hour is a contact.
    const auto days = store->kiosk_availability({"v1", "2026-11-13", "2026-11-13"}, kBeijing);
    REQUIRE(days.size() == 2);
    CHECK(days[0].kiosk == "k1");
    CHECK(days[0].available_hours == 1);
    CHECK(days[1].available_hours == 0);
}

TEST_CASE("admin set-hours: sets and lists the hours; bad values name the option",
          "[hub][availability][admin]") {
    TempFolder folder;
    require_ok(run_hub_command(folder, "admin add-venue --data d --id v1 --name-zh 馆 --name-en V "
                                       "--kind county_museum"));
    CHECK(run_hub_command(folder, "admin list --data d").out.find("open 09:00-17:00") !=
          std::string::npos);
    require_ok(run_hub_command(
        folder, "admin set-hours --data d --venue v1 --open 09:30 --close 16:30 --closed mon,sun"));
    CHECK(run_hub_command(folder, "admin list --data d")
              .out.find("open 09:30-16:30, closed mon,sun") != std::string::npos);
    const std::string set = "admin set-hours --data d --venue v1 ";
    check_refused(run_hub_command(folder, set + "--open 9:00 --close 17:00"), 2,
                  "--open: expected");
    check_refused(run_hub_command(folder, set + "--open 09:00 --close 25:00"), 2,
                  "--close: expected");
    check_refused(run_hub_command(folder, set + "--open 09:00 --close 17:00 --closed monday"), 2,
                  "--closed: expected weekdays");
    check_refused(run_hub_command(folder, set + "--open 09:00 --close 09:30"), 2,
                  "at least an hour after it opens");
    check_refused(
        run_hub_command(folder,
                        set + "--open 09:00 --close 17:00 --closed mon,tue,wed,thu,fri,sat,sun"),
        2, "closed every day");
    check_refused(run_hub_command(folder, "admin set-hours --data d --venue nowhere --open 09:00 "
                                          "--close 17:00"),
                  1, "--venue: no venue nowhere");
    check_refused(run_hub_command(folder, "admin set-hours --data d --venue ../x --open 09:00 "
                                          "--close 17:00"),
                  2, "--venue: expected a venue id");
    // Refusals changed nothing.
    CHECK(run_hub_command(folder, "admin list --data d")
              .out.find("open 09:30-16:30, closed mon,sun") != std::string::npos);
    require_ok(run_hub_command(folder, set + "--open 00:00 --close 24:00"));
    CHECK(run_hub_command(folder, "admin list --data d").out.find("open 00:00-24:00\n") !=
          std::string::npos);
}

} // namespace
} // namespace kiosk::test
