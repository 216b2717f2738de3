// POST /api/v1/sync as docs/sync-protocol.md defines it, apart from HTTP
// plumbing: the bearer token names the kiosk, the body is checked whole, and
// only then is everything stored in one transaction. Every refusal (401, 400,
// 413) stores nothing and answers {"error": "..."}.
#pragma once

#include "hub_store.h"

#include <cstdint>
#include <string>

namespace kiosk::hub {

struct ApiAnswer {
    int status = 200;
    std::string body; // JSON
};

// {"error": message} as JSON text.
std::string error_json(const std::string& message);

// Answers one sync request. `authorization` is the Authorization header ("" when
// absent), `received_utc_ms` the hub clock when the request arrived.
ApiAnswer handle_sync(HubStore& store, const std::string& authorization, const std::string& body,
                      int64_t received_utc_ms);

} // namespace kiosk::hub
