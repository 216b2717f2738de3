// The kiosk's notice poller and its store (issue 18, part 3): the board kept
// in kiosk.db across a reopen, a hand-edited row dropped when loaded; the poll
// asks with If-None-Match and takes 304 as no change (over the real HTTP
// transport too); a sync answer's other notices_version polls at once; a USB
// folder's notices.json is offered like a poll answer, a forged notice in it
// refused and listed.
#include "core/temp_folder.h"
#include "notice_test_support.h"
#include "sync/kiosk_notice_store.h"
#include "sync/notice_poller.h"
#include "telemetry/telemetry_test_support.h"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <sodium.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

using namespace kiosk;
using namespace kiosk::sync;
using kiosk::test::kNoticeVenue;
using kiosk::test::notice_keys;
using kiosk::test::sample_notice;
using kiosk::test::signed_notice;

namespace {

constexpr int64_t kNow = 1795829400000;

// A hub link that serves a feed at `version` and answers 304 to its ETag.
struct FeedTransport : SyncTransport {
    std::mutex mutex;
    std::condition_variable changed;
    NoticeFeed feed;
    std::vector<std::string> if_none_match; // per request, "" when absent

    GetAnswer get(const std::string& path, int64_t, int64_t, const GetSink& sink,
                  const RequestHeaders& headers) override {
        std::lock_guard lock(mutex);
        std::string asked;
        for (const auto& [name, value] : headers)
            if (name == "If-None-Match") asked = value;
        if_none_match.push_back(asked);
        changed.notify_all();
        GetAnswer answer;
        const std::string etag = "\"" + std::to_string(feed.version) + "\"";
        answer.etag = etag;
        if (path != kNoticesPath) {
            answer.status = 404;
            return answer;
        }
        if (asked == etag) {
            answer.status = 304;
            return answer;
        }
        const std::string body = to_json(feed);
        answer.status = 200;
        answer.received = int64_t(body.size());
        answer.complete = sink.write(body.data(), body.size());
        return answer;
    }
    HttpAnswer post_sync(const std::string&) override { return {}; }
    std::string describe() const override { return "feed hub"; }
};

NoticePollerOptions options_for(const test::TempFolder& folder) {
    NoticePollerOptions options;
    options.kiosk_db = folder.file("kiosk.db");
    options.own_venue = kNoticeVenue;
    options.notice_keys = {notice_keys().hub.public_key()};
    options.poll_interval_ms = 3600000; // only at start and when asked
    options.utc_now_ms = [] { return kNow; };
    options.monotonic_now_ms = [] { return int64_t(1000); };
    return options;
}

} // namespace

TEST_CASE("the notice store keeps the board across a reopen; a hand-edited row is dropped",
          "[notices]") {
    test::TempFolder folder;
    std::string error;
    {
        NoticeBoard board(kNoticeVenue, {notice_keys().hub.public_key()});
        REQUIRE(board.offer(signed_notice(sample_notice("a-1")), kNow, 1000).accepted());
        board.mark_shown("a-1", kNow);
        board.count_viewer("a-1");
        board.count_opened("a-1");
        auto store = KioskNoticeStore::open(folder.file("kiosk.db"), error);
        INFO(error);
        REQUIRE(store);
        REQUIRE(store->save(board, error));
    }
    auto store = KioskNoticeStore::open(folder.file("kiosk.db"), error);
    REQUIRE(store);
    NoticeBoard restored(kNoticeVenue, {notice_keys().hub.public_key()});
    std::vector<std::string> problems;
    REQUIRE(store->load(restored, problems, error));
    CHECK(problems.empty());
    REQUIRE(restored.notices().size() == 1);
    CHECK(restored.notices()[0].notice.identifier == "a-1");
    CHECK(restored.notices()[0].first_shown_utc_ms == kNow);
    CHECK(restored.notices()[0].viewers == 1);
    CHECK(restored.notices()[0].opened == 1);
    CHECK(restored.showing(kNow, 5).size() == 1);

    // Someone makes the stored notice Extreme by hand: it no longer verifies.
    {
        test::Db db(folder.file("kiosk.db"), false);
        REQUIRE(sqlite3_exec(db.get(),
                             "UPDATE notices SET document = replace(document, 'Severe', "
                             "'Extreme')",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    NoticeBoard edited(kNoticeVenue, {notice_keys().hub.public_key()});
    problems.clear();
    REQUIRE(store->load(edited, problems, error));
    CHECK(edited.notices().empty());
    CHECK(problems.size() == 1);
}

TEST_CASE("the poll asks with If-None-Match, takes 304 as no change, and a newer "
          "notices_version polls at once",
          "[notices]") {
    test::TempFolder folder;
    auto transport = std::make_unique<FeedTransport>();
    FeedTransport* hub = transport.get();
    hub->feed.version = 4;
    hub->feed.notices = {signed_notice(sample_notice("a-1"))};
    NoticePoller poller(options_for(folder), std::move(transport));

    NoticePollResult first = poller.poll_once();
    CHECK(first.outcome == "changed");
    CHECK(first.accepted == 1);
    CHECK(poller.feed_version() == 4);
    NoticePollResult second = poller.poll_once();
    CHECK(second.outcome == "not_modified");
    CHECK(hub->if_none_match == std::vector<std::string>{"", "\"4\""});
    REQUIRE(poller.showing().size() == 1);

    {
        std::lock_guard lock(hub->mutex);
        hub->feed.version = 5;
        hub->feed.notices.push_back(signed_notice(sample_notice("a-2")));
    }
    poller.start(); // polls at start: 3 requests
    poller.on_notices_version(5);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    {
        std::unique_lock lock(hub->mutex);
        hub->changed.wait_until(lock, deadline, [&] { return hub->if_none_match.size() >= 3; });
    }
    // The start's poll got version 5; the same version named again asks nothing more.
    const auto has_both = [&] { return poller.showing().size() == 2; };
    while (!has_both() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::yield();
    CHECK(has_both());
    poller.stop();
    // Saved on stop: a new poller over the same kiosk.db has both.
    NoticePoller reopened(options_for(folder), nullptr);
    CHECK(reopened.showing().size() == 2);
}

TEST_CASE("a USB folder's notices.json is offered like a poll; a forged notice is refused and "
          "listed, an unchanged file not read again",
          "[notices]") {
    test::TempFolder folder;
    std::filesystem::create_directories(folder.file("usb"));
    NoticeFeed feed;
    feed.version = 2;
    feed.notices = {signed_notice(sample_notice("real-1")),
                    signed_notice(sample_notice("fake-1"), notice_keys().other)};
    std::ofstream(folder.file("usb/notices.json")) << to_json(feed);
    NoticePoller poller(options_for(folder), nullptr);
    NoticePollResult result = poller.import_folder(folder.file("usb"));
    CHECK(result.outcome == "changed");
    CHECK(result.accepted == 1);
    CHECK(result.refused == 1);
    REQUIRE(poller.showing().size() == 1);
    CHECK(poller.showing()[0].notice.identifier == "real-1");
    const std::vector<NoticeRefusal> refusals = poller.refusals();
    REQUIRE(refusals.size() == 1);
    CHECK(refusals[0].offer == "forged");
    CHECK(refusals[0].source == folder.file("usb"));
    CHECK(poller.import_folder(folder.file("usb")).outcome == "same");
    CHECK(poller.refusals().size() == 1); // not refused (nor logged) again

    std::filesystem::remove(folder.file("usb/notices.json"));
    std::filesystem::create_symlink(folder.file("elsewhere.json"), folder.file("usb/notices.json"));
    CHECK(poller.import_folder(folder.file("usb")).outcome == "refused");
}

TEST_CASE("the HTTP transport sends If-None-Match and returns 304 as not modified, without an "
          "error",
          "[notices]") {
    httplib::Server server;
    std::mutex mutex;
    std::vector<std::string> asked;
    server.Get(kNoticesPath, [&](const httplib::Request& request, httplib::Response& response) {
        std::lock_guard lock(mutex);
        asked.push_back(request.get_header_value("If-None-Match"));
        response.set_header("ETag", "\"9\"");
        if (request.get_header_value("If-None-Match") == "\"9\"") {
            response.status = 304;
            return;
        }
        response.set_content("{\"version\":9,\"notices\":[]}", "application/json");
    });
    const int port = server.bind_to_any_port("127.0.0.1");
    REQUIRE(port > 0);
    std::thread thread([&] { server.listen_after_bind(); });
    while (!server.is_running())
        std::this_thread::yield();

    HttpTransportOptions options;
    options.hub_url = "http://127.0.0.1:" + std::to_string(port);
    options.token = "K-18.notices";
    std::string error, body;
    std::unique_ptr<SyncTransport> transport = make_http_transport(options, error);
    REQUIRE(transport);
    const GetSink sink{nullptr, [&](const char* data, size_t size) {
                           body.append(data, size);
                           return true;
                       }};
    const GetAnswer fresh = transport->get(kNoticesPath, 0, kMaxFeedBytes, sink);
    CHECK(fresh.status == 200);
    CHECK(fresh.complete);
    CHECK(fresh.etag == "\"9\"");
    CHECK(body == "{\"version\":9,\"notices\":[]}");
    body.clear();
    const GetAnswer same =
        transport->get(kNoticesPath, 0, kMaxFeedBytes, sink, {{"If-None-Match", "\"9\""}});
    CHECK(same.not_modified());
    CHECK_FALSE(same.complete);
    CHECK(same.error == "");
    CHECK(body.empty());
    server.stop();
    thread.join();
    CHECK(asked == std::vector<std::string>{"", "\"9\""});
}
