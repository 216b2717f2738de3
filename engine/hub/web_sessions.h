// The dashboard's sign-in state as the routes use it: sessions (a random
// cookie token, the user, a CSRF token, idle and absolute expiry) and the
// limiter of failed sign-ins per user name and per client address. Both keep
// everything in a WebSessionStore (web_session_store.h), so every kiosk-hub
// process on one store sees the same sessions and counts the same failures;
// this file owns the rules: the tokens' randomness, the session id's hash
// (the store never sees a token), the limits and the one-step attempt.
// Time comes from an injectable clock so tests can move it instead of
// sleeping. Both classes are safe to share between the server's threads.
// A store that fails is logged and fails closed (no session, no attempt).
#pragma once

#include "web_session_store.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>

namespace kiosk::hub {

// Milliseconds since the epoch (system clock unless replaced by a test).
using WebClock = std::function<int64_t()>;
WebClock system_web_clock();

// 32 random bytes as base64url without padding (43 characters).
std::string random_web_token();

// What the store keeps instead of a session's token: BLAKE2b-256 of it, as
// 64 lowercase hex digits.
std::string session_id_hash(const std::string& token);

struct WebSession {
    std::string token; // the cookie value
    std::string user;
    std::string csrf;
    int64_t created_utc_ms = 0;
    int64_t last_used_utc_ms = 0;
};

class WebSessions {
public:
    WebSessions(WebSessionStore& store, SessionLimits limits, WebClock clock);

    // A new session for `user` (its token and CSRF token are fresh random);
    // nullopt when the store failed (logged).
    std::optional<WebSession> start(const std::string& user);
    // The live session of `token`, its last use moved to now; nullopt when
    // unknown or expired (an expired one is forgotten).
    std::optional<WebSession> use(const std::string& token);
    // Sets or takes (returns and clears) the one-shot notice of a session.
    void set_notice(const std::string& token, const std::string& notice, bool is_error);
    std::pair<std::string, bool> take_notice(const std::string& token);
    void end(const std::string& token);
    // Sessions in the store, expired ones not yet forgotten included.
    int64_t size();

private:
    WebSessionStore& store_;
    SessionLimits limits_;
    WebClock clock_;
};

// One sign-in attempt let through by LoginLimiter::begin_attempt, counted as
// a failure until LoginLimiter::succeeded says otherwise.
struct LoginAttempt {
    std::string user, address;
    int64_t id = 0; // the failure recorded in the store
    int64_t at_utc_ms = 0;
};

// Failed sign-ins in a sliding window, by user name and by client address,
// counted in the store across processes. An attempt is checked and counted
// in one step, before the slow password check, so N parallel guesses (to one
// process or several) count as N. Failures that left the window are deleted.
class LoginLimiter {
public:
    LoginLimiter(WebSessionStore& store, LoginLimits limits, WebClock clock);

    // The attempt, counted as a failure of its user name and its address; or
    // nullopt (nothing counted) when either has failed too often lately, or
    // when the store failed (then `store_error`, when given, says why).
    std::optional<LoginAttempt> begin_attempt(const std::string& user, const std::string& address,
                                              std::string* store_error = nullptr);
    // The password was right: the user name's failures are forgotten, and
    // this attempt no longer counts against its address.
    void succeeded(const LoginAttempt& attempt);
    // User names and addresses currently remembered (for tests).
    int64_t tracked_entries();

private:
    WebSessionStore& store_;
    LoginLimits limits_;
    WebClock clock_;
};

} // namespace kiosk::hub
