// The PostgreSQL WebSessionStore (web_session_store.h): the "web" part of the
// PostgreSQL store (migrate_postgres_part), through the process's shared pool.
// Same tables and answers as the SQLite one. The sign-in attempt's check and
// record run in one transaction under an advisory lock, so hub processes
// checking at the same moment take turns and N parallel guesses count as N.
//
//   web_sessions(id_hash, user_name, csrf, created_utc_ms, last_used_utc_ms,
//       ends_utc_ms, expires_utc_ms, notice, notice_is_error)
//   web_sign_in_failures(id, user_name, address, at_utc_ms, counts_for_user)
#include "web_session_store.h"

#include "postgres_connection.h"

namespace kiosk::hub {
namespace {

const char* const kWebSteps[] = {
    R"sql(
CREATE TABLE web_sessions(
  id_hash text PRIMARY KEY,
  user_name text NOT NULL,
  csrf text NOT NULL,
  created_utc_ms bigint NOT NULL,
  last_used_utc_ms bigint NOT NULL,
  ends_utc_ms bigint NOT NULL,
  expires_utc_ms bigint NOT NULL,
  notice text NOT NULL DEFAULT '',
  notice_is_error integer NOT NULL DEFAULT 0);
CREATE INDEX web_sessions_by_expiry ON web_sessions(expires_utc_ms);
CREATE TABLE web_sign_in_failures(
  id bigserial PRIMARY KEY,
  user_name text NOT NULL,
  address text NOT NULL,
  at_utc_ms bigint NOT NULL,
  counts_for_user integer NOT NULL DEFAULT 1);
CREATE INDEX web_sign_in_failures_by_user ON web_sign_in_failures(user_name);
CREATE INDEX web_sign_in_failures_by_address ON web_sign_in_failures(address);
CREATE INDEX web_sign_in_failures_by_time ON web_sign_in_failures(at_utc_ms);
)sql",
};

// The advisory lock the sign-in limiter's transactions take turns on
// (migrate_postgres_part's is 7242022).
constexpr const char* kSignInLock = "SELECT pg_advisory_xact_lock(7242023)";

constexpr const char* kSessionColumns = "user_name, csrf, created_utc_ms, last_used_utc_ms, "
                                        "ends_utc_ms, expires_utc_ms, notice, notice_is_error";

class PostgresWebSessionStore final : public WebSessionStore {
public:
    explicit PostgresWebSessionStore(std::shared_ptr<PgPool> pool) : pool_(std::move(pool)) {}

    bool create_session(const StoredWebSession& session, int64_t now_utc_ms,
                        std::string& error) override {
        return run("DELETE FROM web_sessions WHERE expires_utc_ms <= $1::bigint",
                   {pg_param(now_utc_ms)}, error) &&
               run("INSERT INTO web_sessions(id_hash, user_name, csrf, created_utc_ms, "
                   "last_used_utc_ms, ends_utc_ms, expires_utc_ms) "
                   "VALUES($1, $2, $3, $4::bigint, $5::bigint, $6::bigint, $7::bigint)",
                   {session.id_hash, session.user, session.csrf, pg_param(session.created_utc_ms),
                    pg_param(session.last_used_utc_ms), pg_param(session.ends_utc_ms),
                    pg_param(session.expires_utc_ms)},
                   error);
    }

    std::optional<StoredWebSession> touch_session(const std::string& id_hash, int64_t now_utc_ms,
                                                  int64_t idle_ms, std::string& error) override {
        PgResult touched;
        if (!run(std::string("UPDATE web_sessions SET last_used_utc_ms = $2::bigint, "
                             "expires_utc_ms = LEAST(ends_utc_ms, $2::bigint + $3::bigint) "
                             "WHERE id_hash = $1 AND expires_utc_ms > $2::bigint RETURNING ") +
                     kSessionColumns,
                 {id_hash, pg_param(now_utc_ms), pg_param(idle_ms)}, error, &touched))
            return std::nullopt;
        if (touched.rows() == 1)
            return StoredWebSession{id_hash,
                                    touched.text(0, 0),
                                    touched.text(0, 1),
                                    touched.int64(0, 2),
                                    touched.int64(0, 3),
                                    touched.int64(0, 4),
                                    touched.int64(0, 5),
                                    touched.text(0, 6),
                                    touched.int64(0, 7) != 0};
        run("DELETE FROM web_sessions WHERE id_hash = $1", {id_hash}, error);
        return std::nullopt;
    }

    bool set_session_notice(const std::string& id_hash, const std::string& notice, bool is_error,
                            std::string& error) override {
        return run("UPDATE web_sessions SET notice = $2, notice_is_error = $3::integer "
                   "WHERE id_hash = $1",
                   {id_hash, notice, pg_param(int64_t(is_error ? 1 : 0))}, error);
    }

    std::pair<std::string, bool> take_session_notice(const std::string& id_hash,
                                                     std::string& error) override {
        PgResult taken;
        if (!run("UPDATE web_sessions AS s SET notice = '', notice_is_error = 0 FROM "
                 "(SELECT id_hash, notice, notice_is_error FROM web_sessions WHERE id_hash = $1 "
                 "FOR UPDATE) AS old WHERE s.id_hash = old.id_hash "
                 "RETURNING old.notice, old.notice_is_error",
                 {id_hash}, error, &taken) ||
            taken.rows() != 1)
            return {};
        return {taken.text(0, 0), taken.int64(0, 1) != 0};
    }

    bool delete_session(const std::string& id_hash, std::string& error) override {
        return run("DELETE FROM web_sessions WHERE id_hash = $1", {id_hash}, error);
    }

    int64_t session_count(std::string& error) override {
        PgResult counted;
        if (!run("SELECT count(*) FROM web_sessions", {}, error, &counted)) return -1;
        return counted.int64(0, 0);
    }

    std::optional<int64_t> begin_sign_in_attempt(const std::string& user,
                                                 const std::string& address, int64_t now_utc_ms,
                                                 const LoginLimits& limits,
                                                 std::string& error) override {
        std::optional<int64_t> attempt;
        const bool done = with_pg_transaction(
            *pool_, "READ COMMITTED",
            [&](PgConnection& connection, bool& retry, std::string& step_error) {
                attempt.reset();
                PgResult locked = connection.run_script(kSignInLock);
                PgResult pruned =
                    locked.ok()
                        ? connection.query(
                              "DELETE FROM web_sign_in_failures WHERE at_utc_ms <= $1::bigint",
                              {pg_param(now_utc_ms - limits.window_ms)})
                        : std::move(locked);
                PgResult counted =
                    pruned.ok() ? connection.query(
                                      "SELECT (SELECT count(*) FROM web_sign_in_failures WHERE "
                                      "user_name = $1 AND counts_for_user = 1), (SELECT count(*) "
                                      "FROM web_sign_in_failures WHERE address = $2)",
                                      {user, address})
                                : std::move(pruned);
                if (!counted.ok()) {
                    retry = counted.is_retryable();
                    step_error = counted.error();
                    return PgTransactionStep::roll_back;
                }
                if (counted.int64(0, 0) >= limits.max_failures ||
                    counted.int64(0, 1) >= limits.max_failures_per_address)
                    return PgTransactionStep::commit; // the pruning stays
                PgResult inserted = connection.query(
                    "INSERT INTO web_sign_in_failures(user_name, address, at_utc_ms) "
                    "VALUES($1, $2, $3::bigint) RETURNING id",
                    {user, address, pg_param(now_utc_ms)});
                if (!inserted.ok()) {
                    retry = inserted.is_retryable();
                    step_error = inserted.error();
                    return PgTransactionStep::roll_back;
                }
                attempt = inserted.int64(0, 0);
                return PgTransactionStep::commit;
            },
            error);
        return done ? attempt : std::nullopt;
    }

    bool sign_in_succeeded(const std::string& user, int64_t attempt_id,
                           std::string& error) override {
        return with_pg_transaction(
            *pool_, "READ COMMITTED",
            [&](PgConnection& connection, bool& retry, std::string& step_error) {
                PgResult forgiven = connection.query(
                    "UPDATE web_sign_in_failures SET counts_for_user = 0 WHERE user_name = $1",
                    {user});
                PgResult forgotten =
                    forgiven.ok()
                        ? connection.query("DELETE FROM web_sign_in_failures WHERE id = $1::bigint",
                                           {pg_param(attempt_id)})
                        : std::move(forgiven);
                if (forgotten.ok()) return PgTransactionStep::commit;
                retry = forgotten.is_retryable();
                step_error = forgotten.error();
                return PgTransactionStep::roll_back;
            },
            error);
    }

    int64_t tracked_sign_in_entries(std::string& error) override {
        PgResult counted;
        if (!run("SELECT (SELECT count(DISTINCT user_name) FROM web_sign_in_failures WHERE "
                 "counts_for_user = 1) + (SELECT count(DISTINCT address) FROM "
                 "web_sign_in_failures)",
                 {}, error, &counted))
            return -1;
        return counted.int64(0, 0);
    }

private:
    // One statement on a leased connection; false with `error` when it failed.
    bool run(const std::string& sql, const std::vector<PgParam>& params, std::string& error,
             PgResult* result = nullptr) {
        PgPool::Lease connection = pool_->acquire(error);
        if (!connection) return false;
        PgResult answer = connection->query(sql, params);
        if (!answer.ok()) {
            error = answer.error();
            return false;
        }
        if (result) *result = std::move(answer);
        return true;
    }

    std::shared_ptr<PgPool> pool_;
};

} // namespace

std::unique_ptr<WebSessionStore> open_postgres_web_session_store(const StoreLocation& location,
                                                                 std::string& error) {
    std::shared_ptr<PgPool> pool = pg_pool_for(location.database_url, location.connections);
    // migrate_postgres_part's errors name the URL (password hidden) or the store.
    if (!migrate_postgres_part(*pool, "web", kWebSteps, "web sessions", error)) return nullptr;
    return std::make_unique<PostgresWebSessionStore>(std::move(pool));
}

} // namespace kiosk::hub
