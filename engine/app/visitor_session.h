// Anonymous visitor sessions. A session is a random id, nothing more: it begins
// with the first touch after the kiosk was idle (or at attract), and ends when the
// screen goes idle or the kiosk returns to attract. No personal data exists here.
#pragma once

#include <string>

namespace kiosk {

// Interrupted: an emergency notice took the screen over during the visit.
enum class SessionEndReason { Idle, Shutdown, Interrupted };

class VisitorSessions {
public:
    // Starts a session if none is running; returns true when one was started.
    bool begin_if_idle(double now_s);
    // Ends the running session, if any; returns true when one was ended.
    bool end(double now_s, SessionEndReason reason);

    bool active() const { return !id_.empty(); }
    const std::string& id() const { return id_; } // empty when no visitor
    double started_at_s() const { return started_at_s_; }
    int count() const { return count_; } // sessions started since boot

private:
    std::string id_;
    double started_at_s_ = 0;
    int count_ = 0;
};

const char* session_end_reason_name(SessionEndReason reason);

} // namespace kiosk
