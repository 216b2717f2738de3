// bench-hub-scale: issue 22 part 6, the hub at national scale, on PostgreSQL
// or SQLite (--backend). Prints
//  a. load: KIOSKS kiosks in venues of KIOSKS-PER-VENUE, the venues spread
//     over PROVINCES provinces (each venue a 6-digit division code through
//     the notice store, as `kiosk-hub admin set-division` sets it), DAYS days
//     of daily rollups from 2024-01-01, 30 buckets per kiosk-day of
//     bench_hub_data.h's shape (add_kiosk_day), and one contact-history row
//     per kiosk-day. PostgreSQL: generated server-side, INSERT .. SELECT FROM
//     generate_series per month and block of kiosks into the partitioned
//     buckets (two connections), the totals built by the store's statement
//     triggers as for a sync. SQLite: prepared statements in big
//     transactions with the totals triggers set aside, then the totals
//     rebuilt in one pass (the sums the triggers would have made) and the
//     triggers put back. The load time and the database's size;
//  b. ingest on top of the loaded data, for a fresh sample of kiosk-days
//     (INGEST-KIOSKS kiosks x INGEST-DAYS days, one batch per kiosk): POSTed
//     to /api/v1/sync of kiosk-hub serve processes (PostgreSQL: two on the
//     same database, kiosks alternating between them; SQLite: one) from
//     THREADS client threads, against the same shape of buckets INSERTed raw
//     (batched, one transaction per kiosk, triggers on) into the same tables
//     for other fresh days (PostgreSQL: THREADS connections; SQLite: one, as
//     SQLite has one writer); buckets/s both ways and the ratio (target
//     >= 0.3x);
//  c. the dashboard: the HubStore query set in this process and GET
//     /dashboard over HTTP signed in as a province administrator, for the
//     whole country, one province (region=33; only when this build's
//     QueryScope has the region's venue list) and one venue, 30 and 365
//     days, p50 and p95 of REPS runs (target p95 <= 200 ms);
//  d. the monthly report (collect_monthly_report and its PDF) for the
//     province (with the region when MonthlyRequest has one, else the whole
//     hub, and says which), target <= 5 s.
// Usage (bench/hub-scale/run.sh builds it and makes the PostgreSQL server):
//   build/bin/bench-hub-scale --backend postgresql|sqlite [--url postgresql://..]
//       [--kiosks 5000] [--days 730] [--kiosks-per-venue 20] [--provinces 31]
//       [--reps 30] [--threads 4] [--ingest-kiosks 1000] [--ingest-days 7]
//       [--keep DIR]
// With --keep DIR the data stays in DIR (and, on PostgreSQL, the database),
// and a re-run with the same plan skips the load.
//
// Index of this file:
// [SECTION] Options and the plan
// [SECTION] Venues, kiosks, divisions and users
// [SECTION] a. Loading: PostgreSQL server-side, SQLite prepared statements
// [SECTION] b. Ingest: over HTTP against raw batched INSERTs
// [SECTION] c. The dashboard: HubStore queries and GET /dashboard
// [SECTION] d. The monthly report
// [SECTION] The command line and main

#include "bench_hub_data.h"
#include "bench_hub_server.h"
#include "core/day_ranges.h"
#include "core/sqlite_statement.h"
#include "hub/credentials.h"
#include "hub/hub_store.h"
#include "hub/library_store.h"
#include "hub/monthly_report_data.h"
#include "hub/notice_store.h"
#include "hub/postgres_connection.h"
#include "hub/postgres_hub_store.h"
#include "report/monthly_report.h"

#include <httplib.h>
#include <sodium.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace kiosk;
using bench::BenchClock;
using bench::day_name;
using bench::kiosk_id;
using bench::seconds_since;
using bench::venue_id;
using hub::pg_param;
using hub::pg_pool_for;
using hub::PgConnection;
using hub::PgParam;
using hub::PgPool;
using hub::PgResult;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Options and the plan
//-----------------------------------------------------------------------------

struct Options {
    std::string backend; // "postgresql" or "sqlite"
    std::string url;     // PostgreSQL: the database (default postgresql://, libpq's PG* variables)
    int kiosks = 5000;
    int days = 730;
    int kiosks_per_venue = 20;
    int provinces = 31;
    int reps = 30;
    int threads = 4;
    int ingest_kiosks = 0; // 0 = min(kiosks, 1000)
    int ingest_days = 7;
    std::string keep; // a folder to keep the data in (default: a temporary one, removed)
};

// The first day of the loaded data: 2024-01-01, so that 730 days and the
// ingest's fresh days after them all lie in the past.
constexpr int64_t kFirstDay = 19723;
constexpr const char* kFirstDayName = "2024-01-01";
constexpr const char* kPassword = "bench-hub-scale password";

// China's 31 provincial divisions (GB/T 2260's first two digits); 33 is Zhejiang.
constexpr int kProvinceCodes[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41,
                                  42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65};
constexpr int kMaxProvinces = int(std::size(kProvinceCodes));

[[noreturn]] void fail(const std::string& message) {
    std::fprintf(stderr, "bench-hub-scale: %s\n", message.c_str());
    std::exit(1);
}

int venue_count(const Options& options) {
    return (options.kiosks + options.kiosks_per_venue - 1) / options.kiosks_per_venue;
}

// The venue's 6-digit division code: its province by turns, then a city and
// a county numbered within it.
std::string division_code(int venue, int provinces) {
    const int within = venue / provinces;
    char code[16];
    std::snprintf(code, sizeof code, "%02d%02d%02d", kProvinceCodes[venue % provinces],
                  1 + within % 99, 1 + (within / 99) % 99);
    return code;
}

// The province measured as "one province": 33 (Zhejiang) when there are
// enough provinces, else the first.
int measured_province(const Options& options) {
    return kProvinceCodes[options.provinces > 10 ? 10 : 0];
}

std::vector<std::string> venues_of_province(const Options& options, int province) {
    std::vector<std::string> venues;
    for (int venue = 0; venue < venue_count(options); ++venue)
        if (division_code(venue, options.provinces).substr(0, 2) == std::to_string(province))
            venues.push_back(venue_id(venue));
    return venues;
}

std::string plan_marker(const Options& options) {
    return "backend " + options.backend + " " + hub::url_for_messages(options.url) + " kiosks " +
           std::to_string(options.kiosks) + " days " + std::to_string(options.days) +
           " per-venue " + std::to_string(options.kiosks_per_venue) + " provinces " +
           std::to_string(options.provinces) + " first-day " + kFirstDayName + "\n";
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

hub::StoreLocation store_location(const Options& options, const std::string& data_dir) {
    if (options.backend == "sqlite") return hub::StoreLocation(data_dir);
    return hub::StoreLocation(data_dir, options.url);
}

std::unique_ptr<PgConnection> open_pg(const Options& options) {
    std::string error;
    std::unique_ptr<PgConnection> connection = PgConnection::open(options.url, error);
    if (!connection) fail("PostgreSQL: " + error);
    return connection;
}

void pg_run(PgConnection& connection, const std::string& sql,
            const std::vector<PgParam>& params = {}) {
    PgResult result = connection.query(sql, params);
    if (!result.ok()) fail("PostgreSQL: " + result.error() + "\n  in: " + sql.substr(0, 200));
}

// YYYYMM of every month touched by days [first, last).
std::set<int> months_of(int first, int last) {
    std::set<int> months;
    for (int day = first; day < last; ++day) {
        const std::string name = day_name(day, kFirstDay);
        months.insert(std::stoi(name.substr(0, 4)) * 100 + std::stoi(name.substr(5, 2)));
    }
    return months;
}

//-----------------------------------------------------------------------------
// [SECTION] Venues, kiosks, divisions and users
//-----------------------------------------------------------------------------

// Venues with their division codes, kiosks (tokens returned by kiosk) and a
// province administrator, through the stores' own calls.
std::vector<std::string> register_everything(const Options& options,
                                             const hub::StoreLocation& location) {
    std::string error;
    std::unique_ptr<hub::HubStore> store = hub::open_hub_store(location, error);
    std::unique_ptr<hub::NoticeStore> notices =
        store ? hub::open_notice_store(location, error) : nullptr;
    if (!notices) fail(error);
    std::vector<std::string> tokens =
        bench::register_kiosks(*store, options.kiosks, options.kiosks_per_venue, "bench-hub-scale");
    for (int venue = 0; venue < venue_count(options); ++venue)
        if (!notices->set_venue_division(venue_id(venue), division_code(venue, options.provinces),
                                         error))
            fail(error);
    if (!store->add_user({"bench-admin", hub::hash_password(kPassword), "province_admin", ""},
                         error))
        fail(error);
    return tokens;
}

// Tokens are stored only as hashes: a kept data set gets new ones for the
// kiosks that ingest (revoking is not needed; the store's add_kiosk refuses
// a known id), so a re-run writes the sampled kiosks' token hashes anew.
void renew_tokens(const Options& options, const hub::StoreLocation& location,
                  const std::vector<int>& sample, std::vector<std::string>& tokens) {
    tokens.assign(size_t(options.kiosks), "");
    for (int kiosk : sample)
        tokens[size_t(kiosk)] = hub::make_kiosk_token(kiosk_id(kiosk));
    if (options.backend == "sqlite") {
        sqlite3* db = nullptr;
        if (sqlite3_open((location.data_dir + "/hub.db").c_str(), &db) != SQLITE_OK)
            fail("cannot open hub.db");
        {
            SqliteStatement update(db, "UPDATE kiosks SET token_hash = ?1 WHERE id = ?2",
                                   StatementUse::reused);
            for (int kiosk : sample) {
                update.reset();
                update.bind(1, hub::hash_token(tokens[size_t(kiosk)])).bind(2, kiosk_id(kiosk));
                if (!update.run()) fail("renewing tokens: " + update.error());
            }
        }
        sqlite3_close(db);
        return;
    }
    std::unique_ptr<PgConnection> connection = open_pg(options);
    for (int kiosk : sample)
        pg_run(*connection, "UPDATE kiosks SET token_hash = $1 WHERE id = $2",
               {hub::hash_token(tokens[size_t(kiosk)]), kiosk_id(kiosk)});
}

//-----------------------------------------------------------------------------
// [SECTION] a. Loading: PostgreSQL server-side, SQLite prepared statements
//-----------------------------------------------------------------------------

// add_kiosk_day's 30 rows in SQL, for kiosks [$1, $2) and days [$3, $4)
// after 2024-01-01 (k: kiosk number, d: day number, s: its sessions).
std::string scale_buckets_sql() {
    std::vector<std::string> rows = {"('kiosk', '', 'sessions', s)",
                                     "('kiosk', '', 'session_ms', s * 95000)"};
    for (int hour = 9; hour < 17; ++hour) {
        char row[96];
        std::snprintf(row, sizeof row, "('hour', '%02d', 'sessions', s / 8 + (%d + k) %% 3)", hour,
                      hour);
        rows.push_back(row);
    }
    for (int exhibit = 0; exhibit < 4; ++exhibit) {
        const std::string subject = "'exhibit-' || ((k + " + std::to_string(exhibit) + ") % 12)";
        const std::string per = std::to_string(exhibit + 1);
        rows.push_back("('exhibit', " + subject + ", 'visits', s / " + per + ")");
        rows.push_back("('exhibit', " + subject + ", 'dwell_ms', s * 30000 / " + per + ")");
        rows.push_back("('exhibit', " + subject + ", 'interactions', s * 3 / " + per + ")");
    }
    rows.push_back("('quiz', 'physics', 'starts', s / 4)");
    rows.push_back("('quiz', 'physics', 'finishes', s / 5)");
    for (int question = 0; question < 3; ++question) {
        const std::string subject = "'physics/q" + std::to_string(question) + "'";
        rows.push_back("('question', " + subject + ", 'answers', s / 5)");
        rows.push_back("('question', " + subject + ", 'correct', s / 5 * " +
                       std::to_string(3 - question) + " / 4)");
    }
    std::string values;
    for (const std::string& row : rows)
        values += (values.empty() ? "" : ", ") + row;
    return std::string("INSERT INTO buckets(kiosk, epoch, day, kind, subject, metric, value, "
                       "seq) SELECT 'k-' || (100000 + k), '") +
           bench::kBenchEpoch + "', DATE '" + kFirstDayName +
           "' + d, t.kind, t.subject, t.metric, t.value, d + 1 "
           "FROM generate_series($1::int, $2::int - 1) k "
           "CROSS JOIN generate_series($3::int, $4::int - 1) d "
           "CROSS JOIN LATERAL (SELECT (20 + (k * 7 + d * 13) % 60)::bigint AS s) x "
           "CROSS JOIN LATERAL (VALUES " +
           values + ") t(kind, subject, metric, value)";
}

// The contact history the syncs would have left: hours 09..17 Beijing time
// (01..08 UTC) of every loaded day.
constexpr int64_t kContactHours = 0x1FE;

// Every (kiosk block, month) job, blocks outermost, so that the two loaders
// work on different months (different totals rows) at a time.
void load_postgresql(const Options& options, const hub::StoreLocation& location) {
    std::string error;
    const std::shared_ptr<PgPool> pool = pg_pool_for(location.database_url, 1);
    const std::set<int> months = months_of(0, options.days);
    if (!hub::make_month_partitions(*pool, months, error)) fail(error);
    struct Job {
        int first_kiosk, last_kiosk, first_day, last_day;
    };
    std::vector<Job> jobs;
    constexpr int kBlock = 1000;
    for (int first = 0; first < options.kiosks; first += kBlock) {
        int day = 0;
        while (day < options.days) {
            const std::string month = day_name(day, kFirstDay).substr(0, 7);
            int last = day;
            while (last < options.days && day_name(last, kFirstDay).substr(0, 7) == month)
                ++last;
            jobs.push_back({first, std::min(options.kiosks, first + kBlock), day, last});
            day = last;
        }
    }
    const std::string insert = scale_buckets_sql();
    std::atomic<size_t> next{0};
    std::mutex print;
    const auto start = BenchClock::now();
    std::vector<std::thread> loaders;
    for (int t = 0; t < 2; ++t)
        loaders.emplace_back([&] {
            std::unique_ptr<PgConnection> connection = open_pg(options);
            for (size_t j = next++; j < jobs.size(); j = next++) {
                const Job& job = jobs[j];
                const std::vector<PgParam> range = {
                    pg_param(int64_t(job.first_kiosk)), pg_param(int64_t(job.last_kiosk)),
                    pg_param(int64_t(job.first_day)), pg_param(int64_t(job.last_day))};
                pg_run(*connection, insert, range);
                pg_run(*connection,
                       "INSERT INTO kiosk_contacts(kiosk, utc_day, hours) "
                       "SELECT 'k-' || (100000 + k), " +
                           std::to_string(kFirstDay) + " + d, " + std::to_string(kContactHours) +
                           " FROM generate_series($1::int, $2::int - 1) k "
                           "CROSS JOIN generate_series($3::int, $4::int - 1) d",
                       range);
                std::lock_guard lock(print);
                std::printf("  loaded kiosks %d..%d, %s..%s (%zu of %zu, %.0f s)\n",
                            job.first_kiosk, job.last_kiosk - 1,
                            day_name(job.first_day, kFirstDay).c_str(),
                            day_name(job.last_day - 1, kFirstDay).c_str(), j + 1, jobs.size(),
                            seconds_since(start));
            }
        });
    for (std::thread& loader : loaders)
        loader.join();
    std::unique_ptr<PgConnection> connection = open_pg(options);
    pg_run(*connection,
           "INSERT INTO kiosk_epochs(kiosk, epoch, through_seq, first_seen_utc_ms, "
           "last_sync_utc_ms) SELECT id, $1, $2, 0, 0 FROM kiosks",
           {bench::kBenchEpoch, pg_param(int64_t(options.days))});
    pg_run(*connection, "ANALYZE");
}

void sqlite_exec(sqlite3* db, const std::string& sql) {
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
        fail("hub.db: " + std::string(sqlite3_errmsg(db)) + "\n  in: " + sql.substr(0, 200));
}

void load_sqlite(const Options& options, const hub::StoreLocation& location) {
    sqlite3* db = nullptr;
    if (sqlite3_open((location.data_dir + "/hub.db").c_str(), &db) != SQLITE_OK)
        fail("cannot open hub.db");
    sqlite_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                    "PRAGMA cache_size = -1000000");
    // The totals triggers, set aside while loading and put back after.
    std::vector<std::string> triggers;
    {
        SqliteStatement list(
            db,
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'buckets'",
            StatementUse::once);
        std::vector<std::string> names;
        while (list.step() == SQLITE_ROW) {
            names.push_back(list.text(0));
            triggers.push_back(list.text(1));
        }
        for (const std::string& name : names)
            sqlite_exec(db, "DROP TRIGGER " + name);
    }
    {
        SqliteStatement insert(db,
                               "INSERT INTO buckets(kiosk, epoch, day, kind, subject, metric, "
                               "value, seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                               StatementUse::reused);
        SqliteStatement contact(
            db, "INSERT INTO kiosk_contacts(kiosk, utc_day, hours) VALUES(?1, ?2, ?3)",
            StatementUse::reused);
        std::vector<sync::Bucket> buckets;
        int64_t in_transaction = 0;
        const auto start = BenchClock::now();
        sqlite_exec(db, "BEGIN");
        for (int kiosk = 0; kiosk < options.kiosks; ++kiosk) {
            const std::string id = kiosk_id(kiosk);
            for (int day = 0; day < options.days; ++day) {
                buckets.clear();
                bench::add_kiosk_day(kiosk, day, buckets, kFirstDay);
                for (const sync::Bucket& bucket : buckets) {
                    insert.reset();
                    insert.bind(1, id).bind_view(2, bench::kBenchEpoch).bind(3, bucket.day);
                    insert.bind(4, bucket.kind).bind(5, bucket.subject).bind(6, bucket.metric);
                    insert.bind(7, bucket.value).bind(8, bucket.seq);
                    if (!insert.run()) fail("loading: " + insert.error());
                }
                contact.reset();
                contact.bind(1, id).bind(2, kFirstDay + day).bind(3, kContactHours);
                if (!contact.run()) fail("loading: " + contact.error());
                in_transaction += int64_t(buckets.size());
            }
            if (in_transaction >= 2000000 || kiosk + 1 == options.kiosks) {
                sqlite_exec(db, "COMMIT");
                std::printf("  loaded kiosks ..%d (%.0f s)\n", kiosk, seconds_since(start));
                in_transaction = 0;
                if (kiosk + 1 < options.kiosks) sqlite_exec(db, "BEGIN");
            }
        }
    }
    // The totals in one pass: the sums the triggers add up row by row.
    sqlite_exec(db, "BEGIN");
    sqlite_exec(db, "INSERT INTO venue_totals(venue, kind, metric, day, subject, value) "
                    "SELECT k.venue, b.kind, b.metric, b.day, b.subject, sum(b.value) "
                    "FROM buckets b JOIN kiosks k ON k.id = b.kiosk "
                    "GROUP BY k.venue, b.kind, b.metric, b.day, b.subject");
    sqlite_exec(db, "INSERT INTO province_totals(kind, metric, day, subject, value) "
                    "SELECT kind, metric, day, subject, sum(value) FROM venue_totals "
                    "GROUP BY kind, metric, day, subject");
    for (const std::string& trigger : triggers)
        sqlite_exec(db, trigger);
    sqlite_exec(db, "INSERT INTO kiosk_epochs(kiosk, epoch, through_seq, first_seen_utc_ms, "
                    "last_sync_utc_ms) SELECT id, '" +
                        std::string(bench::kBenchEpoch) + "', " + std::to_string(options.days) +
                        ", 0, 0 FROM kiosks");
    sqlite_exec(db, "COMMIT");
    sqlite_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    sqlite3_close(db);
}

// The database's size in bytes.
int64_t database_bytes(const Options& options, const hub::StoreLocation& location) {
    if (options.backend == "sqlite") {
        std::error_code ignored;
        int64_t bytes = 0;
        for (const char* file : {"/hub.db", "/hub.db-wal"}) {
            const auto size = std::filesystem::file_size(location.data_dir + file, ignored);
            if (!ignored) bytes += int64_t(size);
        }
        return bytes;
    }
    std::unique_ptr<PgConnection> connection = open_pg(options);
    PgResult size = connection->query("SELECT pg_database_size(current_database())");
    if (!size.ok()) fail("PostgreSQL: " + size.error());
    return size.int64(0, 0);
}

//-----------------------------------------------------------------------------
// [SECTION] b. Ingest: over HTTP against raw batched INSERTs
//-----------------------------------------------------------------------------

// The sampled kiosks' buckets of days [first, last).
std::vector<sync::Bucket> kiosk_batch(int kiosk, int first, int last) {
    std::vector<sync::Bucket> buckets;
    for (int day = first; day < last; ++day)
        bench::add_kiosk_day(kiosk, day, buckets, kFirstDay);
    return buckets;
}

// Raw: each sampled kiosk's days in one multi-row INSERT, its own transaction.
double raw_insert(const Options& options, const hub::StoreLocation& location,
                  const std::vector<int>& sample, int first, int last, int64_t& rows) {
    std::atomic<int64_t> inserted{0};
    const auto start = BenchClock::now();
    if (options.backend == "sqlite") {
        sqlite3* db = nullptr;
        if (sqlite3_open((location.data_dir + "/hub.db").c_str(), &db) != SQLITE_OK)
            fail("cannot open hub.db");
        sqlite_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL");
        {
            SqliteStatement insert(db,
                                   "INSERT INTO buckets(kiosk, epoch, day, kind, subject, "
                                   "metric, value, seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                   StatementUse::reused);
            for (int kiosk : sample) {
                sqlite_exec(db, "BEGIN IMMEDIATE");
                for (const sync::Bucket& bucket : kiosk_batch(kiosk, first, last)) {
                    insert.reset();
                    insert.bind(1, kiosk_id(kiosk)).bind_view(2, bench::kBenchEpoch);
                    insert.bind(3, bucket.day).bind(4, bucket.kind).bind(5, bucket.subject);
                    insert.bind(6, bucket.metric).bind(7, bucket.value).bind(8, bucket.seq);
                    if (!insert.run()) fail("raw insert: " + insert.error());
                    ++inserted;
                }
                sqlite_exec(db, "COMMIT");
            }
        }
        sqlite3_close(db);
    } else {
        std::atomic<size_t> next{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < options.threads; ++t)
            threads.emplace_back([&] {
                std::unique_ptr<PgConnection> connection = open_pg(options);
                for (size_t i = next++; i < sample.size(); i = next++) {
                    const std::vector<sync::Bucket> buckets = kiosk_batch(sample[i], first, last);
                    std::string sql = "INSERT INTO buckets(kiosk, epoch, day, kind, subject, "
                                      "metric, value, seq) VALUES ";
                    std::vector<PgParam> params;
                    for (const sync::Bucket& bucket : buckets) {
                        const size_t n = params.size();
                        sql += (n ? ", (" : "(");
                        for (size_t p = 1; p <= 8; ++p)
                            sql += "$" + std::to_string(n + p) + (p == 3 ? "::date" : "") +
                                   (p < 8 ? ", " : ")");
                        for (PgParam value :
                             {pg_param(kiosk_id(sample[i])), pg_param(bench::kBenchEpoch),
                              pg_param(bucket.day), pg_param(bucket.kind), pg_param(bucket.subject),
                              pg_param(bucket.metric), pg_param(bucket.value),
                              pg_param(bucket.seq)})
                            params.push_back(std::move(value));
                    }
                    pg_run(*connection, sql, params);
                    inserted += int64_t(buckets.size());
                }
            });
        for (std::thread& thread : threads)
            thread.join();
    }
    rows = inserted;
    return seconds_since(start);
}

// Over HTTP: each sampled kiosk's days as one sync batch, kiosks alternating
// between the hub processes.
double http_ingest(const Options& options, const std::vector<bench::HubServer>& servers,
                   const std::vector<int>& sample, const std::vector<std::string>& tokens,
                   int first, int last, int64_t& sent_buckets) {
    std::atomic<size_t> next{0};
    std::atomic<int64_t> sent{0};
    std::atomic<bool> failed{false};
    const auto start = BenchClock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < options.threads; ++t)
        threads.emplace_back([&] {
            std::vector<std::unique_ptr<httplib::Client>> clients;
            for (const bench::HubServer& server : servers) {
                clients.push_back(std::make_unique<httplib::Client>("127.0.0.1", server.port));
                clients.back()->set_keep_alive(true);
                clients.back()->set_read_timeout(120, 0);
            }
            sync::SyncBatch batch;
            batch.epoch = bench::kBenchEpoch;
            batch.heartbeat.software_version = "0.4.0";
            for (size_t i = next++; i < sample.size() && !failed; i = next++) {
                const int kiosk = sample[i];
                batch.buckets = kiosk_batch(kiosk, first, last);
                batch.through_seq = last;
                batch.heartbeat.clock_utc_ms = (kFirstDay + last) * 86400000LL;
                if (!bench::post_sync(*clients[i % clients.size()], tokens[size_t(kiosk)], kiosk,
                                      batch, "bench-hub-scale")) {
                    failed = true;
                    return;
                }
                sent += int64_t(batch.buckets.size());
            }
        });
    for (std::thread& thread : threads)
        thread.join();
    if (failed) fail("the HTTP ingest failed");
    sent_buckets = sent;
    return seconds_since(start);
}

//-----------------------------------------------------------------------------
// [SECTION] c. The dashboard: HubStore queries and GET /dashboard
//-----------------------------------------------------------------------------

// Gives `scope` the province's venues when this build's QueryScope has a
// venue list (the region scope); false when it has none.
template <typename Scope>
bool scope_to_venues(Scope& scope, const std::vector<std::string>& venues) {
    if constexpr (requires { scope.venues = venues; }) {
        scope.venues = venues;
        return true;
    } else {
        return false;
    }
}

// Sets the monthly request's region (and, where the request carries them, the
// region's venues as the routes find them) when this build's MonthlyRequest
// has one.
template <typename Request>
bool request_region(Request& request, const std::string& region,
                    const std::vector<std::string>& venues) {
    if constexpr (requires { request.region = region; }) {
        request.region = region;
        if constexpr (requires { request.venues = venues; }) request.venues = venues;
        return true;
    } else {
        return false;
    }
}

double dashboard_queries(const Options& options, hub::HubStore& store, int last_day) {
    const std::string to = day_name(last_day, kFirstDay);
    const int province = measured_province(options);
    double worst = 0;
    std::printf("c. dashboard, HubStore queries in this process, %d runs each:\n", options.reps);
    for (const int range : {30, 365}) {
        const std::string from = day_name(std::max(0, last_day + 1 - range), kFirstDay);
        const std::string days = ", " + std::to_string(range) + " days";
        worst = std::max(
            worst, bench::time_queries(store, {"", from, to}, "country" + days, options.reps));
        hub::QueryScope scope{"", from, to};
        if (scope_to_venues(scope, venues_of_province(options, province)))
            worst = std::max(worst, bench::time_queries(
                                        store, scope, "province " + std::to_string(province) + days,
                                        options.reps));
        else
            std::printf("  province: not measured (this build's QueryScope has no venue list)\n");
        worst = std::max(worst, bench::time_queries(store, {venue_id(0), from, to},
                                                    "venue " + venue_id(0) + days, options.reps));
    }
    std::printf("c. worst in-process page p95: %.1f ms (target <= 200 ms: %s)\n", worst,
                worst <= 200 ? "met" : "NOT met");
    return worst;
}

double dashboard_pages(const Options& options, const bench::HubServer& server, int last_day) {
    httplib::Client client("127.0.0.1", server.port);
    client.set_keep_alive(true);
    client.set_read_timeout(300, 0);
    const std::string cookie = bench::sign_in(client, "bench-admin", kPassword);
    if (cookie.empty()) fail("signing in through /login failed");
    const std::string to = day_name(last_day, kFirstDay);
    const int province = measured_province(options);
    hub::QueryScope probe;
    const bool has_region = scope_to_venues(probe, {});
    double worst = 0;
    std::printf("c. GET /dashboard over HTTP as a province administrator, %d pages each:\n",
                options.reps);
    for (const int range : {30, 365}) {
        const std::string dates =
            "&from=" + day_name(std::max(0, last_day + 1 - range), kFirstDay) + "&to=" + to +
            "&lang=zh";
        const std::string days = ", " + std::to_string(range) + " days";
        worst = std::max(worst, bench::time_http_page(client, cookie, "/dashboard?venue=" + dates,
                                                      "country" + days, options.reps));
        if (has_region)
            worst = std::max(
                worst, bench::time_http_page(
                           client, cookie, "/dashboard?region=" + std::to_string(province) + dates,
                           "province " + std::to_string(province) + days, options.reps));
        else
            std::printf("  province: not measured (this build has no region scope)\n");
        worst = std::max(worst, bench::time_http_page(client, cookie,
                                                      "/dashboard?venue=" + venue_id(0) + dates,
                                                      "venue " + venue_id(0) + days, options.reps));
    }
    std::printf("c. worst GET /dashboard p95: %.1f ms (target <= 200 ms: %s)\n", worst,
                worst <= 200 ? "met" : "NOT met");
    return worst;
}

//-----------------------------------------------------------------------------
// [SECTION] d. The monthly report
//-----------------------------------------------------------------------------

void monthly_report(const Options& options, const hub::StoreLocation& location, int last_day) {
    std::string error;
    std::unique_ptr<hub::HubStore> store = hub::open_hub_store(location, error);
    std::unique_ptr<hub::LibraryStore> library =
        store ? hub::open_library_store(location, error) : nullptr;
    std::unique_ptr<hub::NoticeStore> notices =
        library ? hub::open_notice_store(location, error) : nullptr;
    if (!notices) fail(error);
    const std::optional<std::string> month = month_before(day_name(last_day + 1, kFirstDay));
    if (!month) fail("no month before the data's last day");
    hub::MonthlyRequest request;
    request.month = *month;
    request.now_utc_ms = (kFirstDay + last_day + 1) * 86400000LL;
    const std::string province = std::to_string(measured_province(options));
    const std::string scope =
        request_region(request, province, venues_of_province(options, measured_province(options)))
            ? "province " + province + " (region " + province + ")"
            : "the whole hub (this build has no region report)";
    const auto start = BenchClock::now();
    const std::optional<report::MonthlyReport> report =
        hub::collect_monthly_report(*store, library.get(), notices.get(), request, error);
    const double collect_s = seconds_since(start);
    if (!report) fail("collect_monthly_report: " + error);
    const std::optional<std::string> pdf = report::render_monthly_pdf(*report, error);
    const double total_s = seconds_since(start);
    if (!pdf) fail("render_monthly_pdf: " + error);
    std::printf("d. monthly report %s, %s: %.2f s (collect %.2f s, PDF %.2f s), %zu bytes "
                "(target <= 5 s: %s)\n",
                month->c_str(), scope.c_str(), total_s, collect_s, total_s - collect_s, pdf->size(),
                total_s <= 5 ? "met" : "NOT met");
}

//-----------------------------------------------------------------------------
// [SECTION] The command line and main
//-----------------------------------------------------------------------------

bool parse_int(const std::string& text, int& value) {
    try {
        size_t used = 0;
        value = std::stoi(text, &used);
        return used == text.size();
    } catch (const std::exception&) {
        return false;
    }
}

// "" when the options are usable, else why not, naming the flag.
std::string parse_options(int argc, char** argv, Options& options) {
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (i + 1 >= argc) return flag + ": expected a value after it";
        const std::string value = argv[++i];
        int* number = flag == "--kiosks"             ? &options.kiosks
                      : flag == "--days"             ? &options.days
                      : flag == "--kiosks-per-venue" ? &options.kiosks_per_venue
                      : flag == "--provinces"        ? &options.provinces
                      : flag == "--reps"             ? &options.reps
                      : flag == "--threads"          ? &options.threads
                      : flag == "--ingest-kiosks"    ? &options.ingest_kiosks
                      : flag == "--ingest-days"      ? &options.ingest_days
                                                     : nullptr;
        if (number) {
            if (!parse_int(value, *number) || *number < 0)
                return flag + ": expected a whole number, not \"" + value + "\"";
        } else if (flag == "--backend") {
            options.backend = value;
        } else if (flag == "--url") {
            options.url = value;
        } else if (flag == "--keep") {
            options.keep = value;
        } else {
            return "unknown option " + flag;
        }
    }
    if (options.backend != "postgresql" && options.backend != "sqlite")
        return "--backend: expected postgresql or sqlite";
    if (options.backend == "sqlite" && !options.url.empty())
        return "--url: only for --backend postgresql";
    if (options.backend == "postgresql" && options.url.empty()) options.url = "postgresql://";
    if (options.backend == "postgresql" && !hub::is_postgresql_url(options.url))
        return "--url: expected postgresql://...";
    if (options.kiosks < 1 || options.days < 2 || options.kiosks_per_venue < 1 ||
        options.reps < 1 || options.threads < 1 || options.ingest_days < 1)
        return "--kiosks, --kiosks-per-venue, --reps, --threads, --ingest-days: at least 1; "
               "--days: at least 2";
    if (options.provinces < 1 || options.provinces > kMaxProvinces)
        return "--provinces: expected 1.." + std::to_string(kMaxProvinces);
    if (options.ingest_kiosks == 0) options.ingest_kiosks = std::min(options.kiosks, 1000);
    if (options.ingest_kiosks > options.kiosks) return "--ingest-kiosks: at most --kiosks";
    if (size_t(options.ingest_days) * 30 > sync::kMaxBuckets)
        return "--ingest-days: at most " + std::to_string(sync::kMaxBuckets / 30) +
               " (one sync batch per kiosk)";
    return "";
}

} // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures in order with kiosk-hub's stderr
    Options options;
    if (const std::string problem = parse_options(argc, argv, options); !problem.empty()) {
        std::fprintf(stderr,
                     "bench-hub-scale: %s\nusage: bench-hub-scale --backend postgresql|sqlite "
                     "[--url URL] [--kiosks N] [--days N] [--kiosks-per-venue N] "
                     "[--provinces N] [--reps N] [--threads N] [--ingest-kiosks N] "
                     "[--ingest-days N] [--keep DIR]\n",
                     problem.c_str());
        return 2;
    }
    if (sodium_init() < 0) fail("libsodium cannot start");
    const std::filesystem::path root = options.keep.empty()
                                           ? std::filesystem::temp_directory_path() /
                                                 ("bench-hub-scale-" + std::to_string(getpid()))
                                           : std::filesystem::path(options.keep);
    const std::string data_dir = (root / "hub").string();
    const hub::StoreLocation location = store_location(options, data_dir);
    const int64_t rows = int64_t(options.kiosks) * options.days * 30;
    std::printf("bench-hub-scale on %s: %d kiosks in %d venues over %d provinces, %d days from "
                "%s = %lld buckets\n",
                options.backend.c_str(), options.kiosks, venue_count(options), options.provinces,
                options.days, kFirstDayName, static_cast<long long>(rows));

    // The ingest's kiosks, spread over the venues; its fresh days follow the
    // loaded ones (and earlier runs' on kept data).
    std::vector<int> sample;
    for (int i = 0; i < options.ingest_kiosks; ++i)
        sample.push_back(int(int64_t(i) * options.kiosks / options.ingest_kiosks));
    std::vector<std::string> tokens;
    const std::string marker = plan_marker(options);
    int fresh_day = options.days;
    if (!options.keep.empty() && read_text(root / "plan.txt") == marker) {
        std::printf("a. load: kept in %s from an earlier run (delete it to measure the load)\n",
                    root.c_str());
        parse_int(read_text(root / "next-day.txt"), fresh_day);
        renew_tokens(options, location, sample, tokens);
    } else {
        std::error_code ignored;
        std::filesystem::remove_all(root, ignored);
        std::filesystem::create_directories(data_dir);
        const auto start = BenchClock::now();
        tokens = register_everything(options, location);
        const double register_s = seconds_since(start);
        if (options.backend == "postgresql")
            load_postgresql(options, location);
        else
            load_sqlite(options, location);
        const double load_s = seconds_since(start);
        std::printf("a. load: %lld buckets in %.0f s (venues, kiosks, divisions %.1f s) = %.0f "
                    "buckets/s; database %.2f GiB\n",
                    static_cast<long long>(rows), load_s, register_s, double(rows) / load_s,
                    double(database_bytes(options, location)) / (1 << 30));
        std::ofstream(root / "plan.txt") << marker;
    }
    const int raw_first = fresh_day, http_first = fresh_day + options.ingest_days,
              http_last = http_first + options.ingest_days;
    std::ofstream(root / "next-day.txt") << http_last;

    // b. Ingest.
    if (options.backend == "postgresql") {
        std::string error;
        if (!hub::make_month_partitions(*pg_pool_for(options.url, 1),
                                        months_of(raw_first, http_last), error))
            fail(error);
    }
    int64_t raw_rows = 0;
    const double raw_s = raw_insert(options, location, sample, raw_first, http_first, raw_rows);
    const double raw_rate = double(raw_rows) / raw_s;
    std::vector<bench::HubServer> servers(options.backend == "postgresql" ? 2 : 1);
    for (bench::HubServer& server : servers)
        if (!server.start(data_dir, options.backend == "postgresql" ? options.url : ""))
            fail("kiosk-hub serve did not start");
    int64_t sent = 0;
    const double http_s =
        http_ingest(options, servers, sample, tokens, http_first, http_last, sent);
    const double http_rate = double(sent) / http_s;
    std::printf("b. ingest of %d kiosks x %d fresh days (one batch of %d buckets per kiosk):\n",
                options.ingest_kiosks, options.ingest_days, options.ingest_days * 30);
    std::printf("   raw batched INSERT (%s): %lld buckets in %.2f s = %.0f buckets/s\n",
                options.backend == "postgresql"
                    ? (std::to_string(options.threads) + " connections").c_str()
                    : "one connection",
                static_cast<long long>(raw_rows), raw_s, raw_rate);
    std::printf("   HTTP sync (%zu kiosk-hub serve, %d client threads): %lld buckets in %.2f s = "
                "%.0f buckets/s\n",
                servers.size(), options.threads, static_cast<long long>(sent), http_s, http_rate);
    std::printf("b. ingest ratio HTTP / raw = %.2fx (target >= 0.3x: %s)\n", http_rate / raw_rate,
                http_rate / raw_rate >= 0.3 ? "met" : "NOT met");

    // c. The dashboard, over the loaded days.
    const int last_day = options.days - 1;
    {
        std::string error;
        std::unique_ptr<hub::HubStore> store = hub::open_hub_store(location, error);
        if (!store) fail(error);
        dashboard_queries(options, *store, last_day);
    }
    dashboard_pages(options, servers.front(), last_day);
    for (bench::HubServer& server : servers)
        server.stop();

    // d. The monthly report.
    monthly_report(options, location, last_day);
    if (options.keep.empty()) std::filesystem::remove_all(root);
    return 0;
}
