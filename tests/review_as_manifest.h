// Test helper shared by every test that builds packages for a kiosk in venue
// mode: a reviewer's approval with the dates the package's own manifest review
// record gives (what `kioskctl review --reviewed R --expires E` does for the
// build's sample packages), so the manifest agrees with the attestation. A
// manifest without a review record gets no approval: it stays unreviewed, as
// its manifest says. Test executables using it link kiosk_content.
#pragma once

#include "content/content_manifest.h"
#include "content/review_attestation.h"

#include <memory>
#include <string>

namespace kiosk::test {

// True when the package was approved or its manifest names no review; false
// and `error` when it cannot be read or reviewed.
inline bool review_as_manifest_says(const std::string& package_path, const SecretKey& reviewer,
                                    std::string& error) {
    PackageReview review;
    {
        std::unique_ptr<Package> package = Package::open(package_path, PackageLimits{}, error);
        if (!package) return false;
        ManifestLoadResult manifest =
            load_content_manifest(*package, package->describe("manifest.lua"));
        if (!manifest.ok()) {
            error = package_path + ": " + (manifest.errors.empty() ? "" : manifest.errors[0]);
            return false;
        }
        if (!manifest.manifest->review) return true;
        review.reviewed = manifest.manifest->review->reviewed;
        review.expires = manifest.manifest->review->expires;
    }
    review.verdict = "approved";
    return add_review(package_path, reviewer, review, PackageLimits{}, error);
}

} // namespace kiosk::test
