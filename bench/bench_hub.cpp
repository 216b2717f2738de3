// bench-hub: the hub's benchmark (issue 6). Prints
//  1. ingest: KIOSKS x DAYS days of realistic buckets (30 per kiosk-day:
//     sessions, session time, 8 hours, 4 exhibits' visits/dwell/interactions,
//     a quiz's starts/finishes and 3 questions' answers/correct) POSTed to
//     /api/v1/sync of a real kiosk-hub process on 127.0.0.1, in batches of up to
//     5,000 buckets from several client threads, in buckets/s; against the
//     limit: the same buckets INSERTed raw into the same hub.db schema (its
//     tables and triggers) with one prepared statement, committed in the same
//     transactions as the HTTP side (one per kiosk batch, synchronous=FULL);
//     target >= 30%;
//  2. dashboard query latency over the ingested data: each HubStore query the
//     dashboard page runs (daily totals, hour of week, top exhibits by visits
//     and by dwell, quiz accuracy, kiosk health) and the whole set, for all
//     venues and for one venue over 30 and 365 days, p50 and p95 of REPS runs;
//  3. GET /dashboard over HTTP on loopback from a restarted kiosk-hub: signed
//     in through /login as a province administrator (all venues) and as a
//     venue manager (their venue), 30 and 365 days, p50 and p95 of REPS pages
//     (queries, HTML and SVG rendering, transfer); target p95 <= 200 ms.
// Usage:
//   build/bin/bench-hub [--kiosks 1000] [--days 365] [--threads 2] [--reps 50]
//                       [--kiosks-per-venue 20] [--keep DIR]
//
// The data shapes and the timing are bench_hub_data.h's.
//
// Index of this file:
// [SECTION] Helpers: options
// [SECTION] The data: a kiosk-day's buckets, venues and kiosks
// [SECTION] 1. Ingest: over HTTP, and the raw-insert limit
// [SECTION] The command line and main

#include "bench_figures.h"
#include "bench_hub_data.h"
#include "bench_hub_server.h"
#include "core/sqlite_statement.h"
#include "hub/credentials.h"
#include "hub/hub_store.h"
#include "sync/sync_protocol.h"
#include "test_paths.h"

#include <httplib.h>
#include <signal.h>
#include <sodium.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace kiosk;
using bench::add_kiosk_day;
using bench::day_name;
using bench::HubServer;
using bench::kiosk_id;
using bench::percentile;
using bench::seconds_since;
using bench::sign_in;
using bench::time_http_page;
using bench::time_queries;
using bench::venue_id;
using Clock_ = bench::BenchClock;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers: options
//-----------------------------------------------------------------------------

struct Options {
    int kiosks = 1000;
    int days = 365;
    int threads = 2;
    int reps = 50;
    int kiosks_per_venue = 20;
    std::string keep; // a folder to keep the data in (default: a temporary one, removed)
};

//-----------------------------------------------------------------------------
// [SECTION] The data: a kiosk-day's buckets, venues and kiosks
//-----------------------------------------------------------------------------

// Venues and kiosks (tokens returned by kiosk), straight into the store.
std::vector<std::string> register_kiosks(hub::HubStore& store, const Options& options) {
    return bench::register_kiosks(store, options.kiosks, options.kiosks_per_venue, "bench-hub");
}

//-----------------------------------------------------------------------------
// [SECTION] 1. Ingest: over HTTP, and the raw-insert limit
//-----------------------------------------------------------------------------

// Days of one kiosk per sync batch: 30 buckets a day, at most kMaxBuckets a
// batch. Both the HTTP ingest and the raw limit commit once per batch.
int days_per_batch() {
    return int(sync::kMaxBuckets / 30);
}

// Ingest over HTTP: every kiosk's days in batches of up to kMaxBuckets.
double http_ingest(int port, const std::vector<std::string>& tokens, const Options& options,
                   int64_t& buckets_sent) {
    std::atomic<int> next_kiosk{0};
    std::atomic<int64_t> sent{0};
    std::atomic<bool> failed{false};
    const int batch_days = days_per_batch();
    const auto start = Clock_::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < options.threads; ++t)
        threads.emplace_back([&] {
            httplib::Client client("127.0.0.1", port);
            client.set_keep_alive(true);
            client.set_read_timeout(120, 0);
            sync::SyncBatch batch;
            batch.epoch = bench::kBenchEpoch;
            batch.heartbeat.software_version = "0.4.0";
            for (int kiosk = next_kiosk++; kiosk < options.kiosks && !failed;
                 kiosk = next_kiosk++) {
                for (int first = 0; first < options.days; first += batch_days) {
                    batch.buckets.clear();
                    const int last = std::min(options.days, first + batch_days);
                    for (int day = first; day < last; ++day)
                        add_kiosk_day(kiosk, day, batch.buckets);
                    batch.through_seq = last;
                    batch.heartbeat.clock_utc_ms = 1767225600000 + last;
                    if (!bench::post_sync(client, tokens[size_t(kiosk)], kiosk, batch,
                                          "bench-hub")) {
                        failed = true;
                        return;
                    }
                    sent += int64_t(batch.buckets.size());
                }
            }
        });
    for (std::thread& thread : threads)
        thread.join();
    const double seconds = seconds_since(start);
    if (failed) std::exit(1);
    buckets_sent = sent;
    return seconds;
}

// The limit: the same buckets INSERTed into the buckets table of a fresh hub.db
// (same schema and triggers) with one prepared statement, committed in the
// same transactions as the HTTP ingest: one per batch of a kiosk's days.
double raw_insert(const std::string& data_dir, const Options& options, int64_t& rows,
                  int64_t& transactions) {
    sqlite3* db = nullptr;
    sqlite3_open((data_dir + "/hub.db").c_str(), &db);
    sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL", nullptr, nullptr,
                 nullptr);
    auto insert = std::make_unique<SqliteStatement>(
        db,
        "INSERT INTO buckets(kiosk, epoch, day, kind, subject, metric, value, seq) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        StatementUse::reused);
    auto exec = [&](const char* sql) {
        if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
            std::fprintf(stderr, "bench-hub: raw insert: %s: %s\n", sql, sqlite3_errmsg(db));
            std::exit(1);
        }
    };
    const int batch_days = days_per_batch();
    std::vector<sync::Bucket> buckets;
    rows = 0;
    transactions = 0;
    const auto start = Clock_::now();
    for (int kiosk = 0; kiosk < options.kiosks; ++kiosk) {
        const std::string id = kiosk_id(kiosk);
        for (int first = 0; first < options.days; first += batch_days) {
            buckets.clear();
            const int last = std::min(options.days, first + batch_days);
            for (int day = first; day < last; ++day)
                add_kiosk_day(kiosk, day, buckets);
            exec("BEGIN IMMEDIATE");
            for (const sync::Bucket& bucket : buckets) {
                insert->reset();
                insert->bind(1, id).bind_view(2, std::string_view(bench::kBenchEpoch, 32));
                insert->bind(3, bucket.day).bind(4, bucket.kind).bind(5, bucket.subject);
                insert->bind(6, bucket.metric).bind(7, bucket.value).bind(8, bucket.seq);
                if (!insert->run()) {
                    std::fprintf(stderr, "bench-hub: raw insert: %s\n", insert->error().c_str());
                    std::exit(1);
                }
                ++rows;
            }
            exec("COMMIT");
            ++transactions;
        }
    }
    const double seconds = seconds_since(start);
    insert.reset(); // finalized before the connection closes
    sqlite3_close(db);
    return seconds;
}

//-----------------------------------------------------------------------------
// [SECTION] The command line and main
//-----------------------------------------------------------------------------

bool parse_options(int argc, char** argv, Options& options) {
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (i + 1 >= argc) return false;
        const std::string value = argv[++i];
        if (flag == "--kiosks")
            options.kiosks = std::stoi(value);
        else if (flag == "--days")
            options.days = std::stoi(value);
        else if (flag == "--threads")
            options.threads = std::stoi(value);
        else if (flag == "--reps")
            options.reps = std::stoi(value);
        else if (flag == "--kiosks-per-venue")
            options.kiosks_per_venue = std::stoi(value);
        else if (flag == "--keep")
            options.keep = value;
        else
            return false;
    }
    return options.kiosks > 0 && options.days > 0 && options.threads > 0 && options.reps > 0 &&
           options.kiosks_per_venue > 0;
}

} // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures in order with kiosk-hub's stderr
    Options options;
    if (!parse_options(argc, argv, options)) {
        std::fprintf(stderr, "usage: bench-hub [--kiosks N] [--days N] [--threads N] [--reps N] "
                             "[--kiosks-per-venue N] [--keep DIR]\n");
        return 2;
    }
    if (sodium_init() < 0) return 1;
    const std::filesystem::path root =
        options.keep.empty()
            ? std::filesystem::temp_directory_path() / ("bench-hub-" + std::to_string(getpid()))
            : std::filesystem::path(options.keep);
    std::filesystem::remove_all(root);
    const std::string http_dir = (root / "http").string(), raw_dir = (root / "raw").string();

    std::string error;
    std::vector<std::string> tokens;
    {
        std::unique_ptr<hub::HubStore> store =
            hub::open_hub_store(hub::StoreLocation(http_dir), error);
        std::unique_ptr<hub::HubStore> raw_store =
            hub::open_hub_store(hub::StoreLocation(raw_dir), error);
        if (!store || !raw_store) {
            std::fprintf(stderr, "bench-hub: %s\n", error.c_str());
            return 1;
        }
        tokens = register_kiosks(*store, options);
        register_kiosks(*raw_store, options);
    }
    const int64_t total = int64_t(options.kiosks) * options.days * 30;
    std::printf("bench-hub: %d kiosks x %d days x 30 buckets = %lld buckets, %d client threads\n",
                options.kiosks, options.days, static_cast<long long>(total), options.threads);

    int64_t raw_rows = 0, raw_transactions = 0;
    const double raw_seconds = raw_insert(raw_dir, options, raw_rows, raw_transactions);
    const double raw_rate = double(raw_rows) / raw_seconds;
    std::printf("raw INSERT limit:  %lld buckets in %.2f s = %.0f buckets/s "
                "(%lld transactions, one per batch of up to %d buckets, as over HTTP)\n",
                static_cast<long long>(raw_rows), raw_seconds, raw_rate,
                static_cast<long long>(raw_transactions), days_per_batch() * 30);
    std::filesystem::remove_all(raw_dir);

    HubServer server;
    if (!server.start(http_dir)) {
        std::fprintf(stderr, "bench-hub: kiosk-hub serve did not start\n");
        return 1;
    }
    int64_t sent = 0;
    const double http_seconds = http_ingest(server.port, tokens, options, sent);
    server.stop();
    const double http_rate = double(sent) / http_seconds;
    std::printf("HTTP ingest:       %lld buckets in %.2f s = %.0f buckets/s\n",
                static_cast<long long>(sent), http_seconds, http_rate);
    const double ratio = 100.0 * http_rate / raw_rate;
    std::printf("ingest ratio:      HTTP / raw = %.1f%% (target >= 30%%: %s)\n", ratio,
                ratio >= 30 ? "met" : "NOT met");

    std::unique_ptr<hub::HubStore> store = hub::open_hub_store(hub::StoreLocation(http_dir), error);
    if (!store) {
        std::fprintf(stderr, "bench-hub: %s\n", error.c_str());
        return 1;
    }
    const std::string last_day = day_name(options.days - 1);
    const std::string month_ago = day_name(std::max(0, options.days - 30));
    const std::string year_ago = day_name(std::max(0, options.days - 365));
    std::printf("dashboard queries, %d runs each:\n", options.reps);
    double worst_page = 0;
    for (const std::string& venue : {std::string(), venue_id(0)})
        for (const auto& [range, from] :
             {std::pair<std::string, std::string>{"30 days", month_ago}, {"365 days", year_ago}}) {
            const std::string label =
                (venue.empty() ? "all venues" : "venue " + venue) + ", " + range;
            worst_page = std::max(
                worst_page, time_queries(*store, {venue, from, last_day}, label, options.reps));
        }
    std::printf("worst in-process page p95: %.2f ms (target <= 200 ms: %s)\n", worst_page,
                worst_page <= 200 ? "met" : "NOT met");

    // The same pages over HTTP from a restarted hub, signed in through /login.
    const std::string password = "bench-hub password";
    const std::string manager_venue = venue_id(0);
    for (const hub::UserRecord& user :
         {hub::UserRecord{"bench-admin", hub::hash_password(password), "province_admin", ""},
          hub::UserRecord{"bench-manager", hub::hash_password(password), "venue_manager",
                          manager_venue}})
        if (!store->add_user(user, error)) {
            std::fprintf(stderr, "bench-hub: %s\n", error.c_str());
            return 1;
        }
    store.reset();
    if (!server.start(http_dir)) {
        std::fprintf(stderr, "bench-hub: kiosk-hub serve did not restart\n");
        return 1;
    }
    httplib::Client admin("127.0.0.1", server.port), manager("127.0.0.1", server.port);
    for (httplib::Client* client : {&admin, &manager}) {
        client->set_keep_alive(true);
        client->set_read_timeout(120, 0);
    }
    const std::string admin_cookie = sign_in(admin, "bench-admin", password);
    const std::string manager_cookie = sign_in(manager, "bench-manager", password);
    if (admin_cookie.empty() || manager_cookie.empty()) {
        std::fprintf(stderr, "bench-hub: signing in through /login failed\n");
        server.stop();
        return 1;
    }
    std::printf("GET /dashboard over HTTP (loopback), %d pages each:\n", options.reps);
    double worst_http = 0;
    for (const bool all_venues : {true, false})
        for (const auto& [range, from] :
             {std::pair<std::string, std::string>{"30 days", month_ago}, {"365 days", year_ago}}) {
            const std::string label =
                (all_venues ? "admin, all venues" : "manager, " + manager_venue) + ", " + range;
            const hub::QueryScope scope{all_venues ? "" : manager_venue, from, last_day};
            worst_http =
                std::max(worst_http, time_http_page(all_venues ? admin : manager,
                                                    all_venues ? admin_cookie : manager_cookie,
                                                    "/dashboard?venue=" + scope.venue + "&from=" +
                                                        scope.from + "&to=" + scope.to + "&lang=zh",
                                                    label, options.reps));
        }
    server.stop();
    std::printf("worst HTTP page p95: %.2f ms (target <= 200 ms: %s)\n", worst_http,
                worst_http <= 200 ? "met" : "NOT met");
    if (options.keep.empty()) std::filesystem::remove_all(root);
    return 0;
}
