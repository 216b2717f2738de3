// Sessions and the sign-in limiter (see web_sessions.h).
#include "web_sessions.h"

#include <sodium.h>

#include <algorithm>

namespace kiosk::hub {

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

WebSessions::WebSessions(SessionLimits limits, WebClock clock)
    : limits_(limits), clock_(std::move(clock)) {}

bool WebSessions::expired(const WebSession& session, int64_t now) const {
    return now - session.last_used_utc_ms >= limits_.idle_ms ||
           now - session.created_utc_ms >= limits_.absolute_ms;
}

void WebSessions::forget_expired(int64_t now) {
    for (auto it = sessions_.begin(); it != sessions_.end();)
        it = expired(it->second, now) ? sessions_.erase(it) : std::next(it);
}

WebSession WebSessions::start(const std::string& user) {
    const int64_t now = clock_();
    WebSession session;
    session.token = random_web_token();
    session.user = user;
    session.csrf = random_web_token();
    session.created_utc_ms = session.last_used_utc_ms = now;
    std::lock_guard lock(mutex_);
    forget_expired(now);
    sessions_[session.token] = session;
    return session;
}

std::optional<WebSession> WebSessions::use(const std::string& token) {
    const int64_t now = clock_();
    std::lock_guard lock(mutex_);
    auto found = sessions_.find(token);
    if (found == sessions_.end()) return std::nullopt;
    if (expired(found->second, now)) {
        sessions_.erase(found);
        return std::nullopt;
    }
    found->second.last_used_utc_ms = now;
    return found->second;
}

void WebSessions::set_notice(const std::string& token, const std::string& notice, bool is_error) {
    std::lock_guard lock(mutex_);
    auto found = sessions_.find(token);
    if (found == sessions_.end()) return;
    found->second.notice = notice;
    found->second.notice_is_error = is_error;
}

std::pair<std::string, bool> WebSessions::take_notice(const std::string& token) {
    std::lock_guard lock(mutex_);
    auto found = sessions_.find(token);
    if (found == sessions_.end()) return {};
    std::pair<std::string, bool> notice{found->second.notice, found->second.notice_is_error};
    found->second.notice.clear();
    return notice;
}

void WebSessions::end(const std::string& token) {
    std::lock_guard lock(mutex_);
    sessions_.erase(token);
}

size_t WebSessions::size() {
    std::lock_guard lock(mutex_);
    return sessions_.size();
}

LoginLimiter::LoginLimiter(LoginLimits limits, WebClock clock)
    : limits_(limits), clock_(std::move(clock)) {}

size_t LoginLimiter::recent(std::deque<int64_t>& failures, int64_t now) const {
    while (!failures.empty() && now - failures.front() >= limits_.window_ms)
        failures.pop_front();
    return failures.size();
}

void LoginLimiter::forget_expired(Failures& failures, int64_t now) const {
    for (auto it = failures.begin(); it != failures.end();)
        it = recent(it->second, now) == 0 ? failures.erase(it) : std::next(it);
}

std::optional<LoginAttempt> LoginLimiter::begin_attempt(const std::string& user,
                                                        const std::string& address) {
    const int64_t now = clock_();
    std::lock_guard lock(mutex_);
    if (now - last_sweep_utc_ms_ >= limits_.window_ms) { // at most once a window: O(entries)
        forget_expired(by_user_, now);
        forget_expired(by_address_, now);
        last_sweep_utc_ms_ = now;
    }
    std::deque<int64_t>& user_failures = by_user_[user];
    std::deque<int64_t>& address_failures = by_address_[address];
    if (recent(user_failures, now) >= static_cast<size_t>(limits_.max_failures) ||
        recent(address_failures, now) >= static_cast<size_t>(limits_.max_failures_per_address)) {
        if (user_failures.empty()) by_user_.erase(user);
        if (address_failures.empty()) by_address_.erase(address);
        return std::nullopt;
    }
    user_failures.push_back(now);
    address_failures.push_back(now);
    return LoginAttempt{user, address, now};
}

void LoginLimiter::succeeded(const LoginAttempt& attempt) {
    std::lock_guard lock(mutex_);
    by_user_.erase(attempt.user);
    auto found = by_address_.find(attempt.address);
    if (found == by_address_.end()) return;
    std::deque<int64_t>& failures = found->second;
    auto counted = std::find(failures.begin(), failures.end(), attempt.at_utc_ms);
    if (counted != failures.end()) failures.erase(counted);
    if (failures.empty()) by_address_.erase(found);
}

size_t LoginLimiter::tracked_entries() {
    std::lock_guard lock(mutex_);
    return by_user_.size() + by_address_.size();
}

} // namespace kiosk::hub
