// bench-hub-reports: issue 20's targets. Prints
//  1. ingest: KIOSKS kiosks x DAYS days of simulated history
//     (hub/demo_history.h, the demo's simulator, weekly exports; the mobile
//     venues' kiosks tour and export after each tour day) imported through
//     hub::import_bundle, the import of `kiosk-hub import`: signature check,
//     payload validation, one apply_sync per bundle. The data is kept in
//     DATA (default build/bench-hub-reports) with a marker naming the plan,
//     so a re-run with the same plan skips straight to 2 and 3;
//  2. dashboard p95 over REPS GET /dashboard of a restarted kiosk-hub serve,
//     signed in as a province administrator, for the province, one venue and
//     one kiosk, last month; target <= 200 ms, printed as a ratio;
//  3. the monthly province PDF: hub::collect_monthly_report then
//     report::render_monthly_pdf for last month; target <= 5 s, printed as a
//     ratio, or "not built yet" while either function is a placeholder.
// Usage (bench/hub-reports/run.sh builds and runs it):
//   build/bin/bench-hub-reports [--kiosks 1000] [--days 365] [--reps 40]
//                               [--kiosks-per-venue 20] [--data DIR]
#include "bench_figures.h"
#include "bench_hub_server.h"
#include "core/civil_time.h"
#include "core/day_ranges.h"
#include "hub/bundle_import.h"
#include "hub/credentials.h"
#include "hub/demo_history.h"
#include "hub/hub_store.h"
#include "hub/monthly_report_data.h"
#include "report/monthly_report.h"

#include <httplib.h>
#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

using namespace kiosk;
using Clock_ = std::chrono::steady_clock;

namespace {

struct Options {
    int kiosks = 1000, days = 365, reps = 40, kiosks_per_venue = 20;
    std::string data = "build/bench-hub-reports";
};

constexpr const char* kPassword = "bench-hub-reports password";
constexpr uint64_t kSeed = 20;

double seconds_since(Clock_::time_point start) {
    return std::chrono::duration<double>(Clock_::now() - start).count();
}

[[noreturn]] void fail(const std::string& message) {
    std::fprintf(stderr, "bench-hub-reports: %s\n", message.c_str());
    std::exit(1);
}

std::string venue_id(int venue) {
    return "v-" + std::to_string(1000 + venue);
}

std::string kiosk_id(int kiosk) {
    return "k-" + std::to_string(100000 + kiosk);
}

// What the data folder holds: written last, so a half-built folder is rebuilt.
std::string plan_marker(const Options& options, const std::string& last_day) {
    return "kiosks " + std::to_string(options.kiosks) + " days " + std::to_string(options.days) +
           " per-venue " + std::to_string(options.kiosks_per_venue) + " seed " +
           std::to_string(kSeed) + " last-day " + last_day + "\n";
}

// Venues (every tenth a mobile unit), kiosks with fresh keys, a province
// administrator; then the simulated history through import_bundle.
void build_data(const Options& options, const std::string& last_day) {
    std::error_code ignored;
    std::filesystem::remove_all(options.data, ignored);
    std::string error;
    std::unique_ptr<hub::HubStore> store =
        hub::open_hub_store(hub::StoreLocation(options.data), error);
    if (!store) fail(error);
    hub::DemoHistoryPlan plan;
    plan.seed = kSeed;
    plan.last_day = last_day;
    plan.first_day = format_day(*parse_day(last_day) - std::chrono::days{options.days - 1});
    plan.cadence = hub::ExportCadence::weekly;
    plan.not_after_utc_ms = now_utc_ms();
    const int venues = (options.kiosks + options.kiosks_per_venue - 1) / options.kiosks_per_venue;
    for (int venue = 0; venue < venues; ++venue)
        if (!store->add_venue({venue_id(venue), "场馆" + std::to_string(venue),
                               "Venue " + std::to_string(venue),
                               venue % 10 == 9 ? "mobile_exhibit" : "county_museum"},
                              error))
            fail(error);
    const int64_t in_service = parse_day(plan.first_day)->time_since_epoch().count() * kMsPerDay;
    for (int kiosk = 0; kiosk < options.kiosks; ++kiosk) {
        const int venue = kiosk / options.kiosks_per_venue;
        const SecretKey key = generate_key();
        const PublicKey public_key = key.public_key();
        hub::KioskRecord record;
        record.id = kiosk_id(kiosk);
        record.venue = venue_id(venue);
        record.token_hash = "unused (bundles only)";
        record.public_key = to_base64(std::string_view(
            reinterpret_cast<const char*>(public_key.key.data()), public_key.key.size()));
        record.created_utc_ms = in_service;
        if (!store->add_kiosk(record, error)) fail(error);
        plan.kiosks.push_back({record.id, record.venue, venue % 10 == 9, key});
    }
    if (!store->add_user({"bench-admin", hub::hash_password(kPassword), "province_admin", ""},
                         error))
        fail(error);

    std::printf("ingest: %d kiosks x %d days (%s .. %s), simulated and imported as bundles...\n",
                options.kiosks, options.days, plan.first_day.c_str(), plan.last_day.c_str());
    std::fflush(stdout);
    const auto start = Clock_::now();
    double import_s = 0;
    hub::DemoHistoryTotals totals;
    const bool ok = hub::simulate_history(
        plan,
        [&](const sync::Bundle& bundle, int64_t) {
            const auto import_start = Clock_::now();
            const hub::ImportResult result =
                hub::import_bundle(*store, sync::to_json(bundle), now_utc_ms());
            import_s += seconds_since(import_start);
            if (!result.ok) error = result.error;
            return result.ok;
        },
        totals, error);
    if (!ok) fail(error);
    const double total_s = seconds_since(start);
    std::printf("  %s\n", hub::totals_line(totals).c_str());
    std::printf("  ingest: %.1f s in all, %.1f s of it in import_bundle (%.0f buckets/s)\n",
                total_s, import_s, import_s > 0 ? double(totals.buckets) / import_s : 0.0);
    store.reset();
    std::ofstream(options.data + "/bench-plan.txt") << plan_marker(options, last_day);
}

// GET /dashboard REPS times; the p95 in ms. Exits when a page is not a 200.
double dashboard_p95(httplib::Client& client, const std::string& cookie, const std::string& query,
                     int reps) {
    const std::string path = "/dashboard?" + query + "&lang=zh";
    const httplib::Headers headers = {{"Cookie", cookie}};
    std::vector<double> ms;
    for (int rep = 0; rep < reps; ++rep) {
        const auto start = Clock_::now();
        auto answer = client.Get(path.c_str(), headers);
        ms.push_back(seconds_since(start) * 1000);
        if (!answer || answer->status != 200)
            fail("GET " + path + " answered " + std::to_string(answer ? answer->status : 0));
    }
    return bench::percentile(ms, 0.95);
}

bool parse_options(int argc, char** argv, Options& options) {
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--kiosks")
            options.kiosks = std::stoi(value);
        else if (flag == "--days")
            options.days = std::stoi(value);
        else if (flag == "--reps")
            options.reps = std::stoi(value);
        else if (flag == "--kiosks-per-venue")
            options.kiosks_per_venue = std::stoi(value);
        else if (flag == "--data")
            options.data = value;
        else
            return false;
    }
    return argc % 2 == 1 && options.kiosks > 0 && options.days > 0 && options.reps > 0 &&
           options.kiosks_per_venue > 0;
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    try {
        if (!parse_options(argc, argv, options)) throw std::invalid_argument("usage");
    } catch (const std::exception&) {
        std::fprintf(stderr, "usage: bench-hub-reports [--kiosks N] [--days N] [--reps N] "
                             "[--kiosks-per-venue N] [--data DIR]\n");
        return 2;
    }
    if (sodium_init() < 0) fail("libsodium cannot start");
    // The history ends yesterday (Beijing time); the reports are for last month.
    const int32_t offset = kDefaultVenueUtcOffsetMin;
    const std::string last_day =
        format_day(*parse_day(local_day(now_utc_ms(), offset)) - std::chrono::days{1});
    std::ifstream marker_file(options.data + "/bench-plan.txt");
    const std::string marker((std::istreambuf_iterator<char>(marker_file)),
                             std::istreambuf_iterator<char>());
    // A folder built earlier for the same plan ends on an earlier day: keep
    // it (its last day is in the marker) rather than rebuild daily.
    std::string data_last_day = last_day;
    if (const size_t at = marker.find("last-day "); at != std::string::npos)
        data_last_day = marker.substr(at + 9, 10);
    if (marker != plan_marker(options, data_last_day)) {
        data_last_day = last_day;
        build_data(options, last_day);
    } else {
        std::printf("ingest: cached in %s (%s); delete it to measure the ingest again\n",
                    options.data.c_str(), marker.substr(0, marker.size() - 1).c_str());
    }
    const std::optional<std::string> month = month_of_day(data_last_day);
    const std::optional<std::string> last_month = month ? shift_month(*month, -1) : std::nullopt;
    const std::optional<DayRange> range = last_month ? month_range(*last_month) : std::nullopt;
    if (!range) fail("no month before the day " + data_last_day);
    const std::string report_month = *last_month;

    // 2. The dashboard over HTTP.
    bench::HubServer server;
    if (!server.start(options.data)) fail("kiosk-hub serve did not start");
    httplib::Client client("127.0.0.1", server.port);
    client.set_keep_alive(true);
    client.set_read_timeout(120, 0);
    const std::string cookie = bench::sign_in(client, "bench-admin", kPassword);
    if (cookie.empty()) {
        server.stop();
        fail("could not sign in");
    }
    const std::string dates = "from=" + range->from + "&to=" + range->to;
    std::printf("GET /dashboard, %s, %d runs each:\n", report_month.c_str(), options.reps);
    double worst = 0;
    for (const auto& [label, query] :
         {std::pair<std::string, std::string>{"province", "venue=&" + dates},
          {"venue " + venue_id(0), "venue=" + venue_id(0) + "&" + dates},
          {"kiosk " + kiosk_id(0),
           "venue=" + venue_id(0) + "&kiosk=" + kiosk_id(0) + "&" + dates}}) {
        const double p95 = dashboard_p95(client, cookie, query, options.reps);
        worst = std::max(worst, p95);
        std::printf("  %-20s p95 %8.1f ms   ratio to the 200 ms target %.2f\n", label.c_str(), p95,
                    p95 / 200.0);
    }
    server.stop();
    std::printf("dashboard worst p95: %.1f ms (target <= 200 ms: %s)\n", worst,
                worst <= 200 ? "met" : "NOT met");

    // 3. The monthly province PDF.
    std::string error;
    std::unique_ptr<hub::HubStore> store =
        hub::open_hub_store(hub::StoreLocation(options.data), error);
    std::unique_ptr<hub::LibraryStore> library =
        store ? hub::open_library_store(hub::StoreLocation(options.data), error) : nullptr;
    std::unique_ptr<hub::NoticeStore> notices =
        library ? hub::open_notice_store(hub::StoreLocation(options.data), error) : nullptr;
    if (!notices) fail(error);
    hub::MonthlyRequest request;
    request.month = report_month;
    request.utc_offset_min = offset;
    request.now_utc_ms = now_utc_ms();
    const auto start = Clock_::now();
    const std::optional<report::MonthlyReport> report =
        hub::collect_monthly_report(*store, library.get(), notices.get(), request, error);
    const double collect_s = seconds_since(start);
    if (!report) {
        std::printf("monthly province PDF (%s): not built yet (collect_monthly_report: %s)\n",
                    report_month.c_str(), error.c_str());
        return 0;
    }
    const std::optional<std::string> pdf = report::render_monthly_pdf(*report, error);
    const double total_s = seconds_since(start);
    if (!pdf) {
        std::printf("monthly province PDF (%s): not built yet (render_monthly_pdf: %s)\n",
                    report_month.c_str(), error.c_str());
        return 0;
    }
    std::printf("monthly province PDF (%s): %.2f s (collect %.2f s, render %.2f s), %zu bytes; "
                "ratio to the 5 s target %.2f (%s)\n",
                report_month.c_str(), total_s, collect_s, total_s - collect_s, pdf->size(),
                total_s / 5.0, total_s <= 5 ? "met" : "NOT met");
    return 0;
}
