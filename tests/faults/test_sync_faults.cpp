// Faults between the kiosk and its hub: a hub that answers late (held by the
// test's proxy as long as the test likes, so nothing sleeps 30 s), a hub
// answering 500 or a body that is not JSON, before or after storing the batch,
// a kiosk shutting down in the middle of a request, and a kiosk SIGKILLed in
// the middle of a sync. The hub is a real kiosk-hub process on 127.0.0.1; its
// stored counts must equal the kiosk's rollups exactly at the end.
#include "app/app_test_support.h"
#include "fault_support.h"
#include "hub/hub_test_support.h"
#include "hub_proxy.h"
#include "kiosk_process.h"
#include "sync/sync_client.h"
#include "sync/sync_test_support.h"
#include "telemetry/telemetry_test_support.h"

#include <catch2/catch.hpp>

#include <future>

using namespace kiosk;
using namespace kiosk::test;

namespace {

// A hub with venue V-1 and kiosk K-1, running.
struct Hub {
    TempFolder folder;
    std::string data = folder.file("hub");
    std::string token = add_kiosk(folder, data, "V-1", "K-1");
    HubProcess process{data};
    std::string url() const { return "http://127.0.0.1:" + std::to_string(process.port()); }
};

// A transport whose request starts only after the client was told to stop:
// the moment between the client's last look at "stopping" and the socket
// being made, where a single cancel finds nothing to cut.
class LateStartTransport : public sync::SyncTransport {
public:
    explicit LateStartTransport(std::unique_ptr<sync::SyncTransport> inner)
        : inner_(std::move(inner)) {}
    sync::HttpAnswer post_sync(const std::string& json) override {
        {
            std::unique_lock lock(mutex_);
            ++posts_;
            changed_.notify_all();
            changed_.wait(lock, [&] { return cancels_ > 0; });
        }
        return inner_->post_sync(json);
    }
    void cancel() override {
        {
            std::lock_guard lock(mutex_);
            ++cancels_;
        }
        changed_.notify_all();
        inner_->cancel();
    }
    std::string describe() const override { return inner_->describe(); }
    bool wait_for_post() {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, std::chrono::seconds(60), [&] { return posts_ > 0; });
    }

private:
    std::unique_ptr<sync::SyncTransport> inner_;
    std::mutex mutex_;
    std::condition_variable changed_;
    int posts_ = 0, cancels_ = 0;
};

// Stops `client` on another thread; true when stop() returned within a minute
// (the transport's read timeout in these tests is an hour).
bool stops_promptly(sync::SyncClient& client, HubProxy& proxy) {
    std::future<void> stopping = std::async(std::launch::async, [&client] { client.stop(); });
    const bool prompt = stopping.wait_for(std::chrono::seconds(60)) == std::future_status::ready;
    if (!prompt) proxy.open_gate(); // let it finish so the test can end
    stopping.get();
    return prompt;
}

} // namespace

TEST_CASE("kiosk: a slow hub delays no frame and no visitor, and the counts arrive once when it "
          "answers",
          "[faults][sync]") {
    Hub hub;
    HubProxy proxy(hub.process.port());
    proxy.script({}, ProxyAction::Hold); // the hub answers only when the test says so
    TempFolder folder;
    KioskSetup setup;
    setup.data_dir = temp_dir("faults-slow-hub");
    setup.hub_url = proxy.url();
    setup.token_file = folder.write("hub.token", hub.token + "\n");
    auto app = make_app_from(kiosk_config(setup), AppOptions{});
    REQUIRE(app->hub_sync());
    const sync::SyncClient* client = app->hub_sync()->client();
    REQUIRE(client);
    // The sync at start is in the hub's hands and stays there.
    REQUIRE(proxy.wait_until([](const auto&, int held) { return held == 1; }, 60000));

    const int64_t frames_before = app->frames();
    play(*app, kToAttract + kVisit + kVisit + kVisit);
    // Three visitors came and went, frame after frame, while that request waited:
    // no round has finished, the hub has not answered anything.
    CHECK(app->sessions_started() == 3);
    CHECK(app->screen() == ScreenId::Attract);
    CHECK(app->frames() - frames_before > 2000);
    CHECK(client->status().rounds == 0);
    CHECK(proxy.held() == 1);
    CHECK(proxy.requests().size() == 1);
    REQUIRE(app->event_store()->flush());
    const std::string kiosk_db = setup.data_dir + "/kiosk.db";
    REQUIRE(total_of(kiosk_counts(kiosk_db), "kiosk", "sessions") == 3);
    CHECK(hub_counts(hub.data, "K-1").empty());

    // The hub answers at last: that round goes on with the visitors' counts,
    // and the round the visitors asked for follows.
    proxy.open_gate();
    REQUIRE(client->wait_for_rounds(2, 60000));
    const sync::SyncStatus status = client->status();
    INFO(status.last_error);
    CHECK(status.last_ok);
    CHECK(status.synced_seq == synced_seq_in_db(kiosk_db));
    const Counts kiosk = kiosk_counts(kiosk_db);
    CHECK(hub_counts(hub.data, "K-1") == kiosk);
    CHECK(hub_venue_counts(hub.data, "V-1") == kiosk);
    for (const ProxiedRequest& request : proxy.requests())
        CHECK(request.hub_status == 200);
}

TEST_CASE("kiosk: shutting down while the hub holds a sync request returns without waiting for "
          "the hub",
          "[faults][sync]") {
    Hub hub;
    HubProxy proxy(hub.process.port());
    proxy.script({ProxyAction::Hold}, ProxyAction::Forward);
    KioskDb kiosk;
    kiosk.commit({"exhibit/pendulum-lab/visits", "kiosk//sessions"});
    kiosk.commit({"exhibit/water-cycle/visits"});
    // An hour to wait for the answer: only a cancelled request ends sooner.
    std::unique_ptr<sync::SyncClient> client = http_client(kiosk, proxy.url(), hub.token, 3600);
    client->start();
    REQUIRE(proxy.wait_until([](const auto&, int held) { return held == 1; }, 60000));

    REQUIRE(stops_promptly(*client, proxy));
    CHECK(proxy.held() == 1); // the hub still has not answered
    CHECK(client->status().rounds == 1);
    CHECK_FALSE(client->status().last_ok);
    CHECK(synced_seq_in_db(kiosk.path) == 0); // nothing acknowledged

    // The hub stores the request after all, answering no one; the kiosk starts
    // again and sends it again: the same counts, stored once.
    proxy.open_gate();
    REQUIRE(proxy.wait_until(
        [](const auto& requests, int) { return requests.at(0).answer_status != 0; }, 60000));
    CHECK(hub_counts(hub.data, "K-1") == kiosk_counts(kiosk.path));
    REQUIRE(http_client(kiosk, proxy.url(), hub.token)->run_round().ok);
    CHECK(hub_counts(hub.data, "K-1") == kiosk_counts(kiosk.path));
    CHECK(hub_venue_counts(hub.data, "V-1") == kiosk_counts(kiosk.path));
    CHECK(synced_seq_in_db(kiosk.path) == kiosk.store->health().committed_seq);
}

TEST_CASE("kiosk: a shutdown just before a sync request starts still cuts that request short",
          "[faults][sync]") {
    Hub hub;
    HubProxy proxy(hub.process.port());
    proxy.script({}, ProxyAction::Hold);
    KioskDb kiosk;
    kiosk.commit({"exhibit/pendulum-lab/visits"});
    sync::HttpTransportOptions transport_options;
    transport_options.hub_url = proxy.url();
    transport_options.token = hub.token;
    transport_options.read_timeout_s = 3600;
    std::string error;
    auto late =
        std::make_unique<LateStartTransport>(sync::make_http_transport(transport_options, error));
    LateStartTransport* transport = late.get();
    sync::SyncClientOptions options;
    options.kiosk_db = kiosk.path;
    options.acknowledge = [&kiosk](int64_t seq) { kiosk.store->acknowledge_synced(seq); };
    sync::SyncClient client(std::move(options), std::move(late));
    client.start();
    REQUIRE(transport->wait_for_post());

    // stop() cancels while nothing is in flight yet; the request then starts
    // and the hub holds it.
    CHECK(stops_promptly(client, proxy));
    CHECK(synced_seq_in_db(kiosk.path) == 0);
    proxy.drop_held();
}

TEST_CASE("kiosk: a hub answering 500 or malformed JSON keeps the outbox, backs off, and later "
          "syncs exactly once",
          "[faults][sync]") {
    const auto [action, stored_anyway, message] = GENERATE(
        std::make_tuple(ProxyAction::Answer500, false, "the hub answered 500"),
        std::make_tuple(ProxyAction::AnswerMalformed, false, "not a sync acknowledgement"),
        std::make_tuple(ProxyAction::ForwardThen500, true, "the hub answered 500"),
        std::make_tuple(ProxyAction::ForwardThenMalformed, true, "not a sync acknowledgement"));
    Hub hub;
    HubProxy proxy(hub.process.port());
    KioskDb kiosk;
    for (int i = 0; i < 4; ++i)
        kiosk.commit({"exhibit/e" + std::to_string(i) + "/visits", "kiosk//sessions"});
    const Counts counts = kiosk_counts(kiosk.path);
    // Two buckets a batch: the round stops at the first bad answer.
    std::unique_ptr<sync::SyncClient> client = http_client(kiosk, proxy.url(), hub.token, 30, 2);

    proxy.script({action, action}, ProxyAction::Forward);
    sync::RoundResult round = client->run_round();
    CHECK_FALSE(round.ok);
    CHECK_THAT(round.error, Catch::Contains(message));
    CHECK(round.batches == 0);
    CHECK(client->status().failures_in_a_row == 1);
    CHECK(client->status().next_retry_in_ms >= 1000);
    CHECK(client->status().next_retry_in_ms <= 5000);
    CHECK(synced_seq_in_db(kiosk.path) == 0); // the outbox still holds everything
    CHECK(hub_counts(hub.data, "K-1").empty() == !stored_anyway);

    round = client->run_round(); // the same again: the backoff doubles
    CHECK_FALSE(round.ok);
    CHECK(client->status().failures_in_a_row == 2);
    CHECK(client->status().next_retry_in_ms <= 10000);
    CHECK(synced_seq_in_db(kiosk.path) == 0);

    round = client->run_round(); // the hub is well again
    INFO(round.error);
    REQUIRE(round.ok);
    CHECK(client->status().failures_in_a_row == 0);
    CHECK(synced_seq_in_db(kiosk.path) == kiosk.store->health().committed_seq);
    CHECK(hub_counts(hub.data, "K-1") == counts);
    CHECK(hub_venue_counts(hub.data, "V-1") == counts);
    // The first batch reached the hub three times when it stored it anyway.
    const std::vector<ProxiedRequest> requests = proxy.requests();
    const int64_t first = requests.at(0).through_seq;
    int reached = 0;
    for (const ProxiedRequest& request : requests)
        if (request.through_seq == first && request.hub_status == 200) ++reached;
    CHECK(reached == (stored_anyway ? 3 : 1));
}

TEST_CASE("kiosk: SIGKILL during sync loses nothing and double-counts nothing", "[faults][sync]") {
    const bool hub_stored_it = GENERATE(true, false);
    INFO((hub_stored_it ? "killed after the hub stored the batch, before its answer"
                        : "killed while the batch waited before the hub"));
    Hub hub;
    HubProxy proxy(hub.process.port());
    TempFolder folder;
    KioskSetup setup;
    setup.data_dir = folder.file("data");
    setup.hub_url = proxy.url();
    setup.token_file = folder.write("hub.token", hub.token + "\n");
    const std::string config = write_kiosk_config(folder, setup);
    const std::string kiosk_db = setup.data_dir + "/kiosk.db";

    // Two visitors while the hub refuses everything: their counts wait in kiosk.db.
    proxy.script({}, ProxyAction::Answer500);
    {
        const std::string replay =
            folder.write("two.replay", kToAttract + kVisit + kVisit + "quit\n");
        KioskProcess run(config, {"--input", replay}, folder.file("run0.out"));
        INFO(run.output());
        REQUIRE(run.wait() == 0);
    }
    const Counts waiting = kiosk_counts(kiosk_db);
    REQUIRE(total_of(waiting, "kiosk", "sessions") == 2);
    REQUIRE(synced_seq_in_db(kiosk_db) == 0);
    REQUIRE(hub_counts(hub.data, "K-1").empty());

    // The next start sends them; the kiosk is killed while that request is out.
    proxy.close_gate();
    proxy.script({hub_stored_it ? ProxyAction::ForwardThenHold : ProxyAction::Hold},
                 ProxyAction::Forward);
    {
        KioskProcess run(config, {"--frames", "100000000"}, folder.file("run1.out"));
        REQUIRE(proxy.wait_until([](const auto&, int held) { return held == 1; }, 120000));
        REQUIRE(run.stop(SIGKILL) == -SIGKILL);
    }
    proxy.drop_held();
    {
        Db db(kiosk_db);
        CHECK(db.text("PRAGMA integrity_check") == "ok");
        CHECK(stored_rollups(db) == recounted_rollups(db));
    }
    // Nothing committed was lost (counts only grow: the killed run's own screen
    // counts add to them), no visitor was added, nothing taken as acknowledged.
    const Counts after_kill = kiosk_counts(kiosk_db);
    for (const auto& [key, value] : waiting)
        CHECK(after_kill.at(key) >= value);
    CHECK(total_of(after_kill, "kiosk", "sessions") == 2);
    CHECK(synced_seq_in_db(kiosk_db) == 0);
    const Counts at_hub = hub_counts(hub.data, "K-1");
    CHECK(total_of(at_hub, "kiosk", "sessions") == (hub_stored_it ? 2 : 0));

    // Started again: a third visitor, the hub answers; the rest is sent as the
    // next start would. The hub holds each count once.
    {
        const std::string replay = folder.write("one.replay", kToAttract + kVisit + "quit\n");
        KioskProcess run(config, {"--input", replay}, folder.file("run2.out"));
        INFO(run.output());
        REQUIRE(run.wait() == 0);
    }
    sync_rest_now(kiosk_db, hub.url(), hub.token);
    const Counts final_counts = kiosk_counts(kiosk_db);
    CHECK(total_of(final_counts, "kiosk", "sessions") == 3);
    CHECK(hub_counts(hub.data, "K-1") == final_counts);
    CHECK(hub_venue_counts(hub.data, "V-1") == final_counts);
}
