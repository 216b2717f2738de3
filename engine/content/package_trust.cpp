// The venue rule for showing a package (see package_trust.h): the publisher's
// signature, then the reviewers' attestations, then the manifest's review
// record agreeing with an approval that counts.
#include "content/package_trust.h"

#include <algorithm>

namespace kiosk {
namespace {

constexpr const char* kHowToGetReview =
    "send the package to a reviewer of the province's pool for `kioskctl review` "
    "(a review written into the manifest alone does not count)";

// A trusted row that approves, unexpired, with the manifest's dates; nullptr
// when none does.
const ReviewRowCheck* agreeing_approval(const ReviewCheck& reviews, const ReviewRecord& record) {
    auto row = std::find_if(reviews.rows.begin(), reviews.rows.end(), [&](const ReviewRowCheck& r) {
        return r.status == ReviewRowStatus::Approved && r.review.reviewed == record.reviewed &&
               r.review.expires == record.expires;
    });
    return row == reviews.rows.end() ? nullptr : &*row;
}

bool has_expired_approval(const ReviewCheck& reviews) {
    return std::any_of(reviews.rows.begin(), reviews.rows.end(), [](const ReviewRowCheck& r) {
        return r.status == ReviewRowStatus::Expired;
    });
}

void judge_reviews(PackageTrust& trust, const std::optional<ReviewRecord>& manifest_review) {
    const ReviewCheck& reviews = trust.reviews;
    if (!reviews.approved) {
        const bool rejected =
            std::any_of(reviews.rows.begin(), reviews.rows.end(), [](const ReviewRowCheck& r) {
                return r.status == ReviewRowStatus::Rejected;
            });
        if (rejected) {
            trust.status = PackageTrustStatus::Rejected;
            trust.problem = reviews.problem;
        } else if (has_expired_approval(reviews)) {
            trust.status = PackageTrustStatus::ReviewExpired;
            trust.problem = reviews.problem + "; " + kHowToGetReview + " again";
        } else {
            trust.status = PackageTrustStatus::NotReviewed;
            trust.problem = reviews.problem + "; " + kHowToGetReview;
        }
        return;
    }
    if (!manifest_review) {
        trust.status = PackageTrustStatus::Disagrees;
        trust.problem = "approved by a trusted reviewer, but manifest.lua has no review record "
                        "(the human-readable record is required: add review = { reviewer, "
                        "organization, reviewed, expires } matching the approval and sign again)";
        return;
    }
    const ReviewRowCheck* approval = agreeing_approval(reviews, *manifest_review);
    if (!approval) {
        trust.status = PackageTrustStatus::Disagrees;
        trust.problem = "manifest.lua's review record (reviewed " + manifest_review->reviewed +
                        ", expires " + manifest_review->expires +
                        ") matches no approval by a trusted reviewer";
        for (const ReviewRowCheck& row : reviews.rows)
            if (row.status == ReviewRowStatus::Approved)
                trust.problem += "; key " + row.review.key_id + " approved it reviewed " +
                                 row.review.reviewed + ", expires " + row.review.expires;
        return;
    }
    trust.status = PackageTrustStatus::Trusted;
    trust.approved_until = approval->review.expires;
}

} // namespace

PackageTrust check_package_trust(const Package& package,
                                 const std::optional<ReviewRecord>& manifest_review,
                                 const TrustRoots& roots, const std::string& today) {
    PackageTrust trust;
    PackageDigest digest{};
    if (std::string error; !package.digest(digest, error)) {
        trust.status = PackageTrustStatus::Unreadable;
        trust.problem = error;
        return trust;
    }
    const VerifyResult signed_by = verify_package(package, roots.publishers);
    trust.reviews = check_reviews(package, roots.reviewers, today);
    if (!signed_by.ok) {
        trust.status = PackageTrustStatus::Unsigned;
        trust.problem = signed_by.problem;
        return trust;
    }
    trust.publisher_key_id = signed_by.key_id;
    judge_reviews(trust, manifest_review);
    return trust;
}

PackageTrust check_package_trust(const Package& package, const TrustRoots& roots,
                                 const std::string& today) {
    ManifestLoadResult manifest = load_content_manifest(package, package.describe("manifest.lua"));
    if (!manifest.ok()) {
        PackageTrust trust;
        trust.status = PackageTrustStatus::Unreadable;
        trust.problem =
            manifest.errors.empty() ? "manifest.lua cannot be read" : manifest.errors[0];
        return trust;
    }
    return check_package_trust(package, manifest.manifest->review, roots, today);
}

bool load_trust_roots(const KioskConfig& config, TrustRoots& roots, std::string& error) {
    const auto read = [&](const std::vector<std::string>& files, const char* list,
                          std::vector<PublicKey>& keys) {
        for (const std::string& file : files) {
            std::string why;
            std::optional<PublicKey> key = read_public_key(file, why);
            if (!key) {
                error = config.source_path + ": " + list + ": " + why;
                return false;
            }
            keys.push_back(*key);
        }
        return true;
    };
    roots = {};
    return read(config.trusted_keys, "trusted_keys", roots.publishers) &&
           read(config.trusted_reviewers, "trusted_reviewers", roots.reviewers);
}

} // namespace kiosk
