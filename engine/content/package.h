// Content packages (.kpkg): one exhibit or quiz pack in a SQLite Archive. The
// `sqlar` table is exactly what `sqlite3 -A` writes (name, mode, mtime, sz,
// data; zlib-compressed when that is smaller), so `sqlite3 x.kpkg -A -t` lists a
// package and `-x` extracts it. Signatures live in their own table:
//   CREATE TABLE kiosk_signatures(key_id TEXT NOT NULL, signature BLOB NOT NULL)
// each an Ed25519 signature (libsodium) of the package digest.
//
// The digest is BLAKE2b-512 over the regular files in byte order of their
// names: for each, the name's length and bytes, the mode, the size and the
// uncompressed bytes. It ignores mtimes, compression and the database's page
// layout, so VACUUM or repacking the same files keeps it.
//
// A package is exactly what was signed: every row of `sqlar` is a regular file
// (covered by the digest) or a folder row that adds nothing the signed files
// do not imply, or the package is refused, naming the row. A folder row (what
// `sqlite3 -A -c` writes for each folder) must have a safe name, carry no data
// (size 0, data NULL or empty), be the folder of a signed file, and not be
// writable by others or carry setuid/setgid/sticky bits, since `sqlite3 -A -x`
// applies its mode. Links, devices, pipes, sockets and unknown kinds are
// refused: `sqlite3 -A -x` would create a symbolic link from a link row.
//
// The kiosk opens packages read-only (SQLite's immutable mode: no journal, no
// locks, nothing written). Every read is bounded: a declared size over the
// limit, or data that inflates past its declared size, is refused.
#pragma once

#include "core/file_source.h"
#include "core/signing_keys.h"

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace kiosk {

struct PackageLimits {
    int64_t max_file_bytes = int64_t(64) << 20; // one file, uncompressed
    int64_t max_total_bytes = int64_t(1) << 30; // all files, uncompressed
    int max_files = 10000;
};

struct PackageEntry {
    std::string name; // relative, '/' between folders
    int mode = 0;     // Unix mode bits as stored (regular files: 0100644 ...)
    int64_t mtime = 0;
    int64_t size = 0;   // declared, uncompressed
    int64_t stored = 0; // bytes in the data column
};

enum class PackageRowKind { File, Folder, Other };

// One row of `sqlar` as stored, and why the package is refused for it.
struct PackageRow {
    PackageEntry entry;
    PackageRowKind kind = PackageRowKind::Other;
    std::string problem; // "" when the row is acceptable; otherwise why not (no file name)
};

// Every row of the package at `path`, sorted by name, each judged by the rules
// Package::open applies (so `kioskctl inspect` can show the rows it refuses).
// False and `error` (naming the file) when it cannot be read as a package.
bool read_package_rows(const std::string& path, const PackageLimits& limits,
                       std::vector<PackageRow>& rows, std::string& error);

using PackageDigest = std::array<unsigned char, 64>;

constexpr size_t kMaxPackageReviews = 32;
constexpr size_t kMaxReviewNoteBytes = 1024;

struct PackageSignature {
    std::string key_id;
    std::string signature; // 64 raw bytes when well-formed
};

// A reviewer's attestation over the package digest, stored in its own table
// beside the signatures (docs/content-distribution.md), so adding one does not
// change the digest:
//   CREATE TABLE kiosk_reviews(key_id TEXT NOT NULL, verdict TEXT NOT NULL,
//     reviewed TEXT NOT NULL, expires TEXT NOT NULL, note TEXT NOT NULL,
//     signature BLOB NOT NULL)
// content/review_attestation.h writes and checks them.
struct PackageReview {
    std::string key_id;
    std::string verdict;   // "approved" or "rejected"
    std::string reviewed;  // YYYY-MM-DD
    std::string expires;   // YYYY-MM-DD, after reviewed
    std::string note;      // free text, at most kMaxReviewNoteBytes of UTF-8
    std::string signature; // 64 raw bytes when well-formed
};

class Package : public FileSource {
public:
    // Opens `path` read-only and checks the sqlar table's shape and every row
    // (see read_package_rows). Returns nullptr and `error` (naming the file,
    // the first refused row and the reason) otherwise.
    static std::unique_ptr<Package> open(const std::string& path, const PackageLimits& limits,
                                         std::string& error);
    ~Package() override;
    Package(const Package&) = delete;
    Package& operator=(const Package&) = delete;

    const std::string& path() const { return path_; }
    // Regular files, sorted by name.
    const std::vector<PackageEntry>& entries() const { return entries_; }
    const PackageEntry* find(std::string_view name) const;

    // FileSource: the uncompressed bytes of `name`, bounded by the limits.
    bool read(const std::string& name, std::string& bytes, std::string& error) const override;
    std::vector<std::string> list() const override;
    std::string describe(const std::string& name) const override;
    bool exists(const std::string& name) const override { return find(name) != nullptr; }
    // The digest in hex once it is known (verified, or taken from the verify
    // cache); "" before: computing it here would read the whole package.
    std::string content_identity() const override;

    // Computed once (the package is opened immutable), then remembered.
    bool digest(PackageDigest& out, std::string& error) const;
    // Takes `known` as the digest instead of computing it: only for a digest
    // computed earlier from this very file version (content/package_verify_cache.h).
    void use_known_digest(const PackageDigest& known);
    std::vector<PackageSignature> signatures() const;
    // The rows of kiosk_reviews as stored (none when the table is absent), at
    // most kMaxPackageReviews of them.
    std::vector<PackageReview> reviews() const;

private:
    Package() = default;
    std::string path_;
    PackageLimits limits_;
    sqlite3* db_ = nullptr;
    std::vector<PackageEntry> entries_;
    mutable std::mutex digest_mutex_;
    mutable std::optional<PackageDigest> digest_;
};

// --- keys ----------------------------------------------------------------------
// PublicKey, SecretKey and their key files live in core/signing_keys.h.

// --- writing and signing -------------------------------------------------------

// Packs every regular file under `folder` (skipping names starting with '.')
// into a new package at `output` (replaced if present), as `sqlite3 -A -c` would.
bool write_package(const std::string& folder, const std::string& output, std::string& error);
// Adds a signature by `key` (replacing an earlier one by the same key).
bool sign_package(const std::string& path, const SecretKey& key, const PackageLimits& limits,
                  std::string& error);

// --- verifying -----------------------------------------------------------------

struct VerifyResult {
    bool ok = false;
    std::string key_id;  // the trusted key that signed it, when ok
    std::string problem; // why not, when !ok (without the file name)
};

// Checks the digest against the package's signatures: ok when one of them is
// valid and made by a key in `trusted`.
VerifyResult verify_package(const Package& package, const std::vector<PublicKey>& trusted);

std::string digest_hex(const PackageDigest& digest);

} // namespace kiosk
