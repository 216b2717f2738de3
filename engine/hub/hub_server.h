// `kiosk-hub serve`: the HTTP server (cpp-httplib behind the connection gate
// of connection_gate_internal.h) with the API routes, its limits and error answers, and
// a clean stop on SIGTERM/SIGINT: the listening socket closes, requests in
// flight finish, then the store is closed. Other route sets (the dashboard)
// plug in through `extra_routes`.
#pragma once

#include "store_location.h"

#include "connection_gate_internal.h"
#include "content_routes.h"
#include "hub_store.h"
#include "notice_feed.h"

#include <functional>
#include <iosfwd>
#include <string>

namespace kiosk::hub {

struct ServeOptions {
    std::string listen = "127.0.0.1:8080"; // HOST:PORT; PORT 0 picks a free port
    StoreLocation store;                   // --data and --store
    GateLimits gate;                       // workers, connection caps and deadlines
    SnapshotPolicy snapshot_policy;        // --snapshot-lifetime-days, the venues' offset
    // Called once before listening, to add routes (the dashboard's).
    std::function<void(httplib::Server&, HubStore&)> extra_routes;
};

// Splits "HOST:PORT" ("[::1]:8080" for IPv6). False with `error` when malformed.
bool parse_listen_address(const std::string& listen, std::string& host, int& port,
                          std::string& error);

// Adds GET /api/v1/health, POST /api/v1/sync, the content routes and GET
// /api/v1/notices to `server`; the sync answer names the kiosk's snapshot
// version when `content` has a key, and the notice version when
// `has_notice_key`, and stores the heartbeat's notice receipts.
void add_api_routes(httplib::Server& server, HubStore& store, ContentService& content,
                    NoticeFeedCache& notices, bool has_notice_key);

// Runs the server until SIGTERM or SIGINT. Prints "listening on HOST:PORT" to
// `out` (flushed) once it accepts connections. Returns the process exit code:
// 0 after a clean stop, 1 when the store or the address cannot be used.
int serve(const ServeOptions& options, std::ostream& out, std::ostream& err);

} // namespace kiosk::hub
