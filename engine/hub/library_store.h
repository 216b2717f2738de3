// The province's content library at the hub (issue 17, part 2): trusted
// publisher keys, the expert pool (reviewers with their keys), every uploaded
// version of every package, what the province published or approved for
// sharing, and which items each kiosk shows in what order. Two backends
// (sqlite_library_store.cpp: tables in hub.db; postgres_library_store.cpp);
// the package files are in DATA/library/ with either.
// The snapshot issuer (content_snapshots.h) reads assignments through it and
// keeps each kiosk's last signed snapshot in it.
#pragma once

#include "store_location.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::hub {

struct PublisherRecord {
    std::string key_id;     // 16 hex digits (core/signing_keys)
    std::string public_key; // base64 of the 32 key bytes
    std::string name;       // who holds it, for the page
    int64_t added_utc_ms = 0;
};

struct ReviewerRecord { // one expert of the pool (专家库)
    std::string key_id, public_key;
    std::string name, organization, field;
    int64_t added_utc_ms = 0;
};

struct LibraryReview { // one attestation row of a stored version, as checked at upload
    std::string reviewer_key_id;
    std::string verdict, reviewed, expires; // as signed
    bool trusted = false;                   // by a key of the pool
    std::string note;                       // as signed
    std::string signature;                  // raw 64 bytes, re-checked when the pool grows
};

struct LibraryPackage { // one stored version
    std::string id, version;
    std::string kind; // "exhibit" | "quiz"
    std::string title_zh, title_en;
    std::string publisher_key_id;
    std::string owner_venue; // "" = the province's own
    std::string sha256;      // 64 lowercase hex of the file
    int64_t size = 0;        // bytes of the file
    std::string file_path;   // absolute, under DATA/library/
    int64_t added_utc_ms = 0;
    std::vector<LibraryReview> reviews;
    std::string digest; // the package digest (content/package.h), raw 64 bytes
};

struct LibraryItem { // one package id and what the province decided for it
    std::string id;
    std::string owner_venue;              // "" = the province's own (as its first version)
    bool published = false;               // the province offers it to every venue
    bool shared = false;                  // the province approved a venue's own item for all venues
    std::vector<LibraryPackage> versions; // newest first
};

struct KioskAssignment { // one kiosk's home screen: item ids in order
    std::string kiosk;
    std::vector<std::string> items;
};

enum class AddPackageOutcome {
    Added,
    AlreadyStored, // the same id, version and SHA-256 was stored before
    Conflict,      // other bytes under a stored id and version, or another owner's id
    Failed,        // the hub could not store it
};

struct AssignedPackage { // what a kiosk is to show, resolved to one version
    std::string id, version, sha256, file_path;
    int64_t size = 0;
};

struct StoredSnapshot { // the last snapshot signed for a kiosk
    std::string kiosk;
    int64_t version = 0;
    std::string fingerprint; // of the assigned list it was made from
    int64_t issued_utc_ms = 0, expires_utc_ms = 0;
    std::string document;  // exact signed bytes
    std::string signature; // raw 64 bytes
    std::string key_id;
};

class LibraryStore {
public:
    virtual ~LibraryStore() = default;
    // Trusted publisher keys and the expert pool. A key id may appear once in
    // each; false with `error` (naming the key) otherwise. Adding a reviewer
    // re-checks the stored attestations by that key, so a review uploaded
    // before its reviewer joined the pool counts from then on.
    virtual bool add_publisher(const PublisherRecord& publisher, std::string& error) = 0;
    virtual std::vector<PublisherRecord> publishers() = 0;
    virtual bool add_reviewer(const ReviewerRecord& reviewer, std::string& error) = 0;
    virtual std::vector<ReviewerRecord> reviewers() = 0;

    // Stores one verified version (library_upload.h checks it first):
    // moves `staged_file`, a private file under DATA/library/, to
    // DATA/library/ID/VERSION.kpkg and records `package` (its file_path and
    // added_utc_ms are set here). Otherwise the staged file is removed and
    // `error` says why (AddPackageOutcome).
    virtual AddPackageOutcome add_package(const LibraryPackage& package,
                                          const std::string& staged_file, std::string& error) = 0;
    virtual std::vector<LibraryItem> items() = 0; // by id
    virtual std::optional<LibraryItem> find_item(const std::string& id) = 0;
    // The province offers `id` to every venue; shares a venue's own item with
    // the others. False with `error` for an unknown id (or sharing the
    // province's own item, which publish covers).
    virtual bool publish_item(const std::string& id, std::string& error) = 0;
    virtual bool share_item(const std::string& id, std::string& error) = 0;
    // Replaces `kiosk`'s home screen with `items` in that order (none: empty).
    // Each must be an item the kiosk's venue may show: published, its own, or
    // another venue's item the province shared; false with `error` naming the
    // first that is not (or an unknown kiosk or item, a repeated id), and
    // nothing changes.
    virtual bool assign(const std::string& kiosk, const std::vector<std::string>& items,
                        std::string& error) = 0;
    virtual std::vector<KioskAssignment> assignments() = 0; // every kiosk with items, by id

    // For the snapshot issuer: the items assigned to `kiosk`, in home-screen
    // order, each resolved to the newest stored version that has a current
    // approval by a pool reviewer on `today` (items with none are left out).
    // An approval counts through its expires day (as check_reviews); a pool
    // reviewer's rejection of a version rules that version out.
    virtual std::vector<AssignedPackage> assigned_packages(const std::string& kiosk,
                                                           const std::string& today) = 0;
    virtual std::optional<LibraryPackage> find_package(const std::string& id,
                                                       const std::string& version) = 0;
    virtual std::optional<StoredSnapshot> last_snapshot(const std::string& kiosk) = 0;
    // Stores `snapshot` when its version is higher than the stored one's; false
    // with `error` otherwise (two hub processes racing: the caller re-reads).
    virtual bool store_snapshot(const StoredSnapshot& snapshot, std::string& error) = 0;
};

// Opens (creating its tables when missing) the library in `location`'s store
// (SQLite: DATA/hub.db; or PostgreSQL); its package files are in DATA/library.
std::unique_ptr<LibraryStore> open_library_store(const StoreLocation& location, std::string& error);

} // namespace kiosk::hub
