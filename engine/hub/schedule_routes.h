// The 报告订阅与已存报告 / Report subscriptions and saved reports page's routes
// (dashboard/reports_page.h draws it):
//   GET  /dashboard/reports                   lang
//   POST /dashboard/reports/email             csrf, lang, email ("" removes it)
//   POST /dashboard/reports/schedules/add     csrf, lang, cadence, venue, language
//   POST /dashboard/reports/schedules/remove  csrf, lang, id
//   GET  /dashboard/reports/file              id, lang: the saved report's file
// Signed in as for the dashboard; every POST needs the session's CSRF token
// (403 otherwise). A user changes only their own address and schedules; a
// venue manager subscribes to and downloads only their venue's reports
// (403), a province administrator any venue's or all venues'. A bad field is
// 400, an unknown report 404.
#pragma once

#include <memory>

namespace httplib {
class Server;
}

namespace kiosk::hub {

namespace web {
struct RouteState;
}

void add_schedule_routes(httplib::Server& server, std::shared_ptr<web::RouteState> state);

} // namespace kiosk::hub
