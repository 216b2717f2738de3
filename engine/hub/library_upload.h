// Adding a package to the province's library (issue 17, part 2): the one
// check that `kiosk-hub content add` and the dashboard's upload form share.
// The bytes are staged in a private file under DATA/library/ (so the file
// checked is the file kept), opened as a package within PackageLimits, its
// publisher signature verified against the hub's trusted publishers, its
// manifest read for id, version, kind and titles, every review attestation
// checked against the expert pool (each row kept, trusted or not), its SHA-256
// taken, and then handed to LibraryStore::add_package, which refuses a second
// upload of an id and version with other bytes.
#pragma once

#include "library_store.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk::hub {

// The largest package file the library takes (the dashboard's upload is also
// bounded by the hub's request limit).
constexpr int64_t kMaxLibraryPackageBytes = int64_t(1) << 30;

enum class UploadFailure {
    None,
    TooLarge,    // over kMaxLibraryPackageBytes
    NotAPackage, // not a readable .kpkg (or rows the package rules refuse)
    Unsigned,    // no valid signature by a publisher the hub trusts
    BadManifest, // manifest.lua missing or invalid
    Conflict,    // the id and version is stored with other bytes, or another owner's id
    StoreFailed, // the hub could not stage or store it
};

struct UploadResult {
    bool ok = false;
    bool already_stored = false; // the same bytes were stored before
    UploadFailure failure = UploadFailure::None;
    std::string error; // when !ok: names `label` and says why
    LibraryPackage package;
};

// Checks `bytes` (a package called `label` for messages) and stores it as
// `owner_venue`'s own ("" = the province's) when it passes. `today` is the
// hub's local day (YYYY-MM-DD), for reading the reviews' expiry.
UploadResult add_to_library(LibraryStore& store, const std::string& data_dir,
                            std::string_view bytes, const std::string& label,
                            const std::string& owner_venue, const std::string& today);

// 64 lowercase hex digits of SHA-256 over `bytes` (libsodium).
std::string sha256_hex(std::string_view bytes);

} // namespace kiosk::hub
