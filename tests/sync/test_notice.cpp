// The emergency notice's formats (engine/sync/notice.h, signed_document.h):
// the canonical document and its round trip, every field's bad value refused
// by name, the signature attacks (forged, a field changed after signing,
// another format's signature), the envelope, the feed and the receipts with
// their limits, and the two optional sync protocol fields.
#include "notice_test_support.h"

#include "sync/content_snapshot.h"
#include "sync/sync_protocol.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace kiosk;
using namespace kiosk::sync;
using namespace kiosk::test;

namespace {

// The error of verifying `document` signed by the trusted key: the field
// rules only, the signature being good.
std::string field_error(const std::string& document) {
    std::string error;
    CHECK_FALSE(verify_and_parse_notice(sign_notice_text(document),
                                        {notice_keys().hub.public_key()}, error));
    return error;
}

std::string good_document() {
    return notice_document(sample_notice());
}

} // namespace

TEST_CASE("a signed notice verifies and parses back to the same fields and bytes", "[notices]") {
    const Notice notice = sample_notice();
    const SignedDocument signed_document = signed_notice(notice);
    CHECK(signed_document.key_id == notice_keys().hub.id);
    CHECK(signed_document.document.rfind(
              "{\"format\":\"kiosk-notice-v1\",\"identifier\":\"quake-0001\",\"sender\":\"zj-hub\","
              "\"sent\":\"2026-11-28T00:00:00Z\",\"status\":\"Actual\",\"msg_type\":\"Alert\","
              "\"references\":[],\"categories\":[\"Geo\"],\"event\":{\"zh\":\"地震\",\"en\":"
              "\"Earthquake\"},\"urgency\":\"Immediate\",\"severity\":\"Severe\",\"certainty\":"
              "\"Observed\",\"effective\":\"2026-11-28T00:00:00Z\",\"expires\":"
              "\"2026-11-28T06:00:00Z\",\"headline\":{\"zh\":",
              0) == 0);
    CHECK(signed_document.document.find("\"venues\":[\"county-museum\"],\"content_ids\":[\"quake-"
                                        "drill\",\"safety-quiz\"]}") != std::string::npos);
    std::string error;
    const std::optional<Notice> parsed = verify_and_parse_notice(
        signed_document, {notice_keys().other.public_key(), notice_keys().hub.public_key()}, error);
    INFO(error);
    REQUIRE(parsed);
    CHECK(notice_document(*parsed) == signed_document.document);
    CHECK(parsed->identifier == "quake-0001");
    CHECK(parsed->severity == NoticeSeverity::Severe);
    CHECK(parsed->expires_utc_ms == kNoticeSent + kNoticeLifetime);
    CHECK(parsed->instruction.zh == notice.instruction.zh);
    CHECK(parsed->venues == notice.venues);

    const Notice update = follow_up(notice, NoticeMsgType::Update, "quake-0002");
    const std::optional<Notice> update_parsed =
        verify_and_parse_notice(signed_notice(update), {notice_keys().hub.public_key()}, error);
    REQUIRE(update_parsed);
    REQUIRE(update_parsed->references.size() == 1);
    CHECK(update_parsed->references[0].identifier == "quake-0001");
    CHECK(update_parsed->references[0].sent_utc_ms == kNoticeSent);
}

TEST_CASE("CAP's spellings map both ways; System, Draft, Ack and Error are refused", "[notices]") {
    for (NoticeSeverity severity :
         {NoticeSeverity::Extreme, NoticeSeverity::Severe, NoticeSeverity::Moderate,
          NoticeSeverity::Minor, NoticeSeverity::Unknown})
        CHECK(parse_notice_severity(to_cap(severity)) == severity);
    for (NoticeStatus status : {NoticeStatus::Actual, NoticeStatus::Exercise, NoticeStatus::Test})
        CHECK(parse_notice_status(to_cap(status)) == status);
    for (NoticeMsgType type : {NoticeMsgType::Alert, NoticeMsgType::Update, NoticeMsgType::Cancel})
        CHECK(parse_notice_msg_type(to_cap(type)) == type);
    for (NoticeUrgency urgency :
         {NoticeUrgency::Immediate, NoticeUrgency::Expected, NoticeUrgency::Future,
          NoticeUrgency::Past, NoticeUrgency::Unknown})
        CHECK(parse_notice_urgency(to_cap(urgency)) == urgency);
    for (NoticeCertainty certainty :
         {NoticeCertainty::Observed, NoticeCertainty::Likely, NoticeCertainty::Possible,
          NoticeCertainty::Unlikely, NoticeCertainty::Unknown})
        CHECK(parse_notice_certainty(to_cap(certainty)) == certainty);
    CHECK_FALSE(parse_notice_status("System"));
    CHECK_FALSE(parse_notice_status("Draft"));
    CHECK_FALSE(parse_notice_msg_type("Ack"));
    CHECK_FALSE(parse_notice_msg_type("Error"));
    CHECK_FALSE(parse_notice_severity("severe"));
    CHECK(is_cap_category("CBRNE"));
    CHECK_FALSE(is_cap_category("geo"));
}

TEST_CASE("every field's bad value is refused naming the field", "[notices]") {
    const std::string good = good_document();
    const auto refused = [&](const std::string& from, const std::string& to) {
        return field_error(replaced(good, from, to));
    };
    const auto starts = [](const std::string& error, const std::string& prefix) {
        INFO(error);
        return error.rfind(prefix, 0) == 0;
    };
    CHECK(refused("kiosk-notice-v1", "kiosk-snapshot-v1") ==
          "format: expected \"kiosk-notice-v1\"");
    CHECK(refused("\"sender\"", "\"extra\":1,\"sender\"") == "extra: unknown field");
    CHECK(refused("\"sender\":\"zj-hub\",", "") == "sender: missing");
    CHECK(starts(refused("\"quake-0001\"", "\"quake 0001\""), "identifier: expected 1..128"));
    CHECK(starts(refused("\"quake-0001\"", "\"quake,0001\""), "identifier: "));
    CHECK(starts(refused("\"quake-0001\"", "\"quake<0001\""), "identifier: "));
    CHECK(starts(refused("\"quake-0001\"", "\"quake&0001\""), "identifier: "));
    CHECK(starts(refused("\"quake-0001\"", "\"\""), "identifier: "));
    CHECK(starts(refused("\"quake-0001\"", "\"" + std::string(129, 'q') + "\""), "identifier: "));
    CHECK(starts(refused("\"zj-hub\"", "\"zj hub\""), "sender: "));
    CHECK(starts(refused("\"quake-0001\"", "7"), "identifier: expected a string"));
    CHECK(refused("\"sent\":\"2026-11-28T00:00:00Z\"", "\"sent\":\"2026-11-28 00:00:00\"") ==
          "sent: expected a UTC time YYYY-MM-DDTHH:MM:SSZ");
    CHECK(starts(refused("\"sent\":\"2026-11-28T00:00:00Z\"", "\"sent\":\"1969-12-31T00:00:00Z\""),
                 "sent: expected a whole-second UTC time from 1970"));
    CHECK(starts(refused("\"Actual\"", "\"System\""), "status: expected one of Actual"));
    CHECK(starts(refused("\"Actual\"", "\"Draft\""), "status: "));
    CHECK(starts(refused("\"Alert\"", "\"Ack\""), "msg_type: expected one of Alert"));
    CHECK(starts(refused("\"references\":[]",
                         "\"references\":[{\"sender\":\"zj-hub\",\"identifier\":\"x\","
                         "\"sent\":\"2026-11-27T00:00:00Z\"}]"),
                 "references: an Alert refers to no earlier message"));
    CHECK(starts(refused("\"Alert\"", "\"Update\""), "references: 0 references"));
    CHECK(starts(refused("\"Alert\"", "\"Cancel\""), "references: 0 references"));
    CHECK(starts(refused("\"Geo\"", "\"Quake\""), "categories[0]: expected one of Geo"));
    CHECK(starts(refused("[\"Geo\"]", "[]"), "categories: 0 categories, expected 1..12"));
    CHECK(refused("[\"Geo\"]", "[\"Geo\",\"Geo\"]") == "categories[1]: \"Geo\" is listed twice");
    CHECK(starts(refused("\"zh\":\"地震\"", "\"zh\":\"\""), "event.zh: missing"));
    CHECK(starts(refused("\"en\":\"Earthquake\"", "\"en\":\"" + std::string(129, 'E') + "\""),
                 "event.en: "));
    CHECK(starts(refused("\"en\":\"Earthquake\"}", "\"en\":\"Earthquake\",\"fr\":\"\"}"),
                 "event.fr: unknown field"));
    CHECK(starts(refused("\"Immediate\"", "\"Now\""), "urgency: expected one of Immediate"));
    CHECK(starts(refused("\"Severe\"", "\"Catastrophic\""), "severity: expected one of Extreme"));
    CHECK(starts(refused("\"Observed\"", "\"Sure\""), "certainty: expected one of Observed"));
    CHECK(refused("\"expires\":\"2026-11-28T06:00:00Z\"", "\"expires\":\"2026-11-28T00:00:00Z\"") ==
          "expires: expected a time after sent");
    CHECK(refused("\"effective\":\"2026-11-28T00:00:00Z\"",
                  "\"effective\":\"2026-11-28T07:00:00Z\"") ==
          "expires: expected a time after effective");
    CHECK(refused("\"expires\":\"2026-11-28T06:00:00Z\"", "\"expires\":\"2026-12-29T00:00:01Z\"") ==
          "expires: more than 31 days after sent");
    CHECK(refused("\"effective\":\"2026-11-28T00:00:00Z\"",
                  "\"effective\":\"2026-02-30T00:00:00Z\"") ==
          "effective: expected a UTC time YYYY-MM-DDTHH:MM:SSZ");
    const Notice notice = sample_notice();
    CHECK(starts(refused("\"zh\":\"" + notice.headline.zh + "\"", "\"zh\":\"\""),
                 "headline.zh: missing"));
    CHECK(starts(refused("\"en\":\"" + notice.headline.en + "\"",
                         "\"en\":\"" + std::string(241, 'h') + "\""),
                 "headline.en: "));
    CHECK(starts(refused("\"en\":\"" + notice.description.en + "\"",
                         "\"en\":\"" + std::string(4097, 'd') + "\""),
                 "description.en: "));
    CHECK(starts(refused("\"zh\":\"" + notice.instruction.zh + "\"", "\"zh\":\"bell\\u0007\""),
                 "instruction.zh: expected text without control characters"));
    CHECK(starts(refused("\"zh\":\"" + notice.instruction.zh + "\"",
                         "\"zh\":\"" + std::string(2049, 'i') + "\""),
                 "instruction.zh: "));
    CHECK(starts(refused("[\"county-museum\"]", "[\"county.museum\"]"),
                 "venues[0]: expected a venue id"));
    CHECK(refused("[\"county-museum\"]", "[\"county-museum\",\"county-museum\"]") ==
          "venues[1]: \"county-museum\" is listed twice");
    CHECK(starts(refused("[\"county-museum\"]", "\"county-museum\""), "venues: expected an array"));
    CHECK(starts(refused("\"quake-drill\"", "\"Quake_Drill\""),
                 "content_ids[0]: expected a content id"));
    CHECK(refused("\"quake-drill\"", "\"safety-quiz\"") ==
          "content_ids[1]: \"safety-quiz\" is listed twice");
    CHECK(starts(field_error("{\"format\":"), "malformed JSON"));

    std::string huge = good;
    huge.insert(1, std::string(kMaxNoticeDocumentBytes, ' '));
    CHECK(starts(field_error(huge), "document: "));
}

TEST_CASE("list limits and reference rules are checked on the hub's form too", "[notices]") {
    const auto problem = [](const auto& edit) {
        Notice notice = sample_notice();
        edit(notice);
        return check_notice(notice);
    };
    CHECK(check_notice(sample_notice()).empty());
    CHECK(problem([](Notice& n) { n.sent_utc_ms += 500; }) ==
          "sent: expected a whole-second UTC time from 1970 to 9999");
    CHECK(problem([](Notice& n) { n.categories.assign(13, "Geo"); }) ==
          "categories: 13 categories, expected 1..12");
    CHECK(problem([](Notice& n) {
              n.venues.clear();
              for (size_t i = 0; i <= kMaxNoticeVenues; ++i)
                  n.venues.push_back("v" + std::to_string(i));
          }) == "venues: 513 venues, expected 0..512");
    CHECK(problem([](Notice& n) {
              n.content_ids.clear();
              for (size_t i = 0; i <= kMaxNoticeContentIds; ++i)
                  n.content_ids.push_back("drill-" + std::to_string(i));
          }) == "content_ids: 9 content_ids, expected 0..8");
    CHECK(problem([](Notice& n) {
              n = follow_up(n, NoticeMsgType::Cancel, "quake-0002");
              n.references.assign(17, n.references[0]);
          }).rfind("references: 17 references, expected 1..16", 0) == 0);
    CHECK(problem([](Notice& n) {
              n = follow_up(n, NoticeMsgType::Update, "quake-0002");
              n.references.push_back(n.references[0]);
          }) == "references[1]: \"quake-0001\" is listed twice");
    CHECK(problem([](Notice& n) {
              n = follow_up(n, NoticeMsgType::Update, "quake-0002");
              n.references[0].identifier = "quake-0002";
          }) == "references[0]: a message cannot refer to itself");
    CHECK(problem([](Notice& n) {
              n = follow_up(n, NoticeMsgType::Update, "quake-0002");
              n.references[0].sent_utc_ms = 1;
          }) == "references[0].sent: expected a whole-second UTC time from 1970 to 9999");
    // A Cancel needs no headline, event or category; an Alert does.
    CHECK(problem([](Notice& n) {
              n = follow_up(n, NoticeMsgType::Cancel, "quake-0002");
              n.headline = {};
              n.event = {};
              n.categories.clear();
          }).empty());

    Notice bad = sample_notice();
    bad.venues = {"county museum"};
    std::string error;
    CHECK_FALSE(sign_notice(bad, notice_keys().hub, error));
    CHECK(error.rfind("venues[0]: ", 0) == 0);
}

TEST_CASE("a forged, altered or misdirected signature never verifies", "[notices]") {
    const SignedDocument genuine = signed_notice(sample_notice());
    const std::vector<PublicKey> trusted = {notice_keys().hub.public_key()};
    std::string error;
    const auto refused = [&](const SignedDocument& candidate) {
        error.clear();
        const bool verified = verify_and_parse_notice(candidate, trusted, error).has_value();
        INFO(error);
        return !verified && error.rfind("signature: ", 0) == 0;
    };
    CHECK_FALSE(refused(genuine));

    SECTION("random bytes as the signature") {
        SignedDocument forged = genuine;
        forged.signature = std::string(64, '\x5a');
        CHECK(refused(forged));
        CHECK(error.find("does not verify as kiosk-notice-v1") != std::string::npos);
    }
    SECTION("signed by a key the kiosk does not trust, claiming the trusted key's id") {
        SignedDocument other = signed_notice(sample_notice(), notice_keys().other);
        other.key_id = notice_keys().hub.id;
        CHECK(refused(other));
    }
    SECTION("one byte changed after signing: severity, expires, venues") {
        CHECK(refused({replaced(genuine.document, "\"Severe\"", "\"Extreme\""), genuine.signature,
                       genuine.key_id}));
        CHECK(refused({replaced(genuine.document, "T06:00:00Z", "T07:00:00Z"), genuine.signature,
                       genuine.key_id}));
        CHECK(refused({replaced(genuine.document, "\"county-museum\"", "\"county-museun\""),
                       genuine.signature, genuine.key_id}));
        CHECK(refused({replaced(genuine.document, "[\"county-museum\"]", "[]"), genuine.signature,
                       genuine.key_id}));
    }
    SECTION("another format's signature: a snapshot signature over the same bytes") {
        const SignedDocument as_snapshot =
            sign_document(kSnapshotFormat, genuine.document, notice_keys().hub);
        CHECK(refused(as_snapshot));
        // and the other way round: a notice signature does not make a snapshot
        CHECK_FALSE(verify_document(kSnapshotFormat, genuine, trusted, error));
        CHECK(verify_document(kNoticeFormat, genuine, trusted, error));
    }
    SECTION("a signature over the bare document (no format prefix)") {
        SignedDocument bare = genuine;
        bare.signature = sign_detached(bare.document, notice_keys().hub);
        CHECK(refused(bare));
    }
    SECTION("a truncated signature") {
        SignedDocument cut = genuine;
        cut.signature.resize(63);
        CHECK(refused(cut));
        CHECK(error == "signature: expected 64 bytes, got 63");
    }
    SECTION("no trusted notice key configured") {
        CHECK_FALSE(verify_and_parse_notice(genuine, {}, error));
        CHECK(error.rfind("no trusted_notice_keys", 0) == 0);
    }
}

TEST_CASE("the signed envelope carries the exact bytes and is parsed strictly", "[notices]") {
    const SignedDocument genuine = signed_notice(sample_notice());
    const std::string envelope = signed_document_to_json(genuine);
    std::string error;
    const std::optional<SignedDocument> read =
        parse_signed_document(envelope, kMaxNoticeDocumentBytes, error);
    INFO(error);
    REQUIRE(read);
    CHECK(read->document == genuine.document);
    CHECK(read->signature == genuine.signature);
    CHECK(read->key_id == genuine.key_id);

    const auto refusal = [&](const std::string& text) {
        CHECK_FALSE(parse_signed_document(text, kMaxNoticeDocumentBytes, error));
        return error;
    };
    CHECK(refusal(replaced(envelope, "\"key_id\"", "\"x\":1,\"key_id\"")) == "x: unknown field");
    CHECK(refusal(replaced(envelope, "\"key_id\":\"", "\"key_id\":\"Z")) ==
          "key_id: expected a key id of 16 hex digits");
    CHECK(refusal(replaced(envelope, "\"signature\":\"", "\"signature\":\"QUFB")) ==
          "signature: expected a base64 Ed25519 signature (64 bytes)");
    CHECK(refusal("{\"document\":\"{}\",\"signature\":\"\"}") == "key_id: missing");
    CHECK(refusal(std::string(6 * kMaxNoticeDocumentBytes + 1025, ' ')).rfind("envelope: ", 0) ==
          0);
    // A document over the limit, inside an envelope under its own limit.
    SignedDocument big = genuine;
    big.document = std::string(kMaxNoticeDocumentBytes + 1, 'x');
    CHECK(refusal(signed_document_to_json(big)).rfind("document: expected", 0) == 0);
}

TEST_CASE("the notice feed round-trips and refuses more than its limits", "[notices]") {
    NoticeFeed feed;
    feed.version = 42;
    feed.notices = {signed_notice(sample_notice("quake-0001")),
                    signed_notice(sample_notice("flood-0001", NoticeSeverity::Moderate))};
    std::string error;
    const std::optional<NoticeFeed> read = parse_notice_feed(to_json(feed), error);
    INFO(error);
    REQUIRE(read);
    CHECK(read->version == 42);
    REQUIRE(read->notices.size() == 2);
    CHECK(read->notices[1].document == feed.notices[1].document);
    CHECK(read->notices[1].signature == feed.notices[1].signature);

    const std::string good = to_json(feed);
    CHECK_FALSE(parse_notice_feed(replaced(good, "\"version\":42", "\"version\":-1"), error));
    CHECK(error.rfind("version: ", 0) == 0);
    CHECK_FALSE(
        parse_notice_feed(replaced(good, "\"version\":42", "\"version\":42,\"x\":0"), error));
    CHECK(error == "x: unknown field");
    const size_t second_key = good.rfind("\"key_id\":\"");
    std::string bad_key = good;
    bad_key.replace(second_key, 11, "\"key_id\":\"Q");
    CHECK_FALSE(parse_notice_feed(bad_key, error));
    CHECK(error == "notices[1].key_id: expected a key id of 16 hex digits");

    NoticeFeed many;
    many.notices.assign(kMaxFeedNotices, feed.notices[0]);
    REQUIRE(parse_notice_feed(to_json(many), error));
    many.notices.push_back(feed.notices[0]);
    CHECK_FALSE(parse_notice_feed(to_json(many), error));
    CHECK(error == "notices: 257 notices, more than the limit of 256");

    std::string oversized = to_json(feed);
    oversized.insert(1, std::string(kMaxFeedBytes, ' '));
    CHECK_FALSE(parse_notice_feed(oversized, error));
    CHECK(error.rfind("feed: ", 0) == 0);
}

TEST_CASE("notice receipts round-trip and are parsed strictly", "[notices]") {
    const std::vector<NoticeReceipt> receipts = {{"quake-0001", kNoticeSent + 5000, true, 12, 3},
                                                 {"flood-0001", 0, false, 0, 0}};
    const std::string text = to_json(receipts);
    CHECK(text.find("\"first_shown\":\"2026-11-28T00:00:05Z\"") != std::string::npos);
    CHECK(text.find("\"first_shown\":null") != std::string::npos);
    std::string error;
    const std::optional<std::vector<NoticeReceipt>> read = parse_notice_receipts(text, error);
    INFO(error);
    REQUIRE(read);
    REQUIRE(read->size() == 2);
    CHECK((*read)[0].first_shown_utc_ms == kNoticeSent + 5000);
    CHECK((*read)[0].showing);
    CHECK((*read)[0].viewers == 12);
    CHECK((*read)[0].opened == 3);
    CHECK((*read)[1].first_shown_utc_ms == 0);

    const auto refusal = [&](const std::string& from, const std::string& to) {
        CHECK_FALSE(parse_notice_receipts(replaced(text, from, to), error));
        return error;
    };
    CHECK(refusal("\"viewers\":12", "\"viewers\":1000000001").rfind("[0].viewers: ", 0) == 0);
    CHECK(refusal("\"opened\":3", "\"opened\":-1").rfind("[0].opened: ", 0) == 0);
    CHECK(refusal("\"showing\":true", "\"showing\":1") == "[0].showing: expected true or false");
    CHECK(refusal("\"2026-11-28T00:00:05Z\"", "\"yesterday\"") ==
          "[0].first_shown: expected a UTC time YYYY-MM-DDTHH:MM:SSZ");
    CHECK(refusal("\"quake-0001\"", "\"quake 0001\"").rfind("[0].identifier: ", 0) == 0);
    CHECK(refusal("\"opened\":3", "\"opened\":3,\"x\":1") == "[0].x: unknown field");

    const std::vector<NoticeReceipt> many(kMaxNoticeReceipts + 1, receipts[0]);
    CHECK_FALSE(parse_notice_receipts(to_json(many), error));
    CHECK(error == "receipts: 65 receipts, more than the limit of 64");
}

TEST_CASE("the sync protocol's notice fields are optional and checked", "[notices]") {
    SyncAnswer answer;
    answer.server_utc_ms = 5;
    CHECK(to_json(answer).find("notices_version") == std::string::npos);
    std::string error;
    REQUIRE(parse_sync_answer(to_json(answer), error));
    CHECK_FALSE(parse_sync_answer(to_json(answer), error)->notices_version);
    answer.notices_version = 9;
    const std::optional<SyncAnswer> read = parse_sync_answer(to_json(answer), error);
    REQUIRE(read);
    CHECK(read->notices_version == 9);
    CHECK_FALSE(parse_sync_answer(replaced(to_json(answer), ":9}", ":-9}"), error));
    CHECK(error.rfind("notices_version: ", 0) == 0);

    SyncBatch batch;
    batch.epoch = "7b044cf3518a07fda0adb414df9d27bf";
    CHECK(to_json(batch).find("notice_receipts") == std::string::npos);
    REQUIRE(parse_sync_batch(to_json(batch), error));
    CHECK_FALSE(parse_sync_batch(to_json(batch), error)->heartbeat.notice_receipts);
    batch.heartbeat.notice_receipts = std::vector<NoticeReceipt>{{"quake-0001", 0, false, 1, 0}};
    const std::optional<SyncBatch> read_batch = parse_sync_batch(to_json(batch), error);
    INFO(error);
    REQUIRE(read_batch);
    REQUIRE(read_batch->heartbeat.notice_receipts);
    CHECK(to_json(*read_batch->heartbeat.notice_receipts) ==
          to_json(*batch.heartbeat.notice_receipts));
    CHECK_FALSE(
        parse_sync_batch(replaced(to_json(batch), "\"viewers\":1", "\"viewers\":\"1\""), error));
    CHECK(error.rfind("heartbeat.notice_receipts[0].viewers: ", 0) == 0);
    batch.heartbeat.notice_receipts->assign(kMaxNoticeReceipts + 1, {"quake-0001", 0, false, 1, 0});
    CHECK_FALSE(parse_sync_batch(to_json(batch), error));
    CHECK(error == "heartbeat.notice_receipts: 65 receipts, more than the limit of 64");
}
