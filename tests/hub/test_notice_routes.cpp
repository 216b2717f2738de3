// The notices on a real kiosk-hub serve process (issue 18): GET
// /api/v1/notices with the kiosk token (refused without one; the kiosk's
// venue's feed only, signed by the notice key; 304 on the ETag; nothing
// expired; a Cancel in place of what it cancelled), the sync answer's
// notices_version, heartbeat receipts stored and shown on the 应急通知 page,
// and that page's rules: a venue manager posts, updates and cancels for their
// own venue only (forged form posts refused 403, nothing stored), every post
// needs the CSRF token, Exercise marked 演练.
#include "browser_test_support.h"
#include "notice_test_support.h"

#include "core/civil_time.h"
#include "core/manager_text.h"
#include "hub/hub_signing_key.h"

using namespace kiosk;
using kiosk::test::Browser;
using kiosk::test::CommandRun;
using kiosk::test::require_ok;
using kiosk::test::run_hub_command;

namespace {

constexpr const char* kPassword = "correct horse battery";
constexpr const char* kEpoch = "0123456789abcdef0123456789abcdef";

struct NoticeServer {
    kiosk::test::TempFolder folder;
    std::string data = folder.file("d");
    std::string k1, k2, k3;
    std::unique_ptr<kiosk::test::HubProcess> hub;

    NoticeServer() {
        k1 = kiosk::test::add_kiosk(folder, data, "v1", "k1");
        k2 = kiosk::test::add_kiosk(folder, data, "v2", "k2");
        k3 = kiosk::test::add_kiosk(folder, data, "v2", "k3");
        for (const char* venue : {"v1", "v2"})
            require_ok(run_hub_command(folder,
                                       "admin add-user --data d --name manager-" +
                                           std::string(venue) + " --role venue_manager --venue " +
                                           venue,
                                       kPassword));
        require_ok(run_hub_command(folder,
                                   "admin add-user --data d --name admin --role "
                                   "province_admin",
                                   kPassword));
        require_ok(run_hub_command(folder, "admin notice-key --data d"));
        hub = std::make_unique<kiosk::test::HubProcess>(data);
    }
    // `notice add` for `venue` ("" = all); the identifier.
    std::string add(const std::string& venue, const std::string& extra = "") {
        const CommandRun run = run_hub_command(
            folder, "notice add --data d --severity Severe --event-zh 地震 --headline-zh 地震预警 "
                    "--expires 6h" +
                        (venue.empty() ? "" : " --venue " + venue) + " " + extra);
        require_ok(run);
        const size_t at = run.out.find("KH-");
        REQUIRE(at != std::string::npos);
        return run.out.substr(at, run.out.find_first_of("（ (", at) - at);
    }
    httplib::Result poll(const std::string& token, const std::string& etag = "") {
        httplib::Client client("127.0.0.1", hub->port());
        client.set_read_timeout(30, 0);
        httplib::Headers headers;
        if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
        if (!etag.empty()) headers.emplace("If-None-Match", etag);
        return client.Get(sync::kNoticesPath, headers);
    }
    // The identifiers of a 200 feed answer, each verified against notice.pub.
    std::vector<std::string> feed_ids(const httplib::Result& answer) {
        REQUIRE(answer);
        INFO(answer->body);
        REQUIRE(answer->status == 200);
        std::string error;
        const std::optional<sync::NoticeFeed> feed = sync::parse_notice_feed(answer->body, error);
        INFO(error);
        REQUIRE(feed);
        CHECK(answer->get_header_value("ETag") == "\"" + std::to_string(feed->version) + "\"");
        const std::optional<PublicKey> key = read_public_key(data + "/notice.pub", error);
        REQUIRE(key);
        std::vector<std::string> ids;
        for (const sync::SignedDocument& signed_notice : feed->notices) {
            const std::optional<sync::Notice> notice =
                sync::verify_and_parse_notice(signed_notice, {*key}, error);
            INFO(error);
            REQUIRE(notice);
            ids.push_back(notice->identifier);
        }
        return ids;
    }
    Browser signed_in(const std::string& user) {
        Browser browser(hub->port());
        REQUIRE(kiosk::test::sign_in(browser, user, kPassword)->status == 303);
        return browser;
    }
    size_t stored() { return kiosk::test::open_notices(data)->history("", 1000).size(); }
};

std::string page_of(Browser& browser, const std::string& lang = "zh") {
    auto page = browser.get("/dashboard/notices?lang=" + lang);
    REQUIRE(page);
    REQUIRE(page->status == 200);
    return page->body;
}

int post(Browser& browser, const std::string& path, httplib::Params fields, bool with_csrf = true) {
    if (with_csrf) fields.emplace("csrf", kiosk::test::csrf_of(page_of(browser)));
    auto answer = browser.post_form(path, fields);
    REQUIRE(answer);
    return answer->status;
}

httplib::Params alert_form(std::initializer_list<const char*> venues) {
    httplib::Params fields{{"severity", "Severe"},      {"status", "Actual"},
                           {"urgency", "Immediate"},    {"certainty", "Observed"},
                           {"category", "Geo"},         {"event_zh", "地震"},
                           {"headline_zh", "地震预警"}, {"expires", "6h"}};
    for (const char* venue : venues)
        fields.emplace("venue", venue);
    return fields;
}

} // namespace

TEST_CASE("GET /api/v1/notices: the kiosk's venue's signed feed, 304 on its ETag",
          "[hub][notices]") {
    NoticeServer server;
    auto refused = server.poll("");
    REQUIRE(refused);
    CHECK(refused->status == 401);
    CHECK(server.poll("k1.wrongwrongwrong")->status == 401);
    CHECK(server.poll(server.k1.substr(0, server.k1.size() - 1) + "x")->status == 401);

    const std::string own = server.add("v1");
    const std::string other = server.add("v2");
    const std::string everyone = server.add("", "--status Exercise");
    auto first = server.poll(server.k1);
    CHECK(server.feed_ids(first) == std::vector<std::string>{own, everyone});
    CHECK(first->get_header_value("ETag") == "\"3\"");
    CHECK(server.feed_ids(server.poll(server.k2)) == std::vector<std::string>{other, everyone});

    auto unchanged = server.poll(server.k1, "\"3\"");
    REQUIRE(unchanged);
    CHECK(unchanged->status == 304);
    CHECK(unchanged->body.empty());
    CHECK(unchanged->get_header_value("ETag") == "\"3\"");
    CHECK(server.poll(server.k1, "\"2\"")->status == 200);
    CHECK(server.poll("", "\"3\"")->status == 401); // the ETag is no credential

    // A notice stored already expired (an hour ago) is never sent.
    {
        std::string error;
        const std::optional<SecretKey> key = hub::load_hub_key(hub::kNoticeKey, server.data, error);
        REQUIRE(key);
        auto store = kiosk::test::open_notices(server.data);
        const int64_t now = now_utc_ms();
        REQUIRE(
            kiosk::test::store_notice(*store,
                                      kiosk::test::make_notice("old-one", {"v1"},
                                                               now - 3 * kiosk::test::kNoticeHourMs,
                                                               now - kiosk::test::kNoticeHourMs),
                                      *key, now) == hub::AddNoticeOutcome::Added);
    }
    CHECK(server.poll(server.k1, "\"3\"")->status == 200);
    CHECK(server.feed_ids(server.poll(server.k1)) == std::vector<std::string>{own, everyone});

    // A Cancel takes the place of what it cancelled.
    const CommandRun cancelled = run_hub_command(server.folder, "notice cancel --data d " + own);
    require_ok(cancelled);
    const size_t at = cancelled.out.find("KH-");
    const std::string cancel =
        cancelled.out.substr(at, cancelled.out.find_first_of("（ (", at) - at);
    CHECK(server.feed_ids(server.poll(server.k1)) == std::vector<std::string>{everyone, cancel});
    CHECK(server.feed_ids(server.poll(server.k2)) == std::vector<std::string>{other, everyone});

    // The sync answer names the notice version.
    const kiosk::test::PostResult synced = kiosk::test::post_sync(
        server.hub->port(), server.k1, sync::to_json(kiosk::test::make_batch(kEpoch, 0)));
    INFO(synced.body);
    REQUIRE(synced.status == 200);
    CHECK(synced.body.find("\"notices_version\":5") != std::string::npos);
}

// A store that cannot be read answers 503 with Retry-After: a kiosk never
// gets an empty feed it would take for "no notices", and its sync is still
// stored (the answer then leaves the notice version out).
TEST_CASE("GET /api/v1/notices: a notice store that cannot be read is 503, never an empty feed",
          "[hub][notices]") {
    NoticeServer server;
    const std::string own = server.add("v1");
    CHECK(server.feed_ids(server.poll(server.k1)) == std::vector<std::string>{own});
    kiosk::test::exec_hub_sql(server.data, "ALTER TABLE notices RENAME TO notices_gone");
    auto broken = server.poll(server.k1);
    REQUIRE(broken);
    INFO(broken->body);
    CHECK(broken->status == 503);
    CHECK(broken->get_header_value("Retry-After") != "");
    CHECK(broken->get_header_value("ETag") == "");
    CHECK(broken->body.find("could not read its notices") != std::string::npos);

    const kiosk::test::PostResult synced = kiosk::test::post_sync(
        server.hub->port(), server.k1, sync::to_json(kiosk::test::make_batch(kEpoch, 0)));
    INFO(synced.body);
    CHECK(synced.status == 200);
    CHECK(synced.body.find("notices_version") == std::string::npos);

    // The page of notices: the hub's 503, not a page that lists none.
    Browser admin = server.signed_in("admin");
    auto page = admin.get("/dashboard/notices");
    REQUIRE(page);
    CHECK(page->status == 503);
    CHECK(page->body.find("cannot read its store") != std::string::npos);

    // The command line: exit 1 with the reason, not an empty list.
    const CommandRun listed = run_hub_command(server.folder, "notice list --data d");
    CHECK(listed.code == 1);
    CHECK(listed.out.find("KH-") == std::string::npos);
    CHECK(listed.err.find("the hub's store cannot be read") != std::string::npos);
}

TEST_CASE("heartbeat receipts are stored and the page shows shown on N of M kiosks",
          "[hub][notices]") {
    NoticeServer server;
    const std::string everyone = server.add("", "--status Exercise");
    sync::SyncBatch batch = kiosk::test::make_batch(kEpoch, 0);
    const int64_t shown_at = now_utc_ms() / 1000 * 1000;
    batch.heartbeat.notice_receipts = std::vector<sync::NoticeReceipt>{
        {everyone, shown_at, true, 12, 5}, {"forged-id", shown_at, true, 99, 99}};
    const kiosk::test::PostResult synced =
        kiosk::test::post_sync(server.hub->port(), server.k2, sync::to_json(batch));
    INFO(synced.body);
    REQUIRE(synced.status == 200);
    // k1 holds it but has not shown it yet.
    batch.heartbeat.notice_receipts = std::vector<sync::NoticeReceipt>{{everyone, 0, false, 0, 0}};
    REQUIRE(kiosk::test::post_sync(server.hub->port(), server.k1, sync::to_json(batch)).status ==
            200);

    const auto receipts = kiosk::test::open_notices(server.data)->receipts_for(everyone);
    REQUIRE(receipts.size() == 2);
    CHECK(receipts[1].kiosk == "k2");
    CHECK(receipts[1].venue == "v2");
    CHECK(receipts[1].receipt.first_shown_utc_ms == shown_at);
    CHECK(receipts[1].receipt.viewers == 12);
    CHECK(kiosk::test::open_notices(server.data)->receipts_for("forged-id").empty());

    Browser admin = server.signed_in("admin");
    const std::string en = page_of(admin, "en");
    CHECK(en.find("shown on 1 of 3 kiosks") != std::string::npos);
    CHECK(en.find("12 visitor sessions saw it, 5 opened what to do") != std::string::npos);
    CHECK(en.find(">k1</span>") != std::string::npos); // not reached
    CHECK(en.find(">k3</span>") != std::string::npos);
    CHECK(en.find(">k2</span>") == std::string::npos); // reached
    CHECK(en.find("last seen ") != std::string::npos); // k1 synced
    CHECK(en.find("never seen") != std::string::npos); // k3 never did
    const std::string zh = page_of(admin);
    CHECK(zh.find(manager_text("notices_shown_on", Language::Zh, {{"n", 1}, {"m", 3}})) !=
          std::string::npos);
    CHECK(zh.find("badge drill\">演练") != std::string::npos);
    CHECK(zh.find("北京时间") != std::string::npos);

    // A venue manager sees their venue's kiosks only.
    Browser manager = server.signed_in("manager-v1");
    const std::string own = page_of(manager, "en");
    CHECK(own.find("shown on 0 of 1 kiosks") != std::string::npos);
    CHECK(own.find(">k3</span>") == std::string::npos);
}

TEST_CASE("notices page: a venue manager posts for their own venue only; CSRF required",
          "[hub][notices]") {
    NoticeServer server;
    const std::string all_venues = server.add("");
    const std::string for_v2 = server.add("v2");
    Browser manager = server.signed_in("manager-v1");
    const std::string page = page_of(manager);
    CHECK(page.find("name=\"venue\" value=\"v1\"") != std::string::npos);
    CHECK(page.find("name=\"venue\" value=\"v2\"") == std::string::npos);

    // Forged posts: another venue, every venue, two venues, another's notice.
    CHECK(post(manager, "/dashboard/notices/add", alert_form({"v2"})) == 403);
    CHECK(post(manager, "/dashboard/notices/add", alert_form({})) == 403);
    CHECK(post(manager, "/dashboard/notices/add", alert_form({"v1", "v2"})) == 403);
    CHECK(post(manager, "/dashboard/notices/cancel", {{"id", all_venues}}) == 403);
    CHECK(post(manager, "/dashboard/notices/cancel", {{"id", for_v2}}) == 403);
    CHECK(post(manager, "/dashboard/notices/update", {{"id", for_v2}, {"headline_zh", "改"}}) ==
          403);
    // No CSRF token, or a wrong one.
    CHECK(post(manager, "/dashboard/notices/add", alert_form({"v1"}), false) == 403);
    httplib::Params wrong = alert_form({"v1"});
    wrong.emplace("csrf", "not-the-token");
    CHECK(post(manager, "/dashboard/notices/add", wrong, false) == 403);
    CHECK(server.stored() == 2);
    // Not signed in: to the sign-in page.
    Browser stranger(server.hub->port());
    CHECK(post(stranger, "/dashboard/notices/add", alert_form({"v1"}), false) == 303);
    CHECK(server.stored() == 2);

    // Their own venue: issued, then updated and cancelled.
    CHECK(post(manager, "/dashboard/notices/add", alert_form({"v1"})) == 303);
    REQUIRE(server.stored() == 3);
    const auto mine = kiosk::test::open_notices(server.data)->history("", 1).front();
    CHECK(mine.notice.venues == std::vector<std::string>{"v1"});
    CHECK(mine.author == "manager-v1");
    CHECK(page_of(manager).find(
              manager_text("notices_issued", Language::Zh, {{"id", mine.notice.identifier}})) !=
          std::string::npos); // the message, shown once on the page the post leads to
    CHECK(post(manager, "/dashboard/notices/update",
               {{"id", mine.notice.identifier}, {"headline_zh", "地震预警（更新）"}}) == 303);
    const auto updated = kiosk::test::open_notices(server.data)->history("", 1).front();
    CHECK(updated.notice.msg_type == sync::NoticeMsgType::Update);
    CHECK(updated.notice.headline.zh == "地震预警（更新）");
    // Another venue's manager cannot cancel it.
    Browser other = server.signed_in("manager-v2");
    CHECK(post(other, "/dashboard/notices/cancel", {{"id", updated.notice.identifier}}) == 403);
    CHECK(post(manager, "/dashboard/notices/cancel", {{"id", updated.notice.identifier}}) == 303);
    CHECK(server.stored() == 5);

    // A bad field: refused on the page, nothing stored.
    httplib::Params bad = alert_form({"v1"});
    bad.erase("expires");
    bad.emplace("expires", "whenever");
    CHECK(post(manager, "/dashboard/notices/add", bad) == 303);
    CHECK(page_of(manager).find("notice error") != std::string::npos);
    CHECK(server.stored() == 5);

    // A province administrator: any venue, or all.
    Browser admin = server.signed_in("admin");
    CHECK(post(admin, "/dashboard/notices/add", alert_form({"v2"})) == 303);
    CHECK(post(admin, "/dashboard/notices/add", alert_form({})) == 303);
    CHECK(post(admin, "/dashboard/notices/cancel", {{"id", for_v2}}) == 303);
    CHECK(server.stored() == 8);
}
