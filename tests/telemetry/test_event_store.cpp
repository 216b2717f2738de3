// EventStore tests: a new kiosk.db (WAL, schema version, epoch), migration
// from version 1, refusal of newer and foreign databases (left untouched), a
// full disk (rollups kept, raw events dropped and counted, recovery by itself),
// retention pruning, the hub's acknowledgement (synced_seq), and seq numbers
// that are never reused.
#include "core/civil_time.h"
#include "core/temp_folder.h"
#include "telemetry/event_store.h"
#include "telemetry/interaction_log.h"
#include "telemetry/schema.h"
#include "telemetry/telemetry_test_support.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace kiosk;
using namespace kiosk::telemetry;
using kiosk::test::Db;

namespace {

constexpr int64_t kNow = 1795829400000; // 2026-11-28T01:30:00Z

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

EventRecord session_event(const Clock& clock) {
    EventRecord event;
    event.time = clock.now();
    event.day = local_day(event.time.utc_ms, event.time.utc_offset_min);
    event.session = "s";
    event.kind = "session_start";
    event.counts.push_back({"kiosk", "", "sessions", 1});
    event.counts.push_back({"hour", "09", "sessions", 1});
    return event;
}

std::vector<std::string> files_in(const std::filesystem::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

TEST_CASE("a new kiosk.db is in WAL mode at the current schema version with an epoch",
          "[telemetry]") {
    test::TempFolder folder;
    ManualClock clock{kNow, 480};
    std::string error;
    std::string epoch;
    {
        auto store = EventStore::open({folder.file("kiosk.db"), "9.9.9", &clock}, error);
        REQUIRE(store);
        epoch = store->epoch();
        CHECK(epoch.size() == 32);
        CHECK(store->record(session_event(clock)) == 1);
        CHECK(store->record(session_event(clock)) == 2);
        CHECK(store->flush());
        CHECK(store->health().committed_seq == 2);
        CHECK(store->health().events_stored == 2);
    }
    Db db(folder.file("kiosk.db"));
    CHECK(db.text("PRAGMA journal_mode") == "wal");
    CHECK(db.integer("PRAGMA user_version") == kSchemaVersion);
    CHECK(db.text("SELECT value FROM meta WHERE key = 'epoch'") == epoch);
    CHECK(db.text("SELECT software_version FROM boots") == "9.9.9");
    CHECK(db.integer("SELECT value FROM rollups WHERE metric = 'sessions' AND subject_kind = "
                     "'kiosk'") == 2);
    CHECK(db.integer("SELECT changed_seq FROM rollups LIMIT 1") == 2);
}

TEST_CASE("a version 1 database opens and is upgraded with its events kept", "[telemetry]") {
    test::TempFolder folder;
    const std::string path = folder.file("kiosk.db");
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw, schema_step_sql(1), nullptr, nullptr, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw,
                         "INSERT INTO meta VALUES ('epoch', 'old-epoch'), ('created_utc_ms', '1');"
                         "INSERT INTO boots VALUES (1, 'b1', 1, '0.3.0');"
                         "INSERT INTO events(seq, utc_ms, utc_offset_min, day, boot, mono_ms, "
                         " session, kind) VALUES (7, 1, 480, '2026-01-05', 1, 0, 's', "
                         " 'session_start');"
                         "INSERT INTO rollups VALUES ('2026-01-05', 'kiosk', '', 'sessions', 1);"
                         "PRAGMA user_version = 1;",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);

    ManualClock clock{kNow, 480};
    std::string error;
    {
        auto store = EventStore::open({path, "0.4.0", &clock}, error);
        REQUIRE(store);
        CHECK(store->epoch() == "old-epoch");
        CHECK(store->record(session_event(clock)) == 8); // after the old events
    }
    Db db(path);
    CHECK(db.integer("PRAGMA user_version") == kSchemaVersion);
    CHECK(db.integer("SELECT count(*) FROM events") == 2);
    CHECK(db.integer("SELECT clock_flags FROM events WHERE seq = 7") == 1); // its 1970 time
    CHECK(db.integer("SELECT changed_seq FROM rollups WHERE day = '2026-01-05'") == 7);
    CHECK(db.integer("SELECT count(*) FROM subjects") == 0);
}

TEST_CASE("a version 2 database gains the notice tables with its events kept", "[telemetry]") {
    test::TempFolder folder;
    const std::string path = folder.file("kiosk.db");
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw, schema_step_sql(1), nullptr, nullptr, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw, schema_step_sql(2), nullptr, nullptr, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw,
                         "INSERT INTO meta VALUES ('epoch', 'v2-epoch'), ('created_utc_ms', '1');"
                         "INSERT INTO boots VALUES (1, 'b1', 1, '0.5.0');"
                         "INSERT INTO events(seq, utc_ms, utc_offset_min, day, boot, mono_ms, "
                         " session, kind) VALUES (3, 1795829400000, 480, '2026-11-28', 1, 0, 's', "
                         " 'session_start');"
                         "PRAGMA user_version = 2;",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);

    std::string error;
    sqlite3* db = open_kiosk_db(path, error);
    INFO(error);
    REQUIRE(db);
    CHECK(read_meta(db, "epoch") == "v2-epoch");
    sqlite3_close(db);
    Db check(path);
    CHECK(check.integer("PRAGMA user_version") == 3);
    CHECK(check.integer("SELECT count(*) FROM events") == 1);
    CHECK(check.integer("SELECT count(*) FROM notices") == 0);
    CHECK(check.integer("SELECT count(*) FROM retired_notices") == 0);
    CHECK(check.integer("SELECT count(*) FROM pragma_table_info('notices') WHERE name IN "
                        "('sender', 'identifier', 'document', 'signature', 'key_id', "
                        "'received_utc_ms', 'first_shown_utc_ms', 'viewers', 'opened')") == 9);
}

TEST_CASE("a database newer than the software is refused and left untouched", "[telemetry]") {
    test::TempFolder folder;
    const std::string path = folder.file("kiosk.db");
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw,
                         "PRAGMA journal_mode = WAL; CREATE TABLE future(x); INSERT INTO future "
                         "VALUES (42); PRAGMA user_version = 99;",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
    const std::string before = read_bytes(path);
    const auto files_before = files_in(folder.path());

    ManualClock clock{kNow, 0};
    std::string error;
    CHECK_FALSE(EventStore::open({path, "0.4.0", &clock}, error));
    CHECK_THAT(error, Catch::Contains(path) && Catch::Contains("schema version 99") &&
                          Catch::Contains("untouched"));
    CHECK(read_bytes(path) == before);
    CHECK(files_in(folder.path()) == files_before);
}

TEST_CASE("a file that is not a statistics database is refused and left untouched", "[telemetry]") {
    test::TempFolder folder;
    ManualClock clock{kNow, 0};
    std::string error;
    SECTION("garbage") {
        const std::string path = folder.write("kiosk.db", std::string(5000, 'x'));
        CHECK_FALSE(EventStore::open({path, "0.4.0", &clock}, error));
        CHECK_THAT(error, Catch::Contains(path) && Catch::Contains("not a statistics database"));
        CHECK(read_bytes(path) == std::string(5000, 'x'));
    }
    SECTION("someone else's SQLite database") {
        const std::string path = folder.file("kiosk.db");
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
        REQUIRE(sqlite3_exec(raw, "CREATE TABLE photos(x)", nullptr, nullptr, nullptr) ==
                SQLITE_OK);
        sqlite3_close(raw);
        const std::string before = read_bytes(path);
        CHECK_FALSE(EventStore::open({path, "0.4.0", &clock}, error));
        CHECK_THAT(error, Catch::Contains("not a kiosk statistics database"));
        CHECK(read_bytes(path) == before);
    }
    SECTION("a folder that does not exist") {
        const std::string path = folder.file("missing/kiosk.db");
        CHECK_FALSE(EventStore::open({path, "0.4.0", &clock}, error));
        CHECK_THAT(error, Catch::Contains(path) && Catch::Contains("cannot open"));
    }
}

TEST_CASE("on a full disk the counts are kept, raw events dropped and counted, and storing "
          "resumes by itself",
          "[telemetry]") {
    test::TempFolder folder;
    ManualClock clock{kNow, 480};
    std::string error;
    EventStoreOptions options{folder.file("kiosk.db"), "0.4.0", &clock};
    auto store = EventStore::open(options, error);
    REQUIRE(store);
    InteractionLog log(store.get(), clock);
    for (int i = 0; i < 10; ++i) {
        log.session_started("s" + std::to_string(i));
        log.session_ended("idle");
    }
    REQUIRE(store->flush());
    const int64_t pages = Db(options.path).integer("PRAGMA page_count");
    store->set_max_page_count(pages); // no room for a single new page

    // Each session_start adds a raw event and bumps an existing count: the
    // events soon stop fitting, the counts keep going.
    int sessions = 10;
    bool dropped = false;
    for (int round = 0; round < 200 && !dropped; ++round) {
        for (int i = 0; i < 20; ++i, ++sessions) {
            log.session_started("t" + std::to_string(sessions));
            log.session_ended("idle");
        }
        dropped = !store->flush();
    }
    REQUIRE(dropped);
    // (A later, smaller batch may fit again: the store then says it recovered.)
    EventStoreHealth health = store->health();
    CHECK(health.raw_dropped > 0);
    {
        Db db(options.path);
        CHECK(db.integer("SELECT value FROM rollups WHERE subject_kind = 'kiosk' AND metric = "
                         "'sessions'") == sessions);
        CHECK(db.text("PRAGMA integrity_check") == "ok");
    }

    store->set_max_page_count(0); // space returns
    log.session_started("after");
    log.session_ended("idle");
    ++sessions;
    store->flush(); // commits the batch and queues storage_recovered
    CHECK(store->flush());
    health = store->health();
    CHECK_FALSE(health.disk_full);
    Db db(options.path);
    CHECK(db.integer("SELECT value FROM rollups WHERE subject_kind = 'kiosk' AND metric = "
                     "'sessions'") == sessions);
    // Every dropped raw event is counted (the storage_recovered reports are
    // raw events themselves, and may have been dropped and counted too).
    CHECK(db.integer("SELECT value FROM rollups WHERE metric = 'dropped_raw_events'") ==
          health.raw_dropped);
    const int64_t stored = db.integer("SELECT count(*) FROM events WHERE kind LIKE 'session_%'");
    const int64_t reports = db.integer("SELECT count(*) FROM events WHERE kind = "
                                       "'storage_recovered'");
    CHECK(reports >= 1);
    CHECK(stored < 2 * sessions);
    CHECK(stored + health.raw_dropped >= 2 * sessions);
    CHECK(stored + health.raw_dropped <= 2 * sessions + 200); // + dropped reports
    CHECK(db.integer("SELECT sum(fields ->> 'dropped_raw_events') FROM events WHERE kind = "
                     "'storage_recovered'") <= health.raw_dropped);
    CHECK(db.text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("raw events older than the retention age are pruned; counts and seq numbers stay",
          "[telemetry]") {
    test::TempFolder folder;
    ManualClock clock{kNow - 500 * kMsPerDay, 480};
    std::string error;
    EventStoreOptions options{folder.file("kiosk.db"), "0.4.0", &clock};
    options.retention_days = 400;
    SECTION("pruned by age, including older events with a wrong clock") {
        auto store = EventStore::open(options, error);
        REQUIRE(store);
        clock.set_utc_ms(0); // a 1970 clock, recorded before the old events
        EventRecord wrong_clock = session_event(clock);
        wrong_clock.clock_flags = 1;
        store->record(wrong_clock);
        clock.set_utc_ms(kNow - 500 * kMsPerDay);
        store->record(session_event(clock));
        clock.set_utc_ms(kNow - 10 * kMsPerDay);
        store->record(session_event(clock));
        clock.set_utc_ms(kNow);
        store->prune_now();
        Db db(options.path);
        CHECK(db.column("SELECT seq FROM events") == std::vector<std::string>{"3"});
        CHECK(db.integer("SELECT sum(value) FROM rollups WHERE subject_kind = 'kiosk'") == 3);
    }
    SECTION("with sync required, only synced events go") {
        options.prune_only_synced = true;
        auto store = EventStore::open(options, error);
        REQUIRE(store);
        store->record(session_event(clock));
        store->record(session_event(clock));
        clock.set_utc_ms(kNow);
        store->prune_now();
        CHECK(Db(options.path).integer("SELECT count(*) FROM events") == 2);
        {
            Db writable(options.path, false);
            REQUIRE(sqlite3_exec(writable.get(),
                                 "UPDATE meta SET value = '1' WHERE key = 'synced_seq'", nullptr,
                                 nullptr, nullptr) == SQLITE_OK);
        }
        store->prune_now();
        CHECK(Db(options.path).column("SELECT seq FROM events") == std::vector<std::string>{"2"});
    }
    SECTION("a pruned seq is never handed out again") {
        {
            auto store = EventStore::open(options, error);
            REQUIRE(store);
            store->record(session_event(clock));
            store->record(session_event(clock));
            clock.set_utc_ms(kNow);
            store->prune_now();
        }
        CHECK(Db(options.path).integer("SELECT count(*) FROM events") == 0);
        auto store = EventStore::open(options, error);
        REQUIRE(store);
        CHECK(store->record(session_event(clock)) == 3);
    }
}

TEST_CASE("acknowledge_synced stores meta.synced_seq, never lowers it, and lets synced events "
          "be pruned",
          "[telemetry]") {
    test::TempFolder folder;
    ManualClock clock{kNow - 500 * kMsPerDay, 480};
    std::string error;
    EventStoreOptions options{folder.file("kiosk.db"), "0.4.0", &clock};
    options.prune_only_synced = true;
    auto store = EventStore::open(options, error);
    REQUIRE(store);
    for (int i = 0; i < 3; ++i)
        store->record(session_event(clock));
    REQUIRE(store->flush());
    CHECK(Db(options.path).text("SELECT value FROM meta WHERE key = 'synced_seq'") == "0");

    store->acknowledge_synced(2);
    CHECK(Db(options.path).text("SELECT value FROM meta WHERE key = 'synced_seq'") == "2");
    store->acknowledge_synced(1); // a late answer to an older batch
    CHECK(Db(options.path).text("SELECT value FROM meta WHERE key = 'synced_seq'") == "2");

    clock.set_utc_ms(kNow);
    store->prune_now();
    CHECK(Db(options.path).column("SELECT seq FROM events") == std::vector<std::string>{"3"});
    store->acknowledge_synced(10); // "10" > "3" only as numbers
    store.reset();
    CHECK(Db(options.path).text("SELECT value FROM meta WHERE key = 'synced_seq'") == "10");
}

TEST_CASE("a wrong clock in the future of the events never prunes with a 1970 now", "[telemetry]") {
    test::TempFolder folder;
    ManualClock clock{kNow, 0};
    std::string error;
    auto store = EventStore::open({folder.file("kiosk.db"), "0.4.0", &clock}, error);
    REQUIRE(store);
    store->record(session_event(clock));
    clock.set_utc_ms(1000);
    store->prune_now();
    CHECK(Db(folder.file("kiosk.db")).integer("SELECT count(*) FROM events") == 1);
}

TEST_CASE("a full queue drops and counts instead of blocking", "[telemetry]") {
    test::TempFolder folder;
    ManualClock clock{kNow, 0};
    std::string error;
    EventStoreOptions options{folder.file("kiosk.db"), "0.4.0", &clock};
    options.max_queue = 0;
    auto store = EventStore::open(options, error);
    REQUIRE(store);
    CHECK(store->record(session_event(clock)) == 0);
    CHECK(store->health().raw_dropped == 1);
    CHECK_FALSE(store->flush());
}
