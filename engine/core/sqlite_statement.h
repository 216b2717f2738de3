// SQLite access, once: the one prepared-statement wrapper every part of the
// engine uses (kiosk.db, hub.db, content packages), and the few one-line uses
// around it (run SQL text, read one value, a write transaction). This unit
// owns every sqlite3_prepare and sqlite3_finalize in the engine.
//
// A SqliteStatement finalizes itself. Parameters are bound by position and
// always as values, never spliced into the SQL text. Its first failure sticks:
// once the prepare, a bind or a step has failed, later binds and steps do
// nothing and error() keeps that first failure, so a caller can read rows in
// straight-line code and check once at the end; a failed query is an error
// for the caller to report, never an empty result. reset() starts the
// statement over for its next use (writers prepare once and reuse).
#pragma once

#include <sqlite3.h>

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk {

// How often a statement runs: a `reused` one (a writer's INSERT, run for
// every event) is prepared with SQLITE_PREPARE_PERSISTENT so SQLite keeps it.
enum class StatementUse { once, reused };

class SqliteStatement {
public:
    // Prepares `sql` on `db`. When that fails, error() reads
    // `cannot prepare "<sql>": <SQLite's message>`.
    SqliteStatement(sqlite3* db, std::string_view sql, StatementUse use = StatementUse::once);
    // The same, for a statement among several whose first failure is what the
    // caller reports: when `shared_error` already holds a failure the
    // statement is not prepared and fails with that error; its own first
    // failure is copied into `shared_error` when that is still empty.
    SqliteStatement(sqlite3* db, std::string_view sql, std::string& shared_error);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    // No failure so far (in this use: see reset()).
    bool ok() const { return error_code_ == SQLITE_OK; }
    // The first failure's message ("" while ok()).
    const std::string& error() const { return error_; }
    // The first failure's extended SQLite result code (SQLITE_OK while ok()).
    int error_code() const { return error_code_; }

    // Parameter `index` (from 1). Text is copied, except by bind_view.
    SqliteStatement& bind(int index, std::string_view text);
    SqliteStatement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    SqliteStatement& bind(int index, const char* text) {
        return bind(index, std::string_view(text));
    }
    SqliteStatement& bind(int index, std::integral auto number) {
        return bind_int64(index, int64_t(number));
    }
    SqliteStatement& bind(int index, double number);
    SqliteStatement& bind_null(int index);
    SqliteStatement& bind_blob(int index, std::string_view bytes);
    // Text bound without a copy, for hot paths: `text` must stay unchanged
    // until the statement is reset.
    SqliteStatement& bind_view(int index, std::string_view text);
    SqliteStatement& bind_int64(int index, int64_t number);

    // One step: SQLITE_ROW, SQLITE_DONE, or the failure's result code (also
    // returned, without stepping, by every step after the first failure).
    int step();
    // Steps to the next row: true on a row; false when done or failed.
    bool next() { return step() == SQLITE_ROW; }
    // Runs a statement that returns no rows: true when it ran to the end.
    bool run() { return step() == SQLITE_DONE; }
    // Ready for the next use: back to before the first step, parameters
    // cleared (NULL), the last use's failure forgotten. A failed prepare stays.
    void reset();

    // Columns of the current row (from 0). Text and blobs read as "" when NULL;
    // a view is valid until the next step or reset.
    int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }
    double real(int column) const { return sqlite3_column_double(statement_, column); }
    std::string text(int column) const { return std::string(text_view(column)); }
    std::string_view text_view(int column) const {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
        return text ? std::string_view(text, size_t(sqlite3_column_bytes(statement_, column)))
                    : std::string_view();
    }
    std::string_view blob_view(int column) const;
    // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL.
    int type(int column) const { return sqlite3_column_type(statement_, column); }
    bool is_null(int column) const { return type(column) == SQLITE_NULL; }

private:
    void prepare(std::string_view sql, unsigned flags);
    SqliteStatement& bound(int index, int result);
    void fail(int result, std::string message);

    sqlite3* db_;
    sqlite3_stmt* statement_ = nullptr;
    std::string* shared_error_ = nullptr;
    std::string error_;
    int error_code_ = SQLITE_OK;
    int error_result_ = SQLITE_OK; // what the failing call returned, for step()
};

// Runs `sql` (one or more statements, no rows wanted); false with `error`
// (when given) set to SQLite's message on failure.
bool exec_sql(sqlite3* db, const char* sql, std::string* error = nullptr);
inline bool exec_sql(sqlite3* db, const std::string& sql, std::string* error = nullptr) {
    return exec_sql(db, sql.c_str(), error);
}

// The first column of the first row of `sql`, or `fallback` when there is no
// row, the value is NULL or the statement fails.
int64_t query_int64(sqlite3* db, const char* sql, int64_t fallback = 0);
// The same for text; "" for no row, NULL or a failure.
std::string query_text(sqlite3* db, const char* sql);

// A write transaction that rolls back unless committed. BEGIN IMMEDIATE takes
// the write lock at once, so another process waits (busy timeout) instead of
// failing halfway through.
class SqliteTransaction {
public:
    explicit SqliteTransaction(sqlite3* db) : db_(db) {}
    ~SqliteTransaction() {
        if (open_) exec_sql(db_, "ROLLBACK");
    }
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;
    bool begin(std::string& error) { return open_ = exec_sql(db_, "BEGIN IMMEDIATE", &error); }
    bool commit(std::string& error) {
        if (!exec_sql(db_, "COMMIT", &error)) return false;
        open_ = false;
        return true;
    }

private:
    sqlite3* db_;
    bool open_ = false;
};

} // namespace kiosk
