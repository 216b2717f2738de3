// The SQLite HubStore (see sqlite_hub_store.h): opening and migrating hub.db,
// the administration rows, the sync upsert in one durable transaction (with
// the epoch limit, the totals' 64-bit guard and the contact history), titles
// per venue, opening hours, and the dashboard's queries over venue_totals (one
// venue), province_totals (every venue) or buckets (one kiosk), which throw StoreReadError rather
// than end early on an SQLite error. Every value is bound as a parameter.
//
// Index of this file:
// [SECTION] The schema and its migrations
// [SECTION] Another process holding hub.db's write lock
// [SECTION] Helpers: transactions, query scopes, weekdays, reading rows
// [SECTION] Opening hub.db
// [SECTION] Administration: venues, kiosks and users
// [SECTION] Sync: the epoch limit and apply_sync
// [SECTION] Dashboard queries: totals, hours of the week, exhibits, quiz, titles, epochs
// [SECTION] Availability: opening hours against the contact history

#include "sqlite_hub_store.h"

#include "availability_days.h"

#include "core/checked_sum.h"
#include "core/civil_time.h"
#include "core/private_files.h"
#include "core/sqlite_statement.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>

namespace kiosk::hub {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] The schema and its migrations
//-----------------------------------------------------------------------------

// The schema, one entry per user_version step (index 0 = version 1).
const char* const kSchemaSteps[] = {
    R"sql(
CREATE TABLE venues(
  id TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  kind TEXT NOT NULL CHECK(kind IN ('county_museum', 'mobile_exhibit')),
  created_utc_ms INTEGER NOT NULL);
CREATE TABLE kiosks(
  id TEXT PRIMARY KEY,
  venue TEXT NOT NULL REFERENCES venues(id),
  token_hash TEXT NOT NULL,
  public_key TEXT NOT NULL DEFAULT '',
  created_utc_ms INTEGER NOT NULL,
  last_seen_utc_ms INTEGER NOT NULL DEFAULT 0,
  software_version TEXT NOT NULL DEFAULT '',
  content_json TEXT NOT NULL DEFAULT '[]',
  uptime_s INTEGER NOT NULL DEFAULT 0,
  disk_free_mb INTEGER NOT NULL DEFAULT 0,
  errors INTEGER NOT NULL DEFAULT 0,
  clock_skew_ms INTEGER NOT NULL DEFAULT 0);
CREATE INDEX kiosks_by_venue ON kiosks(venue, id);
CREATE TABLE kiosk_epochs(
  kiosk TEXT NOT NULL REFERENCES kiosks(id),
  epoch TEXT NOT NULL,
  through_seq INTEGER NOT NULL,
  first_seen_utc_ms INTEGER NOT NULL,
  last_sync_utc_ms INTEGER NOT NULL,
  PRIMARY KEY(kiosk, epoch)) WITHOUT ROWID;
CREATE TABLE buckets(
  kiosk TEXT NOT NULL REFERENCES kiosks(id),
  epoch TEXT NOT NULL,
  day TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  metric TEXT NOT NULL,
  value INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY(kiosk, epoch, day, kind, subject, metric)) WITHOUT ROWID;
CREATE TABLE venue_totals(
  venue TEXT NOT NULL,
  kind TEXT NOT NULL,
  metric TEXT NOT NULL,
  day TEXT NOT NULL,
  subject TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY(venue, kind, metric, day, subject)) WITHOUT ROWID;
CREATE INDEX venue_totals_by_metric ON venue_totals(kind, metric, day);
CREATE TRIGGER buckets_added AFTER INSERT ON buckets BEGIN
  INSERT INTO venue_totals(venue, kind, metric, day, subject, value)
  VALUES((SELECT venue FROM kiosks WHERE id = NEW.kiosk), NEW.kind, NEW.metric, NEW.day,
         NEW.subject, NEW.value)
  ON CONFLICT(venue, kind, metric, day, subject) DO UPDATE SET value = value + excluded.value;
END;
CREATE TRIGGER buckets_changed AFTER UPDATE OF value ON buckets BEGIN
  UPDATE venue_totals SET value = value + NEW.value - OLD.value
  WHERE venue = (SELECT venue FROM kiosks WHERE id = NEW.kiosk) AND kind = NEW.kind
    AND metric = NEW.metric AND day = NEW.day AND subject = NEW.subject;
END;
CREATE TABLE users(
  name TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK(role IN ('province_admin', 'venue_manager')),
  venue TEXT REFERENCES venues(id),
  created_utc_ms INTEGER NOT NULL,
  CHECK((role = 'venue_manager') = (venue IS NOT NULL)));
)sql",
    // 2: province_totals, the sums over venues, for the all-venue queries: filled
    // from venue_totals, then kept by the same two triggers. Its key orders each
    // (kind, metric) by day, so a date range is one contiguous scan.
    // venue_totals_by_metric served the all-venue queries and is no longer read.
    R"sql(
CREATE TABLE province_totals(
  kind TEXT NOT NULL,
  metric TEXT NOT NULL,
  day TEXT NOT NULL,
  subject TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY(kind, metric, day, subject)) WITHOUT ROWID;
INSERT INTO province_totals(kind, metric, day, subject, value)
  SELECT kind, metric, day, subject, sum(value) FROM venue_totals
  GROUP BY kind, metric, day, subject;
DROP INDEX venue_totals_by_metric;
DROP TRIGGER buckets_added;
DROP TRIGGER buckets_changed;
CREATE TRIGGER buckets_added AFTER INSERT ON buckets BEGIN
  INSERT INTO venue_totals(venue, kind, metric, day, subject, value)
  VALUES((SELECT venue FROM kiosks WHERE id = NEW.kiosk), NEW.kind, NEW.metric, NEW.day,
         NEW.subject, NEW.value)
  ON CONFLICT(venue, kind, metric, day, subject) DO UPDATE SET value = value + excluded.value;
  INSERT INTO province_totals(kind, metric, day, subject, value)
  VALUES(NEW.kind, NEW.metric, NEW.day, NEW.subject, NEW.value)
  ON CONFLICT(kind, metric, day, subject) DO UPDATE SET value = value + excluded.value;
END;
CREATE TRIGGER buckets_changed AFTER UPDATE OF value ON buckets BEGIN
  UPDATE venue_totals SET value = value + NEW.value - OLD.value
  WHERE venue = (SELECT venue FROM kiosks WHERE id = NEW.kiosk) AND kind = NEW.kind
    AND metric = NEW.metric AND day = NEW.day AND subject = NEW.subject;
  UPDATE province_totals SET value = value + NEW.value - OLD.value
  WHERE kind = NEW.kind AND metric = NEW.metric AND day = NEW.day AND subject = NEW.subject;
END;
)sql",
    // 3: the subjects' display names the kiosks send (latest wins), and
    // revoking a kiosk (a stolen one): its token and bundle key are cleared.
    R"sql(
CREATE TABLE subject_titles(
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  zh TEXT NOT NULL,
  en TEXT NOT NULL,
  updated_utc_ms INTEGER NOT NULL,
  PRIMARY KEY(kind, subject)) WITHOUT ROWID;
ALTER TABLE kiosks ADD COLUMN revoked_utc_ms INTEGER NOT NULL DEFAULT 0;
)sql",
    // 4 (issue 15): titles per venue, so one venue's kiosk cannot rename what
    // other venues and the province see (`seen` orders when each venue's
    // current title first arrived; the old global titles are given to every
    // venue with counts for the subject). The totals' triggers refuse a sum
    // that would exceed 64 bits (SQLite's + would silently turn it into a
    // float) with RAISE, which aborts the whole sync.
    R"sql(
CREATE TABLE venue_subject_titles(
  seen INTEGER PRIMARY KEY AUTOINCREMENT,
  venue TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  zh TEXT NOT NULL,
  en TEXT NOT NULL,
  updated_utc_ms INTEGER NOT NULL,
  UNIQUE(venue, kind, subject));
CREATE INDEX venue_subject_titles_by_kind ON venue_subject_titles(kind, subject);
INSERT INTO venue_subject_titles(venue, kind, subject, zh, en, updated_utc_ms)
  SELECT used.venue, t.kind, t.subject, t.zh, t.en, t.updated_utc_ms
  FROM subject_titles t JOIN (SELECT DISTINCT venue, kind, subject FROM venue_totals) used
    ON used.kind = t.kind AND used.subject = t.subject
  ORDER BY t.updated_utc_ms, used.venue, t.kind, t.subject;
DROP TABLE subject_titles;
DROP TRIGGER buckets_added;
DROP TRIGGER buckets_changed;
CREATE TRIGGER buckets_added AFTER INSERT ON buckets BEGIN
  INSERT INTO venue_totals(venue, kind, metric, day, subject, value)
  VALUES((SELECT venue FROM kiosks WHERE id = NEW.kiosk), NEW.kind, NEW.metric, NEW.day,
         NEW.subject, NEW.value)
  ON CONFLICT(venue, kind, metric, day, subject) DO UPDATE SET value =
    CASE WHEN value > 9223372036854775807 - excluded.value
         THEN RAISE(ABORT, 'a total would exceed 64 bits') ELSE value + excluded.value END;
  INSERT INTO province_totals(kind, metric, day, subject, value)
  VALUES(NEW.kind, NEW.metric, NEW.day, NEW.subject, NEW.value)
  ON CONFLICT(kind, metric, day, subject) DO UPDATE SET value =
    CASE WHEN value > 9223372036854775807 - excluded.value
         THEN RAISE(ABORT, 'a total would exceed 64 bits') ELSE value + excluded.value END;
END;
CREATE TRIGGER buckets_changed AFTER UPDATE OF value ON buckets BEGIN
  UPDATE venue_totals SET value =
    CASE WHEN NEW.value > OLD.value AND value > 9223372036854775807 - (NEW.value - OLD.value)
         THEN RAISE(ABORT, 'a total would exceed 64 bits') ELSE value + (NEW.value - OLD.value) END
  WHERE venue = (SELECT venue FROM kiosks WHERE id = NEW.kiosk) AND kind = NEW.kind
    AND metric = NEW.metric AND day = NEW.day AND subject = NEW.subject;
  UPDATE province_totals SET value =
    CASE WHEN NEW.value > OLD.value AND value > 9223372036854775807 - (NEW.value - OLD.value)
         THEN RAISE(ABORT, 'a total would exceed 64 bits') ELSE value + (NEW.value - OLD.value) END
  WHERE kind = NEW.kind AND metric = NEW.metric AND day = NEW.day AND subject = NEW.subject;
END;
)sql",
    // 5 (issue 17): the content state of each kiosk's last heartbeat (the
    // JSON of sync::ContentState; '' when it sent none).
    R"sql(
ALTER TABLE kiosks ADD COLUMN content_state_json TEXT NOT NULL DEFAULT '';
)sql",
    // 6 (issue 20, part 4): venues' opening hours (09:00-17:00 every day
    // until set), and the contact history: per kiosk and UTC day, a bit per
    // UTC hour in which the hub heard from it. Its key serves both readers: a
    // kiosk's days in a range, and the retention prune per kiosk. Each
    // kiosk's last heartbeat before this version is its first contact.
    R"sql(
ALTER TABLE venues ADD COLUMN open_minute INTEGER NOT NULL DEFAULT 540;
ALTER TABLE venues ADD COLUMN close_minute INTEGER NOT NULL DEFAULT 1020;
ALTER TABLE venues ADD COLUMN closed_weekdays INTEGER NOT NULL DEFAULT 0;
CREATE TABLE kiosk_contacts(
  kiosk TEXT NOT NULL REFERENCES kiosks(id),
  utc_day INTEGER NOT NULL,
  hours INTEGER NOT NULL,
  PRIMARY KEY(kiosk, utc_day)) WITHOUT ROWID;
INSERT INTO kiosk_contacts(kiosk, utc_day, hours)
  SELECT id, last_seen_utc_ms / 86400000, 1 << ((last_seen_utc_ms / 3600000) % 24)
  FROM kiosks WHERE last_seen_utc_ms > 0;
)sql",
};
static_assert(std::size(kSchemaSteps) == kHubSchemaVersion);

int64_t now_utc_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool migrate(sqlite3* db, std::string& error) {
    const int64_t version = query_int64(db, "PRAGMA user_version", -1);
    if (version > kHubSchemaVersion) {
        error = "hub.db has schema version " + std::to_string(version) +
                ", newer than this kiosk-hub (" + std::to_string(kHubSchemaVersion) + ")";
        return false;
    }
    if (version == kHubSchemaVersion) return true;
    if (!exec_sql(db, "BEGIN IMMEDIATE", &error)) return false;
    for (int64_t step = version; step < kHubSchemaVersion; ++step) {
        if (!exec_sql(db, kSchemaSteps[step], &error)) {
            exec_sql(db, "ROLLBACK");
            error = "migrating hub.db to version " + std::to_string(step + 1) + ": " + error;
            return false;
        }
    }
    const std::string set_version = "PRAGMA user_version = " + std::to_string(kHubSchemaVersion);
    if (!exec_sql(db, set_version.c_str(), &error) || !exec_sql(db, "COMMIT", &error)) {
        exec_sql(db, "ROLLBACK");
        return false;
    }
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Another process holding hub.db's write lock
//-----------------------------------------------------------------------------

// (kiosk-hub import, the admin commands, an operator's sqlite3 shell.) A sync
// waits for the lock at most kSyncLockWaitMs rather than the connection's 10 s:
// the store serves one request at a time, so a long wait would hold up every
// kiosk and the dashboard behind it. Then it fails, saying so, with nothing
// stored; the API answers 503 with Retry-After and the kiosk retries.
constexpr int kSyncLockWaitMs = 2000;
constexpr int kLockWaitMs = 10000; // everything else (set in open())

class ShortLockWait {
public:
    explicit ShortLockWait(sqlite3* db) : db_(db) { sqlite3_busy_timeout(db_, kSyncLockWaitMs); }
    ~ShortLockWait() { sqlite3_busy_timeout(db_, kLockWaitMs); }
    ShortLockWait(const ShortLockWait&) = delete;
    ShortLockWait& operator=(const ShortLockWait&) = delete;

private:
    sqlite3* db_;
};

// `error`, saying plainly when the cause is another process's lock.
std::string lock_problem(sqlite3* db, const std::string& error) {
    if ((sqlite3_errcode(db) & 0xff) != SQLITE_BUSY) return error;
    return "hub.db is locked by another process (" + error + ")";
}

//-----------------------------------------------------------------------------
// [SECTION] Helpers: transactions, query scopes, weekdays, reading rows
//-----------------------------------------------------------------------------

// A scope's list of venues, bound as ?5 (bind_scope).
constexpr const char* kVenueList = "(SELECT value FROM json_each(?5))";

// The rows a scope reads, up to the WHERE conditions that follow: one venue's
// rows of venue_totals (the venue bound as ?3), or province_totals, already
// summed over venues, when the scope is every venue. One kiosk's (bound as
// ?4) are its own buckets, over its epochs: the epoch list lets SQLite read
// each epoch's days in the range through the buckets' key, rather than every
// day the kiosk ever synced. A kiosk not of the scope's venue reads nothing.
// A list of venues (a region) is bound as ?5, a JSON array: their rows of
// venue_totals, each venue read through the table's key.
std::string totals_of(const QueryScope& scope) {
    if (!scope.kiosk.empty())
        return std::string(" FROM buckets WHERE kiosk = ?4 AND "
                           "epoch IN (SELECT epoch FROM kiosk_epochs WHERE kiosk = ?4) AND ") +
               (!scope.venue.empty()      ? "?4 IN (SELECT id FROM kiosks WHERE venue = ?3) AND "
                : reads_venue_list(scope) ? "?4 IN (SELECT id FROM kiosks WHERE venue IN " +
                                                std::string(kVenueList) + ") AND "
                                          : "");
    if (reads_venue_list(scope))
        return " FROM venue_totals WHERE venue IN " + std::string(kVenueList) + " AND ";
    return scope.venue.empty() ? " FROM province_totals WHERE "
                               : " FROM venue_totals WHERE venue = ?3 AND ";
}

void bind_scope(SqliteStatement& statement, const QueryScope& scope) {
    statement.bind(1, scope.from).bind(2, scope.to);
    if (!scope.venue.empty()) statement.bind(3, scope.venue);
    if (!scope.kiosk.empty()) statement.bind(4, scope.kiosk);
    if (reads_venue_list(scope)) statement.bind(5, nlohmann::json(scope.venues).dump());
}

// 0 = Monday .. 6 = Sunday for a valid YYYY-MM-DD (Sakamoto's method).
int weekday_of(const std::string& day) {
    int year = std::stoi(day.substr(0, 4)), month = std::stoi(day.substr(5, 2));
    const int date = std::stoi(day.substr(8, 2));
    static constexpr int kMonthOffset[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (month < 3) year -= 1;
    const int sunday_first =
        (year + year / 4 - year / 100 + year / 400 + kMonthOffset[month - 1] + date) % 7;
    return (sunday_first + 6) % 7;
}

// A sum column, which must be an exact integer: a hub.db written before
// schema 4 may hold totals SQLite's + turned into floats on overflow.
int64_t exact_integer(const SqliteStatement& row, int column) {
    if (row.type(column) != SQLITE_INTEGER && row.type(column) != SQLITE_NULL)
        throw StoreReadError("a total is not an exact integer (it exceeded 64 bits)");
    return row.integer(column);
}

// Each (kind, subject, metric)'s sum over `scope`'s kiosks and days, for the
// rows `where` admits ("" for all; else conditions ending in "AND "), read as
// `what` when a row cannot be read.
std::vector<MetricTotal> sum_metrics(sqlite3* db, const QueryScope& scope, const char* where,
                                     const char* what) {
    const std::string sql = "SELECT kind, subject, metric, sum(value)" + totals_of(scope) + where +
                            "day BETWEEN ?1 AND ?2 "
                            "GROUP BY kind, subject, metric ORDER BY kind, subject, metric";
    SqliteStatement select(db, sql.c_str());
    bind_scope(select, scope);
    std::vector<MetricTotal> totals;
    read_rows(select, what, [&] {
        totals.push_back(
            {select.text(0), select.text(1), select.text(2), exact_integer(select, 3)});
    });
    return totals;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Opening hub.db
//-----------------------------------------------------------------------------

namespace {
// The hub.db connections open in this process: path as given and as opened.
std::mutex open_databases_mutex;
std::map<sqlite3*, std::pair<std::string, std::string>> open_databases;
} // namespace

bool migrate_hub_part(sqlite3* db, const char* schema_table, std::span<const char* const> steps,
                      const char* what, std::string& error) {
    const std::string table = schema_table;
    const int64_t newest = int64_t(steps.size());
    SqliteTransaction transaction(db);
    if (!transaction.begin(error) ||
        !exec_sql(db, "CREATE TABLE IF NOT EXISTS " + table + "(version INTEGER NOT NULL)", &error))
        return false;
    const int64_t version = query_int64(db, ("SELECT max(version) FROM " + table).c_str(), 0);
    if (version > newest) {
        error = std::string("the ") + what + " in hub.db has schema version " +
                std::to_string(version) + ", newer than this kiosk-hub (" + std::to_string(newest) +
                ")";
        return false;
    }
    for (int64_t step = version; step < newest; ++step) {
        if (!exec_sql(db, steps[size_t(step)], &error)) {
            error = std::string("migrating the ") + what + " to version " +
                    std::to_string(step + 1) + ": " + error;
            return false;
        }
    }
    if (version < newest &&
        (!exec_sql(db, "DELETE FROM " + table, &error) ||
         !exec_sql(db, "INSERT INTO " + table + " VALUES(" + std::to_string(newest) + ")", &error)))
        return false;
    return transaction.commit(error);
}

sqlite3* open_hub_database(const std::string& data_dir, std::string& error) {
    // hub.db holds password and token hashes: its folder is 0700 and safe, the
    // file 0600 (its -wal and -shm follow), never opened through a link
    // (core/private_files.h).
    if (!make_private_folder(data_dir, error)) {
        error = "--data " + error;
        return nullptr;
    }
    const std::string path = (std::filesystem::path(data_dir) / "hub.db").string();
    // prepare_private_database opens and closes the file and its -wal and
    // -shm, and closing any descriptor of a file drops every POSIX lock this
    // process holds on it: done while another connection of this process
    // has hub.db open (the library store beside the hub store), SQLite would
    // lose its locks and another process could delete the live -wal. So it
    // runs only for the first connection of the process to the file.
    std::unique_lock lock(open_databases_mutex);
    std::string real_path;
    for (const auto& [open_db, open_path] : open_databases)
        if (open_path.first == path) real_path = open_path.second;
    if (real_path.empty()) real_path = prepare_private_database(path, error);
    if (real_path.empty()) return nullptr;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(real_path.c_str(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
                            SQLITE_OPEN_NOFOLLOW,
                        nullptr) != SQLITE_OK) {
        error = path + ": " + (db ? sqlite3_errmsg(db) : "cannot open");
        sqlite3_close(db);
        return nullptr;
    }
    open_databases[db] = {path, real_path};
    lock.unlock();
    sqlite3_busy_timeout(db, kLockWaitMs);
    if (!exec_sql(db, "PRAGMA journal_mode = WAL", &error) ||
        !exec_sql(db, "PRAGMA synchronous = FULL", &error) ||
        !exec_sql(db, "PRAGMA foreign_keys = ON", &error) || !migrate(db, error)) {
        error = path + ": " + error;
        close_hub_database(db);
        return nullptr;
    }
    return db;
}

void close_hub_database(sqlite3* db) {
    std::lock_guard lock(open_databases_mutex);
    open_databases.erase(db);
    sqlite3_close(db);
}

std::unique_ptr<SqliteHubStore> SqliteHubStore::open(const std::string& data_dir,
                                                     std::string& error) {
    sqlite3* db = open_hub_database(data_dir, error);
    if (!db) return nullptr;
    return std::unique_ptr<SqliteHubStore>(new SqliteHubStore(db));
}

const char* hub_schema_step(int version) {
    return version >= 1 && version <= kHubSchemaVersion ? kSchemaSteps[version - 1] : nullptr;
}

SqliteHubStore::~SqliteHubStore() {
    close_hub_database(db_);
}

//-----------------------------------------------------------------------------
// [SECTION] Administration: venues, kiosks and users
//-----------------------------------------------------------------------------

bool SqliteHubStore::add_venue(const Venue& venue, std::string& error) {
    if (const std::string problem = opening_hours_problem(venue.opening_hours); !problem.empty()) {
        error = "opening hours: " + problem;
        return false;
    }
    std::lock_guard lock(mutex_);
    SqliteStatement insert(db_, "INSERT INTO venues(id, name_zh, name_en, kind, created_utc_ms, "
                                "open_minute, close_minute, closed_weekdays) "
                                "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    insert.bind(1, venue.id).bind(2, venue.name_zh).bind(3, venue.name_en).bind(4, venue.kind);
    insert.bind(5, now_utc_ms()).bind(6, venue.opening_hours.open_minute);
    insert.bind(7, venue.opening_hours.close_minute).bind(8, venue.opening_hours.closed_weekdays);
    const int result = insert.step();
    if (result == SQLITE_DONE) return true;
    error = result == SQLITE_CONSTRAINT ? "--id: venue " + venue.id + " already exists"
                                        : "adding venue: " + insert.error();
    return false;
}

bool SqliteHubStore::add_kiosk(const KioskRecord& kiosk, std::string& error) {
    std::lock_guard lock(mutex_);
    SqliteStatement venue(db_, "SELECT 1 FROM venues WHERE id = ?1");
    if (venue.bind(1, kiosk.venue).step() != SQLITE_ROW) {
        error = "--venue: no venue " + kiosk.venue + " (add it with admin add-venue)";
        return false;
    }
    SqliteStatement insert(db_, "INSERT INTO kiosks(id, venue, token_hash, public_key, "
                                "created_utc_ms) VALUES(?1, ?2, ?3, ?4, ?5)");
    insert.bind(1, kiosk.id).bind(2, kiosk.venue).bind(3, kiosk.token_hash);
    insert.bind(4, kiosk.public_key)
        .bind(5, kiosk.created_utc_ms ? kiosk.created_utc_ms : now_utc_ms());
    const int result = insert.step();
    if (result == SQLITE_DONE) return true;
    error = result == SQLITE_CONSTRAINT ? "--id: kiosk " + kiosk.id + " already exists"
                                        : "adding kiosk: " + insert.error();
    return false;
}

bool SqliteHubStore::add_user(const UserRecord& user, std::string& error) {
    std::lock_guard lock(mutex_);
    if (!user.venue.empty()) {
        SqliteStatement venue(db_, "SELECT 1 FROM venues WHERE id = ?1");
        if (venue.bind(1, user.venue).step() != SQLITE_ROW) {
            error = "--venue: no venue " + user.venue + " (add it with admin add-venue)";
            return false;
        }
    }
    SqliteStatement insert(db_, "INSERT INTO users(name, password_hash, role, venue, "
                                "created_utc_ms) VALUES(?1, ?2, ?3, ?4, ?5)");
    insert.bind(1, user.name).bind(2, user.password_hash).bind(3, user.role);
    if (user.venue.empty())
        insert.bind_null(4);
    else
        insert.bind(4, user.venue);
    insert.bind(5, now_utc_ms());
    const int result = insert.step();
    if (result == SQLITE_DONE) return true;
    error = result == SQLITE_CONSTRAINT ? "--name: user " + user.name + " already exists"
                                        : "adding user: " + insert.error();
    return false;
}

namespace {

constexpr const char* kVenueColumns = "SELECT id, name_zh, name_en, kind, open_minute, "
                                      "close_minute, closed_weekdays FROM venues ";

Venue read_venue(const SqliteStatement& row) {
    return {row.text(0),
            row.text(1),
            row.text(2),
            row.text(3),
            {int(row.integer(4)), int(row.integer(5)), unsigned(row.integer(6))}};
}

} // namespace

std::vector<Venue> SqliteHubStore::venues() {
    std::lock_guard lock(mutex_);
    std::vector<Venue> venues;
    SqliteStatement select(db_, std::string(kVenueColumns) + "ORDER BY id");
    while (select.step() == SQLITE_ROW)
        venues.push_back(read_venue(select));
    return venues;
}

std::optional<Venue> SqliteHubStore::find_venue(const std::string& id) {
    std::lock_guard lock(mutex_);
    SqliteStatement select(db_, std::string(kVenueColumns) + "WHERE id = ?1");
    if (select.bind(1, id).step() != SQLITE_ROW) return std::nullopt;
    return read_venue(select);
}

bool SqliteHubStore::set_opening_hours(const std::string& venue, const OpeningHours& hours,
                                       std::string& error) {
    if (const std::string problem = opening_hours_problem(hours); !problem.empty()) {
        error = problem;
        return false;
    }
    std::lock_guard lock(mutex_);
    SqliteStatement update(db_, "UPDATE venues SET open_minute = ?2, close_minute = ?3, "
                                "closed_weekdays = ?4 WHERE id = ?1");
    update.bind(1, venue).bind(2, hours.open_minute).bind(3, hours.close_minute);
    if (!update.bind(4, hours.closed_weekdays).run()) {
        error = "setting opening hours: " + update.error();
        return false;
    }
    if (sqlite3_changes(db_) != 1) {
        error = "--venue: no venue " + venue;
        return false;
    }
    return true;
}

namespace {

constexpr const char* kKioskColumns =
    "SELECT id, venue, token_hash, public_key, created_utc_ms, last_seen_utc_ms, "
    "software_version, content_json, uptime_s, disk_free_mb, errors, clock_skew_ms, "
    "revoked_utc_ms, content_state_json FROM kiosks ";

KioskRecord read_kiosk(const SqliteStatement& row) {
    KioskRecord kiosk;
    kiosk.id = row.text(0);
    kiosk.venue = row.text(1);
    kiosk.token_hash = row.text(2);
    kiosk.public_key = row.text(3);
    kiosk.created_utc_ms = row.integer(4);
    kiosk.last_seen_utc_ms = row.integer(5);
    kiosk.software_version = row.text(6);
    kiosk.content_json = row.text(7);
    kiosk.uptime_s = row.integer(8);
    kiosk.disk_free_mb = row.integer(9);
    kiosk.errors = row.integer(10);
    kiosk.clock_skew_ms = row.integer(11);
    kiosk.revoked_utc_ms = row.integer(12);
    kiosk.content_state_json = row.text(13);
    return kiosk;
}

} // namespace

std::vector<KioskRecord> SqliteHubStore::select_kiosks(const std::string& venue) {
    std::lock_guard lock(mutex_);
    const std::string sql = std::string(kKioskColumns) +
                            (venue.empty() ? "" : "WHERE venue = ?1 ") + "ORDER BY venue, id";
    SqliteStatement select(db_, sql.c_str());
    if (!venue.empty()) select.bind(1, venue);
    std::vector<KioskRecord> kiosks;
    read_rows(select, "kiosks", [&] { kiosks.push_back(read_kiosk(select)); });
    return kiosks;
}

std::vector<KioskRecord> SqliteHubStore::kiosks() {
    try {
        return select_kiosks("");
    } catch (const StoreReadError&) {
        return {}; // the admin listing; its callers cannot tell, as before issue 15
    }
}

std::vector<KioskRecord> SqliteHubStore::kiosk_health(const std::string& venue) {
    return select_kiosks(venue);
}

std::map<std::string, int64_t> SqliteHubStore::kiosk_sessions(const QueryScope& scope) {
    std::lock_guard lock(mutex_);
    // One exact key lookup per kiosk, epoch and day (the buckets' primary key),
    // rather than a scan of every kiosk's buckets: fast for a month of 1,000
    // kiosks. The CROSS JOINs keep that order: with a plain JOIN SQLite put
    // buckets before days and read each kiosk's whole history (2 s instead of
    // 0.07 s for 1,000 kiosks x 1 year, bench/hub-reports).
    const std::string sql =
        "WITH RECURSIVE days(day) AS (SELECT ?1 WHERE ?1 <= ?2 "
        "UNION ALL SELECT date(day, '+1 day') FROM days WHERE day < ?2) "
        "SELECT e.kiosk, sum(b.value) FROM kiosk_epochs e JOIN kiosks k ON k.id = e.kiosk "
        "CROSS JOIN days CROSS JOIN buckets b ON b.kiosk = e.kiosk AND b.epoch = e.epoch "
        "AND b.day = days.day AND b.kind = 'kiosk' AND b.subject = '' AND b.metric = 'sessions' "
        "WHERE (?3 = '' OR k.venue = ?3) AND (?4 = '' OR k.id = ?4) AND "
        "(?5 IS NULL OR k.venue IN (SELECT value FROM json_each(?5))) "
        "GROUP BY e.kiosk HAVING sum(b.value) > 0 ORDER BY e.kiosk";
    SqliteStatement select(db_, sql.c_str());
    select.bind(1, scope.from).bind(2, scope.to).bind(3, scope.venue).bind(4, scope.kiosk);
    if (reads_venue_list(scope)) select.bind(5, nlohmann::json(scope.venues).dump());
    std::map<std::string, int64_t> sessions;
    read_rows(select, "sessions per kiosk",
              [&] { sessions[select.text(0)] = exact_integer(select, 1); });
    return sessions;
}

std::optional<KioskRecord> SqliteHubStore::find_kiosk(const std::string& id) {
    std::lock_guard lock(mutex_);
    const std::string sql = std::string(kKioskColumns) + "WHERE id = ?1";
    SqliteStatement select(db_, sql.c_str());
    if (select.bind(1, id).step() != SQLITE_ROW) return std::nullopt;
    return read_kiosk(select);
}

bool SqliteHubStore::revoke_kiosk(const std::string& id, int64_t now_utc_ms, std::string& error) {
    std::lock_guard lock(mutex_);
    SqliteStatement revoke(db_, "UPDATE kiosks SET token_hash = '', public_key = '', "
                                "revoked_utc_ms = ?2 WHERE id = ?1");
    if (revoke.bind(1, id).bind(2, now_utc_ms).step() != SQLITE_DONE) {
        error = "revoking kiosk " + id + ": " + revoke.error();
        return false;
    }
    if (sqlite3_changes(db_) != 1) {
        error = "--id: no kiosk " + id;
        return false;
    }
    return true;
}

std::vector<UserRecord> SqliteHubStore::users() {
    std::lock_guard lock(mutex_);
    std::vector<UserRecord> users;
    SqliteStatement select(
        db_, "SELECT name, password_hash, role, ifnull(venue, '') FROM users ORDER BY name");
    while (select.step() == SQLITE_ROW)
        users.push_back({select.text(0), select.text(1), select.text(2), select.text(3)});
    return users;
}

std::optional<UserRecord> SqliteHubStore::find_user(const std::string& name) {
    std::lock_guard lock(mutex_);
    SqliteStatement select(
        db_, "SELECT name, password_hash, role, ifnull(venue, '') FROM users WHERE name = ?1");
    if (select.bind(1, name).step() != SQLITE_ROW) return std::nullopt;
    return UserRecord{select.text(0), select.text(1), select.text(2), select.text(3)};
}

//-----------------------------------------------------------------------------
// [SECTION] Sync: the epoch limit and apply_sync
//-----------------------------------------------------------------------------

namespace {

// Why a batch whose epoch `kiosk` has not used before must be refused ("" when
// it may open it): the epoch limit (hub_store.h). Sets `read_error` when the
// epochs cannot be read.
std::string epoch_limit_problem(sqlite3* db, const SyncWrite& write, int64_t hub_now_utc_ms,
                                std::string& read_error) {
    SqliteStatement known(db, "SELECT 1 FROM kiosk_epochs WHERE kiosk = ?1 AND epoch = ?2");
    const int known_result = known.bind(1, write.kiosk).bind(2, write.batch->epoch).step();
    if (known_result == SQLITE_ROW) return "";
    if (known_result != SQLITE_DONE) {
        read_error = "reading the kiosk's epochs: " + known.error();
        return "";
    }
    constexpr int64_t kWindowMs = int64_t(kEpochWindowDays) * kMsPerDay;
    SqliteStatement recent(db, "SELECT count(*) FROM kiosk_epochs "
                               "WHERE kiosk = ?1 AND first_seen_utc_ms >= ?2");
    if (recent.bind(1, write.kiosk).bind(2, hub_now_utc_ms - kWindowMs).step() != SQLITE_ROW) {
        read_error = "counting the kiosk's epochs: " + recent.error();
        return "";
    }
    if (recent.integer(0) < kMaxEpochsPerWindow) return "";
    return "epoch " + write.batch->epoch + ": kiosk " + write.kiosk + " already opened " +
           std::to_string(recent.integer(0)) + " epochs (new kiosk.db files) in the last " +
           std::to_string(kEpochWindowDays) + " days, the limit is " +
           std::to_string(kMaxEpochsPerWindow) +
           "; nothing was stored. The kiosk's counts stay in its kiosk.db and are accepted "
           "once the oldest of those epochs is " +
           std::to_string(kEpochWindowDays) + " days old";
}

// Whether the last statement failed on the totals' 64-bit guard (schema 4).
bool is_total_overflow(sqlite3* db) {
    return sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_TRIGGER;
}

} // namespace

SyncResult SqliteHubStore::apply_sync(const SyncWrite& write, int64_t& stored, std::string& error) {
    const sync::SyncBatch& batch = *write.batch;
    nlohmann::json content = nlohmann::json::array();
    for (const sync::ContentVersion& entry : batch.heartbeat.content)
        content.push_back({{"id", entry.id}, {"version", entry.version}});
    const int64_t hub_now_utc_ms =
        write.hub_now_utc_ms ? write.hub_now_utc_ms : write.received_utc_ms;
    const auto failed = [&](std::string message) {
        error = std::move(message);
        return SyncResult{SyncResult::failed};
    };
    const auto refused = [&](std::string message) {
        error = std::move(message);
        return SyncResult{SyncResult::refused};
    };

    std::lock_guard lock(mutex_);
    ShortLockWait short_wait(db_);
    SqliteTransaction transaction(db_);
    if (!transaction.begin(error)) return failed(lock_problem(db_, error));

    std::string read_error;
    const std::string limit = epoch_limit_problem(db_, write, hub_now_utc_ms, read_error);
    if (!read_error.empty()) return failed(read_error);
    if (!limit.empty()) return refused(limit);

    SqliteStatement epoch(
        db_, "INSERT INTO kiosk_epochs(kiosk, epoch, through_seq, first_seen_utc_ms, "
             "last_sync_utc_ms) VALUES(?1, ?2, ?3, ?5, ?4) ON CONFLICT(kiosk, epoch) DO UPDATE "
             "SET through_seq = max(through_seq, excluded.through_seq), "
             "last_sync_utc_ms = excluded.last_sync_utc_ms");
    epoch.bind(1, write.kiosk).bind(2, batch.epoch).bind(3, batch.through_seq);
    epoch.bind(4, write.received_utc_ms).bind(5, hub_now_utc_ms);
    if (epoch.step() != SQLITE_DONE) return failed("recording the epoch: " + epoch.error());

    SqliteStatement upsert(
        db_, "INSERT INTO buckets(kiosk, epoch, day, kind, subject, metric, value, seq) "
             "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
             "ON CONFLICT(kiosk, epoch, day, kind, subject, metric) DO UPDATE "
             "SET value = excluded.value, seq = excluded.seq WHERE excluded.seq > seq");
    if (!upsert.ok()) return failed("preparing the upsert: " + upsert.error());
    stored = 0;
    for (size_t i = 0; i < batch.buckets.size(); ++i) {
        const sync::Bucket& bucket = batch.buckets[i];
        upsert.reset();
        upsert.bind(1, write.kiosk).bind(2, batch.epoch).bind(3, bucket.day).bind(4, bucket.kind);
        upsert.bind(5, bucket.subject).bind(6, bucket.metric).bind(7, bucket.value);
        upsert.bind(8, bucket.seq);
        if (upsert.step() != SQLITE_DONE) {
            if (is_total_overflow(db_))
                return refused("buckets[" + std::to_string(i) + "].value: adding " +
                               std::to_string(bucket.value) + " to the " + bucket.day +
                               " total of " + bucket.kind + " " + bucket.metric +
                               " would exceed 64 bits; nothing was stored");
            return failed("storing a bucket: " + upsert.error());
        }
        stored += sqlite3_changes(db_);
    }

    SqliteStatement venue(db_, "SELECT venue, created_utc_ms FROM kiosks WHERE id = ?1");
    if (venue.bind(1, write.kiosk).step() != SQLITE_ROW)
        return failed("recording the heartbeat: no kiosk " + write.kiosk);
    const std::string kiosk_venue = venue.text(0);
    const int64_t kiosk_created_utc_ms = venue.integer(1);
    // A changed title is a new row, so `seen` says how long each venue has
    // held its current title (subject_titles' tie-break).
    SqliteStatement forget_title(db_, "DELETE FROM venue_subject_titles WHERE venue = ?1 AND "
                                      "kind = ?2 AND subject = ?3 AND (zh != ?4 OR en != ?5)");
    SqliteStatement title(
        db_, "INSERT INTO venue_subject_titles(venue, kind, subject, zh, en, updated_utc_ms) "
             "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(venue, kind, subject) DO NOTHING");
    for (const sync::SubjectTitle& subject_title : batch.titles) {
        for (SqliteStatement* statement : {&forget_title, &title}) {
            statement->reset();
            statement->bind(1, kiosk_venue).bind(2, subject_title.kind);
            statement->bind(3, subject_title.subject).bind(4, subject_title.zh);
            statement->bind(5, subject_title.en);
        }
        title.bind(6, write.received_utc_ms);
        if (forget_title.step() != SQLITE_DONE || title.step() != SQLITE_DONE)
            return failed("storing a title: " + std::string(sqlite3_errmsg(db_)));
    }

    SqliteStatement heartbeat(
        db_, "UPDATE kiosks SET last_seen_utc_ms = ?2, software_version = ?3, content_json = ?4, "
             "uptime_s = ?5, disk_free_mb = ?6, errors = ?7, clock_skew_ms = ?8, "
             "content_state_json = ?9 WHERE id = ?1");
    heartbeat.bind(1, write.kiosk).bind(2, write.received_utc_ms);
    heartbeat.bind(3, batch.heartbeat.software_version).bind(4, content.dump());
    heartbeat.bind(5, batch.heartbeat.uptime_s).bind(6, batch.heartbeat.disk_free_mb);
    heartbeat.bind(7, batch.heartbeat.errors);
    heartbeat.bind(8, batch.heartbeat.clock_utc_ms - write.received_utc_ms);
    heartbeat.bind(9, batch.heartbeat.content_state ? sync::to_json(*batch.heartbeat.content_state)
                                                    : std::string());
    if (heartbeat.step() != SQLITE_DONE || sqlite3_changes(db_) != 1)
        return failed("recording the heartbeat: no kiosk " + write.kiosk);

    const int64_t contact_utc_ms =
        write.contact_utc_ms ? write.contact_utc_ms : write.received_utc_ms;
    const int64_t hub_day = hub_now_utc_ms / kMsPerDay;
    const int64_t first_kept_day = hub_day - kContactRetentionDays;
    if (contact_utc_ms <= hub_now_utc_ms && contact_utc_ms >= kiosk_created_utc_ms &&
        contact_utc_ms >= first_kept_day * kMsPerDay) {
        SqliteStatement contact(
            db_, "INSERT INTO kiosk_contacts(kiosk, utc_day, hours) VALUES(?1, ?2, ?3) "
                 "ON CONFLICT(kiosk, utc_day) DO UPDATE SET hours = hours | excluded.hours");
        contact.bind(1, write.kiosk).bind(2, contact_utc_ms / kMsPerDay);
        if (!contact.bind(3, int64_t(1) << (contact_utc_ms / kMsPerHour % 24)).run())
            return failed("recording the contact: " + contact.error());
    }
    const bool prune = hub_day != contacts_pruned_utc_day_;
    if (prune) {
        SqliteStatement forget(db_, "DELETE FROM kiosk_contacts "
                                    "WHERE kiosk IN (SELECT id FROM kiosks) AND utc_day < ?1");
        if (!forget.bind(1, first_kept_day).run())
            return failed("pruning the contact history: " + forget.error());
    }
    if (!transaction.commit(error)) return failed(error);
    if (prune) contacts_pruned_utc_day_ = hub_day;
    return {SyncResult::stored};
}

//-----------------------------------------------------------------------------
// [SECTION] Dashboard queries: totals, hours of the week, exhibits, quiz, titles, epochs
//-----------------------------------------------------------------------------

std::vector<DayTotals> SqliteHubStore::daily_totals(const QueryScope& scope) {
    std::lock_guard lock(mutex_);
    const std::string sql =
        "SELECT day, sum(CASE metric WHEN 'sessions' THEN value ELSE 0 END), "
        "sum(CASE metric WHEN 'session_ms' THEN value ELSE 0 END)" +
        totals_of(scope) +
        "kind = 'kiosk' AND subject = '' AND metric IN ('sessions', 'session_ms') "
        "AND day BETWEEN ?1 AND ?2 GROUP BY day ORDER BY day";
    SqliteStatement select(db_, sql.c_str());
    bind_scope(select, scope);
    std::vector<DayTotals> days;
    read_rows(select, "visitors per day", [&] {
        days.push_back({select.text(0), exact_integer(select, 1), exact_integer(select, 2)});
    });
    return days;
}

std::vector<HourOfWeek> SqliteHubStore::sessions_by_hour_of_week(const QueryScope& scope) {
    std::lock_guard lock(mutex_);
    const std::string sql =
        "SELECT day, subject, sum(value)" + totals_of(scope) +
        "kind = 'hour' AND metric = 'sessions' AND day BETWEEN ?1 AND ?2 GROUP BY day, subject";
    SqliteStatement select(db_, sql.c_str());
    bind_scope(select, scope);
    std::map<std::pair<int, int>, CheckedSum> cells;
    read_rows(select, "sessions by hour of the week", [&] {
        const std::string hour = select.text(1);
        if (hour.size() != 2 || !isdigit(hour[0]) || !isdigit(hour[1])) return;
        const int hour_number = std::stoi(hour);
        if (hour_number > 23) return;
        cells[{weekday_of(select.text(0)), hour_number}] += exact_integer(select, 2);
    });
    std::vector<HourOfWeek> result;
    for (const auto& [cell, sessions] : cells) {
        if (!sessions.value())
            throw StoreReadError("sessions by hour of the week: a sum exceeds 64 bits");
        result.push_back({cell.first, cell.second, *sessions.value()});
    }
    return result;
}

std::vector<ExhibitTotals> SqliteHubStore::top_exhibits(const QueryScope& scope, ExhibitOrder order,
                                                        int limit) {
    std::lock_guard lock(mutex_);
    const std::string sql =
        "SELECT subject, sum(CASE metric WHEN 'visits' THEN value ELSE 0 END) AS visits, "
        "sum(CASE metric WHEN 'dwell_ms' THEN value ELSE 0 END) AS dwell, "
        "sum(CASE metric WHEN 'interactions' THEN value ELSE 0 END), "
        "sum(CASE metric WHEN 'errors' THEN value ELSE 0 END)" +
        totals_of(scope) +
        "kind = 'exhibit' AND metric IN ('visits', 'dwell_ms', 'interactions', 'errors') "
        "AND day BETWEEN ?1 AND ?2 GROUP BY subject ORDER BY " +
        (order == ExhibitOrder::by_visits ? "visits DESC, dwell DESC" : "dwell DESC, visits DESC") +
        ", subject LIMIT " + std::to_string(std::max(limit, 0));
    SqliteStatement select(db_, sql.c_str());
    bind_scope(select, scope);
    std::vector<ExhibitTotals> exhibits;
    read_rows(select, "top exhibits", [&] {
        exhibits.push_back({select.text(0), exact_integer(select, 1), exact_integer(select, 2),
                            exact_integer(select, 3), exact_integer(select, 4)});
    });
    return exhibits;
}

std::vector<QuestionTotals> SqliteHubStore::quiz_accuracy(const QueryScope& scope) {
    std::lock_guard lock(mutex_);
    const std::string sql =
        "SELECT subject, sum(CASE metric WHEN 'answers' THEN value ELSE 0 END) AS answers, "
        "sum(CASE metric WHEN 'correct' THEN value ELSE 0 END) AS correct" +
        totals_of(scope) +
        "kind = 'question' AND metric IN ('answers', 'correct') AND day BETWEEN ?1 AND ?2 "
        "GROUP BY subject ORDER BY answers = 0, CAST(correct AS REAL) / max(answers, 1), "
        "answers DESC, subject";
    SqliteStatement select(db_, sql.c_str());
    bind_scope(select, scope);
    std::vector<QuestionTotals> questions;
    read_rows(select, "quiz accuracy", [&] {
        questions.push_back({select.text(0), exact_integer(select, 1), exact_integer(select, 2)});
    });
    return questions;
}

std::vector<MetricTotal> SqliteHubStore::metric_totals(const QueryScope& scope) {
    std::lock_guard lock(mutex_);
    return sum_metrics(db_, scope, "", "totals");
}

std::vector<MetricTotal> SqliteHubStore::finding_totals(const QueryScope& scope) {
    std::lock_guard lock(mutex_);
    return sum_metrics(db_, scope,
                       "kind IN ('exhibit', 'finding', 'finding_value') AND "
                       "metric IN ('visitors', 'events') AND ",
                       "findings");
}

std::vector<sync::SubjectTitle> SqliteHubStore::subject_titles(const std::string& venue,
                                                               const std::string& kind) {
    std::lock_guard lock(mutex_);
    // For every venue: per subject, the (zh, en) the most venues hold, then
    // the one held longest (smallest `seen`).
    const char* sql =
        venue.empty()
            ? "SELECT kind, subject, zh, en FROM (SELECT kind, subject, zh, en, row_number() "
              "OVER (PARTITION BY subject ORDER BY count(*) DESC, min(seen)) AS pick "
              "FROM venue_subject_titles WHERE kind = ?1 GROUP BY subject, zh, en) "
              "WHERE pick = 1 ORDER BY subject"
            : "SELECT kind, subject, zh, en FROM venue_subject_titles "
              "WHERE kind = ?1 AND venue = ?2 ORDER BY subject";
    SqliteStatement select(db_, sql);
    select.bind(1, kind);
    if (!venue.empty()) select.bind(2, venue);
    std::vector<sync::SubjectTitle> titles;
    read_rows(select, "subject titles", [&] {
        titles.push_back({select.text(0), select.text(1), select.text(2), select.text(3)});
    });
    return titles;
}

std::map<std::string, int64_t> SqliteHubStore::epochs_opened_since(const std::string& venue,
                                                                   int64_t since_utc_ms) {
    std::lock_guard lock(mutex_);
    const std::string sql =
        "SELECT e.kiosk, count(*) FROM kiosk_epochs e JOIN kiosks k ON k.id = e.kiosk "
        "WHERE e.first_seen_utc_ms >= ?1" +
        std::string(venue.empty() ? "" : " AND k.venue = ?2") + " GROUP BY e.kiosk";
    SqliteStatement select(db_, sql.c_str());
    select.bind(1, since_utc_ms);
    if (!venue.empty()) select.bind(2, venue);
    std::map<std::string, int64_t> opened;
    read_rows(select, "kiosk epochs", [&] { opened[select.text(0)] = select.integer(1); });
    return opened;
}

//-----------------------------------------------------------------------------
// [SECTION] Availability: opening hours against the contact history
//-----------------------------------------------------------------------------

std::vector<AvailabilityDay> SqliteHubStore::kiosk_availability(const QueryScope& scope,
                                                                int32_t utc_offset_min) {
    contact_days_of(scope, utc_offset_min); // throws for a scope it cannot count
    std::lock_guard lock(mutex_);
    const std::string sql =
        "SELECT k.id, k.created_utc_ms, k.revoked_utc_ms, v.open_minute, v.close_minute, "
        "v.closed_weekdays FROM kiosks k JOIN venues v ON v.id = k.venue WHERE 1" +
        std::string(scope.venue.empty() ? "" : " AND k.venue = ?1") +
        (scope.kiosk.empty() ? "" : " AND k.id = ?2") +
        (reads_venue_list(scope) ? " AND k.venue IN (SELECT value FROM json_each(?3))" : "") +
        " ORDER BY k.venue, k.id";
    SqliteStatement select(db_, sql);
    if (!scope.venue.empty()) select.bind(1, scope.venue);
    if (!scope.kiosk.empty()) select.bind(2, scope.kiosk);
    if (reads_venue_list(scope)) select.bind(3, nlohmann::json(scope.venues).dump());
    std::vector<KioskPeriod> kiosks;
    read_rows(select, "kiosk availability", [&] {
        kiosks.push_back(
            {select.text(0),
             select.integer(1),
             select.integer(2),
             {int(select.integer(3)), int(select.integer(4)), unsigned(select.integer(5))}});
    });
    SqliteStatement contacts(db_, "SELECT utc_day, hours FROM kiosk_contacts "
                                  "WHERE kiosk = ?1 AND utc_day BETWEEN ?2 AND ?3");
    return availability_days(
        scope, utc_offset_min, kiosks,
        [&](const std::string& kiosk, const ContactDays& days, std::vector<uint32_t>& heard) {
            contacts.reset();
            contacts.bind(1, kiosk).bind(2, days.first_utc_day).bind(3, days.last_utc_day);
            read_rows(contacts, "kiosk contacts", [&] {
                heard[size_t(contacts.integer(0) - days.first_utc_day)] |=
                    uint32_t(contacts.integer(1));
            });
        });
}

std::vector<VenueSummary> SqliteHubStore::venue_summaries(const QueryScope& scope) {
    std::lock_guard lock(mutex_);
    const std::string sql =
        !scope.kiosk.empty()
            ? "SELECT (SELECT venue FROM kiosks WHERE id = ?4" +
                  std::string(scope.venue.empty() ? "" : " AND venue = ?3") +
                  "), sum(CASE kind WHEN 'kiosk' THEN value ELSE 0 END), "
                  "sum(CASE kind WHEN 'exhibit' THEN value ELSE 0 END)" +
                  totals_of(scope) +
                  "((kind = 'kiosk' AND subject = '' AND metric = 'sessions') OR "
                  "(kind = 'exhibit' AND metric = 'visits')) AND day BETWEEN ?1 AND ?2"
            : "SELECT v.id, (SELECT sum(value) FROM venue_totals t WHERE t.venue = v.id AND "
              "t.kind = 'kiosk' AND t.metric = 'sessions' AND t.day BETWEEN ?1 AND ?2 AND "
              "t.subject = ''), (SELECT sum(value) FROM venue_totals t WHERE t.venue = v.id AND "
              "t.kind = 'exhibit' AND t.metric = 'visits' AND t.day BETWEEN ?1 AND ?2) "
              "FROM venues v" +
                  std::string(!scope.venue.empty() ? " WHERE v.id = ?3"
                              : reads_venue_list(scope)
                                  ? " WHERE v.id IN " + std::string(kVenueList)
                                  : "") +
                  " ORDER BY v.id";
    SqliteStatement select(db_, sql);
    bind_scope(select, scope);
    std::vector<VenueSummary> venues;
    read_rows(select, "visitors by venue", [&] {
        if (select.text(0).empty()) return; // a kiosk not of the scope's venue
        venues.push_back({select.text(0), exact_integer(select, 1), exact_integer(select, 2)});
    });
    return venues;
}

} // namespace kiosk::hub
