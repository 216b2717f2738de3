// Shared by the hub benchmarks (bench_hub.cpp, hub-scale/): the benchmark's
// data shapes (kiosk and venue ids, days counted from a first day, the 30
// buckets of one kiosk-day) and the timing of the dashboard's HubStore
// queries and of GET /dashboard pages, venues and kiosks registered, a
// sync POSTed, printed as p50 and p95.
#pragma once

#include "bench_figures.h"
#include "hub/credentials.h"
#include "hub/hub_store.h"
#include "sync/sync_protocol.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::bench {

using BenchClock = std::chrono::steady_clock;

inline double seconds_since(BenchClock::time_point start) {
    return std::chrono::duration<double>(BenchClock::now() - start).count();
}

// The epoch every benchmark kiosk syncs in.
constexpr const char* kBenchEpoch = "0123456789abcdef0123456789abcdef";

inline std::string kiosk_id(int kiosk) {
    return "k-" + std::to_string(100000 + kiosk);
}

inline std::string venue_id(int venue) {
    return "v-" + std::to_string(1000 + venue);
}

// 2025-01-01 as days since 1970-01-01.
constexpr int64_t kDay20250101 = 20089;

// YYYY-MM-DD of day `index` after `first_day` (days since 1970-01-01;
// proleptic Gregorian, days from civil).
inline std::string day_name(int index, int64_t first_day = kDay20250101) {
    int64_t z = first_day + index + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const int64_t y = yoe + era * 400 + (m <= 2);
    char text[72];
    std::snprintf(text, sizeof text, "%04lld-%02lld-%02lld", static_cast<long long>(y),
                  static_cast<long long>(m), static_cast<long long>(d));
    return text;
}

// The 30 buckets of one kiosk-day, deterministic in (kiosk, day); seq = day + 1:
// sessions, session time, 8 hours, 4 exhibits' visits/dwell/interactions, a
// quiz's starts/finishes and 3 questions' answers/correct. hub-scale's
// PostgreSQL loader writes the same rows in SQL (kScaleBucketsSql there).
inline void add_kiosk_day(int kiosk, int day, std::vector<sync::Bucket>& out,
                          int64_t first_day = kDay20250101) {
    const std::string date = day_name(day, first_day);
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

// POSTs `batch` to /api/v1/sync as kiosk `kiosk` (its bearer `token`); false,
// with the answer printed after `program`'s name, unless it is a 200.
inline bool post_sync(httplib::Client& client, const std::string& token, int kiosk,
                      const sync::SyncBatch& batch, const char* program) {
    auto answer = client.Post("/api/v1/sync", {{"Authorization", "Bearer " + token}},
                              sync::to_json(batch), "application/json");
    if (answer && answer->status == 200) return true;
    std::fprintf(stderr, "%s: sync of %s answered %d %s\n", program, kiosk_id(kiosk).c_str(),
                 answer ? answer->status : 0, answer ? answer->body.c_str() : "(no answer)");
    return false;
}

// Venues of `kiosks_per_venue` kiosks (venue_id, kiosk_id) straight into the
// store; the kiosks' tokens by kiosk. Exits, after `program`'s name and the
// store's message, when the store refuses one.
inline std::vector<std::string> register_kiosks(hub::HubStore& store, int kiosks,
                                                int kiosks_per_venue, const char* program) {
    std::vector<std::string> tokens;
    std::string error;
    auto refused = [&] {
        std::fprintf(stderr, "%s: %s\n", program, error.c_str());
        std::exit(1);
    };
    const int venues = (kiosks + kiosks_per_venue - 1) / kiosks_per_venue;
    for (int venue = 0; venue < venues; ++venue)
        if (!store.add_venue({venue_id(venue), "场馆", "Venue", "county_museum"}, error)) refused();
    for (int kiosk = 0; kiosk < kiosks; ++kiosk) {
        hub::KioskRecord record;
        record.id = kiosk_id(kiosk);
        record.venue = venue_id(kiosk / kiosks_per_venue);
        tokens.push_back(hub::make_kiosk_token(record.id));
        record.token_hash = hub::hash_token(tokens.back());
        if (!store.add_kiosk(record, error)) refused();
    }
    return tokens;
}

struct Timing {
    std::string name;
    std::vector<double> ms;
};

// Prints one timing's p50 and p95 under `scope`; raises `worst_p95` to its p95.
inline void print_timing(const std::string& scope, const Timing& timing, double& worst_p95) {
    const double p50 = percentile(timing.ms, 0.50), p95 = percentile(timing.ms, 0.95);
    worst_p95 = std::max(worst_p95, p95);
    std::printf("  %-28s %-22s p50 %8.2f ms   p95 %8.2f ms\n", scope.c_str(), timing.name.c_str(),
                p50, p95);
}

// Every dashboard query for `scope`, `reps` times each; the page = all of
// them. Prints each and the page; returns the page's p95 (ms).
inline double time_queries(hub::HubStore& store, const hub::QueryScope& scope,
                           const std::string& label, int reps) {
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
        const auto page_start = BenchClock::now();
        for (size_t q = 0; q < queries.size(); ++q) {
            const auto start = BenchClock::now();
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

// GET `path` `reps` times with a signed-in session's cookie; prints p50/p95
// and the page size, returns the p95 (ms). Exits when a page is not a 200
// with charts.
inline double time_http_page(httplib::Client& client, const std::string& cookie,
                             const std::string& path, const std::string& label, int reps) {
    const httplib::Headers headers = {{"Cookie", cookie}};
    Timing page{"GET /dashboard", {}};
    size_t bytes = 0;
    for (int rep = 0; rep < reps; ++rep) {
        const auto start = BenchClock::now();
        auto answer = client.Get(path.c_str(), headers);
        page.ms.push_back(seconds_since(start) * 1000);
        if (!answer || answer->status != 200 || answer->body.find("<svg") == std::string::npos) {
            std::fprintf(stderr, "bench: GET %s answered %d\n", path.c_str(),
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

} // namespace kiosk::bench
