// The SQLite NoticeStore (notice_store.h): the emergency notices' tables in
// hub.db, opened by open_hub_database (same file rules and hub migrations)
// with their own schema version in notice_schema. A message is kept as it was
// signed (the exact bytes, the signature, the key id) and parsed again when
// read, so what the dashboard shows is what the kiosks verify. Every value is
// bound as a parameter.
//
//   notice_schema(version)                       one row: the steps applied
//   notices(seq, sender, identifier, msg_type, sent_utc_ms, expires_utc_ms,
//           all_venues, document, signature, key_id, author, stored_utc_ms,
//           retired_seq)                         seq is the notice version
//   notice_venues(seq, venue)                    the venues of a notice (none: all)
//   notice_receipts(kiosk, identifier, venue, first_shown_utc_ms, showing,
//                   viewers, opened, reported_utc_ms)
//   venue_divisions(venue, code)                 GB/T 2260 codes, 6 digits
//   notice_area_routes(area, venue)              areaDesc / geocode -> venue
#include "notice_store.h"

#include "core/log.h"
#include "core/sqlite_statement.h"
#include "sqlite_hub_store.h"

#include <algorithm>
#include <filesystem>
#include <mutex>

namespace kiosk::hub {
namespace {

// The notices' schema, one entry per version (index 0 = version 1).
const char* const kNoticeSteps[] = {
    R"sql(
CREATE TABLE notices(
  seq INTEGER PRIMARY KEY,
  sender TEXT NOT NULL,
  identifier TEXT NOT NULL,
  msg_type TEXT NOT NULL,
  sent_utc_ms INTEGER NOT NULL,
  expires_utc_ms INTEGER NOT NULL,
  all_venues INTEGER NOT NULL,
  document BLOB NOT NULL,
  signature BLOB NOT NULL,
  key_id TEXT NOT NULL,
  author TEXT NOT NULL,
  stored_utc_ms INTEGER NOT NULL,
  retired_seq INTEGER NOT NULL DEFAULT 0,
  UNIQUE(sender, identifier));
CREATE INDEX notices_by_identifier ON notices(identifier);
CREATE TABLE notice_venues(
  seq INTEGER NOT NULL REFERENCES notices(seq),
  venue TEXT NOT NULL,
  PRIMARY KEY(seq, venue)) WITHOUT ROWID;
CREATE INDEX notice_venues_by_venue ON notice_venues(venue, seq);
CREATE TABLE notice_receipts(
  kiosk TEXT NOT NULL REFERENCES kiosks(id),
  identifier TEXT NOT NULL,
  venue TEXT NOT NULL,
  first_shown_utc_ms INTEGER NOT NULL,
  showing INTEGER NOT NULL,
  viewers INTEGER NOT NULL,
  opened INTEGER NOT NULL,
  reported_utc_ms INTEGER NOT NULL,
  PRIMARY KEY(identifier, kiosk)) WITHOUT ROWID;
CREATE TABLE venue_divisions(
  venue TEXT PRIMARY KEY REFERENCES venues(id),
  code TEXT NOT NULL);
CREATE TABLE notice_area_routes(
  area TEXT NOT NULL,
  venue TEXT NOT NULL REFERENCES venues(id),
  PRIMARY KEY(area, venue)) WITHOUT ROWID;
)sql",
};

bool is_constraint(const SqliteStatement& statement) {
    return (statement.error_code() & 0xff) == SQLITE_CONSTRAINT;
}

class SqliteNoticeStore final : public NoticeStore {
public:
    explicit SqliteNoticeStore(sqlite3* db) : db_(db) {}
    ~SqliteNoticeStore() override { close_hub_database(db_); }
    SqliteNoticeStore(const SqliteNoticeStore&) = delete;
    SqliteNoticeStore& operator=(const SqliteNoticeStore&) = delete;

    AddNoticeOutcome add(const sync::SignedDocument& signed_notice, const sync::Notice& notice,
                         const std::string& author, int64_t now_utc_ms,
                         std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteTransaction transaction(db_);
        if (!transaction.begin(error)) return AddNoticeOutcome::Failed;
        SqliteStatement existing(db_, "SELECT seq FROM notices WHERE sender = ?1 AND "
                                      "identifier = ?2");
        if (existing.bind(1, notice.sender).bind(2, notice.identifier).next()) {
            error = "notice " + notice.identifier + " of " + notice.sender + " is already stored";
            return AddNoticeOutcome::Duplicate;
        }
        if (!existing.ok()) return failed(existing, error);

        // The references: each stored, with the same sent time, still in force.
        std::vector<int64_t> retiring;
        SqliteStatement referenced(db_, "SELECT seq, sent_utc_ms, msg_type, retired_seq "
                                        "FROM notices WHERE sender = ?1 AND identifier = ?2");
        for (const sync::NoticeReference& reference : notice.references) {
            referenced.reset();
            const bool found =
                referenced.bind(1, reference.sender).bind(2, reference.identifier).next();
            if (!referenced.ok()) return failed(referenced, error);
            if (!found || referenced.integer(1) != reference.sent_utc_ms) {
                error = "references: no stored notice " + reference.identifier + " of " +
                        reference.sender + " sent at that time";
                return AddNoticeOutcome::UnknownReference;
            }
            if (referenced.integer(3) != 0 || referenced.text(2) == "Cancel") {
                error = "references: notice " + reference.identifier +
                        " is already cancelled or replaced";
                return AddNoticeOutcome::AlreadyRetired;
            }
            retiring.push_back(referenced.integer(0));
        }

        SqliteStatement insert(
            db_, "INSERT INTO notices(sender, identifier, msg_type, sent_utc_ms, expires_utc_ms, "
                 "all_venues, document, signature, key_id, author, stored_utc_ms) "
                 "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
        insert.bind(1, notice.sender).bind(2, notice.identifier);
        insert.bind(3, sync::to_cap(notice.msg_type)).bind(4, notice.sent_utc_ms);
        insert.bind(5, notice.expires_utc_ms).bind(6, notice.venues.empty() ? 1 : 0);
        insert.bind_blob(7, signed_notice.document).bind_blob(8, signed_notice.signature);
        insert.bind(9, signed_notice.key_id).bind(10, author).bind(11, now_utc_ms);
        if (!insert.run()) return failed(insert, error);
        const int64_t seq = sqlite3_last_insert_rowid(db_);
        SqliteStatement venue(db_, "INSERT OR IGNORE INTO notice_venues(seq, venue) "
                                   "VALUES(?1, ?2)");
        for (const std::string& id : notice.venues) {
            venue.reset();
            if (!venue.bind(1, seq).bind(2, id).run()) return failed(venue, error);
        }
        SqliteStatement retire(db_, "UPDATE notices SET retired_seq = ?1 WHERE seq = ?2");
        for (int64_t retired : retiring) {
            retire.reset();
            if (!retire.bind(1, seq).bind(2, retired).run()) return failed(retire, error);
        }
        return transaction.commit(error) ? AddNoticeOutcome::Added : AddNoticeOutcome::Failed;
    }

    int64_t version() override {
        std::lock_guard lock(mutex_);
        SqliteStatement max(db_, "SELECT coalesce(max(seq), 0) FROM notices");
        int64_t version = 0;
        read_rows(max, "the notice version", [&] { version = max.integer(0); });
        return version;
    }

    std::vector<StoredNotice> feed_for_venue(const std::string& venue,
                                             int64_t now_utc_ms) override {
        std::lock_guard lock(mutex_);
        // The newest kMaxFeedNotices, sent oldest first (an Alert before its Update).
        std::vector<StoredNotice> feed = select(
            "WHERE n.expires_utc_ms > ?1 AND (n.retired_seq = 0 OR n.msg_type = 'Cancel') AND "
            "(n.all_venues = 1 OR EXISTS (SELECT 1 FROM notice_venues v WHERE v.seq = n.seq "
            "AND v.venue = ?2)) ORDER BY n.seq DESC LIMIT ?3",
            now_utc_ms, venue, int64_t(sync::kMaxFeedNotices));
        std::reverse(feed.begin(), feed.end());
        return feed;
    }

    std::vector<StoredNotice> history(const std::string& venue, size_t limit) override {
        std::lock_guard lock(mutex_);
        return select("WHERE ?1 = ?1 AND (?2 = '' OR n.all_venues = 1 OR EXISTS (SELECT 1 FROM "
                      "notice_venues v WHERE v.seq = n.seq AND v.venue = ?2)) "
                      "ORDER BY n.seq DESC LIMIT ?3",
                      0, venue, int64_t(std::min<size_t>(limit, INT64_MAX)));
    }

    std::optional<StoredNotice> find(const std::string& sender,
                                     const std::string& identifier) override {
        std::lock_guard lock(mutex_);
        std::vector<StoredNotice> found =
            select("WHERE ?1 = ?1 AND n.sender = ?2 AND n.identifier = ?4 LIMIT ?3", 0, sender, 1,
                   identifier);
        if (found.empty()) return std::nullopt;
        return std::move(found.front());
    }

    bool store_receipts(const std::string& kiosk, const std::string& venue,
                        const std::vector<sync::NoticeReceipt>& receipts, int64_t now_utc_ms,
                        std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteTransaction transaction(db_);
        if (!transaction.begin(error)) return false;
        // The heartbeat lists every notice the kiosk holds: one it no longer
        // lists (cancelled, replaced, expired) is no longer on its screen.
        SqliteStatement not_listed(db_, "UPDATE notice_receipts SET showing = 0, "
                                        "reported_utc_ms = ?2 WHERE kiosk = ?1 AND showing = 1");
        not_listed.bind(1, kiosk).bind(2, now_utc_ms);
        if (!not_listed.run()) {
            error = "storing notice receipts: " + not_listed.error();
            return false;
        }
        // Receipts for identifiers the hub never issued are not kept: a kiosk
        // cannot fill hub.db with made-up identifiers.
        SqliteStatement upsert(
            db_, "INSERT INTO notice_receipts(kiosk, identifier, venue, first_shown_utc_ms, "
                 "showing, viewers, opened, reported_utc_ms) "
                 "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 "
                 "WHERE EXISTS (SELECT 1 FROM notices WHERE identifier = ?2) "
                 "ON CONFLICT(identifier, kiosk) DO UPDATE SET venue = excluded.venue, "
                 "first_shown_utc_ms = excluded.first_shown_utc_ms, showing = excluded.showing, "
                 "viewers = excluded.viewers, opened = excluded.opened, "
                 "reported_utc_ms = excluded.reported_utc_ms");
        for (const sync::NoticeReceipt& receipt : receipts) {
            upsert.reset();
            upsert.bind(1, kiosk).bind(2, receipt.identifier).bind(3, venue);
            upsert.bind(4, receipt.first_shown_utc_ms).bind(5, receipt.showing ? 1 : 0);
            upsert.bind(6, receipt.viewers).bind(7, receipt.opened).bind(8, now_utc_ms);
            if (!upsert.run()) {
                error = "storing notice receipts: " + upsert.error();
                return false;
            }
        }
        return transaction.commit(error);
    }

    std::vector<StoredReceipt> receipts_for(const std::string& identifier) override {
        std::lock_guard lock(mutex_);
        std::vector<StoredReceipt> result;
        SqliteStatement select(db_, "SELECT kiosk, venue, first_shown_utc_ms, showing, viewers, "
                                    "opened, reported_utc_ms FROM notice_receipts "
                                    "WHERE identifier = ?1 ORDER BY kiosk");
        select.bind(1, identifier);
        read_rows(select, "the notice's receipts", [&] {
            StoredReceipt receipt;
            receipt.kiosk = select.text(0);
            receipt.venue = select.text(1);
            receipt.receipt = {identifier, select.integer(2), select.integer(3) != 0,
                               select.integer(4), select.integer(5)};
            receipt.reported_utc_ms = select.integer(6);
            result.push_back(std::move(receipt));
        });
        return result;
    }

    bool set_venue_division(const std::string& venue, const std::string& code,
                            std::string& error) override {
        if ((error = division_code_problem(code)) != "") return false;
        std::lock_guard lock(mutex_);
        SqliteStatement write(db_, code.empty()
                                       ? "DELETE FROM venue_divisions WHERE venue = ?1"
                                       : "INSERT INTO venue_divisions(venue, code) VALUES(?1, ?2) "
                                         "ON CONFLICT(venue) DO UPDATE SET code = excluded.code");
        write.bind(1, venue);
        if (!code.empty()) write.bind(2, code);
        if (write.run()) return true;
        error = is_constraint(write) ? "--venue: no venue " + venue
                                     : "setting the division code: " + write.error();
        return false;
    }

    std::vector<std::pair<std::string, std::string>> venue_divisions() override {
        std::lock_guard lock(mutex_);
        std::vector<std::pair<std::string, std::string>> result;
        SqliteStatement select(db_, "SELECT venue, code FROM venue_divisions ORDER BY venue");
        read_rows(select, "the venues' division codes",
                  [&] { result.emplace_back(select.text(0), select.text(1)); });
        return result;
    }

    bool add_area_route(const AreaRoute& route, std::string& error) override {
        if ((error = area_problem(route.area)) != "") return false;
        std::lock_guard lock(mutex_);
        SqliteStatement insert(db_, "INSERT OR IGNORE INTO notice_area_routes(area, venue) "
                                    "VALUES(?1, ?2)");
        if (insert.bind(1, route.area).bind(2, route.venue).run()) return true;
        error = is_constraint(insert) ? "--venue: no venue " + route.venue
                                      : "adding the area route: " + insert.error();
        return false;
    }

    bool remove_area_route(const AreaRoute& route, std::string& error) override {
        std::lock_guard lock(mutex_);
        SqliteStatement remove(db_, "DELETE FROM notice_area_routes WHERE area = ?1 AND "
                                    "venue = ?2");
        if (!remove.bind(1, route.area).bind(2, route.venue).run()) {
            error = "removing the area route: " + remove.error();
            return false;
        }
        if (sqlite3_changes(db_) == 0) {
            error = "--area " + route.area + " is not routed to venue " + route.venue;
            return false;
        }
        return true;
    }

    std::vector<AreaRoute> area_routes() override {
        std::lock_guard lock(mutex_);
        std::vector<AreaRoute> result;
        SqliteStatement select(db_, "SELECT area, venue FROM notice_area_routes "
                                    "ORDER BY area, venue");
        read_rows(select, "the notice area routes", [&] {
            result.push_back({select.text(0), select.text(1)});
        });
        return result;
    }

private:
    static AddNoticeOutcome failed(const SqliteStatement& statement, std::string& error) {
        error = "storing the notice: " + statement.error();
        return AddNoticeOutcome::Failed;
    }

    // The notices `where` selects (?1 an integer, ?2 text, ?3 the limit, ?4
    // text), each parsed from its signed bytes; a stored document that no
    // longer parses (a newer format, a damaged row) is logged and left out.
    std::vector<StoredNotice> select(const std::string& where, int64_t first,
                                     const std::string& second, int64_t limit,
                                     const std::string& fourth = "") {
        std::vector<StoredNotice> result;
        SqliteStatement rows(db_, "SELECT n.seq, n.document, n.signature, n.key_id, n.author, "
                                  "n.stored_utc_ms, n.retired_seq FROM notices n " +
                                      where);
        rows.bind(1, first).bind(2, second).bind(3, limit);
        if (!fourth.empty()) rows.bind(4, fourth);
        read_rows(rows, "the notices", [&] {
            StoredNotice stored;
            stored.seq = rows.integer(0);
            stored.signed_notice = {std::string(rows.blob_view(1)), std::string(rows.blob_view(2)),
                                    rows.text(3)};
            std::string error;
            std::optional<sync::Notice> notice =
                sync::parse_notice_document(stored.signed_notice.document, error);
            if (!notice) {
                log_warning("hub.db: notice " + std::to_string(stored.seq) +
                            " cannot be read and is left out: " + error);
                return;
            }
            stored.notice = std::move(*notice);
            stored.author = rows.text(4);
            stored.stored_utc_ms = rows.integer(5);
            stored.retired_seq = rows.integer(6);
            result.push_back(std::move(stored));
        });
        return result;
    }

    std::mutex mutex_; // one statement sequence at a time on db_
    sqlite3* db_;
};

} // namespace

std::unique_ptr<NoticeStore> open_sqlite_notice_store(const std::string& data_dir,
                                                      std::string& error) {
    sqlite3* db = open_hub_database(data_dir, error);
    if (!db) return nullptr;
    auto store = std::make_unique<SqliteNoticeStore>(db);
    if (!migrate_hub_part(db, "notice_schema", kNoticeSteps, "notices", error)) {
        error = (std::filesystem::path(data_dir) / "hub.db").string() + ": " + error;
        return nullptr;
    }
    return store;
}

} // namespace kiosk::hub
