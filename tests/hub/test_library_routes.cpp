// The 内容库 / Library page's routes on a real kiosk-hub process: a province
// administrator uploads, publishes and shares; a venue manager uploads the
// venue's own package and arranges the venue's kiosks in order; the page shows
// titles, reviewers, the expiry alert and which kiosks report showing an item.
// Refused: broken uploads (not a package, unsigned, an untrusted publisher, a
// tampered file, a version again with other bytes) with the reason on the
// page and nothing stored; a missing CSRF token (403); the
// wrong role (403); unknown ids (404).
#include "browser_test_support.h"
#include "hub_test_support.h"
#include "library_test_support.h"

#include "core/civil_time.h"

namespace kiosk::test {
namespace {

constexpr const char* kPassword = "correct horse battery";

// The hub's local day `days` from now (reviews' expiry dates).
std::string day_from_now(int days) {
    const auto today = parse_day(local_day(now_utc_ms(), kDefaultVenueUtcOffsetMin));
    return format_day(*today + std::chrono::days(days));
}

// Venues v1 (kiosk k1, whose heartbeat lists pendulum-lab) and v2 (kiosk k2),
// a manager of each, a province administrator, a publisher and a reviewer.
struct LibraryHub {
    TempFolder folder;
    LibraryKeys keys{folder};
    std::string data = folder.file("hub");
    std::unique_ptr<HubProcess> hub;

    LibraryHub() {
        const std::string token = add_kiosk(folder, data, "v1", "k1");
        add_kiosk(folder, data, "v2", "k2");
        for (const char* venue : {"v1", "v2"})
            REQUIRE(run_hub_command(folder,
                                    "admin add-user --data " + data + " --name manager-" + venue +
                                        " --role venue_manager --venue " + venue,
                                    kPassword)
                        .code == 0);
        REQUIRE(run_hub_command(
                    folder, "admin add-user --data " + data + " --name admin --role province_admin",
                    kPassword)
                    .code == 0);
        REQUIRE(run_hub_command(folder, "admin add-publisher --data " + data +
                                            " --name 省科协 --public-key publisher.pub")
                    .code == 0);
        REQUIRE(run_hub_command(folder, "admin add-reviewer --data " + data +
                                            " --name 王专家 --organization 省科学院 --field 物理 "
                                            "--public-key reviewer.pub")
                    .code == 0);
        hub = std::make_unique<HubProcess>(data);
        REQUIRE(post_sync(hub->port(), token,
                          sync::to_json(make_batch("0123456789abcdef0123456789abcdef", 0)))
                    .status == 200);
    }
    Browser signed_in(const std::string& user) const {
        Browser browser(hub->port());
        REQUIRE(sign_in(browser, user, kPassword)->status == 303);
        return browser;
    }
    std::string library_listing() {
        const CommandRun run = run_hub_command(folder, "content list --data " + data);
        REQUIRE(run.code == 0);
        return run.out;
    }
};

std::string page_csrf(Browser& browser) {
    auto page = browser.get("/dashboard/library");
    REQUIRE(page);
    REQUIRE(page->status == 200);
    return csrf_of(page->body);
}

// Uploads `path` and returns the page shown after the redirect.
std::string upload(Browser& browser, const std::string& path) {
    const std::string csrf = page_csrf(browser);
    auto answer = browser.post_multipart(
        "/dashboard/library/upload",
        {{"csrf", csrf, "", ""},
         {"package", file_bytes(path), std::filesystem::path(path).filename().string(),
          "application/octet-stream"}});
    REQUIRE(answer);
    INFO(answer->body);
    REQUIRE(answer->status == 303);
    CHECK(answer->get_header_value("Location") == "/dashboard/library?lang=zh");
    auto page = browser.get("/dashboard/library");
    REQUIRE(page);
    return page->body;
}

int post_status(Browser& browser, const std::string& path, const httplib::Params& fields) {
    auto answer = browser.post_form(path, fields);
    REQUIRE(answer);
    return answer->status;
}

} // namespace

TEST_CASE("library page: upload, publish, share and arrange kiosks in order",
          "[hub][library][dashboard]") {
    LibraryHub hub;
    Browser admin = hub.signed_in("admin");
    const std::string pendulum =
        hub.keys.make_package("pendulum-lab", "1.3.0", &hub.keys.publisher);
    hub.keys.review(pendulum, hub.keys.reviewer, "approved", day_from_now(5));
    std::string page = upload(admin, pendulum);
    CHECK(page.find("已加入内容库：pendulum-lab 1.3.0。") != std::string::npos);
    CHECK(page.find("pendulum-lab 展项") != std::string::npos);
    CHECK(page.find("王专家：通过，" + day_from_now(5) + " 到期") != std::string::npos);
    CHECK(page.find("审查将在 5 天后到期") != std::string::npos);
    CHECK(page.find("省科协") != std::string::npos);
    CHECK(page.find("<span class=\"sub id\">k1</span>") != std::string::npos); // k1 shows it

    Browser manager = hub.signed_in("manager-v1");
    const std::string own = hub.keys.make_package("county-own", "1.0.0", &hub.keys.publisher);
    hub.keys.review(own, hub.keys.reviewer, "approved", day_from_now(400));
    page = upload(manager, own);
    CHECK(page.find("已加入内容库：county-own 1.0.0。") != std::string::npos);
    CHECK(page.find("审查将在") == std::string::npos); // a year away: no alert
    CHECK(hub.library_listing().find("county-own  venue v1") != std::string::npos);

    // The manager may not show the province's item before it is published.
    std::string csrf = page_csrf(manager);
    CHECK(post_status(manager, "/dashboard/library/assign",
                      {{"csrf", csrf}, {"kiosk", "k1"}, {"order.pendulum-lab", "1"}}) == 403);
    CHECK(post_status(manager, "/dashboard/library/publish",
                      {{"csrf", csrf}, {"id", "pendulum-lab"}}) == 403);
    const std::string admin_csrf = page_csrf(admin);
    CHECK(post_status(admin, "/dashboard/library/publish",
                      {{"csrf", admin_csrf}, {"id", "pendulum-lab"}}) == 303);
    CHECK(post_status(manager, "/dashboard/library/assign",
                      {{"csrf", csrf},
                       {"kiosk", "k1"},
                       {"order.pendulum-lab", "2"},
                       {"order.county-own", "1"}}) == 303);
    CHECK(hub.library_listing().find("kiosk k1: county-own pendulum-lab") != std::string::npos);
    const std::string arranged = manager.get("/dashboard/library")->body;
    CHECK(arranged.find("已保存终端 k1 展示的内容。") != std::string::npos);
    // Each place names the item's id under its title: two items may share a title.
    CHECK(arranged.find("name=\"order.pendulum-lab\" value=\"2\"><span>") != std::string::npos);
    CHECK(arranged.find("<small>pendulum-lab</small></span></label>") != std::string::npos);

    // v2's manager: another venue's unshared item, then shared by the province.
    Browser other = hub.signed_in("manager-v2");
    const std::string other_csrf = page_csrf(other);
    CHECK(post_status(other, "/dashboard/library/assign",
                      {{"csrf", other_csrf}, {"kiosk", "k2"}, {"order.county-own", "1"}}) == 403);
    CHECK(post_status(other, "/dashboard/library/assign",
                      {{"csrf", other_csrf}, {"kiosk", "k1"}, {"order.pendulum-lab", "1"}}) ==
          403); // another venue's kiosk
    CHECK(post_status(admin, "/dashboard/library/share",
                      {{"csrf", admin_csrf}, {"id", "county-own"}}) == 303);
    CHECK(post_status(other, "/dashboard/library/assign",
                      {{"csrf", other_csrf}, {"kiosk", "k2"}, {"order.county-own", "1"}}) == 303);
    CHECK(hub.library_listing().find("kiosk k2: county-own") != std::string::npos);
}

TEST_CASE("library page refuses broken uploads, missing CSRF, wrong roles and unknown ids",
          "[hub][library][dashboard]") {
    LibraryHub hub;
    Browser admin = hub.signed_in("admin");
    const std::string text = hub.folder.write("notes.kpkg", "not a package\n");
    const std::string unsigned_package = hub.keys.make_package("quake-drill", "1.0.0", nullptr);
    const std::string stranger = hub.keys.make_package("quake-drill", "1.0.1", &hub.keys.stranger);
    const std::string tampered = hub.keys.make_package("quake-drill", "1.0.2", &hub.keys.publisher);
    tamper(tampered);
    struct Case {
        std::string path, reason;
    };
    for (const Case& bad :
         {Case{text, "这不是内容包"}, Case{unsigned_package, "没有本中心信任的发布者的有效签名"},
          Case{stranger, "没有本中心信任的发布者的有效签名"},
          Case{tampered, "没有本中心信任的发布者的有效签名"}}) {
        const std::string page = upload(admin, bad.path);
        INFO(bad.path);
        CHECK(page.find("notice error") != std::string::npos);
        CHECK(page.find("上传失败（" + std::filesystem::path(bad.path).filename().string() +
                        "）：" + bad.reason) != std::string::npos);
    }
    CHECK(hub.library_listing().empty());
    const std::string first =
        hub.keys.make_package("quake-drill", "1.0.0", &hub.keys.publisher, "first");
    const std::string again = hub.keys.make_package("quake-drill", "1.0.0", &hub.keys.publisher,
                                                    "again", "-- other bytes\n");
    CHECK(upload(admin, first).find("已加入内容库") != std::string::npos);
    CHECK(upload(admin, again).find("这个版本已用不同的文件上传过") != std::string::npos);
    CHECK(hub.library_listing().find(sha256_of(first)) != std::string::npos);

    // Missing or wrong CSRF tokens.
    auto no_csrf = admin.post_multipart(
        "/dashboard/library/upload",
        {{"package", file_bytes(first), "first.kpkg", "application/octet-stream"}});
    REQUIRE(no_csrf);
    CHECK(no_csrf->status == 403);
    CHECK(post_status(admin, "/dashboard/library/publish", {{"id", "quake-drill"}}) == 403);
    CHECK(post_status(admin, "/dashboard/library/share",
                      {{"csrf", "wrong"}, {"id", "quake-drill"}}) == 403);
    CHECK(post_status(admin, "/dashboard/library/assign",
                      {{"kiosk", "k1"}, {"order.quake-drill", "1"}}) == 403);
    CHECK(hub.library_listing().find("published") == std::string::npos);

    // Over the 4 MiB of the other routes but within the upload's own limit:
    // it reaches the package check (over 64 MiB is test_request_bodies.cpp's).
    const std::string big = hub.folder.write("big.kpkg", std::string(5 << 20, 'x'));
    const std::string big_page = upload(admin, big);
    CHECK(big_page.find("上传失败（big.kpkg）：这不是内容包") != std::string::npos);
    const std::string csrf = page_csrf(admin);

    // Unknown ids, bad orders, and sharing the province's own item.
    CHECK(post_status(admin, "/dashboard/library/publish", {{"csrf", csrf}, {"id", "nothing"}}) ==
          404);
    CHECK(post_status(admin, "/dashboard/library/share", {{"csrf", csrf}, {"id", "quake-drill"}}) ==
          400);
    CHECK(post_status(admin, "/dashboard/library/assign",
                      {{"csrf", csrf}, {"kiosk", "nobody"}, {"order.quake-drill", "1"}}) == 404);
    CHECK(post_status(admin, "/dashboard/library/assign",
                      {{"csrf", csrf}, {"kiosk", "k1"}, {"order.nothing", "1"}}) == 404);
    CHECK(post_status(admin, "/dashboard/library/publish",
                      {{"csrf", csrf}, {"id", "quake-drill"}}) == 303);
    for (const char* order : {"0", "201", "x", "-1"})
        CHECK(post_status(admin, "/dashboard/library/assign",
                          {{"csrf", csrf}, {"kiosk", "k1"}, {"order.quake-drill", order}}) == 400);
    CHECK(hub.library_listing().find("kiosk k1") == std::string::npos);
    // Signed out: the page and the forms answer 303 to /login.
    Browser stranger_browser(hub.hub->port());
    auto signed_out = stranger_browser.get("/dashboard/library");
    REQUIRE(signed_out);
    CHECK(signed_out->status == 303);
}

} // namespace kiosk::test
