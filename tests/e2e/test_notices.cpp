// End to end for emergency notices (issue 18, part 6): a real kiosk-hub
// process with a notice key and real headless kiosk processes (paced at
// 60 Hz, polling every 5 s, a screenshot every half second) on 127.0.0.1.
// A Severe alert for the venue takes over all three kiosks' screens (checked
// by the screenshots' pixels and by the receipts the hub stores), an Update
// turns it into a banner and a Cancel removes it, and a notice for another
// venue never reaches them; an Exercise is labelled, reaches a kiosk that was
// offline when it was issued, and shows again after a reboot with the hub
// gone; through the USB folder a forged notice, a modified one, an expired
// one, one for another venue and a cancelled one replayed are all refused.
// Nothing sleeps: every wait polls a condition under a generous deadline.
#include "content_e2e_support.h"
#include "hub/store_backends.h"

#include "../hub/browser_test_support.h"
#include "png_pixels.h"

#include "core/civil_time.h"
#include "core/private_files.h"
#include "hub/notice_store.h"
#include "render/theme.h"
#include "sync/notice.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

namespace kiosk::test {
namespace {

constexpr const char* kVenue = "county-museum";
constexpr int kDeliveryMs = 240000; // liveness: a poll (5 s) on a loaded 2-core machine, ASan

// A kiosk of `hub` for emergency notices: the venue's id, the hub's notice
// key, a poll every 5 s; started paced with a screenshot every 30 frames.
struct NoticeKiosk {
    RunningKiosk kiosk;
    std::string shots;

    NoticeKiosk(const TempFolder& folder, const ContentHub& hub, const std::string& id,
                const std::string& import_dir = "")
        : kiosk(folder, id, setup(hub, id, import_dir)), shots(folder.file(id + "/shots")) {}

    static KioskSetup setup(const ContentHub& hub, const std::string& id,
                            const std::string& import_dir) {
        KioskSetup setup = hub.kiosk_setup(id);
        setup.venue_id = kVenue;
        setup.trusted_notice_key = hub.notice_pub;
        setup.notice_poll_s = 5;
        setup.import_dir = import_dir;
        return setup;
    }

    void start() {
        std::filesystem::remove_all(shots);
        kiosk.start(0, {"--paced", "--screenshot-every", "30", shots});
    }
};

// The newest screenshot that reads whole, taken after at least two more were
// written from now (so it shows the screen as it is now); its fraction of
// pixels in `colour`.
double screen_fraction(NoticeKiosk& kiosk, ImU32 colour) {
    auto pngs = [&] {
        std::vector<std::string> files;
        std::error_code ignored;
        for (const auto& entry : std::filesystem::directory_iterator(kiosk.shots, ignored))
            files.push_back(entry.path().string());
        std::sort(files.begin(), files.end());
        return files;
    };
    const size_t before = pngs().size();
    REQUIRE(eventually([&] { return pngs().size() >= before + 3; }, kDeliveryMs));
    const std::vector<std::string> files = pngs();
    const std::string& path = files[files.size() - 2]; // the last one may be half written
    const Png png(path);
    INFO(path);
    REQUIRE(png.pixels);
    return colour_fraction(png, colour);
}

// The identifier in `notice add|update|cancel`'s output ("Issued notice ID (...").
std::string issued_identifier(const CommandRun& run) {
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);
    std::smatch match;
    REQUIRE(std::regex_search(run.out, match, std::regex("notice (KH-[0-9]+-[0-9]+)")));
    return match[1];
}

// What the hub stored from the kiosks' heartbeats about `identifier`.
std::map<std::string, sync::NoticeReceipt> receipts(const ContentHub& hub,
                                                    const std::string& identifier) {
    std::string error;
    std::unique_ptr<hub::NoticeStore> store = hub::open_notice_store(kiosk::test::test_store(hub.data), error);
    INFO(error);
    REQUIRE(store);
    std::map<std::string, sync::NoticeReceipt> by_kiosk;
    for (const hub::StoredReceipt& stored : store->receipts_for(identifier))
        by_kiosk[stored.kiosk] = stored.receipt;
    return by_kiosk;
}

// Waits until every kiosk of `kiosks` reported `identifier` as `showing`
// (true: shown and on screen now; false: held no longer or not on screen).
void require_receipts(const ContentHub& hub, const std::string& identifier,
                      const std::vector<std::string>& kiosks, bool showing) {
    const bool reached = eventually(
        [&] {
            const auto stored = receipts(hub, identifier);
            for (const std::string& kiosk : kiosks) {
                auto it = stored.find(kiosk);
                if (it == stored.end() || it->second.showing != showing ||
                    it->second.first_shown_utc_ms == 0)
                    return false;
            }
            return true;
        },
        kDeliveryMs);
    INFO(identifier << " should be " << (showing ? "showing" : "shown and gone") << " on "
                    << kiosks.size() << " kiosks; the hub has " << receipts(hub, identifier).size()
                    << " receipts");
    REQUIRE(reached);
}

std::string kiosk_log(const NoticeKiosk& kiosk) {
    return read_text_file(kiosk.kiosk.log);
}

const std::string kSevere = "--venue county-museum --severity Severe --urgency Immediate "
                            "--certainty Observed --category Geo --event-zh 地震 --event-en "
                            "Earthquake --headline-zh '地震预警：请立即避险' --headline-en "
                            "'Earthquake warning: take cover now' --instruction-zh "
                            "'伏地、遮挡、手抓牢。' --instruction-en 'Drop, cover, hold on.' "
                            "--expires 2h";

} // namespace

TEST_CASE("a Severe alert takes over three kiosks, an Update makes it a banner, a Cancel "
          "removes it, and another venue's notice never reaches them",
          "[e2e][notices]") {
    ContentHub hub;
    add_kiosk(hub.folder, hub.data, "far-venue", "far-1");
    std::vector<std::unique_ptr<NoticeKiosk>> kiosks;
    for (const char* id : {"lobby-1", "lobby-2", "lobby-3"}) {
        kiosks.push_back(std::make_unique<NoticeKiosk>(hub.folder, hub, id));
        kiosks.back()->start();
    }
    for (auto& kiosk : kiosks) // the home screen, no notice
        CHECK(screen_fraction(*kiosk, theme::kAlert) < 0.01);

    const std::string elsewhere = issued_identifier(hub.notice(
        "add --venue far-venue --severity Extreme --event-zh 洪水 --headline-zh 洪水预警 "
        "--category Met --expires 2h"));
    const std::string alert = issued_identifier(hub.notice("add " + kSevere));
    require_receipts(hub, alert, {"lobby-1", "lobby-2", "lobby-3"}, true);
    for (auto& kiosk : kiosks) {
        INFO(kiosk->kiosk.id << "\n" << kiosk_log(*kiosk));
        CHECK(screen_fraction(*kiosk, theme::kAlert) > 0.5); // the takeover
    }
    CHECK(receipts(hub, elsewhere).empty());
    for (auto& kiosk : kiosks)
        CHECK(kiosk_log(*kiosk).find(elsewhere) == std::string::npos);

    {
        const CommandRun user = run_hub_command(hub.folder,
                                                "admin add-user --data " + hub.data +
                                                    " --name province --role "
                                                    "province_admin",
                                                "e2e-password\n");
        INFO(user.out << user.err);
        REQUIRE(user.code == 0);
        Browser browser(hub.hub->port());
        REQUIRE(sign_in(browser, "province", "e2e-password")->status == 303);
        auto page = browser.get("/dashboard/notices?lang=en");
        REQUIRE(page);
        REQUIRE(page->status == 200);
        CHECK(page->body.find("shown on 3 of 3 kiosks") != std::string::npos);
    }

    const std::string update = issued_identifier(
        hub.notice("update " + alert + " --severity Moderate --headline-zh '余震提醒：远离危房'"));
    require_receipts(hub, update, {"lobby-1", "lobby-2", "lobby-3"}, true);
    require_receipts(hub, alert, {"lobby-1", "lobby-2", "lobby-3"}, false);
    for (auto& kiosk : kiosks) {
        INFO(kiosk->kiosk.id);
        CHECK(screen_fraction(*kiosk, theme::kAlert) < 0.01);        // no takeover
        CHECK(screen_fraction(*kiosk, theme::kNoticeBanner) > 0.02); // the banner
    }

    issued_identifier(hub.notice("cancel " + update));
    require_receipts(hub, update, {"lobby-1", "lobby-2", "lobby-3"}, false);
    for (auto& kiosk : kiosks) {
        INFO(kiosk->kiosk.id);
        CHECK(screen_fraction(*kiosk, theme::kAlert) < 0.01);
        CHECK(screen_fraction(*kiosk, theme::kNoticeBanner) < 0.02);
    }
}

TEST_CASE("an Exercise is labelled, reaches a kiosk that was offline when it was issued, and "
          "shows again after a reboot with the hub out of reach",
          "[e2e][notices]") {
    ContentHub hub;
    NoticeKiosk online(hub.folder, hub, "lobby-1"), offline(hub.folder, hub, "lobby-2");
    online.start();
    const std::string drill =
        issued_identifier(hub.notice("add " + kSevere + " --status Exercise"));
    require_receipts(hub, drill, {"lobby-1"}, true);
    CHECK(screen_fraction(online, theme::kAlert) > 0.3);
    CHECK(screen_fraction(online, theme::kDrill) > 0.005); // the 演练 EXERCISE label

    offline.start(); // comes online after the notice was issued
    require_receipts(hub, drill, {"lobby-2"}, true);
    CHECK(screen_fraction(offline, theme::kAlert) > 0.3);

    // A reboot (power cut) with the hub unreachable: the alert comes back from kiosk.db.
    online.kiosk.kill_now();
    online.kiosk.setup.hub_url = "http://127.0.0.1:9"; // discard: nothing answers
    online.kiosk.write_config();
    online.start();
    INFO(kiosk_log(online));
    CHECK(screen_fraction(online, theme::kAlert) > 0.3);
    CHECK(kiosk_log(online).find("restored") != std::string::npos);
}

TEST_CASE("through the USB folder, a forged, a modified, an expired, another venue's and a "
          "cancelled-then-replayed notice are refused and never shown",
          "[e2e][notices]") {
    ContentHub hub;
    const std::string usb = hub.folder.file("usb");
    std::filesystem::create_directories(usb);
    NoticeKiosk kiosk(hub.folder, hub, "lobby-3", usb);
    kiosk.start();

    // The hub's own feed for this kiosk while an alert is in force, as a proxy would keep it.
    const std::string alert = issued_identifier(hub.notice("add " + kSevere));
    require_receipts(hub, alert, {"lobby-3"}, true);
    httplib::Client client("127.0.0.1", hub.hub->port());
    auto feed =
        client.Get(sync::kNoticesPath, {{"Authorization", "Bearer " + hub.tokens.at("lobby-3")}});
    REQUIRE(feed);
    REQUIRE(feed->status == 200);
    const std::string captured = feed->body;
    issued_identifier(hub.notice("cancel " + alert));
    require_receipts(hub, alert, {"lobby-3"}, false);

    std::string error;
    std::optional<SecretKey> notice_key = read_secret_key(hub.data + "/notice.key", error);
    INFO(error);
    REQUIRE(notice_key);
    auto fresh = [&](const std::string& identifier) {
        sync::Notice notice;
        notice.identifier = identifier;
        notice.sender = "kiosk-hub";
        const int64_t now = now_utc_ms() / 1000 * 1000;
        notice.sent_utc_ms = notice.effective_utc_ms = now - 60000;
        notice.expires_utc_ms = now + 3600000;
        notice.categories = {"Geo"};
        notice.event = {"地震", "Earthquake"};
        notice.urgency = sync::NoticeUrgency::Immediate;
        notice.severity = sync::NoticeSeverity::Extreme;
        notice.certainty = sync::NoticeCertainty::Observed;
        notice.headline = {"伪造的警报", "A forged alarm"};
        notice.venues = {kVenue};
        return notice;
    };
    auto sign = [&](const sync::Notice& notice, const SecretKey& key) {
        std::optional<sync::SignedDocument> signed_notice = sync::sign_notice(notice, key, error);
        INFO(error);
        REQUIRE(signed_notice);
        return *signed_notice;
    };
    sync::NoticeFeed attacks;
    attacks.version = 1000;
    attacks.notices.push_back(sign(fresh("usb-forged"), generate_key()));
    sync::SignedDocument modified = sign(fresh("usb-modified"), *notice_key);
    const size_t at = modified.document.find("\"Extreme\"");
    REQUIRE(at != std::string::npos);
    modified.document.replace(at, 9, "\"Severe\"\x20"); // same length, other severity
    attacks.notices.push_back(modified);
    sync::Notice expired = fresh("usb-expired");
    expired.sent_utc_ms = expired.effective_utc_ms = expired.sent_utc_ms - 7200000;
    expired.expires_utc_ms = expired.sent_utc_ms + 3600000;
    attacks.notices.push_back(sign(expired, *notice_key));
    sync::Notice other_venue = fresh("usb-elsewhere");
    other_venue.venues = {"far-venue"};
    attacks.notices.push_back(sign(other_venue, *notice_key));

    auto drop = [&](const std::string& text) {
        REQUIRE(replace_private_file(usb + "/" + sync::kNoticesExportName, text, error));
    };
    drop(sync::to_json(attacks));
    for (const char* reason : {"(forged)", "(expired)", "(other_venue)"}) {
        INFO(reason << "\n" << kiosk_log(kiosk));
        CHECK(kiosk.kiosk.process->wait_for_output(std::string("refused ") + reason));
    }
    // The modified one fails its signature too: two refusals as forged.
    const bool both_forged = eventually([&] {
        const std::string log = kiosk_log(kiosk);
        const size_t first = log.find("refused (forged)");
        return first != std::string::npos &&
               log.find("refused (forged)", first + 1) != std::string::npos;
    });
    INFO(kiosk_log(kiosk));
    CHECK(both_forged);
    CHECK(screen_fraction(kiosk, theme::kAlert) < 0.01);

    drop(captured); // the alert as the hub served it before it was cancelled
    CHECK(kiosk.kiosk.process->wait_for_output("refused (retired)"));
    CHECK(screen_fraction(kiosk, theme::kAlert) < 0.01);
    for (const char* identifier : {"usb-forged", "usb-modified", "usb-expired", "usb-elsewhere"})
        CHECK(receipts(hub, identifier).empty());
}

} // namespace kiosk::test
