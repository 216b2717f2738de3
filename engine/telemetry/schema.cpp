// The kiosk.db schema steps and the migration runner (see schema.h for what
// each table holds). A step is only ever appended: version N's DDL never
// changes once a kiosk may have written it.
#include "schema.h"

#include "core/private_files.h"
#include "core/random_id.h"
#include "core/sqlite_statement.h"

#include <chrono>

namespace kiosk::telemetry {
namespace {

// Version 1: events, boots, rollups and meta.
constexpr const char* kStep1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE boots(
  boot INTEGER PRIMARY KEY,
  boot_id TEXT NOT NULL UNIQUE,
  started_utc_ms INTEGER NOT NULL,
  software_version TEXT NOT NULL);
CREATE TABLE events(
  seq INTEGER PRIMARY KEY,
  utc_ms INTEGER NOT NULL,
  utc_offset_min INTEGER NOT NULL,
  day TEXT NOT NULL,
  boot INTEGER NOT NULL REFERENCES boots(boot),
  mono_ms INTEGER NOT NULL,
  session TEXT,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  content_version TEXT NOT NULL DEFAULT '',
  fields TEXT NOT NULL DEFAULT '{}');
CREATE TABLE rollups(
  day TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  metric TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY(day, subject_kind, subject, metric)) WITHOUT ROWID;
)sql";

// Version 2: clock sanity flags on events, change tracking on rollups for sync
// (every existing row counts as changed), titles of subjects for reports, an
// index for day ranges.
constexpr const char* kStep2 = R"sql(
ALTER TABLE events ADD COLUMN clock_flags INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollups ADD COLUMN changed_seq INTEGER NOT NULL DEFAULT 0;
UPDATE rollups SET changed_seq = (SELECT coalesce(max(seq), 0) FROM events);
UPDATE events SET clock_flags = 1 WHERE utc_ms < 1735689600000 OR utc_ms >= 4102444800000;
CREATE INDEX events_by_day ON events(day);
CREATE INDEX rollups_by_change ON rollups(changed_seq);
CREATE TABLE subjects(
  subject_kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  title_zh TEXT NOT NULL,
  title_en TEXT NOT NULL,
  PRIMARY KEY(subject_kind, subject)) WITHOUT ROWID;
)sql";

// Version 3: the emergency notices the kiosk holds (the signed bytes as
// received, with what it knows about each) and the identifiers an Update or a
// Cancel retired (engine/sync/kiosk_notice_store.h).
constexpr const char* kStep3 = R"sql(
CREATE TABLE notices(
  sender TEXT NOT NULL,
  identifier TEXT NOT NULL,
  document TEXT NOT NULL,
  signature BLOB NOT NULL,
  key_id TEXT NOT NULL,
  received_utc_ms INTEGER NOT NULL,
  first_shown_utc_ms INTEGER NOT NULL DEFAULT 0,
  viewers INTEGER NOT NULL DEFAULT 0,
  opened INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(sender, identifier)) WITHOUT ROWID;
CREATE TABLE retired_notices(
  sender TEXT NOT NULL,
  identifier TEXT NOT NULL,
  keep_until_utc_ms INTEGER NOT NULL,
  PRIMARY KEY(sender, identifier)) WITHOUT ROWID;
)sql";

std::string quoted(const std::string& text) {
    char* sql = sqlite3_mprintf("%Q", text.c_str());
    std::string out = sql ? sql : "''";
    sqlite3_free(sql);
    return out;
}

} // namespace

const char* schema_step_sql(int version) {
    switch (version) {
    case 1:
        return kStep1;
    case 2:
        return kStep2;
    case 3:
        return kStep3;
    }
    return nullptr;
}

bool migrate_schema(sqlite3* db, std::string& error) {
    // BEGIN IMMEDIATE: two processes opening the same new file cannot both migrate.
    if (!exec_sql(db, "BEGIN IMMEDIATE", &error)) return false;
    const int from = int(query_int64(db, "PRAGMA user_version", -1));
    auto fail = [&](const std::string& message) {
        error = message;
        exec_sql(db, "ROLLBACK");
        return false;
    };
    if (from < 0) return fail("cannot read the schema version: " + std::string(sqlite3_errmsg(db)));
    if (from > kSchemaVersion)
        return fail("the database has schema version " + std::to_string(from) +
                    ", newer than this kiosk software knows (" + std::to_string(kSchemaVersion) +
                    "); it was left untouched: use the newer software, or a new data folder");
    for (int version = from + 1; version <= kSchemaVersion; ++version) {
        std::string step_error;
        if (!exec_sql(db, schema_step_sql(version), &step_error))
            return fail("migrating to schema version " + std::to_string(version) + ": " +
                        step_error);
    }
    if (from == 0) {
        const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count();
        std::string step_error;
        if (!exec_sql(db,
                      "INSERT INTO meta(key, value) VALUES ('epoch', " + quoted(make_random_id()) +
                          "), ('created_utc_ms', '" + std::to_string(now_ms) +
                          "'), ('synced_seq', '0')",
                      &step_error))
            return fail("creating the database: " + step_error);
    }
    std::string step_error;
    if (from != kSchemaVersion &&
        !exec_sql(db, "PRAGMA user_version = " + std::to_string(kSchemaVersion), &step_error))
        return fail("setting the schema version: " + step_error);
    if (!exec_sql(db, "COMMIT", &step_error))
        return fail("committing the migration: " + step_error);
    return true;
}

sqlite3* open_kiosk_db(const std::string& path, std::string& error) {
    // Created 0600 (its -wal and -shm follow), never through a link (see
    // core/private_files.h): SQLITE_OPEN_NOFOLLOW refuses one in the path.
    const std::string real_path = prepare_private_database(path, error);
    if (real_path.empty()) return nullptr;
    sqlite3* db = nullptr;
    const auto fail = [&](const std::string& message) -> sqlite3* {
        error = path + ": " + message;
        sqlite3_close(db);
        return nullptr;
    };
    if (sqlite3_open_v2(real_path.c_str(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
                            SQLITE_OPEN_NOFOLLOW,
                        nullptr) != SQLITE_OK)
        return fail(std::string("cannot open the statistics database: ") +
                    (db ? sqlite3_errmsg(db) : "out of memory"));
    sqlite3_busy_timeout(db, 5000);
    // Read before anything is written: a newer or foreign database stays untouched.
    const int64_t version = query_int64(db, "PRAGMA user_version", -1);
    if (version < 0)
        return fail(std::string("not a statistics database (") + sqlite3_errmsg(db) + ")");
    if (version > kSchemaVersion)
        return fail("the database has schema version " + std::to_string(version) +
                    ", newer than this kiosk software knows (" + std::to_string(kSchemaVersion) +
                    "); it was left untouched: use the newer software, or a new data folder");
    if (version == 0 && query_int64(db, "SELECT count(*) FROM sqlite_schema") > 0)
        return fail("holds tables but is not a kiosk statistics database; it was left untouched");
    if (query_text(db, "PRAGMA journal_mode = WAL") != "wal")
        return fail(std::string("cannot switch the database to WAL mode (") + sqlite3_errmsg(db) +
                    ")");
    std::string migrate_error;
    if (!exec_sql(db, "PRAGMA synchronous = FULL") || !migrate_schema(db, migrate_error))
        return fail(migrate_error.empty() ? sqlite3_errmsg(db) : migrate_error);
    return db;
}

std::string read_meta(sqlite3* db, const std::string& key) {
    SqliteStatement select(db, "SELECT value FROM meta WHERE key = ?1");
    return select.bind(1, key).next() ? select.text(0) : std::string();
}

} // namespace kiosk::telemetry
