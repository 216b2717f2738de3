// The SQLite WebSessionStore (web_session_store.h): two tables in hub.db,
// opened by open_hub_database (same file rules and hub migrations) with their
// own schema version in web_schema. Every value is bound. Other processes on
// the same hub.db wait on SQLite's lock; the sign-in attempt's check and
// record run in one BEGIN IMMEDIATE transaction, so two processes cannot both
// let the last allowed attempt through.
//
//   web_schema(version)                       one row: the steps applied
//   web_sessions(id_hash, user_name, csrf, created_utc_ms, last_used_utc_ms,
//       ends_utc_ms, expires_utc_ms, notice, notice_is_error)
//   web_sign_in_failures(id, user_name, address, at_utc_ms, counts_for_user)
#include "web_session_store.h"

#include "core/sqlite_statement.h"
#include "sqlite_hub_store.h"

#include <filesystem>
#include <mutex>

namespace kiosk::hub {
namespace {

const char* const kWebSteps[] = {
    R"sql(
CREATE TABLE web_sessions(
  id_hash TEXT PRIMARY KEY,
  user_name TEXT NOT NULL,
  csrf TEXT NOT NULL,
  created_utc_ms INTEGER NOT NULL,
  last_used_utc_ms INTEGER NOT NULL,
  ends_utc_ms INTEGER NOT NULL,
  expires_utc_ms INTEGER NOT NULL,
  notice TEXT NOT NULL DEFAULT '',
  notice_is_error INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE INDEX web_sessions_by_expiry ON web_sessions(expires_utc_ms);
CREATE TABLE web_sign_in_failures(
  id INTEGER PRIMARY KEY,
  user_name TEXT NOT NULL,
  address TEXT NOT NULL,
  at_utc_ms INTEGER NOT NULL,
  counts_for_user INTEGER NOT NULL DEFAULT 1);
CREATE INDEX web_sign_in_failures_by_user ON web_sign_in_failures(user_name);
CREATE INDEX web_sign_in_failures_by_address ON web_sign_in_failures(address);
CREATE INDEX web_sign_in_failures_by_time ON web_sign_in_failures(at_utc_ms);
)sql",
};

constexpr const char* kSessionColumns = "user_name, csrf, created_utc_ms, last_used_utc_ms, "
                                        "ends_utc_ms, expires_utc_ms, notice, notice_is_error";

class SqliteWebSessionStore final : public WebSessionStore {
public:
    explicit SqliteWebSessionStore(sqlite3* db) : db_(db) {}
    ~SqliteWebSessionStore() override { close_hub_database(db_); }
    SqliteWebSessionStore(const SqliteWebSessionStore&) = delete;
    SqliteWebSessionStore& operator=(const SqliteWebSessionStore&) = delete;

    bool create_session(const StoredWebSession& session, int64_t now_utc_ms,
                        std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteStatement prune(db_, "DELETE FROM web_sessions WHERE expires_utc_ms <= ?1", error);
        prune.bind(1, now_utc_ms).run();
        SqliteStatement insert(db_,
                               "INSERT INTO web_sessions(id_hash, user_name, csrf, created_utc_ms, "
                               "last_used_utc_ms, ends_utc_ms, expires_utc_ms) "
                               "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                               error);
        insert.bind(1, session.id_hash).bind(2, session.user).bind(3, session.csrf);
        insert.bind(4, session.created_utc_ms).bind(5, session.last_used_utc_ms);
        insert.bind(6, session.ends_utc_ms).bind(7, session.expires_utc_ms);
        return insert.run();
    }

    std::optional<StoredWebSession> touch_session(const std::string& id_hash, int64_t now_utc_ms,
                                                  int64_t idle_ms, std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteStatement touch(
            db_,
            std::string("UPDATE web_sessions SET last_used_utc_ms = ?2, expires_utc_ms = "
                        "MIN(ends_utc_ms, ?2 + ?3) WHERE id_hash = ?1 AND expires_utc_ms > ?2 "
                        "RETURNING ") +
                kSessionColumns,
            error);
        touch.bind(1, id_hash).bind(2, now_utc_ms).bind(3, idle_ms);
        if (touch.next()) {
            StoredWebSession session{id_hash,          touch.text(0),    touch.text(1),
                                     touch.integer(2), touch.integer(3), touch.integer(4),
                                     touch.integer(5), touch.text(6),    touch.integer(7) != 0};
            touch.run(); // to SQLITE_DONE: the update is complete
            return session;
        }
        if (!touch.ok()) return std::nullopt;
        SqliteStatement forget(db_, "DELETE FROM web_sessions WHERE id_hash = ?1", error);
        forget.bind(1, id_hash).run();
        return std::nullopt;
    }

    bool set_session_notice(const std::string& id_hash, const std::string& notice, bool is_error,
                            std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteStatement update(
            db_, "UPDATE web_sessions SET notice = ?2, notice_is_error = ?3 WHERE id_hash = ?1",
            error);
        return update.bind(1, id_hash).bind(2, notice).bind(3, is_error ? 1 : 0).run();
    }

    std::pair<std::string, bool> take_session_notice(const std::string& id_hash,
                                                     std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteTransaction transaction(db_);
        if (!transaction.begin(error)) return {};
        SqliteStatement select(
            db_, "SELECT notice, notice_is_error FROM web_sessions WHERE id_hash = ?1", error);
        if (!select.bind(1, id_hash).next()) return {};
        std::pair<std::string, bool> notice{select.text(0), select.integer(1) != 0};
        SqliteStatement clear(
            db_, "UPDATE web_sessions SET notice = '', notice_is_error = 0 WHERE id_hash = ?1",
            error);
        if (!clear.bind(1, id_hash).run() || !transaction.commit(error)) return {};
        return notice;
    }

    bool delete_session(const std::string& id_hash, std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteStatement forget(db_, "DELETE FROM web_sessions WHERE id_hash = ?1", error);
        return forget.bind(1, id_hash).run();
    }

    int64_t session_count(std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteStatement count(db_, "SELECT count(*) FROM web_sessions", error);
        return count.next() ? count.integer(0) : -1;
    }

    std::optional<int64_t> begin_sign_in_attempt(const std::string& user,
                                                 const std::string& address, int64_t now_utc_ms,
                                                 const LoginLimits& limits,
                                                 std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteTransaction transaction(db_);
        if (!transaction.begin(error)) return std::nullopt;
        SqliteStatement prune(db_, "DELETE FROM web_sign_in_failures WHERE at_utc_ms <= ?1", error);
        prune.bind(1, now_utc_ms - limits.window_ms).run();
        SqliteStatement count(db_,
                              "SELECT (SELECT count(*) FROM web_sign_in_failures WHERE "
                              "user_name = ?1 AND counts_for_user = 1), (SELECT count(*) FROM "
                              "web_sign_in_failures WHERE address = ?2)",
                              error);
        if (!count.bind(1, user).bind(2, address).next()) return std::nullopt;
        if (count.integer(0) >= limits.max_failures ||
            count.integer(1) >= limits.max_failures_per_address) {
            transaction.commit(error); // the pruning stays
            return std::nullopt;
        }
        SqliteStatement insert(db_,
                               "INSERT INTO web_sign_in_failures(user_name, address, at_utc_ms) "
                               "VALUES(?1, ?2, ?3)",
                               error);
        if (!insert.bind(1, user).bind(2, address).bind(3, now_utc_ms).run()) return std::nullopt;
        const int64_t id = sqlite3_last_insert_rowid(db_);
        if (!transaction.commit(error)) return std::nullopt;
        return id;
    }

    bool sign_in_succeeded(const std::string& user, int64_t attempt_id,
                           std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteTransaction transaction(db_);
        if (!transaction.begin(error)) return false;
        SqliteStatement forgive(
            db_, "UPDATE web_sign_in_failures SET counts_for_user = 0 WHERE user_name = ?1", error);
        SqliteStatement forget(db_, "DELETE FROM web_sign_in_failures WHERE id = ?1", error);
        return forgive.bind(1, user).run() && forget.bind(1, attempt_id).run() &&
               transaction.commit(error);
    }

    int64_t tracked_sign_in_entries(std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteStatement count(db_,
                              "SELECT (SELECT count(DISTINCT user_name) FROM web_sign_in_failures "
                              "WHERE counts_for_user = 1) + (SELECT count(DISTINCT address) FROM "
                              "web_sign_in_failures)",
                              error);
        return count.next() ? count.integer(0) : -1;
    }

private:
    sqlite3* db_;
    std::mutex mutex_;
};

} // namespace

std::unique_ptr<WebSessionStore> open_sqlite_web_session_store(const std::string& data_dir,
                                                               std::string& error) {
    sqlite3* db = open_hub_database(data_dir, error);
    if (!db) return nullptr;
    auto store = std::make_unique<SqliteWebSessionStore>(db);
    if (!migrate_hub_part(db, "web_schema", kWebSteps, "web sessions", error)) {
        error = (std::filesystem::path(data_dir) / "hub.db").string() + ": " + error;
        return nullptr;
    }
    return store;
}

} // namespace kiosk::hub
