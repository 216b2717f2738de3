// The SQLite HubStore: hub.db in the data folder, WAL with synchronous=FULL
// (a sync acknowledged to a kiosk is on disk), schema versioned with
// PRAGMA user_version. One connection, used by one thread at a time; other
// processes (the admin commands while the server runs) wait on SQLite's lock.
//
//   venues(id, name_zh, name_en, kind, created_utc_ms)
//   kiosks(id, venue, token_hash, public_key, created_utc_ms, and the last
//          heartbeat: last_seen_utc_ms, software_version, content_json,
//          uptime_s, disk_free_mb, errors, clock_skew_ms)
//   kiosk_epochs(kiosk, epoch, through_seq, first_seen_utc_ms, last_sync_utc_ms)
//   buckets(kiosk, epoch, day, kind, subject, metric, value, seq)
//       one row per synced bucket; replaced only by a higher seq
//   venue_totals(venue, kind, metric, day, subject, value)
//       the sum of buckets over kiosks and epochs, kept by triggers on buckets
//       in the same transaction, so dashboard queries never scan buckets
//   province_totals(kind, metric, day, subject, value)        (version 2)
//       the same sums over every venue, kept by the same triggers, for the
//       province administrators' all-venue queries
//   users(name, password_hash, role, venue, created_utc_ms)
//   subject_titles(kind, subject, zh, en, updated_utc_ms)       (version 3)
//       the display names kiosks send with their batches, latest wins;
//       replaced in version 4 by
//   venue_subject_titles(seen, venue, kind, subject, zh, en, updated_utc_ms)
//       the same per venue (latest of the venue's kiosks wins); `seen` grows
//       each time a venue's title changes, for the all-venue tie-break
//   kiosks.revoked_utc_ms                                      (version 3)
//       when `admin revoke-kiosk` cleared its token and bundle key (0: never)
//   Version 4 also makes the totals' triggers refuse (RAISE) a sum that
//   would exceed 64 bits instead of letting SQLite turn it into a float.
//   venues.open_minute, close_minute, closed_weekdays                (version 6)
//       opening hours (hub_store.h OpeningHours), 09:00-17:00 daily by default
//   kiosk_contacts(kiosk, utc_day, hours)                             (version 6)
//       the contact history: bit h of `hours` is set when the hub heard from
//       the kiosk in UTC hour h of day `utc_day` (days since 1970-01-01): a
//       sync at the hub's clock, a bundle at its export time. One row per
//       kiosk and day (about 12 MB a year for 1,000 kiosks). Kept
//       kContactRetentionDays; a sync's transaction prunes older days, at
//       most once a UTC day per process.
#pragma once

#include "hub_store.h"
#include "library_store.h"
#include "notice_store.h"
#include "report_schedule_store.h"

#include "core/sqlite_statement.h"

#include <sqlite3.h>

#include <memory>
#include <mutex>
#include <span>
#include <string>

namespace kiosk::hub {

constexpr int kHubSchemaVersion = 6;

// The SQL that takes hub.db from schema version `version - 1` to `version`
// (1..kHubSchemaVersion), as open() runs it; tests build older databases with it.
const char* hub_schema_step(int version);

// hub.db in `data_dir`, opened as every user of it opens it: the folder made
// private, the file 0600 and never through a link, WAL, synchronous=FULL,
// foreign keys on, SQLite's lock waited on, migrated to kHubSchemaVersion.
// nullptr with `error` (naming the file) otherwise. Several connections of
// one process may be open at once (the hub store and the library store);
// each is closed with close_hub_database.
sqlite3* open_hub_database(const std::string& data_dir, std::string& error);
void close_hub_database(sqlite3* db);

// Migrates one part of hub.db kept by its own store (the library, the
// notices) with its own schema version, so the hub's PRAGMA user_version
// sequence stays the hub store's alone: `schema_table`(version) holds the
// number of `steps` applied (steps[0] makes version 1). Refuses a newer
// version than `steps` knows ("the WHAT in hub.db has schema version N, newer
// than this kiosk-hub").
bool migrate_hub_part(sqlite3* db, const char* schema_table, std::span<const char* const> steps,
                      const char* what, std::string& error);

// Steps `select` through its rows, calling `row` for each. Throws
// StoreReadError when the statement fails (an SQLite error, or sum()'s
// "integer overflow") rather than ending as if there were no more rows.
template <typename Row> void read_rows(SqliteStatement& select, const char* what, Row row) {
    if (!select.ok()) throw StoreReadError(std::string(what) + ": " + select.error());
    int result = SQLITE_ROW;
    while ((result = select.step()) == SQLITE_ROW)
        row();
    if (result != SQLITE_DONE)
        throw StoreReadError(
            std::string(what) + ": " + select.error() +
            (select.error() == "integer overflow" ? " (a sum exceeds 64 bits)" : ""));
}

// The SQLite twins of open_library_store, open_notice_store and
// open_report_schedule_store, over DATA/hub.db.
std::unique_ptr<LibraryStore> open_sqlite_library_store(const std::string& data_dir,
                                                        std::string& error);
std::unique_ptr<NoticeStore> open_sqlite_notice_store(const std::string& data_dir,
                                                      std::string& error);
std::unique_ptr<ReportScheduleStore> open_sqlite_report_schedule_store(const std::string& data_dir,
                                                                       std::string& error);

class SqliteHubStore final : public HubStore {
public:
    static std::unique_ptr<SqliteHubStore> open(const std::string& data_dir, std::string& error);
    ~SqliteHubStore() override;
    SqliteHubStore(const SqliteHubStore&) = delete;
    SqliteHubStore& operator=(const SqliteHubStore&) = delete;

    bool add_venue(const Venue& venue, std::string& error) override;
    bool add_kiosk(const KioskRecord& kiosk, std::string& error) override;
    bool add_user(const UserRecord& user, std::string& error) override;
    std::vector<Venue> venues() override;
    std::vector<KioskRecord> kiosks() override;
    std::vector<UserRecord> users() override;
    std::optional<Venue> find_venue(const std::string& id) override;
    std::optional<KioskRecord> find_kiosk(const std::string& id) override;
    std::optional<UserRecord> find_user(const std::string& name) override;
    bool revoke_kiosk(const std::string& id, int64_t now_utc_ms, std::string& error) override;

    SyncResult apply_sync(const SyncWrite& write, int64_t& stored, std::string& error) override;

    std::vector<DayTotals> daily_totals(const QueryScope& scope) override;
    std::vector<HourOfWeek> sessions_by_hour_of_week(const QueryScope& scope) override;
    std::vector<ExhibitTotals> top_exhibits(const QueryScope& scope, ExhibitOrder order,
                                            int limit) override;
    std::vector<QuestionTotals> quiz_accuracy(const QueryScope& scope) override;
    std::vector<KioskRecord> kiosk_health(const std::string& venue) override;
    std::map<std::string, int64_t> kiosk_sessions(const QueryScope& scope) override;
    std::vector<MetricTotal> metric_totals(const QueryScope& scope) override;
    std::vector<MetricTotal> finding_totals(const QueryScope& scope) override;
    std::vector<sync::SubjectTitle> subject_titles(const std::string& venue,
                                                   const std::string& kind) override;
    std::map<std::string, int64_t> epochs_opened_since(const std::string& venue,
                                                       int64_t since_utc_ms) override;
    bool set_opening_hours(const std::string& venue, const OpeningHours& hours,
                           std::string& error) override;
    std::vector<AvailabilityDay> kiosk_availability(const QueryScope& scope,
                                                    int32_t utc_offset_min) override;
    std::vector<VenueSummary> venue_summaries(const QueryScope& scope) override;

private:
    explicit SqliteHubStore(sqlite3* db) : db_(db) {}
    std::vector<KioskRecord> select_kiosks(const std::string& venue);

    std::mutex mutex_;                     // one statement sequence at a time on db_
    int64_t contacts_pruned_utc_day_ = -1; // the hub's UTC day of the last prune
    sqlite3* db_ = nullptr;
};

} // namespace kiosk::hub
