// The kiosk's memory of the last snapshot it accepted: DATA/content/
// snapshot.json, the route's envelope (document bytes, signature, key id)
// kept owner-only and replaced by temporary file, fsync and rename. The
// rollback and equivocation rules compare every new snapshot with it.
#pragma once

#include "content_snapshot.h"

#include <optional>
#include <string>

namespace kiosk::sync {

constexpr const char* kAcceptedSnapshotName = "snapshot.json";

struct AcceptedSnapshot {
    SignedSnapshot signed_snapshot;
    Snapshot snapshot;
};

// nullopt without `error` when none was accepted yet; nullopt with `error`
// (naming the file) when the file is unreadable or malformed.
std::optional<AcceptedSnapshot> load_accepted_snapshot(const std::string& state_dir,
                                                       std::string& error);

bool store_accepted_snapshot(const std::string& state_dir, const SignedSnapshot& accepted,
                             std::string& error);

} // namespace kiosk::sync
