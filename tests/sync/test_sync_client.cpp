// SyncClient tests with a scripted hub, run round by round on the test's
// thread (no sleeping): batches in order until nothing is left, each
// acknowledgement stored in kiosk.db, a heartbeat-only POST when nothing is
// new, failures that keep synced_seq and resume from it, clear messages for
// 401 and odd answers, the retry schedule's arithmetic, and the thread
// answering request_sync().
#include "sync/sync_client.h"
#include "sync_test_support.h"
#include "telemetry/telemetry_test_support.h"

using namespace kiosk;
using namespace kiosk::sync;
using kiosk::test::KioskDb;
using kiosk::test::ScriptedHub;

namespace {

struct Client {
    ScriptedHub* hub = nullptr;
    std::vector<int64_t> acknowledged;
    std::unique_ptr<SyncClient> client;

    Client(KioskDb& kiosk, size_t max_buckets) {
        auto transport = std::make_unique<ScriptedHub>();
        hub = transport.get();
        SyncClientOptions options;
        options.kiosk_db = kiosk.path;
        options.max_buckets = max_buckets;
        options.utc_now_ms = [] { return test::kSyncNow; };
        options.heartbeat = [] {
            Heartbeat heartbeat;
            heartbeat.software_version = "0.4.0";
            heartbeat.uptime_s = 42;
            heartbeat.clock_utc_ms = test::kSyncNow + 1500;
            return heartbeat;
        };
        options.acknowledge = [this, &kiosk](int64_t seq) {
            acknowledged.push_back(seq);
            kiosk.store->acknowledge_synced(seq);
        };
        client = std::make_unique<SyncClient>(std::move(options), std::move(transport));
    }
};

int64_t stored_synced_seq(const KioskDb& kiosk) {
    return std::stoll(test::Db(kiosk.path).text("SELECT value FROM meta WHERE key = 'synced_seq'"));
}

} // namespace

TEST_CASE("a round sends batch after batch until nothing is left, storing each acknowledgement",
          "[sync]") {
    KioskDb kiosk;
    std::vector<int64_t> seqs;
    for (int i = 0; i < 5; ++i)
        seqs.push_back(kiosk.commit({"exhibit/e" + std::to_string(i) + "/visits"}));
    Client c(kiosk, 2);

    RoundResult round = c.client->run_round();
    INFO(round.error);
    REQUIRE(round.ok);
    CHECK(round.batches == 3);
    CHECK(round.buckets == 5);
    REQUIRE(c.hub->batches.size() == 3);
    CHECK(c.hub->batches[0].through_seq == seqs[1]);
    CHECK(c.hub->batches[2].through_seq == seqs[4]);
    CHECK(c.hub->batches[0].heartbeat.uptime_s == 42);
    CHECK(c.hub->batches[0].epoch == kiosk.store->epoch());
    CHECK(c.acknowledged == std::vector<int64_t>{seqs[1], seqs[3], seqs[4]});
    CHECK(stored_synced_seq(kiosk) == seqs[4]);

    const SyncStatus status = c.client->status();
    CHECK(status.last_ok);
    CHECK(status.rounds == 1);
    CHECK(status.synced_seq == seqs[4]);
    CHECK(status.buckets_sent == 5);
    CHECK(status.last_success_utc_ms == test::kSyncNow);
    CHECK(status.clock_skew_ms == 1500);

    SECTION("the next round sends only the heartbeat, then only what changed") {
        round = c.client->run_round();
        REQUIRE(round.ok);
        REQUIRE(c.hub->batches.size() == 4);
        CHECK(c.hub->batches[3].buckets.empty());
        CHECK(c.hub->batches[3].through_seq == seqs[4]);
        CHECK(c.acknowledged.size() == 3); // nothing new to store

        const int64_t later = kiosk.commit({"exhibit/e0/visits"});
        round = c.client->run_round();
        REQUIRE(round.ok);
        REQUIRE(c.hub->batches.size() == 5);
        REQUIRE(c.hub->batches[4].buckets.size() == 1);
        CHECK(c.hub->batches[4].buckets[0].value == 2);
        CHECK(stored_synced_seq(kiosk) == later);
    }
}

TEST_CASE("a failed batch keeps synced_seq, and the next round resumes from there", "[sync]") {
    KioskDb kiosk;
    std::vector<int64_t> seqs;
    for (int i = 0; i < 3; ++i)
        seqs.push_back(kiosk.commit({"exhibit/e" + std::to_string(i) + "/visits"}));
    Client c(kiosk, 1);
    int posts = 0;
    c.hub->answer = [&](const SyncBatch&) {
        return ++posts == 2 ? HttpAnswer{0, "", "Connection"} : HttpAnswer{};
    };

    RoundResult round = c.client->run_round();
    CHECK_FALSE(round.ok);
    CHECK(round.batches == 1);
    CHECK(round.error == "cannot reach scripted hub: Connection");
    CHECK(stored_synced_seq(kiosk) == seqs[0]);
    SyncStatus status = c.client->status();
    CHECK_FALSE(status.last_ok);
    CHECK(status.failures_in_a_row == 1);
    CHECK(status.last_success_utc_ms == 0);
    CHECK(status.next_retry_in_ms >= 1000);
    CHECK(status.next_retry_in_ms <= 5000);

    round = c.client->run_round();
    REQUIRE(round.ok);
    CHECK(c.hub->batches.at(2).through_seq == seqs[1]); // the failed one, sent again
    CHECK(stored_synced_seq(kiosk) == seqs[2]);
    status = c.client->status();
    CHECK(status.failures_in_a_row == 0);
    CHECK(status.last_error.empty());
}

TEST_CASE("refusals and odd answers fail the round with a message that says why", "[sync]") {
    KioskDb kiosk;
    const int64_t seq = kiosk.commit({"exhibit/a/visits"});
    Client c(kiosk, 100);
    SECTION("a token the hub does not accept") {
        c.hub->answer = [](const SyncBatch&) {
            return HttpAnswer{401, "{\"error\":\"unknown kiosk token\"}", ""};
        };
        const RoundResult round = c.client->run_round();
        CHECK_FALSE(round.ok);
        CHECK(round.error ==
              "the hub answered 401 (it does not accept this kiosk's token): unknown kiosk token");
    }
    SECTION("an acknowledgement of another seq") {
        c.hub->answer = [](const SyncBatch& batch) {
            SyncAnswer ack;
            ack.acknowledged_through_seq = batch.through_seq - 1;
            return HttpAnswer{200, to_json(ack), ""};
        };
        const RoundResult round = c.client->run_round();
        CHECK_FALSE(round.ok);
        CHECK(round.error.find("acknowledged through seq") != std::string::npos);
    }
    SECTION("an answer that is not JSON") {
        c.hub->answer = [](const SyncBatch&) { return HttpAnswer{200, "<html>proxy</html>", ""}; };
        const RoundResult round = c.client->run_round();
        CHECK_FALSE(round.ok);
        CHECK(round.error.find("not a sync acknowledgement") != std::string::npos);
    }
    CHECK(c.acknowledged.empty());
    CHECK(stored_synced_seq(kiosk) == 0);
    CHECK(c.hub->parse_errors.empty()); // what the kiosk sent was always valid
    CHECK(seq > 0);
}

TEST_CASE("a missing kiosk.db fails the round without posting", "[sync]") {
    KioskDb kiosk;
    auto transport = std::make_unique<ScriptedHub>();
    ScriptedHub* hub = transport.get();
    SyncClientOptions options;
    options.kiosk_db = kiosk.folder.file("nowhere/kiosk.db");
    options.acknowledge = [](int64_t) {};
    SyncClient client(std::move(options), std::move(transport));
    const RoundResult round = client.run_round();
    CHECK_FALSE(round.ok);
    CHECK(round.error.find("nowhere/kiosk.db") != std::string::npos);
    CHECK(hub->batches.empty());
}

TEST_CASE("retries back off exponentially from 5 s to 1 h with full jitter", "[sync]") {
    const RetrySchedule schedule(900000, 5000, 3600000);
    CHECK(schedule.after_success(100) == 900100);
    CHECK(schedule.backoff_cap_ms(1) == 5000);
    CHECK(schedule.backoff_cap_ms(2) == 10000);
    CHECK(schedule.backoff_cap_ms(3) == 20000);
    CHECK(schedule.backoff_cap_ms(10) == 2560000);
    CHECK(schedule.backoff_cap_ms(11) == 3600000);
    CHECK(schedule.backoff_cap_ms(1000) == 3600000);
    CHECK(schedule.after_failure(0, 1, 0) == 1000); // never a tight loop
    CHECK(schedule.after_failure(0, 1, 4000) == 5000);
    CHECK(schedule.after_failure(0, 1, 4001) == 1000);
    CHECK(schedule.after_failure(7, 1000, ~uint64_t(0)) <= 3600007);
}

TEST_CASE("a busy hub's Retry-After makes the kiosk wait longer, but at most max_retry", "[sync]") {
    const RetrySchedule schedule(900000, 5000, 3600000);
    CHECK(schedule.honour_retry_after(4000, -1) == 4000);          // no wish
    CHECK(schedule.honour_retry_after(4000, 30000) == 30000);      // the hub's wish is later
    CHECK(schedule.honour_retry_after(90000, 30000) == 90000);     // the backoff is later
    CHECK(schedule.honour_retry_after(4000, 0) == 4000);           // "now" does not shorten it
    CHECK(schedule.honour_retry_after(4000, 86400000) == 3600000); // a day: capped at 1 h

    CHECK(parse_retry_after("30") == 30);
    CHECK(parse_retry_after("0") == 0);
    CHECK(parse_retry_after("31622400") == 31622400); // 366 days
    for (const char* unusable : {"", "-5", "+5", " 30", "30 ", "3.5", "abc", "31622401",
                                 "9999999999999999999999", "Wed, 21 Oct 2015 07:28:00 GMT"}) {
        INFO(unusable);
        CHECK(parse_retry_after(unusable) == -1);
    }

    KioskDb kiosk;
    kiosk.commit({"exhibit/a/visits"});
    Client c(kiosk, 100);
    c.hub->answer = [](const SyncBatch&) {
        HttpAnswer busy{503, "{\"error\":\"hub.db is locked\"}", ""};
        busy.retry_after_s = 120;
        return busy;
    };
    const RoundResult round = c.client->run_round();
    CHECK_FALSE(round.ok);
    CHECK(round.error == "the hub answered 503: hub.db is locked");
    CHECK(round.retry_after_ms == 120000);
    CHECK(c.client->status().next_retry_in_ms == 120000); // first backoff is 1..5 s
    CHECK(stored_synced_seq(kiosk) == 0);
}

TEST_CASE("the thread syncs at start and again when asked", "[sync]") {
    KioskDb kiosk;
    kiosk.commit({"exhibit/a/visits"});
    Client c(kiosk, 100);
    c.client->start();
    REQUIRE(c.client->wait_for_rounds(1, 20000));
    const int64_t later = kiosk.commit({"exhibit/b/visits"});
    c.client->request_sync();
    REQUIRE(c.client->wait_for_rounds(2, 20000));
    c.client->stop();
    CHECK(c.client->status().last_ok);
    CHECK(stored_synced_seq(kiosk) == later);
}

TEST_CASE("each acknowledgement goes to on_answer with the hub's content snapshot version",
          "[sync]") {
    KioskDb kiosk;
    kiosk.commit({"exhibit/a/visits"});
    std::vector<std::optional<int64_t>> seen;
    auto transport = std::make_unique<ScriptedHub>();
    ScriptedHub* hub = transport.get();
    hub->answer = [](const SyncBatch& batch) {
        SyncAnswer ack;
        ack.acknowledged_through_seq = batch.through_seq;
        ack.server_utc_ms = test::kSyncNow;
        ack.content_snapshot_version = 7; // the hub assigned snapshot 7 to this kiosk
        return HttpAnswer{200, to_json(ack), ""};
    };
    SyncClientOptions options;
    options.kiosk_db = kiosk.path;
    options.utc_now_ms = [] { return test::kSyncNow; };
    options.acknowledge = [&kiosk](int64_t seq) { kiosk.store->acknowledge_synced(seq); };
    options.on_answer = [&seen](const SyncAnswer& answer) {
        seen.push_back(answer.content_snapshot_version);
    };
    SyncClient client(std::move(options), std::move(transport));
    const RoundResult round = client.run_round();
    INFO(round.error);
    REQUIRE(round.ok);
    REQUIRE(seen.size() == size_t(round.batches));
    CHECK(seen.front() == std::optional<int64_t>(7));

    hub->answer = nullptr; // an answer without the field: nullopt, not a stale 7
    seen.clear();
    REQUIRE(client.run_round().ok);
    REQUIRE(seen.size() == 1);
    CHECK_FALSE(seen.front().has_value());
}
