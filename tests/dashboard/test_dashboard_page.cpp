// Tests for dashboard_page.h: the whole pages rendered from data structs, with
// no server. Structure (charts, forms, links), content (every exhibit, both
// languages), safety (everything from data escaped, URLs percent-encoded,
// nothing fetched from elsewhere), empty ranges and kiosk alerts.
//
// Index of this file:
// [SECTION] The sample page: structure, content, escaping, languages
// [SECTION] Ranges, kiosk alerts, links and forms
// [SECTION] Times in the venue's zone
// [SECTION] Findings, unreadable parts and implausible numbers
// [SECTION] Kiosks' content state
#include "core/manager_text.h"
#include "dashboard/dashboard_page.h"
#include "sample_dashboard.h"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

using namespace kiosk;
using namespace kiosk::dashboard;

namespace {

size_t count_of(const std::string& text, const std::string& needle) {
    size_t count = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
        ++count;
    return count;
}

bool contains(const std::string& text, const std::string& needle) {
    return text.find(needle) != std::string::npos;
}

// The markup of the element with `id`, up to its section's end.
std::string section(const std::string& page, const std::string& id) {
    const size_t start = page.find("id=\"" + id + "\"");
    REQUIRE(start != std::string::npos);
    return page.substr(start, page.find("</section>", start) - start);
}

std::string select_markup(const std::string& page) {
    const size_t start = page.find("<select name=\"venue\">");
    REQUIRE(start != std::string::npos);
    return page.substr(start, page.find("</select>", start) - start);
}

dashboard::DashboardData small_dashboard() {
    dashboard::DashboardData data;
    data.viewer = {"王芳", dashboard::ViewerRole::ProvinceAdmin};
    data.venues = {{"v1", "一号馆", "Hall One"}, {"v2", "二号馆", "Hall Two"}};
    data.filter = {"v1", "2026-01-01", "2026-01-10", Language::Zh};
    data.visitors_per_day = {{"2026-01-01", 12345, 90}, {"2026-01-05", 7, 30}};
    data.sessions_by_hour_of_week[0][10] = 5;
    data.top_exhibits = {{"pendulum-lab", "单摆实验室", 300, 45.5}};
    data.quiz_accuracy = {{"pendulum", "q2", "单摆的周期和摆锤的质量有关吗？", 10, 4, 0.4}};
    data.kiosks = {{"k1", "一号馆", 1'795'899'600'000 - 60'000, "0.6.0", 5000, 0, 100, {}}};
    data.generated_utc_ms = 1'795'899'600'000;
    data.csrf_token = "tok123";
    return data;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] The sample page: structure, content, escaping, languages
//-----------------------------------------------------------------------------

TEST_CASE("the sample page has every chart and section", "[dashboard]") {
    const std::string page = dashboard::render_dashboard_page(sample_dashboard(Language::Zh));
    CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(contains(page, "<meta charset=\"utf-8\">"));
    CHECK(contains(page, "<html lang=\"zh-CN\">"));
    // each chart drawn twice: for wider screens and for phones
    CHECK(count_of(page, "<svg class=\"chart day-chart wide\"") == 1);
    CHECK(count_of(page, "<svg class=\"chart day-chart narrow\"") == 1);
    CHECK(count_of(page, "<svg class=\"chart heat-map wide\"") == 1);
    CHECK(count_of(page, "<svg class=\"chart heat-map narrow\"") == 1);
    // a year of days: a bar per week (2025-11-24 .. 2026-11-28), labelled by month
    CHECK(count_of(section(page, "visitors-per-day"), "class=\"bar\"") == 2 * 53);
    CHECK(contains(section(page, "visitors-per-day"), ">2026-03</text>"));
    CHECK(count_of(section(page, "hour-of-week"), "<title>") >= 168);
    // a visits meter per exhibit (its dwell in words), an accuracy meter per question
    CHECK(count_of(section(page, "top-exhibits"), "<svg class=\"meter\"") == 8);
    CHECK(count_of(section(page, "quiz-accuracy"), "<svg class=\"meter\"") == 8);
    CHECK(count_of(section(page, "kiosk-health"), "<tr") == 4);
    CHECK(count_of(section(page, "findings"), "<svg class=\"meter\"") == 5);
    CHECK(contains(page, "\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"WenQuanYi Micro Hei\""));
}

TEST_CASE("every exhibit id and Chinese title is on the page", "[dashboard]") {
    const dashboard::DashboardData data = sample_dashboard(Language::Zh);
    const std::string exhibits = section(dashboard::render_dashboard_page(data), "top-exhibits");
    REQUIRE(data.top_exhibits.size() == 8);
    for (const dashboard::ExhibitUsage& exhibit : data.top_exhibits) {
        CAPTURE(exhibit.id);
        CHECK(contains(exhibits, ">" + exhibit.title + "<"));
        CHECK(contains(exhibits, ">" + exhibit.id + "<"));
        CHECK(contains(exhibits, ">" + std::to_string(exhibit.visits) + "<"));
    }
    CHECK(contains(exhibits, "单摆实验室"));
    CHECK(contains(exhibits, "地震避险演练"));
    CHECK(contains(exhibits, "水的旅行"));
}

TEST_CASE("an exhibit or question without a title shows its id", "[dashboard]") {
    dashboard::DashboardData data = small_dashboard();
    data.top_exhibits = {{"untitled-exhibit", "", 3, 1}};
    data.quiz_accuracy = {{"pack", "untitled-q", "", 3, 1, 1.0 / 3}};
    const std::string page = dashboard::render_dashboard_page(data);
    CHECK(contains(section(page, "top-exhibits"), "data-label=\"展项\">untitled-exhibit<span"));
    CHECK(contains(section(page, "quiz-accuracy"), "data-label=\"题目\">untitled-q<span"));
    CHECK(contains(section(page, "quiz-accuracy"), ">33.3%<"));
}

TEST_CASE("everything from data is escaped", "[dashboard]") {
    const std::string evil = "<script>alert(\"x\")</script>'\"><img src=x onerror=alert(1)>&";
    dashboard::DashboardData data = small_dashboard();
    data.viewer.name = evil;
    data.venues.push_back({evil, evil, evil});
    data.filter.venue_id = evil;
    data.filter.from = evil;
    data.top_exhibits.push_back({evil, evil, 1, 1});
    data.quiz_accuracy.push_back({evil, evil, evil, 1, 1, 1});
    data.kiosks.push_back({evil, evil, 1, evil, 1, 1, 1, {}});
    data.csrf_token = evil;
    data.notice = evil;
    for (Language language : {Language::Zh, Language::En}) {
        data.filter.language = language;
        const std::string page = dashboard::render_dashboard_page(data);
        CHECK_FALSE(contains(page, "<script"));
        CHECK_FALSE(contains(page, "<img"));
        CHECK_FALSE(contains(page, "\"x\""));
        CHECK(count_of(page, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&quot;&gt;"
                             "&lt;img src=x onerror=alert(1)&gt;&amp;") >= 10);
        // in URLs the filter values are percent-encoded, never raw
        CHECK(contains(page, "venue=%3Cscript%3Ealert%28%22x%22%29%3C%2Fscript%3E"));
    }
    const std::string login = dashboard::render_login_page(Language::Zh, evil, evil);
    CHECK_FALSE(contains(login, "<script"));
    CHECK_FALSE(contains(login, "<img"));
    CHECK(contains(login, "role=\"alert\">&lt;script&gt;"));
    CHECK(contains(login, "name=\"csrf\" value=\"&lt;script&gt;"));
}

TEST_CASE("the venue select offers only the viewer's venues", "[dashboard]") {
    SECTION("a venue manager sees their venue and no 'all venues'") {
        const dashboard::DashboardData data = sample_manager_dashboard(Language::Zh);
        REQUIRE(data.venues.size() == 1);
        const std::string options = select_markup(dashboard::render_dashboard_page(data));
        CHECK(count_of(options, "<option") == 1);
        CHECK(contains(options, "<option value=\"anji-museum\" selected>安吉县科技馆</option>"));
        CHECK_FALSE(contains(options, "science-truck-1"));
        CHECK_FALSE(contains(options, "value=\"\""));
        CHECK_FALSE(contains(options, "全部场馆"));
    }
    SECTION("a province administrator also gets 'all venues', selected when the filter is empty") {
        const dashboard::DashboardData data = sample_dashboard(Language::Zh);
        const std::string options = select_markup(dashboard::render_dashboard_page(data));
        CHECK(count_of(options, "<option") == 3);
        CHECK(contains(options, "<option value=\"\" selected>全部场馆</option>"));
        CHECK(contains(options, "<option value=\"anji-museum\">安吉县科技馆</option>"));
        CHECK(contains(options, "<option value=\"science-truck-1\">流动科技馆一号车</option>"));
    }
    SECTION("the filtered venue is the selected option") {
        dashboard::DashboardData data = small_dashboard();
        data.filter.venue_id = "v2";
        const std::string options = select_markup(dashboard::render_dashboard_page(data));
        CHECK(contains(options, "<option value=\"v2\" selected>"));
        CHECK(contains(options, "<option value=\"v1\">"));
        CHECK(contains(options, "<option value=\"\">"));
    }
}

TEST_CASE("Chinese by default, English with lang en", "[dashboard]") {
    CHECK(dashboard::DashboardFilter{}.language == Language::Zh);
    const std::string zh = dashboard::render_dashboard_page(sample_dashboard(Language::Zh));
    const std::string en = dashboard::render_dashboard_page(sample_dashboard(Language::En));
    CHECK(contains(zh, "<html lang=\"zh-CN\">"));
    CHECK(contains(zh, ">每周访客（按周合计）</h2>")); // a year: weeks
    CHECK(contains(zh, ">热门展项</h2>"));
    CHECK(contains(zh, ">周一</text>"));
    CHECK(contains(zh, "Anji") == false);
    CHECK(contains(en, "<html lang=\"en\">"));
    CHECK(contains(en, ">Visitors per week (weekly totals)</h2>"));
    CHECK(contains(en, ">Top exhibits</h2>"));
    CHECK(contains(en, ">Quiz accuracy (hardest first)</h2>"));
    CHECK(contains(en, ">Kiosks&#39; health</h2>"));
    CHECK(contains(en, ">Mon</text>"));
    CHECK(contains(en, ">Anji County Science Museum</option>"));
    CHECK_FALSE(contains(en, "每日访客"));
    CHECK_FALSE(contains(en, "热门展项"));
    // exhibit titles are data: Chinese on both pages
    CHECK(contains(en, "单摆实验室"));
    // each page links to the other language with the same filters
    CHECK(contains(zh,
                   "href=\"/dashboard?venue=&amp;from=2025-11-29&amp;to=2026-11-28&amp;lang=en\""));
    CHECK(contains(en,
                   "href=\"/dashboard?venue=&amp;from=2025-11-29&amp;to=2026-11-28&amp;lang=zh\""));
    CHECK(contains(zh, ">English</a>"));
    CHECK(contains(en, ">中文</a>"));
}

TEST_CASE("a venue without an English name shows the Chinese one in English", "[dashboard]") {
    dashboard::DashboardData data = small_dashboard();
    data.venues[1].name_en = "";
    data.filter.language = Language::En;
    const std::string options = select_markup(dashboard::render_dashboard_page(data));
    CHECK(contains(options, ">Hall One</option>"));
    CHECK(contains(options, ">二号馆</option>"));
}

//-----------------------------------------------------------------------------
// [SECTION] Ranges, kiosk alerts, links and forms
//-----------------------------------------------------------------------------

TEST_CASE("an empty range says so instead of drawing empty charts", "[dashboard]") {
    const std::string zh = dashboard::render_dashboard_page(sample_empty_dashboard(Language::Zh));
    CHECK(count_of(zh, "<p class=\"empty\">所选时间范围内没有数据。</p>") == 5);
    CHECK(contains(zh, "<p class=\"empty\">还没有登记的终端。</p>"));
    CHECK_FALSE(contains(zh, "<svg class=\"chart"));
    CHECK_FALSE(contains(zh, "<svg class=\"meter"));
    CHECK_FALSE(contains(zh, "<table"));
    // the forms stay, so the manager can pick another range
    CHECK(contains(zh, "<input type=\"date\" name=\"from\" value=\"2024-01-01\""));
    const std::string en = dashboard::render_dashboard_page(sample_empty_dashboard(Language::En));
    CHECK(count_of(en, "No data for this range.") == 5);

    SECTION("days that are all zero count as no data") {
        dashboard::DashboardData data = sample_empty_dashboard(Language::Zh);
        data.visitors_per_day = {{"2024-01-02", 0, 0}};
        CHECK_FALSE(contains(dashboard::render_dashboard_page(data), "day-chart"));
    }
}

TEST_CASE("missing days are drawn as zero across the whole range", "[dashboard]") {
    const std::string page =
        dashboard::render_dashboard_page(small_dashboard()); // 2 days with data in 10
    const std::string chart = section(page, "visitors-per-day");
    CHECK(count_of(chart, "class=\"bar\"") == 2 * 10); // the wide and the narrow drawing
    CHECK(contains(chart, "<title>2026-01-03 · 0 人次</title>"));
    CHECK(contains(chart, "<title>2026-01-05 · 7 人次 · 平均时长 30 秒</title>"));
    CHECK(contains(chart, ">01-10</text>"));
    // numbers plainly: no thousands separators
    CHECK(contains(page, ">12352</div>"));
    CHECK(contains(chart, "12345 人次"));
}

TEST_CASE("a silent kiosk and a kiosk with a wrong clock are flagged", "[dashboard]") {
    const std::string health =
        section(dashboard::render_dashboard_page(sample_dashboard(Language::Zh)), "kiosk-health");
    CHECK(count_of(health, "<tr class=\"alert\">") == 2);
    const size_t truck = health.find("truck1-kiosk-a");
    REQUIRE(truck != std::string::npos);
    const std::string truck_row = health.substr(truck, health.find("</tr>", truck) - truck);
    CHECK(contains(truck_row, "2026-11-06 00:00 北京时间")); // 2026-11-05 16:00 UTC
    CHECK(contains(truck_row, "23 天前"));
    CHECK(contains(truck_row, "class=\"badge bad alert-silent\">超过 7 天未联系</span>"));
    CHECK(contains(truck_row, "−2.3 秒"));
    const size_t hall = health.find("anji-hall-02");
    const std::string hall_row = health.substr(hall, health.find("</tr>", hall) - hall);
    CHECK(contains(hall_row, "alert-clock\">时钟偏差超过 5 分钟"));
    CHECK(contains(hall_row, "alert-disk\">磁盘空间不足"));
    CHECK(contains(hall_row, "+7 分 32 秒"));
    CHECK(contains(hall_row, "730 MB"));
    CHECK(contains(hall_row, "3 小时前"));
    const size_t lobby = health.find("anji-lobby-01");
    const std::string lobby_row = health.substr(lobby, health.find("</tr>", lobby) - lobby);
    CHECK(contains(lobby_row, "badge ok\">正常"));
    CHECK_FALSE(contains(lobby_row, "badge bad"));
    CHECK(contains(lobby_row, "47.1 GB"));

    const std::string en =
        section(dashboard::render_dashboard_page(sample_dashboard(Language::En)), "kiosk-health");
    CHECK(contains(en, "alert-silent\">Silent for more than 7 days</span>"));
    CHECK(contains(en, "23 days ago"));
}

TEST_CASE("a configured silence threshold and a never-seen kiosk", "[dashboard]") {
    dashboard::DashboardData data = small_dashboard();
    data.silent_alert_days = 30;
    data.kiosks = {{"new-kiosk", "一号馆", 0, "", 0, 0, 0, {true, false, false}}};
    const std::string health = section(dashboard::render_dashboard_page(data), "kiosk-health");
    CHECK(contains(health, "超过 30 天未联系</span>"));
    CHECK(contains(health, "data-label=\"最后联系\">从未联系</td>"));
}

TEST_CASE("export links carry the current filters, percent-encoded", "[dashboard]") {
    dashboard::DashboardData data = small_dashboard();
    data.venues.push_back({"场馆 A&B=1", "场馆", ""});
    data.filter = {"场馆 A&B=1", "2026-01-01", "2026-01-31", Language::En};
    const std::string links = section(dashboard::render_dashboard_page(data), "data");
    for (const char* format : {"csv", "xlsx", "json"}) {
        CAPTURE(format);
        CHECK(contains(links, std::string("href=\"/dashboard/export?format=") + format +
                                  "&amp;venue=%E5%9C%BA%E9%A6%86%20A%26B%3D1&amp;from=2026-01-01"
                                  "&amp;to=2026-01-31&amp;lang=en\""));
    }
    CHECK(dashboard::dashboard_url(data.filter, "csv") ==
          "/dashboard/export?format=csv&venue=%E5%9C%BA%E9%A6%86%20A%26B%3D1&from=2026-01-01"
          "&to=2026-01-31&lang=en");
    CHECK(dashboard::dashboard_url(data.filter) ==
          "/dashboard?venue=%E5%9C%BA%E9%A6%86%20A%26B%3D1&from=2026-01-01&to=2026-01-31&lang=en");
}

TEST_CASE("the import and logout forms post with the csrf token", "[dashboard]") {
    const std::string page = dashboard::render_dashboard_page(small_dashboard());
    const std::string data_section = section(page, "data");
    CHECK(contains(data_section, "<form method=\"post\" action=\"/dashboard/import\" "
                                 "enctype=\"multipart/form-data\">"
                                 "<input type=\"hidden\" name=\"csrf\" value=\"tok123\">"));
    CHECK(contains(data_section, "<input type=\"file\" name=\"bundle\" required>"));
    CHECK(contains(data_section, "<input type=\"hidden\" name=\"venue\" value=\"v1\">"));
    CHECK(contains(page, "<form method=\"post\" action=\"/logout\">"
                         "<input type=\"hidden\" name=\"csrf\" value=\"tok123\">"));
    CHECK(contains(page, "<form method=\"get\" action=\"/dashboard\">"));
    CHECK(contains(page, "<input type=\"date\" name=\"to\" value=\"2026-01-10\" required>"));
}

TEST_CASE("the page loads nothing from elsewhere", "[dashboard]") {
    for (const std::string& page :
         {dashboard::render_dashboard_page(sample_dashboard(Language::Zh)),
          dashboard::render_login_page(Language::Zh, "", "t")}) {
        CHECK_FALSE(contains(page, "<script"));
        CHECK_FALSE(contains(page, "<link"));
        CHECK_FALSE(contains(page, "src="));
        CHECK_FALSE(contains(page, "url("));
        CHECK_FALSE(contains(page, "@import"));
        CHECK(count_of(page, "http") == count_of(page, "xmlns=\"http://www.w3.org/2000/svg\""));
    }
}

TEST_CASE("an import notice is shown, as an error when it is one", "[dashboard]") {
    dashboard::DashboardData data = small_dashboard();
    data.notice = "已导入 12 个统计桶";
    CHECK(contains(dashboard::render_dashboard_page(data),
                   "<div class=\"notice\" role=\"status\">已导入 12 个统计桶</div>"));
    data.notice_is_error = true;
    CHECK(contains(dashboard::render_dashboard_page(data),
                   "<div class=\"notice error\" role=\"status\">"));
    data.notice = "";
    CHECK_FALSE(contains(dashboard::render_dashboard_page(data), "class=\"notice"));
}

TEST_CASE("the sign-in page in both languages", "[dashboard]") {
    const std::string zh = dashboard::render_login_page(Language::Zh, "", "csrf-1");
    CHECK(contains(zh, "<form method=\"post\" action=\"/login\">"));
    CHECK(contains(zh, "<input type=\"hidden\" name=\"csrf\" value=\"csrf-1\">"));
    CHECK(contains(zh, "<input type=\"hidden\" name=\"lang\" value=\"zh\">"));
    CHECK(contains(zh, "name=\"username\""));
    CHECK(contains(zh, "type=\"password\" name=\"password\""));
    CHECK(contains(zh, ">用户名<"));
    CHECK(contains(zh, "href=\"/login?lang=en\""));
    CHECK_FALSE(contains(zh, "role=\"alert\""));
    const std::string en =
        dashboard::render_login_page(Language::En, "Wrong user name or password.", "c");
    CHECK(contains(en, ">User name<"));
    CHECK(contains(en, "role=\"alert\">Wrong user name or password.</div>"));
    CHECK(contains(en, "href=\"/login?lang=zh\""));
}

//-----------------------------------------------------------------------------
// [SECTION] Times in the venue's zone
//-----------------------------------------------------------------------------

TEST_CASE("times are written as YYYY-MM-DD HH:MM at the venue's offset, the zone named",
          "[dashboard]") {
    CHECK(manager_time(0, 0, Language::Zh) == "1970-01-01 00:00 UTC");
    CHECK(manager_time(1'795'899'600'000, 0, Language::Zh) == "2026-11-28 21:00 UTC");
    CHECK(manager_time(1'795'899'600'000 + 59'999, 0, Language::En) == "2026-11-28 21:00 UTC");
    CHECK(manager_time(-1, 0, Language::Zh) == "1969-12-31 23:59 UTC");
    CHECK(manager_time(1'795'899'600'000, 480, Language::Zh) == "2026-11-29 05:00 北京时间");
    CHECK(manager_time(1'795'899'600'000, 480, Language::En) == "2026-11-29 05:00 Beijing time");
    CHECK(manager_time(1'795'899'600'000, -300, Language::Zh) == "2026-11-28 16:00 UTC-5");
}

TEST_CASE("the page shows every time in the venue's zone, never bare UTC", "[dashboard]") {
    dashboard::DashboardData data = sample_dashboard(Language::Zh); // Beijing time by default
    std::string page = dashboard::render_dashboard_page(data);
    CHECK(contains(page, "<footer>生成于 2026-11-29 05:00 北京时间</footer>"));
    CHECK_FALSE(contains(page, " UTC<"));
    data.utc_offset_min = 9 * 60 + 30;
    page = dashboard::render_dashboard_page(data);
    CHECK(contains(page, "<footer>生成于 2026-11-29 06:30 UTC+9:30</footer>"));
    CHECK(contains(section(page, "kiosk-health"), "2026-11-06 01:30 UTC+9:30"));
    const std::string en = dashboard::render_dashboard_page(sample_dashboard(Language::En));
    CHECK(contains(en, "<footer>Generated 2026-11-29 05:00 Beijing time</footer>"));
}

//-----------------------------------------------------------------------------
// [SECTION] Findings, unreadable parts and implausible numbers
//-----------------------------------------------------------------------------

TEST_CASE("findings: each finding's share of the exhibit's visitors, its values under it",
          "[dashboard][findings]") {
    dashboard::DashboardData data = small_dashboard();
    data.findings = {{"light-maze",
                      "光的迷宫",
                      10,
                      {{"total_reflection",
                        9,
                        4,
                        {{"angle", "45", 3}, {"angle", std::string(kOtherFindingValues), 1}}}}},
                     {"old-exhibit", "", 0, {{"found<it>", 2, 2, {}}}}};
    std::string findings = section(dashboard::render_dashboard_page(data), "findings");
    CHECK(contains(findings, "光的迷宫"));
    CHECK(contains(findings, "total_reflection：40% 的观众发现了"));
    CHECK(contains(findings, "angle = 45：30% 的观众"));
    CHECK(contains(findings, "angle = 其他取值：10% 的观众"));
    CHECK(contains(findings, "<td class=\"num\" data-label=\"事件次数\">9</td>")); // its events
    // Visitors not counted (older kiosks): a count, no share; names escaped.
    CHECK(contains(findings, "found&lt;it&gt;：2 人次发现了"));
    data.filter.language = Language::En;
    findings = section(dashboard::render_dashboard_page(data), "findings");
    CHECK(contains(findings, "total_reflection: found by 40% of visitors"));
    CHECK(contains(findings, "angle = other values: 10% of visitors"));

    data.findings.clear();
    CHECK(contains(section(dashboard::render_dashboard_page(data), "findings"), "class=\"empty\""));
    data.unreadable.findings = true;
    findings = section(dashboard::render_dashboard_page(data), "findings");
    CHECK(contains(findings, "This data could not be read"));
    CHECK_FALSE(contains(findings, "class=\"empty\""));
}

TEST_CASE("parts that could not be read say so in both languages, never as empty",
          "[dashboard][numbers]") {
    for (const Language lang : {Language::Zh, Language::En}) {
        dashboard::DashboardData data = small_dashboard();
        data.filter.language = lang;
        data.unreadable.top_exhibits = true;
        data.unreadable.kiosks = true;
        data.top_exhibits.clear();
        data.kiosks.clear();
        const std::string page = dashboard::render_dashboard_page(data);
        const std::string unreadable =
            lang == Language::En ? "This data could not be read" : "这部分数据无法读取";
        CHECK(contains(section(page, "top-exhibits"), unreadable));
        CHECK(contains(section(page, "kiosk-health"), unreadable));
        CHECK_FALSE(contains(section(page, "top-exhibits"), "class=\"empty\""));
        CHECK(contains(page, lang == Language::En ? "the figures on this page are incomplete"
                                                  : "本页的数字不完整"));
        CHECK(contains(section(page, "quiz-accuracy"), "单摆的周期")); // the parts read are shown
    }
}

TEST_CASE("a visitor total too large for 64 bits is flagged, not wrapped", "[dashboard][numbers]") {
    dashboard::DashboardData data = small_dashboard();
    data.visitors_per_day = {{"2026-01-01", 9'000'000'000'000'000'000, 1},
                             {"2026-01-02", 9'000'000'000'000'000'000, 1}};
    std::string page = dashboard::render_dashboard_page(data);
    CHECK(contains(page, "数值过大，无法准确显示"));
    CHECK_FALSE(contains(page, ">-"));
    data.filter.language = Language::En;
    page = dashboard::render_dashboard_page(data);
    CHECK(contains(page, "too large to show exactly"));
}

TEST_CASE("a kiosk that opened many epochs this month is flagged", "[dashboard][numbers]") {
    dashboard::DashboardData data = small_dashboard();
    data.kiosks[0].recent_epochs = 4;
    data.kiosks[0].alerts.many_epochs = true;
    std::string page = dashboard::render_dashboard_page(data);
    CHECK(contains(section(page, "kiosk-health"), "30 天内新建了 4 个数据纪元（重装）"));
    CHECK(contains(section(page, "kiosk-health"), "class=\"badge bad alert-epochs\""));
    data.filter.language = Language::En;
    page = dashboard::render_dashboard_page(data);
    CHECK(contains(section(page, "kiosk-health"), "4 new epochs (reinstalls) in 30 days"));
    CHECK(contains(section(page, "kiosk-health"), "3 or more new epochs (reinstalls) in 30 days"));
}

//-----------------------------------------------------------------------------
// [SECTION] Kiosks' content state
//-----------------------------------------------------------------------------

namespace {

// The content cell of `kiosk`'s row in the kiosks' table.
std::string content_cell_of(const std::string& page, const std::string& kiosk) {
    const std::string health = section(page, "kiosk-health");
    const size_t row = health.find(">" + kiosk + "</td>");
    REQUIRE(row != std::string::npos);
    const size_t cell = health.find("<td class=\"content\" data-label=", row);
    REQUIRE(cell != std::string::npos);
    REQUIRE(cell < health.find("</tr>", row));
    return health.substr(cell, health.find("</td>", cell) - cell);
}

} // namespace

TEST_CASE("each kiosk's content state is shown in words, in both languages",
          "[dashboard][content]") {
    const std::string zh = dashboard::render_dashboard_page(sample_content_dashboard(Language::Zh));
    CHECK(contains(section(zh, "kiosk-health"), "<th>内容</th>"));
    CHECK(content_cell_of(zh, "anji-lobby-01") ==
          "<td class=\"content\" data-label=\"内容\"><span class=\"badge ok "
          "content-up-to-date\">已是最新</span>"
          "<span class=\"sub\">快照版本 7</span>");
    CHECK(contains(content_cell_of(zh, "anji-hall-02"), "content-waiting\">待更新</span>"));
    CHECK(contains(content_cell_of(zh, "anji-hall-02"), "等待快照版本 7"));
    CHECK(contains(content_cell_of(zh, "anji-hall-03"), "content-downloading\">正在下载 3/5<"));
    const std::string failed = content_cell_of(zh, "anji-hall-04");
    CHECK(contains(failed, "badge bad content-failed\">失败：签名</span>"));
    CHECK(contains(failed, "共 2 个内容包失败 · pendulum-lab 1.3.0"));
    CHECK(contains(content_cell_of(zh, "anji-hall-05"), "失败：下载</span>"));
    CHECK(contains(content_cell_of(zh, "anji-hall-05"),
                   "solar-system 2.0.1 · download: connection reset after 3 retries"));
    CHECK(contains(content_cell_of(zh, "anji-yard-06"), "bad content-expired\">快照已过期<"));
    CHECK(contains(content_cell_of(zh, "anji-yard-06"), "仍在展示快照版本 5"));
    CHECK(contains(content_cell_of(zh, "anji-shop-07"), "content-none\">无内容<"));
    CHECK(contains(content_cell_of(zh, "anji-shop-08"), "content-not-reported\">未报告内容状态<"));
    CHECK(contains(content_cell_of(zh, "anji-shop-09"),
                   "bad content-unreadable\">内容状态无法读取<"));

    const std::string en = dashboard::render_dashboard_page(sample_content_dashboard(Language::En));
    CHECK(contains(content_cell_of(en, "anji-lobby-01"), "Up to date</span>"));
    CHECK(contains(content_cell_of(en, "anji-lobby-01"), "snapshot version 7"));
    CHECK(contains(content_cell_of(en, "anji-hall-02"), "waiting for snapshot version 7"));
    CHECK(contains(content_cell_of(en, "anji-hall-03"), "Downloading 3 of 5"));
    CHECK(contains(content_cell_of(en, "anji-hall-04"), "Failed: signature"));
    CHECK(contains(content_cell_of(en, "anji-hall-04"), "2 packages failed"));
    CHECK(contains(content_cell_of(en, "anji-yard-06"), "Snapshot expired"));
    CHECK(contains(content_cell_of(en, "anji-shop-07"), "No content"));
    CHECK(contains(content_cell_of(en, "anji-shop-09"), "Content state unreadable"));
}

TEST_CASE("a kiosk's own failure reason and package name are escaped", "[dashboard][content]") {
    const std::string evil = "<script>alert(\"x\")</script>'\"><img src=x onerror=alert(1)>&";
    dashboard::DashboardData data = small_dashboard();
    data.kiosks[0].content = {ContentStatus::Failed, 1, 1, 0, 1, 1, evil, evil + " 1.0.0"};
    for (Language language : {Language::Zh, Language::En}) {
        data.filter.language = language;
        const std::string cell = content_cell_of(dashboard::render_dashboard_page(data), "k1");
        CHECK_FALSE(contains(cell, "<script"));
        CHECK_FALSE(contains(cell, "<img"));
        CHECK(count_of(cell, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&quot;&gt;"
                             "&lt;img src=x onerror=alert(1)&gt;&amp;") == 2);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Phones, quick ranges and the page fixes of issue 20
//-----------------------------------------------------------------------------

namespace {

// The fill colours of the heat map's legend swatches.
std::vector<std::string> legend_swatches(const std::string& svg) {
    std::vector<std::string> colours;
    for (size_t at = svg.find("class=\"swatch\""); at != std::string::npos;
         at = svg.find("class=\"swatch\"", at + 1)) {
        const size_t fill = svg.find("fill=\"", at) + 6;
        colours.push_back(svg.substr(fill, svg.find('"', fill) - fill));
    }
    return colours;
}

// The markup of the first <svg> of `page` whose class is `css_class`.
std::string svg_of(const std::string& page, const std::string& css_class) {
    const size_t start = page.find("<svg class=\"" + css_class + "\"");
    REQUIRE(start != std::string::npos);
    return page.substr(start, page.find("</svg>", start) - start);
}

} // namespace

TEST_CASE("attack: the heat-map legend shows five distinct colours, however few the visits",
          "[dashboard][issue20]") {
    // With a busiest cell of 3, four of the old legend's five swatches shared a colour.
    for (int64_t peak : {1, 2, 3, 4, 7, 1000}) {
        INFO(peak);
        dashboard::DashboardData data = small_dashboard();
        data.sessions_by_hour_of_week = {};
        data.sessions_by_hour_of_week[2][14] = peak;
        const std::string page = dashboard::render_dashboard_page(data);
        for (const char* layout : {"chart heat-map wide", "chart heat-map narrow"}) {
            const std::vector<std::string> swatches = legend_swatches(svg_of(page, layout));
            REQUIRE(swatches.size() == 5);
            CHECK(std::set<std::string>(swatches.begin(), swatches.end()).size() == 5);
        }
    }
}

TEST_CASE("the daily chart marks today, in both layouts", "[dashboard][issue20]") {
    dashboard::DashboardData data = small_dashboard();
    // generated 2026-11-28 21:00 UTC: 11-29 in Beijing, the page's default zone
    data.filter.from = "2026-11-20";
    data.filter.to = "2026-11-30";
    data.visitors_per_day = {{"2026-11-21", 40, 60}, {"2026-11-29", 12, 60}};
    const std::string page = dashboard::render_dashboard_page(data);
    for (const char* layout : {"chart day-chart wide", "chart day-chart narrow"}) {
        const std::string chart = svg_of(page, layout);
        CHECK(count_of(chart, "class=\"bar today\"") == 1);
        CHECK(contains(chart, "class=\"tick today-label\""));
        CHECK(contains(chart, ">今天</text>"));
        CHECK(contains(chart, "<rect class=\"bar today\" x=\""));
        CHECK(contains(chart, "<title>2026-11-29 · 12 人次"));
    }
    data.filter.to = "2026-11-28"; // a range that ends before today has no today mark
    data.visitors_per_day.pop_back();
    CHECK_FALSE(contains(dashboard::render_dashboard_page(data), "bar today"));
}

TEST_CASE("long ranges draw weeks or months, and the chart's title says which",
          "[dashboard][issue20]") {
    dashboard::DashboardData data = small_dashboard();
    data.visitors_per_day.clear();
    data.filter.from = "2024-11-29";
    data.filter.to = "2026-11-28"; // two years
    data.visitors_per_day = {{"2025-03-05", 10, 60}, {"2025-03-20", 5, 60}};
    std::string page = dashboard::render_dashboard_page(data);
    CHECK(contains(section(page, "visitors-per-day"), "<h2>每月访客（按月合计）</h2>"));
    for (const char* layout : {"chart day-chart wide", "chart day-chart narrow"}) {
        const std::string chart = svg_of(page, layout);
        CHECK(count_of(chart, "class=\"bar") == 25); // Nov 2024 .. Nov 2026
        CHECK(contains(chart, "<title>2025-03-01 – 2025-03-31 · 15 人次"));
    }
    data.visitors_per_day = {{"2026-03-05", 10, 60}, {"2026-09-20", 5, 60}};
    data.filter.from = "2026-01-05"; // a Monday; 328 days: weeks
    page = dashboard::render_dashboard_page(data);
    CHECK(contains(section(page, "visitors-per-day"), "<h2>每周访客（按周合计）</h2>"));
    CHECK(count_of(svg_of(page, "chart day-chart wide"), "class=\"bar") == 47);
    CHECK(contains(svg_of(page, "chart day-chart wide"), ">2026-03</text>"));
    data.visitors_per_day = {{"2026-09-20", 5, 60}};
    data.filter.from = "2026-09-01"; // 89 days: days
    page = dashboard::render_dashboard_page(data);
    CHECK(contains(section(page, "visitors-per-day"), "<h2>每日访客</h2>"));
    CHECK(count_of(svg_of(page, "chart day-chart wide"), "class=\"bar") == 89);
}

TEST_CASE("each chart has a narrow drawing for phones with at most four date labels",
          "[dashboard][issue20]") {
    const std::string page =
        dashboard::render_dashboard_page(sample_manager_dashboard(Language::Zh));
    const std::string narrow = svg_of(page, "chart day-chart narrow");
    CHECK(contains(narrow, "viewBox=\"0 0 340 "));
    size_t date_labels = 0;
    for (size_t at = narrow.find("text-anchor"); at != std::string::npos;
         at = narrow.find("text-anchor", at + 1))
        date_labels += narrow.substr(at, 40).find("-") != std::string::npos ? 1 : 0;
    CHECK(date_labels <= 4 + 8); // the dates, and the y axis' ticks
    const std::string heat = svg_of(page, "chart heat-map narrow");
    CHECK(contains(heat, "viewBox=\"0 0 340 "));
    CHECK(count_of(heat, ">周一</text>") == 1);
}

TEST_CASE("the alert rules read as rules, not as current problems", "[dashboard][issue20]") {
    const std::string zh =
        section(dashboard::render_dashboard_page(small_dashboard()), "kiosk-health");
    CHECK(contains(zh, "<div class=\"note rules\">以下情况会提醒：<ul><li>超过 7 天未联系</li>"));
    dashboard::DashboardData data = small_dashboard();
    data.filter.language = Language::En;
    CHECK(contains(section(dashboard::render_dashboard_page(data), "kiosk-health"),
                   "An alert is raised when:<ul>"));
}

TEST_CASE("exhibits show their total dwell and the average per visit, labelled as such",
          "[dashboard][issue20]") {
    const std::string exhibits =
        section(dashboard::render_dashboard_page(small_dashboard()), "top-exhibits");
    CHECK(contains(exhibits, "<th class=\"num\">总停留时长</th>"));
    CHECK(contains(exhibits, "<th class=\"num\">平均每次停留</th>"));
    CHECK_FALSE(contains(exhibits, "停留（分钟）"));
    CHECK(contains(exhibits, "data-label=\"总停留时长\">45 分 30 秒</td>")); // 45.5 minutes
    CHECK(contains(exhibits, "data-label=\"平均每次停留\">9 秒</td>"));      // over 300 visits
}

TEST_CASE("table cells carry their column's name for the phone's cards", "[dashboard][issue20]") {
    const std::string page = dashboard::render_dashboard_page(sample_dashboard(Language::Zh));
    for (const char* id : {"top-exhibits", "quiz-accuracy", "findings", "kiosk-health"}) {
        INFO(id);
        const std::string part = section(page, id);
        CHECK(contains(part, "<table class=\"cards\">"));
        CHECK(count_of(part, "<td>") == 0); // every cell is labelled
    }
    CHECK(contains(section(page, "kiosk-health"), "<td class=\"nowrap\" data-label=\"最后联系\">"));
}

TEST_CASE("the quick ranges are links above the form, the shown one marked",
          "[dashboard][issue20]") {
    dashboard::DashboardData data = small_dashboard();
    data.filter.from = "2026-10-01"; // 上月 on 2026-11-29, the page's venue day
    data.filter.to = "2026-10-31";
    const std::string page = dashboard::render_dashboard_page(data);
    const size_t links = page.find("<nav class=\"quick-ranges\"");
    REQUIRE(links != std::string::npos);
    CHECK(links < page.find("<form method=\"get\" action=\"/dashboard\">"));
    CHECK(contains(page, "<a class=\"range active\" aria-current=\"true\" "
                         "href=\"/dashboard?venue=v1&amp;range=last-month&amp;lang=zh\">上月</a>"));
    CHECK(count_of(page, "range active") == 1);
    CHECK(contains(page,
                   "href=\"/dashboard?venue=v1&amp;range=this-quarter&amp;lang=zh\">本季度</a>"));
}

TEST_CASE("a refused query's page keeps the form filled as typed", "[dashboard][issue20]") {
    dashboard::DashboardData data = small_dashboard();
    data.filter.from = "2026-13-40";
    data.filter.to = "<x>";
    const std::string page = dashboard::render_dashboard_refusal(data, "开始日期无效");
    CHECK(contains(page, "<div class=\"notice error\" role=\"alert\">开始日期无效</div>"));
    CHECK(contains(page, "name=\"from\" value=\"2026-13-40\""));
    CHECK(contains(page, "name=\"to\" value=\"&lt;x&gt;\""));
    CHECK(contains(page, "<option value=\"v1\" selected>"));
    CHECK_FALSE(contains(page, "<svg"));
    CHECK_FALSE(contains(page, "<p class=\"scope\">"));
}
