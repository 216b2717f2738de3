// POST /api/v1/sync as docs/sync-protocol.md defines it, apart from HTTP
// plumbing: the bearer token names the kiosk, the body is checked whole, and
// only then is everything stored in one transaction. Every refusal (401, 400,
// 413, and 409 for a batch the hub's state refuses: an epoch over the limit, a
// total that would exceed 64 bits) stores nothing and answers {"error": "..."};
// so does a batch the store could not take (503 with Retry-After: hub.db
// locked by another process).
#pragma once

#include "hub_store.h"
#include "notice_store.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace kiosk::hub {

struct ApiAnswer {
    int status = 200;
    std::string body;      // JSON
    int retry_after_s = 0; // > 0: sent as Retry-After (a 503 the kiosk should retry)
};

// Retry-After of a 503 when the hub could not store a batch (hub.db locked
// by another process, a full disk).
constexpr int kStoreRetryAfterS = 30;

// {"error": message} as JSON text.
std::string error_json(const std::string& message);

// The kiosk an Authorization header ("Bearer KIOSKID.SECRET") belongs to; a
// missing, malformed, unknown, wrong or revoked token gives nullopt and the
// 401 answer in `refusal`. Every kiosk route (sync, content) checks this.
std::optional<KioskRecord> authenticate_bearer(HubStore& store, const std::string& authorization,
                                               ApiAnswer& refusal);

// The version of a kiosk's current assignment snapshot, for the sync answer's
// content_snapshot_version (nullopt: no content key, or none could be issued).
using ContentVersionOf = std::function<std::optional<int64_t>(const std::string& kiosk)>;

// The notices a sync touches (issue 18): the heartbeat's notice_receipts are
// stored in `store`, and the answer's notices_version is its version when
// the hub has a notice key (`answer_version`).
struct SyncNotices {
    NoticeStore* store = nullptr;
    bool answer_version = false;
};

// Answers one sync request. `authorization` is the Authorization header ("" when
// absent), `received_utc_ms` the hub clock when the request arrived.
// `content_version` (may be empty) fills the answer's content_snapshot_version.
// Receipts that cannot be stored are logged; the batch stays stored.
ApiAnswer handle_sync(HubStore& store, const std::string& authorization, const std::string& body,
                      int64_t received_utc_ms, const ContentVersionOf& content_version = {},
                      const SyncNotices& notices = {});

} // namespace kiosk::hub
