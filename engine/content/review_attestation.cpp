// Reviewers' attestations (see review_attestation.h): the signed message, the
// kiosk_reviews table written beside kiosk_signatures, and the checks.
#include "content/review_attestation.h"

#include "content/package_internal.h"

#include "core/civil_time.h"
#include "core/sqlite_statement.h"
#include "core/utf8_text.h"

#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>

namespace kiosk {
namespace {

constexpr const char* kReviewDomain = "kiosk-review-v1";
constexpr const char* kCreateReviews =
    "CREATE TABLE IF NOT EXISTS kiosk_reviews(key_id TEXT NOT NULL, verdict TEXT NOT NULL,"
    " reviewed TEXT NOT NULL, expires TEXT NOT NULL, note TEXT NOT NULL,"
    " signature BLOB NOT NULL)";

void append_field(std::string& out, std::string_view field) {
    const uint32_t size = uint32_t(field.size());
    for (int shift = 24; shift >= 0; shift -= 8)
        out += char((size >> shift) & 0xff);
    out += field;
}

bool signature_matches(const PackageReview& review, const std::string& message,
                       const PublicKey& key) {
    return review.signature.size() == crypto_sign_BYTES &&
           crypto_sign_verify_detached(
               reinterpret_cast<const unsigned char*>(review.signature.data()),
               reinterpret_cast<const unsigned char*>(message.data()), message.size(),
               key.key.data()) == 0;
}

} // namespace

std::string review_fields_problem(const PackageReview& review) {
    if (review.verdict != "approved" && review.verdict != "rejected")
        return "verdict: expected \"approved\" or \"rejected\", got \"" +
               make_valid_utf8(review.verdict) + "\"";
    if (!is_valid_day(review.reviewed))
        return "reviewed: expected a date written YYYY-MM-DD, got \"" +
               make_valid_utf8(review.reviewed) + "\"";
    if (!is_valid_day(review.expires))
        return "expires: expected a date written YYYY-MM-DD, got \"" +
               make_valid_utf8(review.expires) + "\"";
    if (review.expires <= review.reviewed)
        return "expires: " + review.expires + " is not after the review day " + review.reviewed;
    if (review.note.size() > kMaxReviewNoteBytes)
        return "note: " + std::to_string(review.note.size()) + " bytes, at most " +
               std::to_string(kMaxReviewNoteBytes);
    if (make_valid_utf8(review.note) != review.note) return "note: not valid UTF-8 text";
    return "";
}

std::string review_message(const PackageDigest& digest, const PackageReview& review) {
    std::string message(kReviewDomain);
    message += '\0';
    message.append(reinterpret_cast<const char*>(digest.data()), digest.size());
    append_field(message, review.verdict);
    append_field(message, review.reviewed);
    append_field(message, review.expires);
    append_field(message, review.note);
    return message;
}

bool add_review(const std::string& path, const SecretKey& key, PackageReview review,
                const PackageLimits& limits, std::string& error) {
    if (const std::string problem = review_fields_problem(review); !problem.empty()) {
        error = path + ": cannot review: " + problem;
        return false;
    }
    PackageDigest digest{};
    {
        std::unique_ptr<Package> package = Package::open(path, limits, error);
        if (!package || !package->digest(digest, error)) return false;
        if (package->reviews().size() >= kMaxPackageReviews) {
            error = path + ": cannot review: it holds " + std::to_string(kMaxPackageReviews) +
                    " reviews already";
            return false;
        }
    }
    const std::string message = review_message(digest, review);
    unsigned char signature[crypto_sign_BYTES];
    crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), key.key.data());
    review.key_id = key.id;
    review.signature.assign(reinterpret_cast<const char*>(signature), sizeof signature);

    return update_package(
        path, kCreateReviews, "add the review",
        [&](sqlite3* db, std::string& write_error) {
            SqliteStatement forget(db, "DELETE FROM kiosk_reviews WHERE key_id = ?1");
            SqliteStatement insert(db,
                                   "INSERT INTO kiosk_reviews(key_id, verdict, reviewed,"
                                   " expires, note, signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
            insert.bind(1, review.key_id).bind(2, review.verdict).bind(3, review.reviewed);
            insert.bind(4, review.expires).bind(5, review.note).bind_blob(6, review.signature);
            const bool ok = forget.bind(1, review.key_id).run() && insert.run();
            if (!ok) write_error = forget.error().empty() ? insert.error() : forget.error();
            return ok;
        },
        error);
}

ReviewCheck check_reviews(const Package& package, const std::vector<PublicKey>& reviewers,
                          const std::string& today) {
    ReviewCheck check;
    PackageDigest digest{};
    std::string error;
    if (!package.digest(digest, error)) {
        check.problem = error;
        return check;
    }
    bool rejected = false;
    for (const PackageReview& review : package.reviews()) {
        ReviewRowCheck row{review, ReviewRowStatus::Malformed, review_fields_problem(review)};
        auto key = std::find_if(reviewers.begin(), reviewers.end(),
                                [&](const PublicKey& k) { return k.id == review.key_id; });
        if (!row.problem.empty()) {
            row.status = ReviewRowStatus::Malformed;
        } else if (key == reviewers.end()) {
            row.status = ReviewRowStatus::Untrusted;
            row.problem = "by key " + make_valid_utf8(review.key_id) +
                          ", which is not a trusted reviewer here";
        } else if (!signature_matches(review, review_message(digest, review), *key)) {
            row.status = ReviewRowStatus::BadSignature;
            row.problem = "the review by key " + review.key_id +
                          " does not match the package or its fields (changed after the review?)";
        } else if (review.verdict == "rejected") {
            row.status = ReviewRowStatus::Rejected;
            rejected = true;
        } else if (review.expires < today) {
            row.status = ReviewRowStatus::Expired;
            row.problem = "the approval by key " + review.key_id + " expired on " + review.expires;
        } else {
            row.status = ReviewRowStatus::Approved;
            check.approved_until = std::max(check.approved_until, review.expires);
        }
        check.rows.push_back(std::move(row));
    }
    check.approved = !rejected && !check.approved_until.empty();
    if (rejected) {
        check.problem = "a trusted reviewer rejected it";
        check.approved_until.clear();
    } else if (!check.approved) {
        check.problem = "no approval by a trusted reviewer";
        for (const ReviewRowCheck& row : check.rows)
            if (!row.problem.empty()) check.problem += "; " + row.problem;
    }
    return check;
}

} // namespace kiosk
