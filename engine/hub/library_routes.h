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
// body may be up to kMaxLibraryUploadBytes (the hub answers 413 above it,
// before reading it: hub_server.cpp).
#pragma once

#include "library_store.h"

#include <memory>
#include <string>

namespace httplib {
class Server;
}

namespace kiosk::hub {

constexpr const char* kLibraryUploadPath = "/dashboard/library/upload";
// The upload's whole multipart body; bigger packages go through
// `kiosk-hub content add` on the hub machine.
constexpr size_t kMaxLibraryUploadBytes = size_t(64) << 20;

namespace web {
struct RouteState;
}

void add_library_routes(httplib::Server& server, std::shared_ptr<web::RouteState> state,
                        LibraryStore& library, const std::string& data_dir);

} // namespace kiosk::hub
