// The PostgreSQL LibraryStore (library_store.h, issue 22): the library's
// tables in the hub's database, migrated as the part "library"
// (migrate_postgres_part), answering exactly as sqlite_library_store.cpp does.
// The package files stay in DATA/library/ID/VERSION.kpkg, so hub processes on
// one database share one data folder. Text that is sorted has COLLATE "C"
// (byte order, as SQLite's); raw bytes are bytea.
//
// Kiosks are the hub part's table (kiosks, read by name): no foreign key
// crosses the parts, so assign, store_snapshot check the kiosk in SQL.
// Several processes write at once, so:
// - an upload of an id holds a transaction lock on that id (the owner check
//   and the version's row agree);
// - an assignment holds a transaction lock on its kiosk (two replacements of
//   one home screen do not interleave);
// - a snapshot is stored by one INSERT .. ON CONFLICT DO UPDATE .. WHERE the
//   version is higher, which PostgreSQL decides under the row's lock: of two
//   processes storing the same version, one is refused and re-reads.
//
// Index of this file:
// [SECTION] Schema and helpers
// [SECTION] The store
// [SECTION] Opening
#include "library_store.h"

#include "core/civil_time.h"
#include "core/private_files.h"
#include "library_rules.h"
#include "postgres_connection.h"
#include "postgres_stores.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>

namespace kiosk::hub {
//-----------------------------------------------------------------------------
// [SECTION] Schema and helpers
//-----------------------------------------------------------------------------

namespace {

// The library's schema, one entry per version (index 0 = version 1).
const char* const kLibrarySteps[] = {
    R"sql(
CREATE TABLE library_publishers(
  key_id text PRIMARY KEY,
  public_key text NOT NULL,
  name text COLLATE "C" NOT NULL,
  added_utc_ms bigint NOT NULL);
CREATE TABLE library_reviewers(
  key_id text PRIMARY KEY,
  public_key text NOT NULL,
  name text COLLATE "C" NOT NULL,
  organization text NOT NULL,
  field text NOT NULL,
  added_utc_ms bigint NOT NULL);
CREATE TABLE library_items(
  id text COLLATE "C" PRIMARY KEY,
  owner_venue text NOT NULL,
  published boolean NOT NULL DEFAULT false,
  shared boolean NOT NULL DEFAULT false,
  added_utc_ms bigint NOT NULL);
CREATE TABLE library_versions(
  item text COLLATE "C" NOT NULL REFERENCES library_items(id),
  version text NOT NULL,
  kind text NOT NULL,
  title_zh text NOT NULL,
  title_en text NOT NULL,
  publisher_key_id text NOT NULL,
  sha256 text NOT NULL,
  size bigint NOT NULL,
  file_path text NOT NULL,
  digest bytea NOT NULL,
  added_utc_ms bigint NOT NULL,
  PRIMARY KEY(item, version));
CREATE TABLE library_reviews(
  item text COLLATE "C" NOT NULL,
  version text NOT NULL,
  row integer NOT NULL,
  reviewer_key_id text NOT NULL,
  verdict text NOT NULL,
  reviewed text NOT NULL,
  expires text NOT NULL,
  note text NOT NULL,
  signature bytea NOT NULL,
  trusted boolean NOT NULL,
  PRIMARY KEY(item, version, row),
  FOREIGN KEY(item, version) REFERENCES library_versions(item, version));
CREATE INDEX library_reviews_by_key ON library_reviews(reviewer_key_id);
CREATE TABLE library_assignments(
  kiosk text COLLATE "C" NOT NULL,
  position integer NOT NULL,
  item text NOT NULL REFERENCES library_items(id),
  PRIMARY KEY(kiosk, position));
CREATE TABLE library_snapshots(
  kiosk text PRIMARY KEY,
  version bigint NOT NULL,
  fingerprint text NOT NULL,
  issued_utc_ms bigint NOT NULL,
  expires_utc_ms bigint NOT NULL,
  document bytea NOT NULL,
  signature bytea NOT NULL,
  key_id text NOT NULL);
)sql",
};

// Transaction locks (pg_advisory_xact_lock(class, hashtext(key))).
constexpr const char* kLockItemSql = "SELECT pg_advisory_xact_lock(2201, hashtext($1))";
constexpr const char* kLockKioskSql = "SELECT pg_advisory_xact_lock(2202, hashtext($1))";

bool is_true(const PgResult& result, int row, int column) {
    return result.text(row, column) == "t";
}

//-----------------------------------------------------------------------------
// [SECTION] The store
//-----------------------------------------------------------------------------

class PostgresLibraryStore final : public LibraryStore {
public:
    PostgresLibraryStore(std::shared_ptr<PgPool> pool, const std::string& data_dir)
        : pool_(std::move(pool)),
          library_dir_((std::filesystem::absolute(data_dir) / "library").string()) {}

    bool add_publisher(const PublisherRecord& publisher, std::string& error) override {
        PgResult insert = pg_query(
            *pool_,
            "INSERT INTO library_publishers(key_id, public_key, name, "
            "added_utc_ms) VALUES($1, $2, $3, $4)",
            {publisher.key_id, publisher.public_key, publisher.name, pg_param(now_utc_ms())});
        if (insert.ok()) return true;
        error = insert.is_unique_violation() ? repeated_key_problem(publisher.key_id, false)
                                             : "adding the publisher: " + insert.error();
        return false;
    }

    std::vector<PublisherRecord> publishers() override {
        std::vector<PublisherRecord> result;
        PgResult rows = pg_query(*pool_, "SELECT key_id, public_key, name, added_utc_ms "
                                         "FROM library_publishers ORDER BY name, key_id");
        for (int row = 0; row < rows.rows(); ++row)
            result.push_back(
                {rows.text(row, 0), rows.text(row, 1), rows.text(row, 2), rows.int64(row, 3)});
        return result;
    }

    bool add_reviewer(const ReviewerRecord& reviewer, std::string& error) override {
        const std::optional<PublicKey> key = decode_key(reviewer.key_id, reviewer.public_key);
        if (!key) {
            error = not_an_ed25519_key_problem();
            return false;
        }
        return with_pg_transaction(
            *pool_, "READ COMMITTED",
            [&](PgConnection& db, bool& retry, std::string& why) {
                PgResult insert = db.query(
                    "INSERT INTO library_reviewers(key_id, public_key, name, organization, field, "
                    "added_utc_ms) VALUES($1, $2, $3, $4, $5, $6)",
                    {reviewer.key_id, reviewer.public_key, reviewer.name, reviewer.organization,
                     reviewer.field, pg_param(now_utc_ms())});
                if (insert.is_unique_violation()) {
                    why = repeated_key_problem(reviewer.key_id, true);
                    return PgTransactionStep::roll_back;
                }
                if (!insert.ok()) return pg_roll_back(insert, "adding the reviewer: ", retry, why);
                // Attestations by this key stored before it joined the pool.
                PgResult rows = db.query("SELECT r.item, r.version, r.row, r.verdict, r.reviewed, "
                                         "r.expires, r.note, r.signature, v.digest "
                                         "FROM library_reviews r JOIN library_versions v "
                                         "ON v.item = r.item AND v.version = r.version "
                                         "WHERE r.reviewer_key_id = $1 AND NOT r.trusted",
                                         {reviewer.key_id});
                if (!rows.ok())
                    return pg_roll_back(rows, "re-checking stored reviews: ", retry, why);
                for (int row = 0; row < rows.rows(); ++row) {
                    const LibraryReview review{
                        reviewer.key_id, rows.text(row, 3), rows.text(row, 4), rows.text(row, 5),
                        false,           rows.text(row, 6), rows.bytes(row, 7)};
                    if (!review_verifies(review, rows.bytes(row, 8), *key)) continue;
                    PgResult trust =
                        db.query("UPDATE library_reviews SET trusted = true "
                                 "WHERE item = $1 AND version = $2 AND row = $3",
                                 {rows.text(row, 0), rows.text(row, 1), rows.text(row, 2)});
                    if (!trust.ok())
                        return pg_roll_back(trust, "re-checking stored reviews: ", retry, why);
                }
                return PgTransactionStep::commit;
            },
            error);
    }

    std::vector<ReviewerRecord> reviewers() override {
        std::vector<ReviewerRecord> result;
        PgResult rows =
            pg_query(*pool_, "SELECT key_id, public_key, name, organization, field, "
                             "added_utc_ms FROM library_reviewers ORDER BY name, key_id");
        for (int row = 0; row < rows.rows(); ++row)
            result.push_back({rows.text(row, 0), rows.text(row, 1), rows.text(row, 2),
                              rows.text(row, 3), rows.text(row, 4), rows.int64(row, 5)});
        return result;
    }

    AddPackageOutcome add_package(const LibraryPackage& package, const std::string& staged_file,
                                  std::string& error) override {
        namespace fs = std::filesystem;
        std::error_code ignored;
        AddPackageOutcome outcome = AddPackageOutcome::Failed;
        std::string file; // where the staged file went, once moved
        std::string transaction_error;
        const bool committed = with_pg_transaction(
            *pool_, "READ COMMITTED",
            [&](PgConnection& db, bool& retry, std::string& why) {
                outcome = AddPackageOutcome::Failed;
                PgResult locked = db.query(kLockItemSql, {package.id});
                if (!locked.ok()) return pg_roll_back(locked, "reading the library: ", retry, why);
                PgResult item =
                    db.query("SELECT owner_venue FROM library_items WHERE id = $1", {package.id});
                if (!item.ok()) return pg_roll_back(item, "reading the library: ", retry, why);
                if (item.rows() && item.text(0, 0) != package.owner_venue) {
                    outcome = AddPackageOutcome::Conflict;
                    why = other_owner_problem(package.id, item.text(0, 0));
                    return PgTransactionStep::roll_back;
                }
                PgResult stored = db.query("SELECT sha256 FROM library_versions "
                                           "WHERE item = $1 AND version = $2",
                                           {package.id, package.version});
                if (!stored.ok()) return pg_roll_back(stored, "reading the library: ", retry, why);
                if (stored.rows()) {
                    if (stored.text(0, 0) != package.sha256) {
                        outcome = AddPackageOutcome::Conflict;
                        why = other_bytes_problem(package, stored.text(0, 0));
                    } else {
                        outcome = AddPackageOutcome::AlreadyStored;
                    }
                    return PgTransactionStep::roll_back;
                }
                file = library_file_for(library_dir_, package, why);
                if (file.empty()) return PgTransactionStep::roll_back;
                const std::string context = "storing " + package.id + ": ";
                const PgParam now = pg_param(now_utc_ms());
                PgResult add_item = db.query("INSERT INTO library_items(id, owner_venue, "
                                             "added_utc_ms) VALUES($1, $2, $3) "
                                             "ON CONFLICT(id) DO NOTHING",
                                             {package.id, package.owner_venue, now});
                if (!add_item.ok()) return pg_roll_back(add_item, context, retry, why);
                PgResult add_version = db.query(
                    "INSERT INTO library_versions(item, version, kind, title_zh, title_en, "
                    "publisher_key_id, sha256, size, file_path, digest, added_utc_ms) "
                    "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    {package.id, package.version, package.kind, package.title_zh, package.title_en,
                     package.publisher_key_id, package.sha256, pg_param(package.size), file,
                     pg_bytea(package.digest), now});
                if (!add_version.ok()) return pg_roll_back(add_version, context, retry, why);
                for (size_t row = 0; row < package.reviews.size(); ++row) {
                    const LibraryReview& review = package.reviews[row];
                    PgResult add_review =
                        db.query("INSERT INTO library_reviews(item, version, row, reviewer_key_id, "
                                 "verdict, reviewed, expires, note, signature, trusted) "
                                 "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                                 {package.id, package.version, pg_param(static_cast<int64_t>(row)),
                                  review.reviewer_key_id, review.verdict, review.reviewed,
                                  review.expires, review.note, pg_bytea(review.signature),
                                  pg_param(review.trusted ? "true" : "false")});
                    if (!add_review.ok()) return pg_roll_back(add_review, context, retry, why);
                }
                // The file is in place before the rows commit: a crash between
                // the two leaves an unlisted file that the next upload of that
                // version replaces.
                if (std::rename(staged_file.c_str(), file.c_str()) != 0) {
                    why = file + ": cannot move the package into the library";
                    return PgTransactionStep::roll_back;
                }
                outcome = AddPackageOutcome::Added;
                return PgTransactionStep::commit;
            },
            transaction_error);
        if (outcome == AddPackageOutcome::Added && !committed) {
            fs::remove(file, ignored);
            outcome = AddPackageOutcome::Failed;
        }
        if (outcome != AddPackageOutcome::Added) fs::remove(staged_file, ignored);
        if (outcome == AddPackageOutcome::Failed || outcome == AddPackageOutcome::Conflict)
            error = transaction_error;
        return outcome;
    }

    std::vector<LibraryItem> items() override { return select_items(""); }

    std::optional<LibraryItem> find_item(const std::string& id) override {
        std::vector<LibraryItem> found = select_items(id);
        if (found.empty()) return std::nullopt;
        return std::move(found.front());
    }

    bool publish_item(const std::string& id, std::string& error) override {
        PgResult update =
            pg_query(*pool_, "UPDATE library_items SET published = true WHERE id = $1", {id});
        if (!update.ok()) {
            error = "publishing " + id + ": " + update.error();
            return false;
        }
        if (update.affected_rows() == 0) {
            error = unknown_item_problem(id);
            return false;
        }
        return true;
    }

    bool share_item(const std::string& id, std::string& error) override {
        PgResult owner =
            pg_query(*pool_, "SELECT owner_venue FROM library_items WHERE id = $1", {id});
        if (!owner.ok()) {
            error = "sharing " + id + ": " + owner.error();
            return false;
        }
        if (!owner.rows()) {
            error = unknown_item_problem(id);
            return false;
        }
        if (owner.text(0, 0).empty()) {
            error = id + " is the province's own package: publish it instead of sharing it";
            return false;
        }
        PgResult update =
            pg_query(*pool_, "UPDATE library_items SET shared = true WHERE id = $1", {id});
        if (!update.ok()) {
            error = "sharing " + id + ": " + update.error();
            return false;
        }
        return true;
    }

    bool assign(const std::string& kiosk, const std::vector<std::string>& items,
                std::string& error) override {
        return with_pg_transaction(
            *pool_, "READ COMMITTED",
            [&](PgConnection& db, bool& retry, std::string& why) {
                const std::string context = "assigning to " + kiosk + ": ";
                PgResult locked = db.query(kLockKioskSql, {kiosk});
                if (!locked.ok()) return pg_roll_back(locked, context, retry, why);
                PgResult venue = db.query("SELECT venue FROM kiosks WHERE id = $1", {kiosk});
                if (!venue.ok()) return pg_roll_back(venue, context, retry, why);
                if (!venue.rows()) {
                    why = "no kiosk " + kiosk + " (add it with admin add-kiosk)";
                    return PgTransactionStep::roll_back;
                }
                const std::string kiosk_venue = venue.text(0, 0);
                std::set<std::string> seen;
                for (const std::string& id : items) {
                    if (!seen.insert(id).second) {
                        why = id + " is listed twice";
                        return PgTransactionStep::roll_back;
                    }
                    PgResult item = db.query("SELECT owner_venue, published, shared "
                                             "FROM library_items WHERE id = $1",
                                             {id});
                    if (!item.ok()) return pg_roll_back(item, context, retry, why);
                    if (!item.rows()) {
                        why = unknown_item_problem(id);
                        return PgTransactionStep::roll_back;
                    }
                    why = assignment_problem(id, item.text(0, 0), is_true(item, 0, 1),
                                             is_true(item, 0, 2), kiosk_venue);
                    if (!why.empty()) return PgTransactionStep::roll_back;
                }
                PgResult clear =
                    db.query("DELETE FROM library_assignments WHERE kiosk = $1", {kiosk});
                if (!clear.ok()) return pg_roll_back(clear, context, retry, why);
                for (size_t position = 0; position < items.size(); ++position) {
                    PgResult insert = db.query(
                        "INSERT INTO library_assignments(kiosk, position, "
                        "item) VALUES($1, $2, $3)",
                        {kiosk, pg_param(static_cast<int64_t>(position)), items[position]});
                    if (!insert.ok()) return pg_roll_back(insert, context, retry, why);
                }
                return PgTransactionStep::commit;
            },
            error);
    }

    std::vector<KioskAssignment> assignments() override {
        std::vector<KioskAssignment> result;
        PgResult rows = pg_query(*pool_, "SELECT kiosk, item FROM library_assignments "
                                         "ORDER BY kiosk, position");
        for (int row = 0; row < rows.rows(); ++row) {
            if (result.empty() || result.back().kiosk != rows.text(row, 0))
                result.push_back({rows.text(row, 0), {}});
            result.back().items.push_back(rows.text(row, 1));
        }
        return result;
    }

    std::vector<AssignedPackage> assigned_packages(const std::string& kiosk,
                                                   const std::string& today) override {
        std::vector<AssignedPackage> result;
        PgResult assigned = pg_query(*pool_,
                                     "SELECT item FROM library_assignments WHERE kiosk = $1 "
                                     "ORDER BY position",
                                     {kiosk});
        for (int row = 0; row < assigned.rows(); ++row)
            if (std::optional<AssignedPackage> package =
                    newest_approved(select_versions(assigned.text(row, 0), ""), today))
                result.push_back(std::move(*package));
        return result;
    }

    std::optional<LibraryPackage> find_package(const std::string& id,
                                               const std::string& version) override {
        std::vector<LibraryPackage> found = select_versions(id, version);
        if (found.empty()) return std::nullopt;
        return std::move(found.front());
    }

    std::optional<StoredSnapshot> last_snapshot(const std::string& kiosk) override {
        PgResult row = pg_query(*pool_,
                                "SELECT version, fingerprint, issued_utc_ms, expires_utc_ms, "
                                "document, signature, key_id FROM library_snapshots "
                                "WHERE kiosk = $1",
                                {kiosk});
        if (!row.rows()) return std::nullopt;
        StoredSnapshot snapshot;
        snapshot.kiosk = kiosk;
        snapshot.version = row.int64(0, 0);
        snapshot.fingerprint = row.text(0, 1);
        snapshot.issued_utc_ms = row.int64(0, 2);
        snapshot.expires_utc_ms = row.int64(0, 3);
        snapshot.document = row.bytes(0, 4);
        snapshot.signature = row.bytes(0, 5);
        snapshot.key_id = row.text(0, 6);
        return snapshot;
    }

    bool store_snapshot(const StoredSnapshot& snapshot, std::string& error) override {
        PgResult upsert =
            pg_query(*pool_,
                     "INSERT INTO library_snapshots(kiosk, version, fingerprint, issued_utc_ms, "
                     "expires_utc_ms, document, signature, key_id) "
                     "SELECT $1, $2::bigint, $3, $4::bigint, $5::bigint, $6::bytea, $7::bytea, $8 "
                     "WHERE EXISTS (SELECT 1 FROM kiosks WHERE id = $1) "
                     "ON CONFLICT(kiosk) DO UPDATE SET version = excluded.version, "
                     "fingerprint = excluded.fingerprint, issued_utc_ms = excluded.issued_utc_ms, "
                     "expires_utc_ms = excluded.expires_utc_ms, document = excluded.document, "
                     "signature = excluded.signature, key_id = excluded.key_id "
                     "WHERE excluded.version > library_snapshots.version",
                     {snapshot.kiosk, pg_param(snapshot.version), snapshot.fingerprint,
                      pg_param(snapshot.issued_utc_ms), pg_param(snapshot.expires_utc_ms),
                      pg_bytea(snapshot.document), pg_bytea(snapshot.signature), snapshot.key_id});
        const std::string context = "storing the snapshot of " + snapshot.kiosk + ": ";
        if (!upsert.ok()) {
            error = context + upsert.error();
            return false;
        }
        if (upsert.affected_rows() == 1) return true;
        PgResult kiosk = pg_query(*pool_, "SELECT 1 FROM kiosks WHERE id = $1", {snapshot.kiosk});
        if (!kiosk.ok() || !kiosk.rows()) {
            error = context + (kiosk.ok() ? "no kiosk " + snapshot.kiosk : kiosk.error());
            return false;
        }
        error = "snapshot version " + std::to_string(snapshot.version) + " of kiosk " +
                snapshot.kiosk + " is not higher than the stored one";
        return false;
    }

private:
    // Every version of `id` (one when `version` is given), newest first, with reviews.
    std::vector<LibraryPackage> select_versions(const std::string& id, const std::string& version) {
        std::vector<LibraryPackage> result;
        std::string error;
        PgPool::Lease db = pool_->acquire(error);
        if (!db) return result;
        PgResult rows =
            db->query("SELECT v.version, v.kind, v.title_zh, v.title_en, v.publisher_key_id, "
                      "i.owner_venue, v.sha256, v.size, v.file_path, v.added_utc_ms, v.digest "
                      "FROM library_versions v JOIN library_items i ON i.id = v.item "
                      "WHERE v.item = $1 AND ($2 = '' OR v.version = $2)",
                      {id, version});
        for (int row = 0; row < rows.rows(); ++row) {
            LibraryPackage package;
            package.id = id;
            package.version = rows.text(row, 0);
            package.kind = rows.text(row, 1);
            package.title_zh = rows.text(row, 2);
            package.title_en = rows.text(row, 3);
            package.publisher_key_id = rows.text(row, 4);
            package.owner_venue = rows.text(row, 5);
            package.sha256 = rows.text(row, 6);
            package.size = rows.int64(row, 7);
            package.file_path = rows.text(row, 8);
            package.added_utc_ms = rows.int64(row, 9);
            package.digest = rows.bytes(row, 10);
            result.push_back(std::move(package));
        }
        for (LibraryPackage& package : result) {
            PgResult reviews = db->query("SELECT reviewer_key_id, verdict, reviewed, expires, "
                                         "trusted, note, signature FROM library_reviews "
                                         "WHERE item = $1 AND version = $2 ORDER BY row",
                                         {id, package.version});
            for (int row = 0; row < reviews.rows(); ++row)
                package.reviews.push_back({reviews.text(row, 0), reviews.text(row, 1),
                                           reviews.text(row, 2), reviews.text(row, 3),
                                           is_true(reviews, row, 4), reviews.text(row, 5),
                                           reviews.bytes(row, 6)});
        }
        std::sort(result.begin(), result.end(), newer_first);
        return result;
    }

    std::vector<LibraryItem> select_items(const std::string& only) {
        std::vector<LibraryItem> result;
        PgResult rows = pg_query(*pool_,
                                 "SELECT id, owner_venue, published, shared FROM library_items "
                                 "WHERE $1 = '' OR id = $1 ORDER BY id",
                                 {only});
        for (int row = 0; row < rows.rows(); ++row)
            result.push_back({rows.text(row, 0), rows.text(row, 1), is_true(rows, row, 2),
                              is_true(rows, row, 3)});
        for (LibraryItem& item : result)
            item.versions = select_versions(item.id, "");
        return result;
    }

    std::shared_ptr<PgPool> pool_;
    std::string library_dir_;
};

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Opening
//-----------------------------------------------------------------------------

std::unique_ptr<LibraryStore> open_postgres_library_store(const StoreLocation& location,
                                                          std::string& error) {
    std::shared_ptr<PgPool> pool = pg_pool_for(location.database_url, location.connections);
    if (!migrate_postgres_part(*pool, "library", kLibrarySteps, "library", error)) return nullptr;
    if (!make_private_folder((std::filesystem::path(location.data_dir) / "library").string(),
                             error))
        return nullptr;
    return std::make_unique<PostgresLibraryStore>(std::move(pool), location.data_dir);
}

} // namespace kiosk::hub
