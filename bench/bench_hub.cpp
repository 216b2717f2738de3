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
// Index of this file:
// [SECTION] Helpers: options, timing, ids and days
// [SECTION] The data: a kiosk-day's buckets, venues and kiosks
// [SECTION] 1. Ingest: over HTTP, and the raw-insert limit
// [SECTION] 2. Dashboard query latency
// [SECTION] 3. The dashboard page over HTTP: signing in, timing pages
// [SECTION] The command line and main

#include "bench_figures.h"
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
using bench::HubServer;
using bench::percentile;
using bench::sign_in;
using Clock_ = std::chrono::steady_clock;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers: options, timing, ids and days
//-----------------------------------------------------------------------------

struct Options {
    int kiosks = 1000;
    int days = 365;
    int threads = 2;
    int reps = 50;
    int kiosks_per_venue = 20;
    std::string keep; // a folder to keep the data in (default: a temporary one, removed)
};

double seconds_since(Clock_::time_point start) {
    return std::chrono::duration<double>(Clock_::now() - start).count();
}

std::string kiosk_id(int kiosk) {
    return "k-" + std::to_string(100000 + kiosk);
}

std::string venue_id(int venue) {
    return "v-" + std::to_string(1000 + venue);
}

// YYYY-MM-DD of day `index` after 2025-01-01 (proleptic Gregorian, days from civil).
std::string day_name(int index) {
    int64_t z = 20089 + index + 719468; // 2025-01-01 is day 20089 since 1970-01-01
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const int64_t y = yoe + era * 400 + (m <= 2);
    char text[40];
    std::snprintf(text, sizeof text, "%04lld-%02lld-%02lld", static_cast<long long>(y),
                  static_cast<long long>(m), static_cast<long long>(d));
    return text;
}

//-----------------------------------------------------------------------------
// [SECTION] The data: a kiosk-day's buckets, venues and kiosks
//-----------------------------------------------------------------------------

// The 30 buckets of one kiosk-day, deterministic in (kiosk, day); seq = day + 1.
void add_kiosk_day(int kiosk, int day, std::vector<sync::Bucket>& out) {
    const std::string date = day_name(day);
    const int64_t seq = day + 1;
    const int64_t sessions = 20 + (kiosk * 7 + day * 13) % 60;
    auto add = [&](const char* kind, std::string subject, const char* metric, int64_t value) {
        out.push_back({date, kind, std::move(subject), metric, value, seq});
    };
    add("kiosk", "", "sessions", sessions);
    add("kiosk", "", "session_ms", sessions * 95000);
    for (int hour = 9; hour < 17; ++hour) {
        char name[3];
        std::snprintf(name, sizeof name, "%02d", hour);
        add("hour", name, "sessions", sessions / 8 + (hour + kiosk) % 3);
    }
    for (int exhibit = 0; exhibit < 4; ++exhibit) {
        const std::string subject = "exhibit-" + std::to_string((kiosk + exhibit) % 12);
        add("exhibit", subject, "visits", sessions / (exhibit + 1));
        add("exhibit", subject, "dwell_ms", sessions * 30000 / (exhibit + 1));
        add("exhibit", subject, "interactions", sessions * 3 / (exhibit + 1));
    }
    add("quiz", "physics", "starts", sessions / 4);
    add("quiz", "physics", "finishes", sessions / 5);
    for (int question = 0; question < 3; ++question) {
        const std::string subject = "physics/q" + std::to_string(question);
        const int64_t answers = sessions / 5;
        add("question", subject, "answers", answers);
        add("question", subject, "correct", answers * (3 - question) / 4);
    }
}

// Venues and kiosks (tokens returned by kiosk), straight into the store.
std::vector<std::string> register_kiosks(hub::HubStore& store, const Options& options) {
    std::vector<std::string> tokens;
    std::string error;
    const int venues = (options.kiosks + options.kiosks_per_venue - 1) / options.kiosks_per_venue;
    for (int venue = 0; venue < venues; ++venue)
        if (!store.add_venue({venue_id(venue), "场馆", "Venue", "county_museum"}, error)) {
            std::fprintf(stderr, "bench-hub: %s\n", error.c_str());
            std::exit(1);
        }
    for (int kiosk = 0; kiosk < options.kiosks; ++kiosk) {
        hub::KioskRecord record;
        record.id = kiosk_id(kiosk);
        record.venue = venue_id(kiosk / options.kiosks_per_venue);
        tokens.push_back(hub::make_kiosk_token(record.id));
        record.token_hash = hub::hash_token(tokens.back());
        if (!store.add_kiosk(record, error)) {
            std::fprintf(stderr, "bench-hub: %s\n", error.c_str());
            std::exit(1);
        }
    }
    return tokens;
}

//-----------------------------------------------------------------------------
// [SECTION] 1. Ingest: over HTTP, and the raw-insert limit
//-----------------------------------------------------------------------------

constexpr const char* kEpoch = "0123456789abcdef0123456789abcdef";

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
            batch.epoch = kEpoch;
            batch.heartbeat.software_version = "0.4.0";
            for (int kiosk = next_kiosk++; kiosk < options.kiosks && !failed;
                 kiosk = next_kiosk++) {
                const httplib::Headers headers = {
                    {"Authorization", "Bearer " + tokens[size_t(kiosk)]}};
                for (int first = 0; first < options.days; first += batch_days) {
                    batch.buckets.clear();
                    const int last = std::min(options.days, first + batch_days);
                    for (int day = first; day < last; ++day)
                        add_kiosk_day(kiosk, day, batch.buckets);
                    batch.through_seq = last;
                    batch.heartbeat.clock_utc_ms = 1767225600000 + last;
                    auto answer = client.Post("/api/v1/sync", headers, sync::to_json(batch),
                                              "application/json");
                    if (!answer || answer->status != 200) {
                        std::fprintf(stderr, "bench-hub: sync of %s answered %d %s\n",
                                     kiosk_id(kiosk).c_str(), answer ? answer->status : 0,
                                     answer ? answer->body.c_str() : "(no answer)");
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
                insert->bind(1, id).bind_view(2, std::string_view(kEpoch, 32));
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
// [SECTION] 2. Dashboard query latency
//-----------------------------------------------------------------------------

struct Timing {
    std::string name;
    std::vector<double> ms;
};

void print_timing(const std::string& scope, const Timing& timing, double& worst_p95) {
    const double p50 = percentile(timing.ms, 0.50), p95 = percentile(timing.ms, 0.95);
    worst_p95 = std::max(worst_p95, p95);
    std::printf("  %-28s %-22s p50 %8.2f ms   p95 %8.2f ms\n", scope.c_str(), timing.name.c_str(),
                p50, p95);
}

// Every dashboard query for `scope`, `reps` times each; the page = all of them.
double time_queries(hub::HubStore& store, const hub::QueryScope& scope, const std::string& label,
                    int reps) {
    const std::vector<std::pair<std::string, std::function<size_t()>>> queries = {
        {"daily_totals", [&] { return store.daily_totals(scope).size(); }},
        {"hour_of_week", [&] { return store.sessions_by_hour_of_week(scope).size(); }},
        {"top_exhibits(visits)",
         [&] { return store.top_exhibits(scope, hub::ExhibitOrder::by_visits, 10).size(); }},
        {"top_exhibits(dwell)",
         [&] { return store.top_exhibits(scope, hub::ExhibitOrder::by_dwell, 10).size(); }},
        {"quiz_accuracy", [&] { return store.quiz_accuracy(scope).size(); }},
        {"kiosk_health", [&] { return store.kiosk_health(scope.venue).size(); }},
    };
    std::vector<Timing> timings;
    for (const auto& query : queries)
        timings.push_back({query.first, {}});
    Timing page{"page (all of them)", {}};
    size_t rows = 0;
    for (int rep = 0; rep < reps; ++rep) {
        const auto page_start = Clock_::now();
        for (size_t q = 0; q < queries.size(); ++q) {
            const auto start = Clock_::now();
            rows += queries[q].second();
            timings[q].ms.push_back(seconds_since(start) * 1000);
        }
        page.ms.push_back(seconds_since(page_start) * 1000);
    }
    double worst = 0;
    for (const Timing& timing : timings)
        print_timing(label, timing, worst);
    double page_p95 = 0;
    print_timing(label, page, page_p95);
    if (rows == 0) std::printf("  (%s: every query came back empty!)\n", label.c_str());
    return page_p95;
}

//-----------------------------------------------------------------------------
// [SECTION] 3. The dashboard page over HTTP: signing in, timing pages
//-----------------------------------------------------------------------------

// GET /dashboard `reps` times with a signed-in session; prints p50/p95 and the
// page size, returns the p95 (ms). Exits when a page is not a 200 with charts.
double time_http_page(httplib::Client& client, const std::string& cookie,
                      const hub::QueryScope& scope, const std::string& label, int reps) {
    const std::string path =
        "/dashboard?venue=" + scope.venue + "&from=" + scope.from + "&to=" + scope.to + "&lang=zh";
    const httplib::Headers headers = {{"Cookie", cookie}};
    Timing page{"GET /dashboard", {}};
    size_t bytes = 0;
    for (int rep = 0; rep < reps; ++rep) {
        const auto start = Clock_::now();
        auto answer = client.Get(path.c_str(), headers);
        page.ms.push_back(seconds_since(start) * 1000);
        if (!answer || answer->status != 200 || answer->body.find("<svg") == std::string::npos) {
            std::fprintf(stderr, "bench-hub: GET %s answered %d\n", path.c_str(),
                         answer ? answer->status : 0);
            std::exit(1);
        }
        bytes = answer->body.size();
    }
    double p95 = 0;
    print_timing(label, page, p95);
    std::printf("  %-28s %-22s %zu bytes of HTML\n", label.c_str(), "", bytes);
    return p95;
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
                                                    scope, label, options.reps));
        }
    server.stop();
    std::printf("worst HTTP page p95: %.2f ms (target <= 200 ms: %s)\n", worst_http,
                worst_http <= 200 ? "met" : "NOT met");
    if (options.keep.empty()) std::filesystem::remove_all(root);
    return 0;
}
