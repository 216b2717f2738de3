// `kiosk-hub notice import` end to end through hub::notice_import (the CLI's
// function) on a real data folder: the samples of docs/examples, their times
// moved to now, routed by the venues' division codes and the area table,
// signed with the notice key and stored; Update and Cancel retire what they
// reference; an alert that reaches no venue, a duplicate, an unknown
// --content item, an expired alert and a hub without a notice key are
// refused with nothing stored.
#include "core/civil_time.h"
#include "hub/cap_alert.h"
#include "hub/hub_signing_key.h"
#include "hub/notice_import.h"
#include "hub_test_support.h"
#include "store_backends.h"

#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

using namespace kiosk;
using namespace kiosk::hub;

namespace {

// The earthquake sample's <sent>: every time of every sample moves by the
// same amount, so that this one becomes ten minutes ago. The amount is taken
// once per fixture: an Update's <references> name the Alert's <sent>, so two
// imports that straddle a second must still move both by the same amount.
constexpr int64_t kQuakeSent = 1796607000000; // 2026-12-07T09:30:00+08:00

int64_t shift_to_now() {
    return (now_utc_ms() / 1000 * 1000 - 10 * kMsPerMinute) - kQuakeSent;
}

std::string moved_by(std::string xml, int64_t shift) {
    static const std::regex time(R"((\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\+08:00)");
    std::string out;
    auto rest = xml.cbegin();
    for (std::sregex_iterator it(xml.begin(), xml.end(), time), end; it != end; ++it) {
        out.append(rest, (*it)[0].first);
        const int64_t utc = *parse_iso_utc_seconds((*it)[1].str() + "Z") - 8 * kMsPerHour;
        const std::string moved = iso_utc_seconds(utc + shift);
        out += moved.substr(0, 19) + "+00:00";
        rest = (*it)[0].second;
    }
    out.append(rest, xml.cend());
    return out;
}

struct ImportFixture {
    test::TempFolder folder;
    std::string data = folder.file("data");
    std::unique_ptr<HubStore> hub;
    std::unique_ptr<NoticeStore> notices;
    const int64_t shift = shift_to_now();

    explicit ImportFixture(bool with_key = true) {
        std::string error;
        hub = open_hub_store(kiosk::test::test_store(data), error);
        REQUIRE(hub);
        for (const char* venue : {"lushan-museum", "chengdu-museum", "mobile-unit"})
            REQUIRE(hub->add_venue({venue, "场馆", "Venue", "county_museum"}, error));
        notices = open_notice_store(kiosk::test::test_store(data), error);
        REQUIRE(notices);
        REQUIRE(notices->set_venue_division("lushan-museum", "511826", error));
        REQUIRE(notices->set_venue_division("chengdu-museum", "510104", error));
        if (with_key) {
            std::ostringstream out, err;
            REQUIRE(admin_hub_key(kNoticeKey, data, false, out, err) == 0);
        }
    }

    // The sample `name` of docs/examples (or `xml` when given), moved to now.
    test::CommandRun import(const std::string& name, std::vector<std::string> content = {},
                            int64_t default_hours = 24, std::string xml = "") {
        if (xml.empty()) xml = test::read_text_file(test::source_dir() + "/docs/examples/" + name);
        const std::string file = folder.write("alerts/" + name, moved_by(xml, shift));
        std::ostringstream out, err;
        test::CommandRun run;
        run.code = notice_import({kiosk::test::test_store(data), Language::En},
                                 {file, default_hours, std::move(content)}, out, err);
        run.out = out.str();
        run.err = err.str();
        return run;
    }
};

const char* const kQuakeId = "51000000000000_20261207093000_0";
const char* const kSender = "51000000000000";

} // namespace

TEST_CASE("notice import: a Severe earthquake alert reaches the venue of its county", "[cap]") {
    ImportFixture hub;
    const test::CommandRun run = hub.import("cap-earthquake-severe.xml", {}, 24);
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);
    CHECK(run.out.find("Imported alert " + std::string(kQuakeId) +
                       " (Alert, Actual, Severe) for lushan-museum,") != std::string::npos);
    // Mingshan (511803) has no venue: the import says so, and stores anyway.
    CHECK(run.out.find("These areas matched no venue: 四川省雅安市名山区 GB/T 2260=511803") !=
          std::string::npos);
    const std::optional<StoredNotice> stored = hub.notices->find(kSender, kQuakeId);
    REQUIRE(stored);
    CHECK(stored->notice.venues == std::vector<std::string>{"lushan-museum"});
    CHECK(stored->author == "cap-import");
    CHECK(stored->notice.severity == sync::NoticeSeverity::Severe);
    CHECK(stored->notice.instruction.zh.rfind("伏地、遮挡、手抓牢", 0) == 0);
    // What is stored is what was signed, and it verifies against the hub's notice key.
    std::string error;
    const std::optional<SecretKey> key = load_hub_key(kNoticeKey, hub.data, error);
    REQUIRE(key);
    const std::optional<sync::Notice> verified =
        sync::verify_and_parse_notice(stored->signed_notice, {key->public_key()}, error);
    INFO(error);
    REQUIRE(verified);
    CHECK(verified->venues == std::vector<std::string>{"lushan-museum"});

    SECTION("importing it again stores nothing new") {
        const int64_t version = hub.notices->version();
        const test::CommandRun again = hub.import("cap-earthquake-severe.xml");
        CHECK(again.code == 1);
        CHECK(again.err.find("was already imported") != std::string::npos);
        CHECK(hub.notices->version() == version);
    }
    SECTION("its Update replaces it, then the Cancel retires the Update") {
        const test::CommandRun update = hub.import("cap-earthquake-update.xml");
        INFO(update.out << update.err);
        REQUIRE(update.code == 0);
        CHECK(hub.notices->find(kSender, kQuakeId)->retired_seq != 0);
        const test::CommandRun cancel = hub.import("cap-earthquake-cancel.xml");
        INFO(cancel.out << cancel.err);
        REQUIRE(cancel.code == 0);
        CHECK(cancel.out.find("(Cancel, Actual, Minor) for lushan-museum,") != std::string::npos);
        CHECK(hub.notices->find(kSender, "51000000000000_20261207095000_0")->retired_seq != 0);
        // Replaying the Update after the Cancel is refused.
        const test::CommandRun replay = hub.import("cap-earthquake-update.xml");
        CHECK(replay.code == 1);
    }
}

TEST_CASE("notice import: routing by city and province codes and the area table", "[cap]") {
    ImportFixture hub;
    std::string error;
    SECTION("a city code (Ya'an) reaches its county's venue; the default expiry is reported") {
        const test::CommandRun run = hub.import("cap-rainstorm-moderate.xml", {}, 6);
        INFO(run.out << run.err);
        REQUIRE(run.code == 0);
        CHECK(run.out.find("(Alert, Actual, Moderate) for lushan-museum,") != std::string::npos);
        CHECK(run.out.find("Note: info/expires: none; the notice expires 6 h after sent") !=
              std::string::npos);
        const std::optional<StoredNotice> stored =
            hub.notices->find("51180000000000", "51180000000000_20261207150000_0");
        REQUIRE(stored);
        CHECK(stored->notice.expires_utc_ms == stored->notice.sent_utc_ms + 6 * kMsPerHour);
    }
    SECTION("a province code (the Exercise) reaches every venue in Sichuan") {
        const test::CommandRun run = hub.import("cap-earthquake-exercise.xml");
        INFO(run.out << run.err);
        REQUIRE(run.code == 0);
        CHECK(run.out.find("(Alert, EXERCISE, Severe) for chengdu-museum, lushan-museum,") !=
              std::string::npos);
    }
    SECTION("an area the admin mapped reaches that venue too") {
        REQUIRE(hub.notices->add_area_route({"四川省雅安市名山区", "mobile-unit"}, error));
        const test::CommandRun run = hub.import("cap-earthquake-severe.xml");
        INFO(run.out << run.err);
        REQUIRE(run.code == 0);
        CHECK(run.out.find("for lushan-museum, mobile-unit,") != std::string::npos);
        CHECK(run.out.find("matched no venue") == std::string::npos);
    }
}

TEST_CASE("notice import refuses, storing nothing", "[cap]") {
    ImportFixture hub;
    std::string xml =
        test::read_text_file(test::source_dir() + "/docs/examples/cap-earthquake-severe.xml");
    SECTION("an alert whose areas reach no venue, naming them") {
        xml = std::regex_replace(xml, std::regex("5118(26|03)"), "540102");
        const test::CommandRun run = hub.import("tibet.xml", {}, 24, xml);
        CHECK(run.code == 1);
        CHECK(run.err.find("Alert 51000000000000_20261207093000_0 reaches no venue; nothing was "
                           "stored. Areas that matched no venue: 四川省雅安市芦山县 GB/T "
                           "2260=540102, 四川省雅安市名山区 GB/T 2260=540102") !=
              std::string::npos);
        CHECK(run.err.find("kiosk-hub admin set-division") != std::string::npos);
    }
    SECTION("an invalid CAP file, naming the file and the element") {
        const test::CommandRun run = hub.import(
            "system.xml", {}, 24,
            test::read_text_file(test::source_dir() + "/tests/hub/cap-samples/status-system.xml"));
        CHECK(run.code == 1);
        CHECK(run.err.find("system.xml is not an alert that can be imported; nothing was stored: "
                           "status (line 7): \"System\"") != std::string::npos);
    }
    SECTION("an alert already expired") {
        xml = std::regex_replace(xml, std::regex("2026-12-08T09:30:00"), "2026-12-07T09:40:00");
        const std::string past = std::regex_replace(xml, std::regex("2026-12-07"), "2020-01-01");
        const std::string file = hub.folder.write("past.xml", past);
        std::ostringstream out, err;
        CHECK(notice_import({kiosk::test::test_store(hub.data), Language::En}, {file, 24, {}}, out,
                            err) == 1);
        CHECK(err.str().find("expired at") != std::string::npos);
    }
    SECTION("a --content item the library does not have") {
        const test::CommandRun run = hub.import("cap-earthquake-severe.xml", {"no-such-drill"});
        CHECK(run.code == 1);
        CHECK(run.err.find("no-such-drill") != std::string::npos);
    }
    SECTION("--default-expiry-hours out of range") {
        const test::CommandRun run = hub.import("cap-rainstorm-moderate.xml", {}, 0);
        CHECK(run.code == 1);
        CHECK(run.err.find("The default expiry must be 1 to 744 hours") != std::string::npos);
    }
    CHECK(hub.notices->version() == 0);
}

TEST_CASE("notice import without a notice key refuses and says how to make one", "[cap]") {
    ImportFixture hub(false);
    const test::CommandRun run = hub.import("cap-earthquake-severe.xml");
    CHECK(run.code == 1);
    CHECK(run.err.find("The hub has no notice key") != std::string::npos);
    CHECK(hub.notices->version() == 0);
}
