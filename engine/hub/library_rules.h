// The library's rules that do not depend on where it is stored (issue 17,
// shared by the SQLite and PostgreSQL LibraryStores since issue 22): which
// version is newer, whether a stored attestation verifies by a pool key,
// which version of an item a kiosk is sent, which items a kiosk's venue may
// show, and how the file of a stored version is moved into DATA/library/.
#pragma once

#include "library_store.h"

#include "core/signing_keys.h"

#include <optional>
#include <string>
#include <vector>

namespace kiosk::hub {

// For sorting versions newest first (MAJOR.MINOR.PATCH as numbers).
bool newer_first(const LibraryPackage& a, const LibraryPackage& b);

// A reviewer's key from its stored base64 form; nullopt when it is not one.
std::optional<PublicKey> decode_key(const std::string& key_id, const std::string& base64);

// Whether `review` is `reviewer`'s valid attestation over the raw `digest`.
bool review_verifies(const LibraryReview& review, const std::string& digest,
                     const PublicKey& reviewer);

// The newest of `versions` (newest first) with a current approval by a pool
// reviewer on `today` and no pool rejection; nullopt when none has one.
std::optional<AssignedPackage> newest_approved(const std::vector<LibraryPackage>& versions,
                                               const std::string& today);

// Why a kiosk of `kiosk_venue` may not show item `id` ("" when it may).
std::string assignment_problem(const std::string& id, const std::string& owner, bool published,
                               bool shared, const std::string& kiosk_venue);

// Refusals of add_package shared by both stores.
std::string other_owner_problem(const std::string& id, const std::string& stored_owner);
std::string other_bytes_problem(const LibraryPackage& package, const std::string& stored_sha256);
std::string unknown_item_problem(const std::string& id);
std::string repeated_key_problem(const std::string& key_id, bool reviewer);
std::string not_an_ed25519_key_problem();

// Where a version's file lives: DATA/library/ID/VERSION.kpkg (the folder made
// private, 0700); "" with `error` when the folder cannot be made.
std::string library_file_for(const std::string& library_dir, const LibraryPackage& package,
                             std::string& error);

} // namespace kiosk::hub
