// kiosk-hub migrate (issue 22, part 4), run only in the PostgreSQL copy of
// hub_tests: a SQLite hub built through the admin, content, notice and
// schedule code the CLI runs and the HubStore's sync, copied into the run's
// PostgreSQL schema by the real command, then read back through the normal
// PostgreSQL stores: the kiosks' tokens and the users' passwords still work,
// the dashboard and every listing give what they give on hub.db, every table
// holds as many rows as hub.db's, and ids go on after the copied ones. Then
// the refusals: a target that already holds a hub, a file that is no hub
// database, missing input, a wrong or unreachable URL, an unknown table or a
// newer schema in hub.db, and a copy that fails halfway (rolled back).
// hub.db is byte-for-byte unchanged after each.
#include "hub_test_support.h"
#include "library_test_support.h"
#include "notice_test_support.h"

#include "core/civil_time.h"
#include "core/signing_keys.h"
#include "hub/credentials.h"
#include "hub/dashboard_data.h"
#include "hub/hub_admin.h"
#include "hub/library_commands.h"
#include "hub/library_store.h"
#include "hub/report_schedule_store.h"
#include "hub/sqlite_hub_store.h"
#include "stats/report_export.h"

#include <sstream>

using kiosk::test::check_refused;
using kiosk::test::CommandRun;
using kiosk::test::read_text_file;
using kiosk::test::require_ok;
using kiosk::test::run_hub_command;
using kiosk::test::TempFolder;
namespace hub = kiosk::hub;

namespace {

constexpr int64_t kNow = 1795829400000; // 2026-11-29
const std::string kChiefPassword = "chief-password-2026";

std::string epoch_of(char digit) {
    return std::string(32, digit);
}

// Runs one in-process admin command (the CLI's own function); its output.
template <typename Command> std::string ran(Command command) {
    std::ostringstream out, err;
    const int code = command(out, err);
    INFO(out.str() << err.str());
    REQUIRE(code == 0);
    return out.str();
}

// A SQLite hub in FOLDER/old with some of everything a hub keeps.
struct OldHub {
    TempFolder folder;
    const std::string dir = folder.file("old");
    const hub::StoreLocation sqlite{dir}; // hub.db, whatever KIOSK_HUB_STORE says
    kiosk::test::LibraryKeys keys{folder};
    std::string lobby_token, stolen_token;
    int64_t schedule_id = 0;

    OldHub() {
        for (auto [id, kind] :
             {std::pair{"county-1", "county_museum"}, std::pair{"bus-2", "mobile_exhibit"}})
            ran([&](auto& out, auto& err) {
                return hub::admin_add_venue({sqlite, id, "场馆", "Venue", kind}, out, err);
            });
        const auto add_kiosk = [&](const char* venue, const char* id) {
            return kiosk::test::token_from(
                CommandRun{0, ran([&](auto& out, auto& err) {
                               return hub::admin_add_kiosk({sqlite, venue, id}, out, err);
                           }),
                           ""});
        };
        lobby_token = add_kiosk("county-1", "lobby-1");
        add_kiosk("bus-2", "bus-kiosk");
        stolen_token = add_kiosk("county-1", "stolen");
        REQUIRE(lobby_token.rfind("lobby-1.", 0) == 0);
        ran([&](auto& out, auto& err) {
            return hub::admin_revoke_kiosk(sqlite, "stolen", out, err);
        });
        std::istringstream chief(kChiefPassword + "\n"), keeper("keeper-password-2026\n");
        ran([&](auto& out, auto& err) {
            return hub::admin_add_user({sqlite, "chief", "province_admin", ""}, chief, out, err);
        });
        ran([&](auto& out, auto& err) {
            return hub::admin_add_user({sqlite, "keeper", "venue_manager", "county-1"}, keeper, out,
                                       err);
        });
        ran([&](auto& out, auto& err) {
            return hub::admin_set_hours({sqlite, "county-1", "08:30", "18:00", "mon"}, out, err);
        });
        sync_usage();
        add_library();
        add_notices();
        add_schedules();
    }

    void sync_usage() {
        std::string error;
        std::unique_ptr<hub::HubStore> store = hub::open_hub_store(sqlite, error);
        INFO(error);
        REQUIRE(store);
        kiosk::sync::SyncBatch lobby = kiosk::test::make_batch(epoch_of('a'), 6);
        lobby.buckets = {{"2026-10-30", "kiosk", "", "sessions", 7, 1},
                         {"2026-10-30", "kiosk", "", "session_ms", 70000, 2},
                         {"2026-11-02", "kiosk", "", "sessions", 5, 3},
                         {"2026-11-02", "exhibit", "pendulum-lab", "visits", 9, 4},
                         {"2026-11-02", "hour", "10", "sessions", 5, 5},
                         {"2026-11-03", "question", "physics/q1", "answers", 4, 6}};
        lobby.titles = {{"exhibit", "pendulum-lab", "单摆实验室", "Pendulum lab"}};
        kiosk::sync::SyncBatch bus = kiosk::test::make_batch(epoch_of('b'), 2);
        bus.buckets = {{"2026-11-02", "kiosk", "", "sessions", 3, 1},
                       {"2026-11-02", "exhibit", "pendulum-lab", "visits", 2, 2}};
        bus.titles = {{"exhibit", "pendulum-lab", "单摆", "Pendulum"}};
        // Received now: a contact hour is recorded only after the kiosk was added.
        const int64_t now = kiosk::now_utc_ms();
        int64_t stored = 0;
        INFO(error);
        REQUIRE(store->apply_sync({"lobby-1", &lobby, now}, stored, error));
        REQUIRE(store->apply_sync({"bus-kiosk", &bus, now + 1}, stored, error));
        // A later resend with a higher seq replaces one bucket (the totals follow).
        lobby.buckets = {{"2026-11-02", "kiosk", "", "sessions", 6, 7}};
        lobby.through_seq = 7;
        REQUIRE(store->apply_sync({"lobby-1", &lobby, now + 2}, stored, error));
    }

    void add_library() {
        ran([&](auto& out, auto& err) {
            return hub::admin_add_publisher({sqlite, "省科协", keys.publisher_pub}, out, err);
        });
        ran([&](auto& out, auto& err) {
            return hub::admin_add_reviewer(
                {sqlite, "王专家", "省科学院", "物理", keys.reviewer_pub}, out, err);
        });
        const std::string quake = keys.make_package("quake-drill", "1.0.0", &keys.publisher);
        keys.review(quake, keys.reviewer, "approved", "2030-01-01");
        ran([&](auto& out, auto& err) { return hub::content_add({sqlite, quake, ""}, out, err); });
        ran([&](auto& out, auto& err) {
            return hub::content_publish(sqlite, "quake-drill", out, err);
        });
        ran([&](auto& out, auto& err) {
            return hub::content_assign(sqlite, "lobby-1", {"quake-drill"}, out, err);
        });
        std::string error;
        std::unique_ptr<hub::LibraryStore> library = hub::open_library_store(sqlite, error);
        REQUIRE(library);
        REQUIRE(library->store_snapshot({"lobby-1", 1, "fingerprint", kNow, kNow + 86400000,
                                         std::string("{\"doc\":\0}", 10), std::string(64, '\xfe'),
                                         "hub-key"},
                                        error));
    }

    void add_notices() {
        std::string error;
        std::unique_ptr<hub::NoticeStore> notices = hub::open_notice_store(sqlite, error);
        REQUIRE(notices);
        const kiosk::SecretKey key = kiosk::generate_key();
        REQUIRE(kiosk::test::store_notice(
                    *notices,
                    kiosk::test::make_notice("quake-1", {"county-1"}, kNow,
                                             kNow + 6 * kiosk::test::kNoticeHourMs),
                    key, kNow) == hub::AddNoticeOutcome::Added);
        REQUIRE(notices->store_receipts(
            "lobby-1", "county-1", {{"quake-1", kNow + 1000, true, 3, 1}}, kNow + 2000, error));
        REQUIRE(notices->set_venue_division("county-1", "330106", error));
        REQUIRE(notices->add_area_route({"浙江省杭州市西湖区", "county-1"}, error));
    }

    void add_schedules() {
        std::string error;
        std::unique_ptr<hub::ReportScheduleStore> schedules =
            hub::open_report_schedule_store(sqlite, error);
        REQUIRE(schedules);
        REQUIRE(schedules->set_email("chief", "chief@example.org", error));
        hub::ReportSchedule schedule;
        schedule.user = "chief";
        schedule.created_utc_ms = kNow;
        schedule_id = schedules->add_schedule(schedule, error);
        REQUIRE(schedule_id > 0);
        REQUIRE(schedules->claim_run(schedule_id, "2026-10", kNow, error) ==
                hub::ClaimOutcome::claimed);
        hub::SavedReport report;
        report.schedule_id = schedule_id;
        report.owner = "chief";
        report.period = "2026-10";
        report.file_name = "monthly-2026-10.pdf";
        report.content_type = "application/pdf";
        report.bytes = 1234;
        report.made_utc_ms = kNow;
        report.recipient = "chief@example.org";
        REQUIRE(schedules->add_saved_report(report, error));
        schedules->record_alert("silent:bus-kiosk", "chief@example.org", kNow);
    }

    std::string hub_db_bytes() const { return read_text_file(dir + "/hub.db"); }
};

std::string migrate_command(const std::string& from, const std::string& url) {
    return "migrate --from " + from + " --to '" + url + "'";
}

// The dashboard's numbers (every table of the page, as the JSON export) for a viewer and filter.
std::string dashboard_json(const hub::StoreLocation& location, const hub::UserRecord& viewer,
                           const kiosk::dashboard::DashboardFilter& filter) {
    std::string error;
    std::unique_ptr<hub::HubStore> store = hub::open_hub_store(location, error);
    std::unique_ptr<hub::LibraryStore> library = hub::open_library_store(location, error);
    INFO(error);
    REQUIRE((store && library));
    return kiosk::stats::reports_to_json(hub::dashboard_reports(
        hub::load_dashboard(*store, viewer, filter, kNow + 3600000, 7, library.get())));
}

// Rows per table: every table of the PostgreSQL schema against hub.db's table of that name.
std::map<std::string, std::pair<int64_t, int64_t>> row_counts(const std::string& hub_db,
                                                              const std::string& url) {
    std::string error;
    hub::PgPool pool(url, 1);
    hub::PgResult tables = hub::pg_query(
        pool, "SELECT c.relname FROM pg_class c WHERE c.relnamespace = (SELECT oid FROM "
              "pg_namespace WHERE nspname = current_schema()) AND c.relkind IN ('r', 'p') "
              "AND NOT c.relispartition");
    INFO(tables.error());
    REQUIRE(tables.ok());
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(hub_db.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::map<std::string, std::pair<int64_t, int64_t>> counts;
    for (int row = 0; row < tables.rows(); ++row) {
        const std::string table = tables.text(row, 0);
        hub::PgResult counted = hub::pg_query(pool, "SELECT count(*) FROM " + table);
        REQUIRE(counted.ok());
        counts[table] = {kiosk::query_int64(db, ("SELECT count(*) FROM " + table).c_str(), -1),
                         counted.int64(0, 0)};
    }
    sqlite3_close(db);
    return counts;
}

} // namespace

TEST_CASE("migrate copies a SQLite hub into PostgreSQL: tokens, passwords, dashboard, listings",
          "[hub][migrate][postgresql-only]") {
    OldHub old;
    const hub::StoreLocation pg(old.dir,
                                kiosk::test::test_store(old.folder.file("new")).database_url);
    const std::string before = old.hub_db_bytes();
    const CommandRun migrated =
        run_hub_command(old.folder, migrate_command("old", pg.database_url));
    require_ok(migrated);
    CHECK(migrated.out.find("verified:") != std::string::npos);
    CHECK(migrated.out.find("buckets") != std::string::npos);
    CHECK(migrated.out.find("2026-10") != std::string::npos);
    CHECK(old.hub_db_bytes() == before);

    SECTION("every table holds hub.db's rows") {
        const auto counts = row_counts(old.dir + "/hub.db", pg.database_url);
        // Not copied: sign-in sessions, the scheduler lease, the schema versions.
        const std::set<std::string> left = {"web_sessions", "web_sign_in_failures",
                                            "scheduler_lease", "store_schema"};
        for (const auto& [table, sides] : counts) {
            INFO(table);
            if (left.count(table)) continue;
            CHECK(sides.first == sides.second);
            CHECK(sides.second > 0); // the fixture fills every table the migration copies
        }
        CHECK(counts.size() >= 28);
    }

    SECTION("kiosks keep their tokens and users their passwords") {
        std::string error;
        std::unique_ptr<hub::HubStore> store = hub::open_hub_store(pg, error);
        REQUIRE(store);
        const std::optional<hub::KioskRecord> lobby =
            hub::authenticate_kiosk(*store, old.lobby_token);
        REQUIRE(lobby);
        CHECK(lobby->id == "lobby-1");
        CHECK(lobby->venue == "county-1");
        CHECK_FALSE(hub::authenticate_kiosk(*store, old.stolen_token)); // still revoked
        CHECK_FALSE(hub::authenticate_kiosk(*store, old.lobby_token + "x"));
        const std::optional<hub::UserRecord> chief = store->find_user("chief");
        REQUIRE(chief);
        CHECK(hub::verify_password(chief->password_hash, kChiefPassword));
        CHECK_FALSE(hub::verify_password(chief->password_hash, kChiefPassword + "!"));
        CHECK(store->find_user("keeper")->venue == "county-1");
        std::unique_ptr<hub::HubStore> old_store = hub::open_hub_store(old.sqlite, error);
        REQUIRE(old_store);
        CHECK(store->find_venue("county-1")->opening_hours ==
              old_store->find_venue("county-1")->opening_hours);
        CHECK(store->find_kiosk("lobby-1")->last_seen_utc_ms ==
              old_store->find_kiosk("lobby-1")->last_seen_utc_ms);
    }

    SECTION("the dashboard gives the same numbers on both backends") {
        const hub::UserRecord chief{"chief", "", "province_admin", ""};
        const hub::UserRecord keeper{"keeper", "", "venue_manager", "county-1"};
        for (const auto& [viewer, filter] :
             {std::pair{chief, kiosk::dashboard::DashboardFilter{"", "2026-10-01", "2026-11-30"}},
              std::pair{chief,
                        kiosk::dashboard::DashboardFilter{"bus-2", "2026-11-01", "2026-11-30"}},
              std::pair{keeper,
                        kiosk::dashboard::DashboardFilter{"county-1", "2026-10-01", "2026-11-30"}},
              std::pair{keeper,
                        kiosk::dashboard::DashboardFilter{"county-1", "2026-10-01", "2026-11-30",
                                                          kiosk::Language::En, "lobby-1"}}}) {
            INFO(filter.venue_id << " " << filter.kiosk_id);
            const std::string on_sqlite = dashboard_json(old.sqlite, viewer, filter);
            CHECK(on_sqlite.find(filter.language == kiosk::Language::En ? "Pendulum" : "单摆") !=
                  std::string::npos); // the titles came along
            CHECK(dashboard_json(pg, viewer, filter) == on_sqlite);
        }
    }

    SECTION("listings are the same on both backends") {
        const auto both = [&](auto command) {
            const std::string on_sqlite =
                ran([&](auto& out, auto& err) { return command(old.sqlite, out, err); });
            CHECK(ran([&](auto& out, auto& err) { return command(pg, out, err); }) == on_sqlite);
            return on_sqlite;
        };
        CHECK(both([](auto& location, auto& out, auto& err) {
                  return hub::admin_list(location, out, err);
              }).find("stolen") != std::string::npos);
        CHECK(both([](auto& location, auto& out, auto& err) {
                  return hub::content_list(location, out, err);
              }).find("quake-drill") != std::string::npos);

        std::string error;
        auto old_library = hub::open_library_store(old.sqlite, error);
        auto new_library = hub::open_library_store(pg, error);
        REQUIRE((old_library && new_library));
        const auto snapshot = new_library->last_snapshot("lobby-1");
        REQUIRE(snapshot);
        CHECK(snapshot->document == old_library->last_snapshot("lobby-1")->document);
        CHECK(snapshot->signature == std::string(64, '\xfe'));
        REQUIRE(new_library->assigned_packages("lobby-1", error).size() == 1);

        auto old_notices = hub::open_notice_store(old.sqlite, error);
        auto new_notices = hub::open_notice_store(pg, error);
        REQUIRE((old_notices && new_notices));
        CHECK(new_notices->version() == old_notices->version());
        const auto feed = new_notices->history("county-1", 10);
        REQUIRE(feed.size() == 1);
        CHECK(feed[0].signed_notice.document ==
              old_notices->history("county-1", 10)[0].signed_notice.document);
        CHECK(new_notices->receipts_for("quake-1").size() == 1);
        CHECK(new_notices->venue_divisions() == old_notices->venue_divisions());
        CHECK(new_notices->area_routes().size() == 1);

        auto old_schedules = hub::open_report_schedule_store(old.sqlite, error);
        auto new_schedules = hub::open_report_schedule_store(pg, error);
        REQUIRE((old_schedules && new_schedules));
        CHECK(new_schedules->email_of("chief") == "chief@example.org");
        REQUIRE(new_schedules->schedules("").size() == 1);
        CHECK(new_schedules->schedules("")[0].id == old.schedule_id);
        CHECK(new_schedules->claim_run(old.schedule_id, "2026-10", kNow, error) ==
              hub::ClaimOutcome::taken); // the run history came along
        REQUIRE(new_schedules->saved_reports().size() == 1);
        CHECK(new_schedules->saved_reports()[0].file_name == "monthly-2026-10.pdf");
        CHECK(new_schedules->alert_mailed("silent:bus-kiosk", "chief@example.org"));
        // Ids go on after the copied ones.
        hub::ReportSchedule weekly;
        weekly.user = "chief";
        weekly.cadence = hub::ReportCadence::weekly;
        CHECK(new_schedules->add_schedule(weekly, error) == old.schedule_id + 1);
    }

    SECTION("the PostgreSQL hub goes on syncing: new titles, totals on top of the copied") {
        std::string error;
        std::unique_ptr<hub::HubStore> store = hub::open_hub_store(pg, error);
        REQUIRE(store);
        kiosk::sync::SyncBatch more = kiosk::test::make_batch(epoch_of('b'), 3);
        more.buckets = {{"2026-11-02", "exhibit", "maze", "visits", 4, 3}};
        more.titles = {{"exhibit", "maze", "迷宫", "Maze"}};
        int64_t stored = 0;
        INFO(error);
        REQUIRE(store->apply_sync({"bus-kiosk", &more, kiosk::now_utc_ms()}, stored, error));
        const auto totals = kiosk::test::stored_totals(old.folder.file("new"));
        CHECK(totals.at({"exhibit", "pendulum-lab", "visits"}) == 11);
        CHECK(totals.at({"exhibit", "maze", "visits"}) == 4);
        CHECK(totals.at({"kiosk", "", "sessions"}) == 16);
    }
}

TEST_CASE("migrate refuses a target that already holds a hub, and changes nothing",
          "[hub][migrate][postgresql-only]") {
    OldHub old;
    const std::string url = kiosk::test::test_store(old.folder.file("new")).database_url;
    require_ok(run_hub_command(old.folder, migrate_command("old", url)));
    const auto copied = row_counts(old.dir + "/hub.db", url);
    const std::string before = old.hub_db_bytes();
    const CommandRun again = run_hub_command(old.folder, migrate_command("old/hub.db", url));
    check_refused(again, 1, "already holds a hub (its venues table has rows)");
    CHECK(row_counts(old.dir + "/hub.db", url) == copied);
    CHECK(old.hub_db_bytes() == before);
}

TEST_CASE("migrate refuses broken input, naming it", "[hub][migrate][postgresql-only]") {
    OldHub old;
    const std::string url = kiosk::test::test_store(old.folder.file("new")).database_url;
    const std::string before = old.hub_db_bytes();
    const auto venues_in_target = [&] {
        hub::PgPool pool(url, 1);
        hub::PgResult any = hub::pg_query(
            pool, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND "
                  "tablename = 'venues'");
        REQUIRE(any.ok());
        if (any.int64(0, 0) == 0) return int64_t(0);
        hub::PgResult venues = hub::pg_query(pool, "SELECT count(*) FROM venues");
        REQUIRE(venues.ok());
        return venues.int64(0, 0);
    };

    SECTION("garbage as --from") {
        old.folder.write("garbage.db", std::string(4096, 'x'));
        check_refused(run_hub_command(old.folder, migrate_command("garbage.db", url)), 1,
                      "garbage.db is not a hub database");
    }
    SECTION("a SQLite database that is no hub") {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(old.folder.file("other.db").c_str(), &db) == SQLITE_OK);
        kiosk::exec_sql(db, "CREATE TABLE t(x)");
        sqlite3_close(db);
        check_refused(run_hub_command(old.folder, migrate_command("other.db", url)), 1,
                      "other.db is not a hub database (it has no venues table)");
    }
    SECTION("missing --from, and a folder without hub.db") {
        check_refused(run_hub_command(old.folder, migrate_command("nowhere", url)), 1,
                      "--from nowhere: no such file or folder");
        std::filesystem::create_directories(old.folder.file("empty"));
        check_refused(run_hub_command(old.folder, migrate_command("empty", url)), 1,
                      "--from empty: the folder holds no hub.db");
    }
    SECTION("--to not a PostgreSQL URL, or no server there") {
        check_refused(run_hub_command(old.folder, migrate_command("old", "mysql://db/hub")), 1,
                      "--to: expected a PostgreSQL URL");
        check_refused(
            run_hub_command(old.folder,
                            migrate_command("old", "postgresql://nobody:secret@127.0.0.1:1/hub")),
            1, "--to postgresql://nobody:***@127.0.0.1:1/hub: PostgreSQL: cannot connect");
    }
    SECTION("a table or a schema version this kiosk-hub does not know") {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open((old.dir + "/hub.db").c_str(), &db) == SQLITE_OK);
        REQUIRE(kiosk::exec_sql(db, "CREATE TABLE visitor_badges(x)"));
        sqlite3_close(db);
        check_refused(run_hub_command(old.folder, migrate_command("old", url)), 1,
                      "does not know how to move: visitor_badges");
        REQUIRE(sqlite3_open((old.dir + "/hub.db").c_str(), &db) == SQLITE_OK);
        REQUIRE(kiosk::exec_sql(db, "DROP TABLE visitor_badges; PRAGMA user_version = " +
                                        std::to_string(hub::kHubSchemaVersion + 1)));
        sqlite3_close(db);
        check_refused(run_hub_command(old.folder, migrate_command("old", url)), 1,
                      "newer than this kiosk-hub");
        return; // hub.db was changed by the test itself
    }
    SECTION("a copy failing halfway is rolled back") {
        // A contact row of a kiosk hub.db does not have (as an operator's
        // shell without foreign keys could leave): PostgreSQL refuses it
        // after venues and kiosks were copied.
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open((old.dir + "/hub.db").c_str(), &db) == SQLITE_OK);
        REQUIRE(kiosk::exec_sql(db, "INSERT INTO kiosk_contacts VALUES('ghost', 20000, 1)"));
        sqlite3_close(db);
        const std::string with_ghost = old.hub_db_bytes();
        const CommandRun failed = run_hub_command(old.folder, migrate_command("old", url));
        check_refused(failed, 1, "copying kiosk_contacts into PostgreSQL");
        CHECK(failed.err.find("rolled back: nothing was kept") != std::string::npos);
        CHECK(venues_in_target() == 0);
        CHECK(old.hub_db_bytes() == with_ghost);
        return;
    }
    CHECK(venues_in_target() == 0);
    CHECK(old.hub_db_bytes() == before);
}
