// The 应急通知 / Emergency notices page's routes (dashboard/notices_page.h
// draws it):
//   GET  /dashboard/notices          lang
//   POST /dashboard/notices/add      csrf, lang, and the notice's fields
//   POST /dashboard/notices/update   csrf, lang, id, and the fields that change
//   POST /dashboard/notices/cancel   csrf, lang, id
// Signed in as for the dashboard; every POST needs the session's CSRF token
// (403 otherwise). A province administrator writes for any venues or all; a
// venue manager for their own venue only, and updates or cancels only notices
// for their venue alone: the server decides (notice_issuer.h), whatever the
// form sent (403). Each notice is signed with the hub's notice key, read from
// the data folder when it is issued.
#pragma once

#include <memory>

namespace httplib {
class Server;
}

namespace kiosk::hub {

namespace web {
struct RouteState;
}

void add_notice_routes(httplib::Server& server, std::shared_ptr<web::RouteState> state);

} // namespace kiosk::hub
