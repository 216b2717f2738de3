// The 内容库 / Library page's routes (dashboard/library_page.h draws it):
//   GET  /dashboard/library            lang
//   POST /dashboard/library/upload     multipart: csrf, lang, package (the file)
//   POST /dashboard/library/publish    csrf, lang, id   (province administrators)
//   POST /dashboard/library/share      csrf, lang, id   (province administrators)
//   POST /dashboard/library/assign     csrf, lang, kiosk, order.ID = 1..200
// Signed in as for the dashboard; every POST needs the session's CSRF token
// (403 otherwise). A venue manager uploads their venue's own packages and
// arranges their venue's kiosks only; a province administrator uploads the
// province's packages, publishes, shares and arranges any kiosk. An upload
// is checked as `kiosk-hub content add` checks it (library_upload.h); its
// size is bounded by the hub's request limit (413 above it).
#pragma once

#include "library_store.h"

#include <memory>
#include <string>

namespace httplib {
class Server;
}

namespace kiosk::hub {
namespace web {
struct RouteState;
}

void add_library_routes(httplib::Server& server, std::shared_ptr<web::RouteState> state,
                        LibraryStore& library, const std::string& data_dir);

} // namespace kiosk::hub
