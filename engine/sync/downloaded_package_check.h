// Whether a downloaded (or imported) package file may go into content_dir/hub/:
// in this order, the SHA-256 named by the signed snapshot, the package
// reader's own rules (Package::open), the publisher signature and the
// reviewer approval on the kiosk's local day (check_package_trust), and the
// manifest's id and version agreeing with the snapshot's. The hub's word is
// never taken for any of it.
#pragma once

#include "content/package.h"
#include "content/package_trust.h"
#include "content_snapshot.h"

#include <string>

namespace kiosk::sync {

// "" when the file at `path` is the package `expected` and may be shown;
// otherwise the short reason for the heartbeat ("sha256", "signature", "not
// reviewed", "review expired", "rejected", "review disagrees", "unreadable",
// "not the assigned package"), followed by ": " and the details.
std::string check_downloaded_package(const std::string& path, const SnapshotPackage& expected,
                                     const TrustRoots& trust, const PackageLimits& limits,
                                     const std::string& today);

// The heartbeat's short word for a trust status.
std::string trust_reason_word(PackageTrustStatus status);

} // namespace kiosk::sync
