// SqliteStatement, exec_sql, query_int64 and query_text (see
// sqlite_statement.h): the prepare, the first-failure rule and the readers.
#include "sqlite_statement.h"

namespace kiosk {

SqliteStatement::SqliteStatement(sqlite3* db, std::string_view sql, StatementUse use) : db_(db) {
    prepare(sql, use == StatementUse::reused ? SQLITE_PREPARE_PERSISTENT : 0);
}

SqliteStatement::SqliteStatement(sqlite3* db, std::string_view sql, std::string& shared_error)
    : db_(db), shared_error_(&shared_error) {
    if (!shared_error.empty()) {
        // An earlier statement failed: this one is not run, and says so.
        error_ = shared_error;
        error_code_ = error_result_ = SQLITE_ABORT;
        return;
    }
    prepare(sql, 0);
}

SqliteStatement::~SqliteStatement() {
    sqlite3_finalize(statement_);
}

void SqliteStatement::prepare(std::string_view sql, unsigned flags) {
    const int result =
        sqlite3_prepare_v3(db_, sql.data(), int(sql.size()), flags, &statement_, nullptr);
    if (result != SQLITE_OK)
        fail(result, "cannot prepare \"" + std::string(sql) + "\": " + sqlite3_errmsg(db_));
    else if (!statement_)
        fail(SQLITE_MISUSE, "cannot prepare \"" + std::string(sql) + "\": it holds no statement");
}

void SqliteStatement::fail(int result, std::string message) {
    if (!ok()) return;
    error_result_ = result;
    error_code_ = db_ && result != SQLITE_MISUSE ? sqlite3_extended_errcode(db_) : result;
    if (error_code_ == SQLITE_OK) error_code_ = result;
    error_ = std::move(message);
    if (shared_error_ && shared_error_->empty()) *shared_error_ = error_;
}

SqliteStatement& SqliteStatement::bound(int index, int result) {
    if (result != SQLITE_OK)
        fail(result, "parameter ?" + std::to_string(index) + ": " + sqlite3_errstr(result));
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view text) {
    if (!ok()) return *this;
    // A view's data() may be null for "": still text, never NULL.
    return bound(index, sqlite3_bind_text64(statement_, index, text.data() ? text.data() : "",
                                            text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}

SqliteStatement& SqliteStatement::bind_view(int index, std::string_view text) {
    if (!ok()) return *this;
    return bound(index, sqlite3_bind_text64(statement_, index, text.data() ? text.data() : "",
                                            text.size(), SQLITE_STATIC, SQLITE_UTF8));
}

SqliteStatement& SqliteStatement::bind_int64(int index, int64_t number) {
    if (!ok()) return *this;
    return bound(index, sqlite3_bind_int64(statement_, index, number));
}

SqliteStatement& SqliteStatement::bind(int index, double number) {
    if (!ok()) return *this;
    return bound(index, sqlite3_bind_double(statement_, index, number));
}

SqliteStatement& SqliteStatement::bind_null(int index) {
    if (!ok()) return *this;
    return bound(index, sqlite3_bind_null(statement_, index));
}

SqliteStatement& SqliteStatement::bind_blob(int index, std::string_view bytes) {
    if (!ok()) return *this;
    return bound(index, sqlite3_bind_blob64(statement_, index, bytes.data() ? bytes.data() : "",
                                            bytes.size(), SQLITE_TRANSIENT));
}

int SqliteStatement::step() {
    if (!ok()) return error_result_;
    const int result = sqlite3_step(statement_);
    if (result != SQLITE_ROW && result != SQLITE_DONE) fail(result, sqlite3_errmsg(db_));
    return result;
}

void SqliteStatement::reset() {
    if (!statement_) return; // a failed prepare stays failed
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
    error_.clear();
    error_code_ = error_result_ = SQLITE_OK;
}

std::string_view SqliteStatement::blob_view(int column) const {
    const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement_, column));
    return bytes ? std::string_view(bytes, size_t(sqlite3_column_bytes(statement_, column)))
                 : std::string_view();
}

bool exec_sql(sqlite3* db, const char* sql, std::string* error) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return true;
    if (error) *error = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    return false;
}

int64_t query_int64(sqlite3* db, const char* sql, int64_t fallback) {
    SqliteStatement query(db, sql);
    return query.next() && !query.is_null(0) ? query.integer(0) : fallback;
}

std::string query_text(sqlite3* db, const char* sql) {
    SqliteStatement query(db, sql);
    return query.next() ? query.text(0) : std::string();
}

} // namespace kiosk
