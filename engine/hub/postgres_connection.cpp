// The libpq wrapper of postgres_connection.h: connections, prepared
// statements by SQL hash, the shared pool, transactions with retry, and the
// store's schema versions.
#include "postgres_connection.h"

#include "hub_store.h"
#include "store_location.h"

#include <charconv>
#include <chrono>
#include <map>

namespace kiosk::hub {
namespace {

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

PgResult result_of(PGconn* connection, PGresult* result) {
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY)
        return PgResult(result, "", "");
    std::string message = trimmed(result ? PQresultErrorMessage(result) : "");
    if (message.empty()) message = trimmed(PQerrorMessage(connection));
    if (message.empty()) message = "PostgreSQL returned no result";
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    return PgResult(result, "PostgreSQL: " + message, state ? state : "");
}

int hex_value(char digit) {
    if (digit >= '0' && digit <= '9') return digit - '0';
    if (digit >= 'a' && digit <= 'f') return digit - 'a' + 10;
    if (digit >= 'A' && digit <= 'F') return digit - 'A' + 10;
    return -1;
}

} // namespace

PgParam pg_bytea(std::string_view raw) {
    static const char* digits = "0123456789abcdef";
    std::string text = "\\x";
    text.reserve(2 + raw.size() * 2);
    for (unsigned char byte : raw) {
        text += digits[byte >> 4];
        text += digits[byte & 15];
    }
    return text;
}

PgParam pg_text_array(const std::vector<std::string>& values) {
    std::string text = "{";
    for (const std::string& value : values) {
        text += text.size() > 1 ? ",\"" : "\"";
        for (char c : value) {
            if (c == '"' || c == '\\') text += '\\';
            text += c;
        }
        text += '"';
    }
    return text + "}";
}

PgResult::PgResult(PGresult* result, std::string error, std::string sqlstate)
    : result_(result), error_(std::move(error)), sqlstate_(std::move(sqlstate)) {}

PgResult::PgResult(PgResult&& other) noexcept
    : result_(other.result_), error_(std::move(other.error_)),
      sqlstate_(std::move(other.sqlstate_)) {
    other.result_ = nullptr;
}

PgResult& PgResult::operator=(PgResult&& other) noexcept {
    if (this != &other) {
        if (result_) PQclear(result_);
        result_ = other.result_;
        other.result_ = nullptr;
        error_ = std::move(other.error_);
        sqlstate_ = std::move(other.sqlstate_);
    }
    return *this;
}

PgResult::~PgResult() {
    if (result_) PQclear(result_);
}

int PgResult::rows() const {
    return ok() && result_ ? PQntuples(result_) : 0;
}

int PgResult::columns() const {
    return ok() && result_ ? PQnfields(result_) : 0;
}

bool PgResult::is_null(int row, int column) const {
    return !result_ || PQgetisnull(result_, row, column);
}

std::string PgResult::text(int row, int column) const {
    if (is_null(row, column)) return "";
    return std::string(PQgetvalue(result_, row, column),
                       static_cast<size_t>(PQgetlength(result_, row, column)));
}

int64_t PgResult::int64(int row, int column) const {
    if (is_null(row, column)) return 0;
    const char* begin = PQgetvalue(result_, row, column);
    const char* end = begin + PQgetlength(result_, row, column);
    int64_t value = 0;
    const auto [stop, problem] = std::from_chars(begin, end, value);
    if (problem != std::errc() || stop != end)
        throw StoreReadError("PostgreSQL: column " + std::to_string(column + 1) + " of row " +
                             std::to_string(row + 1) + " is not a 64-bit integer: \"" +
                             std::string(begin, end) + "\"");
    return value;
}

std::string PgResult::bytes(int row, int column) const {
    const std::string hex = text(row, column);
    std::string raw;
    bool well_formed = hex.size() >= 2 && hex[0] == '\\' && hex[1] == 'x' && hex.size() % 2 == 0;
    raw.reserve(hex.size() / 2);
    for (size_t at = 2; well_formed && at < hex.size(); at += 2) {
        const int high = hex_value(hex[at]), low = hex_value(hex[at + 1]);
        well_formed = high >= 0 && low >= 0;
        raw += static_cast<char>(high * 16 + low);
    }
    if (!well_formed && !is_null(row, column))
        throw StoreReadError("PostgreSQL: column " + std::to_string(column + 1) + " of row " +
                             std::to_string(row + 1) + " is not bytea in hex form");
    return well_formed ? raw : std::string();
}

int64_t PgResult::affected_rows() const {
    if (!result_) return 0;
    const char* count = PQcmdTuples(result_);
    return count && *count ? std::stoll(count) : 0;
}

std::unique_ptr<PgConnection> PgConnection::open(const std::string& url, std::string& error) {
    PGconn* connection = PQconnectdb(url.c_str());
    if (!connection) {
        error = "PostgreSQL: out of memory connecting to " + url_for_messages(url);
        return nullptr;
    }
    if (PQstatus(connection) != CONNECTION_OK) {
        error = "PostgreSQL: cannot connect to " + url_for_messages(url) + ": " +
                trimmed(PQerrorMessage(connection));
        PQfinish(connection);
        return nullptr;
    }
    // Notices (e.g. "relation already exists, skipping") are not for the
    // hub's stderr.
    PQsetNoticeProcessor(
        connection, [](void*, const char*) {}, nullptr);
    auto opened = std::unique_ptr<PgConnection>(new PgConnection(connection));
    // Times are UTC milliseconds in bigint columns; text dates are
    // YYYY-MM-DD. Nothing depends on the session's zone, but fix it anyway.
    PgResult setup = opened->run_script("SET TIME ZONE 'UTC'; SET client_encoding = 'UTF8'");
    if (!setup.ok()) {
        error = setup.error();
        return nullptr;
    }
    return opened;
}

PgConnection::~PgConnection() {
    if (connection_) PQfinish(connection_);
}

PgResult PgConnection::query(const std::string& sql, const std::vector<PgParam>& params) {
    const std::string name = "k" + std::to_string(std::hash<std::string>{}(sql));
    if (!prepared_.contains(name)) {
        PgResult prepared =
            result_of(connection_, PQprepare(connection_, name.c_str(), sql.c_str(), 0, nullptr));
        if (!prepared.ok()) {
            prepared = PgResult(nullptr, prepared.error() + " (preparing \"" + sql + "\")",
                                prepared.sqlstate());
            return prepared;
        }
        prepared_.insert(name);
    }
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const PgParam& param : params)
        values.push_back(param ? param->c_str() : nullptr);
    return result_of(connection_,
                     PQexecPrepared(connection_, name.c_str(), static_cast<int>(values.size()),
                                    values.data(), nullptr, nullptr, 0));
}

PgResult PgConnection::run_script(const std::string& sql) {
    return result_of(connection_, PQexec(connection_, sql.c_str()));
}

bool PgConnection::broken() const {
    return PQstatus(connection_) != CONNECTION_OK;
}

PgPool::PgPool(std::string url, int size) : url_(std::move(url)), size_(size < 1 ? 1 : size) {}

PgPool::Lease::~Lease() {
    if (pool_ && connection_) pool_->give_back(std::move(connection_));
}

void PgPool::give_back(std::unique_ptr<PgConnection> connection) {
    std::lock_guard lock(mutex_);
    if (connection->broken()) {
        --open_;
    } else {
        // A lease ends outside any transaction (with_pg_transaction commits or
        // rolls back); a connection left inside one is not reused.
        idle_.push_back(std::move(connection));
    }
    freed_.notify_one();
}

PgPool::Lease PgPool::acquire(std::string& error) {
    std::unique_lock lock(mutex_);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (idle_.empty() && open_ >= size_) {
        if (freed_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
            open_ >= size_) {
            error = "PostgreSQL: all " + std::to_string(size_) +
                    " connections of the pool stayed busy for 30 s";
            return Lease(nullptr, nullptr);
        }
    }
    if (!idle_.empty()) {
        std::unique_ptr<PgConnection> connection = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(connection));
    }
    ++open_;
    lock.unlock();
    std::unique_ptr<PgConnection> connection = PgConnection::open(url_, error);
    if (!connection) {
        std::lock_guard relock(mutex_);
        --open_;
        freed_.notify_one();
        return Lease(nullptr, nullptr);
    }
    return Lease(this, std::move(connection));
}

std::shared_ptr<PgPool> pg_pool_for(const std::string& url, int size) {
    static std::mutex mutex;
    static std::map<std::string, std::weak_ptr<PgPool>> pools;
    std::lock_guard lock(mutex);
    if (std::shared_ptr<PgPool> pool = pools[url].lock()) return pool;
    auto pool = std::make_shared<PgPool>(url, size);
    pools[url] = pool;
    return pool;
}

PgResult pg_query(PgPool& pool, const std::string& sql, const std::vector<PgParam>& params) {
    std::string error;
    PgPool::Lease connection = pool.acquire(error);
    if (!connection) return PgResult(nullptr, error, "");
    return connection->query(sql, params);
}

PgResult pg_read(PgPool& pool, const std::string& what, const std::string& sql,
                 const std::vector<PgParam>& params) {
    PgResult result = pg_query(pool, sql, params);
    if (!result.ok()) throw StoreReadError(what + ": " + result.error());
    return result;
}

PgTransactionStep pg_roll_back(const PgResult& failed, const std::string& context, bool& retry,
                               std::string& error) {
    retry = failed.is_retryable();
    error = context + failed.error();
    return PgTransactionStep::roll_back;
}

bool with_pg_transaction(
    PgPool& pool, const char* isolation,
    const std::function<PgTransactionStep(PgConnection&, bool& retry, std::string& error)>& body,
    std::string& error) {
    constexpr int kAttempts = 5;
    bool reconnected = false;
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
        PgPool::Lease connection = pool.acquire(error);
        if (!connection) return false;
        PgResult begun = connection->run_script(std::string("BEGIN ISOLATION LEVEL ") + isolation);
        if (!begun.ok()) {
            // A connection the server dropped (restart, idle timeout) is
            // replaced once; nothing was sent yet.
            if (connection->broken() && !reconnected) {
                reconnected = true;
                --attempt;
                continue;
            }
            error = begun.error();
            return false;
        }
        bool retry = false;
        std::string body_error;
        const PgTransactionStep step = body(*connection, retry, body_error);
        if (step == PgTransactionStep::roll_back) {
            connection->run_script("ROLLBACK");
            if (retry && attempt < kAttempts) continue;
            error = body_error;
            return false;
        }
        PgResult committed = connection->run_script("COMMIT");
        if (committed.ok()) return true;
        connection->run_script("ROLLBACK");
        if (committed.is_retryable() && attempt < kAttempts) continue;
        error = committed.error();
        return false;
    }
    error = "PostgreSQL: the transaction kept conflicting with other hub processes";
    return false;
}

bool migrate_postgres_part(PgPool& pool, const char* part, std::span<const char* const> steps,
                           const char* what, std::string& error) {
    return with_pg_transaction(
        pool, "READ COMMITTED",
        [&](PgConnection& connection, bool&, std::string& step_error) {
            // One lock for every part: the parts reference each other's tables.
            PgResult locked = connection.run_script(
                "SELECT pg_advisory_xact_lock(7242022);"
                "CREATE TABLE IF NOT EXISTS store_schema(part text PRIMARY KEY, version integer "
                "NOT NULL)");
            if (!locked.ok()) {
                step_error = locked.error();
                return PgTransactionStep::roll_back;
            }
            PgResult current =
                connection.query("SELECT version FROM store_schema WHERE part = $1", {part});
            if (!current.ok()) {
                step_error = current.error();
                return PgTransactionStep::roll_back;
            }
            const int64_t version = current.rows() ? current.int64(0, 0) : 0;
            if (version > static_cast<int64_t>(steps.size())) {
                step_error = std::string("the ") + what +
                             " in the PostgreSQL store has schema version " +
                             std::to_string(version) + ", newer than this kiosk-hub (" +
                             std::to_string(steps.size()) + ")";
                return PgTransactionStep::roll_back;
            }
            for (size_t step = static_cast<size_t>(version); step < steps.size(); ++step) {
                PgResult applied = connection.run_script(steps[step]);
                if (!applied.ok()) {
                    step_error = std::string("migrating the ") + what + " to version " +
                                 std::to_string(step + 1) + ": " + applied.error();
                    return PgTransactionStep::roll_back;
                }
            }
            PgResult recorded =
                connection.query("INSERT INTO store_schema(part, version) VALUES ($1, $2) "
                                 "ON CONFLICT (part) DO UPDATE SET version = excluded.version",
                                 {part, pg_param(static_cast<int64_t>(steps.size()))});
            if (!recorded.ok()) {
                step_error = recorded.error();
                return PgTransactionStep::roll_back;
            }
            return PgTransactionStep::commit;
        },
        error);
}

} // namespace kiosk::hub
