// The monthly report's web route (issue 20, part 2):
//   GET /reports/monthly?venue=ID|(empty: the province)&month=YYYY-MM&kiosk=&lang=
// Signed in as for the dashboard (303 to /login otherwise); a venue manager
// only for their own venue (403; an empty venue means theirs). A bad month,
// venue or kiosk is answered 400 with a page that keeps the report form to
// correct it; a store or drawing failure 500 with a clear message (the
// detail in the log). Otherwise the PDF (application/pdf) as an attachment
// named monthly-VENUE|province[-KIOSK]-YYYY-MM.pdf (ids are ASCII).
// The numbers come from monthly_report_data.h, the PDF from report/.
#pragma once

#include <memory>

namespace httplib {
class Server;
}

namespace kiosk::hub {

namespace web {
struct RouteState;
}

void add_report_routes(httplib::Server& server, std::shared_ptr<web::RouteState> state);

} // namespace kiosk::hub
