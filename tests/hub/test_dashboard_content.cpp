// The dashboard's content column on a real kiosk-hub serve process (issue 17,
// part 6): what a kiosk's heartbeat says about its content, judged against the
// hub's own last snapshot for it (待更新 until the kiosk shows the hub's newest),
// a hostile failure reason escaped, and a stored state that does not parse
// shown as unreadable. judge_content_state is also checked directly.
#include "browser_test_support.h"
#include "hub_test_support.h"
#include "library_test_support.h"

#include "hub/dashboard_data.h"
#include "sync/content_snapshot.h"

using namespace kiosk;
using kiosk::test::require_ok;
using kiosk::test::run_hub_command;

namespace {

constexpr const char* kEpoch = "fedcba9876543210fedcba9876543210";
constexpr const char* kPassword = "correct horse battery";

// The kiosk's heartbeat with `state` as its content_state; `seq` rises per sync.
std::string batch_with(const sync::ContentState& state, int64_t seq) {
    sync::SyncBatch batch = kiosk::test::make_batch(kEpoch, seq);
    batch.heartbeat.content_state = state;
    return sync::to_json(batch);
}

} // namespace

TEST_CASE("the dashboard shows each kiosk's content state from its heartbeat",
          "[hub][dashboard][content]") {
    kiosk::test::TempFolder folder;
    kiosk::test::LibraryKeys keys{folder};
    const std::string data = folder.file("d");
    const std::string lobby = kiosk::test::add_kiosk(folder, data, "county-1", "lobby-1");
    const std::string hall = kiosk::test::add_kiosk(folder, data, "county-1", "hall-2");
    kiosk::test::add_kiosk(folder, data, "county-1", "quiet-3");
    require_ok(run_hub_command(folder, "admin add-publisher --data d --name 省科协 "
                                       "--public-key publisher.pub"));
    require_ok(run_hub_command(folder, "admin add-reviewer --data d --name 王专家 "
                                       "--organization 省科学院 --field 物理 "
                                       "--public-key reviewer.pub"));
    const std::string package = keys.make_package("pendulum-lab", "1.0.0", &keys.publisher);
    keys.review(package, keys.reviewer, "approved", "2099-12-31");
    require_ok(run_hub_command(folder, "content add --data d '" + package + "'"));
    require_ok(run_hub_command(folder, "content publish --data d pendulum-lab"));
    require_ok(run_hub_command(folder, "content assign --data d --kiosk lobby-1 pendulum-lab"));
    require_ok(run_hub_command(folder, "admin content-key --data d"));
    require_ok(run_hub_command(folder, "admin add-user --data d --name admin --role province_admin",
                               kPassword));
    kiosk::test::HubProcess hub(data);

    // lobby-1 has not got the hub's first snapshot yet; its sync makes the hub sign it.
    sync::ContentState nothing_yet;
    nothing_yet.state = "none";
    const kiosk::test::PostResult first =
        kiosk::test::post_sync(hub.port(), lobby, batch_with(nothing_yet, 1));
    INFO(first.body);
    REQUIRE(first.status == 200);
    REQUIRE(first.body.find("\"content_snapshot_version\":1") != std::string::npos);

    // hall-2: a package failed, with a hostile reason.
    sync::ContentState failed;
    failed.state = "failed";
    failed.need = 2;
    failed.have = 1;
    failed.failures = {{"pendulum-lab", "1.0.0", "<script>alert(1)</script>"},
                       {"quake-quiz", "2.0.0", "signature"}};
    REQUIRE(kiosk::test::post_sync(hub.port(), hall, batch_with(failed, 1)).status == 200);

    kiosk::test::Browser browser(hub.port());
    REQUIRE(kiosk::test::sign_in(browser, "admin", kPassword)->status == 303);
    auto page = browser.get("/dashboard");
    REQUIRE(page);
    REQUIRE(page->status == 200);
    CHECK(kiosk::test::dashboard_content_cell(page->body, "lobby-1")
              .find("待更新</span><span class=\"sub\">等待快照版本 1") != std::string::npos);
    const std::string hall_cell = kiosk::test::dashboard_content_cell(page->body, "hall-2");
    CHECK(hall_cell.find("失败：&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(hall_cell.find("共 2 个内容包失败 · pendulum-lab 1.0.0") != std::string::npos);
    CHECK(page->body.find("<script>alert(1)") == std::string::npos);
    CHECK(kiosk::test::dashboard_content_cell(page->body, "quiet-3").find("未报告内容状态") !=
          std::string::npos);

    // lobby-1 now shows snapshot 1: up to date.
    sync::ContentState live;
    live.state = "up_to_date";
    live.snapshot_version = 1;
    live.have = live.need = 1;
    REQUIRE(kiosk::test::post_sync(hub.port(), lobby, batch_with(live, 2)).status == 200);
    page = browser.get("/dashboard?lang=en");
    REQUIRE(page);
    CHECK(kiosk::test::dashboard_content_cell(page->body, "lobby-1")
              .find("Up to date</span><span class=\"sub\">snapshot version 1<") !=
          std::string::npos);

    // A stored value that does not parse (an older hub, a hand edit): said so, page still 200.
    kiosk::test::exec_hub_sql(
        data, "UPDATE kiosks SET content_state_json = '{\"state\":' WHERE id = 'hall-2'");
    page = browser.get("/dashboard?lang=en");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(kiosk::test::dashboard_content_cell(page->body, "hall-2")
              .find("Content state unreadable") != std::string::npos);
}

TEST_CASE("judge_content_state: the kiosk's state against the hub's snapshot",
          "[hub][dashboard][content]") {
    using dashboard::ContentStatus;
    const auto judge = [](const std::string& state, int64_t live, int64_t hub) {
        sync::ContentState content;
        content.state = state;
        content.snapshot_version = live;
        return hub::judge_content_state("k", sync::to_json(content), hub);
    };
    CHECK(judge("up_to_date", 3, 3).status == ContentStatus::UpToDate);
    CHECK(judge("up_to_date", 3, 0).status == ContentStatus::UpToDate);
    CHECK(judge("up_to_date", 3, 4).status == ContentStatus::Waiting);
    CHECK(judge("none", 0, 0).status == ContentStatus::None);
    CHECK(judge("none", 0, 1).status == ContentStatus::Waiting);
    CHECK(judge("downloading", 3, 4).status == ContentStatus::Downloading);
    CHECK(judge("expired", 3, 4).status == ContentStatus::Expired);
    CHECK(judge("failed", 3, 4).status == ContentStatus::Failed);
    CHECK(hub::judge_content_state("k", "", 2).status == ContentStatus::NotReported);
    CHECK(hub::judge_content_state("k", "", 2).hub_version == 2);
    for (const char* broken : {"{", "[]", "{\"state\":\"up_to_date\"}", "null"})
        CHECK(hub::judge_content_state("k", broken, 2).status == ContentStatus::Unreadable);
}
