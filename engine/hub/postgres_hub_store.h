// The PostgreSQL HubStore (issue 22), shared by its three files:
// postgres_hub_schema.cpp (the schema's versions, the month partitions of
// the usage rollups and their retention), postgres_hub_store.cpp (opening,
// administration, apply_sync) and postgres_hub_queries.cpp (the dashboard's
// reads). It gives exactly the answers SqliteHubStore gives for the same
// calls (sqlite_hub_store.h has the rules); what differs is how:
//
//   buckets, venue_totals, province_totals are PARTITION BY RANGE (day), one
//       partition per calendar month (buckets_YYYYMM, ...), made when a batch
//       first needs the month. Retention is detaching (then dropping) a
//       month's three partitions: drop_postgres_usage_before.
//   apply_sync stores a batch's buckets in ONE statement (the batch is one
//       jsonb parameter, INSERT .. SELECT FROM jsonb_to_recordset .. ON
//       CONFLICT DO UPDATE .. WHERE buckets.seq < excluded.seq). The totals
//       follow from two statement-level triggers on buckets whose transition
//       tables (the rows inserted; the old and new versions of the rows
//       updated) are exactly what the upsert changed, so each totals row
//       gets one summed delta in the same transaction, locked in key order.
//   The transaction is READ COMMITTED: the upsert's ON CONFLICT and the
//       totals' "value = value + delta" act on the latest committed row
//       under its row lock, so two hub processes never lose an update; the
//       kiosk's row is locked first (SELECT .. FOR UPDATE), so syncs of one
//       kiosk (the epoch limit, the heartbeat) take turns. A deadlock is
//       retried by with_pg_transaction.
//   A total past 64 bits is bigint overflow (22003) in the triggers: the
//       batch is refused with SQLite's message, found by replaying the batch
//       against the stored values.
#pragma once

#include "hub_store.h"
#include "postgres_connection.h"

#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace kiosk::hub {

// The hub part's schema steps (index 0 = version 1).
std::span<const char* const> postgres_hub_schema_steps();

// Makes the month partitions (YYYYMM as 202611) of the usage tables that do
// not exist yet, under an advisory lock, so two hub processes needing the same
// month make it once. False with `error` when it cannot.
bool make_month_partitions(PgPool& pool, const std::set<int>& months, std::string& error);

// A statement with named parameters (:from, :to, :venue, :kiosk, ...) turned
// into $1..$n in the order of first use, with the values to bind.
struct PgStatement {
    std::string sql;
    std::vector<PgParam> params;
};
PgStatement with_named_params(const std::string& sql,
                              const std::vector<std::pair<std::string, PgParam>>& values);

class PostgresHubStore final : public HubStore {
public:
    PostgresHubStore(std::shared_ptr<PgPool> pool) : pool_(std::move(pool)) {}

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

    // Runs a read; throws StoreReadError (`what`: the message) when it fails.
    PgResult read(const PgStatement& statement, const char* what);

private:
    std::vector<KioskRecord> select_kiosks(const std::string& venue);
    std::vector<MetricTotal> sum_metrics(const QueryScope& scope, const char* where,
                                         const char* what);
    bool change(const std::string& sql, const std::vector<PgParam>& params, int64_t& changed,
                std::string& error);

    std::shared_ptr<PgPool> pool_;
    std::mutex mutex_;                     // guards the two below
    std::set<int> months_made_;            // partitions known to exist (YYYYMM)
    int64_t contacts_pruned_utc_day_ = -1; // the hub's UTC day of the last prune
};

} // namespace kiosk::hub
