// PostgreSQL access for the hub's stores, once (issue 22): the one libpq
// wrapper every PostgreSQL store uses. This unit owns every PQconnectdb,
// PQprepare, PQexecPrepared and PQclear in the engine.
//
// - PgConnection: one libpq connection. query() prepares each distinct SQL
//   text once per connection (named by its hash) and runs it with text
//   parameters, always as values, never spliced into the SQL. run_script()
//   runs DDL of several statements (migrations). A connection whose socket
//   broke says so (broken()) and the pool replaces it.
// - PgResult: the rows of one statement, or its error (SQLSTATE and message).
//   A failed query is an error for the caller to report, never an empty result.
// - PgPool: a fixed number of connections shared by the stores of one
//   process (pg_pool_for(url) hands every store of a process the same pool);
//   acquire() waits for a free one.
// - with_transaction(): BEGIN .. COMMIT around a function, retried when
//   PostgreSQL reports a serialization failure or a deadlock (two hub
//   processes writing the same rows), and once when the connection was lost
//   before COMMIT was sent.
// - migrate_postgres_part(): the schema versions of one part of the store
//   (hub, library, notices, reports), like migrate_hub_part for SQLite, under
//   an advisory lock so that two hub processes starting together migrate once.
#pragma once

#include <libpq-fe.h>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace kiosk::hub {

// One statement parameter in text form; nullopt is SQL NULL.
using PgParam = std::optional<std::string>;
inline PgParam pg_param(int64_t value) {
    return std::to_string(value);
}
inline PgParam pg_param(const std::string& value) {
    return value;
}
inline PgParam pg_param(const char* value) {
    return std::string(value);
}
// Raw bytes for a bytea parameter (its text form, \x and hex digits).
PgParam pg_bytea(std::string_view raw);
// A text[] parameter ({"a","b"}, each element quoted), for `= ANY($n::text[])`.
PgParam pg_text_array(const std::vector<std::string>& values);

class PgResult {
public:
    PgResult() = default;
    PgResult(PGresult* result, std::string error, std::string sqlstate);
    PgResult(PgResult&&) noexcept;
    PgResult& operator=(PgResult&&) noexcept;
    ~PgResult();

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }       // "" when ok
    const std::string& sqlstate() const { return sqlstate_; } // e.g. "23505"; "" when none
    bool is_unique_violation() const { return sqlstate_ == "23505"; }
    bool is_retryable() const { return sqlstate_ == "40001" || sqlstate_ == "40P01"; }

    int rows() const;
    int columns() const;
    bool is_null(int row, int column) const;
    std::string text(int row, int column) const; // "" for NULL
    // The column as an integer; throws StoreReadError when it is not one.
    int64_t int64(int row, int column) const;
    int64_t affected_rows() const; // of an INSERT/UPDATE/DELETE
    // A bytea column's raw bytes (from its hex text form); throws
    // StoreReadError when the text is not that form.
    std::string bytes(int row, int column) const;

private:
    PGresult* result_ = nullptr;
    std::string error_, sqlstate_;
};

class PgConnection {
public:
    // Null with `error` (the URL's password hidden) when it cannot connect.
    static std::unique_ptr<PgConnection> open(const std::string& url, std::string& error);
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    // `sql` with $1..$n bound to `params`, prepared once per connection.
    PgResult query(const std::string& sql, const std::vector<PgParam>& params = {});
    // Several statements of SQL text without parameters (migrations, BEGIN).
    PgResult run_script(const std::string& sql);
    bool broken() const;

private:
    explicit PgConnection(PGconn* connection) : connection_(connection) {}
    PGconn* connection_ = nullptr;
    std::unordered_set<std::string> prepared_;
};

class PgPool {
public:
    PgPool(std::string url, int size);
    PgPool(const PgPool&) = delete;
    PgPool& operator=(const PgPool&) = delete;

    // A connection for the lease's life; returned (or, when broken, dropped
    // and replaced on the next acquire) when the lease ends.
    class Lease {
    public:
        Lease(PgPool* pool, std::unique_ptr<PgConnection> connection)
            : pool_(pool), connection_(std::move(connection)) {}
        Lease(Lease&&) = default;
        ~Lease();
        PgConnection* operator->() const { return connection_.get(); }
        PgConnection& operator*() const { return *connection_; }
        explicit operator bool() const { return connection_ != nullptr; }

    private:
        PgPool* pool_ = nullptr;
        std::unique_ptr<PgConnection> connection_;
    };

    // Waits up to 30 s for a free connection (opening one when the pool has
    // fewer than its size); an empty lease with `error` when none comes or
    // the server cannot be reached.
    Lease acquire(std::string& error);
    const std::string& url() const { return url_; }
    int size() const { return size_; }

private:
    void give_back(std::unique_ptr<PgConnection> connection);

    const std::string url_;
    const int size_;
    std::mutex mutex_;
    std::condition_variable freed_;
    std::vector<std::unique_ptr<PgConnection>> idle_;
    int open_ = 0; // connections leased or idle
};

// The pool every store of this process shares for `url` (made with `size`
// connections by the first caller).
std::shared_ptr<PgPool> pg_pool_for(const std::string& url, int size);

// One statement on a connection leased for it alone (its own transaction);
// the lease's failure is the result's error.
PgResult pg_query(PgPool& pool, const std::string& sql, const std::vector<PgParam>& params = {});

// pg_query for a read: throws StoreReadError ("WHAT: the server's message")
// when it fails, so a failed read is never taken for an empty answer.
PgResult pg_read(PgPool& pool, const std::string& what, const std::string& sql,
                 const std::vector<PgParam>& params = {});

// What a transaction's body returns: commit, roll back (nothing changed; the
// body set the caller's error), or retry the whole body.
enum class PgTransactionStep { commit, roll_back };

// A body's roll back for a failed statement: `error` is `context` and the
// statement's error; `retry` is set when the failure was a serialization
// failure or deadlock.
PgTransactionStep pg_roll_back(const PgResult& failed, const std::string& context, bool& retry,
                               std::string& error);

// Runs `body` between BEGIN (ISOLATION LEVEL `isolation`, e.g. "READ
// COMMITTED") and COMMIT on a leased connection. A serialization failure or
// deadlock anywhere (the body returns roll_back and its last PgResult
// is_retryable(): the body reports that through `retry`) runs it again, up to
// 5 times. False with `error` when it could not commit.
bool with_pg_transaction(
    PgPool& pool, const char* isolation,
    const std::function<PgTransactionStep(PgConnection&, bool& retry, std::string& error)>& body,
    std::string& error);

// Migrates one part of the store: table store_schema(part, version) holds the
// number of `steps` applied to `part` (steps[0] makes version 1). Under an
// advisory lock, so concurrent hub processes run each step once. Refuses a
// newer version than `steps` knows ("the WHAT in the PostgreSQL store has
// schema version N, newer than this kiosk-hub").
bool migrate_postgres_part(PgPool& pool, const char* part, std::span<const char* const> steps,
                           const char* what, std::string& error);

} // namespace kiosk::hub
