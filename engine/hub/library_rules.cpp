// The backend-independent library rules of library_rules.h.
#include "library_rules.h"

#include "content/package.h"
#include "content/review_attestation.h"
#include "core/private_files.h"

#include <algorithm>
#include <array>
#include <filesystem>

namespace kiosk::hub {
namespace {

// MAJOR.MINOR.PATCH as numbers, for "newest"; unparsable parts count as 0.
std::array<int64_t, 3> version_numbers(const std::string& version) {
    std::array<int64_t, 3> numbers{};
    size_t part = 0;
    for (char c : version) {
        if (c == '.') {
            if (++part == numbers.size()) break;
        } else if (c >= '0' && c <= '9' && numbers[part] < (int64_t(1) << 40)) {
            numbers[part] = numbers[part] * 10 + (c - '0');
        }
    }
    return numbers;
}

} // namespace

bool newer_first(const LibraryPackage& a, const LibraryPackage& b) {
    return version_numbers(a.version) > version_numbers(b.version);
}

std::optional<PublicKey> decode_key(const std::string& key_id, const std::string& base64) {
    const std::optional<std::string> bytes = from_base64(base64);
    PublicKey key;
    if (!bytes || bytes->size() != key.key.size()) return std::nullopt;
    key.id = key_id;
    std::copy(bytes->begin(), bytes->end(), key.key.begin());
    return key;
}

bool review_verifies(const LibraryReview& review, const std::string& digest,
                     const PublicKey& reviewer) {
    if (digest.size() != PackageDigest().size()) return false;
    PackageDigest package_digest{};
    std::copy(digest.begin(), digest.end(), package_digest.begin());
    const PackageReview signed_review{review.reviewer_key_id, review.verdict, review.reviewed,
                                      review.expires,         review.note,    review.signature};
    if (!review_fields_problem(signed_review).empty()) return false;
    return verify_detached(review_message(package_digest, signed_review), review.signature,
                           reviewer);
}

std::optional<AssignedPackage> newest_approved(const std::vector<LibraryPackage>& versions,
                                               const std::string& today) {
    for (const LibraryPackage& version : versions) { // newest first
        bool approved = false, rejected = false;
        for (const LibraryReview& review : version.reviews) {
            if (!review.trusted) continue;
            if (review.verdict == "rejected") rejected = true;
            if (review.verdict == "approved" && today <= review.expires) approved = true;
        }
        if (approved && !rejected)
            return AssignedPackage{version.id, version.version, version.sha256, version.file_path,
                                   version.size};
    }
    return std::nullopt;
}

std::string assignment_problem(const std::string& id, const std::string& owner, bool published,
                               bool shared, const std::string& kiosk_venue) {
    if (published || (!owner.empty() && (owner == kiosk_venue || shared))) return "";
    return owner.empty()
               ? id + " is not published by the province yet"
               : id + " is venue " + owner + "'s own package and not shared with other venues";
}

std::string other_owner_problem(const std::string& id, const std::string& stored_owner) {
    return "package " + id + " belongs to " +
           (stored_owner.empty() ? "the province" : "venue " + stored_owner) +
           "; only its owner adds versions of it";
}

std::string other_bytes_problem(const LibraryPackage& package, const std::string& stored_sha256) {
    return "version " + package.version + " of " + package.id +
           " is already stored with other bytes (SHA-256 " + stored_sha256 +
           "); give the new package a new version";
}

std::string unknown_item_problem(const std::string& id) {
    return "no package " + id + " in the library (add it with content add)";
}

std::string repeated_key_problem(const std::string& key_id, bool reviewer) {
    return "--public-key: key " + key_id +
           (reviewer ? " is already in the pool" : " is already a publisher");
}

std::string not_an_ed25519_key_problem() {
    return "--public-key: not an Ed25519 public key";
}

std::string library_file_for(const std::string& library_dir, const LibraryPackage& package,
                             std::string& error) {
    const std::filesystem::path folder = std::filesystem::path(library_dir) / package.id;
    if (!make_private_folder(folder.string(), error)) return "";
    return (folder / (package.version + ".kpkg")).string();
}

} // namespace kiosk::hub
