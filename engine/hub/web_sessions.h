// The dashboard's sign-in state, kept in memory only: sessions (a random
// cookie token, the user, a CSRF token, idle and absolute expiry) and the
// limiter of failed sign-ins per user name and per client address. Restarting
// kiosk-hub signs everyone out. Time comes from an injectable clock so tests
// can move it instead of sleeping. Both classes are safe to share between the
// server's threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace kiosk::hub {

// Milliseconds since the epoch (system clock unless replaced by a test).
using WebClock = std::function<int64_t()>;
WebClock system_web_clock();

// 32 random bytes as base64url without padding (43 characters).
std::string random_web_token();

struct WebSession {
    std::string token; // the cookie value
    std::string user;
    std::string csrf;
    int64_t created_utc_ms = 0;
    int64_t last_used_utc_ms = 0;
    std::string notice; // a one-shot message for the next page (after an import)
    bool notice_is_error = false;
};

struct SessionLimits {
    int64_t idle_ms = 30LL * 60 * 1000;         // signed out after 30 minutes unused
    int64_t absolute_ms = 8LL * 60 * 60 * 1000; // and 8 hours after signing in
};

class WebSessions {
public:
    WebSessions(SessionLimits limits, WebClock clock);

    // A new session for `user` (its token and CSRF token are fresh random).
    WebSession start(const std::string& user);
    // The live session of `token`, its last use moved to now; nullopt when
    // unknown or expired (an expired one is forgotten).
    std::optional<WebSession> use(const std::string& token);
    // Sets or takes (returns and clears) the one-shot notice of a session.
    void set_notice(const std::string& token, const std::string& notice, bool is_error);
    std::pair<std::string, bool> take_notice(const std::string& token);
    void end(const std::string& token);
    size_t size();

private:
    bool expired(const WebSession& session, int64_t now) const;
    void forget_expired(int64_t now);

    SessionLimits limits_;
    WebClock clock_;
    std::mutex mutex_;
    std::map<std::string, WebSession> sessions_;
};

struct LoginLimits {
    int max_failures = 5;                 // per user name within the window
    int max_failures_per_address = 20;    // per client address within the window
    int64_t window_ms = 15LL * 60 * 1000; // 15 minutes
};

// One sign-in attempt let through by LoginLimiter::begin_attempt, counted as
// a failure until LoginLimiter::succeeded says otherwise.
struct LoginAttempt {
    std::string user, address;
    int64_t at_utc_ms = 0;
};

// Failed sign-ins in a sliding window, by user name and by client address.
// An attempt is checked and counted in one step, before the slow password
// check, so N parallel guesses count as N. Entries whose failures have all
// left the window are forgotten, so the memory stays bounded by the attempts
// of one window.
class LoginLimiter {
public:
    LoginLimiter(LoginLimits limits, WebClock clock);

    // The attempt, counted as a failure of its user name and its address; or
    // nullopt (nothing counted) when either has failed too often lately.
    std::optional<LoginAttempt> begin_attempt(const std::string& user, const std::string& address);
    // The password was right: the user name's failures are forgotten, and
    // this attempt no longer counts against its address.
    void succeeded(const LoginAttempt& attempt);
    // User names and addresses currently remembered (for tests).
    size_t tracked_entries();

private:
    using Failures = std::map<std::string, std::deque<int64_t>>;
    size_t recent(std::deque<int64_t>& failures, int64_t now) const;
    void forget_expired(Failures& failures, int64_t now) const;

    LoginLimits limits_;
    WebClock clock_;
    std::mutex mutex_;
    Failures by_user_, by_address_;
    int64_t last_sweep_utc_ms_ = 0;
};

} // namespace kiosk::hub
