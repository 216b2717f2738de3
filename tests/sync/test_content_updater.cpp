// The content updater against a hub thread on 127.0.0.1 with a clock the test
// moves (no sleeps): install, update and unassign, the snapshot rules
// (rollback, replay, equivocation, another kiosk's, expiry), downloads cut and
// resumed with Range, corrupted downloads refused and retried on the backoff,
// packages that must never go live (unknown publisher, no approval, expired
// approval, untrusted reviewer), a full disk, and a simulated power cut at
// every step of an update.
#include "content_updater_support.h"

#include <future>

using namespace kiosk;
using namespace kiosk::sync;
using namespace kiosk::test;

namespace {

constexpr int64_t kPastAnyBackoff = 2 * 3600000;

bool has_failure(const ContentState& state, const std::string& id, const std::string& word) {
    for (const ContentFailure& failure : state.failures)
        if (failure.id == id && failure.reason.rfind(word, 0) == 0) return true;
    return false;
}

} // namespace

TEST_CASE("content updater installs an assigned set, updates it and deletes what is unassigned",
          "[content-updater]") {
    ContentKiosk kiosk;
    const ServedPackage lab = kiosk.package("pendulum-lab", "1.0.0");
    const ServedPackage quake = kiosk.package("quake-drill", "1.0.0");
    kiosk.serve(kiosk.snapshot(1, {lab, quake}), {lab, quake});
    auto updater = kiosk.updater();
    ContentRoundResult round = updater->run_round();
    INFO(round.error);
    CHECK(round.ok);
    CHECK(round.switched);
    CHECK(kiosk.live().snapshot_version == 1);
    CHECK(kiosk.live_files_verified() == file_names({lab, quake}));
    ContentState state = updater->state();
    CHECK(state.state == "up_to_date");
    CHECK(state.snapshot_version == 1);
    CHECK(state.have == 2);
    CHECK(state.need == 2);

    const ServedPackage lab2 = kiosk.package("pendulum-lab", "1.1.0");
    const ServedPackage water = kiosk.package("water-cycle", "2.0.0");
    kiosk.serve(kiosk.snapshot(2, {water, lab2}), {water, lab2});
    round = updater->run_round();
    INFO(round.error);
    CHECK(round.ok);
    CHECK(kiosk.live().snapshot_version == 2);
    CHECK(kiosk.live_files_verified() == file_names({water, lab2}));
    CHECK_FALSE(kiosk.in_hub(lab.file_name()));
    CHECK_FALSE(kiosk.in_hub(quake.file_name()));
    CHECK(kiosk.incoming_count() == 0);
    CHECK(updater->state().state == "up_to_date");

    // The same snapshot again: nothing fetched, nothing changed.
    const size_t requests = kiosk.hub.requests().size();
    round = updater->run_round();
    CHECK(round.snapshot == "same");
    CHECK(kiosk.hub.requests().size() == requests + 1);
}

TEST_CASE("content updater refuses rollback, replay, equivocation and another kiosk's snapshot",
          "[content-updater]") {
    ContentKiosk kiosk;
    const ServedPackage lab = kiosk.package("pendulum-lab", "1.0.0");
    const ServedPackage quake = kiosk.package("quake-drill", "1.0.0");
    const SignedSnapshot first = kiosk.snapshot(1, {lab});
    kiosk.serve(first, {lab, quake});
    auto updater = kiosk.updater();
    REQUIRE(updater->run_round().ok);
    const SignedSnapshot second = kiosk.snapshot(2, {lab, quake});
    kiosk.serve(second, {});
    REQUIRE(updater->run_round().ok);
    REQUIRE(kiosk.live().snapshot_version == 2);

    SECTION("a replayed old snapshot") {
        kiosk.serve(first, {});
    }
    SECTION("a newly signed lower version") {
        kiosk.serve(kiosk.snapshot(1, {quake}), {});
    }
    SECTION("the same version with other contents") {
        kiosk.serve(kiosk.snapshot(2, {quake}), {});
    }
    SECTION("another kiosk's snapshot") {
        kiosk.serve(kiosk.snapshot(3, {quake}, 14 * kDayMs, "truck-07"), {});
    }
    SECTION("signed by a key the kiosk does not trust") {
        kiosk.serve(kiosk.snapshot(3, {quake}, 14 * kDayMs, kOwnKiosk, &kiosk.stranger), {});
    }
    const ContentRoundResult round = updater->run_round();
    CHECK(round.snapshot == "refused");
    CHECK_FALSE(round.ok);
    CHECK(updater->accepted_version() == 2);
    CHECK(kiosk.live().snapshot_version == 2);
    CHECK(kiosk.live_files_verified() == file_names({lab, quake}));
    const ContentState state = updater->state();
    CHECK(state.state == "failed");
    CHECK(has_failure(state, "", "snapshot"));
    // A new updater (a restart) remembers the accepted version.
    CHECK(kiosk.updater()->accepted_version() == 2);
}

TEST_CASE("content updater keeps the last good set when the snapshot has expired and says so",
          "[content-updater]") {
    ContentKiosk kiosk;
    const ServedPackage lab = kiosk.package("pendulum-lab", "1.0.0");
    const ServedPackage quake = kiosk.package("quake-drill", "1.0.0");
    kiosk.serve(kiosk.snapshot(1, {lab}, kDayMs), {lab, quake});
    auto updater = kiosk.updater();
    REQUIRE(updater->run_round().ok);

    SECTION("the hub serves a new snapshot that has already expired") {
        kiosk.serve(kiosk.snapshot(2, {quake}, -1000), {});
    }
    SECTION("the accepted snapshot runs out and the hub has nothing newer") {
        kiosk.now += 2 * kDayMs;
    }
    const ContentRoundResult round = updater->run_round();
    CHECK(round.snapshot == "expired");
    CHECK(updater->state().state == "expired");
    CHECK(updater->state().snapshot_version == 1);
    CHECK(kiosk.live().snapshot_version == 1);
    CHECK(kiosk.live_files_verified() == file_names({lab}));
    CHECK_FALSE(kiosk.in_hub(quake.file_name()));
}

TEST_CASE("content updater resumes a cut download with a Range from where it broke",
          "[content-updater]") {
    ContentKiosk kiosk;
    const ServedPackage lab = kiosk.package("pendulum-lab", "1.0.0");
    kiosk.serve(kiosk.snapshot(1, {lab}), {lab});
    const int64_t cut = int64_t(lab.bytes.size()) / 2;
    kiosk.hub.file(lab.id, lab.version).cut_after = cut;
    auto updater = kiosk.updater();
    ContentRoundResult round = updater->run_round();
    CHECK_FALSE(round.ok);
    CHECK(has_failure(updater->state(), lab.id, "download"));
    CHECK(updater->state().state == "failed");
    CHECK(regular_file_size(part_path(kiosk.content_dir, lab.entry())) == cut);
    CHECK(kiosk.live().packages.empty());

    // Before the backoff is over nothing is asked for again.
    round = updater->run_round();
    CHECK(kiosk.hub.file_requests(lab.id, lab.version).size() == 1);

    kiosk.now += kPastAnyBackoff;
    round = updater->run_round();
    INFO(round.error);
    CHECK(round.ok);
    const auto requests = kiosk.hub.file_requests(lab.id, lab.version);
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].range.empty());
    CHECK(requests[1].range == "bytes=" + std::to_string(cut) + "-");
    CHECK(kiosk.live_files_verified() == file_names({lab}));
    CHECK(updater->state().state == "up_to_date");
}

TEST_CASE("content updater refuses a corrupted download and retries it later on its own",
          "[content-updater]") {
    ContentKiosk kiosk;
    const ServedPackage lab = kiosk.package("pendulum-lab", "1.0.0");
    kiosk.serve(kiosk.snapshot(1, {lab}), {});
    std::string corrupted = lab.bytes;
    corrupted[corrupted.size() / 2] ^= 0x5a;
    kiosk.hub.put_file(lab.id, lab.version, corrupted);
    auto updater = kiosk.updater();
    ContentRoundResult round = updater->run_round();
    CHECK_FALSE(round.ok);
    CHECK(has_failure(updater->state(), lab.id, "sha256"));
    CHECK_FALSE(kiosk.in_hub(lab.file_name()));
    CHECK(kiosk.incoming_count() == 0); // refused bytes are not kept to resume from
    CHECK(kiosk.live().packages.empty());

    kiosk.hub.put_file(lab.id, lab.version, lab.bytes);
    round = updater->run_round(); // still backing off: the record, not the hub, decides
    CHECK(kiosk.hub.file_requests(lab.id, lab.version).size() == 1);
    kiosk.now += kPastAnyBackoff;
    round = updater->run_round(); // the same snapshot: retried from the kiosk's own record
    CHECK(round.snapshot == "same");
    INFO(round.error);
    CHECK(round.ok);
    CHECK(kiosk.live_files_verified() == file_names({lab}));
}

TEST_CASE("content updater never puts live a package the kiosk's own trust roots do not accept",
          "[content-updater]") {
    ContentKiosk kiosk;
    const ServedPackage good = kiosk.package("quake-drill", "1.0.0");
    PackageRecipe recipe{"pendulum-lab", "1.0.0", &kiosk.publisher, &kiosk.reviewer};
    std::string word;
    SECTION("signed by an unknown publisher") {
        recipe.publisher = &kiosk.stranger;
        word = "signature";
    }
    SECTION("without a reviewer's approval") {
        recipe.reviewer = nullptr;
        word = "not reviewed";
    }
    SECTION("with an expired approval") {
        recipe.reviewed = "2025-01-01";
        recipe.expires = "2026-11-27";
        word = "review expired";
    }
    SECTION("approved by a reviewer the kiosk does not trust") {
        recipe.reviewer = &kiosk.stranger;
        word = "not reviewed";
    }
    const ServedPackage bad = kiosk.package(recipe);
    kiosk.serve(kiosk.snapshot(1, {good, bad}), {good, bad});
    auto updater = kiosk.updater();
    const ContentRoundResult round = updater->run_round();
    CHECK_FALSE(round.ok);
    const ContentState state = updater->state();
    INFO(round.error);
    CHECK(has_failure(state, bad.id, word));
    CHECK(state.state == "failed");
    CHECK(state.have == 1);
    CHECK(state.need == 2);
    CHECK_FALSE(kiosk.in_hub(bad.file_name()));
    CHECK(kiosk.live().packages.empty()); // the set is not whole: nothing switches
}

TEST_CASE("content updater refuses a snapshot that does not fit beside the reserve, before any "
          "download",
          "[content-updater]") {
    ContentKiosk kiosk;
    const ServedPackage lab = kiosk.package("pendulum-lab", "1.0.0");
    kiosk.serve(kiosk.snapshot(1, {lab}), {lab});
    kiosk.reserve_bytes = int64_t(1) << 60; // more than any disk has free
    auto updater = kiosk.updater();
    const ContentRoundResult round = updater->run_round();
    CHECK_FALSE(round.ok);
    const ContentState state = updater->state();
    CHECK(state.state == "failed");
    CHECK(has_failure(state, lab.id, "disk"));
    CHECK(kiosk.hub.file_requests(lab.id, lab.version).empty());
    CHECK(kiosk.incoming_count() == 0);
    CHECK(kiosk.live().packages.empty());
}

TEST_CASE("content updater: a power cut at any step of an update leaves the old set or the new "
          "one, and a restart finishes it",
          "[content-updater]") {
    const std::vector<std::string> steps = {"snapshot stored",
                                            "downloaded quake-drill",
                                            "installed quake-drill",
                                            "downloaded pendulum-lab",
                                            "installed pendulum-lab",
                                            "live written",
                                            "cleaned"};
    for (const std::string& stop_step : steps) {
        DYNAMIC_SECTION("stopped at " << stop_step) {
            ContentKiosk kiosk;
            const ServedPackage lab = kiosk.package("pendulum-lab", "1.0.0");
            const ServedPackage water = kiosk.package("water-cycle", "1.0.0");
            kiosk.serve(kiosk.snapshot(1, {lab, water}), {lab, water});
            REQUIRE(kiosk.updater()->run_round().ok);

            const ServedPackage quake = kiosk.package("quake-drill", "1.0.0");
            const ServedPackage lab2 = kiosk.package("pendulum-lab", "1.1.0");
            kiosk.serve(kiosk.snapshot(2, {quake, lab2}), {quake, lab2});
            bool stopped = false;
            kiosk.stop_at = [&](std::string_view step) {
                stopped = stopped || step == stop_step;
                return step == stop_step;
            };
            CHECK(kiosk.updater()->run_round().stopped);
            REQUIRE(stopped);
            const std::vector<std::string> old_set = file_names({lab, water});
            const std::vector<std::string> new_set = file_names({quake, lab2});
            const std::vector<std::string> after_cut = kiosk.live_files_verified();
            CHECK((after_cut == old_set || after_cut == new_set));

            kiosk.stop_at = nullptr;
            const ContentRoundResult restarted = kiosk.updater()->run_round();
            INFO(restarted.error);
            CHECK(restarted.ok);
            CHECK(kiosk.live().snapshot_version == 2);
            CHECK(kiosk.live_files_verified() == new_set);
            CHECK_FALSE(kiosk.in_hub(lab.file_name()));
            CHECK_FALSE(kiosk.in_hub(water.file_name()));
            CHECK(kiosk.incoming_count() == 0);
        }
    }
}

namespace {

// A hub link that serves the snapshot at once and holds every package GET
// until a cancel() arrives while it is held: like cpp-httplib's stop(), a
// cancel between two requests is lost.
struct HoldingTransport : SyncTransport {
    std::string envelope;
    std::mutex mutex;
    std::condition_variable changed;
    bool holding = false, cut = false, released = false;
    int cancels = 0;

    GetAnswer get(const std::string& path, int64_t, int64_t, const GetSink& sink,
                  const RequestHeaders&) override {
        if (path == "/api/v1/content/snapshot") {
            GetAnswer answer{200, 0, int64_t(envelope.size()), true, "", -1};
            if ((sink.begin && !sink.begin(0)) || !sink.write(envelope.data(), envelope.size()))
                return {};
            return answer;
        }
        std::unique_lock lock(mutex);
        holding = true;
        cut = false;
        changed.notify_all();
        changed.wait(lock, [&] { return cut || released; });
        holding = false;
        return {0, 0, 0, false, "cancelled", -1};
    }
    HttpAnswer post_sync(const std::string&) override { return {}; }
    void cancel() override {
        std::lock_guard lock(mutex);
        ++cancels;
        if (holding) cut = true;
        changed.notify_all();
    }
    void release() {
        std::lock_guard lock(mutex);
        released = true;
        changed.notify_all();
    }
    std::string describe() const override { return "holding hub"; }
};

// stop() on another thread; true when it returned within the liveness limit.
// Otherwise the transport lets go, so the test can end.
bool stops_promptly(ContentUpdater& updater, HoldingTransport& transport) {
    std::promise<void> stopped;
    std::future<void> done = stopped.get_future();
    std::thread stopper([&] {
        updater.stop();
        stopped.set_value();
    });
    const bool prompt = done.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
    if (!prompt) transport.release();
    stopper.join();
    return prompt;
}

} // namespace

TEST_CASE("content updater: stop() returns promptly while a download is held, or is about to "
          "start",
          "[content-updater]") {
    ContentKiosk kiosk;
    const ServedPackage lab = kiosk.package("pendulum-lab", "1.0.0");
    auto transport = std::make_unique<HoldingTransport>();
    HoldingTransport& hub = *transport;
    hub.envelope = envelope_to_json(kiosk.snapshot(1, {lab}));
    ContentUpdaterOptions options = kiosk.options();

    SECTION("a download in flight is cut short") {
        ContentUpdater updater(std::move(options), std::move(transport));
        updater.start();
        {
            std::unique_lock lock(hub.mutex);
            REQUIRE(
                hub.changed.wait_for(lock, std::chrono::seconds(20), [&] { return hub.holding; }));
        }
        CHECK(updater.state().state == "downloading");
        CHECK(stops_promptly(updater, hub));
    }
    SECTION("stop() between the snapshot and the first download") {
        // The round pauses after storing the snapshot until stop() has sent
        // its first cancel, which is lost (no request is in flight).
        std::promise<void> paused;
        options.stop_at = [&](std::string_view step) {
            if (step != "snapshot stored") return false;
            paused.set_value();
            std::unique_lock lock(hub.mutex);
            hub.changed.wait(lock, [&] { return hub.cancels > 0 || hub.released; });
            return false;
        };
        ContentUpdater updater(std::move(options), std::move(transport));
        updater.start();
        REQUIRE(paused.get_future().wait_for(std::chrono::seconds(20)) ==
                std::future_status::ready);
        CHECK(stops_promptly(updater, hub));
    }
    CHECK_FALSE(kiosk.in_hub(lab.file_name())); // nothing half-fetched was installed
}
