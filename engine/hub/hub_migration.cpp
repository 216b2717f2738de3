// `kiosk-hub migrate` (see hub_migration.h): hub.db opened read-only inside
// one read transaction (one snapshot of every table), the PostgreSQL store
// opened through its stores' own open functions (each part migrated to this
// build's schema), the target checked empty, the month partitions of the
// usage rollups made, then every table copied in one PostgreSQL transaction
// by multi-row INSERTs of prepared statements (the totals summed once from
// the copied rollups), recounted and committed only when the counts and sums
// match.
//
// Which columns go where is read from both databases (PRAGMA table_info and
// information_schema): a table whose columns differ between the two (a
// newer hub.db, a newer PostgreSQL schema) is refused by name rather than
// copied in part, and so is a table of hub.db this file does not list.
//
// Index of this file:
// [SECTION] What is copied and what is left behind
// [SECTION] Reading hub.db
// [SECTION] The PostgreSQL side: columns, emptiness, partitions
// [SECTION] Copying a table in batches
// [SECTION] Recounting
// [SECTION] The command

#include "hub_migration.h"

#include "postgres_connection.h"
#include "postgres_hub_store.h"
#include "postgres_stores.h"
#include "sqlite_hub_store.h"
#include "web_session_store.h"

#include "core/sqlite_statement.h"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <map>
#include <ostream>
#include <set>
#include <sstream>
#include <string_view>
#include <vector>

namespace kiosk::hub {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] What is copied and what is left behind
//-----------------------------------------------------------------------------

// In copying order (referenced tables first). The same name on both sides.
constexpr const char* kCopiedTables[] = {
    "venues",
    "kiosks",
    "kiosk_epochs",
    "kiosk_contacts",
    "users",
    "venue_subject_titles",
    "buckets",
    "library_publishers",
    "library_reviewers",
    "library_items",
    "library_versions",
    "library_reviews",
    "library_assignments",
    "library_snapshots",
    "notices",
    "notice_venues",
    "notice_receipts",
    "venue_divisions",
    "notice_area_routes",
    "user_emails",
    "report_schedules",
    "report_runs",
    "saved_reports",
    "alert_mails",
};

// Tables of hub.db deliberately not copied: the totals (the PostgreSQL
// triggers on buckets build them; the recount compares them with these),
// sign-in sessions and failures (managers sign in again), the scheduler
// lease (taken anew), and the SQLite parts' schema versions.
constexpr const char* kLeftBehind[] = {
    "venue_totals",   "province_totals", "web_sessions",  "web_sign_in_failures", "scheduler_lease",
    "library_schema", "notice_schema",   "report_schema", "web_schema",
};

// Columns named differently in PostgreSQL ("user" is reserved there).
struct Rename {
    const char *table, *sqlite_column, *pg_column;
};
constexpr Rename kRenames[] = {
    {"user_emails", "user", "user_name"},
    {"report_schedules", "user", "user_name"},
};

// hub.db's part versions (migrate_hub_part) and the PostgreSQL parts they
// match (migrate_postgres_part): both count the same steps.
struct SchemaPart {
    const char *sqlite_table, *pg_part, *what;
};
constexpr SchemaPart kParts[] = {
    {"library_schema", "library", "library"},
    {"notice_schema", "notices", "notices"},
    {"report_schema", "reports", "report schedules"},
    {"web_schema", "web", "web sessions"},
};

// While buckets are copied its triggers are off (the ALTER is part of the
// transaction: a roll back turns them on again); then the totals are summed
// from the copied rollups as the triggers would have added them up, and the
// recount compares them with hub.db's. A sum past 64 bits fails the cast.
constexpr const char* kTriggersOff = "ALTER TABLE buckets DISABLE TRIGGER USER";
constexpr const char* kTotalsFromRollups = R"sql(
ALTER TABLE buckets ENABLE TRIGGER USER;
INSERT INTO venue_totals(venue, kind, metric, day, subject, value)
  SELECT k.venue, b.kind, b.metric, b.day, b.subject, sum(b.value)::bigint
  FROM buckets b JOIN kiosks k ON k.id = b.kiosk
  GROUP BY k.venue, b.kind, b.metric, b.day, b.subject;
INSERT INTO province_totals(kind, metric, day, subject, value)
  SELECT kind, metric, day, subject, sum(value)::bigint FROM buckets
  GROUP BY kind, metric, day, subject;
)sql";

// The usage tables recounted per month (rows and sum of value).
constexpr const char* kUsageTables[] = {"buckets", "venue_totals", "province_totals"};

std::string quoted(const std::string& name) {
    return "\"" + name + "\"";
}

//-----------------------------------------------------------------------------
// [SECTION] Reading hub.db
//-----------------------------------------------------------------------------

class Source {
public:
    ~Source() {
        if (db_) {
            exec_sql(db_, "ROLLBACK");
            sqlite3_close(db_);
        }
    }
    sqlite3* db() const { return db_; }
    const std::string& path() const { return path_; }
    const std::string& data_dir() const { return data_dir_; }
    const std::set<std::string>& tables() const { return tables_; }

    // Opens --from read-only and reads its schema in one read transaction;
    // false with `error` naming the file when it is no hub.db of this build.
    bool open(const std::string& from, std::string& error) {
        namespace fs = std::filesystem;
        std::error_code ec;
        if (from.empty() || !fs::exists(from, ec)) {
            error = "--from " + from + ": no such file or folder";
            return false;
        }
        path_ = from;
        if (fs::is_directory(from, ec)) {
            path_ = (fs::path(from) / "hub.db").string();
            if (!fs::exists(path_, ec)) {
                error = "--from " + from + ": the folder holds no hub.db";
                return false;
            }
        }
        data_dir_ = fs::absolute(fs::path(path_), ec).parent_path().string();
        if (sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
            error = "--from " + path_ + ": cannot open it (" +
                    (db_ ? sqlite3_errmsg(db_) : "out of memory") + ")";
            return false;
        }
        sqlite3_busy_timeout(db_, 10000);
        std::string sql_error;
        SqliteStatement names(db_, "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                   "name NOT LIKE 'sqlite_%'");
        if (!exec_sql(db_, "BEGIN", &sql_error) || !names.ok()) {
            error = "--from " + path_ + " is not a hub database (" +
                    (names.ok() ? sql_error : names.error()) + ")";
            return false;
        }
        int result = SQLITE_ROW;
        while ((result = names.step()) == SQLITE_ROW)
            tables_.insert(names.text(0));
        if (result != SQLITE_DONE) {
            error = "--from " + path_ + " is not a hub database (" + names.error() + ")";
            return false;
        }
        for (const char* needed : {"venues", "kiosks", "users", "buckets"})
            if (!tables_.count(needed)) {
                error =
                    "--from " + path_ + " is not a hub database (it has no " + needed + " table)";
                return false;
            }
        return check_versions(error) && check_known_tables(error);
    }

    // The version of a part of hub.db (0 when the part was never opened).
    int64_t part_version(const char* schema_table) const {
        if (!tables_.count(schema_table)) return 0;
        return query_int64(db_, ("SELECT max(version) FROM " + std::string(schema_table)).c_str(),
                           0);
    }

    std::vector<std::string> columns(const std::string& table) const {
        std::vector<std::string> names;
        SqliteStatement info(db_, "SELECT name FROM pragma_table_info(?1) ORDER BY cid");
        info.bind(1, table);
        while (info.next())
            names.push_back(info.text(0));
        return names;
    }

private:
    bool check_versions(std::string& error) {
        const int64_t version = query_int64(db_, "PRAGMA user_version", -1);
        if (version > kHubSchemaVersion) {
            error = "--from " + path_ + " has schema version " + std::to_string(version) +
                    ", newer than this kiosk-hub (" + std::to_string(kHubSchemaVersion) +
                    "): migrate it with the kiosk-hub that wrote it";
            return false;
        }
        if (version < kHubSchemaVersion) {
            error = "--from " + path_ + " has schema version " + std::to_string(version) +
                    ", older than this kiosk-hub (" + std::to_string(kHubSchemaVersion) +
                    "): run this kiosk-hub on it once first (kiosk-hub admin list --data " +
                    data_dir_ + ") to bring it up to date";
            return false;
        }
        return true;
    }

    bool check_known_tables(std::string& error) {
        for (const std::string& table : tables_) {
            const auto listed = [&](auto& names) {
                return std::find_if(std::begin(names), std::end(names), [&](const char* name) {
                           return table == name;
                       }) != std::end(names);
            };
            if (!listed(kCopiedTables) && !listed(kLeftBehind)) {
                error = "--from " + path_ + " holds a table this kiosk-hub does not know how to " +
                        "move: " + table + " (made by a newer kiosk-hub?)";
                return false;
            }
        }
        return true;
    }

    sqlite3* db_ = nullptr;
    std::string path_, data_dir_;
    std::set<std::string> tables_;
};

//-----------------------------------------------------------------------------
// [SECTION] The PostgreSQL side: columns, emptiness, partitions
//-----------------------------------------------------------------------------

struct Column {
    std::string sqlite_name, pg_name, pg_type;
    bool identity = false;
};

// The table's columns in PostgreSQL matched to hub.db's by name (after
// kRenames); false with `error` when the two sets differ.
bool match_columns(const Source& source, PgConnection& pg, const std::string& table,
                   std::vector<Column>& columns, std::string& error) {
    PgResult info =
        pg.query("SELECT column_name, data_type, is_identity FROM information_schema.columns "
                 "WHERE table_schema = current_schema() AND table_name = $1 "
                 "ORDER BY ordinal_position",
                 {table});
    if (!info.ok()) {
        error = "reading the columns of " + table + " in PostgreSQL: " + info.error();
        return false;
    }
    std::map<std::string, int> pg_columns;
    for (int row = 0; row < info.rows(); ++row)
        pg_columns[info.text(row, 0)] = row;
    columns.clear();
    std::vector<std::string> unmatched;
    for (const std::string& name : source.columns(table)) {
        std::string pg_name = name;
        for (const Rename& rename : kRenames)
            if (table == rename.table && name == rename.sqlite_column) pg_name = rename.pg_column;
        const auto found = pg_columns.find(pg_name);
        if (found == pg_columns.end()) {
            unmatched.push_back(name + " (only in hub.db)");
            continue;
        }
        columns.push_back(
            {name, pg_name, info.text(found->second, 1), info.text(found->second, 2) == "YES"});
        pg_columns.erase(found);
    }
    for (const auto& [name, row] : pg_columns)
        unmatched.push_back(name + " (only in PostgreSQL)");
    if (!unmatched.empty()) {
        std::string list;
        for (const std::string& name : unmatched)
            list += (list.empty() ? "" : ", ") + name;
        error = "table " + table + " differs between hub.db and PostgreSQL: " + list +
                "; this kiosk-hub cannot move it";
        return false;
    }
    return true;
}

// The first copied table that already has rows in PostgreSQL ("" when none).
bool first_table_with_rows(PgConnection& pg, std::string& table, std::string& error) {
    table.clear();
    for (const char* name : kCopiedTables) {
        PgResult any = pg.query(std::string("SELECT EXISTS (SELECT 1 FROM ") + name + ")");
        if (!any.ok()) {
            error = "reading " + std::string(name) + " in PostgreSQL: " + any.error();
            return false;
        }
        if (any.text(0, 0) == "t") {
            table = name;
            return true;
        }
    }
    return true;
}

// The months (YYYYMM) hub.db's rollups fall in.
std::set<int> rollup_months(const Source& source, std::string& error) {
    std::set<int> months;
    SqliteStatement select(source.db(),
                           "SELECT DISTINCT CAST(substr(day, 1, 4) AS INTEGER) * 100 + "
                           "CAST(substr(day, 6, 2) AS INTEGER) FROM buckets");
    int result = SQLITE_ROW;
    while ((result = select.step()) == SQLITE_ROW)
        months.insert(int(select.integer(0)));
    if (result != SQLITE_DONE) error = "reading the months of hub.db's rollups: " + select.error();
    return months;
}

//-----------------------------------------------------------------------------
// [SECTION] Copying a table in batches
//-----------------------------------------------------------------------------

constexpr int kMaxBatchRows = 2000;
constexpr int kMaxBatchParams = 30000; // PostgreSQL allows 65535 per statement

// "INSERT INTO t(a, b) VALUES ($1::bigint, $2::text), (...)" for `rows` rows.
std::string insert_sql(const std::string& table, const std::vector<Column>& columns, int rows) {
    std::string sql = "INSERT INTO " + table + "(";
    bool identity = false;
    for (size_t at = 0; at < columns.size(); ++at) {
        sql += (at ? ", " : "") + quoted(columns[at].pg_name);
        identity = identity || columns[at].identity;
    }
    sql += identity ? ") OVERRIDING SYSTEM VALUE VALUES " : ") VALUES ";
    int param = 1;
    for (int row = 0; row < rows; ++row) {
        sql += row ? ", (" : "(";
        for (size_t at = 0; at < columns.size(); ++at)
            sql += (at ? ", $" : "$") + std::to_string(param++) + "::" + columns[at].pg_type;
        sql += ")";
    }
    return sql;
}

// One hub.db value as a statement parameter for a column of `pg_type`.
PgParam value_of(const SqliteStatement& row, int column, const std::string& pg_type) {
    switch (row.type(column)) {
    case SQLITE_NULL:
        return std::nullopt;
    case SQLITE_INTEGER:
        return pg_param(row.integer(column));
    case SQLITE_BLOB:
        return pg_type == "bytea" ? pg_bytea(row.blob_view(column))
                                  : PgParam(std::string(row.blob_view(column)));
    default: // text, and a float PostgreSQL refuses for an integer column
        return pg_type == "bytea" ? pg_bytea(row.text(column)) : PgParam(row.text(column));
    }
}

// Copies every row of `table`; `copied` counts them.
bool copy_table(const Source& source, PgConnection& pg, const std::string& table,
                const std::vector<Column>& columns, int64_t& copied, std::string& error) {
    copied = 0;
    std::string select_sql = "SELECT ";
    for (size_t at = 0; at < columns.size(); ++at)
        select_sql += (at ? ", " : "") + quoted(columns[at].sqlite_name);
    SqliteStatement select(source.db(), select_sql + " FROM " + quoted(table));
    const int width = int(columns.size());
    const int batch_rows = std::max(1, std::min(kMaxBatchRows, kMaxBatchParams / width));
    const std::string full_batch = insert_sql(table, columns, batch_rows);
    std::vector<PgParam> params;
    params.reserve(size_t(batch_rows * width));
    const auto flush = [&] {
        const int rows = int(params.size()) / width;
        if (rows == 0) return true;
        PgResult inserted =
            pg.query(rows == batch_rows ? full_batch : insert_sql(table, columns, rows), params);
        if (!inserted.ok()) {
            error = "copying " + table + " into PostgreSQL: " + inserted.error();
            return false;
        }
        copied += rows;
        params.clear();
        return true;
    };
    int result = SQLITE_ROW;
    while ((result = select.step()) == SQLITE_ROW) {
        for (int column = 0; column < width; ++column)
            params.push_back(value_of(select, column, columns[size_t(column)].pg_type));
        if (int(params.size()) == batch_rows * width && !flush()) return false;
    }
    if (result != SQLITE_DONE) {
        error = "reading " + table + " from hub.db: " + select.error();
        return false;
    }
    if (!flush()) return false;
    // Identity columns go on after the highest id copied.
    for (const Column& column : columns) {
        if (!column.identity || copied == 0) continue;
        PgResult moved = pg.query("SELECT setval(pg_get_serial_sequence($1, $2), (SELECT max(" +
                                      quoted(column.pg_name) + ") FROM " + table + "))",
                                  {table, column.pg_name});
        if (!moved.ok()) {
            error = "setting the next " + table + "." + column.pg_name + ": " + moved.error();
            return false;
        }
    }
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Recounting
//-----------------------------------------------------------------------------

// month "YYYY-MM" -> (rows, sum of value as text)
using MonthSums = std::map<std::string, std::pair<int64_t, std::string>>;

bool sqlite_month_sums(const Source& source, const char* table, MonthSums& sums,
                       std::string& error) {
    SqliteStatement select(source.db(), std::string("SELECT substr(day, 1, 7), count(*), "
                                                    "sum(value) FROM ") +
                                            table + " GROUP BY 1");
    int result = SQLITE_ROW;
    while ((result = select.step()) == SQLITE_ROW)
        sums[select.text(0)] = {select.integer(1), select.text(2)};
    if (result == SQLITE_DONE) return true;
    error = std::string("recounting ") + table + " in hub.db: " + select.error();
    return false;
}

bool pg_month_sums(PgConnection& pg, const char* table, MonthSums& sums, std::string& error) {
    PgResult rows = pg.query(std::string("SELECT to_char(day, 'YYYY-MM'), count(*), "
                                         "sum(value)::text FROM ") +
                             table + " GROUP BY 1");
    if (!rows.ok()) {
        error = std::string("recounting ") + table + " in PostgreSQL: " + rows.error();
        return false;
    }
    for (int row = 0; row < rows.rows(); ++row)
        sums[rows.text(row, 0)] = {rows.int64(row, 1), rows.text(row, 2)};
    return true;
}

struct Recount {
    std::string table;
    int64_t source_rows = 0, target_rows = 0;
};

//-----------------------------------------------------------------------------
// [SECTION] The command
//-----------------------------------------------------------------------------

// Opens every PostgreSQL store once, so that each part is at this build's
// schema; false with `error` naming --to.
bool open_target(const StoreLocation& location, const Source& source, std::string& error) {
    std::string store_error;
    const bool opened = open_postgres_hub_store(location, store_error) &&
                        open_postgres_library_store(location, store_error) &&
                        open_postgres_notice_store(location, store_error) &&
                        open_postgres_report_schedule_store(location, store_error) &&
                        open_postgres_web_session_store(location, store_error);
    if (!opened) {
        error = "--to " + url_for_messages(location.database_url) + ": " + store_error;
        return false;
    }
    const std::shared_ptr<PgPool> pool = pg_pool_for(location.database_url, location.connections);
    for (const SchemaPart& part : kParts) {
        PgResult version =
            pg_query(*pool, "SELECT version FROM store_schema WHERE part = $1", {part.pg_part});
        if (!version.ok() || version.rows() != 1) {
            error = "--to: reading the schema version of the " + std::string(part.what) + ": " +
                    version.error();
            return false;
        }
        const int64_t known = version.int64(0, 0), held = source.part_version(part.sqlite_table);
        if (held > known) {
            error = "--from " + source.path() + ": the " + part.what + " have schema version " +
                    std::to_string(held) + ", newer than this kiosk-hub (" + std::to_string(known) +
                    ")";
            return false;
        }
        if (held != 0 && held < known) {
            error = "--from " + source.path() + ": the " + part.what + " have schema version " +
                    std::to_string(held) + ", older than this kiosk-hub (" + std::to_string(known) +
                    "): run this kiosk-hub on the data folder once first";
            return false;
        }
    }
    return true;
}

std::string target_not_empty(const std::string& url, const std::string& table) {
    return "--to " + url_for_messages(url) + " already holds a hub (its " + table +
           " table has rows): migrate copies only into an empty database; give a new database "
           "or schema";
}

} // namespace

int migrate_hub(const MigrateOptions& options, std::ostream& out, std::ostream& err) {
    const auto fail = [&](const std::string& message) {
        err << "kiosk-hub migrate: " << message << "\n";
        return 1;
    };
    if (!is_postgresql_url(options.to))
        return fail(
            "--to: expected a PostgreSQL URL (postgresql://USER@HOST:PORT/DATABASE), got \"" +
            url_for_messages(options.to) + "\"");
    std::string error;
    Source source;
    if (!source.open(options.from, error)) return fail(error);
    const StoreLocation location(source.data_dir(), options.to);
    if (!open_target(location, source, error)) return fail(error);
    const std::shared_ptr<PgPool> pool = pg_pool_for(location.database_url, location.connections);

    // Refused before anything is made in the target; checked again under the
    // transaction's locks.
    std::string full_table;
    {
        PgPool::Lease lease = pool->acquire(error);
        if (!lease || !first_table_with_rows(*lease, full_table, error))
            return fail("--to: " + error);
        if (!full_table.empty()) return fail(target_not_empty(options.to, full_table));
    }
    const std::set<int> months = rollup_months(source, error);
    if (!error.empty()) return fail("--from " + source.path() + ": " + error);
    if (!months.empty() && !make_month_partitions(*pool, months, error))
        return fail("--to: " + error);

    std::vector<Recount> recounts;
    std::map<std::string, std::pair<MonthSums, MonthSums>> usage; // table -> (hub.db, PostgreSQL)
    std::vector<std::string> mismatches;
    const bool committed = with_pg_transaction(
        *pool, "READ COMMITTED",
        [&](PgConnection& pg, bool& retry, std::string& step_error) {
            retry = false;
            recounts.clear();
            usage.clear();
            mismatches.clear();
            std::string lock = "LOCK TABLE ";
            for (const char* table : kCopiedTables)
                lock += std::string(table == kCopiedTables[0] ? "" : ", ") + table;
            PgResult locked = pg.run_script(lock + " IN EXCLUSIVE MODE");
            if (!locked.ok())
                return pg_roll_back(locked, "--to: locking the tables", retry, step_error);
            if (!first_table_with_rows(pg, full_table, step_error))
                return PgTransactionStep::roll_back;
            if (!full_table.empty()) {
                step_error = target_not_empty(options.to, full_table);
                return PgTransactionStep::roll_back;
            }
            // The totals are summed once after the rollups are in, rather
            // than by the triggers batch by batch (several times faster).
            PgResult quiet = pg.run_script(kTriggersOff);
            if (!quiet.ok())
                return pg_roll_back(quiet, "--to: pausing the totals' triggers", retry, step_error);
            for (const char* table : kCopiedTables) {
                Recount recount{table};
                if (source.tables().count(table)) {
                    std::vector<Column> columns;
                    int64_t copied = 0;
                    if (!match_columns(source, pg, table, columns, step_error) ||
                        !copy_table(source, pg, table, columns, copied, step_error))
                        return PgTransactionStep::roll_back;
                    if (std::string_view(table) == "buckets") {
                        PgResult summed = pg.run_script(kTotalsFromRollups);
                        if (!summed.ok())
                            return pg_roll_back(summed, "summing the totals", retry, step_error);
                    }
                    recount.source_rows = query_int64(
                        source.db(), ("SELECT count(*) FROM " + quoted(table)).c_str(), -1);
                }
                PgResult counted = pg.query(std::string("SELECT count(*) FROM ") + table);
                if (!counted.ok())
                    return pg_roll_back(counted, std::string("recounting ") + table, retry,
                                        step_error);
                recount.target_rows = counted.int64(0, 0);
                if (recount.source_rows != recount.target_rows)
                    mismatches.push_back(std::string(table) + ": " +
                                         std::to_string(recount.source_rows) + " rows in hub.db, " +
                                         std::to_string(recount.target_rows) + " in PostgreSQL");
                recounts.push_back(recount);
            }
            for (const char* table : kUsageTables) {
                auto& [held, copied] = usage[table];
                if (!sqlite_month_sums(source, table, held, step_error) ||
                    !pg_month_sums(pg, table, copied, step_error))
                    return PgTransactionStep::roll_back;
                if (held != copied)
                    mismatches.push_back(std::string(table) +
                                         ": the rows or sums per month differ");
            }
            if (mismatches.empty()) return PgTransactionStep::commit;
            step_error = "the copy does not match hub.db";
            return PgTransactionStep::roll_back;
        },
        error);

    // The tables, when the copy got as far as the recount (committed or not).
    if (recounts.size() == std::size(kCopiedTables)) {
        out << "kiosk-hub migrate: " << source.path() << " -> " << url_for_messages(options.to)
            << "\n\n"
            << std::left << std::setw(24) << "table" << std::right << std::setw(14) << "hub.db"
            << std::setw(14) << "PostgreSQL"
            << "\n";
        for (const Recount& recount : recounts)
            out << std::left << std::setw(24) << recount.table << std::right << std::setw(14)
                << recount.source_rows << std::setw(14) << recount.target_rows
                << (recount.source_rows == recount.target_rows ? "  ok" : "  DIFFERS") << "\n";
        out << "\n"
            << std::left << std::setw(10) << "month" << std::right << std::setw(12) << "rollups"
            << std::setw(20) << "sum of values" << std::setw(20) << "venue totals" << std::setw(20)
            << "province totals"
            << "\n";
        const auto& buckets = usage["buckets"];
        std::set<std::string> all_months;
        for (const auto& [table, sides] : usage)
            for (const MonthSums* sums : {&sides.first, &sides.second})
                for (const auto& [month, sum] : *sums)
                    all_months.insert(month);
        for (const std::string& month : all_months) {
            bool same = true;
            for (const auto& [table, sides] : usage) {
                const auto a = sides.first.find(month), b = sides.second.find(month);
                same = same && a != sides.first.end() && b != sides.second.end() &&
                       a->second == b->second;
            }
            const auto figure = [&](const char* table) {
                const auto& sums = usage[table].second;
                const auto found = sums.find(month);
                return found == sums.end() ? std::string("-") : found->second.second;
            };
            const auto rows = buckets.second.find(month);
            out << std::left << std::setw(10) << month << std::right << std::setw(12)
                << (rows == buckets.second.end() ? 0 : rows->second.first) << std::setw(20)
                << figure("buckets") << std::setw(20) << figure("venue_totals") << std::setw(20)
                << figure("province_totals") << (same ? "  ok" : "  DIFFERS") << "\n";
        }
        if (all_months.empty()) out << "(hub.db holds no usage rollups)\n";
        out << "\n";
    }
    if (!committed) {
        for (const std::string& mismatch : mismatches)
            err << "kiosk-hub migrate: " << mismatch << "\n";
        return fail(error + "; rolled back: nothing was kept in PostgreSQL, and " + source.path() +
                    " is unchanged");
    }
    out << "verified: every table's rows and every month's rollups and totals match hub.db; "
           "committed.\n"
           "Not copied: the dashboard's sign-in sessions (managers sign in again).\n"
           "Start the hub on PostgreSQL with the same data folder (its keys, mail settings and "
           "library files), the store named by --store or KIOSK_HUB_STORE:\n  kiosk-hub serve "
           "--data "
        << source.data_dir() << " --store " << url_for_messages(options.to) << "\n";
    return 0;
}

} // namespace kiosk::hub
