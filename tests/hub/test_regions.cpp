// Regions (issue 22, part 6): a province or city of the venues, named by a
// GB/T 2260 code prefix and resolved through the venues' division codes
// (admin set-division). On both backends: every HubStore query over a list
// of venues (QueryScope::venues) equals the sum of its venues' and leaves
// the others out; the dashboard's region=.. (its totals, 400 for a malformed
// code, 403 for a venue manager, an empty region labelled as such, the
// exports); the monthly report of a region (collector, route, command).
//
// Index of this file:
// [SECTION] Helpers: five venues in three regions
// [SECTION] The store: a list of venues is the sum of its venues
// [SECTION] The dashboard's region
// [SECTION] The monthly report of a region

#include "browser_test_support.h"
#include "hub_test_support.h"
#include "hub_with_managers.h"
#include "store_backends.h"

#include "hub/dashboard_data.h"
#include "hub/monthly_report_data.h"
#include "hub/notice_store.h"
#include "hub/regions.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>

namespace kiosk::test {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers: five venues in three regions
//-----------------------------------------------------------------------------

const std::string kEpoch(32, 'r');
constexpr int64_t kSyncedAt = 1795829400000; // 2026-11-28
constexpr int64_t kNow = 1796400000000;      // 2026-12-04
constexpr const char* kPassword = "correct horse battery";

// Venue, its division code ("" none), its kiosk and the kiosk's November sessions.
struct Placed {
    const char* venue;
    const char* code;
    const char* kiosk;
    int64_t sessions;
};
// Zhejiang (33): Hangzhou (3301) hz1, hz2; Ningbo (3302) nb1. Beijing (11): bj1.
constexpr Placed kPlaced[] = {{"hz1", "330106", "ka", 5},
                              {"hz2", "330102", "kb", 3},
                              {"nb1", "330203", "kc", 7},
                              {"bj1", "110101", "kd", 11},
                              {"nodiv", "", "ke", 13}};

void fill_regions(const std::string& data_dir) {
    std::string error;
    std::unique_ptr<hub::HubStore> store = hub::open_hub_store(test_store(data_dir), error);
    INFO(error);
    REQUIRE(store);
    std::unique_ptr<hub::NoticeStore> notices = hub::open_notice_store(test_store(data_dir), error);
    REQUIRE(notices);
    for (const Placed& placed : kPlaced) {
        REQUIRE(
            store->add_venue({placed.venue, placed.venue, placed.venue, "county_museum"}, error));
        REQUIRE(store->add_kiosk({placed.kiosk, placed.venue, "hash"}, error));
        if (*placed.code) REQUIRE(notices->set_venue_division(placed.venue, placed.code, error));
        sync::SyncBatch batch = make_batch(kEpoch, 100);
        const int64_t n = placed.sessions;
        batch.buckets = {{"2026-11-03", "kiosk", "", "sessions", n, 1},
                         {"2026-11-03", "kiosk", "", "session_ms", n * 10000, 2},
                         {"2026-11-03", "hour", "10", "sessions", n, 3},
                         {"2026-11-04", "kiosk", "", "sessions", 1, 4},
                         {"2026-11-03", "exhibit", "pendulum", "visits", n * 2, 5},
                         {"2026-11-03", "exhibit", "pendulum", "dwell_ms", n * 1000, 6},
                         {"2026-11-03", "exhibit", "pendulum", "visitors", n, 7},
                         {"2026-11-03", "exhibit", placed.venue, "visits", 1, 8},
                         {"2026-11-03", "question", "pack/q1", "answers", n * 3, 9},
                         {"2026-11-03", "question", "pack/q1", "correct", n, 10},
                         {"2026-10-10", "kiosk", "", "sessions", n + 100, 11}};
        int64_t stored = 0;
        REQUIRE(store->apply_sync({placed.kiosk, &batch, kSyncedAt}, stored, error));
    }
    exec_hub_sql(data_dir, "UPDATE kiosks SET created_utc_ms = 1780000000000"); // May 2026
}

struct RegionStore {
    TempFolder folder;
    std::string data = folder.file("hub");
    std::unique_ptr<hub::HubStore> store;
    std::unique_ptr<hub::NoticeStore> notices;
    RegionStore() {
        fill_regions(data);
        std::string error;
        store = hub::open_hub_store(test_store(data), error);
        notices = hub::open_notice_store(test_store(data), error);
        REQUIRE(store);
        REQUIRE(notices);
    }
};

hub::QueryScope november(const std::string& venue, std::vector<std::string> venues = {}) {
    return {venue, "2026-11-01", "2026-11-30", "", std::move(venues)};
}

int64_t sessions_of(const std::vector<hub::DayTotals>& days) {
    int64_t sum = 0;
    for (const hub::DayTotals& day : days)
        sum += day.sessions;
    return sum;
}

// Every (kind, subject, metric) total of `scope`, as a map.
std::map<std::tuple<std::string, std::string, std::string>, int64_t>
metric_map(hub::HubStore& store, const hub::QueryScope& scope) {
    std::map<std::tuple<std::string, std::string, std::string>, int64_t> totals;
    for (const hub::MetricTotal& total : store.metric_totals(scope))
        totals[{total.kind, total.subject, total.metric}] = total.value;
    return totals;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] The store: a list of venues is the sum of its venues
//-----------------------------------------------------------------------------

TEST_CASE("regions: a code prefix finds the venues whose division code starts with it",
          "[hub][region]") {
    const hub::VenueDivisions divisions = {
        {"hz2", "330102"}, {"hz1", "330106"}, {"nb1", "330203"}, {"bj1", "110101"}};
    CHECK(hub::venues_in_region(divisions, "33") == std::vector<std::string>{"hz1", "hz2", "nb1"});
    CHECK(hub::venues_in_region(divisions, "3301") == std::vector<std::string>{"hz1", "hz2"});
    CHECK(hub::venues_in_region(divisions, "330106") == std::vector<std::string>{"hz1"});
    CHECK(hub::venues_in_region(divisions, "44").empty());
    CHECK(hub::venues_in_region(divisions, "3").empty()); // not a region code
    CHECK(hub::region_choices(divisions) ==
          std::vector<std::string>{"11", "1101", "33", "3301", "3302"});
    for (const std::string bad : {"", "3", "330", "33010", "3301066", "3a", "３３", "33 "})
        CHECK_FALSE(hub::is_region_code(bad));
    CHECK(hub::region_scope_venues({}) == std::vector<std::string>{""});
}

TEST_CASE("regions: every store query over a list of venues is the sum of those venues",
          "[hub][region]") {
    RegionStore fixture;
    hub::HubStore& store = *fixture.store;
    const std::vector<std::string> zhejiang = {"hz1", "hz2", "nb1"};
    const hub::QueryScope region = november("", zhejiang);

    // Visitors per day: 15 on the 3rd, 3 on the 4th; Beijing's and the
    // venue without a code are left out (the province reads 39 + 5).
    const std::vector<hub::DayTotals> days = store.daily_totals(region);
    REQUIRE(days.size() == 2);
    CHECK(days[0].sessions == 5 + 3 + 7);
    CHECK(days[0].session_ms == (5 + 3 + 7) * 10000);
    CHECK(days[1].sessions == 3);
    CHECK(sessions_of(store.daily_totals(november(""))) == 5 + 3 + 7 + 11 + 13 + 5);

    // Every total equals the sum of the venues' own.
    std::map<std::tuple<std::string, std::string, std::string>, int64_t> summed;
    for (const std::string& venue : zhejiang)
        for (const auto& [key, value] : metric_map(store, november(venue)))
            summed[key] += value;
    CHECK(metric_map(store, region) == summed);
    CHECK(summed.count({"exhibit", "bj1", "visits"}) == 0);
    CHECK(summed.at({"exhibit", "hz2", "visits"}) == 1);

    const std::vector<hub::ExhibitTotals> exhibits =
        store.top_exhibits(region, hub::ExhibitOrder::by_visits, 10);
    REQUIRE(exhibits.size() == 4); // pendulum, hz1, hz2, nb1
    CHECK(exhibits[0].exhibit == "pendulum");
    CHECK(exhibits[0].visits == 30);
    CHECK(exhibits[0].dwell_ms == 15000);
    const std::vector<hub::QuestionTotals> questions = store.quiz_accuracy(region);
    REQUIRE(questions.size() == 1);
    CHECK(questions[0].answers == 45);
    CHECK(questions[0].correct == 15);
    int64_t at_ten = 0;
    for (const hub::HourOfWeek& cell : store.sessions_by_hour_of_week(region))
        at_ten += cell.hour == 10 ? cell.sessions : 0;
    CHECK(at_ten == 15);
    int64_t finding_visitors = 0;
    for (const hub::MetricTotal& total : store.finding_totals(region))
        if (total.kind == "exhibit" && total.metric == "visitors") finding_visitors += total.value;
    CHECK(finding_visitors == 15);

    CHECK(store.kiosk_sessions(region) ==
          std::map<std::string, int64_t>{{"ka", 6}, {"kb", 4}, {"kc", 8}});
    std::vector<std::string> summarised;
    for (const hub::VenueSummary& venue : store.venue_summaries(region))
        summarised.push_back(venue.venue + ":" + std::to_string(venue.sessions));
    CHECK(summarised == std::vector<std::string>{"hz1:6", "hz2:4", "nb1:8"});
    std::set<std::string> available;
    for (const hub::AvailabilityDay& day : store.kiosk_availability(region, 480))
        available.insert(day.kiosk);
    CHECK(available == std::set<std::string>{"ka", "kb", "kc"});

    // A kiosk narrows a list to itself, or to nothing when it is not of it.
    hub::QueryScope kiosk = region;
    kiosk.kiosk = "kb";
    CHECK(sessions_of(store.daily_totals(kiosk)) == 4);
    kiosk.kiosk = "kd";
    CHECK(store.daily_totals(kiosk).empty());
    CHECK(store.kiosk_sessions(kiosk).empty());
    // One venue wins over a list (the list is for venue "" only).
    CHECK(sessions_of(store.daily_totals(november("bj1", zhejiang))) == 12);
}

TEST_CASE("regions: a region without venues reads nothing, never every venue", "[hub][region]") {
    RegionStore fixture;
    hub::HubStore& store = *fixture.store;
    const hub::QueryScope empty = november("", hub::region_scope_venues({}));
    CHECK(store.daily_totals(empty).empty());
    CHECK(store.metric_totals(empty).empty());
    CHECK(store.top_exhibits(empty, hub::ExhibitOrder::by_dwell, 5).empty());
    CHECK(store.quiz_accuracy(empty).empty());
    CHECK(store.sessions_by_hour_of_week(empty).empty());
    CHECK(store.kiosk_sessions(empty).empty());
    CHECK(store.venue_summaries(empty).empty());
    CHECK(store.kiosk_availability(empty, 480).empty());
}

//-----------------------------------------------------------------------------
// [SECTION] The dashboard's region
//-----------------------------------------------------------------------------

TEST_CASE("regions: the dashboard's query checks the code, the viewer and the venue",
          "[hub][region][dashboard]") {
    RegionStore fixture;
    const hub::VenueDivisions divisions = fixture.notices->venue_divisions();
    const hub::UserRecord admin{"admin", "", "province_admin", ""};
    const hub::UserRecord manager{"manager", "", "venue_manager", "hz1"};
    auto check = [&](const hub::UserRecord& viewer, hub::DashboardQuery query) {
        query.from = "2026-11-01";
        query.to = "2026-11-30";
        query.lang = "en";
        return hub::check_dashboard_query(*fixture.store, viewer, query, "2026-12-04", divisions);
    };
    hub::DashboardQuery query;
    query.region = "3301";
    hub::FilterCheck checked = check(admin, query);
    REQUIRE(checked.status == 200);
    CHECK(checked.filter.region == "3301");
    CHECK(checked.filter.region_venues == std::vector<std::string>{"hz1", "hz2"});
    CHECK(checked.filter.venue_id.empty());

    for (const std::string bad : {"3", "33a", "3301066", "../x"}) {
        query.region = bad;
        checked = check(admin, query);
        CHECK(checked.status == 400);
        CHECK(checked.message.find("region") != std::string::npos);
    }
    query.region = "33";
    CHECK(check(manager, query).status == 403); // even their own venue's region
    query.venue = "hz1";
    CHECK(check(manager, query).status == 403);
    CHECK(check(admin, query).status == 200); // a venue of the region: that venue
    query.venue = "bj1";
    checked = check(admin, query);
    CHECK(checked.status == 400);
    CHECK(checked.message.find("not in the chosen region") != std::string::npos);
    query.venue = "";
    query.kiosk = "kd"; // Beijing's kiosk
    CHECK(check(admin, query).status == 400);
    query.kiosk = "";
    query.region = "44";
    checked = check(admin, query);
    REQUIRE(checked.status == 200);
    CHECK(checked.filter.region_venues == std::vector<std::string>{""});
}

TEST_CASE("regions: the dashboard of a region shows its venues' numbers only",
          "[hub][region][dashboard]") {
    RegionStore fixture;
    const hub::VenueDivisions divisions = fixture.notices->venue_divisions();
    const hub::UserRecord admin{"admin", "", "province_admin", ""};
    hub::DashboardQuery query{"", "2026-11-01", "2026-11-30", "en", "", "", "33"};
    const hub::FilterCheck checked =
        hub::check_dashboard_query(*fixture.store, admin, query, "2026-12-04", divisions);
    REQUIRE(checked.status == 200);
    const dashboard::DashboardData data = hub::load_dashboard(*fixture.store, admin, checked.filter,
                                                              kNow, 7, nullptr, 480, divisions);
    CHECK_FALSE(data.unreadable.any());
    int64_t visitors = 0;
    for (const dashboard::DayVisitors& day : data.visitors_per_day)
        visitors += day.sessions;
    CHECK(visitors == 6 + 4 + 8);
    std::vector<std::string> kiosks, venues;
    for (const dashboard::KioskHealth& kiosk : data.kiosks)
        kiosks.push_back(kiosk.id);
    CHECK(kiosks == std::vector<std::string>{"ka", "kb", "kc"});
    for (const dashboard::VenueBreakdown& venue : data.availability.venues)
        venues.push_back(venue.venue_id + ":" + std::to_string(venue.sessions) + ":" +
                         std::to_string(venue.kiosks));
    CHECK(venues == std::vector<std::string>{"hz1:6:1", "hz2:4:1", "nb1:8:1"});
    CHECK(data.regions == std::vector<std::string>{"11", "1101", "33", "3301", "3302"});

    const std::string page = dashboard::render_dashboard_page(data);
    CHECK(page.find("<select name=\"region\">") != std::string::npos);
    CHECK(page.find("<option value=\"33\" selected>33</option>") != std::string::npos);
    CHECK(page.find("Region 33 · 2026-11-01") != std::string::npos);
    CHECK(page.find("region=33&amp;from=") != std::string::npos); // exports keep it

    const stats::ReportSet exported = hub::dashboard_reports(data);
    const auto region_row =
        std::find_if(exported.about.begin(), exported.about.end(),
                     [](const stats::ReportField& row) { return row.key == "region"; });
    REQUIRE(region_row != exported.about.end());
}

namespace {

// The regions in a hub process, with a manager of hz1 and an administrator.
struct RegionHub : kiosk::test::HubWithManagers {
    RegionHub() : HubWithManagers(fill_regions, "hz1", kPassword) {}
};

} // namespace

TEST_CASE("regions: GET /dashboard?region= on a hub: totals, 400, 403, an empty region, exports",
          "[hub][region][dashboard]") {
    RegionHub hub;
    const std::string range = "&from=2026-11-01&to=2026-11-30&lang=en";
    Browser admin = hub.signed_in("admin");
    auto page = admin.get("/dashboard?region=3301" + range);
    REQUIRE(page);
    REQUIRE(page->status == 200);
    CHECK(page->body.find("<div class=\"value\">10</div>") != std::string::npos); // 6 + 4
    CHECK(page->body.find("<option value=\"3301\" selected>") != std::string::npos);

    auto json = admin.get("/dashboard/export?format=json&region=33" + range);
    REQUIRE(json);
    REQUIRE(json->status == 200);
    const nlohmann::json document = nlohmann::json::parse(json->body);
    int64_t sessions = 0;
    for (const auto& day : document["reports"]["visitors_per_day"])
        sessions += day["sessions"].get<int64_t>();
    CHECK(sessions == 18);
    CHECK(document["query"]["region"] == "33");
    auto csv = admin.get("/dashboard/export?format=csv&region=11" + range);
    REQUIRE(csv);
    CHECK(csv->status == 200);
    CHECK(csv->body.find("kd,") != std::string::npos);
    CHECK(csv->body.find("ka,") == std::string::npos);

    auto bad = admin.get("/dashboard?region=33x" + range);
    REQUIRE(bad);
    CHECK(bad->status == 400);
    CHECK(bad->body.find("region: expected a 2-, 4- or 6-digit") != std::string::npos);
    CHECK(admin.get("/dashboard/export?format=csv&region=3" + range)->status == 400);

    auto empty = admin.get("/dashboard?region=44" + range);
    REQUIRE(empty);
    CHECK(empty->status == 200);
    CHECK(empty->body.find("Region 44 has no venues yet") != std::string::npos);
    CHECK(empty->body.find("<div class=\"value\">0</div>") != std::string::npos);
    CHECK(empty->body.find("<option value=\"44\" selected>") != std::string::npos);

    Browser manager = hub.signed_in("manager");
    auto refused = manager.get("/dashboard?region=33" + range);
    REQUIRE(refused);
    CHECK(refused->status == 403);
    CHECK(manager.get("/dashboard/export?format=json&region=3301" + range)->status == 403);
    auto own = manager.get("/dashboard?venue=hz1" + range);
    REQUIRE(own);
    CHECK(own->body.find("<select name=\"region\"") == std::string::npos); // no region select
}

//-----------------------------------------------------------------------------
// [SECTION] The monthly report of a region
//-----------------------------------------------------------------------------

TEST_CASE("regions: the monthly report of a region sums its venues with their breakdown",
          "[hub][region][monthly]") {
    RegionStore fixture;
    hub::MonthlyRequest request;
    request.month = "2026-11";
    request.now_utc_ms = kNow;
    request.language = Language::En;
    request.region = "33";
    request.venues = hub::venues_in_region(fixture.notices->venue_divisions(), "33");
    std::string error;
    const std::optional<report::MonthlyReport> report =
        hub::collect_monthly_report(*fixture.store, nullptr, nullptr, request, error);
    INFO(error);
    REQUIRE(report);
    CHECK(report->province);
    CHECK(report->region == "33");
    CHECK(report->scope_name == "Region 33");
    CHECK(report->this_month.visitors == 18);
    CHECK(report->this_month.active_kiosks == 3);
    CHECK(report->previous_month.visitors == 105 + 103 + 107);
    std::vector<std::string> venues;
    for (const report::VenueLine& line : report->venues)
        venues.push_back(line.id + ":" + std::to_string(line.month.visitors));
    CHECK(venues == std::vector<std::string>{"nb1:8", "hz1:6", "hz2:4"});
    CHECK(report->kiosks.size() == 3);

    // Refused: a malformed region, a region with a venue, one without venues, a kiosk outside.
    for (const auto& [region, venue, kiosk, expected] :
         std::vector<std::tuple<std::string, std::string, std::string, std::string>>{
             {"3x", "", "", "region"},
             {"33", "hz1", "", "not both"},
             {"44", "", "", "Region 44 has no venues"},
             {"33", "", "kd", "kd"}}) {
        INFO(region << " " << venue << " " << kiosk);
        request.region = region;
        request.venue = venue;
        request.kiosk = kiosk;
        request.venues = hub::venues_in_region(fixture.notices->venue_divisions(), region);
        CHECK_FALSE(hub::collect_monthly_report(*fixture.store, nullptr, nullptr, request, error));
        CHECK(error.find(expected) != std::string::npos);
    }
}

TEST_CASE("regions: the report route and kiosk-hub report monthly --region",
          "[hub][region][monthly]") {
    RegionHub hub;
    Browser admin = hub.signed_in("admin");
    auto pdf = admin.get("/reports/monthly?region=3301&month=2026-11");
    REQUIRE(pdf);
    INFO(pdf->body.substr(0, 300));
    REQUIRE(pdf->status == 200);
    CHECK(pdf->get_header_value("Content-Disposition") ==
          "attachment; filename=\"monthly-region-3301-2026-11.pdf\"");
    CHECK(pdf->body.rfind("%PDF", 0) == 0);
    CHECK(admin.get("/reports/monthly?region=33x&month=2026-11")->status == 400);
    CHECK(admin.get("/reports/monthly?region=44&month=2026-11")->status == 400);
    CHECK(admin.get("/reports/monthly?region=33&venue=hz1&month=2026-11")->status == 400);
    Browser manager = hub.signed_in("manager");
    auto refused = manager.get("/reports/monthly?region=33&month=2026-11");
    REQUIRE(refused);
    CHECK(refused->status == 403);

    const std::string base = "report monthly --data " + hub.data + " --month 2026-11 ";
    check_refused(run_hub_command(hub.folder, base + "--region 3x -o r.pdf --lang en"), 2,
                  "region: expected");
    check_refused(run_hub_command(hub.folder, base + "--region 33 --venue hz1 -o r.pdf"), 2,
                  "--region");
    check_refused(run_hub_command(hub.folder, base + "--region 33 --province -o r.pdf"), 2,
                  "--region");
    check_refused(run_hub_command(hub.folder, base + "--region 44 -o r.pdf --lang en"), 2,
                  "Region 44 has no venues");
    CHECK_FALSE(std::filesystem::exists(hub.folder.file("r.pdf")));
    const CommandRun wrote = run_hub_command(hub.folder, base + "--region 33 -o r.pdf");
    require_ok(wrote);
    CHECK(read_text_file(hub.folder.file("r.pdf")).rfind("%PDF", 0) == 0);
}

} // namespace kiosk::test
