// The PostgreSQL hub store's schema (postgres_hub_store.h): its versions, as
// migrate_postgres_part runs them, and the month partitions of the usage
// rollups: made when a batch needs them, and detached and dropped for
// retention. Text columns compare bytewise (COLLATE "C"), as SQLite's do, so
// every ORDER BY gives SQLite's order whatever the database's locale.
#include "postgres_hub_store.h"

#include "postgres_stores.h"

#include <cstdio>

namespace kiosk::hub {
namespace {

// One entry per version of the "hub" part (index 0 = version 1).
const char* const kSchemaSteps[] = {
    R"sql(
CREATE TABLE venues(
  id text COLLATE "C" PRIMARY KEY,
  name_zh text NOT NULL,
  name_en text NOT NULL,
  kind text NOT NULL CHECK(kind IN ('county_museum', 'mobile_exhibit')),
  created_utc_ms bigint NOT NULL,
  open_minute integer NOT NULL DEFAULT 540,
  close_minute integer NOT NULL DEFAULT 1020,
  closed_weekdays integer NOT NULL DEFAULT 0);
CREATE TABLE kiosks(
  id text COLLATE "C" PRIMARY KEY,
  venue text COLLATE "C" NOT NULL REFERENCES venues(id),
  token_hash text NOT NULL,
  public_key text NOT NULL DEFAULT '',
  created_utc_ms bigint NOT NULL,
  last_seen_utc_ms bigint NOT NULL DEFAULT 0,
  software_version text NOT NULL DEFAULT '',
  content_json text NOT NULL DEFAULT '[]',
  uptime_s bigint NOT NULL DEFAULT 0,
  disk_free_mb bigint NOT NULL DEFAULT 0,
  errors bigint NOT NULL DEFAULT 0,
  clock_skew_ms bigint NOT NULL DEFAULT 0,
  revoked_utc_ms bigint NOT NULL DEFAULT 0,
  content_state_json text NOT NULL DEFAULT '');
CREATE INDEX kiosks_by_venue ON kiosks(venue, id);
CREATE TABLE kiosk_epochs(
  kiosk text COLLATE "C" NOT NULL REFERENCES kiosks(id),
  epoch text COLLATE "C" NOT NULL,
  through_seq bigint NOT NULL,
  first_seen_utc_ms bigint NOT NULL,
  last_sync_utc_ms bigint NOT NULL,
  PRIMARY KEY(kiosk, epoch));
CREATE TABLE users(
  name text COLLATE "C" PRIMARY KEY,
  password_hash text NOT NULL,
  role text NOT NULL CHECK(role IN ('province_admin', 'venue_manager')),
  venue text COLLATE "C" REFERENCES venues(id),
  created_utc_ms bigint NOT NULL,
  CHECK((role = 'venue_manager') = (venue IS NOT NULL)));
CREATE TABLE venue_subject_titles(
  seen bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  venue text COLLATE "C" NOT NULL,
  kind text COLLATE "C" NOT NULL,
  subject text COLLATE "C" NOT NULL,
  zh text COLLATE "C" NOT NULL,
  en text COLLATE "C" NOT NULL,
  updated_utc_ms bigint NOT NULL,
  UNIQUE(venue, kind, subject));
CREATE INDEX venue_subject_titles_by_kind ON venue_subject_titles(kind, subject);
CREATE TABLE kiosk_contacts(
  kiosk text COLLATE "C" NOT NULL REFERENCES kiosks(id),
  utc_day bigint NOT NULL,
  hours bigint NOT NULL,
  PRIMARY KEY(kiosk, utc_day));

-- The usage rollups, one partition per month of `day` (make_month_partitions).
CREATE TABLE buckets(
  kiosk text COLLATE "C" NOT NULL,
  epoch text COLLATE "C" NOT NULL,
  day date NOT NULL,
  kind text COLLATE "C" NOT NULL,
  subject text COLLATE "C" NOT NULL,
  metric text COLLATE "C" NOT NULL,
  value bigint NOT NULL,
  seq bigint NOT NULL,
  PRIMARY KEY(kiosk, epoch, day, kind, subject, metric)) PARTITION BY RANGE (day);
CREATE TABLE venue_totals(
  venue text COLLATE "C" NOT NULL,
  kind text COLLATE "C" NOT NULL,
  metric text COLLATE "C" NOT NULL,
  day date NOT NULL,
  subject text COLLATE "C" NOT NULL,
  value bigint NOT NULL,
  PRIMARY KEY(venue, kind, metric, day, subject)) PARTITION BY RANGE (day);
CREATE TABLE province_totals(
  kind text COLLATE "C" NOT NULL,
  metric text COLLATE "C" NOT NULL,
  day date NOT NULL,
  subject text COLLATE "C" NOT NULL,
  value bigint NOT NULL,
  PRIMARY KEY(kind, metric, day, subject)) PARTITION BY RANGE (day);

-- The totals follow buckets: one summed delta per totals row and statement,
-- from the transition tables (exactly the rows the upsert inserted, and the
-- old and new versions of those it updated), in key order so that
-- concurrent writers lock totals rows in the same order. bigint arithmetic
-- raises 22003 rather than exceed 64 bits, which aborts the whole sync.
CREATE FUNCTION buckets_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO venue_totals AS t(venue, kind, metric, day, subject, value)
    SELECT k.venue, n.kind, n.metric, n.day, n.subject, sum(n.value)::bigint
    FROM new_rows n JOIN kiosks k ON k.id = n.kiosk
    GROUP BY k.venue, n.kind, n.metric, n.day, n.subject
    ORDER BY k.venue, n.kind, n.metric, n.day, n.subject
  ON CONFLICT (venue, kind, metric, day, subject) DO UPDATE SET value = t.value + excluded.value;
  INSERT INTO province_totals AS t(kind, metric, day, subject, value)
    SELECT n.kind, n.metric, n.day, n.subject, sum(n.value)::bigint FROM new_rows n
    GROUP BY n.kind, n.metric, n.day, n.subject ORDER BY n.kind, n.metric, n.day, n.subject
  ON CONFLICT (kind, metric, day, subject) DO UPDATE SET value = t.value + excluded.value;
  RETURN NULL;
END $$;
CREATE FUNCTION buckets_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO venue_totals AS t(venue, kind, metric, day, subject, value)
    SELECT k.venue, n.kind, n.metric, n.day, n.subject, sum(n.value - o.value)::bigint
    FROM new_rows n JOIN old_rows o USING (kiosk, epoch, day, kind, subject, metric)
    JOIN kiosks k ON k.id = n.kiosk WHERE n.value <> o.value
    GROUP BY k.venue, n.kind, n.metric, n.day, n.subject
    ORDER BY k.venue, n.kind, n.metric, n.day, n.subject
  ON CONFLICT (venue, kind, metric, day, subject) DO UPDATE SET value = t.value + excluded.value;
  INSERT INTO province_totals AS t(kind, metric, day, subject, value)
    SELECT n.kind, n.metric, n.day, n.subject, sum(n.value - o.value)::bigint
    FROM new_rows n JOIN old_rows o USING (kiosk, epoch, day, kind, subject, metric)
    WHERE n.value <> o.value
    GROUP BY n.kind, n.metric, n.day, n.subject ORDER BY n.kind, n.metric, n.day, n.subject
  ON CONFLICT (kind, metric, day, subject) DO UPDATE SET value = t.value + excluded.value;
  RETURN NULL;
END $$;
CREATE TRIGGER buckets_inserted AFTER INSERT ON buckets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION buckets_inserted();
CREATE TRIGGER buckets_updated AFTER UPDATE ON buckets
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION buckets_updated();
)sql",
};

constexpr const char* kUsageTables[] = {"buckets", "venue_totals", "province_totals"};
constexpr int64_t kPartitionLockKey = 7242023; // make_month_partitions' advisory lock

// "2026-11-01" for 202611.
std::string first_day_of(int month) {
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-01", month / 100, month % 100);
    return text;
}

int next_month(int month) {
    return month % 100 == 12 ? (month / 100 + 1) * 100 + 1 : month + 1;
}

} // namespace

std::span<const char* const> postgres_hub_schema_steps() {
    return kSchemaSteps;
}

bool make_month_partitions(PgPool& pool, const std::set<int>& months, std::string& error) {
    // CREATE TABLE .. PARTITION OF locks the parent briefly; two processes
    // making the same month would otherwise collide on the catalog (42P07 or
    // a unique violation in pg_class), so they take turns on a lock and the
    // second finds the table made (IF NOT EXISTS).
    return with_pg_transaction(
        pool, "READ COMMITTED",
        [&](PgConnection& connection, bool& retry, std::string& step_error) {
            std::string script =
                "SELECT pg_advisory_xact_lock(" + std::to_string(kPartitionLockKey) + ");";
            for (int month : months)
                for (const char* table : kUsageTables)
                    script += std::string("CREATE TABLE IF NOT EXISTS ") + table + "_m" +
                              std::to_string(month) + " PARTITION OF " + table +
                              " FOR VALUES FROM ('" + first_day_of(month) + "') TO ('" +
                              first_day_of(next_month(month)) + "');";
            PgResult made = connection.run_script(script);
            if (made.ok()) return PgTransactionStep::commit;
            retry = made.is_retryable();
            step_error = "making the month partitions of the usage tables: " + made.error();
            return PgTransactionStep::roll_back;
        },
        error);
}

// Retention: a month's rollups go as a whole, its three partitions detached
// (no row-by-row DELETE, no bloat) and dropped. The dashboards then read
// nothing for those days; a kiosk that later resends such a day makes the
// month again, holding only what it resent.
bool drop_postgres_usage_before(const StoreLocation& location, const std::string& first_kept_month,
                                std::vector<std::string>& dropped, std::string& error) {
    if (first_kept_month.size() != 7 || first_kept_month[4] != '-') {
        error = "expected the first month to keep as YYYY-MM, got \"" + first_kept_month + "\"";
        return false;
    }
    const std::shared_ptr<PgPool> pool = pg_pool_for(location.database_url, location.connections);
    return with_pg_transaction(
        *pool, "READ COMMITTED",
        [&](PgConnection& connection, bool& retry, std::string& step_error) {
            dropped.clear();
            PgResult locked =
                connection.query("SELECT pg_advisory_xact_lock($1)", {pg_param(kPartitionLockKey)});
            // Partition names sort as their months: buckets_m202611.
            PgResult old = connection.query(
                "SELECT c.relname, p.relname FROM pg_inherits i "
                "JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent "
                "WHERE p.relname IN ('buckets', 'venue_totals', 'province_totals') "
                "AND p.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = "
                "current_schema()) AND substring(c.relname from '_m([0-9]{6})$') < $1 "
                "ORDER BY c.relname",
                {first_kept_month.substr(0, 4) + first_kept_month.substr(5, 2)});
            if (!locked.ok() || !old.ok()) {
                retry = locked.is_retryable() || old.is_retryable();
                step_error = locked.ok() ? old.error() : locked.error();
                return PgTransactionStep::roll_back;
            }
            for (int row = 0; row < old.rows(); ++row) {
                const std::string partition = old.text(row, 0);
                PgResult gone =
                    connection.run_script("ALTER TABLE " + old.text(row, 1) + " DETACH PARTITION " +
                                          partition + "; DROP TABLE " + partition);
                if (!gone.ok()) {
                    retry = gone.is_retryable();
                    step_error = "dropping " + partition + ": " + gone.error();
                    return PgTransactionStep::roll_back;
                }
                dropped.push_back(partition);
            }
            return PgTransactionStep::commit;
        },
        error);
}

} // namespace kiosk::hub
