// The managers' web routes of `kiosk-hub serve`: sign-in and sign-out, the
// dashboard page, its exports and the bundle upload form. This file owns the
// HTTP side only: cookies, CSRF checks, redirects, status codes and headers.
// Sessions and the sign-in limits live in the store (web_sessions.h), so
// every kiosk-hub process on one store shares them; the numbers and the access rules come from
// dashboard_data.h and the HTML from dashboard_page.h.
//
//   GET  /login, POST /login, POST /logout
//   GET  /dashboard, GET /dashboard/export, POST /dashboard/import
//   GET  /dashboard/library and its POST forms (library_routes.h)
//   GET  /dashboard/notices and its POST forms (notice_routes.h)
//   GET  /reports/monthly (report_routes.h)
//   GET  /dashboard/reports and its POST forms (schedule_routes.h)
//   GET  /  (303 to /dashboard)
// Without a live session the dashboard routes answer 303 to /login.
#pragma once

#include "core/civil_time.h"
#include "dashboard_data.h"
#include "hub_store.h"
#include "library_store.h"
#include "notice_store.h"
#include "report_schedule_store.h"
#include "web_sessions.h"

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace httplib {
class Server;
}

namespace kiosk::hub {

struct DashboardOptions {
    // Where sessions and failed sign-ins are kept (required; outlives the server).
    WebSessionStore* web_sessions = nullptr;
    SessionLimits sessions;
    LoginLimits logins;
    WebClock clock = system_web_clock();
    int silent_alert_days = dashboard::kDefaultSilentAlertDays;
    // The venues' time zone, as a fixed offset: the dashboard's times and its
    // "today" (kiosk-hub serve --utc-offset-min). Kiosks do not send theirs.
    int32_t utc_offset_min = kDefaultVenueUtcOffsetMin;
    // The content library and the data folder its files are in (the 内容库
    // page, library_routes.h); no library page when null.
    LibraryStore* library = nullptr;
    std::string data_dir;
    // The emergency notices (the 应急通知 page, notice_routes.h); none when null.
    NoticeStore* notices = nullptr;
    // Report schedules and saved reports (the 报告订阅与已存报告 page,
    // schedule_routes.h); none when null. `mail_configured`: serve has mail
    // settings; `reports_changed` wakes the scheduler (may be empty).
    ReportScheduleStore* reports = nullptr;
    bool mail_configured = false;
    std::function<void()> reports_changed;
};

void add_dashboard_routes(httplib::Server& server, HubStore& store,
                          const DashboardOptions& options);

// The dashboard query of a GET request's parameters (httplib::Params, as
// httplib parsed them from the URL): the first venue, from, to and lang
// values, or nullopt when any parameter's name or value is longer than 64
// bytes (answered 400). check_dashboard_query then judges the values.
std::optional<DashboardQuery>
read_dashboard_query(const std::multimap<std::string, std::string>& params);

} // namespace kiosk::hub
