// Whether a kiosk may show a package to visitors (issue 17, part 1): one rule
// for the content scanner, the hub's downloads and USB imports, and
// `kioskctl validate/verify`. A package counts in venue mode only when a
// trusted publisher key signed its digest, a trusted reviewer's attestation
// approves it unexpired on the kiosk's local day (no trusted rejection), and
// the manifest's human-readable review record agrees with that attestation
// (same reviewed and expires dates). docs/content-distribution.md has the why.
#pragma once

#include "content/content_manifest.h"
#include "content/package.h"
#include "content/review_attestation.h"
#include "core/kiosk_config.h"

#include <optional>
#include <string>
#include <vector>

namespace kiosk {

struct TrustRoots {
    std::vector<PublicKey> publishers; // the config's trusted_keys
    std::vector<PublicKey> reviewers;  // the config's trusted_reviewers
};

enum class PackageTrustStatus {
    Trusted,       // signed, approved, manifest agrees
    Unsigned,      // no signature by a trusted publisher (or a bad one)
    NotReviewed,   // no attestation by a trusted reviewer (only a manifest record, or none)
    Rejected,      // a trusted reviewer rejected it
    ReviewExpired, // the trusted approvals have all expired
    Disagrees,     // the manifest's review record does not match the attestation
    Unreadable,    // the digest or the manifest cannot be read
};

struct PackageTrust {
    PackageTrustStatus status = PackageTrustStatus::Unreadable;
    std::string publisher_key_id; // the trusted key that signed it, when signed
    std::string approved_until;   // YYYY-MM-DD, when Trusted
    // Why not trusted, for the log, the admin overlay and `kioskctl`, without
    // the file name; for NotReviewed it says how to get a review
    // ("send it to a reviewer of the province's pool for `kioskctl review`").
    std::string problem;
    ReviewCheck reviews; // every attestation row and what it counts for
    bool trusted() const { return status == PackageTrustStatus::Trusted; }
};

// `today` is the kiosk's local day, YYYY-MM-DD (core/civil_time). Never throws.
PackageTrust check_package_trust(const Package& package, const TrustRoots& roots,
                                 const std::string& today);

// The same with the manifest's review record already read (the catalog loads
// the manifest anyway); nullopt when the manifest has none.
PackageTrust check_package_trust(const Package& package,
                                 const std::optional<ReviewRecord>& manifest_review,
                                 const TrustRoots& roots, const std::string& today);

// The trust roots a kiosk config names (trusted_keys, trusted_reviewers).
// False and `error` ("CONFIG: trusted_reviewers: FILE: why") when a key file
// cannot be read.
bool load_trust_roots(const KioskConfig& config, TrustRoots& roots, std::string& error);

} // namespace kiosk
