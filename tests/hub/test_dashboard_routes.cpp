// The dashboard's web routes on a real kiosk-hub process: signing in and out,
// redirects to /login without a session, a venue manager refused (403) on
// another venue's page, export and bundle upload, bad dates (400), session
// expiry and the failed sign-in limit (set through serve's environment, no
// sleeping), CSRF checks, and the exports (CSV with a BOM, JSON, XLSX) showing
// the numbers synced through /api/v1/sync. WebSessions and LoginLimiter are
// also checked directly with a test clock.
//
// Index of this file:
// [SECTION] Helpers: a hub with two venues and synced numbers
// [SECTION] Signing in, the synced numbers, another venue's page (403)
// [SECTION] Bad dates and ranges (400)
// [SECTION] Sessions expiring (set through serve's environment)
// [SECTION] serve's options: silent-kiosk alert days, the venue's UTC offset
// [SECTION] The sign-in limit (429) and CSRF checks (403)
// [SECTION] Exports, unreadable data (500) and bundle upload
// [SECTION] Quick ranges and refused queries that keep the filter form
// [SECTION] WebSessions and LoginLimiter with a test clock

#include "browser_test_support.h"
#include "hub_test_support.h"

#include "core/civil_time.h"
#include "core/day_ranges.h"
#include "core/signing_keys.h"
#include "hub/web_sessions.h"
#include "sync/bundle.h"
#include "web_session_test_support.h"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <cstdlib>

namespace kiosk::test {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers: a hub with two venues and synced numbers
//-----------------------------------------------------------------------------

constexpr const char* kEpoch = "0123456789abcdef0123456789abcdef";
constexpr const char* kPassword = "correct horse battery";

sync::SyncBatch museum_batch() {
    sync::SyncBatch batch = make_batch(kEpoch, 5);
    batch.buckets = {{"2026-11-20", "kiosk", "", "sessions", 42, 1},
                     {"2026-11-20", "kiosk", "", "session_ms", 4200000, 2},
                     {"2026-11-21", "kiosk", "", "sessions", 7, 3},
                     {"2026-11-20", "exhibit", "pendulum-lab", "visits", 17, 4},
                     {"2026-11-20", "hour", "10", "sessions", 42, 5},
                     {"2026-11-21", "exhibit", "odd-one", "visits", 1, 5}};
    // Titles come from kiosks: one of them hostile, which the page must escape.
    batch.titles = {{"exhibit", "pendulum-lab", "单摆实验室", "Pendulum lab"},
                    {"exhibit", "odd-one", "<script>alert('x')</script>", "\"><img src=x>"}};
    return batch;
}

// A hub with venues v1 (museum, kiosk k1 with synced data) and v2 (truck,
// kiosk k2), a manager of v1 and a province administrator, all sharing one
// password; the server started after the environment `env` was set.
struct DashboardHub {
    TempFolder folder;
    std::string data = folder.file("hub");
    SecretKey key;
    std::string k1_token;
    std::unique_ptr<HubProcess> hub;

    DashboardHub() {
        REQUIRE(sodium_init() >= 0);
        key = generate_key();
        std::string error;
        REQUIRE(write_public_key(folder.file("k1.pub"), key.public_key(), error));
        const std::string token = add_kiosk(folder, data, "v1", "k1");
        k1_token = token;
        add_kiosk(folder, data, "v2", "k2");
        REQUIRE(run_hub_command(folder, "admin add-kiosk --data " + data +
                                            " --venue v1 --id k1b --public-key k1.pub")
                    .code == 0);
        REQUIRE(run_hub_command(folder, "admin add-kiosk --data " + data +
                                            " --venue v2 --id k2b --public-key k1.pub")
                    .code == 0);
        REQUIRE(run_hub_command(folder,
                                "admin add-user --data " + data +
                                    " --name manager --role venue_manager --venue v1",
                                kPassword)
                    .code == 0);
        REQUIRE(run_hub_command(
                    folder, "admin add-user --data " + data + " --name admin --role province_admin",
                    kPassword)
                    .code == 0);
        hub = std::make_unique<HubProcess>(data);
        const PostResult synced = post_sync(hub->port(), token, sync::to_json(museum_batch()));
        INFO(synced.body);
        REQUIRE(synced.status == 200);
    }
    Browser browser() const { return Browser(hub->port()); }
    // A browser signed in as `user` (the shared password).
    Browser signed_in(const std::string& user) const {
        Browser browser(hub->port());
        REQUIRE(sign_in(browser, user, kPassword)->status == 303);
        return browser;
    }
};

const std::string kRange = "from=2026-11-01&to=2026-11-30";

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Signing in, the synced numbers, another venue's page (403)
//-----------------------------------------------------------------------------

TEST_CASE("dashboard sign-in: the right password opens the page, a wrong one does not",
          "[hub][dashboard]") {
    DashboardHub hub;
    Browser browser = hub.browser();

    auto page = browser.get("/dashboard");
    REQUIRE(page);
    CHECK(page->status == 303);
    CHECK(page->get_header_value("Location") == "/login?lang=zh");
    for (const char* path : {"/dashboard/export?format=csv", "/"}) {
        auto refused = browser.get(path);
        REQUIRE(refused);
        CHECK(refused->status == 303);
    }

    auto wrong = sign_in(browser, "manager", "not the password");
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
    CHECK(wrong->body.find("用户名或密码错误") != std::string::npos);
    CHECK(browser.cookie("kiosk_session").empty());
    CHECK(browser.get("/dashboard")->status == 303);

    auto right = sign_in(browser, "manager", kPassword);
    REQUIRE(right);
    CHECK(right->status == 303);
    CHECK(right->get_header_value("Location") == "/dashboard?lang=zh");
    const std::string set_cookie = right->get_header_value("Set-Cookie", 0);
    CHECK(set_cookie.find("HttpOnly") != std::string::npos);
    CHECK(set_cookie.find("SameSite=Strict") != std::string::npos);
    CHECK(browser.cookie("kiosk_session").size() == 43);

    page = browser.get("/dashboard?" + kRange + "&unknown=ignored");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->body.find("科普展项管理看板") != std::string::npos);
    CHECK(page->body.find("<svg") != std::string::npos);

    // Signing out needs the session's CSRF token, then the session is gone.
    const std::string csrf = csrf_of(page->body);
    REQUIRE(csrf.size() == 43);
    auto no_csrf = browser.post_form("/logout", {{"lang", "zh"}});
    REQUIRE(no_csrf);
    CHECK(no_csrf->status == 403);
    CHECK(browser.get("/dashboard")->status == 200);
    auto out = browser.post_form("/logout", {{"csrf", csrf}, {"lang", "en"}});
    REQUIRE(out);
    CHECK(out->status == 303);
    CHECK(out->get_header_value("Location") == "/login?lang=en");
    CHECK(browser.get("/dashboard")->status == 303);
}

TEST_CASE("dashboard: the page shows the numbers that were synced", "[hub][dashboard]") {
    DashboardHub hub;
    Browser browser = hub.signed_in("manager");

    auto page = browser.get("/dashboard?" + kRange);
    REQUIRE(page);
    REQUIRE(page->status == 200);
    // Total visitors 42 + 7 in the range; the exhibit and its 17 visits; the kiosk.
    CHECK(page->body.find("<div class=\"value\">49</div>") != std::string::npos);
    CHECK(page->body.find("pendulum-lab") != std::string::npos);
    CHECK(page->body.find("单摆实验室") != std::string::npos);
    CHECK(page->body.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
    CHECK(page->body.find("<script") == std::string::npos);
    CHECK(page->body.find(">k1<") != std::string::npos);
    CHECK(page->body.find(">k2<") == std::string::npos); // the other venue's kiosk

    // A range without the synced days shows none of it.
    page = browser.get("/dashboard?from=2026-10-01&to=2026-10-31");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->body.find("<div class=\"value\">49</div>") == std::string::npos);
    CHECK(page->body.find("pendulum-lab") == std::string::npos);

    // The English page shows the English titles, escaped the same way.
    page = browser.get("/dashboard?lang=en&" + kRange);
    REQUIRE(page);
    CHECK(page->body.find("Pendulum lab") != std::string::npos);
    CHECK(page->body.find("&quot;&gt;&lt;img src=x&gt;") != std::string::npos);
    CHECK(page->body.find("<img") == std::string::npos);
}

TEST_CASE("dashboard: a venue manager gets 403 for another venue, an admin does not",
          "[hub][dashboard]") {
    DashboardHub hub;
    Browser manager = hub.signed_in("manager");
    CHECK(manager.get("/dashboard?venue=v1&" + kRange)->status == 200);
    auto other = manager.get("/dashboard?venue=v2&" + kRange);
    REQUIRE(other);
    CHECK(other->status == 403);
    CHECK(other->body.find("只能查看自己场馆") != std::string::npos);
    CHECK(manager.get("/dashboard/export?format=csv&venue=v2&" + kRange)->status == 403);
    CHECK(manager.get("/dashboard/export?format=json&venue=v2&" + kRange)->status == 403);

    Browser admin = hub.signed_in("admin");
    CHECK(admin.get("/dashboard?venue=v2&" + kRange)->status == 200);
    auto all = admin.get("/dashboard?" + kRange);
    REQUIRE(all);
    CHECK(all->status == 200);
    CHECK(all->body.find(">k2<") != std::string::npos);
    CHECK(admin.get("/dashboard?venue=nowhere&" + kRange)->status == 400);
}

//-----------------------------------------------------------------------------
// [SECTION] Bad dates and ranges (400)
//-----------------------------------------------------------------------------

TEST_CASE("dashboard: bad dates, reversed ranges and oversized parameters are 400",
          "[hub][dashboard]") {
    DashboardHub hub;
    Browser browser = hub.signed_in("manager");
    for (const std::string& query :
         std::vector<std::string>{"from=2026-02-30&to=2026-03-01", "from=yesterday", "to=2026-1-5",
                                  "from=2026-11-30&to=2026-11-01", "from=1900-01-01&to=2026-01-01",
                                  "venue=" + std::string(65, 'v')}) {
        INFO(query);
        auto page = browser.get("/dashboard?" + query);
        REQUIRE(page);
        CHECK(page->status == 400);
        CHECK(browser.get("/dashboard/export?format=csv&" + query)->status == 400);
    }
    auto reversed = browser.get("/dashboard?from=2026-11-30&to=2026-11-01&lang=en");
    CHECK(reversed->body.find("The start date is after the end date.") != std::string::npos);
    CHECK(browser.get("/dashboard/export?format=pdf&" + kRange)->status == 400);
}

TEST_CASE("dashboard: year 0000 is not a date, and the default range starts at 0001-01-01",
          "[hub][dashboard]") {
    // Found by tests/fuzz: "to=0000-01-01" was accepted, and its default start
    // came out as "-001-12-03", which the page's own links then sent back.
    DashboardHub hub;
    Browser browser = hub.signed_in("manager");
    auto year_zero = browser.get("/dashboard?to=0000-01-01&lang=en");
    REQUIRE(year_zero);
    CHECK(year_zero->status == 400);
    CHECK(year_zero->body.find("The end date is not valid") != std::string::npos);
    auto first_days = browser.get("/dashboard?to=0001-01-05&lang=en");
    REQUIRE(first_days);
    CHECK(first_days->status == 200);
    CHECK(first_days->body.find("name=\"from\" value=\"0001-01-01\"") != std::string::npos);
    CHECK(browser.get("/dashboard?from=0001-01-01&to=0001-01-05&lang=en")->status == 200);
}

//-----------------------------------------------------------------------------
// [SECTION] Sessions expiring (set through serve's environment)
//-----------------------------------------------------------------------------

TEST_CASE("dashboard sessions expire when idle or too old", "[hub][dashboard]") {
    SECTION("idle") {
        ServeEnvironment env{{"KIOSK_HUB_SESSION_IDLE_S", "0"}};
        DashboardHub hub;
        Browser browser = hub.signed_in("manager");
        auto page = browser.get("/dashboard");
        REQUIRE(page);
        CHECK(page->status == 303);
        CHECK(page->get_header_value("Location") == "/login?lang=zh");
    }
    SECTION("absolute") {
        ServeEnvironment env{{"KIOSK_HUB_SESSION_MAX_S", "0"}};
        DashboardHub hub;
        Browser browser = hub.signed_in("manager");
        CHECK(browser.get("/dashboard")->status == 303);
    }
    SECTION("the defaults keep it") {
        DashboardHub hub;
        Browser browser = hub.signed_in("manager");
        CHECK(browser.get("/dashboard")->status == 200);
        CHECK(browser.get("/dashboard")->status == 200);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] serve's options: silent-kiosk alert days, the venue's UTC offset
//-----------------------------------------------------------------------------

TEST_CASE("dashboard: the silent-kiosk alert days come from serve's option", "[hub][dashboard]") {
    // k1b and k2b never synced, so the page flags them silent, naming the days.
    const bool configured = GENERATE(false, true);
    const ServeEnvironment env =
        configured ? ServeEnvironment{{"KIOSK_HUB_SILENT_ALERT_DAYS", "30"}} : ServeEnvironment{};
    DashboardHub hub;
    Browser browser = hub.signed_in("manager");
    auto page = browser.get("/dashboard?" + kRange);
    REQUIRE(page);
    REQUIRE(page->status == 200);
    CHECK(page->body.find(configured ? "超过 30 天未联系" : "超过 7 天未联系") !=
          std::string::npos);
    CHECK(page->body.find(configured ? "超过 7 天未联系" : "超过 30 天未联系") ==
          std::string::npos);
}

TEST_CASE("kiosk-hub serve refuses silent-alert days outside 1..3650", "[hub][dashboard]") {
    TempFolder folder;
    // A data folder that is a file: were the option accepted, serve would
    // stop at once with 1 instead of serving (and hanging the test).
    const std::string not_a_folder = folder.write("not-a-folder", "x");
    for (const char* days : {"0", "3651", "seven"}) {
        INFO(days);
        const CommandRun run = run_hub_command(folder, "serve --data " + not_a_folder +
                                                           " --silent-alert-days " + days);
        CHECK(run.code == 2);
        CHECK_THAT(run.err, Catch::Contains("--silent-alert-days"));
    }
    CHECK(
        run_hub_command(folder, "serve --data " + not_a_folder + " --silent-alert-days 30").code ==
        1); // accepted: the data folder is what stops it
}

TEST_CASE("dashboard: times and today are the venue's, at serve's --utc-offset-min",
          "[hub][dashboard]") {
    // UTC+14 and UTC-12 are 26 hours apart, so their days always differ, and at
    // any moment at least one differs from the hub machine's own day.
    const int32_t offset = GENERATE(840, -720);
    INFO(offset);
    const std::string offset_text = std::to_string(offset);
    const ServeEnvironment env{{"KIOSK_HUB_UTC_OFFSET_MIN", offset_text.c_str()}};
    DashboardHub hub;
    Browser browser = hub.signed_in("manager");
    const std::string before = local_day(now_utc_ms(), offset);
    auto page = browser.get("/dashboard?lang=en");
    const std::string after = local_day(now_utc_ms(), offset);
    REQUIRE(page);
    REQUIRE(page->status == 200);
    const bool ends_today =
        page->body.find("name=\"to\" value=\"" + before + "\"") != std::string::npos ||
        page->body.find("name=\"to\" value=\"" + after + "\"") != std::string::npos;
    CHECK(ends_today);
    const std::string zone = utc_offset_name(offset);
    CHECK(page->body.find(" " + zone + "</footer>") != std::string::npos);
    CHECK(page->body.find(" UTC</") == std::string::npos);
}

TEST_CASE("dashboard: Beijing time by default, on the page and in the exports",
          "[hub][dashboard]") {
    DashboardHub hub;
    Browser browser = hub.signed_in("manager");
    auto page = browser.get("/dashboard?" + kRange);
    REQUIRE(page);
    REQUIRE(page->status == 200);
    CHECK(page->body.find(" 北京时间</footer>") != std::string::npos);
    auto json = browser.get("/dashboard/export?format=json&lang=en&" + kRange);
    REQUIRE(json);
    REQUIRE(json->status == 200);
    const nlohmann::json document = nlohmann::json::parse(json->body);
    // Issue 20: JSON's times are ISO 8601 with the venue's offset (CSV keeps the managers' form).
    CHECK_THAT(document["query"]["generated"].get<std::string>(), Catch::EndsWith("+08:00"));
    CHECK(document["query"]["generated"].get<std::string>().find('T') == 10);
    CHECK_FALSE(document["query"].contains("generated_utc"));
    bool k1_seen = false;
    for (const auto& kiosk : document["reports"]["kiosks"])
        if (kiosk["kiosk"] == "k1") {
            k1_seen = true;
            CHECK_THAT(kiosk["last_seen"].get<std::string>(), Catch::EndsWith("+08:00"));
        }
    CHECK(k1_seen);
}

TEST_CASE("kiosk-hub serve refuses UTC offsets outside -720..840 minutes", "[hub][dashboard]") {
    TempFolder folder;
    const std::string not_a_folder = folder.write("not-a-folder", "x");
    for (const char* offset : {"-721", "841", "eight"}) {
        INFO(offset);
        const CommandRun run =
            run_hub_command(folder, "serve --data " + not_a_folder + " --utc-offset-min " + offset);
        CHECK(run.code == 2);
        CHECK_THAT(run.err, Catch::Contains("--utc-offset-min"));
    }
    CHECK(run_hub_command(folder, "serve --data " + not_a_folder + " --utc-offset-min -300").code ==
          1); // accepted: the data folder is what stops it
}

//-----------------------------------------------------------------------------
// [SECTION] The sign-in limit (429) and CSRF checks (403)
//-----------------------------------------------------------------------------

TEST_CASE("dashboard sign-in is limited after repeated failures (429)", "[hub][dashboard]") {
    DashboardHub hub;
    Browser browser = hub.browser();
    for (int attempt = 0; attempt < 5; ++attempt) {
        auto wrong = sign_in(browser, "manager", "guess " + std::to_string(attempt));
        REQUIRE(wrong);
        CHECK(wrong->status == 401);
    }
    auto limited = sign_in(browser, "manager", kPassword); // even the right password
    REQUIRE(limited);
    CHECK(limited->status == 429);
    CHECK(limited->body.find("登录失败次数过多") != std::string::npos);
    CHECK(browser.cookie("kiosk_session").empty());
    // Another user from the same address is still let in.
    CHECK(sign_in(browser, "admin", kPassword)->status == 303);
}

TEST_CASE("dashboard POSTs without the CSRF token are refused with 403", "[hub][dashboard]") {
    DashboardHub hub;
    Browser browser = hub.browser();
    auto form = browser.get("/login");
    REQUIRE(form);
    auto login = browser.post_form("/login", {{"username", "manager"}, {"password", kPassword}});
    REQUIRE(login);
    CHECK(login->status == 403);
    CHECK(browser.cookie("kiosk_session").empty());

    REQUIRE(sign_in(browser, "manager", kPassword)->status == 303);
    auto import = browser.post_multipart("/dashboard/import",
                                         {{"bundle", "{}", "bundle.json", "application/json"}});
    REQUIRE(import);
    CHECK(import->status == 403);
    auto wrong = browser.post_multipart(
        "/dashboard/import",
        {{"csrf", "not-the-token", "", ""}, {"bundle", "{}", "bundle.json", "application/json"}});
    REQUIRE(wrong);
    CHECK(wrong->status == 403);
}

//-----------------------------------------------------------------------------
// [SECTION] Exports, unreadable data (500) and bundle upload
//-----------------------------------------------------------------------------

TEST_CASE("dashboard exports: CSV with a BOM, JSON and XLSX with the synced numbers",
          "[hub][dashboard]") {
    DashboardHub hub;
    Browser browser = hub.signed_in("manager");

    auto csv = browser.get("/dashboard/export?format=csv&" + kRange);
    REQUIRE(csv);
    REQUIRE(csv->status == 200);
    CHECK(csv->get_header_value("Content-Type") == "text/csv; charset=utf-8");
    CHECK(csv->get_header_value("Content-Disposition") ==
          "attachment; filename=\"kiosk-dashboard-v1-2026-11-01-2026-11-30.csv\"");
    CHECK(csv->body.rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(csv->body.find("\r\n2026-11-20,42,100.0\r\n") != std::string::npos);
    CHECK(csv->body.find("\r\npendulum-lab,单摆实验室,17,") != std::string::npos);

    auto json = browser.get("/dashboard/export?format=json&lang=en&" + kRange);
    REQUIRE(json);
    REQUIRE(json->status == 200);
    const nlohmann::json document = nlohmann::json::parse(json->body);
    CHECK(document["language"] == "en");
    CHECK(document["query"]["venue"] == "v1");
    int64_t sessions = 0;
    for (const auto& day : document["reports"]["visitors_per_day"])
        sessions += day["sessions"].get<int64_t>();
    CHECK(sessions == 49);
    CHECK(sessions == stored_totals(hub.data, "v1")[{"kiosk", "", "sessions"}]);
    CHECK(document["reports"]["top_exhibits"][0]["exhibit"] == "pendulum-lab");
    CHECK(document["reports"]["top_exhibits"][0]["visits"] == 17);
    CHECK(document["reports"]["top_exhibits"][0]["title"] == "Pendulum lab");

    auto xlsx = browser.get("/dashboard/export?format=xlsx&" + kRange);
    REQUIRE(xlsx);
    REQUIRE(xlsx->status == 200);
    CHECK(xlsx->body.rfind("PK\x03\x04", 0) == 0);
    CHECK(xlsx->get_header_value("Content-Disposition").find(".xlsx\"") != std::string::npos);
}

TEST_CASE(
    "dashboard exports (issue 20): labels, units, status, totals, weekday numbers, ISO times, "
    "XLSX dates, the province's venue cell",
    "[hub][dashboard][exports]") {
    DashboardHub hub;
    Browser manager = hub.signed_in("manager");
    auto csv = manager.get("/dashboard/export?format=csv&" + kRange);
    REQUIRE(csv);
    REQUIRE(csv->status == 200);
    const std::string& text = csv->body;
    // The quiz's id and text columns have different labels.
    CHECK(text.find("\r\n题库,题目编号,题目,") != std::string::npos);
    // Units in the kiosks' headers, and the status column in the page's words.
    CHECK(text.find(",磁盘剩余（MB）,") != std::string::npos);
    CHECK(text.find(",时钟偏差（秒）,状态\r\n") != std::string::npos);
    CHECK(text.find("\r\nk1,") != std::string::npos);
    const size_t k1 = text.find("\r\nk1,");
    const std::string k1_row = text.substr(k1 + 2, text.find("\r\n", k1 + 2) - k1 - 2);
    CHECK((k1_row.find(",正常") != std::string::npos || k1_row.find("超过") != std::string::npos ||
           k1_row.find("磁盘空间不足") != std::string::npos));
    // Totals: visitors per day (49 sessions) and the hour-of-week table.
    CHECK(text.find("\r\n合计,49,") != std::string::npos);
    CHECK(text.find("\r\n合计,,") != std::string::npos); // the hour-of-week table's

    auto json = manager.get("/dashboard/export?format=json&lang=en&" + kRange);
    REQUIRE(json);
    const nlohmann::json document = nlohmann::json::parse(json->body);
    CHECK(document["totals"]["visitors_per_day"]["sessions"] == 49);
    for (const auto& row : document["reports"]["sessions_by_hour_of_week"]) {
        const int number = row["weekday_number"].get<int>();
        CHECK(number >= 1);
        CHECK(number <= 7);
        const char* names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
        CHECK(row["weekday"].get<std::string>().rfind(names[number - 1], 0) == 0);
    }
    CHECK(document["reports"]["sessions_by_hour_of_week"].size() > 0);
    int64_t week_sessions = 0;
    for (const auto& row : document["reports"]["sessions_by_hour_of_week"])
        week_sessions += row["sessions"].get<int64_t>();
    CHECK(document["totals"]["sessions_by_hour_of_week"]["sessions"] == week_sessions);
    CHECK(document["reports"]["kiosks"][0].contains("clock_skew_s"));
    CHECK(document["reports"]["kiosks"][0].contains("status"));

    // The province's export names "all venues" in its venue cell.
    Browser admin = hub.signed_in("admin");
    auto province = admin.get("/dashboard/export?format=csv&venue=&" + kRange);
    REQUIRE(province);
    REQUIRE(province->status == 200);
    CHECK(province->body.find("\r\n场馆,全部场馆\r\n") != std::string::npos);

    // XLSX read back with openpyxl: days and times are Excel dates.
    auto xlsx = manager.get("/dashboard/export?format=xlsx&" + kRange);
    REQUIRE(xlsx);
    REQUIRE(xlsx->status == 200);
    const std::string book = hub.folder.write("export.xlsx", xlsx->body);
    const std::string script = hub.folder.write("read.py", R"(import sys, datetime, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
days = book["每日访客"]
kiosks = book["终端状态"]
about = {row[0]: row[1] for row in book["查询"].iter_rows(values_only=True)}
print("day", type(days["A2"].value).__name__, days["A2"].number_format)
print("last_seen", type(kiosks["C2"].value).__name__)
print("generated", type(about["生成于"]).__name__)
print("total", days.cell(days.max_row, 1).value, days.cell(days.max_row, 2).value)
)");
    const std::string output = hub.folder.file("read.out");
    REQUIRE(std::system(("/usr/bin/python3 '" + script + "' '" + book + "' > '" + output + "' 2>&1")
                            .c_str()) == 0);
    const std::string read = read_text_file(output);
    INFO(read);
    CHECK(read.find("day datetime yyyy-mm-dd") != std::string::npos);
    CHECK(read.find("last_seen datetime") != std::string::npos);
    CHECK(read.find("generated datetime") != std::string::npos);
    CHECK(read.find("total 合计 49") != std::string::npos);
}

TEST_CASE("dashboard: data that cannot be read is said so on the page, and exports answer 500",
          "[hub][dashboard][numbers]") {
    // Issue 15: a hub.db holding 2^53 visits from before values were bounded
    // makes SQLite's sum() fail with "integer overflow" in the top-exhibits
    // query; that must not turn into an empty "Top exhibits".
    DashboardHub hub;
    exec_hub_sql(hub.data, attack_leftover_sql("k1", {"'exhibit', 'pendulum-lab', 'visits'"}));
    for (const char* user : {"admin", "manager"}) {
        INFO(user);
        Browser browser = hub.signed_in(user);
        auto page = browser.get("/dashboard?lang=en&" + kRange);
        REQUIRE(page);
        REQUIRE(page->status == 200);
        const size_t top = page->body.find("id=\"top-exhibits\"");
        REQUIRE(top != std::string::npos);
        const std::string section =
            page->body.substr(top, page->body.find("</section>", top) - top);
        CHECK(section.find("No data for this range.") == std::string::npos);
        CHECK(section.find("class=\"unreadable\"") != std::string::npos);
        CHECK(page->body.find("role=\"alert\"") != std::string::npos);

        for (const char* format : {"json", "csv", "xlsx"}) {
            auto exported = browser.get(std::string("/dashboard/export?lang=en&format=") + format +
                                        "&" + kRange);
            REQUIRE(exported);
            INFO(format << ": " << exported->body.substr(0, 300));
            CHECK(exported->status == 500);
            CHECK(exported->body.find("could not be read") != std::string::npos);
            // the refusal keeps the filter form, filled, to try again
            CHECK(exported->body.find("<form method=\"get\" action=\"/dashboard\">") !=
                  std::string::npos);
            CHECK(exported->body.find("name=\"from\" value=\"2026-11-01\"") != std::string::npos);
        }
    }
}

TEST_CASE("dashboard: findings show each finding's share of visitors over the kiosks and days",
          "[hub][dashboard][findings]") {
    DashboardHub hub;
    // Kiosk k1 syncs 2026-11-20; kiosk k1b's bundle brings 2026-11-21.
    sync::SyncBatch synced = make_batch(kEpoch, 10);
    synced.buckets = {
        {"2026-11-20", "exhibit", "pendulum-lab", "visitors", 6, 6},
        {"2026-11-20", "finding", "pendulum-lab/resonance", "events", 9, 7},
        {"2026-11-20", "finding", "pendulum-lab/resonance", "visitors", 3, 8},
        {"2026-11-20", "finding_value", "pendulum-lab/resonance/length=0.5", "visitors", 2, 9}};
    const PostResult posted = post_sync(hub.hub->port(), hub.k1_token, sync::to_json(synced));
    INFO(posted.body);
    REQUIRE(posted.status == 200);
    Browser browser = hub.signed_in("manager");
    const std::string csrf = csrf_of(browser.get("/dashboard?" + kRange)->body);
    sync::SyncBatch bundled = make_batch("fedcba9876543210fedcba9876543210", 4);
    bundled.buckets = {
        {"2026-11-21", "exhibit", "pendulum-lab", "visitors", 4, 1},
        {"2026-11-21", "finding", "pendulum-lab/resonance", "events", 1, 2},
        {"2026-11-21", "finding", "pendulum-lab/resonance", "visitors", 1, 2},
        {"2026-11-21", "finding_value", "pendulum-lab/resonance/length=0.5", "visitors", 1, 3},
        {"2026-11-21", "finding_value", "pendulum-lab/resonance/length=…", "visitors", 1, 4}};
    auto imported = browser.post_multipart(
        "/dashboard/import", {{"csrf", csrf, "", ""},
                              {"from", "2026-11-01", "", ""},
                              {"to", "2026-11-30", "", ""},
                              {"lang", "en", "", ""},
                              {"bundle", sync::to_json(sync::make_bundle("k1b", bundled, hub.key)),
                               "bundle.json", "application/json"}});
    REQUIRE(imported);
    REQUIRE(imported->status == 303);

    const auto findings_section = [&](const std::string& query) {
        auto page = browser.get("/dashboard?" + query);
        REQUIRE(page);
        REQUIRE(page->status == 200);
        const size_t at = page->body.find("id=\"findings\"");
        REQUIRE(at != std::string::npos);
        return page->body.substr(at, page->body.find("</section>", at) - at);
    };
    // 4 of the exhibit's 10 visitors over both kiosks and days; 10 events.
    std::string section = findings_section("lang=en&" + kRange);
    CHECK(section.find("Pendulum lab") != std::string::npos);
    CHECK(section.find("resonance: found by 40% of visitors") != std::string::npos);
    CHECK(section.find("length = 0.5: 30% of visitors") != std::string::npos);
    CHECK(section.find("length = other values: 10% of visitors") != std::string::npos);
    CHECK(section.find("<td class=\"num\" data-label=\"Events\">10</td>") != std::string::npos);
    section = findings_section(kRange);
    CHECK(section.find("resonance：40% 的观众发现了") != std::string::npos);
    // One day, one kiosk: 3 of 6.
    section = findings_section("lang=en&from=2026-11-20&to=2026-11-20");
    CHECK(section.find("resonance: found by 50% of visitors") != std::string::npos);

    auto json = browser.get("/dashboard/export?format=json&lang=en&" + kRange);
    REQUIRE(json);
    REQUIRE(json->status == 200);
    const nlohmann::json document = nlohmann::json::parse(json->body);
    CHECK(document["reports"]["findings"][0]["event"] == "resonance");
    CHECK(document["reports"]["findings"][0]["events"] == 10);
    CHECK(document["reports"]["findings"][0]["visitors"] == 4);
    CHECK(document["reports"]["findings"][0]["exhibit_visitors"] == 10);
    CHECK(document["reports"]["findings"][0]["share_percent"] == 40.0);
    CHECK(document["reports"]["finding_values"].size() == 2);
    CHECK(document["reports"]["finding_values"][1]["field_value"] == "…");

    // A sum the store cannot make is an error on the page, never an empty table.
    exec_hub_sql(hub.data,
                 attack_leftover_sql("k1", {"'finding', 'pendulum-lab/resonance', 'visitors'"}));
    section = findings_section("lang=en&" + kRange);
    CHECK(section.find("class=\"unreadable\"") != std::string::npos);
    CHECK(section.find("found by") == std::string::npos);
    CHECK(section.find("No data for this range.") == std::string::npos);
}

TEST_CASE("dashboard upload: a bundle of the manager's venue is imported, another's is 403",
          "[hub][dashboard]") {
    DashboardHub hub;
    Browser browser = hub.signed_in("manager");
    const std::string csrf = csrf_of(browser.get("/dashboard?" + kRange)->body);

    auto bundle_of = [&](const std::string& kiosk) {
        sync::SyncBatch batch = make_batch("fedcba9876543210fedcba9876543210", 1);
        batch.buckets = {{"2026-11-22", "kiosk", "", "sessions", 100, 1}};
        return sync::to_json(sync::make_bundle(kiosk, batch, hub.key));
    };
    auto upload = [&](const std::string& bundle, const std::string& lang = "en") {
        return browser.post_multipart("/dashboard/import",
                                      {{"csrf", csrf, "", ""},
                                       {"from", "2026-11-01", "", ""},
                                       {"to", "2026-11-30", "", ""},
                                       {"lang", lang, "", ""},
                                       {"bundle", bundle, "bundle.json", "application/json"}});
    };

    auto refused = upload(bundle_of("k2b"));
    REQUIRE(refused);
    CHECK(refused->status == 403);
    CHECK(stored_totals(hub.data, "v2")[{"kiosk", "", "sessions"}] == 0);

    auto imported = upload(bundle_of("k1b"));
    REQUIRE(imported);
    CHECK(imported->status == 303);
    CHECK(imported->get_header_value("Location") ==
          "/dashboard?venue=v1&from=2026-11-01&to=2026-11-30&lang=en");
    CHECK(stored_totals(hub.data, "v1")[{"kiosk", "", "sessions"}] == 149);
    auto page = browser.get(imported->get_header_value("Location"));
    REQUIRE(page);
    CHECK(
        page->body.find("Imported the bundle of kiosk k1b: 1 buckets, 1 of them new or updated") !=
        std::string::npos);
    CHECK(page->body.find("<div class=\"value\">149</div>") != std::string::npos);

    auto garbage = upload("not a bundle");
    REQUIRE(garbage);
    CHECK(garbage->status == 303);
    page = browser.get(garbage->get_header_value("Location"));
    CHECK(page->body.find("class=\"notice error\"") != std::string::npos);
    CHECK(page->body.find("The import failed: this is not an offline bundle") != std::string::npos);

    // The Chinese page says why in Chinese (the English detail goes to the log).
    garbage = upload("{\"format\": \"kiosk-sync-bundle\"}", "zh");
    REQUIRE(garbage);
    page = browser.get(garbage->get_header_value("Location"));
    REQUIRE(page);
    CHECK(page->body.find("导入失败：这不是离线数据包，或文件已损坏。") != std::string::npos);
    CHECK(page->body.find("not a sync bundle") == std::string::npos);
    imported = upload(bundle_of("k1b"), "zh");
    REQUIRE(imported);
    page = browser.get(imported->get_header_value("Location"));
    REQUIRE(page);
    CHECK(page->body.find("已导入终端 k1b 的数据包：1 条汇总记录，其中 0 条有更新。") !=
          std::string::npos);
}

//-----------------------------------------------------------------------------
// [SECTION] Quick ranges and refused queries that keep the filter form
//-----------------------------------------------------------------------------

namespace {

// Whether `page` shows `range` in its filter form (either of the ranges a
// quick range gives on the venue's day before and after the request).
bool shows_range(const std::string& page, const DayRange& range) {
    return page.find("name=\"from\" value=\"" + range.from + "\"") != std::string::npos &&
           page.find("name=\"to\" value=\"" + range.to + "\"") != std::string::npos;
}

bool has_filter_form(const std::string& page) {
    return page.find("<form method=\"get\" action=\"/dashboard\">") != std::string::npos;
}

} // namespace

TEST_CASE("dashboard: the quick ranges pick their days in the venue's zone and are marked",
          "[hub][dashboard][ranges]") {
    DashboardHub hub;
    Browser browser = hub.signed_in("manager");
    for (RangePreset preset : kRangePresets) {
        const std::string name(range_preset_name(preset));
        INFO(name);
        const std::string before = local_day(now_utc_ms(), kDefaultVenueUtcOffsetMin);
        auto page = browser.get("/dashboard?range=" + name + "&lang=zh");
        const std::string after = local_day(now_utc_ms(), kDefaultVenueUtcOffsetMin);
        REQUIRE(page);
        REQUIRE(page->status == 200);
        CHECK((shows_range(page->body, *preset_range(preset, before)) ||
               shows_range(page->body, *preset_range(preset, after))));
        // its link is there and marked as the one shown
        CHECK(page->body.find("<a class=\"range active\" aria-current=\"true\" "
                              "href=\"/dashboard?venue=v1&amp;range=" +
                              name + "&amp;lang=zh\">") != std::string::npos);
    }
    auto page = browser.get("/dashboard?range=last-month&lang=zh");
    REQUIRE(page);
    for (const char* word : {">本月<", ">上月<", ">本季度<", ">本年<", ">最近 30 天<"})
        CHECK(page->body.find(word) != std::string::npos);
    // explicit dates still work, and mark no quick range
    auto dates = browser.get("/dashboard?from=2026-11-03&to=2026-11-09");
    REQUIRE(dates);
    CHECK(dates->status == 200);
    CHECK(shows_range(dates->body, {"2026-11-03", "2026-11-09"}));
    CHECK(dates->body.find("range active") == std::string::npos);
}

TEST_CASE("dashboard exports follow a quick range", "[hub][dashboard][ranges]") {
    DashboardHub hub;
    Browser browser = hub.signed_in("manager");
    const std::string before = local_day(now_utc_ms(), kDefaultVenueUtcOffsetMin);
    auto csv = browser.get("/dashboard/export?format=csv&range=this-year");
    const std::string after = local_day(now_utc_ms(), kDefaultVenueUtcOffsetMin);
    REQUIRE(csv);
    REQUIRE(csv->status == 200);
    const auto file_name = [](const std::string& today) {
        const DayRange year = *preset_range(RangePreset::this_year, today);
        return "attachment; filename=\"kiosk-dashboard-v1-" + year.from + "-" + year.to + ".csv\"";
    };
    const std::string disposition = csv->get_header_value("Content-Disposition");
    CHECK((disposition == file_name(before) || disposition == file_name(after)));
}

TEST_CASE("attack: an unknown quick range, or one beside dates, is 400 with the form kept",
          "[hub][dashboard][ranges]") {
    DashboardHub hub;
    Browser browser = hub.signed_in("manager");
    for (const std::string& query :
         {std::string("range=next-week"), std::string("range=LAST-MONTH"),
          std::string("range=last-month&from=2026-11-01"),
          std::string("range=this-year&to=2026-11-01"), std::string("range=%00"),
          std::string("range=") + std::string(64, 'x')}) {
        INFO(query);
        auto page = browser.get("/dashboard?" + query + "&lang=en");
        REQUIRE(page);
        CHECK(page->status == 400);
        CHECK(has_filter_form(page->body));
        CHECK(browser.get("/dashboard/export?format=csv&" + query)->status == 400);
    }
    auto unknown = browser.get("/dashboard?range=next-week&lang=en");
    CHECK(unknown->body.find("There is no such quick range") != std::string::npos);
    auto both = browser.get("/dashboard?range=last-month&from=2026-11-01&lang=en");
    CHECK(both->body.find("Pick a quick range or enter dates, not both.") != std::string::npos);
}

TEST_CASE("dashboard: a refused query (400, 403, 500) keeps the filter form filled",
          "[hub][dashboard][ranges]") {
    DashboardHub hub;
    Browser manager = hub.signed_in("manager");
    auto reversed = manager.get("/dashboard?venue=v1&from=2026-11-30&to=2026-11-01");
    REQUIRE(reversed);
    CHECK(reversed->status == 400);
    CHECK(has_filter_form(reversed->body));
    CHECK(reversed->body.find("开始日期晚于结束日期。") != std::string::npos);
    CHECK(shows_range(reversed->body, {"2026-11-30", "2026-11-01"})); // as typed, to correct
    CHECK(reversed->body.find("无法显示") == std::string::npos);
    CHECK(reversed->body.find(">上月<") != std::string::npos);

    auto other_venue = manager.get("/dashboard?venue=v2&" + kRange);
    REQUIRE(other_venue);
    CHECK(other_venue->status == 403);
    CHECK(has_filter_form(other_venue->body));
    CHECK(shows_range(other_venue->body, {"2026-11-01", "2026-11-30"}));
    CHECK(other_venue->body.find("<option value=\"v2\"") == std::string::npos); // not offered

    auto bad_format = manager.get("/dashboard/export?format=pdf&" + kRange);
    REQUIRE(bad_format);
    CHECK(bad_format->status == 400);
    CHECK(has_filter_form(bad_format->body));
    CHECK(shows_range(bad_format->body, {"2026-11-01", "2026-11-30"}));
}

//-----------------------------------------------------------------------------
// [SECTION] WebSessions and LoginLimiter with a test clock
//-----------------------------------------------------------------------------

TEST_CASE("web sessions expire after the idle time and the absolute time", "[hub][dashboard]") {
    int64_t now = 1'000'000;
    TempFolder folder;
    const auto store = open_test_web_sessions(folder.file("hub"));
    hub::WebSessions sessions(*store, {30 * 60'000, 8 * 3'600'000}, [&] { return now; });
    const hub::WebSession session = *sessions.start("manager");
    CHECK(session.token.size() == 43);
    CHECK(session.csrf.size() == 43);
    CHECK(session.csrf != session.token);

    now += 29 * 60'000; // used every 29 minutes: stays signed in ...
    for (int i = 0; i < 16; ++i, now += 29 * 60'000)
        REQUIRE(sessions.use(session.token));
    // ... until 8 hours after signing in.
    now = 1'000'000 + 8 * 3'600'000;
    CHECK_FALSE(sessions.use(session.token));
    CHECK(sessions.size() == 0);

    const hub::WebSession idle = *sessions.start("manager");
    now += 30 * 60'000 - 1;
    CHECK(sessions.use(idle.token));
    now += 30 * 60'000;
    CHECK_FALSE(sessions.use(idle.token));
    CHECK_FALSE(sessions.use("not-a-token"));
}

TEST_CASE("failed sign-ins are limited within a sliding window", "[hub][dashboard]") {
    int64_t now = 0;
    TempFolder folder;
    const auto store = open_test_web_sessions(folder.file("hub"));
    hub::LoginLimiter limiter(*store, {5, 8, 15 * 60'000}, [&] { return now; });
    for (int i = 0; i < 5; ++i) {
        REQUIRE(limiter.begin_attempt("manager", "10.0.0.1"));
        now += 1000;
    }
    CHECK_FALSE(limiter.begin_attempt("manager", "10.0.0.2")); // per user name
    CHECK(limiter.begin_attempt("admin", "10.0.0.2"));
    for (int i = 0; i < 3; ++i)
        REQUIRE(limiter.begin_attempt("other", "10.0.0.1"));
    CHECK_FALSE(limiter.begin_attempt("admin", "10.0.0.1")); // per address: 8 failures
    now = 15 * 60'000;                                       // the first failure leaves the window
    const auto attempt = limiter.begin_attempt("manager", "10.0.0.2");
    REQUIRE(attempt);
    limiter.succeeded(*attempt);
    now += 10 * 60'000;
    CHECK(limiter.begin_attempt("manager", "10.0.0.1"));
}

} // namespace kiosk::test
