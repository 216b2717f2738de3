// Where the dashboard's sign-in state lives (issue 22, part 3): the sessions
// (a hash of the cookie token, the user, the CSRF token, the one-shot page
// notice, the last use and the expiry) and the failed sign-ins counted by
// user name and by client address. Kept in the store, not in a process, so
// that several `kiosk-hub serve` processes over one database share them: a
// manager signed in on one is signed in on all, and the sign-in limit counts
// the attempts made to every process.
//
// The store sees only session-id hashes (web_sessions.h hashes the cookie
// token with BLAKE2b), never the token itself: someone who can read the
// database cannot sign in with what they read. Expired sessions and
// failures that left the window are deleted as new ones arrive.
//
// Two backends, chosen by open_web_session_store (open_stores.cpp): tables in
// hub.db with their own schema version (web_schema), or the "web" part of the
// PostgreSQL store (migrate_postgres_part). Times are the caller's clock, in
// ms since the epoch.
#pragma once

#include "store_location.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace kiosk::hub {

struct SessionLimits {
    int64_t idle_ms = 30LL * 60 * 1000;         // signed out after 30 minutes unused
    int64_t absolute_ms = 8LL * 60 * 60 * 1000; // and 8 hours after signing in
};

struct LoginLimits {
    int max_failures = 5;                 // per user name within the window
    int max_failures_per_address = 20;    // per client address within the window
    int64_t window_ms = 15LL * 60 * 1000; // 15 minutes
};

struct StoredWebSession {
    std::string id_hash; // 64 hex digits: BLAKE2b-256 of the cookie token
    std::string user;
    std::string csrf;
    int64_t created_utc_ms = 0;
    int64_t last_used_utc_ms = 0;
    int64_t ends_utc_ms = 0;    // created + the absolute limit
    int64_t expires_utc_ms = 0; // min(ends, last use + the idle limit)
    std::string notice;         // a one-shot message for the next page
    bool notice_is_error = false;
};

// Every call that can fail sets `error` (English, for the log) and returns
// false / nullopt; a nullopt with `error` empty is a plain "no".
class WebSessionStore {
public:
    virtual ~WebSessionStore() = default;

    // Stores a new session, and deletes every session expired at `now_utc_ms`.
    virtual bool create_session(const StoredWebSession& session, int64_t now_utc_ms,
                                std::string& error) = 0;
    // The session of `id_hash` if it has not expired at `now_utc_ms`, its
    // last use moved to now and its expiry to min(ends, now + idle_ms).
    // nullopt when unknown or expired (an expired one is deleted).
    virtual std::optional<StoredWebSession> touch_session(const std::string& id_hash,
                                                          int64_t now_utc_ms, int64_t idle_ms,
                                                          std::string& error) = 0;
    virtual bool set_session_notice(const std::string& id_hash, const std::string& notice,
                                    bool is_error, std::string& error) = 0;
    // Returns the session's notice and clears it ({"", false} when none).
    virtual std::pair<std::string, bool> take_session_notice(const std::string& id_hash,
                                                             std::string& error) = 0;
    virtual bool delete_session(const std::string& id_hash, std::string& error) = 0;
    // Sessions stored, expired or not (-1 on failure).
    virtual int64_t session_count(std::string& error) = 0;

    // One step, atomic against every process on the store: forgets failures
    // `limits.window_ms` or more old, then, unless `user` already has
    // limits.max_failures failures or `address` limits.max_failures_per_address,
    // records a failure of both and returns its id. nullopt when limited
    // (error empty) or on failure (error set).
    virtual std::optional<int64_t>
    begin_sign_in_attempt(const std::string& user, const std::string& address, int64_t now_utc_ms,
                          const LoginLimits& limits, std::string& error) = 0;
    // A sign-in succeeded: `user`'s failures no longer count against the user
    // name, and the attempt `attempt_id` no longer counts against its address.
    virtual bool sign_in_succeeded(const std::string& user, int64_t attempt_id,
                                   std::string& error) = 0;
    // User names and addresses with failures still counted (-1 on failure).
    virtual int64_t tracked_sign_in_entries(std::string& error) = 0;
};

// Null with `error` (naming hub.db, or the URL without its password) when
// the store cannot be opened or has a newer schema than this kiosk-hub.
std::unique_ptr<WebSessionStore> open_web_session_store(const StoreLocation& location,
                                                        std::string& error);

// The two backends, for open_web_session_store only.
std::unique_ptr<WebSessionStore> open_sqlite_web_session_store(const std::string& data_dir,
                                                               std::string& error);
std::unique_ptr<WebSessionStore> open_postgres_web_session_store(const StoreLocation& location,
                                                                 std::string& error);

} // namespace kiosk::hub
