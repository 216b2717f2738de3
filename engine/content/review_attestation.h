// Reviewers' attestations over a package (科普信息科学性审查): the message a
// reviewer's key signs, adding one to a package (`kioskctl review`), and
// checking a package's attestations against the reviewer keys a kiosk trusts.
// The format and the reasons for it are in docs/content-distribution.md. A
// review by a trusted key that says "rejected" wins over any approval.
#pragma once

#include "content/package.h"

#include <string>
#include <vector>

namespace kiosk {

// Why the fields of `review` (verdict, dates, note) cannot be signed or
// trusted, or "" when they are well formed.
std::string review_fields_problem(const PackageReview& review);

// "kiosk-review-v1", a zero byte, the digest, then verdict, reviewed, expires
// and note, each as a 4-byte big-endian length and its bytes.
std::string review_message(const PackageDigest& digest, const PackageReview& review);

// Adds `review` (its key_id and signature are filled in from `key`) to the
// package at `path`, replacing an earlier review by the same key. False and
// `error` (naming the file or the field) when the fields are malformed or the
// package cannot be read or written; the package is unchanged then.
bool add_review(const std::string& path, const SecretKey& key, PackageReview review,
                const PackageLimits& limits, std::string& error);

enum class ReviewRowStatus { Approved, Rejected, Expired, Untrusted, BadSignature, Malformed };

struct ReviewRowCheck {
    PackageReview review;
    ReviewRowStatus status = ReviewRowStatus::Malformed;
    std::string problem; // why it does not count, "" for Approved and Rejected
};

struct ReviewCheck {
    bool approved = false;      // a trusted, valid, unexpired approval and no trusted rejection
    std::string approved_until; // the latest expiry among the approvals that count
    std::string problem;        // why not approved, when !approved
    std::vector<ReviewRowCheck> rows;
};

// Checks every review of `package` against `reviewers` on the local day `today`.
ReviewCheck check_reviews(const Package& package, const std::vector<PublicKey>& reviewers,
                          const std::string& today);

} // namespace kiosk
