// Checking and storing an uploaded package (see library_upload.h).
#include "library_upload.h"

#include "content/content_manifest.h"
#include "content/package.h"
#include "content/review_attestation.h"
#include "core/private_files.h"
#include "core/random_id.h"

#include <sodium.h>
#include <unistd.h>

#include <fcntl.h>

#include <filesystem>
#include <utility>

namespace kiosk::hub {
namespace {

std::vector<PublicKey> decode_keys(const std::vector<std::pair<std::string, std::string>>& keys) {
    std::vector<PublicKey> result;
    for (const auto& [id, base64] : keys) {
        const std::optional<std::string> bytes = from_base64(base64);
        PublicKey key;
        if (!bytes || bytes->size() != key.key.size()) continue;
        key.id = id;
        std::copy(bytes->begin(), bytes->end(), key.key.begin());
        result.push_back(key);
    }
    return result;
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written <= 0) return false;
        bytes.remove_prefix(size_t(written));
    }
    return true;
}

// Writes `bytes` to a new private file in `folder`; its path, or "" with `error`.
std::string stage(const std::string& folder, std::string_view bytes, std::string& error) {
    if (!make_private_folder(folder, error)) return "";
    const std::string path =
        (std::filesystem::path(folder) / (".incoming-" + make_random_id() + ".kpkg")).string();
    const int fd = open_private_file(path, O_WRONLY | O_CREAT | O_EXCL, error);
    if (fd < 0) return "";
    const bool written = write_all(fd, bytes) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
        error = path + ": cannot write the staged package (disk full?)";
        return "";
    }
    return path;
}

// `error` with the staged file's path replaced by what the manager calls it.
std::string relabel(std::string error, const std::string& staged, const std::string& label) {
    for (size_t at = error.find(staged); at != std::string::npos;
         at = error.find(staged, at + label.size()))
        error.replace(at, staged.size(), label);
    return error;
}

UploadResult failed(UploadFailure failure, std::string error) {
    UploadResult result;
    result.failure = failure;
    result.error = std::move(error);
    return result;
}

} // namespace

std::string sha256_hex(std::string_view bytes) {
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    for (unsigned char byte : hash) {
        text += kHex[byte >> 4];
        text += kHex[byte & 15];
    }
    return text;
}

UploadResult add_to_library(LibraryStore& store, const std::string& data_dir,
                            std::string_view bytes, const std::string& label,
                            const std::string& owner_venue, const std::string& today) {
    if (int64_t(bytes.size()) > kMaxLibraryPackageBytes)
        return failed(UploadFailure::TooLarge, label + ": " + std::to_string(bytes.size()) +
                                                   " bytes, over the limit of " +
                                                   std::to_string(kMaxLibraryPackageBytes));
    std::string error;
    const std::string staged =
        stage((std::filesystem::path(data_dir) / "library").string(), bytes, error);
    if (staged.empty()) return failed(UploadFailure::StoreFailed, label + ": " + error);
    // Everything below reads the staged copy; it is removed unless stored.
    struct Cleanup {
        std::string path;
        ~Cleanup() {
            std::error_code ignored;
            if (!path.empty()) std::filesystem::remove(path, ignored);
        }
    } cleanup{staged};

    std::unique_ptr<Package> package = Package::open(staged, PackageLimits{}, error);
    if (!package)
        return failed(UploadFailure::NotAPackage,
                      label + ": not a content package (" + relabel(error, staged, label) + ")");
    std::vector<std::pair<std::string, std::string>> publisher_keys, reviewer_keys;
    for (const PublisherRecord& publisher : store.publishers())
        publisher_keys.emplace_back(publisher.key_id, publisher.public_key);
    for (const ReviewerRecord& reviewer : store.reviewers())
        reviewer_keys.emplace_back(reviewer.key_id, reviewer.public_key);
    const VerifyResult signature = verify_package(*package, decode_keys(publisher_keys));
    if (!signature.ok)
        return failed(UploadFailure::Unsigned,
                      label +
                          ": the publisher signature does not verify against the hub's "
                          "publishers: " +
                          signature.problem);
    const ManifestLoadResult manifest = load_content_manifest(*package, label);
    if (!manifest.ok())
        return failed(UploadFailure::BadManifest, manifest.errors.empty()
                                                      ? label + ": manifest.lua cannot be read"
                                                      : manifest.errors.front());
    PackageDigest digest{};
    if (!package->digest(digest, error))
        return failed(UploadFailure::NotAPackage, relabel(error, staged, label));

    UploadResult result;
    LibraryPackage& stored = result.package;
    stored.id = manifest.manifest->id;
    stored.version = manifest.manifest->version;
    stored.kind = manifest.manifest->kind == ContentKind::Quiz ? "quiz" : "exhibit";
    stored.title_zh = manifest.manifest->title.zh;
    stored.title_en = manifest.manifest->title.en;
    stored.publisher_key_id = signature.key_id;
    stored.owner_venue = owner_venue;
    stored.sha256 = sha256_hex(bytes);
    stored.size = int64_t(bytes.size());
    stored.digest.assign(reinterpret_cast<const char*>(digest.data()), digest.size());
    const ReviewCheck reviews = check_reviews(*package, decode_keys(reviewer_keys), today);
    for (const ReviewRowCheck& row : reviews.rows) {
        const bool trusted = row.status == ReviewRowStatus::Approved ||
                             row.status == ReviewRowStatus::Rejected ||
                             row.status == ReviewRowStatus::Expired;
        stored.reviews.push_back({row.review.key_id, row.review.verdict, row.review.reviewed,
                                  row.review.expires, trusted, row.review.note,
                                  row.review.signature});
    }
    package.reset();

    const AddPackageOutcome outcome = store.add_package(stored, staged, error);
    cleanup.path.clear(); // add_package moved or removed it
    if (outcome == AddPackageOutcome::Conflict)
        return failed(UploadFailure::Conflict, label + ": " + error);
    if (outcome == AddPackageOutcome::Failed)
        return failed(UploadFailure::StoreFailed, label + ": " + error);
    result.ok = true;
    result.already_stored = outcome == AddPackageOutcome::AlreadyStored;
    return result;
}

} // namespace kiosk::hub
