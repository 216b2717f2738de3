// The SQLite LibraryStore (library_store.h): the library's tables in hub.db,
// opened by open_hub_database (same file rules and hub migrations) with their
// own schema version in library_schema, so the hub's PRAGMA user_version
// sequence stays the hub store's alone. Package files live in
// DATA/library/ID/VERSION.kpkg (folders 0700, files 0600, moved into place by
// rename, never written through a link). Every value is bound as a parameter.
//
//   library_schema(version)                       one row: the steps applied
//   library_publishers(key_id, public_key, name, added_utc_ms)
//   library_reviewers(key_id, public_key, name, organization, field, added_utc_ms)
//   library_items(id, owner_venue, published, shared, added_utc_ms)
//   library_versions(item, version, kind, title_zh, title_en, publisher_key_id,
//                    sha256, size, file_path, digest, added_utc_ms)
//   library_reviews(item, version, row, reviewer_key_id, verdict, reviewed,
//                   expires, note, signature, trusted)
//   library_assignments(kiosk, position, item)
//   library_snapshots(kiosk, version, fingerprint, issued_utc_ms,
//                     expires_utc_ms, document, signature, key_id)
//
// Index of this file:
// [SECTION] The schema and its migrations
// [SECTION] The store: publishers, the expert pool, adding packages
// [SECTION] Items: listing, publishing, sharing, assigning
// [SECTION] Snapshots
// [SECTION] Opening
#include "library_store.h"

#include "core/civil_time.h"
#include "core/private_files.h"
#include "core/sqlite_statement.h"
#include "library_rules.h"
#include "sqlite_hub_store.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <set>

namespace kiosk::hub {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] The schema and its migrations
//-----------------------------------------------------------------------------

// The library's schema, one entry per version (index 0 = version 1).
const char* const kLibrarySteps[] = {
    R"sql(
CREATE TABLE library_publishers(
  key_id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  name TEXT NOT NULL,
  added_utc_ms INTEGER NOT NULL);
CREATE TABLE library_reviewers(
  key_id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  name TEXT NOT NULL,
  organization TEXT NOT NULL,
  field TEXT NOT NULL,
  added_utc_ms INTEGER NOT NULL);
CREATE TABLE library_items(
  id TEXT PRIMARY KEY,
  owner_venue TEXT NOT NULL,
  published INTEGER NOT NULL DEFAULT 0,
  shared INTEGER NOT NULL DEFAULT 0,
  added_utc_ms INTEGER NOT NULL);
CREATE TABLE library_versions(
  item TEXT NOT NULL REFERENCES library_items(id),
  version TEXT NOT NULL,
  kind TEXT NOT NULL,
  title_zh TEXT NOT NULL,
  title_en TEXT NOT NULL,
  publisher_key_id TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  file_path TEXT NOT NULL,
  digest BLOB NOT NULL,
  added_utc_ms INTEGER NOT NULL,
  PRIMARY KEY(item, version)) WITHOUT ROWID;
CREATE TABLE library_reviews(
  item TEXT NOT NULL,
  version TEXT NOT NULL,
  row INTEGER NOT NULL,
  reviewer_key_id TEXT NOT NULL,
  verdict TEXT NOT NULL,
  reviewed TEXT NOT NULL,
  expires TEXT NOT NULL,
  note TEXT NOT NULL,
  signature BLOB NOT NULL,
  trusted INTEGER NOT NULL,
  PRIMARY KEY(item, version, row),
  FOREIGN KEY(item, version) REFERENCES library_versions(item, version)) WITHOUT ROWID;
CREATE INDEX library_reviews_by_key ON library_reviews(reviewer_key_id);
CREATE TABLE library_assignments(
  kiosk TEXT NOT NULL REFERENCES kiosks(id),
  position INTEGER NOT NULL,
  item TEXT NOT NULL REFERENCES library_items(id),
  PRIMARY KEY(kiosk, position)) WITHOUT ROWID;
CREATE TABLE library_snapshots(
  kiosk TEXT PRIMARY KEY REFERENCES kiosks(id),
  version INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  issued_utc_ms INTEGER NOT NULL,
  expires_utc_ms INTEGER NOT NULL,
  document BLOB NOT NULL,
  signature BLOB NOT NULL,
  key_id TEXT NOT NULL);
)sql",
};

//-----------------------------------------------------------------------------
// [SECTION] The store: publishers, the expert pool, adding packages
//-----------------------------------------------------------------------------

class SqliteLibraryStore final : public LibraryStore {
public:
    SqliteLibraryStore(sqlite3* db, std::string data_dir)
        : db_(db), library_dir_((std::filesystem::absolute(data_dir) / "library").string()) {}
    ~SqliteLibraryStore() override { close_hub_database(db_); }
    SqliteLibraryStore(const SqliteLibraryStore&) = delete;
    SqliteLibraryStore& operator=(const SqliteLibraryStore&) = delete;

    bool add_publisher(const PublisherRecord& publisher, std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteStatement insert(db_, "INSERT INTO library_publishers(key_id, public_key, name, "
                                    "added_utc_ms) VALUES(?1, ?2, ?3, ?4)");
        insert.bind(1, publisher.key_id).bind(2, publisher.public_key).bind(3, publisher.name);
        if (insert.bind(4, now_utc_ms()).run()) return true;
        error = (insert.error_code() & 0xff) == SQLITE_CONSTRAINT
                    ? repeated_key_problem(publisher.key_id, false)
                    : "adding the publisher: " + insert.error();
        return false;
    }

    std::vector<PublisherRecord> publishers() override {
        std::lock_guard lock(mutex_);
        std::vector<PublisherRecord> result;
        SqliteStatement select(db_, "SELECT key_id, public_key, name, added_utc_ms "
                                    "FROM library_publishers ORDER BY name, key_id");
        while (select.next())
            result.push_back({select.text(0), select.text(1), select.text(2), select.integer(3)});
        return result;
    }

    bool add_reviewer(const ReviewerRecord& reviewer, std::string& error) override {
        std::lock_guard lock(mutex_);
        const std::optional<PublicKey> key = decode_key(reviewer.key_id, reviewer.public_key);
        if (!key) {
            error = not_an_ed25519_key_problem();
            return false;
        }
        SqliteTransaction transaction(db_);
        if (!transaction.begin(error)) return false;
        SqliteStatement insert(db_, "INSERT INTO library_reviewers(key_id, public_key, name, "
                                    "organization, field, added_utc_ms) "
                                    "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
        insert.bind(1, reviewer.key_id).bind(2, reviewer.public_key).bind(3, reviewer.name);
        insert.bind(4, reviewer.organization).bind(5, reviewer.field).bind(6, now_utc_ms());
        if (!insert.run()) {
            error = (insert.error_code() & 0xff) == SQLITE_CONSTRAINT
                        ? repeated_key_problem(reviewer.key_id, true)
                        : "adding the reviewer: " + insert.error();
            return false;
        }
        // Attestations by this key stored before it joined the pool.
        SqliteStatement rows(db_, "SELECT r.item, r.version, r.row, r.verdict, r.reviewed, "
                                  "r.expires, r.note, r.signature, v.digest "
                                  "FROM library_reviews r JOIN library_versions v "
                                  "ON v.item = r.item AND v.version = r.version "
                                  "WHERE r.reviewer_key_id = ?1 AND r.trusted = 0");
        SqliteStatement trust(db_, "UPDATE library_reviews SET trusted = 1 "
                                   "WHERE item = ?1 AND version = ?2 AND row = ?3");
        rows.bind(1, reviewer.key_id);
        while (rows.next()) {
            LibraryReview review{reviewer.key_id,
                                 rows.text(3),
                                 rows.text(4),
                                 rows.text(5),
                                 false,
                                 rows.text(6),
                                 std::string(rows.blob_view(7))};
            if (!review_verifies(review, std::string(rows.blob_view(8)), *key)) continue;
            trust.reset();
            trust.bind(1, rows.text(0)).bind(2, rows.text(1)).bind(3, rows.integer(2));
            if (!trust.run()) {
                error = "re-checking stored reviews: " + trust.error();
                return false;
            }
        }
        if (!rows.ok()) {
            error = "re-checking stored reviews: " + rows.error();
            return false;
        }
        return transaction.commit(error);
    }

    std::vector<ReviewerRecord> reviewers() override {
        std::lock_guard lock(mutex_);
        std::vector<ReviewerRecord> result;
        SqliteStatement select(db_, "SELECT key_id, public_key, name, organization, field, "
                                    "added_utc_ms FROM library_reviewers ORDER BY name, key_id");
        while (select.next())
            result.push_back({select.text(0), select.text(1), select.text(2), select.text(3),
                              select.text(4), select.integer(5)});
        return result;
    }

    AddPackageOutcome add_package(const LibraryPackage& package, const std::string& staged_file,
                                  std::string& error) override {
        std::lock_guard lock(mutex_);
        namespace fs = std::filesystem;
        std::error_code ignored;
        const auto refuse = [&](std::string why,
                                AddPackageOutcome outcome = AddPackageOutcome::Failed) {
            fs::remove(staged_file, ignored);
            error = std::move(why);
            return outcome;
        };
        SqliteTransaction transaction(db_);
        if (!transaction.begin(error)) return refuse(error);
        SqliteStatement item(db_, "SELECT owner_venue FROM library_items WHERE id = ?1");
        if (item.bind(1, package.id).next() && item.text(0) != package.owner_venue)
            return refuse(other_owner_problem(package.id, item.text(0)),
                          AddPackageOutcome::Conflict);
        SqliteStatement stored(db_, "SELECT sha256 FROM library_versions "
                                    "WHERE item = ?1 AND version = ?2");
        if (stored.bind(1, package.id).bind(2, package.version).next()) {
            if (stored.text(0) != package.sha256)
                return refuse(other_bytes_problem(package, stored.text(0)),
                              AddPackageOutcome::Conflict);
            fs::remove(staged_file, ignored);
            return AddPackageOutcome::AlreadyStored;
        }
        if (!item.ok() || !stored.ok())
            return refuse("reading the library: " + (item.ok() ? stored.error() : item.error()));

        const fs::path file = library_file_for(library_dir_, package, error);
        if (file.empty()) return refuse(error);
        const int64_t now = now_utc_ms();
        std::string sql_error;
        SqliteStatement add_item(db_,
                                 "INSERT INTO library_items(id, owner_venue, added_utc_ms) "
                                 "VALUES(?1, ?2, ?3) ON CONFLICT(id) DO NOTHING",
                                 sql_error);
        add_item.bind(1, package.id).bind(2, package.owner_venue).bind(3, now).run();
        SqliteStatement add_version(
            db_,
            "INSERT INTO library_versions(item, version, kind, title_zh, title_en, "
            "publisher_key_id, sha256, size, file_path, digest, added_utc_ms) "
            "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            sql_error);
        add_version.bind(1, package.id).bind(2, package.version).bind(3, package.kind);
        add_version.bind(4, package.title_zh).bind(5, package.title_en);
        add_version.bind(6, package.publisher_key_id).bind(7, package.sha256);
        add_version.bind(8, package.size).bind(9, file.string()).bind_blob(10, package.digest);
        add_version.bind(11, now).run();
        SqliteStatement add_review(
            db_,
            "INSERT INTO library_reviews(item, version, row, reviewer_key_id, verdict, reviewed, "
            "expires, note, signature, trusted) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            sql_error);
        for (size_t row = 0; row < package.reviews.size(); ++row) {
            const LibraryReview& review = package.reviews[row];
            add_review.reset();
            add_review.bind(1, package.id).bind(2, package.version).bind(3, row);
            add_review.bind(4, review.reviewer_key_id).bind(5, review.verdict);
            add_review.bind(6, review.reviewed).bind(7, review.expires).bind(8, review.note);
            add_review.bind_blob(9, review.signature).bind(10, review.trusted ? 1 : 0).run();
        }
        if (!sql_error.empty()) return refuse("storing " + package.id + ": " + sql_error);
        // The file is in place before the rows commit: a crash between the two
        // leaves an unlisted file that the next upload of that version replaces.
        if (std::rename(staged_file.c_str(), file.c_str()) != 0)
            return refuse(file.string() + ": cannot move the package into the library");
        if (!transaction.commit(error)) {
            fs::remove(file, ignored);
            return AddPackageOutcome::Failed;
        }
        return AddPackageOutcome::Added;
    }

    //-----------------------------------------------------------------------------
    // [SECTION] Items: listing, publishing, sharing, assigning
    //-----------------------------------------------------------------------------

    std::vector<LibraryItem> items() override {
        std::lock_guard lock(mutex_);
        return select_items("");
    }

    std::optional<LibraryItem> find_item(const std::string& id) override {
        std::lock_guard lock(mutex_);
        std::vector<LibraryItem> found = select_items(id);
        if (found.empty()) return std::nullopt;
        return std::move(found.front());
    }

    bool publish_item(const std::string& id, std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteStatement update(db_, "UPDATE library_items SET published = 1 WHERE id = ?1");
        if (!update.bind(1, id).run()) {
            error = "publishing " + id + ": " + update.error();
            return false;
        }
        if (sqlite3_changes(db_) == 0) {
            error = unknown_item_problem(id);
            return false;
        }
        return true;
    }

    bool share_item(const std::string& id, std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteStatement owner(db_, "SELECT owner_venue FROM library_items WHERE id = ?1");
        if (!owner.bind(1, id).next()) {
            error = unknown_item_problem(id);
            return false;
        }
        if (owner.text(0).empty()) {
            error = id + " is the province's own package: publish it instead of sharing it";
            return false;
        }
        SqliteStatement update(db_, "UPDATE library_items SET shared = 1 WHERE id = ?1");
        if (!update.bind(1, id).run()) {
            error = "sharing " + id + ": " + update.error();
            return false;
        }
        return true;
    }

    bool assign(const std::string& kiosk, const std::vector<std::string>& items,
                std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteTransaction transaction(db_);
        if (!transaction.begin(error)) return false;
        SqliteStatement venue(db_, "SELECT venue FROM kiosks WHERE id = ?1");
        if (!venue.bind(1, kiosk).next()) {
            error = "no kiosk " + kiosk + " (add it with admin add-kiosk)";
            return false;
        }
        const std::string kiosk_venue = venue.text(0);
        std::set<std::string> seen;
        SqliteStatement item(db_, "SELECT owner_venue, published, shared FROM library_items "
                                  "WHERE id = ?1");
        for (const std::string& id : items) {
            if (!seen.insert(id).second) {
                error = id + " is listed twice";
                return false;
            }
            item.reset();
            if (!item.bind(1, id).next()) {
                error = unknown_item_problem(id);
                return false;
            }
            error = assignment_problem(id, item.text(0), item.integer(1) != 0, item.integer(2) != 0,
                                       kiosk_venue);
            if (!error.empty()) return false;
        }
        std::string sql_error;
        SqliteStatement clear(db_, "DELETE FROM library_assignments WHERE kiosk = ?1", sql_error);
        clear.bind(1, kiosk).run();
        SqliteStatement insert(db_,
                               "INSERT INTO library_assignments(kiosk, position, item) "
                               "VALUES(?1, ?2, ?3)",
                               sql_error);
        for (size_t position = 0; position < items.size(); ++position) {
            insert.reset();
            insert.bind(1, kiosk).bind(2, position).bind(3, items[position]).run();
        }
        if (!sql_error.empty()) {
            error = "assigning to " + kiosk + ": " + sql_error;
            return false;
        }
        return transaction.commit(error);
    }

    std::vector<KioskAssignment> assignments() override {
        std::lock_guard lock(mutex_);
        std::vector<KioskAssignment> result;
        SqliteStatement select(db_, "SELECT kiosk, item FROM library_assignments "
                                    "ORDER BY kiosk, position");
        while (select.next()) {
            if (result.empty() || result.back().kiosk != select.text_view(0))
                result.push_back({select.text(0), {}});
            result.back().items.push_back(select.text(1));
        }
        return result;
    }

    std::vector<AssignedPackage> assigned_packages(const std::string& kiosk,
                                                   const std::string& today) override {
        std::lock_guard lock(mutex_);
        std::vector<AssignedPackage> result;
        SqliteStatement assigned(db_, "SELECT item FROM library_assignments WHERE kiosk = ?1 "
                                      "ORDER BY position");
        assigned.bind(1, kiosk);
        while (assigned.next())
            if (std::optional<AssignedPackage> package =
                    newest_approved(select_versions(assigned.text(0), ""), today))
                result.push_back(std::move(*package));
        return result;
    }

    std::optional<LibraryPackage> find_package(const std::string& id,
                                               const std::string& version) override {
        std::lock_guard lock(mutex_);
        std::vector<LibraryPackage> found = select_versions(id, version);
        if (found.empty()) return std::nullopt;
        return std::move(found.front());
    }

    //-----------------------------------------------------------------------------
    // [SECTION] Snapshots
    //-----------------------------------------------------------------------------

    std::optional<StoredSnapshot> last_snapshot(const std::string& kiosk) override {
        std::lock_guard lock(mutex_);
        SqliteStatement select(db_, "SELECT version, fingerprint, issued_utc_ms, expires_utc_ms, "
                                    "document, signature, key_id FROM library_snapshots "
                                    "WHERE kiosk = ?1");
        if (!select.bind(1, kiosk).next()) return std::nullopt;
        StoredSnapshot snapshot;
        snapshot.kiosk = kiosk;
        snapshot.version = select.integer(0);
        snapshot.fingerprint = select.text(1);
        snapshot.issued_utc_ms = select.integer(2);
        snapshot.expires_utc_ms = select.integer(3);
        snapshot.document = std::string(select.blob_view(4));
        snapshot.signature = std::string(select.blob_view(5));
        snapshot.key_id = select.text(6);
        return snapshot;
    }

    bool store_snapshot(const StoredSnapshot& snapshot, std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteStatement upsert(
            db_,
            "INSERT INTO library_snapshots(kiosk, version, fingerprint, issued_utc_ms, "
            "expires_utc_ms, document, signature, key_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
            "ON CONFLICT(kiosk) DO UPDATE SET version = excluded.version, "
            "fingerprint = excluded.fingerprint, issued_utc_ms = excluded.issued_utc_ms, "
            "expires_utc_ms = excluded.expires_utc_ms, document = excluded.document, "
            "signature = excluded.signature, key_id = excluded.key_id "
            "WHERE excluded.version > library_snapshots.version");
        upsert.bind(1, snapshot.kiosk).bind(2, snapshot.version).bind(3, snapshot.fingerprint);
        upsert.bind(4, snapshot.issued_utc_ms).bind(5, snapshot.expires_utc_ms);
        upsert.bind_blob(6, snapshot.document).bind_blob(7, snapshot.signature);
        upsert.bind(8, snapshot.key_id);
        if (!upsert.run()) {
            error = "storing the snapshot of " + snapshot.kiosk + ": " + upsert.error();
            return false;
        }
        if (sqlite3_changes(db_) == 0) {
            error = "snapshot version " + std::to_string(snapshot.version) + " of kiosk " +
                    snapshot.kiosk + " is not higher than the stored one";
            return false;
        }
        return true;
    }

private:
    // Every version of `id` (one when `version` is given), newest first, with reviews.
    std::vector<LibraryPackage> select_versions(const std::string& id, const std::string& version) {
        std::vector<LibraryPackage> result;
        SqliteStatement select(
            db_, "SELECT v.version, v.kind, v.title_zh, v.title_en, v.publisher_key_id, "
                 "i.owner_venue, v.sha256, v.size, v.file_path, v.added_utc_ms, v.digest "
                 "FROM library_versions v JOIN library_items i ON i.id = v.item "
                 "WHERE v.item = ?1 AND (?2 = '' OR v.version = ?2)");
        select.bind(1, id).bind(2, version);
        while (select.next()) {
            LibraryPackage package;
            package.id = id;
            package.version = select.text(0);
            package.kind = select.text(1);
            package.title_zh = select.text(2);
            package.title_en = select.text(3);
            package.publisher_key_id = select.text(4);
            package.owner_venue = select.text(5);
            package.sha256 = select.text(6);
            package.size = select.integer(7);
            package.file_path = select.text(8);
            package.added_utc_ms = select.integer(9);
            package.digest = std::string(select.blob_view(10));
            result.push_back(std::move(package));
        }
        SqliteStatement reviews(db_, "SELECT reviewer_key_id, verdict, reviewed, expires, "
                                     "trusted, note, signature FROM library_reviews "
                                     "WHERE item = ?1 AND version = ?2 ORDER BY row");
        for (LibraryPackage& package : result) {
            reviews.reset();
            reviews.bind(1, id).bind(2, package.version);
            while (reviews.next())
                package.reviews.push_back({reviews.text(0), reviews.text(1), reviews.text(2),
                                           reviews.text(3), reviews.integer(4) != 0,
                                           reviews.text(5), std::string(reviews.blob_view(6))});
        }
        std::sort(result.begin(), result.end(), newer_first);
        return result;
    }

    std::vector<LibraryItem> select_items(const std::string& only) {
        std::vector<LibraryItem> result;
        SqliteStatement select(db_, "SELECT id, owner_venue, published, shared FROM library_items "
                                    "WHERE ?1 = '' OR id = ?1 ORDER BY id");
        select.bind(1, only);
        while (select.next())
            result.push_back(
                {select.text(0), select.text(1), select.integer(2) != 0, select.integer(3) != 0});
        for (LibraryItem& item : result)
            item.versions = select_versions(item.id, "");
        return result;
    }

    std::mutex mutex_; // one statement sequence at a time on db_
    sqlite3* db_;
    std::string library_dir_;
};

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Opening
//-----------------------------------------------------------------------------

std::unique_ptr<LibraryStore> open_sqlite_library_store(const std::string& data_dir,
                                                        std::string& error) {
    sqlite3* db = open_hub_database(data_dir, error);
    if (!db) return nullptr;
    auto store = std::make_unique<SqliteLibraryStore>(db, data_dir);
    if (!migrate_hub_part(db, "library_schema", kLibrarySteps, "library", error)) {
        error = (std::filesystem::path(data_dir) / "hub.db").string() + ": " + error;
        return nullptr;
    }
    if (!make_private_folder((std::filesystem::path(data_dir) / "library").string(), error))
        return nullptr;
    return store;
}

} // namespace kiosk::hub
