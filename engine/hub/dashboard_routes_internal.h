// What the dashboard's route files share (dashboard_routes.cpp,
// library_routes.cpp): the routes' state (sessions, sign-in limits, clock),
// the signed-in viewer of a request, and the answers every page gives
// (HTML with the pages' headers, a refusal page, a 303).
#pragma once

#include "core/bilingual.h"
#include "dashboard_routes.h"
#include "web_sessions.h"

#include <mutex>
#include <optional>
#include <string>

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

namespace kiosk::hub::web {

struct RouteState {
    RouteState(HubStore& store_, const DashboardOptions& options)
        : store(store_), sessions(*options.web_sessions, options.sessions, options.clock),
          limiter(*options.web_sessions, options.logins, options.clock), clock(options.clock),
          silent_alert_days(options.silent_alert_days), utc_offset_min(options.utc_offset_min),
          library(options.library), notices(options.notices), data_dir(options.data_dir),
          reports(options.reports), mail_configured(options.mail_configured),
          reports_changed(options.reports_changed) {}
    HubStore& store;
    WebSessions sessions;
    LoginLimiter limiter;
    WebClock clock;
    int silent_alert_days;
    int32_t utc_offset_min;
    LibraryStore* library;        // null: no library (no snapshots on the dashboard)
    NoticeStore* notices;         // null: no 应急通知 page
    std::string data_dir;         // the notice key is read from here for each notice issued
    ReportScheduleStore* reports; // null: no 报告订阅 page
    bool mail_configured;
    std::function<void()> reports_changed; // wakes the scheduler; may be empty
    std::once_flag dummy_hash_once;
    std::string dummy_hash; // verified against for unknown users, to take the same time
};

// The signed-in viewer of a request: its session and user.
struct Viewer {
    WebSession session;
    UserRecord user;
};

// The page language of the request's lang parameter (zh by default).
Language request_language(const httplib::Request& request);
// The viewer, or nullopt after answering 303 to /login.
std::optional<Viewer> signed_in(RouteState& state, const httplib::Request& request,
                                httplib::Response& response, Language lang);
// Signed in with the session's CSRF token in `csrf` (a form's field); the
// viewer, or nullopt after answering (303 to /login, or 403 form_expired).
std::optional<Viewer> signed_in_form(RouteState& state, const httplib::Request& request,
                                     httplib::Response& response, Language lang,
                                     const std::string& csrf);
void answer_html(httplib::Response& response, int status, const std::string& html);
// A short page for refusals (400, 403, 404): the message, `extra_html`
// (already escaped: a form to correct the request) and a way back.
void answer_message(httplib::Response& response, int status, Language lang,
                    const std::string& message, const std::string& extra_html = "");
void redirect(httplib::Response& response, const std::string& url);
// A multipart form field's value ("" when absent).
std::string form_field(const httplib::Request& request, const std::string& name);

} // namespace kiosk::hub::web
