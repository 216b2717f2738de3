// The kiosks' content routes (issue 17, part 3), with the same bearer-token
// authentication as POST /api/v1/sync:
// - GET /api/v1/content/snapshot: the kiosk's current signed assignment
//   snapshot as {"document", "signature", "key_id"} (sync::envelope_to_json);
// - GET /api/v1/content/files/ID/VERSION: a package file of that snapshot,
//   streamed from DATA/library (never read whole, never through a symbolic
//   link) with single HTTP Range requests (206; 416 beyond the end), 404 for
//   anything the kiosk's current snapshot does not list.
// Without a content key both answer 503 saying how to make one.
#pragma once

#include "content_snapshots.h"
#include "hub_store.h"
#include "library_store.h"
#include "sync_api.h"

#include <httplib.h>

#include <mutex>
#include <optional>
#include <string>

namespace kiosk::hub {

// What the content routes, the sync answer and `content export` share: the
// library, the content key (none: content is not served) and the issuing rules.
class ContentService {
public:
    ContentService(LibraryStore* library, std::optional<SecretKey> key, SnapshotPolicy policy)
        : library_(library), key_(std::move(key)), policy_(policy) {}

    bool has_key() const { return key_.has_value() && library_ != nullptr; }
    LibraryStore* library() const { return library_; }
    // The kiosk's current snapshot (issued when needed; one issuer at a time
    // in this process). nullopt with `error` without a key or on a store error.
    std::optional<StoredSnapshot> snapshot_for(const std::string& kiosk, int64_t now_utc_ms,
                                               std::string& error);

private:
    LibraryStore* library_;
    std::optional<SecretKey> key_;
    SnapshotPolicy policy_;
    std::mutex issuing_;
};

ApiAnswer handle_content_snapshot(HubStore& store, ContentService& content,
                                  const std::string& authorization, int64_t now_utc_ms);

// A package file a kiosk may download: opened (O_NOFOLLOW) and checked to be
// the snapshot's size, or the answer that refuses it.
struct ContentFile {
    ApiAnswer refusal; // used when fd < 0
    int fd = -1;       // the caller owns it
    int64_t size = 0;
};
ContentFile open_content_file(HubStore& store, ContentService& content,
                              const std::string& authorization, const std::string& id,
                              const std::string& version, int64_t now_utc_ms);

void add_content_routes(httplib::Server& server, HubStore& store, ContentService& content);

} // namespace kiosk::hub
