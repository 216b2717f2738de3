// The PostgreSQL NoticeStore (notice_store.h, issue 22): the emergency
// notices' tables in the hub's database, migrated as the part "notices"
// (migrate_postgres_part), answering exactly as sqlite_notice_store.cpp does.
// A message is kept as signed (bytea) and parsed again when read.
//
// The notice version is the seq of the last message stored, and kiosks'
// polls compare it: with several hub processes writing, a seq must never
// become visible before a lower one (a kiosk that saw version 6 would never
// ask again for 5). So add() takes one transaction lock for all notices and
// numbers the message max(seq) + 1 under it: seqs are unique, gap-free and
// committed in order, as in SQLite.
//
// Venues and kiosks are the hub part's tables (read by name): no foreign key
// crosses the parts, so the venue of a division code or an area route and
// the kiosk of a receipt are checked in SQL, with the SQLite store's refusals.
#include "notice_store.h"

#include "core/log.h"
#include "postgres_connection.h"
#include "postgres_stores.h"

#include <algorithm>
#include <cstdint>

namespace kiosk::hub {
namespace {

// The notices' schema, one entry per version (index 0 = version 1).
const char* const kNoticeSteps[] = {
    R"sql(
CREATE TABLE notices(
  seq bigint PRIMARY KEY,
  sender text NOT NULL,
  identifier text NOT NULL,
  msg_type text NOT NULL,
  sent_utc_ms bigint NOT NULL,
  expires_utc_ms bigint NOT NULL,
  all_venues boolean NOT NULL,
  document bytea NOT NULL,
  signature bytea NOT NULL,
  key_id text NOT NULL,
  author text NOT NULL,
  stored_utc_ms bigint NOT NULL,
  retired_seq bigint NOT NULL DEFAULT 0,
  UNIQUE(sender, identifier));
CREATE INDEX notices_by_identifier ON notices(identifier);
CREATE TABLE notice_venues(
  seq bigint NOT NULL REFERENCES notices(seq),
  venue text NOT NULL,
  PRIMARY KEY(seq, venue));
CREATE INDEX notice_venues_by_venue ON notice_venues(venue, seq);
CREATE TABLE notice_receipts(
  kiosk text COLLATE "C" NOT NULL,
  identifier text NOT NULL,
  venue text NOT NULL,
  first_shown_utc_ms bigint NOT NULL,
  showing boolean NOT NULL,
  viewers bigint NOT NULL,
  opened bigint NOT NULL,
  reported_utc_ms bigint NOT NULL,
  PRIMARY KEY(identifier, kiosk));
CREATE INDEX notice_receipts_by_kiosk ON notice_receipts(kiosk);
CREATE TABLE venue_divisions(
  venue text COLLATE "C" PRIMARY KEY,
  code text NOT NULL);
CREATE TABLE notice_area_routes(
  area text COLLATE "C" NOT NULL,
  venue text COLLATE "C" NOT NULL,
  PRIMARY KEY(area, venue));
)sql",
};

// Every add() holds it until its transaction ends (see the top of the file).
constexpr const char* kLockNoticesSql = "SELECT pg_advisory_xact_lock(2203, 0)";

class PostgresNoticeStore final : public NoticeStore {
public:
    explicit PostgresNoticeStore(std::shared_ptr<PgPool> pool) : pool_(std::move(pool)) {}

    AddNoticeOutcome add(const sync::SignedDocument& signed_notice, const sync::Notice& notice,
                         const std::string& author, int64_t now_utc_ms,
                         std::string& error) override {
        AddNoticeOutcome outcome = AddNoticeOutcome::Failed;
        const std::string context = "storing the notice: ";
        const bool committed = with_pg_transaction(
            *pool_, "READ COMMITTED",
            [&](PgConnection& db, bool& retry, std::string& why) {
                outcome = AddNoticeOutcome::Failed;
                PgResult locked = db.query(kLockNoticesSql);
                if (!locked.ok()) return pg_roll_back(locked, context, retry, why);
                PgResult existing = db.query("SELECT seq FROM notices WHERE sender = $1 AND "
                                             "identifier = $2",
                                             {notice.sender, notice.identifier});
                if (!existing.ok()) return pg_roll_back(existing, context, retry, why);
                if (existing.rows()) {
                    why = "notice " + notice.identifier + " of " + notice.sender +
                          " is already stored";
                    outcome = AddNoticeOutcome::Duplicate;
                    return PgTransactionStep::roll_back;
                }
                // The references: each stored, with the same sent time, still in force.
                std::vector<std::string> retiring;
                for (const sync::NoticeReference& reference : notice.references) {
                    PgResult referenced =
                        db.query("SELECT seq, sent_utc_ms, msg_type, retired_seq "
                                 "FROM notices WHERE sender = $1 AND identifier = $2",
                                 {reference.sender, reference.identifier});
                    if (!referenced.ok()) return pg_roll_back(referenced, context, retry, why);
                    if (!referenced.rows() || referenced.int64(0, 1) != reference.sent_utc_ms) {
                        why = "references: no stored notice " + reference.identifier + " of " +
                              reference.sender + " sent at that time";
                        outcome = AddNoticeOutcome::UnknownReference;
                        return PgTransactionStep::roll_back;
                    }
                    if (referenced.int64(0, 3) != 0 || referenced.text(0, 2) == "Cancel") {
                        why = "references: notice " + reference.identifier +
                              " is already cancelled or replaced";
                        outcome = AddNoticeOutcome::AlreadyRetired;
                        return PgTransactionStep::roll_back;
                    }
                    retiring.push_back(referenced.text(0, 0));
                }
                PgResult inserted = db.query(
                    "INSERT INTO notices(seq, sender, identifier, msg_type, sent_utc_ms, "
                    "expires_utc_ms, all_venues, document, signature, key_id, author, "
                    "stored_utc_ms) SELECT coalesce(max(seq), 0) + 1, $1, $2, $3, $4::bigint, "
                    "$5::bigint, $6::boolean, $7::bytea, $8::bytea, $9, $10, $11::bigint "
                    "FROM notices RETURNING seq",
                    {notice.sender, notice.identifier, sync::to_cap(notice.msg_type),
                     pg_param(notice.sent_utc_ms), pg_param(notice.expires_utc_ms),
                     pg_param(notice.venues.empty() ? "true" : "false"),
                     pg_bytea(signed_notice.document), pg_bytea(signed_notice.signature),
                     signed_notice.key_id, author, pg_param(now_utc_ms)});
                if (!inserted.ok() || inserted.rows() != 1)
                    return pg_roll_back(inserted, context, retry, why);
                const std::string seq = inserted.text(0, 0);
                for (const std::string& venue : notice.venues) {
                    PgResult added = db.query("INSERT INTO notice_venues(seq, venue) "
                                              "VALUES($1, $2) ON CONFLICT DO NOTHING",
                                              {seq, venue});
                    if (!added.ok()) return pg_roll_back(added, context, retry, why);
                }
                for (const std::string& retired : retiring) {
                    PgResult retire = db.query("UPDATE notices SET retired_seq = $1 "
                                               "WHERE seq = $2",
                                               {seq, retired});
                    if (!retire.ok()) return pg_roll_back(retire, context, retry, why);
                }
                outcome = AddNoticeOutcome::Added;
                return PgTransactionStep::commit;
            },
            error);
        return committed
                   ? AddNoticeOutcome::Added
                   : (outcome == AddNoticeOutcome::Added ? AddNoticeOutcome::Failed : outcome);
    }

    int64_t version() override {
        PgResult max =
            pg_read(*pool_, "the notice version", "SELECT coalesce(max(seq), 0) FROM notices");
        return max.rows() ? max.int64(0, 0) : 0;
    }

    std::vector<StoredNotice> feed_for_venue(const std::string& venue,
                                             int64_t now_utc_ms) override {
        // The newest kMaxFeedNotices, sent oldest first (an Alert before its Update).
        std::vector<StoredNotice> feed = select(
            "WHERE n.expires_utc_ms > $1::bigint AND (n.retired_seq = 0 OR "
            "n.msg_type = 'Cancel') AND (n.all_venues OR EXISTS (SELECT 1 FROM notice_venues v "
            "WHERE v.seq = n.seq AND v.venue = $2)) ORDER BY n.seq DESC LIMIT $3::bigint",
            {pg_param(now_utc_ms), venue, pg_param(int64_t(sync::kMaxFeedNotices))});
        std::reverse(feed.begin(), feed.end());
        return feed;
    }

    std::vector<StoredNotice> history(const std::string& venue, size_t limit) override {
        return select("WHERE ($1 = '' OR n.all_venues OR EXISTS (SELECT 1 FROM notice_venues v "
                      "WHERE v.seq = n.seq AND v.venue = $1)) ORDER BY n.seq DESC "
                      "LIMIT $2::bigint",
                      {venue, pg_param(int64_t(std::min<size_t>(limit, INT64_MAX)))});
    }

    std::optional<StoredNotice> find(const std::string& sender,
                                     const std::string& identifier) override {
        std::vector<StoredNotice> found =
            select("WHERE n.sender = $1 AND n.identifier = $2 LIMIT 1", {sender, identifier});
        if (found.empty()) return std::nullopt;
        return std::move(found.front());
    }

    bool store_receipts(const std::string& kiosk, const std::string& venue,
                        const std::vector<sync::NoticeReceipt>& receipts, int64_t now_utc_ms,
                        std::string& error) override {
        const std::string context = "storing notice receipts: ";
        return with_pg_transaction(
            *pool_, "READ COMMITTED",
            [&](PgConnection& db, bool& retry, std::string& why) {
                // The heartbeat lists every notice the kiosk holds: one it no
                // longer lists (cancelled, replaced, expired) is no longer on
                // its screen.
                PgResult not_listed =
                    db.query("UPDATE notice_receipts SET showing = false, reported_utc_ms = $2 "
                             "WHERE kiosk = $1 AND showing",
                             {kiosk, pg_param(now_utc_ms)});
                if (!not_listed.ok()) return pg_roll_back(not_listed, context, retry, why);
                PgResult known = db.query("SELECT 1 FROM kiosks WHERE id = $1", {kiosk});
                if (!known.ok()) return pg_roll_back(known, context, retry, why);
                // Receipts for identifiers the hub never issued are not kept:
                // a kiosk cannot fill the database with made-up identifiers.
                for (const sync::NoticeReceipt& receipt : receipts) {
                    PgResult upsert = db.query(
                        "INSERT INTO notice_receipts(kiosk, identifier, venue, "
                        "first_shown_utc_ms, showing, viewers, opened, reported_utc_ms) "
                        "SELECT $1, $2, $3, $4::bigint, $5::boolean, $6::bigint, $7::bigint, "
                        "$8::bigint WHERE EXISTS (SELECT 1 FROM notices WHERE identifier = $2) "
                        "ON CONFLICT(identifier, kiosk) DO UPDATE SET venue = excluded.venue, "
                        "first_shown_utc_ms = excluded.first_shown_utc_ms, "
                        "showing = excluded.showing, viewers = excluded.viewers, "
                        "opened = excluded.opened, reported_utc_ms = excluded.reported_utc_ms",
                        {kiosk, receipt.identifier, venue, pg_param(receipt.first_shown_utc_ms),
                         pg_param(receipt.showing ? "true" : "false"), pg_param(receipt.viewers),
                         pg_param(receipt.opened), pg_param(now_utc_ms)});
                    if (!upsert.ok()) return pg_roll_back(upsert, context, retry, why);
                    if (upsert.affected_rows() == 1 && !known.rows()) {
                        why = context + "no kiosk " + kiosk;
                        return PgTransactionStep::roll_back;
                    }
                }
                return PgTransactionStep::commit;
            },
            error);
    }

    std::vector<StoredReceipt> receipts_for(const std::string& identifier) override {
        std::vector<StoredReceipt> result;
        PgResult rows = pg_read(*pool_, "the notice's receipts",
                                "SELECT kiosk, venue, first_shown_utc_ms, showing, viewers, "
                                "opened, reported_utc_ms FROM notice_receipts "
                                "WHERE identifier = $1 ORDER BY kiosk",
                                {identifier});
        for (int row = 0; row < rows.rows(); ++row) {
            StoredReceipt receipt;
            receipt.kiosk = rows.text(row, 0);
            receipt.venue = rows.text(row, 1);
            receipt.receipt = {identifier, rows.int64(row, 2), rows.text(row, 3) == "t",
                               rows.int64(row, 4), rows.int64(row, 5)};
            receipt.reported_utc_ms = rows.int64(row, 6);
            result.push_back(std::move(receipt));
        }
        return result;
    }

    bool set_venue_division(const std::string& venue, const std::string& code,
                            std::string& error) override {
        if ((error = division_code_problem(code)) != "") return false;
        const std::string context = "setting the division code: ";
        if (code.empty()) {
            PgResult remove =
                pg_query(*pool_, "DELETE FROM venue_divisions WHERE venue = $1", {venue});
            if (remove.ok()) return true;
            error = context + remove.error();
            return false;
        }
        PgResult write = pg_query(*pool_,
                                  "INSERT INTO venue_divisions(venue, code) SELECT $1, $2 "
                                  "WHERE EXISTS (SELECT 1 FROM venues WHERE id = $1) "
                                  "ON CONFLICT(venue) DO UPDATE SET code = excluded.code",
                                  {venue, code});
        if (!write.ok())
            error = context + write.error();
        else if (write.affected_rows() == 0)
            error = "--venue: no venue " + venue;
        return write.ok() && write.affected_rows() == 1;
    }

    std::vector<std::pair<std::string, std::string>> venue_divisions() override {
        std::vector<std::pair<std::string, std::string>> result;
        PgResult rows = pg_read(*pool_, "the venues' division codes",
                                "SELECT venue, code FROM venue_divisions ORDER BY venue");
        for (int row = 0; row < rows.rows(); ++row)
            result.emplace_back(rows.text(row, 0), rows.text(row, 1));
        return result;
    }

    bool add_area_route(const AreaRoute& route, std::string& error) override {
        if ((error = area_problem(route.area)) != "") return false;
        PgResult venue = pg_query(*pool_, "SELECT 1 FROM venues WHERE id = $1", {route.venue});
        if (venue.ok() && !venue.rows()) {
            error = "--venue: no venue " + route.venue;
            return false;
        }
        PgResult insert = venue.ok() ? pg_query(*pool_,
                                                "INSERT INTO notice_area_routes(area, venue) "
                                                "VALUES($1, $2) ON CONFLICT DO NOTHING",
                                                {route.area, route.venue})
                                     : std::move(venue);
        if (insert.ok()) return true;
        error = "adding the area route: " + insert.error();
        return false;
    }

    bool remove_area_route(const AreaRoute& route, std::string& error) override {
        PgResult remove =
            pg_query(*pool_, "DELETE FROM notice_area_routes WHERE area = $1 AND venue = $2",
                     {route.area, route.venue});
        if (!remove.ok()) {
            error = "removing the area route: " + remove.error();
            return false;
        }
        if (remove.affected_rows() == 0) {
            error = "--area " + route.area + " is not routed to venue " + route.venue;
            return false;
        }
        return true;
    }

    std::vector<AreaRoute> area_routes() override {
        std::vector<AreaRoute> result;
        PgResult rows = pg_read(*pool_, "the notice area routes",
                                "SELECT area, venue FROM notice_area_routes ORDER BY area, venue");
        for (int row = 0; row < rows.rows(); ++row)
            result.push_back({rows.text(row, 0), rows.text(row, 1)});
        return result;
    }

private:
    // The notices `where` selects, each parsed from its signed bytes; a
    // stored document that no longer parses (a newer format, a damaged row)
    // is logged and left out.
    std::vector<StoredNotice> select(const std::string& where, const std::vector<PgParam>& params) {
        std::vector<StoredNotice> result;
        PgResult rows = pg_read(*pool_, "the notices",
                                "SELECT n.seq, n.document, n.signature, n.key_id, n.author, "
                                "n.stored_utc_ms, n.retired_seq FROM notices n " +
                                    where,
                                params);
        for (int row = 0; row < rows.rows(); ++row) {
            StoredNotice stored;
            stored.seq = rows.int64(row, 0);
            stored.signed_notice = {rows.bytes(row, 1), rows.bytes(row, 2), rows.text(row, 3)};
            std::string error;
            std::optional<sync::Notice> notice =
                sync::parse_notice_document(stored.signed_notice.document, error);
            if (!notice) {
                log_warning("PostgreSQL store: notice " + std::to_string(stored.seq) +
                            " cannot be read and is left out: " + error);
                continue;
            }
            stored.notice = std::move(*notice);
            stored.author = rows.text(row, 4);
            stored.stored_utc_ms = rows.int64(row, 5);
            stored.retired_seq = rows.int64(row, 6);
            result.push_back(std::move(stored));
        }
        return result;
    }

    std::shared_ptr<PgPool> pool_;
};

} // namespace

std::unique_ptr<NoticeStore> open_postgres_notice_store(const StoreLocation& location,
                                                        std::string& error) {
    std::shared_ptr<PgPool> pool = pg_pool_for(location.database_url, location.connections);
    if (!migrate_postgres_part(*pool, "notices", kNoticeSteps, "notices", error)) return nullptr;
    return std::make_unique<PostgresNoticeStore>(std::move(pool));
}

} // namespace kiosk::hub
