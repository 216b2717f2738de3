// Issue 20 part 3, the 报告订阅与已存报告 page's routes on a real kiosk-hub
// serve: the page lists the viewer's schedules and the saved reports they may
// see; every POST needs the CSRF token (403); a venue manager may not
// subscribe to another venue's or the province's reports (403) nor download
// them (403); broken fields are 400, unknown ids 404; what was refused
// changed nothing.
#include "browser_test_support.h"
#include "report_mail_test_support.h"
#include "store_backends.h"

using namespace kiosk;
using namespace kiosk::test;

namespace {

// The signed-in viewer's reports page and its CSRF token.
std::string reports_csrf(Browser& browser) {
    auto page = browser.get("/dashboard/reports");
    REQUIRE(page);
    REQUIRE(page->status == 200);
    return csrf_of(page->body);
}

} // namespace

TEST_CASE("Schedule routes: a manager's subscriptions, address and saved reports",
          "[hub][report-mail]") {
    MailHub hub;
    hub.add_schedule("admin", hub::ReportCadence::monthly, "");
    hub.add_schedule("other", hub::ReportCadence::weekly, "truck");
    hub.add_schedule("mgr", hub::ReportCadence::weekly, "county-museum");
    // Reports of each scope, made by the test maker.
    REQUIRE(hub::run_due_step(hub.setup(""), utc("2026-12-01T06:00:00Z")).made == 3);
    int64_t own = 0, truck = 0, province = 0;
    for (const hub::SavedReport& report : hub.schedules->saved_reports())
        (report.venue == "county-museum" ? own
         : report.venue == "truck"       ? truck
                                         : province) = report.id;
    const int64_t others_schedule = hub.schedules->schedules("other").at(0).id;
    hub.schedules.reset();

    HubProcess server(hub.data);
    Browser browser(server.port());
    auto signed_in = sign_in(browser, "mgr", kTestPassword);
    REQUIRE(signed_in);
    REQUIRE(signed_in->status == 303);

    auto dashboard = browser.get("/dashboard");
    REQUIRE(dashboard);
    CHECK(dashboard->body.find("href=\"/dashboard/reports?lang=zh\"") != std::string::npos);

    auto page = browser.get("/dashboard/reports");
    REQUIRE(page);
    REQUIRE(page->status == 200);
    CHECK(page->body.find("报告订阅与已存报告") != std::string::npos);
    CHECK(page->body.find("value=\"mgr@example.org\"") != std::string::npos);
    CHECK(page->body.find("file?id=" + std::to_string(own) + "&amp;") != std::string::npos);
    CHECK(page->body.find("file?id=" + std::to_string(truck) + "&amp;") == std::string::npos);
    CHECK(page->body.find("file?id=" + std::to_string(province) + "&amp;") == std::string::npos);
    CHECK(page->body.find("<option value=\"truck\"") == std::string::npos);
    CHECK(page->body.find("没有发信设置") != std::string::npos);
    const std::string csrf = csrf_of(page->body);

    // Downloads: their own venue's only.
    auto file = browser.get("/dashboard/reports/file?id=" + std::to_string(own));
    REQUIRE(file);
    CHECK(file->status == 200);
    CHECK(file->body == kFakePdf);
    CHECK(file->get_header_value("Content-Type") == "application/pdf");
    CHECK(file->get_header_value("Content-Disposition").find("attachment; filename=\"weekly-") ==
          0);
    for (int64_t refused : {truck, province}) {
        auto other_file = browser.get("/dashboard/reports/file?id=" + std::to_string(refused));
        REQUIRE(other_file);
        CHECK(other_file->status == 403);
        CHECK(other_file->body.find(kFakePdf) == std::string::npos);
    }
    for (const char* bad : {"abc", "-1", "0", "1x", "99999999999999999999", ""}) {
        auto answer = browser.get(std::string("/dashboard/reports/file?id=") + bad);
        REQUIRE(answer);
        CHECK(answer->status == 400);
    }
    auto unknown = browser.get("/dashboard/reports/file?id=999");
    REQUIRE(unknown);
    CHECK(unknown->status == 404);

    // Every POST needs the session's CSRF token.
    for (const char* path : {"/dashboard/reports/email", "/dashboard/reports/schedules/add",
                             "/dashboard/reports/schedules/remove"}) {
        auto forged = browser.post_form(path, {{"csrf", "forged"},
                                               {"email", "x@example.org"},
                                               {"cadence", "monthly"},
                                               {"venue", "county-museum"},
                                               {"language", "zh"},
                                               {"id", "1"}});
        REQUIRE(forged);
        CHECK(forged->status == 403);
    }

    // The address.
    auto bad_email = browser.post_form(
        "/dashboard/reports/email", {{"csrf", csrf}, {"email", "mgr@example.org\r\nBcc: x@y.org"}});
    REQUIRE(bad_email);
    CHECK(bad_email->status == 400);
    auto long_email = browser.post_form(
        "/dashboard/reports/email", {{"csrf", csrf}, {"email", std::string(300, 'a') + "@b.org"}});
    REQUIRE(long_email);
    CHECK(long_email->status == 400);
    auto good_email = browser.post_form("/dashboard/reports/email",
                                        {{"csrf", csrf}, {"email", "new@example.org"}});
    REQUIRE(good_email);
    CHECK(good_email->status == 303);
    page = browser.get("/dashboard/reports");
    CHECK(page->body.find("value=\"new@example.org\"") != std::string::npos);
    CHECK(page->body.find("邮箱地址已保存") != std::string::npos);

    // Subscriptions: their own venue only, valid fields only.
    const std::vector<std::pair<httplib::Params, int>> adds = {
        {{{"cadence", "monthly"}, {"venue", "truck"}, {"language", "zh"}}, 403},
        {{{"cadence", "monthly"}, {"venue", ""}, {"language", "zh"}}, 403},
        {{{"cadence", "daily"}, {"venue", "county-museum"}, {"language", "zh"}}, 400},
        {{{"cadence", "monthly"}, {"venue", "county-museum"}, {"language", "fr"}}, 400},
        {{{"cadence", "monthly"}, {"venue", "nowhere"}, {"language", "zh"}}, 400},
        {{{"cadence", "monthly"}, {"venue", "county-museum"}}, 400},
        {{{"cadence", "monthly"}, {"venue", "county-museum"}, {"language", "en"}}, 303},
    };
    for (auto [fields, status] : adds) {
        fields.emplace("csrf", csrf);
        auto answer = browser.post_form("/dashboard/reports/schedules/add", fields);
        REQUIRE(answer);
        CHECK(answer->status == status);
    }
    std::string error;
    std::unique_ptr<hub::ReportScheduleStore> schedules =
        hub::open_report_schedule_store(kiosk::test::test_store(hub.data), error);
    REQUIRE(schedules);
    std::vector<hub::ReportSchedule> mine = schedules->schedules("mgr");
    REQUIRE(mine.size() == 2);
    CHECK(mine[1].cadence == hub::ReportCadence::monthly);
    CHECK(mine[1].language == Language::En);
    auto again = browser.post_form(
        "/dashboard/reports/schedules/add",
        {{"csrf", csrf}, {"cadence", "monthly"}, {"venue", "county-museum"}, {"language", "en"}});
    REQUIRE(again);
    CHECK(again->status == 303);
    page = browser.get("/dashboard/reports");
    CHECK(page->body.find("同样的订阅已经存在") != std::string::npos);

    // Removing: their own schedules only.
    for (const std::string& id : {std::to_string(others_schedule), std::string("77")}) {
        auto answer =
            browser.post_form("/dashboard/reports/schedules/remove", {{"csrf", csrf}, {"id", id}});
        REQUIRE(answer);
        CHECK(answer->status == 404);
    }
    auto bad_id =
        browser.post_form("/dashboard/reports/schedules/remove", {{"csrf", csrf}, {"id", "one"}});
    REQUIRE(bad_id);
    CHECK(bad_id->status == 400);
    CHECK(schedules->schedules("other").size() == 1);
    auto removed = browser.post_form("/dashboard/reports/schedules/remove",
                                     {{"csrf", csrf}, {"id", std::to_string(mine[1].id)}});
    REQUIRE(removed);
    CHECK(removed->status == 303);
    CHECK(schedules->schedules("mgr").size() == 1);
    for (int64_t id : {own, truck, province}) // reports stay
        CHECK(schedules->find_saved_report(id));
}

TEST_CASE("Schedule routes: a province administrator sees and subscribes to every scope",
          "[hub][report-mail]") {
    MailHub hub;
    hub.add_schedule("other", hub::ReportCadence::weekly, "truck");
    REQUIRE(hub::run_due_step(hub.setup(""), utc("2026-12-01T06:00:00Z")).made == 1);
    const int64_t truck = hub.schedules->saved_reports().at(0).id;
    hub.schedules.reset();
    HubProcess server(hub.data);
    Browser browser(server.port());
    REQUIRE(sign_in(browser, "admin", kTestPassword)->status == 303);
    const std::string csrf = reports_csrf(browser);
    auto file = browser.get("/dashboard/reports/file?id=" + std::to_string(truck));
    REQUIRE(file);
    CHECK(file->status == 200);
    auto add = browser.post_form(
        "/dashboard/reports/schedules/add",
        {{"csrf", csrf}, {"cadence", "monthly"}, {"venue", ""}, {"language", "zh"}});
    REQUIRE(add);
    CHECK(add->status == 303);
    auto page = browser.get("/dashboard/reports?lang=en");
    REQUIRE(page);
    CHECK(page->body.find("Report subscriptions and saved reports") != std::string::npos);
    CHECK(page->body.find("All venues") != std::string::npos);
}
