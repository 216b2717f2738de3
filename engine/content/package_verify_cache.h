// The package verification cache (docs/runtime-costs.md, "Start-up work only
// when needed"): a package file is verified in full once per version. This file
// owns what a version is, the cache file DATA/package-verify-cache, and the
// verification that uses it.
//
// What the cache skips is the package digest (package.h): reading, inflating
// and hashing every entry, which is most of verifying. It maps a file version
// (device, inode, size, mtime_ns, ctime_ns and a BLAKE2b-512 of the file's
// bytes, read whole at every start) to the package digest computed from that
// version. The digest depends on the file's bytes alone, so everything that
// depends on anything else runs at every start with the cached digest: the
// publisher signatures against the trusted keys of the day, the reviewers'
// attestations and their expiry, the manifest and its agreement with them.
// Only a digest whose publisher signature verified is remembered.
//
// The cache file is private (core/private_files.h): 0600, never opened through
// a symbolic link, replaced whole by rename. A cache that is missing, a link,
// another user's, too large or damaged in any way is ignored whole (never
// trusted, never a crash) and rewritten after the next scan.
//
// The file is hashed through a descriptor of its own after SQLite has opened
// it: someone who can replace files in the content folder between those two
// opens can already change a package after it is verified (it is read lazily),
// so the content folder must be writable only by the kiosk's user.
#pragma once

#include "content/package.h"

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kiosk {

struct PackageFileVersion {
    uint64_t device = 0;
    uint64_t inode = 0;
    int64_t size = 0;
    int64_t mtime_ns = 0;
    int64_t ctime_ns = 0;
    std::array<unsigned char, 64> file_digest{}; // BLAKE2b-512 of the file's bytes
    auto operator<=>(const PackageFileVersion&) const = default;
};

// Reads `path` whole through one descriptor: its identity (fstat, before and
// after) and the BLAKE2b-512 of its bytes. nullopt when it cannot be read, is
// not a regular file, or changed while it was read.
std::optional<PackageFileVersion> read_package_file_version(const std::string& path);

class PackageVerifyCache {
public:
    // Loads `path` (DATA/package-verify-cache); see above for what is ignored.
    explicit PackageVerifyCache(std::string path);

    // The package digest verified for exactly `version`; counts a hit.
    std::optional<PackageDigest> find(const PackageFileVersion& version);
    void remember(const PackageFileVersion& version, const PackageDigest& digest);
    // Writes the versions found or remembered since the last save (the others'
    // files are gone or changed) when that differs from the file. False and
    // `error` (naming the file) when it cannot be written.
    bool save(std::string& error);
    int hits() const;

private:
    std::string path_;
    mutable std::mutex mutex_;
    std::map<PackageFileVersion, PackageDigest> stored_; // as on disk
    std::map<PackageFileVersion, PackageDigest> used_;   // since the last save
    bool rewrite_ = false; // the file on disk is not what stored_ holds
    int hits_ = 0;
};

// verify_package (package.h) with the digest taken from `cache` when it holds
// this file's version, and remembered there when the signature verifies.
// `cache` may be null: then it is verify_package.
VerifyResult verify_package_once(Package& package, const std::vector<PublicKey>& trusted,
                                 PackageVerifyCache* cache);

} // namespace kiosk
