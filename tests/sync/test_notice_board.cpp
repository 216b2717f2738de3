// The kiosk's notice board (engine/sync/notice_board.h) written as the
// attacks and situations it answers: a forged or modified notice, another
// format's signature, an expired one, a replay after a cancel or an update,
// an update before the alert it replaces, another venue's notice, the clock
// set back, a reboot with a tampered row; then ordering, receipts and limits.
#include "notice_test_support.h"

#include "sync/content_snapshot.h"
#include "sync/notice_board.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace kiosk;
using namespace kiosk::sync;
using namespace kiosk::test;

namespace {

constexpr int64_t kNow = kNoticeSent + 10 * kMsPerMinute;
constexpr int64_t kBoot = 5'000'000; // the monotonic clock at kNow

NoticeBoard board() {
    return NoticeBoard(kNoticeVenue,
                       {notice_keys().other.public_key(), notice_keys().hub.public_key()});
}

std::vector<std::string> shown_ids(const NoticeBoard& held, int64_t now_utc = kNow,
                                   int64_t now_monotonic = kBoot) {
    std::vector<std::string> ids;
    for (const BoardNotice* notice : held.showing(now_utc, now_monotonic))
        ids.push_back(notice->notice.identifier);
    return ids;
}

NoticeOffer offer(NoticeBoard& held, const SignedDocument& signed_document, int64_t now = kNow,
                  int64_t monotonic = kBoot) {
    const NoticeOfferResult result = held.offer(signed_document, now, monotonic);
    INFO(result.reason);
    CHECK_FALSE(result.reason.empty());
    return result.offer;
}

} // namespace

TEST_CASE("a signed notice for this venue is added and shown; offered again it is known",
          "[notices]") {
    NoticeBoard held = board();
    const SignedDocument alert = signed_notice(sample_notice());
    const NoticeOfferResult result = held.offer(alert, kNow, kBoot);
    CHECK(result.offer == NoticeOffer::Added);
    CHECK(result.accepted());
    CHECK(result.identifier == "quake-0001");
    CHECK(shown_ids(held) == std::vector<std::string>{"quake-0001"});
    CHECK(presentation_of(held.notices()[0].notice) == NoticePresentation::Takeover);
    CHECK(offer(held, alert) == NoticeOffer::Known);

    // The same identifier with other bytes (a second history) is refused.
    Notice other = sample_notice();
    other.headline.zh = "另一条";
    CHECK(offer(held, signed_notice(other)) == NoticeOffer::Conflicting);
    CHECK(held.notices()[0].signed_notice.document == alert.document);

    // A notice for every venue reaches this one too.
    Notice everywhere = sample_notice("storm-0001", NoticeSeverity::Minor);
    everywhere.venues.clear();
    CHECK(offer(held, signed_notice(everywhere)) == NoticeOffer::Added);
    CHECK(shown_ids(held).size() == 2);
    CHECK(std::string(to_string(NoticeOffer::OtherVenue)) == "other_venue");
}

TEST_CASE("forged, modified and other-format notices are refused and never shown", "[notices]") {
    NoticeBoard held = board();
    const SignedDocument genuine = signed_notice(sample_notice());

    SignedDocument forged = genuine;
    forged.signature = std::string(64, '\x33');
    CHECK(offer(held, forged) == NoticeOffer::Forged);

    NoticeBoard untrusting(kNoticeVenue, {notice_keys().other.public_key()});
    CHECK(offer(untrusting, genuine) == NoticeOffer::Forged);
    NoticeBoard no_keys(kNoticeVenue, {});
    CHECK(offer(no_keys, genuine) == NoticeOffer::Forged);

    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"\"Severe\"", "\"Extreme\""},
             {"\"expires\":\"2026-11-28T06:00:00Z\"", "\"expires\":\"2026-11-29T06:00:00Z\""},
             {"[\"county-museum\"]", "[]"},
             {"\"Actual\"", "\"Exercise\""}}) {
        SignedDocument modified = genuine;
        modified.document = replaced(modified.document, from, to);
        CHECK(offer(held, modified) == NoticeOffer::Forged);
    }

    // A signature the hub made for a content snapshot over the same bytes.
    CHECK(offer(held, sign_document(kSnapshotFormat, genuine.document, notice_keys().hub)) ==
          NoticeOffer::Forged);

    // Signed by the trusted key but breaking a field rule: a hub bug, logged.
    CHECK(offer(held, sign_notice_text(replaced(genuine.document, "\"Severe\"", "\"Huge\""))) ==
          NoticeOffer::Malformed);

    CHECK(held.notices().empty());
    CHECK(shown_ids(held).empty());
}

TEST_CASE("an expired notice and a notice for another venue are refused", "[notices]") {
    NoticeBoard held = board();
    const SignedDocument alert = signed_notice(sample_notice());
    CHECK(offer(held, alert, kNoticeSent + kNoticeLifetime) == NoticeOffer::Expired);
    CHECK(offer(held, alert, kNoticeSent + kNoticeLifetime + kMsPerDay) == NoticeOffer::Expired);

    Notice elsewhere = sample_notice("quake-0009");
    elsewhere.venues = {"mobile-unit", "city-museum"};
    CHECK(offer(held, signed_notice(elsewhere)) == NoticeOffer::OtherVenue);
    CHECK(held.notices().empty());

    NoticeBoard mobile("mobile-unit", {notice_keys().hub.public_key()});
    CHECK(offer(mobile, signed_notice(elsewhere)) == NoticeOffer::Added);
}

TEST_CASE("Cancel removes, Update replaces, and a replay of either's target is refused",
          "[notices]") {
    const Notice alert = sample_notice();
    const SignedDocument alert_signed = signed_notice(alert);

    SECTION("replay after cancel") {
        NoticeBoard held = board();
        REQUIRE(offer(held, alert_signed) == NoticeOffer::Added);
        const SignedDocument cancel =
            signed_notice(follow_up(alert, NoticeMsgType::Cancel, "quake-0001-cancel"));
        CHECK(offer(held, cancel, kNow + kMsPerHour) == NoticeOffer::Cancelled);
        CHECK(shown_ids(held, kNow + kMsPerHour).empty());
        CHECK(offer(held, alert_signed, kNow + 2 * kMsPerHour) == NoticeOffer::Retired);
        CHECK(shown_ids(held, kNow + 2 * kMsPerHour).empty());
        // The next poll's feed carries the Cancel again: nothing happens.
        CHECK(offer(held, cancel, kNow + 2 * kMsPerHour) == NoticeOffer::Known);
        CHECK(held.receipts(kNow + 2 * kMsPerHour, kBoot).empty());
    }
    SECTION("replay after update") {
        NoticeBoard held = board();
        REQUIRE(offer(held, alert_signed) == NoticeOffer::Added);
        Notice update = follow_up(alert, NoticeMsgType::Update, "quake-0002");
        update.severity = NoticeSeverity::Moderate;
        CHECK(offer(held, signed_notice(update), kNow + kMsPerHour) == NoticeOffer::Replaced);
        CHECK(shown_ids(held, kNow + kMsPerHour) == std::vector<std::string>{"quake-0002"});
        CHECK(offer(held, alert_signed, kNow + kMsPerHour) == NoticeOffer::Retired);
        CHECK(shown_ids(held, kNow + kMsPerHour) == std::vector<std::string>{"quake-0002"});
    }
    SECTION("an update that arrives before the alert it replaces") {
        NoticeBoard held = board();
        const Notice update = follow_up(alert, NoticeMsgType::Update, "quake-0002");
        CHECK(offer(held, signed_notice(update), kNow + kMsPerHour) == NoticeOffer::Replaced);
        CHECK(offer(held, alert_signed, kNow + kMsPerHour) == NoticeOffer::Retired);
        CHECK(shown_ids(held, kNow + kMsPerHour) == std::vector<std::string>{"quake-0002"});
    }
    SECTION("retired identifiers are kept until both expiries pass") {
        NoticeBoard held = board();
        Notice long_alert = alert;
        long_alert.expires_utc_ms = kNoticeSent + 2 * kMsPerDay;
        REQUIRE(offer(held, signed_notice(long_alert)) == NoticeOffer::Added);
        Notice cancel = follow_up(long_alert, NoticeMsgType::Cancel, "quake-0001-cancel");
        cancel.expires_utc_ms = kNoticeSent + 2 * kMsPerHour; // earlier than the alert's
        REQUIRE(offer(held, signed_notice(cancel)) == NoticeOffer::Cancelled);
        REQUIRE(held.retired().size() == 1);
        CHECK(held.retired()[0].keep_until_utc_ms == long_alert.expires_utc_ms);
        // After the Cancel has expired the alert is still refused as a replay.
        const int64_t later = kNoticeSent + kMsPerDay;
        held.expire(later, kBoot + kMsPerDay);
        CHECK(offer(held, signed_notice(long_alert), later, kBoot + kMsPerDay) ==
              NoticeOffer::Retired);
        // After both: the record is dropped, and the alert is refused as expired.
        const int64_t after = long_alert.expires_utc_ms;
        held.expire(after, kBoot + 2 * kMsPerDay);
        CHECK(held.retired().empty());
        CHECK(offer(held, signed_notice(long_alert), after, kBoot + 2 * kMsPerDay) ==
              NoticeOffer::Expired);
    }
}

TEST_CASE("expiry by the wall clock, and by monotonic time when the clock is set back",
          "[notices]") {
    NoticeBoard held = board();
    const SignedDocument alert = signed_notice(sample_notice());
    REQUIRE(offer(held, alert) == NoticeOffer::Added);
    const int64_t left = kNoticeSent + kNoticeLifetime - kNow; // lifetime at receipt

    SECTION("the wall clock reaches expires") {
        CHECK(shown_ids(held, kNow + left - 1, kBoot + left - 1).size() == 1);
        CHECK(shown_ids(held, kNow + left, kBoot + left).empty());
        CHECK(held.expire(kNow + left, kBoot + left) == std::vector<std::string>{"quake-0001"});
        CHECK(held.notices().empty());
    }
    SECTION("the clock set back: the monotonic guard still expires it") {
        const int64_t set_back = kNow - 5 * kMsPerMinute; // earlier than at receipt
        CHECK(shown_ids(held, set_back + left - 1, kBoot + left - 1).size() == 1);
        CHECK(shown_ids(held, set_back + left, kBoot + left).empty());
        CHECK(held.expire(set_back + left, kBoot + left) == std::vector<std::string>{"quake-0001"});
        // Offered again while the clock is still behind: a replay.
        CHECK(offer(held, alert, set_back + left + 1, kBoot + left + 1) == NoticeOffer::Retired);
        CHECK(shown_ids(held, set_back + left + 1, kBoot + left + 1).empty());
    }
}

TEST_CASE("a notice not yet effective is held but not shown until then", "[notices]") {
    NoticeBoard held = board();
    Notice later = sample_notice();
    later.effective_utc_ms = kNow + kMsPerHour;
    CHECK(offer(held, signed_notice(later)) == NoticeOffer::Added);
    CHECK(shown_ids(held).empty());
    CHECK(shown_ids(held, kNow + kMsPerHour, kBoot + kMsPerHour).size() == 1);
    const std::vector<NoticeReceipt> receipts = held.receipts(kNow, kBoot);
    REQUIRE(receipts.size() == 1);
    CHECK_FALSE(receipts[0].showing);
}

TEST_CASE("a restore after a reboot verifies every row again and keeps the rules", "[notices]") {
    NoticeBoard before = board();
    const Notice alert = sample_notice();
    REQUIRE(offer(before, signed_notice(alert)) == NoticeOffer::Added);
    REQUIRE(offer(before, signed_notice(sample_notice("flood-0001", NoticeSeverity::Minor))) ==
            NoticeOffer::Added);
    const Notice cancelled = sample_notice("fire-0001");
    REQUIRE(offer(before, signed_notice(cancelled)) == NoticeOffer::Added);
    REQUIRE(offer(before, signed_notice(follow_up(cancelled, NoticeMsgType::Cancel, "fire-0002",
                                                  kMsPerMinute))) == NoticeOffer::Cancelled);
    before.mark_shown("quake-0001", kNow);
    before.count_viewer("quake-0001");

    SECTION("an untouched database shows the same notices again") {
        NoticeBoard after = board();
        std::vector<std::string> problems;
        after.restore(before.notices(), before.retired(), problems);
        CHECK(problems.empty());
        CHECK(shown_ids(after, kNow + 1000, 77) == shown_ids(before, kNow + 1000, kBoot + 1000));
        CHECK(after.notices()[0].received_monotonic_ms == 0);
        CHECK(after.notices()[0].first_shown_utc_ms == kNow);
        CHECK(after.notices()[0].viewers == 1);
        CHECK(offer(after, signed_notice(cancelled)) == NoticeOffer::Retired);
    }
    SECTION("a row edited by hand is dropped, with the reason") {
        std::vector<BoardNotice> rows = before.notices();
        rows[1].signed_notice.document =
            replaced(rows[1].signed_notice.document, "\"Minor\"", "\"Extreme\"");
        rows[0].notice.severity = NoticeSeverity::Extreme; // the row's copy is not trusted
        NoticeBoard after = board();
        std::vector<std::string> problems;
        after.restore(rows, before.retired(), problems);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].find("\"flood-0001\" dropped: signature: ") != std::string::npos);
        CHECK(shown_ids(after) == std::vector<std::string>{"quake-0001"});
        CHECK(after.notices()[0].notice.severity == NoticeSeverity::Severe);
    }
    SECTION("a cancelled notice put back with its retired row deleted stays cancelled") {
        std::vector<BoardNotice> rows = before.notices();
        BoardNotice revived;
        revived.signed_notice = signed_notice(cancelled);
        revived.notice = cancelled;
        rows.push_back(revived);
        NoticeBoard after = board();
        std::vector<std::string> problems;
        after.restore(rows, {}, problems);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].find("\"fire-0001\" dropped: a stored Update or Cancel retired it") !=
              std::string::npos);
        CHECK(shown_ids(after).size() == 2);
        CHECK(after.retired().size() == 1);
    }
    SECTION("a row for another venue (the config changed) is dropped") {
        NoticeBoard after("mobile-unit", {notice_keys().hub.public_key()});
        std::vector<std::string> problems;
        after.restore(before.notices(), before.retired(), problems);
        CHECK(problems.size() == 3); // the Cancel too: it was addressed to county-museum
        CHECK(after.notices().empty());
    }
    SECTION("after a reboot the monotonic guard is anchored again") {
        NoticeBoard after = board();
        std::vector<std::string> problems;
        after.restore(before.notices(), before.retired(), problems);
        const int64_t set_back = kNow - 5 * kMsPerMinute; // set back across the reboot
        after.expire(set_back, 1000);
        const int64_t left = kNoticeSent + kNoticeLifetime - kNow;
        CHECK(shown_ids(after, set_back + left - 1, 1000 + left - 1).size() == 2);
        CHECK(shown_ids(after, set_back + left, 1000 + left).empty());
    }
}

TEST_CASE("notices are drawn takeovers first, then by severity, urgency and newest", "[notices]") {
    NoticeBoard held = board();
    const auto add = [&](const std::string& id, NoticeSeverity severity, NoticeUrgency urgency,
                         int64_t sent_offset) {
        Notice notice = sample_notice(id, severity);
        notice.urgency = urgency;
        notice.sent_utc_ms += sent_offset;
        notice.effective_utc_ms = notice.sent_utc_ms;
        REQUIRE(offer(held, signed_notice(notice)) == NoticeOffer::Added);
    };
    add("minor-now", NoticeSeverity::Minor, NoticeUrgency::Immediate, 0);
    add("unknown", NoticeSeverity::Unknown, NoticeUrgency::Immediate, 0);
    add("severe-old", NoticeSeverity::Severe, NoticeUrgency::Immediate, 0);
    add("severe-new", NoticeSeverity::Severe, NoticeUrgency::Immediate, kMsPerMinute);
    add("severe-expected", NoticeSeverity::Severe, NoticeUrgency::Expected, 2 * kMsPerMinute);
    add("extreme", NoticeSeverity::Extreme, NoticeUrgency::Future, 0);
    add("moderate", NoticeSeverity::Moderate, NoticeUrgency::Past, 0);
    CHECK(shown_ids(held) == std::vector<std::string>{"extreme", "severe-new", "severe-old",
                                                      "severe-expected", "moderate", "minor-now",
                                                      "unknown"});
    CHECK(presentation_of(sample_notice("x", NoticeSeverity::Moderate)) ==
          NoticePresentation::Banner);
    CHECK(presentation_of(sample_notice("x", NoticeSeverity::Unknown)) ==
          NoticePresentation::Banner);
    CHECK(presentation_of(sample_notice("x", NoticeSeverity::Extreme)) ==
          NoticePresentation::Takeover);
}

TEST_CASE("receipts report first shown, showing now and counts, newest first, at most 64",
          "[notices]") {
    NoticeBoard held = board();
    for (int i = 0; i < 70; ++i) {
        Notice notice = sample_notice("n-" + std::to_string(i), NoticeSeverity::Minor);
        notice.sent_utc_ms += i * 1000;
        notice.effective_utc_ms = notice.sent_utc_ms;
        REQUIRE(offer(held, signed_notice(notice)) == NoticeOffer::Added);
    }
    held.mark_shown("n-69", kNow);
    held.mark_shown("n-69", kNow + 5000); // the first time counts
    held.count_viewer("n-69");
    held.count_viewer("n-69");
    held.count_opened("n-69");
    const std::vector<NoticeReceipt> receipts = held.receipts(kNow, kBoot);
    REQUIRE(receipts.size() == kMaxNoticeReceipts);
    CHECK(receipts[0].identifier == "n-69");
    CHECK(receipts[0].first_shown_utc_ms == kNow);
    CHECK(receipts[0].showing);
    CHECK(receipts[0].viewers == 2);
    CHECK(receipts[0].opened == 1);
    CHECK(receipts[1].identifier == "n-68");
    CHECK(receipts[1].first_shown_utc_ms == 0);
    CHECK(receipts.back().identifier == "n-6");
    std::string error;
    CHECK(parse_notice_receipts(to_json(receipts), error));
}

TEST_CASE("the board holds at most kMaxFeedNotices notices", "[notices]") {
    NoticeBoard held = board();
    for (size_t i = 0; i < kMaxFeedNotices; ++i)
        REQUIRE(offer(held, signed_notice(
                                sample_notice("n-" + std::to_string(i), NoticeSeverity::Minor))) ==
                NoticeOffer::Added);
    CHECK(offer(held, signed_notice(sample_notice("one-more"))) == NoticeOffer::Full);
    CHECK(held.notices().size() == kMaxFeedNotices);
}
