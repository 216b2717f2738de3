// The snapshot issuer (issue 17, part 3): for one kiosk, the library's
// assigned packages become a signed assignment snapshot (sync/content_snapshot.h).
// The list and the content key are fingerprinted; the stored snapshot is
// reused while both are unchanged and less than half its lifetime has passed,
// otherwise the next version is signed and stored (LibraryStore::store_snapshot;
// when another process stored one first, it is read again). Versions never
// go down: each new one is the stored one's plus one.
#pragma once

#include "library_store.h"

#include "core/civil_time.h"
#include "core/signing_keys.h"
#include "sync/content_snapshot.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::hub {

constexpr int kDefaultSnapshotLifetimeDays = 14;

struct SnapshotPolicy {
    int64_t lifetime_ms =
        kDefaultSnapshotLifetimeDays * kMsPerDay;       // serve --snapshot-lifetime-days
    int32_t utc_offset_min = kDefaultVenueUtcOffsetMin; // whose "today" counts for approvals
};

// 64 lowercase hex digits: SHA-256 over the content key's id and each
// package's id, version, SHA-256 and size, in order.
std::string assignment_fingerprint(const std::vector<AssignedPackage>& packages,
                                   const std::string& key_id);

// The kiosk's current snapshot at `now_utc_ms`, issuing a new version when
// needed. nullopt with `error` when the store cannot be read or written, or
// when an assigned package would make a snapshot the kiosks refuse.
std::optional<StoredSnapshot> current_snapshot(LibraryStore& library, const SecretKey& key,
                                               const std::string& kiosk,
                                               const SnapshotPolicy& policy, int64_t now_utc_ms,
                                               std::string& error);

// A stored snapshot as served (the exact bytes, the raw signature, the key id).
sync::SignedSnapshot signed_snapshot_of(const StoredSnapshot& stored);

} // namespace kiosk::hub
