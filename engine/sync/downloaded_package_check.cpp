// The checks a downloaded package passes before it may go into content_dir/hub/.
#include "downloaded_package_check.h"

#include "content/content_manifest.h"
#include "content_files.h"

namespace kiosk::sync {

std::string trust_reason_word(PackageTrustStatus status) {
    switch (status) {
    case PackageTrustStatus::Trusted:
        return "";
    case PackageTrustStatus::Unsigned:
        return "signature";
    case PackageTrustStatus::NotReviewed:
        return "not reviewed";
    case PackageTrustStatus::Rejected:
        return "rejected";
    case PackageTrustStatus::ReviewExpired:
        return "review expired";
    case PackageTrustStatus::Disagrees:
        return "review disagrees";
    case PackageTrustStatus::Unreadable:
        return "unreadable";
    }
    return "unreadable";
}

std::string check_downloaded_package(const std::string& path, const SnapshotPackage& expected,
                                     const TrustRoots& trust, const PackageLimits& limits,
                                     const std::string& today) {
    std::string error;
    const std::optional<std::string> sha256 = sha256_of_file(path, error);
    if (!sha256) return "unreadable: " + error;
    if (*sha256 != expected.sha256)
        return "sha256: the file's SHA-256 is " + *sha256 + ", the snapshot says " +
               expected.sha256;
    std::unique_ptr<Package> package = Package::open(path, limits, error);
    if (!package) return "unreadable: " + error;
    const PackageTrust verdict = check_package_trust(*package, trust, today);
    if (!verdict.trusted()) return trust_reason_word(verdict.status) + ": " + verdict.problem;
    const ManifestLoadResult manifest = load_content_manifest(*package, path);
    if (!manifest.ok())
        return "unreadable: " + (manifest.errors.empty() ? path : manifest.errors.front());
    if (manifest.manifest->id != expected.id || manifest.manifest->version != expected.version)
        return "not the assigned package: its manifest says " + manifest.manifest->id + " " +
               manifest.manifest->version + ", the snapshot " + expected.id + " " +
               expected.version;
    return "";
}

} // namespace kiosk::sync
