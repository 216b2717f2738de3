// VisitorSessions implementation; session boundaries go to the kiosk log (the
// interaction log stores them once it exists).
#include "visitor_session.h"

#include "core/log.h"
#include "core/random_id.h"

#include <cstdio>

namespace kiosk {

const char* session_end_reason_name(SessionEndReason reason) {
    switch (reason) {
    case SessionEndReason::Idle:
        return "idle";
    case SessionEndReason::Shutdown:
        return "shutdown";
    case SessionEndReason::Interrupted:
        return "interrupted";
    }
    return "idle";
}

bool VisitorSessions::begin_if_idle(double now_s) {
    if (active()) return false;
    id_ = make_random_id();
    started_at_s_ = now_s;
    ++count_;
    log_info("visitor session " + id_ + " started");
    return true;
}

bool VisitorSessions::end(double now_s, SessionEndReason reason) {
    if (!active()) return false;
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.1f", now_s - started_at_s_);
    log_info("visitor session " + id_ + " ended (" + session_end_reason_name(reason) + ") after " +
             duration + " s");
    id_.clear();
    return true;
}

} // namespace kiosk
