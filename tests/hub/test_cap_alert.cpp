// CAP 1.2 import, the parser and the routing (hub/cap_alert.h): the samples
// of docs/examples parse to the right fields; every invalid sample of
// tests/hub/cap-samples (missing elements, other namespaces, bad dates, DTD
// and entity attacks, System/Draft, Ack, no Chinese <info>) is refused with a
// message naming the element; areas reach venues by division-code prefixes
// and by the admin's area table.
#include "hub/cap_alert.h"
#include "hub_test_support.h"
#include "test_paths.h"

#include <catch2/catch.hpp>
#include <iconv.h>

#include <string>

using namespace kiosk;
using namespace kiosk::hub;

namespace {

constexpr int64_t kDay = int64_t(24) * 3600 * 1000;

std::string example(const std::string& name) {
    return test::read_text_file(test::source_dir() + "/docs/examples/" + name);
}

std::string invalid_sample(const std::string& name) {
    return test::read_text_file(test::source_dir() + "/tests/hub/cap-samples/" + name);
}

CapAlert parse_ok(const std::string& xml) {
    std::string error;
    std::optional<CapAlert> alert = parse_cap_alert(xml, kDay, error);
    INFO(error);
    REQUIRE(alert);
    CHECK(error.empty());
    return *alert;
}

// 2026-12-07T09:30:00+08:00 = 01:30Z.
constexpr int64_t kQuakeSent = 1796607000000;

} // namespace

TEST_CASE("the Severe earthquake sample becomes one bilingual notice", "[cap]") {
    const CapAlert alert = parse_ok(example("cap-earthquake-severe.xml"));
    const sync::Notice& notice = alert.notice;
    CHECK(notice.identifier == "51000000000000_20261207093000_0");
    CHECK(notice.sender == "51000000000000");
    CHECK(notice.sent_utc_ms == kQuakeSent);
    CHECK(notice.status == sync::NoticeStatus::Actual);
    CHECK(notice.msg_type == sync::NoticeMsgType::Alert);
    CHECK(notice.references.empty());
    CHECK(notice.categories == std::vector<std::string>{"Geo"});
    CHECK(notice.event.zh == "地震");
    CHECK(notice.event.en == "Earthquake");
    CHECK(notice.urgency == sync::NoticeUrgency::Immediate);
    CHECK(notice.severity == sync::NoticeSeverity::Severe);
    CHECK(notice.certainty == sync::NoticeCertainty::Observed);
    CHECK(notice.effective_utc_ms == kQuakeSent);
    CHECK(notice.expires_utc_ms == kQuakeSent + kDay);
    CHECK(notice.headline.zh == "芦山县发生5.8级地震，请立即就地避险");
    CHECK(notice.headline.en == "M5.8 earthquake in Lushan county: take cover now");
    CHECK(notice.instruction.zh.rfind("伏地、遮挡、手抓牢", 0) == 0);
    CHECK(notice.instruction.en.rfind("Drop, cover, hold on", 0) == 0);
    CHECK(notice.description.en.find("magnitude 5.8") != std::string::npos);
    CHECK(notice.venues.empty());
    CHECK(notice.content_ids.empty());
    CHECK(sync::check_notice(notice).empty());
    // Every <area> of both <info> blocks, with its geocodes.
    REQUIRE(alert.areas.size() == 3);
    CHECK(alert.areas[0].description == "四川省雅安市芦山县");
    CHECK(alert.areas[0].geocodes ==
          std::vector<std::pair<std::string, std::string>>{{"GB/T 2260", "511826"}});
    CHECK(alert.areas[1].geocodes[0].second == "511803");
    CHECK(alert.areas[2].description == "Lushan County, Ya'an, Sichuan");
    CHECK(alert.notes.empty());
    // GB/T 35965.1's identifier names the issuer's division (Sichuan).
    CHECK(alert.issuer_division == "510000");
}

TEST_CASE("the other samples: defaulted expiry, Exercise, Update and Cancel", "[cap]") {
    SECTION("a rainstorm warning without <expires> gets the default lifetime and says so") {
        std::string error;
        const std::optional<CapAlert> alert =
            parse_cap_alert(example("cap-rainstorm-moderate.xml"), 6 * 3600 * 1000, error);
        REQUIRE(alert);
        CHECK(alert->notice.severity == sync::NoticeSeverity::Moderate);
        CHECK(alert->notice.categories == std::vector<std::string>{"Met"});
        CHECK(alert->notice.expires_utc_ms == alert->notice.sent_utc_ms + 6 * 3600 * 1000);
        REQUIRE(alert->notes.size() == 1);
        CHECK(alert->notes[0].find("info/expires: none") != std::string::npos);
        CHECK(alert->notes[0].find("6 h") != std::string::npos);
        CHECK(alert->areas.at(0).geocodes.at(1).second == "511826100000");
    }
    SECTION("an Exercise stays an Exercise") {
        const CapAlert alert = parse_ok(example("cap-earthquake-exercise.xml"));
        CHECK(alert.notice.status == sync::NoticeStatus::Exercise);
        CHECK(alert.notice.headline.zh.find("演练") != std::string::npos);
    }
    SECTION("an Update references the alert it replaces") {
        const CapAlert alert = parse_ok(example("cap-earthquake-update.xml"));
        CHECK(alert.notice.msg_type == sync::NoticeMsgType::Update);
        REQUIRE(alert.notice.references.size() == 1);
        CHECK(alert.notice.references[0].sender == "51000000000000");
        CHECK(alert.notice.references[0].identifier == "51000000000000_20261207093000_0");
        CHECK(alert.notice.references[0].sent_utc_ms == kQuakeSent);
        // No <effective>: it takes effect when sent.
        CHECK(alert.notice.effective_utc_ms == alert.notice.sent_utc_ms);
    }
    SECTION("a Cancel references the Update") {
        const CapAlert alert = parse_ok(example("cap-earthquake-cancel.xml"));
        CHECK(alert.notice.msg_type == sync::NoticeMsgType::Cancel);
        REQUIRE(alert.notice.references.size() == 1);
        CHECK(alert.notice.references[0].identifier == "51000000000000_20261207095000_0");
    }
}

namespace {

// `utf8` in GB18030, the encoding Chinese systems often write.
std::string to_gb18030(std::string utf8) {
    iconv_t convert = iconv_open("GB18030", "UTF-8");
    REQUIRE(convert != iconv_t(-1));
    std::string out(utf8.size() * 2, '\0');
    char* in = utf8.data();
    char* to = out.data();
    size_t in_left = utf8.size(), out_left = out.size();
    REQUIRE(iconv(convert, &in, &in_left, &to, &out_left) != size_t(-1));
    iconv_close(convert);
    out.resize(out.size() - out_left);
    return out;
}

} // namespace

TEST_CASE("an alert in GB18030 (declared in its XML declaration) is read as UTF-8", "[cap]") {
    std::string xml = example("cap-earthquake-severe.xml");
    xml.replace(xml.find("encoding=\"UTF-8\""), 16, "encoding=\"GB18030\"");
    const std::string encoded = to_gb18030(xml);
    REQUIRE(encoded.find("地震") == std::string::npos);
    const CapAlert alert = parse_ok(encoded);
    CHECK(alert.notice.event.zh == "地震");
    CHECK(alert.notice.headline.zh == "芦山县发生5.8级地震，请立即就地避险");
    CHECK(alert.areas.at(0).description == "四川省雅安市芦山县");
}

TEST_CASE("an <info> without <language> is English, and Chinese is found by zh-*", "[cap]") {
    std::string xml = example("cap-earthquake-severe.xml");
    xml.replace(xml.find("<language>en-US</language>"), 26, "");
    xml.replace(xml.find("<language>zh-CN</language>"), 26, "<language>zh-Hans-CN</language>");
    const CapAlert alert = parse_ok(xml);
    CHECK(alert.notice.event.zh == "地震");
    CHECK(alert.notice.event.en == "Earthquake");
}

TEST_CASE("a missing English <info> and headline are defaulted and reported", "[cap]") {
    std::string xml = example("cap-earthquake-severe.xml");
    xml.erase(xml.find("  <info>\n    <language>en-US"),
              xml.rfind("</info>") + 8 - xml.find("  <info>\n    <language>en-US"));
    const size_t headline = xml.find("    <headline>");
    xml.erase(headline, xml.find('\n', headline) + 1 - headline);
    const CapAlert alert = parse_ok(xml);
    CHECK(alert.notice.headline.zh == "地震");
    CHECK(alert.notice.headline.en.empty());
    REQUIRE(alert.notes.size() == 2);
    CHECK(alert.notes[0].find("no English <info>") != std::string::npos);
    CHECK(alert.notes[1].find("info/headline") != std::string::npos);
}

TEST_CASE("every invalid CAP sample is refused naming the element", "[cap]") {
    // File, and what the error must say.
    const std::vector<std::pair<std::string, std::string>> samples = {
        {"missing-identifier.xml", "identifier: missing under <alert>"},
        {"missing-sent.xml", "sent: missing under <alert>"},
        {"missing-severity.xml", "info/severity: missing under <info> (line 10)"},
        {"missing-category.xml", "info/category: missing"},
        {"wrong-namespace.xml", "urn:oasis:names:tc:emergency:cap:1.1: expected <alert> in the "
                                "namespace urn:oasis:names:tc:emergency:cap:1.2"},
        {"no-namespace.xml", "in no namespace: expected <alert>"},
        {"bad-sent-zulu.xml", "sent (line 6): \"2026-12-07T01:30:00Z\" is not a CAP time"},
        {"bad-expires-date.xml", "info/expires (line 18): \"2027-02-30T09:30:00+08:00\" is not"},
        {"bad-effective-offset.xml", "info/effective (line 17)"},
        {"expires-before-effective.xml", "the alert as a notice: "},
        {"status-system.xml", "status (line 7): \"System\" is never shown to visitors"},
        {"status-draft.xml", "status (line 7): \"Draft\" is never shown to visitors"},
        {"msgtype-ack.xml", "msgType (line 8): \"Ack\" is a reply between systems"},
        {"scope-restricted.xml", "scope (line 9): \"Restricted\""},
        {"update-without-references.xml", "references: missing (an Update must name"},
        {"alert-with-references.xml", "references (line 10): an Alert references nothing"},
        {"bad-references.xml", "references (line 10): \"51000000000000,"},
        {"no-chinese-info.xml", "info: no <info> in Chinese"},
        {"no-language-english-only.xml", "info: no <info> in Chinese"},
        {"duplicate-identifier.xml", "identifier (line 5): given twice"},
        {"bad-severity.xml", "info/severity (line 15): \"Red\" is not one of Extreme"},
        {"identifier-with-space.xml", "the alert as a notice: "},
        {"headline-too-long.xml", "the alert as a notice: "},
        {"doctype-billion-laughs.xml", "line 3: <!DOCTYPE>: a CAP alert has no DOCTYPE"},
        {"doctype-external-entity.xml", "line 3: <!DOCTYPE>: a CAP alert has no DOCTYPE"},
        {"doctype-network-dtd.xml", "line 3: <!DOCTYPE>: a CAP alert has no DOCTYPE"},
        {"not-xml.xml", "not well-formed XML: line 1: "},
        {"truncated.xml", "not well-formed XML: line "},
        {"undeclared-entity.xml", "not well-formed XML: line 20: Entity 'secret' not defined"},
    };
    for (const auto& [file, expected] : samples) {
        INFO(file);
        std::string error;
        const std::optional<CapAlert> alert = parse_cap_alert(invalid_sample(file), kDay, error);
        CHECK_FALSE(alert);
        INFO(error);
        CHECK(error.find(expected) != std::string::npos);
    }
}

TEST_CASE("a CAP file over 1 MiB or empty is refused before parsing", "[cap]") {
    std::string error;
    CHECK_FALSE(parse_cap_alert(std::string(kMaxCapAlertBytes + 1, ' '), kDay, error));
    CHECK(error.find("a CAP alert is at most 1048576 bytes") != std::string::npos);
    CHECK_FALSE(parse_cap_alert("", kDay, error));
    CHECK(error.find("the file is empty") != std::string::npos);
}

TEST_CASE("division codes: 6 digits, or 9 and 12 cut to 6; nothing else", "[cap]") {
    CHECK(division_code_of("511826") == "511826");
    CHECK(division_code_of("511826100") == "511826");
    CHECK(division_code_of("511826100000") == "511826");
    CHECK_FALSE(division_code_of("51182"));
    CHECK_FALSE(division_code_of("5118261"));
    CHECK_FALSE(division_code_of("006037")); // a US SAME code
    CHECK_FALSE(division_code_of("51182a"));
    CHECK_FALSE(division_code_of("芦山县"));
}

TEST_CASE("CAP areas reach venues by division-code prefixes and the area table", "[cap]") {
    const std::vector<std::pair<std::string, std::string>> divisions = {
        {"lushan-museum", "511826"},   // Lushan county, Ya'an, Sichuan
        {"mingshan-center", "511803"}, // Mingshan district, Ya'an
        {"chengdu-museum", "510104"},  // Jinjiang district, Chengdu
        {"hangzhou-center", "330106"}, // Xihu district, Hangzhou, Zhejiang
    };
    const std::vector<std::pair<std::string, std::string>> table = {
        {"芦山县城区", "county-bus"},
        {"YA-ZONE-3", "mobile-unit"},
    };
    auto route = [&](std::vector<CapArea> areas) {
        return route_cap_areas(areas, divisions, table);
    };
    using Venues = std::vector<std::string>;
    // County: that venue only.
    CHECK(route({{"芦山县", {{"GB/T 2260", "511826"}}}}) == Venues{"lushan-museum"});
    // City: every venue in Ya'an.
    CHECK(route({{"雅安市", {{"GB/T 2260", "511800"}}}}) ==
          Venues{"lushan-museum", "mingshan-center"});
    // Province: every venue in Sichuan, none in Zhejiang.
    CHECK(route({{"四川省", {{"GB/T 2260", "510000"}}}}) ==
          Venues{"chengdu-museum", "lushan-museum", "mingshan-center"});
    // A 12-digit GB/T 35965.1 code is cut to its county.
    CHECK(route({{"某村", {{"GB/T 35965.1", "511826100000"}}}}) == Venues{"lushan-museum"});
    // A neighbouring county's code is not a prefix of another county's.
    CHECK(route({{"宝兴县", {{"GB/T 2260", "511827"}}}}).empty());
    // 511000 (Neijiang city) is a city prefix that must not reach Ya'an (5118..).
    CHECK(route({{"内江市", {{"GB/T 2260", "511000"}}}}).empty());
    // By the table: an areaDesc, and a geocode value that is no division code.
    CHECK(route({{"芦山县城区", {}}}) == Venues{"county-bus"});
    CHECK(route({{"zone 3", {{"zone", "YA-ZONE-3"}}}}) == Venues{"mobile-unit"});
    // Both, merged, sorted and without duplicates.
    CHECK(route({{"芦山县城区", {{"GB/T 2260", "511826"}}}, {"芦山县", {{"c", "511826"}}}}) ==
          Venues{"county-bus", "lushan-museum"});
    // Nothing matched.
    CHECK(route({{"西藏", {{"GB/T 2260", "540000"}}}}).empty());
    CHECK(route({}).empty());
}
