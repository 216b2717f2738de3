// The hub's notice store (hub/notice_store.h) in process: every message kept
// as signed at the next notice version, a duplicate identifier refused, an
// Update or Cancel retiring what it references (and refused when that is
// unknown, sent at another time, or already retired), each venue's feed
// (its own and all-venue notices, never another venue's, nothing expired,
// Cancels included and what they retired left out), the history, receipts
// (replaced per kiosk, none kept for identifiers the hub never issued), the
// CAP routing tables with their checks, the schema version, and a stored
// row that no longer parses left out without losing the rest.
#include "notice_test_support.h"
#include "store_backends.h"

#include "hub/notice_store.h"

using namespace kiosk;
using namespace kiosk::hub;
using kiosk::test::kNoticeHourMs;
using kiosk::test::make_notice;
using kiosk::test::make_reply;
using kiosk::test::store_notice;
using kiosk::test::TempFolder;

namespace {

constexpr int64_t kSent = 1796000000000; // 2026-11-29

struct Notices {
    TempFolder folder;
    std::string data = folder.file("data");
    std::unique_ptr<HubStore> hub;
    std::unique_ptr<NoticeStore> store;
    SecretKey key;

    Notices() {
        REQUIRE(sodium_init() >= 0);
        key = generate_key();
        std::string error;
        hub = open_hub_store(kiosk::test::test_store(data), error);
        INFO(error);
        REQUIRE(hub);
        REQUIRE(hub->add_venue({"county-1", "县馆", "County", "county_museum"}, error));
        REQUIRE(hub->add_venue({"county-2", "二馆", "Second", "county_museum"}, error));
        REQUIRE(hub->add_kiosk({"lobby-1", "county-1", "hash", "", 0}, error));
        REQUIRE(hub->add_kiosk({"lobby-2", "county-2", "hash", "", 0}, error));
        store = kiosk::test::open_notices(data);
    }
    AddNoticeOutcome add(const sync::Notice& notice) {
        return store_notice(*store, notice, key, kSent);
    }
    std::vector<std::string> feed_ids(const std::string& venue, int64_t now) {
        std::vector<std::string> ids;
        for (const StoredNotice& stored : store->feed_for_venue(venue, now))
            ids.push_back(stored.notice.identifier);
        return ids;
    }
};

} // namespace

TEST_CASE("notice store: versions, duplicates, and what Update and Cancel retire",
          "[hub][notices]") {
    Notices notices;
    CHECK(notices.store->version() == 0);
    const sync::Notice quake = make_notice("KH-1", {"county-1"}, kSent, kSent + 6 * kNoticeHourMs);
    REQUIRE(notices.add(quake) == AddNoticeOutcome::Added);
    CHECK(notices.store->version() == 1);
    CHECK(notices.add(quake) == AddNoticeOutcome::Duplicate);
    CHECK(notices.store->version() == 1);

    // A reference to a notice sent at another time is no reference.
    sync::Notice wrong_time = make_reply(quake, "KH-2", sync::NoticeMsgType::Update, 1000);
    wrong_time.references[0].sent_utc_ms += 1000;
    CHECK(notices.add(wrong_time) == AddNoticeOutcome::UnknownReference);
    sync::Notice unknown = make_reply(quake, "KH-2", sync::NoticeMsgType::Cancel, 1000);
    unknown.references[0].identifier = "KH-404";
    CHECK(notices.add(unknown) == AddNoticeOutcome::UnknownReference);
    CHECK(notices.store->version() == 1);

    const sync::Notice update = make_reply(quake, "KH-2", sync::NoticeMsgType::Update, 60000);
    REQUIRE(notices.add(update) == AddNoticeOutcome::Added);
    CHECK(notices.store->find(kHubNoticeSender, "KH-1")->retired_seq == 2);
    CHECK(notices.store->find(kHubNoticeSender, "KH-2")->retired_seq == 0);
    // The Alert is retired: it cannot be updated or cancelled again.
    CHECK(notices.add(make_reply(quake, "KH-3", sync::NoticeMsgType::Cancel, 120000)) ==
          AddNoticeOutcome::AlreadyRetired);
    const sync::Notice cancel = make_reply(update, "KH-3", sync::NoticeMsgType::Cancel, 120000);
    REQUIRE(notices.add(cancel) == AddNoticeOutcome::Added);
    // A Cancel itself cannot be replaced.
    CHECK(notices.add(make_reply(cancel, "KH-4", sync::NoticeMsgType::Update, 180000)) ==
          AddNoticeOutcome::AlreadyRetired);
    CHECK(notices.store->version() == 3);

    // Kept as signed: the stored bytes verify and parse to the same notice.
    const std::optional<StoredNotice> stored = notices.store->find(kHubNoticeSender, "KH-3");
    REQUIRE(stored);
    std::string error;
    const std::optional<sync::Notice> verified =
        sync::verify_and_parse_notice(stored->signed_notice, {notices.key.public_key()}, error);
    INFO(error);
    REQUIRE(verified);
    CHECK(verified->msg_type == sync::NoticeMsgType::Cancel);
    CHECK(stored->author == "test");
    CHECK(stored->seq == 3);

    // The history, newest first; reopened, everything is still there.
    notices.store.reset();
    notices.store = kiosk::test::open_notices(notices.data);
    const std::vector<StoredNotice> history = notices.store->history("", 10);
    REQUIRE(history.size() == 3);
    CHECK(history[0].notice.identifier == "KH-3");
    CHECK(history[2].notice.identifier == "KH-1");
    CHECK(notices.store->history("", 1).size() == 1);
}

TEST_CASE("notice store: a venue's feed has its own and all-venue notices in force, and Cancels",
          "[hub][notices]") {
    Notices notices;
    const int64_t hour = kNoticeHourMs;
    REQUIRE(notices.add(make_notice("own", {"county-1"}, kSent, kSent + 6 * hour)) ==
            AddNoticeOutcome::Added);
    REQUIRE(notices.add(make_notice("other", {"county-2"}, kSent, kSent + 6 * hour)) ==
            AddNoticeOutcome::Added);
    REQUIRE(notices.add(make_notice("everyone", {}, kSent, kSent + 6 * hour)) ==
            AddNoticeOutcome::Added);
    REQUIRE(notices.add(make_notice("short", {"county-1", "county-2"}, kSent, kSent + hour)) ==
            AddNoticeOutcome::Added);
    const sync::Notice gone = make_notice("gone", {"county-1"}, kSent, kSent + 2 * hour);
    REQUIRE(notices.add(gone) == AddNoticeOutcome::Added);
    REQUIRE(notices.add(make_reply(gone, "gone-cancel", sync::NoticeMsgType::Cancel, 1000)) ==
            AddNoticeOutcome::Added);

    using Ids = std::vector<std::string>;
    CHECK(notices.feed_ids("county-1", kSent + 1000) ==
          Ids{"own", "everyone", "short", "gone-cancel"});
    CHECK(notices.feed_ids("county-2", kSent + 1000) == Ids{"other", "everyone", "short"});
    CHECK(notices.feed_ids("county-9", kSent + 1000) == Ids{"everyone"});
    // An hour later "short" has expired; after six, everything.
    CHECK(notices.feed_ids("county-1", kSent + hour) == Ids{"own", "everyone", "gone-cancel"});
    CHECK(notices.feed_ids("county-1", kSent + 6 * hour).empty());

    // The history of a venue: its own and all-venue notices.
    Ids history;
    for (const StoredNotice& stored : notices.store->history("county-2", 100))
        history.push_back(stored.notice.identifier);
    CHECK(history == Ids{"short", "everyone", "other"});
}

TEST_CASE("notice store: receipts replace a kiosk's earlier ones; unknown identifiers are dropped",
          "[hub][notices]") {
    Notices notices;
    REQUIRE(notices.add(make_notice("KH-1", {}, kSent, kSent + kNoticeHourMs)) ==
            AddNoticeOutcome::Added);
    std::string error;
    REQUIRE(notices.store->store_receipts(
        "lobby-1", "county-1", {{"KH-1", kSent + 5000, true, 3, 1}, {"made-up", kSent, true, 9, 9}},
        kSent + 6000, error));
    REQUIRE(notices.store->store_receipts("lobby-2", "county-2", {{"KH-1", 0, false, 0, 0}},
                                          kSent + 7000, error));
    REQUIRE(notices.store->store_receipts(
        "lobby-1", "county-1", {{"KH-1", kSent + 5000, false, 4, 2}}, kSent + 8000, error));
    const std::vector<StoredReceipt> receipts = notices.store->receipts_for("KH-1");
    REQUIRE(receipts.size() == 2);
    CHECK(receipts[0].kiosk == "lobby-1");
    CHECK(receipts[0].venue == "county-1");
    CHECK(receipts[0].receipt.first_shown_utc_ms == kSent + 5000);
    CHECK_FALSE(receipts[0].receipt.showing);
    CHECK(receipts[0].receipt.viewers == 4);
    CHECK(receipts[0].receipt.opened == 2);
    CHECK(receipts[0].reported_utc_ms == kSent + 8000);
    CHECK(receipts[1].kiosk == "lobby-2");
    CHECK(receipts[1].receipt.first_shown_utc_ms == 0);
    CHECK(notices.store->receipts_for("made-up").empty());
    // A kiosk the hub does not know: refused by the database, nothing stored.
    CHECK_FALSE(notices.store->store_receipts("nobody", "county-1", {{"KH-1", kSent, true, 1, 1}},
                                              kSent, error));
    CHECK(notices.store->receipts_for("KH-1").size() == 2);
}

TEST_CASE("notice store: a notice a kiosk's heartbeat no longer lists (cancelled) is no longer "
          "showing there",
          "[hub][notices]") {
    Notices notices;
    REQUIRE(notices.add(make_notice("KH-1", {}, kSent, kSent + kNoticeHourMs)) ==
            AddNoticeOutcome::Added);
    std::string error;
    for (const char* kiosk : {"lobby-1", "lobby-2"})
        REQUIRE(notices.store->store_receipts(
            kiosk, "county-1", {{"KH-1", kSent + 5000, true, 1, 0}}, kSent + 6000, error));
    // lobby-1 received the Cancel: its next heartbeat lists nothing.
    REQUIRE(notices.store->store_receipts("lobby-1", "county-1", {}, kSent + 9000, error));
    const std::vector<StoredReceipt> receipts = notices.store->receipts_for("KH-1");
    REQUIRE(receipts.size() == 2);
    CHECK_FALSE(receipts[0].receipt.showing); // lobby-1
    CHECK(receipts[0].receipt.first_shown_utc_ms == kSent + 5000);
    CHECK(receipts[0].receipt.viewers == 1);
    CHECK(receipts[1].receipt.showing); // lobby-2 has not heard yet
}

TEST_CASE("notice store: division codes and area routes are checked", "[hub][notices]") {
    Notices notices;
    NoticeStore& store = *notices.store;
    std::string error;
    REQUIRE(store.set_venue_division("county-1", "330106", error));
    REQUIRE(store.set_venue_division("county-1", "330108", error));
    REQUIRE(store.set_venue_division("county-2", "330100", error));
    using Divisions = std::vector<std::pair<std::string, std::string>>;
    CHECK(store.venue_divisions() == Divisions{{"county-1", "330108"}, {"county-2", "330100"}});
    for (const char* bad : {"33010", "3301066", "33O106", "330106 ", "-30106"}) {
        CAPTURE(bad);
        CHECK_FALSE(store.set_venue_division("county-1", bad, error));
        CHECK(error.find("--code") != std::string::npos);
    }
    CHECK_FALSE(store.set_venue_division("county-9", "330106", error));
    CHECK(error.find("county-9") != std::string::npos);
    REQUIRE(store.set_venue_division("county-2", "", error));
    CHECK(store.venue_divisions() == Divisions{{"county-1", "330108"}});

    REQUIRE(store.add_area_route({"西湖区", "county-1"}, error));
    REQUIRE(store.add_area_route({"西湖区", "county-2"}, error));
    REQUIRE(store.add_area_route({"西湖区", "county-2"}, error)); // again: no change
    CHECK(store.area_routes().size() == 2);
    CHECK_FALSE(store.add_area_route({"", "county-1"}, error));
    CHECK_FALSE(store.add_area_route({std::string(257, 'x'), "county-1"}, error));
    CHECK_FALSE(store.add_area_route({"滨江区", "county-9"}, error));
    CHECK(error.find("county-9") != std::string::npos);
    REQUIRE(store.remove_area_route({"西湖区", "county-2"}, error));
    CHECK_FALSE(store.remove_area_route({"西湖区", "county-2"}, error));
    REQUIRE(store.area_routes().size() == 1);
    CHECK(store.area_routes()[0].venue == "county-1");
}

TEST_CASE("notice store: a newer schema is refused; a row that does not parse is left out",
          "[hub][notices]") {
    Notices notices;
    REQUIRE(notices.add(make_notice("good", {}, kSent, kSent + kNoticeHourMs)) ==
            AddNoticeOutcome::Added);
    REQUIRE(notices.add(make_notice("broken", {}, kSent, kSent + kNoticeHourMs)) ==
            AddNoticeOutcome::Added);
    notices.store.reset();
    kiosk::test::exec_hub_sql(
        notices.data, "UPDATE notices SET document = '{not json' WHERE identifier = 'broken'");
    notices.store = kiosk::test::open_notices(notices.data);
    REQUIRE(notices.store->history("", 10).size() == 1);
    CHECK(notices.feed_ids("county-1", kSent).size() == 1);
    CHECK(notices.store->version() == 2);
    notices.store.reset();

    const bool postgresql = kiosk::test::testing_postgresql();
    kiosk::test::exec_hub_sql(
        notices.data, postgresql ? "UPDATE store_schema SET version = 99 WHERE part = 'notices'"
                                 : "UPDATE notice_schema SET version = 99");
    std::string error;
    CHECK_FALSE(open_notice_store(kiosk::test::test_store(notices.data), error));
    INFO(error);
    CHECK(error.find(postgresql ? "notices in the PostgreSQL store has schema version 99"
                                : "notices in hub.db has schema version 99") != std::string::npos);
}

// As a damaged or half-migrated database would be: every read of a table
// that is not there is an error, never an empty list ("shown on 0 of 0").
TEST_CASE("notice store: a read the database cannot answer is an error, never an empty list",
          "[hub][notices]") {
    Notices notices;
    REQUIRE(notices.add(make_notice("KH-1", {}, kSent, kSent + kNoticeHourMs)) ==
            AddNoticeOutcome::Added);
    std::string error;
    REQUIRE(notices.store->store_receipts("lobby-1", "county-1", {{"KH-1", kSent, true, 1, 0}},
                                          kSent, error));
    REQUIRE(notices.store->set_venue_division("county-1", "330106", error));
    REQUIRE(notices.store->add_area_route({"浙江省杭州市西湖区", "county-1"}, error));
    REQUIRE(notices.store->receipts_for("KH-1").size() == 1);

    kiosk::test::exec_hub_sql(notices.data, "ALTER TABLE notice_receipts RENAME TO gone_1; "
                                            "ALTER TABLE venue_divisions RENAME TO gone_2; "
                                            "ALTER TABLE notice_area_routes RENAME TO gone_3");
    CHECK_THROWS_AS(notices.store->receipts_for("KH-1"), StoreReadError);
    CHECK_THROWS_AS(notices.store->venue_divisions(), StoreReadError);
    CHECK_THROWS_AS(notices.store->area_routes(), StoreReadError);
    CHECK(notices.store->version() == 1); // the notices themselves still read

    kiosk::test::exec_hub_sql(notices.data, "ALTER TABLE notices RENAME TO gone_4");
    CHECK_THROWS_AS(notices.store->version(), StoreReadError);
    CHECK_THROWS_AS(notices.store->history("", 10), StoreReadError);
    CHECK_THROWS_AS(notices.store->feed_for_venue("county-1", kSent), StoreReadError);
    CHECK_THROWS_AS(notices.store->find("hub", "KH-1"), StoreReadError);
}
