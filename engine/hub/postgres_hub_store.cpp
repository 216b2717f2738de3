// The PostgreSQL HubStore (postgres_hub_store.h): opening and migrating the
// "hub" part of the schema, the administration rows, and apply_sync: the
// epoch limit, the one-statement upsert of a batch's buckets (the totals
// follow by triggers), titles per venue, the heartbeat and the contact
// history, in one READ COMMITTED transaction.
//
// Index of this file:
// [SECTION] Opening and statement helpers
// [SECTION] Administration: venues, kiosks and users
// [SECTION] Sync: the epoch limit, the upsert, titles, heartbeat and contacts
#include "postgres_hub_store.h"

#include "core/civil_time.h"
#include "postgres_stores.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <limits>
#include <map>

namespace kiosk::hub {

//-----------------------------------------------------------------------------
// [SECTION] Opening and statement helpers
//-----------------------------------------------------------------------------

namespace {

// A statement that changes rows: a failed one says why, and whether the
// transaction should be run again (a deadlock with another hub process).
PgTransactionStep failed_step(const PgResult& result, const std::string& what, bool& retry,
                              std::string& error) {
    retry = result.is_retryable();
    error = what + ": " + result.error();
    return PgTransactionStep::roll_back;
}

} // namespace

std::unique_ptr<HubStore> open_postgres_hub_store(const StoreLocation& location,
                                                  std::string& error) {
    std::shared_ptr<PgPool> pool = pg_pool_for(location.database_url, location.connections);
    if (!migrate_postgres_part(*pool, "hub", postgres_hub_schema_steps(), "hub store", error))
        return nullptr;
    return std::make_unique<PostgresHubStore>(std::move(pool));
}

PgStatement with_named_params(const std::string& sql,
                              const std::vector<std::pair<std::string, PgParam>>& values) {
    PgStatement statement;
    std::vector<std::string> used;
    for (size_t at = 0; at < sql.size();) {
        if (sql[at] != ':' || at + 1 >= sql.size() || !std::isalpha(uint8_t(sql[at + 1])) ||
            (at > 0 && sql[at - 1] == ':')) {
            statement.sql += sql[at++];
            continue;
        }
        size_t end = at + 1;
        while (end < sql.size() && (std::isalnum(uint8_t(sql[end])) || sql[end] == '_'))
            ++end;
        const std::string name = sql.substr(at + 1, end - at - 1);
        size_t number = 0;
        while (number < used.size() && used[number] != name)
            ++number;
        if (number == used.size()) {
            used.push_back(name);
            PgParam value;
            for (const auto& [known, bound] : values)
                if (known == name) value = bound;
            statement.params.push_back(value);
        }
        statement.sql += "$" + std::to_string(number + 1);
        at = end;
    }
    return statement;
}

PgResult PostgresHubStore::read(const PgStatement& statement, const char* what) {
    return pg_read(*pool_, what, statement.sql, statement.params);
}

bool PostgresHubStore::change(const std::string& sql, const std::vector<PgParam>& params,
                              int64_t& changed, std::string& error) {
    PgPool::Lease connection = pool_->acquire(error);
    if (!connection) return false;
    PgResult result = connection->query(sql, params);
    if (!result.ok()) {
        error = result.error();
        return false;
    }
    changed = result.affected_rows();
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Administration: venues, kiosks and users
//-----------------------------------------------------------------------------

namespace {

// An integrity error (a taken id, a value a CHECK refuses): SQLite's
// SQLITE_CONSTRAINT, which the SQLite store reports as the id being taken.
bool is_constraint(const std::string& error_sqlstate) {
    return error_sqlstate.rfind("23", 0) == 0;
}

} // namespace

bool PostgresHubStore::add_venue(const Venue& venue, std::string& error) {
    if (const std::string problem = opening_hours_problem(venue.opening_hours); !problem.empty()) {
        error = "opening hours: " + problem;
        return false;
    }
    PgPool::Lease connection = pool_->acquire(error);
    if (!connection) return false;
    const OpeningHours& hours = venue.opening_hours;
    PgResult insert = connection->query(
        "INSERT INTO venues(id, name_zh, name_en, kind, created_utc_ms, open_minute, "
        "close_minute, closed_weekdays) VALUES($1, $2, $3, $4, $5, $6, $7, $8)",
        {venue.id, venue.name_zh, venue.name_en, venue.kind, pg_param(now_utc_ms()),
         pg_param(int64_t(hours.open_minute)), pg_param(int64_t(hours.close_minute)),
         pg_param(int64_t(hours.closed_weekdays))});
    if (insert.ok()) return true;
    error = is_constraint(insert.sqlstate()) ? "--id: venue " + venue.id + " already exists"
                                             : "adding venue: " + insert.error();
    return false;
}

bool PostgresHubStore::add_kiosk(const KioskRecord& kiosk, std::string& error) {
    PgPool::Lease connection = pool_->acquire(error);
    if (!connection) return false;
    PgResult venue = connection->query("SELECT 1 FROM venues WHERE id = $1", {kiosk.venue});
    if (!venue.ok() || venue.rows() == 0) {
        error = venue.ok() ? "--venue: no venue " + kiosk.venue + " (add it with admin add-venue)"
                           : "adding kiosk: " + venue.error();
        return false;
    }
    PgResult insert =
        connection->query("INSERT INTO kiosks(id, venue, token_hash, public_key, created_utc_ms) "
                          "VALUES($1, $2, $3, $4, $5)",
                          {kiosk.id, kiosk.venue, kiosk.token_hash, kiosk.public_key,
                           pg_param(kiosk.created_utc_ms ? kiosk.created_utc_ms : now_utc_ms())});
    if (insert.ok()) return true;
    error = is_constraint(insert.sqlstate()) ? "--id: kiosk " + kiosk.id + " already exists"
                                             : "adding kiosk: " + insert.error();
    return false;
}

bool PostgresHubStore::add_user(const UserRecord& user, std::string& error) {
    PgPool::Lease connection = pool_->acquire(error);
    if (!connection) return false;
    if (!user.venue.empty()) {
        PgResult venue = connection->query("SELECT 1 FROM venues WHERE id = $1", {user.venue});
        if (!venue.ok() || venue.rows() == 0) {
            error = venue.ok()
                        ? "--venue: no venue " + user.venue + " (add it with admin add-venue)"
                        : "adding user: " + venue.error();
            return false;
        }
    }
    PgResult insert = connection->query(
        "INSERT INTO users(name, password_hash, role, venue, created_utc_ms) "
        "VALUES($1, $2, $3, $4, $5)",
        {user.name, user.password_hash, user.role,
         user.venue.empty() ? PgParam() : PgParam(user.venue), pg_param(now_utc_ms())});
    if (insert.ok()) return true;
    error = is_constraint(insert.sqlstate()) ? "--name: user " + user.name + " already exists"
                                             : "adding user: " + insert.error();
    return false;
}

namespace {

constexpr const char* kVenueColumns = "SELECT id, name_zh, name_en, kind, open_minute, "
                                      "close_minute, closed_weekdays FROM venues ";

Venue venue_of(const PgResult& rows, int row) {
    return {rows.text(row, 0),
            rows.text(row, 1),
            rows.text(row, 2),
            rows.text(row, 3),
            {int(rows.int64(row, 4)), int(rows.int64(row, 5)), unsigned(rows.int64(row, 6))}};
}

constexpr const char* kKioskColumns =
    "SELECT id, venue, token_hash, public_key, created_utc_ms, last_seen_utc_ms, "
    "software_version, content_json, uptime_s, disk_free_mb, errors, clock_skew_ms, "
    "revoked_utc_ms, content_state_json FROM kiosks ";

KioskRecord kiosk_of(const PgResult& rows, int row) {
    KioskRecord kiosk;
    kiosk.id = rows.text(row, 0);
    kiosk.venue = rows.text(row, 1);
    kiosk.token_hash = rows.text(row, 2);
    kiosk.public_key = rows.text(row, 3);
    kiosk.created_utc_ms = rows.int64(row, 4);
    kiosk.last_seen_utc_ms = rows.int64(row, 5);
    kiosk.software_version = rows.text(row, 6);
    kiosk.content_json = rows.text(row, 7);
    kiosk.uptime_s = rows.int64(row, 8);
    kiosk.disk_free_mb = rows.int64(row, 9);
    kiosk.errors = rows.int64(row, 10);
    kiosk.clock_skew_ms = rows.int64(row, 11);
    kiosk.revoked_utc_ms = rows.int64(row, 12);
    kiosk.content_state_json = rows.text(row, 13);
    return kiosk;
}

constexpr const char* kUserColumns =
    "SELECT name, password_hash, role, coalesce(venue, '') FROM users ";

UserRecord user_of(const PgResult& rows, int row) {
    return {rows.text(row, 0), rows.text(row, 1), rows.text(row, 2), rows.text(row, 3)};
}

} // namespace

// The administration listings (like SQLite's) read nothing rather than throw.
std::vector<Venue> PostgresHubStore::venues() {
    std::vector<Venue> venues;
    try {
        const PgResult rows = read({std::string(kVenueColumns) + "ORDER BY id", {}}, "venues");
        for (int row = 0; row < rows.rows(); ++row)
            venues.push_back(venue_of(rows, row));
    } catch (const StoreReadError&) {
    }
    return venues;
}

std::optional<Venue> PostgresHubStore::find_venue(const std::string& id) {
    try {
        const PgResult rows = read({std::string(kVenueColumns) + "WHERE id = $1", {id}}, "venue");
        if (rows.rows()) return venue_of(rows, 0);
    } catch (const StoreReadError&) {
    }
    return std::nullopt;
}

bool PostgresHubStore::set_opening_hours(const std::string& venue, const OpeningHours& hours,
                                         std::string& error) {
    if (const std::string problem = opening_hours_problem(hours); !problem.empty()) {
        error = problem;
        return false;
    }
    int64_t changed = 0;
    if (!change("UPDATE venues SET open_minute = $2, close_minute = $3, closed_weekdays = $4 "
                "WHERE id = $1",
                {venue, pg_param(int64_t(hours.open_minute)), pg_param(int64_t(hours.close_minute)),
                 pg_param(int64_t(hours.closed_weekdays))},
                changed, error)) {
        error = "setting opening hours: " + error;
        return false;
    }
    if (changed != 1) {
        error = "--venue: no venue " + venue;
        return false;
    }
    return true;
}

std::vector<KioskRecord> PostgresHubStore::select_kiosks(const std::string& venue) {
    const PgResult rows =
        venue.empty()
            ? read({std::string(kKioskColumns) + "ORDER BY venue, id", {}}, "kiosks")
            : read({std::string(kKioskColumns) + "WHERE venue = $1 ORDER BY venue, id", {venue}},
                   "kiosks");
    std::vector<KioskRecord> kiosks;
    for (int row = 0; row < rows.rows(); ++row)
        kiosks.push_back(kiosk_of(rows, row));
    return kiosks;
}

std::vector<KioskRecord> PostgresHubStore::kiosks() {
    try {
        return select_kiosks("");
    } catch (const StoreReadError&) {
        return {}; // the admin listing, as SqliteHubStore::kiosks
    }
}

std::vector<KioskRecord> PostgresHubStore::kiosk_health(const std::string& venue) {
    return select_kiosks(venue);
}

std::optional<KioskRecord> PostgresHubStore::find_kiosk(const std::string& id) {
    try {
        const PgResult rows = read({std::string(kKioskColumns) + "WHERE id = $1", {id}}, "kiosk");
        if (rows.rows()) return kiosk_of(rows, 0);
    } catch (const StoreReadError&) {
    }
    return std::nullopt;
}

bool PostgresHubStore::revoke_kiosk(const std::string& id, int64_t now_utc_ms, std::string& error) {
    int64_t changed = 0;
    if (!change("UPDATE kiosks SET token_hash = '', public_key = '', revoked_utc_ms = $2 "
                "WHERE id = $1",
                {id, pg_param(now_utc_ms)}, changed, error)) {
        error = "revoking kiosk " + id + ": " + error;
        return false;
    }
    if (changed != 1) {
        error = "--id: no kiosk " + id;
        return false;
    }
    return true;
}

std::vector<UserRecord> PostgresHubStore::users() {
    std::vector<UserRecord> users;
    try {
        const PgResult rows = read({std::string(kUserColumns) + "ORDER BY name", {}}, "users");
        for (int row = 0; row < rows.rows(); ++row)
            users.push_back(user_of(rows, row));
    } catch (const StoreReadError&) {
    }
    return users;
}

std::optional<UserRecord> PostgresHubStore::find_user(const std::string& name) {
    try {
        const PgResult rows = read({std::string(kUserColumns) + "WHERE name = $1", {name}}, "user");
        if (rows.rows()) return user_of(rows, 0);
    } catch (const StoreReadError&) {
    }
    return std::nullopt;
}

//-----------------------------------------------------------------------------
// [SECTION] Sync: the epoch limit, the upsert, titles, heartbeat and contacts
//-----------------------------------------------------------------------------

namespace {

// The batch's rows for jsonb_to_recordset: buckets with their index `i`.
std::string buckets_json(const sync::SyncBatch& batch) {
    nlohmann::json rows = nlohmann::json::array();
    for (size_t i = 0; i < batch.buckets.size(); ++i) {
        const sync::Bucket& bucket = batch.buckets[i];
        rows.push_back({{"i", i},
                        {"day", bucket.day},
                        {"kind", bucket.kind},
                        {"subject", bucket.subject},
                        {"metric", bucket.metric},
                        {"value", bucket.value},
                        {"seq", bucket.seq}});
    }
    return rows.dump();
}

std::string titles_json(const sync::SyncBatch& batch) {
    nlohmann::json rows = nlohmann::json::array();
    for (size_t i = 0; i < batch.titles.size(); ++i) {
        const sync::SubjectTitle& title = batch.titles[i];
        rows.push_back({{"i", i},
                        {"kind", title.kind},
                        {"subject", title.subject},
                        {"zh", title.zh},
                        {"en", title.en}});
    }
    return rows.dump();
}

// The batch's buckets, the last of each key with the highest seq (as
// SQLite's row-by-row upsert leaves them), in key order so that writers lock
// bucket rows in one order.
constexpr const char* kBatchBuckets =
    "SELECT DISTINCT ON (day, kind, subject, metric) i, day, kind, subject, metric, value, seq "
    "FROM jsonb_to_recordset($3::jsonb) AS r(i integer, day date, kind text, subject text, "
    "metric text, value bigint, seq bigint) ORDER BY day, kind, subject, metric, seq DESC, i";

// Why a batch whose epoch the kiosk has not used before must be refused (""
// when it may open it): SqliteHubStore's rule and words.
std::string epoch_limit_problem(int64_t opened, const SyncWrite& write) {
    if (opened < kMaxEpochsPerWindow) return "";
    return "epoch " + write.batch->epoch + ": kiosk " + write.kiosk + " already opened " +
           std::to_string(opened) + " epochs (new kiosk.db files) in the last " +
           std::to_string(kEpochWindowDays) + " days, the limit is " +
           std::to_string(kMaxEpochsPerWindow) +
           "; nothing was stored. The kiosk's counts stay in its kiosk.db and are accepted "
           "once the oldest of those epochs is " +
           std::to_string(kEpochWindowDays) + " days old";
}

// After the totals overflowed (22003), which bucket did it: the batch
// replayed in order against the stored buckets and totals, as SQLite's
// triggers meet them, so the message is SqliteHubStore's.
std::string overflow_message(PgConnection& connection, const SyncWrite& write,
                             const std::string& batch_json) {
    const sync::SyncBatch& batch = *write.batch;
    const std::string unknown = "a total would exceed 64 bits; nothing was stored";
    PgResult stored = connection.query(
        "SELECT r.i, b.value, b.seq, v.value, p.value FROM jsonb_to_recordset($3::jsonb) AS "
        "r(i integer, day date, kind text, subject text, metric text, value bigint, seq bigint) "
        "LEFT JOIN buckets b ON b.kiosk = $1 AND b.epoch = $2 AND b.day = r.day AND "
        "b.kind = r.kind AND b.subject = r.subject AND b.metric = r.metric "
        "LEFT JOIN venue_totals v ON v.venue = (SELECT venue FROM kiosks WHERE id = $1) AND "
        "v.kind = r.kind AND v.metric = r.metric AND v.day = r.day AND v.subject = r.subject "
        "LEFT JOIN province_totals p ON p.kind = r.kind AND p.metric = r.metric AND "
        "p.day = r.day AND p.subject = r.subject ORDER BY r.i",
        {write.kiosk, batch.epoch, batch_json});
    if (!stored.ok() || stored.rows() != int(batch.buckets.size())) return unknown;
    using Key = std::tuple<std::string, std::string, std::string, std::string>;
    std::map<Key, std::pair<int64_t, int64_t>> buckets; // value, seq as the replay goes
    std::map<Key, int64_t> venue_totals, province_totals;
    constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
    for (int i = 0; i < stored.rows(); ++i) {
        const sync::Bucket& bucket = batch.buckets[size_t(i)];
        const Key key{bucket.day, bucket.kind, bucket.subject, bucket.metric};
        if (!buckets.contains(key) && !stored.is_null(i, 1))
            buckets[key] = {stored.int64(i, 1), stored.int64(i, 2)};
        if (!venue_totals.contains(key) && !stored.is_null(i, 3))
            venue_totals[key] = stored.int64(i, 3);
        if (!province_totals.contains(key) && !stored.is_null(i, 4))
            province_totals[key] = stored.int64(i, 4);
        const auto old = buckets.find(key);
        if (old != buckets.end() && old->second.second >= bucket.seq) continue;
        const int64_t delta =
            old == buckets.end() ? bucket.value : bucket.value - old->second.first;
        for (auto* totals : {&venue_totals, &province_totals}) {
            const auto total = totals->find(key);
            if (total != totals->end() && delta > 0 && total->second > kMax - delta)
                return "buckets[" + std::to_string(i) + "].value: adding " +
                       std::to_string(bucket.value) + " to the " + bucket.day + " total of " +
                       bucket.kind + " " + bucket.metric +
                       " would exceed 64 bits; nothing was stored";
        }
        buckets[key] = {bucket.value, bucket.seq};
        for (auto* totals : {&venue_totals, &province_totals})
            (*totals)[key] += delta;
    }
    return unknown;
}

} // namespace

SyncResult PostgresHubStore::apply_sync(const SyncWrite& write, int64_t& stored,
                                        std::string& error) {
    const sync::SyncBatch& batch = *write.batch;
    const int64_t hub_now_utc_ms =
        write.hub_now_utc_ms ? write.hub_now_utc_ms : write.received_utc_ms;
    std::set<int> months;
    for (size_t i = 0; i < batch.buckets.size(); ++i) {
        const auto day = parse_day(batch.buckets[i].day);
        if (!day) {
            error = "buckets[" + std::to_string(i) + "].day: expected a date YYYY-MM-DD";
            return {SyncResult::refused};
        }
        const std::chrono::year_month_day date{*day};
        months.insert(int(date.year()) * 100 + int(unsigned(date.month())));
    }
    std::string batch_json, batch_titles, content_json;
    try {
        batch_json = buckets_json(batch);
        batch_titles = titles_json(batch);
        nlohmann::json content = nlohmann::json::array();
        for (const sync::ContentVersion& entry : batch.heartbeat.content)
            content.push_back({{"id", entry.id}, {"version", entry.version}});
        content_json = content.dump();
    } catch (const nlohmann::json::exception& problem) {
        error = std::string("the batch's text is not valid UTF-8: ") + problem.what();
        return {SyncResult::refused};
    }
    const std::string content_state =
        batch.heartbeat.content_state ? sync::to_json(*batch.heartbeat.content_state) : "";

    const int64_t contact_utc_ms =
        write.contact_utc_ms ? write.contact_utc_ms : write.received_utc_ms;
    const int64_t hub_day = hub_now_utc_ms / kMsPerDay;
    const int64_t first_kept_day = hub_day - kContactRetentionDays;
    bool prune = false;
    {
        std::lock_guard lock(mutex_);
        prune = hub_day != contacts_pruned_utc_day_;
    }

    // A month partition another process dropped (retention) since this one
    // made it is made again, once.
    for (int attempt = 1;; ++attempt) {
        std::set<int> missing;
        {
            std::lock_guard lock(mutex_);
            for (int month : months)
                if (!months_made_.contains(month)) missing.insert(month);
        }
        if (!missing.empty()) {
            if (!make_month_partitions(*pool_, missing, error)) return {SyncResult::failed};
            std::lock_guard lock(mutex_);
            months_made_.insert(missing.begin(), missing.end());
        }

        SyncResult::Outcome outcome = SyncResult::failed;
        bool no_partition = false;
        const bool committed = with_pg_transaction(
            *pool_, "READ COMMITTED",
            [&](PgConnection& connection, bool& retry, std::string& step_error) {
                outcome = SyncResult::failed;
                stored = 0;
                // The kiosk's row first: its syncs take turns from here on.
                PgResult kiosk = connection.query(
                    "SELECT venue, created_utc_ms FROM kiosks WHERE id = $1 FOR UPDATE",
                    {write.kiosk});
                if (!kiosk.ok())
                    return failed_step(kiosk, "recording the heartbeat", retry, step_error);
                if (kiosk.rows() == 0) {
                    step_error = "recording the heartbeat: no kiosk " + write.kiosk;
                    return PgTransactionStep::roll_back;
                }
                const std::string kiosk_venue = kiosk.text(0, 0);
                const int64_t kiosk_created_utc_ms = kiosk.int64(0, 1);

                PgResult epochs = connection.query(
                    "SELECT count(*) FILTER (WHERE epoch = $2), "
                    "count(*) FILTER (WHERE first_seen_utc_ms >= $3) "
                    "FROM kiosk_epochs WHERE kiosk = $1",
                    {write.kiosk, batch.epoch,
                     pg_param(hub_now_utc_ms - int64_t(kEpochWindowDays) * kMsPerDay)});
                if (!epochs.ok())
                    return failed_step(epochs, "reading the kiosk's epochs", retry, step_error);
                if (epochs.int64(0, 0) == 0) {
                    if (const std::string limit = epoch_limit_problem(epochs.int64(0, 1), write);
                        !limit.empty()) {
                        outcome = SyncResult::refused;
                        step_error = limit;
                        return PgTransactionStep::roll_back;
                    }
                }
                PgResult epoch = connection.query(
                    "INSERT INTO kiosk_epochs AS e(kiosk, epoch, through_seq, first_seen_utc_ms, "
                    "last_sync_utc_ms) VALUES($1, $2, $3, $5, $4) ON CONFLICT(kiosk, epoch) DO "
                    "UPDATE SET through_seq = greatest(e.through_seq, excluded.through_seq), "
                    "last_sync_utc_ms = excluded.last_sync_utc_ms",
                    {write.kiosk, batch.epoch, pg_param(batch.through_seq),
                     pg_param(write.received_utc_ms), pg_param(hub_now_utc_ms)});
                if (!epoch.ok())
                    return failed_step(epoch, "recording the epoch", retry, step_error);

                if (!batch.buckets.empty()) {
                    PgResult upsert = connection.query(
                        std::string("INSERT INTO buckets AS b(kiosk, epoch, day, kind, subject, "
                                    "metric, value, seq) SELECT $1, $2, day, kind, subject, "
                                    "metric, value, seq FROM (") +
                            kBatchBuckets +
                            ") AS batch ON CONFLICT (kiosk, epoch, day, kind, subject, metric) "
                            "DO UPDATE SET value = excluded.value, seq = excluded.seq "
                            "WHERE b.seq < excluded.seq",
                        {write.kiosk, batch.epoch, batch_json});
                    if (upsert.sqlstate() == "22003") {
                        connection.run_script("ROLLBACK; BEGIN ISOLATION LEVEL READ COMMITTED");
                        outcome = SyncResult::refused;
                        step_error = overflow_message(connection, write, batch_json);
                        return PgTransactionStep::roll_back;
                    }
                    // 23514: no partition holds a day (retention dropped it).
                    no_partition = upsert.sqlstate() == "23514";
                    if (!upsert.ok())
                        return failed_step(upsert, "storing the buckets", retry, step_error);
                    stored = upsert.affected_rows();
                }

                if (!batch.titles.empty()) {
                    // A changed title is a new row, so `seen` says how long each
                    // venue has held its current title (the all-venue tie-break).
                    const std::string latest =
                        "(SELECT DISTINCT ON (kind, subject) i, kind, subject, zh, en FROM "
                        "jsonb_to_recordset($2::jsonb) AS r(i integer, kind text, subject text, "
                        "zh text, en text) ORDER BY kind, subject, i DESC) AS n";
                    PgResult forget = connection.query(
                        "DELETE FROM venue_subject_titles t USING " + latest +
                            " WHERE t.venue = $1 AND t.kind = n.kind AND t.subject = n.subject "
                            "AND (t.zh <> n.zh OR t.en <> n.en)",
                        {kiosk_venue, batch_titles});
                    if (!forget.ok())
                        return failed_step(forget, "storing a title", retry, step_error);
                    PgResult title = connection.query(
                        "INSERT INTO venue_subject_titles(venue, kind, subject, zh, en, "
                        "updated_utc_ms) SELECT $1, kind, subject, zh, en, $3 FROM " +
                            latest + " ORDER BY i ON CONFLICT (venue, kind, subject) DO NOTHING",
                        {kiosk_venue, batch_titles, pg_param(write.received_utc_ms)});
                    if (!title.ok())
                        return failed_step(title, "storing a title", retry, step_error);
                }

                PgResult heartbeat = connection.query(
                    "UPDATE kiosks SET last_seen_utc_ms = $2, software_version = $3, "
                    "content_json = $4, uptime_s = $5, disk_free_mb = $6, errors = $7, "
                    "clock_skew_ms = $8, content_state_json = $9 WHERE id = $1",
                    {write.kiosk, pg_param(write.received_utc_ms), batch.heartbeat.software_version,
                     content_json, pg_param(batch.heartbeat.uptime_s),
                     pg_param(batch.heartbeat.disk_free_mb), pg_param(batch.heartbeat.errors),
                     pg_param(batch.heartbeat.clock_utc_ms - write.received_utc_ms),
                     content_state});
                if (!heartbeat.ok())
                    return failed_step(heartbeat, "recording the heartbeat", retry, step_error);

                if (contact_utc_ms <= hub_now_utc_ms && contact_utc_ms >= kiosk_created_utc_ms &&
                    contact_utc_ms >= first_kept_day * kMsPerDay) {
                    PgResult contact = connection.query(
                        "INSERT INTO kiosk_contacts AS c(kiosk, utc_day, hours) "
                        "VALUES($1, $2, $3) ON CONFLICT(kiosk, utc_day) DO UPDATE "
                        "SET hours = c.hours | excluded.hours",
                        {write.kiosk, pg_param(contact_utc_ms / kMsPerDay),
                         pg_param(int64_t(1) << (contact_utc_ms / kMsPerHour % 24))});
                    if (!contact.ok())
                        return failed_step(contact, "recording the contact", retry, step_error);
                }
                if (prune) {
                    PgResult forget =
                        connection.query("DELETE FROM kiosk_contacts WHERE utc_day < $1",
                                         {pg_param(first_kept_day)});
                    if (!forget.ok())
                        return failed_step(forget, "pruning the contact history", retry,
                                           step_error);
                }
                outcome = SyncResult::stored;
                return PgTransactionStep::commit;
            },
            error);
        if (committed) {
            if (prune) {
                std::lock_guard lock(mutex_);
                contacts_pruned_utc_day_ = hub_day;
            }
            return {SyncResult::stored};
        }
        if (no_partition && attempt == 1) {
            std::lock_guard lock(mutex_);
            months_made_.clear();
            continue;
        }
        return {outcome == SyncResult::refused ? SyncResult::refused : SyncResult::failed};
    }
}

} // namespace kiosk::hub
