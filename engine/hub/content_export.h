// `kiosk-hub content export --data D --kiosk ID -o DIR` (issue 17, part 5): a
// kiosk's current assignment snapshot and its package files written to a
// folder (a USB stick for a truck that is offline for weeks). DIR/ID-VERSION.kpkg
// for each package, copied from the library, then DIR/snapshot.json, the same
// envelope GET /api/v1/content/snapshot serves, last, so a stick pulled out
// mid-copy has no snapshot. A snapshot is issued first when needed. DIR must
// not be a symbolic link; no file is written through one.
#pragma once

#include "store_location.h"

#include "content_snapshots.h"

#include <iosfwd>
#include <string>

namespace kiosk::hub {

constexpr const char* kExportedSnapshotFile = "snapshot.json";

struct ContentExportOptions {
    StoreLocation store; // --data and --store
    std::string kiosk, out_dir;
    SnapshotPolicy policy;
};

// An export folder (a USB stick's): made when missing; refused when it is a
// symbolic link or not a folder. Shared with `notice export`.
bool prepare_export_folder(const std::string& out_dir, std::string& error);

// 0 written (naming each file), 1 refused or failed, 2 a bad value.
int content_export(const ContentExportOptions& options, std::ostream& out, std::ostream& err);

} // namespace kiosk::hub
