// Emergency notices on a headless kiosk (issue 18, parts 3 and 4): a Severe
// notice takes the screen over even during a visit (the exhibit left through
// its leave hook, the session ended as interrupted), with "learn what to do"
// buttons for the linked content the catalog has; a Moderate one is a banner
// on home and attract and a strip on exhibits; drills are labelled; Cancel
// and expiry remove; a reboot during an alert shows it again; a forged notice
// in the USB folder never shows. Screens are checked by their pixels.
#include "notice_test_support.h"

#include "render/theme.h"
#include "telemetry/telemetry_test_support.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace kiosk;
using namespace kiosk::test;

namespace {

AppOptions notice_options() {
    AppOptions options;
    options.width = 1280;
    options.height = 720;
    options.clock_start_utc_ms = kNoticeNow;
    options.clock_utc_offset_min = 480;
    return options;
}

// Logical 1920x1080 to the 1280x720 screenshot.
int px(float logical) {
    return int(logical * 2 / 3);
}

std::string screenshot(KioskApp& app, const std::string& name) {
    static const std::string folder = temp_dir("notice-shots"); // one per run: all kept to look at
    const std::string path = folder + "/" + name + ".png";
    std::string error;
    INFO(error);
    REQUIRE(app.screenshot(path, error));
    return path;
}

const sync::NoticeReceipt* receipt_of(const std::vector<sync::NoticeReceipt>& receipts,
                                      const std::string& identifier) {
    for (const sync::NoticeReceipt& receipt : receipts)
        if (receipt.identifier == identifier) return &receipt;
    return nullptr;
}

} // namespace

TEST_CASE("a Severe notice takes the screen over during a visit: the exhibit leaves through its "
          "leave hook, the session ends interrupted, linked content opens from it",
          "[notices]") {
    NoticeKit kit;
    const KioskConfig config = kit.config("notice-takeover");
    auto app = make_app_from(config, notice_options());
    REQUIRE(app->notices() != nullptr);
    play(*app, "tap 357 560\nwait 1.5\n"); // a visitor in the earthquake drill
    REQUIRE(app->screen() == ScreenId::Exhibit);
    REQUIRE(app->session_id() != "");

    const sync::Notice severe = kit.alert("quake-1", sync::NoticeSeverity::Severe);
    kit.publish({kit.sign(severe)});
    app->notices()->poller()->request_poll();
    REQUIRE(step_until(*app, [&] { return app->takeover() == "quake-1"; }));
    CHECK(app->screen() == ScreenId::Notice);
    CHECK(app->session_id() == ""); // the visit was interrupted
    run_frames(*app, 2);

    REQUIRE(app->event_store()->flush());
    {
        Db db(config.data_dir + "/kiosk.db");
        const std::vector<std::string> events =
            db.column("SELECT kind || ':' || subject || ':' || coalesce(json_extract(fields, "
                      "'$.reason'), '') "
                      "FROM events "
                      "WHERE kind IN ('exhibit_leave', 'session_end', 'notice_takeover') OR "
                      "(kind = 'exhibit_event' AND json_extract(fields, '$.event') = 'drill_left') "
                      "ORDER BY seq");
        CHECK(events == std::vector<std::string>{
                            "exhibit_event:earthquake-drill:", "exhibit_leave:earthquake-drill:",
                            "notice_takeover:quake-1:", "session_end::interrupted"});
    }

    // The takeover: the alert colour fills the screen; two "learn what to do"
    // buttons (the third id is not in the catalog), no close button yet.
    {
        Png shot(screenshot(*app, "takeover-severe"));
        REQUIRE(shot.pixels);
        CHECK(colour_fraction(shot, theme::kAlert) > 0.5);
        const int buttons_bottom = px(1080 - 40 - 8);
        CHECK(pixel_is(shot, px(80 + 235), buttons_bottom, theme::kCard));
        CHECK(pixel_is(shot, px(80 + 500 + 235), buttons_bottom, theme::kCard));
        CHECK(pixel_is(shot, px(80 + 1000 + 235), buttons_bottom, theme::kAlert));
        CHECK(pixel_is(shot, px(1920 - 80 - 150), buttons_bottom, theme::kAlert));
        // White text in the headline's place.
        int white = 0;
        for (int x = px(80); x < px(1840); ++x)
            for (int y = px(180); y < px(420); ++y)
                white += pixel_is(shot, x, y, theme::kOnDark);
        CHECK(white > 500);
    }
    play(*app, "wait 10\n");
    {
        Png shot(screenshot(*app, "takeover-severe-closable"));
        CHECK(pixel_is(shot, px(1920 - 80 - 150), px(1080 - 40 - 8), theme::kKey));
    }

    // "Learn what to do": the earthquake drill opens, in a new session; the
    // notice stays as a strip above it.
    play(*app, "tap 315 980\nwait 1\n");
    CHECK(app->takeover() == "");
    CHECK(app->screen() == ScreenId::Exhibit);
    CHECK(app->exhibit_screen().is_open());
    CHECK(app->notice_banner() == "quake-1");
    {
        Png shot(screenshot(*app, "exhibit-strip"));
        CHECK(pixel_is(shot, px(1900), px(50), theme::kNoticeBanner));
    }
    const std::vector<sync::NoticeReceipt> receipts = app->notices()->receipts();
    const sync::NoticeReceipt* receipt = receipt_of(receipts, "quake-1");
    REQUIRE(receipt);
    CHECK(receipt->showing);
    CHECK(receipt->first_shown_utc_ms >= kNoticeNow);
    CHECK(receipt->viewers == 2); // the interrupted visitor, then the one who tapped
    CHECK(receipt->opened == 1);
    REQUIRE(app->event_store()->flush());
    Db db(config.data_dir + "/kiosk.db");
    CHECK(db.text("SELECT subject || ':' || json_extract(fields, '$.content') FROM events WHERE "
                  "kind = 'notice_opened'") == "quake-1:earthquake-drill");

    // Walking away: attract, and the takeover is back for the next visitor.
    play(*app, "wait 12\n");
    CHECK(app->screen() == ScreenId::Notice);
    CHECK(app->takeover() == "quake-1");
}

TEST_CASE("a Moderate exercise is a labelled banner on home and attract and a strip on exhibits",
          "[notices]") {
    NoticeKit kit;
    auto app = make_app_from(kit.config("notice-banner"), notice_options());
    const sync::Notice drill =
        kit.alert("drill-1", sync::NoticeSeverity::Moderate, sync::NoticeStatus::Exercise);
    kit.publish({kit.sign(drill)});
    app->notices()->poller()->request_poll();
    REQUIRE(step_until(*app, [&] { return app->notice_banner() == "drill-1"; }));
    CHECK(app->screen() == ScreenId::Home); // no takeover for a Moderate notice
    CHECK(app->takeover() == "");
    {
        Png shot(screenshot(*app, "home-banner-exercise"));
        CHECK(pixel_is(shot, px(1900), px(1060), theme::kNoticeBanner));
        CHECK(pixel_is(shot, px(50), px(1000), theme::kInk)); // the 演练 label's plate
        int label = 0;                                        // its yellow letters
        for (int x = px(40); x < px(400); ++x)
            for (int y = px(900); y < px(1060); ++y)
                label += pixel_is(shot, x, y, theme::kDrill);
        CHECK(label > 200);
    }
    play(*app, "tap 357 560\nwait 1\n");
    REQUIRE(app->screen() == ScreenId::Exhibit);
    CHECK(app->notice_banner() == "drill-1");
    {
        Png shot(screenshot(*app, "exhibit-strip-exercise"));
        CHECK(pixel_is(shot, px(1900), px(50), theme::kNoticeBanner));
        CHECK(pixel_is(shot, px(360), px(50), theme::kInk)); // the label's plate
    }
    play(*app, "wait 12\n");
    REQUIRE(app->screen() == ScreenId::Attract);
    CHECK(app->notice_banner() == "drill-1");
    Png shot(screenshot(*app, "attract-banner-exercise"));
    CHECK(pixel_is(shot, px(1900), px(1060), theme::kNoticeBanner));
}

TEST_CASE("an Extreme test notice is a labelled takeover; a Cancel removes it, expiry removes",
          "[notices]") {
    NoticeKit kit;
    auto app = make_app_from(kit.config("notice-cancel"), notice_options());
    const sync::Notice test_alert =
        kit.alert("test-1", sync::NoticeSeverity::Extreme, sync::NoticeStatus::Test);
    sync::Notice short_lived = kit.alert("flood-1", sync::NoticeSeverity::Minor);
    short_lived.expires_utc_ms = kNoticeNow + 40000;
    kit.publish({kit.sign(test_alert), kit.sign(short_lived)});
    app->notices()->poller()->request_poll();
    REQUIRE(step_until(*app, [&] { return app->takeover() == "test-1"; }));
    run_frames(*app, 2);
    {
        Png shot(screenshot(*app, "takeover-test"));
        CHECK(pixel_is(shot, px(10), px(10), theme::kDrill)); // the 测试 TEST band
        CHECK(pixel_is(shot, px(10), px(300), theme::kAlert));
    }
    kit.publish(
        {kit.sign(test_alert),
         kit.sign(follow_up(test_alert, sync::NoticeMsgType::Cancel, "test-1-cancel", 60000)),
         kit.sign(short_lived)});
    app->notices()->poller()->request_poll();
    REQUIRE(step_until(*app, [&] { return app->takeover() == ""; }));
    CHECK(app->screen() != ScreenId::Notice);
    play(*app, "tap 960 540\nwait 1\n"); // a visitor: home, with the Minor notice's banner
    REQUIRE(app->screen() == ScreenId::Home);
    CHECK(app->notice_banner() == "flood-1");
    // The headless clock passes the Minor notice's expiry.
    for (int i = 0; i < 6; ++i)
        play(*app, "wait 8\ntap 1800 60\n");
    CHECK(app->notice_banner() == "");
    const std::vector<sync::BoardNotice> held = app->notices()->poller()->showing();
    CHECK(held.empty());
}

TEST_CASE("a reboot during an alert shows it again from kiosk.db", "[notices]") {
    NoticeKit kit;
    const KioskConfig config = kit.config("notice-reboot");
    {
        auto app = make_app_from(config, notice_options());
        kit.publish({kit.sign(kit.alert("quake-2", sync::NoticeSeverity::Extreme))});
        app->notices()->poller()->request_poll();
        REQUIRE(step_until(*app, [&] { return app->takeover() == "quake-2"; }));
    }
    std::filesystem::remove(kit.usb + "/notices.json"); // nothing to import any more
    {
        Db db(config.data_dir + "/kiosk.db");
        CHECK(db.text("SELECT identifier FROM notices") == "quake-2");
    }
    auto app = make_app_from(config, notice_options());
    CHECK(app->takeover() == "quake-2"); // at the first frame, from kiosk.db
    CHECK(app->screen() == ScreenId::Notice);
}

TEST_CASE("a forged notice in the USB folder is never shown; the refusal is logged and listed",
          "[notices]") {
    NoticeKit kit;
    const KioskConfig config = kit.config("notice-forged");
    auto app = make_app_from(config, notice_options());
    const SecretKey forger = generate_key();
    std::string error;
    std::optional<sync::SignedDocument> forged =
        sync::sign_notice(kit.alert("fake-1", sync::NoticeSeverity::Extreme), forger, error);
    REQUIRE(forged);
    kit.publish({*forged});
    app->notices()->poller()->request_poll();
    REQUIRE(step_until(*app, [&] { return !app->admin_info().notices.refused.empty(); }));
    run_frames(*app, 40);
    CHECK(app->takeover() == "");
    CHECK(app->notice_banner() == "");
    CHECK(app->screen() == ScreenId::Home);
    const AdminNoticeInfo info = app->admin_info().notices;
    CHECK(info.held.empty());
    REQUIRE(info.refused.size() == 1);
    CHECK(info.refused[0].find(" forged ") != std::string::npos);
    CHECK(read_text(config.data_dir + "/kiosk.log").find("emergency notice refused (forged)") !=
          std::string::npos);
}

TEST_CASE("the longest notice stays inside its boxes, at 1280x720 and on a portrait screen",
          "[notices]") {
    NoticeKit kit;
    sync::Notice longest = kit.alert("long-1", sync::NoticeSeverity::Extreme);
    const auto repeat = [](const std::string& piece, size_t max_bytes) {
        std::string text;
        while (text.size() + piece.size() <= max_bytes)
            text += piece;
        return text;
    };
    longest.headline = {repeat("强降雨", sync::kMaxNoticeHeadlineBytes),
                        repeat("Heavy rain ", sync::kMaxNoticeHeadlineBytes)};
    longest.instruction = {repeat("请远离河道和低洼地带，", sync::kMaxNoticeInstructionBytes),
                           repeat("Keep away from rivers. ", sync::kMaxNoticeInstructionBytes)};
    kit.publish({kit.sign(longest)});
    auto app = make_app_from(kit.config("notice-long"), notice_options());
    REQUIRE(step_until(*app, [&] { return app->takeover() == "long-1"; }));
    run_frames(*app, 2);
    {
        Png shot(screenshot(*app, "takeover-longest"));
        // Between the text's bottom (800) and the "learn what to do" caption
        // (850): nothing but the alert colour.
        for (int y = px(802); y < px(845); ++y)
            for (int x = 0; x < 1280; x += 4)
                REQUIRE(pixel_is(shot, x, y, theme::kAlert));
    }
    AppOptions portrait = notice_options();
    portrait.width = 720;
    portrait.height = 1280;
    auto tall = make_app_from(kit.config("notice-long-portrait"), portrait);
    REQUIRE(step_until(*tall, [&] { return tall->takeover() == "long-1"; }));
    run_frames(*tall, 2);
    Png shot(screenshot(*tall, "takeover-longest-portrait"));
    REQUIRE(shot.width == 720);
    // Letterboxed: the logical screen at 0.375 in the middle; the alert colour fills it.
    CHECK(pixel_is(shot, int(1800 * 0.375), int(1280 / 2 - 1080 * 0.375 / 2 + 850 * 0.375),
                   theme::kAlert));
}
