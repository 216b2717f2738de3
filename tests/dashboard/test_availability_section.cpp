// The dashboard's availability sections (issue 20, part 4) rendered from data,
// without a server: days grouped by day, week and month for the chart; one
// chart per kiosk with its numbers in text; closed ranges said so; the kiosk
// select; the province view's breakdown by venue with links that keep the
// range; hostile kiosk ids escaped; unreadable availability said so.
#include "dashboard/availability_section.h"
#include "dashboard/dashboard_page.h"

#include "core/civil_time.h"

#include <catch2/catch.hpp>

#include <chrono>

namespace kiosk::dashboard {
namespace {

// `count` days from `first`, each with 8 opening hours and `available` of them.
std::vector<AvailabilityHours> days_from(const std::string& first, int count, int available) {
    std::vector<AvailabilityHours> days;
    for (int i = 0; i < count; ++i)
        days.push_back({format_day(*parse_day(first) + std::chrono::days{i}), 8, available});
    return days;
}

DashboardData venue_data() {
    DashboardData data;
    data.filter = {"v1", "2026-11-01", "2026-11-03", Language::En};
    data.venues = {{"v1", "一馆", "One"}};
    data.kiosk_choices = {"k1", "k<2>"};
    data.availability.kiosks = {
        {"k1", {{"2026-11-01", 8, 8}, {"2026-11-02", 0, 0}, {"2026-11-03", 8, 2}}},
        {"k<2>", {{"2026-11-01", 0, 0}}}};
    return data;
}

} // namespace

TEST_CASE("availability periods: by day up to 62 days, by week to a year, then by month",
          "[dashboard][availability]") {
    const auto daily = availability_periods(days_from("2026-11-01", 62, 4));
    REQUIRE(daily.size() == 62);
    CHECK(daily[0].label == "11-01");
    CHECK(daily[0].open_hours == 8);
    CHECK(daily[0].available_hours == 4);

    // 2026-11-01 is a Sunday: a week of one day, then weeks from Monday.
    const auto weekly = availability_periods(days_from("2026-11-01", 63, 4));
    REQUIRE(weekly.size() == 10);
    CHECK(weekly[0].label == "11-01");
    CHECK(weekly[0].open_hours == 8);
    CHECK(weekly[1].label == "11-02");
    CHECK(weekly[1].open_hours == 56);
    CHECK(weekly[1].available_hours == 28);

    const auto monthly = availability_periods(days_from("2026-01-15", 400, 8));
    REQUIRE(monthly.size() == 14);
    CHECK(monthly[0].label == "2026-01");
    CHECK(monthly[0].open_hours == 17 * 8);
    CHECK(monthly[1].label == "2026-02");
    CHECK(monthly[1].open_hours == 28 * 8);
    CHECK(monthly[1].available_hours == 28 * 8);
}

TEST_CASE("availability: a chart per kiosk with its numbers in text, ids escaped",
          "[dashboard][availability]") {
    const std::string page = render_dashboard_page(venue_data());
    CHECK(page.find("<select name=\"kiosk\"><option value=\"\" selected>All kiosks</option>"
                    "<option value=\"k1\">k1</option><option value=\"k&lt;2&gt;\">k&lt;2&gt;"
                    "</option></select>") != std::string::npos);
    const size_t k1 = page.find("id=\"availability-k1\"");
    REQUIRE(k1 != std::string::npos);
    CHECK(page.find("10 of 16 opening hours available (62.5%)", k1) != std::string::npos);
    CHECK(page.find("<svg", k1) != std::string::npos);
    CHECK(page.find("By day: 11-01 100.0% · 11-02 – · 11-03 25.0%", k1) != std::string::npos);
    CHECK(page.find("id=\"availability-k&lt;2&gt;\"") != std::string::npos);
    CHECK(page.find("No opening hours in the chosen days.") != std::string::npos);
    CHECK(page.find("<2>") == std::string::npos);
    CHECK(page.find("id=\"venue-breakdown\"") == std::string::npos);

    DashboardData unreadable = venue_data();
    unreadable.unreadable.availability = true;
    const std::string refused = render_dashboard_page(unreadable);
    CHECK(refused.find("id=\"availability-k1\"") == std::string::npos);
    CHECK(refused.find("<p class=\"unreadable\">") != std::string::npos);
}

TEST_CASE("availability: the province view lists each venue with a link keeping the range",
          "[dashboard][availability]") {
    DashboardData data;
    data.viewer.role = ViewerRole::ProvinceAdmin;
    data.filter = {"", "2026-11-01", "2026-11-30", Language::Zh};
    data.availability.venues = {{"v1", "一馆", "One", 1200, 3400, 3, 720, 540},
                                {"v2", "二馆", "", 0, 0, 0, 0, 0}};
    const std::string page = render_dashboard_page(data);
    const size_t table = page.find("id=\"venue-breakdown\"");
    REQUIRE(table != std::string::npos);
    CHECK(page.find("<a href=\"/dashboard?venue=v1&amp;from=2026-11-01&amp;to=2026-11-30&amp;"
                    "lang=zh\">一馆</a>",
                    table) != std::string::npos);
    CHECK(page.find("<td class=\"num\">1200</td><td class=\"num\">3400</td><td "
                    "class=\"num\">3</td><td class=\"num\">75.0%</td>",
                    table) != std::string::npos);
    CHECK(page.find("<td class=\"num\">0</td><td class=\"num\">–</td>", table) !=
          std::string::npos);
    CHECK(page.find("id=\"availability\"") == std::string::npos);
}

TEST_CASE("dashboard_url keeps a chosen kiosk and leaves it out otherwise",
          "[dashboard][availability]") {
    DashboardFilter filter{"v1", "2026-11-01", "2026-11-30", Language::En};
    CHECK(dashboard_url(filter) == "/dashboard?venue=v1&from=2026-11-01&to=2026-11-30&lang=en");
    filter.kiosk_id = "k 1";
    CHECK(
        dashboard_url(filter, "csv") ==
        "/dashboard/export?format=csv&venue=v1&kiosk=k%201&from=2026-11-01&to=2026-11-30&lang=en");
}

} // namespace kiosk::dashboard
