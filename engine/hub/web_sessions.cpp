// Sessions and the sign-in limiter over their store (see web_sessions.h).
#include "web_sessions.h"

#include "core/log.h"

#include <sodium.h>

#include <algorithm>
#include <chrono>

namespace kiosk::hub {
namespace {

void log_store_failure(const char* what, const std::string& error) {
    log_warning(std::string("web sessions: ") + what + ": " + error);
}

} // namespace

WebClock system_web_clock() {
    return [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    };
}

std::string random_web_token() {
    if (sodium_init() < 0) return {};
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char text[64];
    sodium_bin2base64(text, sizeof text, bytes, sizeof bytes,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return text;
}

std::string session_id_hash(const std::string& token) {
    unsigned char hash[crypto_generichash_BYTES];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), nullptr, 0);
    char hex[2 * sizeof hash + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return hex;
}

WebSessions::WebSessions(WebSessionStore& store, SessionLimits limits, WebClock clock)
    : store_(store), limits_(limits), clock_(std::move(clock)) {}

std::optional<WebSession> WebSessions::start(const std::string& user) {
    const int64_t now = clock_();
    WebSession session{random_web_token(), user, random_web_token(), now, now};
    if (session.token.empty() || session.csrf.empty()) {
        log_store_failure("starting a session", "libsodium cannot start");
        return std::nullopt;
    }
    const int64_t ends = now + limits_.absolute_ms;
    const StoredWebSession stored{
        session_id_hash(session.token),        user, session.csrf, now, now, ends,
        std::min(ends, now + limits_.idle_ms), "",   false};
    std::string error;
    if (store_.create_session(stored, now, error)) return session;
    log_store_failure("starting a session", error);
    return std::nullopt;
}

std::optional<WebSession> WebSessions::use(const std::string& token) {
    if (token.empty()) return std::nullopt;
    std::string error;
    const std::optional<StoredWebSession> stored =
        store_.touch_session(session_id_hash(token), clock_(), limits_.idle_ms, error);
    if (!error.empty()) log_store_failure("reading a session", error);
    if (!stored) return std::nullopt;
    return WebSession{token, stored->user, stored->csrf, stored->created_utc_ms,
                      stored->last_used_utc_ms};
}

void WebSessions::set_notice(const std::string& token, const std::string& notice, bool is_error) {
    std::string error;
    if (!store_.set_session_notice(session_id_hash(token), notice, is_error, error))
        log_store_failure("keeping a page notice", error);
}

std::pair<std::string, bool> WebSessions::take_notice(const std::string& token) {
    std::string error;
    std::pair<std::string, bool> notice = store_.take_session_notice(session_id_hash(token), error);
    if (!error.empty()) log_store_failure("taking a page notice", error);
    return notice;
}

void WebSessions::end(const std::string& token) {
    std::string error;
    if (!store_.delete_session(session_id_hash(token), error))
        log_store_failure("ending a session", error);
}

int64_t WebSessions::size() {
    std::string error;
    const int64_t count = store_.session_count(error);
    if (count < 0) log_store_failure("counting sessions", error);
    return count;
}

LoginLimiter::LoginLimiter(WebSessionStore& store, LoginLimits limits, WebClock clock)
    : store_(store), limits_(limits), clock_(std::move(clock)) {}

std::optional<LoginAttempt> LoginLimiter::begin_attempt(const std::string& user,
                                                        const std::string& address,
                                                        std::string* store_error) {
    const int64_t now = clock_();
    std::string error;
    const std::optional<int64_t> id =
        store_.begin_sign_in_attempt(user, address, now, limits_, error);
    if (!error.empty()) {
        log_store_failure("counting a sign-in attempt", error);
        if (store_error) *store_error = error;
    }
    if (!id) return std::nullopt;
    return LoginAttempt{user, address, *id, now};
}

void LoginLimiter::succeeded(const LoginAttempt& attempt) {
    std::string error;
    if (!store_.sign_in_succeeded(attempt.user, attempt.id, error))
        log_store_failure("forgetting a user's failed sign-ins", error);
}

int64_t LoginLimiter::tracked_entries() {
    std::string error;
    const int64_t count = store_.tracked_sign_in_entries(error);
    if (count < 0) log_store_failure("counting failed sign-ins", error);
    return count;
}

} // namespace kiosk::hub
