// POST /api/v1/sync against a real kiosk-hub process: refusals (401, 400, 413)
// that store nothing, idempotent replays in any order, one kiosk unable to
// touch another's rows, SQL-looking text kept literally, a new epoch adding to
// the old counts, the heartbeat recorded, a SIGKILL in the middle of a stream
// of syncs followed by a restart and a resend, and a clean SIGTERM.
#include "hub_test_support.h"
#include "store_backends.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

using kiosk::test::HubProcess;
using kiosk::test::post_sync;
using kiosk::test::TempFolder;
using kiosk::test::Totals;
using nlohmann::json;

namespace {

const std::string kEpochA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const std::string kEpochB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

// A kiosk's counts growing over `steps` commits: each step changes some
// buckets (a full current value, seq = the step) and is one sync batch.
struct KioskHistory {
    std::vector<kiosk::sync::SyncBatch> batches;
    std::vector<Totals> totals_after; // totals_after[i]: after batches 0..i

    KioskHistory(const std::string& epoch, int steps, int buckets_per_step, unsigned seed) {
        std::mt19937 random(seed);
        std::map<std::tuple<std::string, std::string, std::string>, int64_t> values;
        std::map<std::tuple<std::string, std::string, std::string, std::string>, int64_t> cells;
        for (int step = 1; step <= steps; ++step) {
            kiosk::sync::SyncBatch batch = kiosk::test::make_batch(epoch, step);
            std::map<std::tuple<std::string, std::string, std::string, std::string>, int64_t>
                changed;
            for (int i = 0; i < buckets_per_step; ++i) {
                const std::string day = "2026-0" + std::to_string(1 + random() % 9) + "-1" +
                                        std::to_string(random() % 10);
                const std::string exhibit = "exhibit-" + std::to_string(random() % 20);
                const std::string metric = random() % 2 ? "visits" : "dwell_ms";
                const auto key = std::make_tuple(day, std::string("exhibit"), exhibit, metric);
                changed[key] = cells[key] += 1 + random() % 5;
            }
            for (const auto& [key, value] : changed)
                batch.buckets.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key),
                                         std::get<3>(key), value, step});
            batches.push_back(batch);
            Totals totals;
            for (const auto& [key, value] : cells)
                totals[{std::get<1>(key), std::get<2>(key), std::get<3>(key)}] += value;
            totals_after.push_back(totals);
        }
    }
    const Totals& final_totals() const { return totals_after.back(); }
};

void send_all(int port, const std::string& token, const std::vector<kiosk::sync::SyncBatch>& all) {
    for (const kiosk::sync::SyncBatch& batch : all) {
        const kiosk::test::PostResult result = post_sync(port, token, kiosk::sync::to_json(batch));
        INFO(result.body);
        REQUIRE(result.status == 200);
    }
}

json valid_body() {
    kiosk::sync::SyncBatch batch = kiosk::test::make_batch(kEpochA, 10);
    batch.buckets.push_back({"2026-11-28", "exhibit", "pendulum-lab", "visits", 12, 10});
    batch.buckets.push_back({"2026-11-28", "kiosk", "", "sessions", 4, 9});
    return json::parse(kiosk::sync::to_json(batch));
}

} // namespace

TEST_CASE("missing and wrong tokens get 401 and store nothing", "[hub][sync]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    const std::string token = kiosk::test::add_kiosk(folder, data, "county-1", "k-a");
    const std::string other = kiosk::test::add_kiosk(folder, data, "county-1", "k-b");
    HubProcess hub(data);
    const std::string body = valid_body().dump();

    const std::string secret = token.substr(token.find('.') + 1);
    const std::vector<std::string> wrong_tokens = {
        "",                            // no Authorization header at all
        "k-a",                         // no secret
        "k-a." + std::string(43, 'A'), // wrong secret
        "k-a." + secret + "x",         // a longer secret
        "k-zz." + secret,              // unknown kiosk with a real secret
        "k-b." + secret,               // another kiosk's id with this secret
        other.substr(0, other.find('.') + 1) + secret,
        "k-a.'; DROP TABLE kiosks; --",
    };
    for (const std::string& wrong : wrong_tokens) {
        const kiosk::test::PostResult result = post_sync(hub.port(), wrong, body);
        INFO("token " << wrong << ": " << result.body);
        CHECK(result.status == 401);
        CHECK(json::parse(result.body).contains("error"));
    }
    httplib::Client client("127.0.0.1", hub.port());
    auto basic = client.Post("/api/v1/sync", {{"Authorization", "Basic " + token}}, body,
                             "application/json");
    REQUIRE(basic);
    CHECK(basic->status == 401);
    CHECK(kiosk::test::stored_totals(data).empty());

    // The right token works, so the refusals above were about the token.
    CHECK(post_sync(hub.port(), token, body).status == 200);
    CHECK(kiosk::test::stored_totals(data).size() == 2);
}

TEST_CASE("malformed JSON, unknown fields, wrong types and bad values get 400 and store nothing",
          "[hub][sync]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    const std::string token = kiosk::test::add_kiosk(folder, data, "county-1", "k-a");
    HubProcess hub(data);
    REQUIRE(post_sync(hub.port(), token, valid_body().dump()).status == 200);
    const Totals before = kiosk::test::stored_totals(data);

    // Each broken body also raises a value, so storing any part of it would show.
    auto raised = [] {
        json body = valid_body();
        body["through_seq"] = 20;
        body["buckets"][0]["value"] = 99;
        body["buckets"][0]["seq"] = 20;
        return body;
    };
    std::vector<std::pair<std::string, std::string>> broken; // body, expected error start
    broken.push_back({raised().dump().substr(0, 80), "malformed JSON"});
    broken.push_back({"", "malformed JSON"});
    broken.push_back({"[]", "body: expected an object"});
    // A byte that is not UTF-8 in a string: the parse error quotes it, and the
    // answer must still be JSON (found by fuzzing: it made the hub answer 500).
    broken.push_back({raised().dump().insert(20, "\x96"), "malformed JSON"});
    json body = raised();
    body["kiosk"] = "k-b";
    broken.push_back({body.dump(), "kiosk: unknown field"});
    body = raised();
    body["buckets"][1]["extra"] = 1;
    broken.push_back({body.dump(), "buckets[1].extra: unknown field"});
    body = raised();
    body["buckets"][1]["value"] = "4";
    broken.push_back({body.dump(), "buckets[1].value: expected an integer"});
    body = raised();
    body["buckets"][1]["day"] = "2026-02-30";
    broken.push_back({body.dump(), "buckets[1].day: expected a date YYYY-MM-DD"});
    body = raised();
    body["buckets"][1]["value"] = -1;
    broken.push_back({body.dump(), "buckets[1].value: expected an integer 0..2^53"});
    body = raised();
    body["buckets"][1].erase("metric");
    broken.push_back({body.dump(), "buckets[1].metric: missing"});
    body = raised();
    body["heartbeat"]["uptime_s"] = 1.5;
    broken.push_back({body.dump(), "heartbeat.uptime_s: expected an integer"});
    body = raised();
    body["epoch"] = "not-hex";
    broken.push_back({body.dump(), "epoch: expected 32 lowercase hex digits"});
    body = raised();
    body["protocol"] = 2;
    broken.push_back({body.dump(), "protocol: unsupported version 2"});

    for (const auto& [text, expected] : broken) {
        const kiosk::test::PostResult result = post_sync(hub.port(), token, text);
        INFO(text.substr(0, 200) << "\n-> " << result.status << " " << result.body);
        CHECK(result.status == 400);
        CHECK(json::parse(result.body)["error"].get<std::string>().rfind(expected, 0) == 0);
    }
    CHECK(kiosk::test::stored_totals(data) == before);
    // The raised body itself is fine: the checks above could have seen a change.
    CHECK(post_sync(hub.port(), token, raised().dump()).status == 200);
    CHECK(kiosk::test::stored_totals(data) != before);
}

TEST_CASE("an oversized body and too many buckets get 413 and store nothing", "[hub][sync]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    const std::string token = kiosk::test::add_kiosk(folder, data, "county-1", "k-a");
    HubProcess hub(data);

    // A body over 4 MiB is answered 413 before it is read, and the connection
    // closed: test_request_bodies.cpp sends such a request's head and reads the
    // answer (a client still sending the body sees the connection close).
    // Whatever this client sees, nothing is stored and the hub goes on.
    std::string padded = valid_body().dump();
    padded.insert(1, kiosk::sync::kMaxBodyBytes, ' ');
    kiosk::test::PostResult result = post_sync(hub.port(), token, padded);
    INFO(result.body);
    CHECK(result.status != 200);
    CHECK(kiosk::test::stored_totals(data).empty());
    CHECK(post_sync(hub.port(), token, "{bad").status == 400);

    // Under 4 MiB, but more buckets than the hub accepts.
    json body = valid_body();
    const json small = {{"day", "2026-11-28"}, {"kind", "hour"}, {"subject", "10"},
                        {"metric", "a"},       {"value", 1},     {"seq", 1}};
    body["buckets"] = json::array();
    for (size_t i = 0; i <= kiosk::sync::kMaxBucketsHardLimit; ++i)
        body["buckets"].push_back(small);
    const std::string many = body.dump();
    REQUIRE(many.size() < kiosk::sync::kMaxBodyBytes);
    result = post_sync(hub.port(), token, many);
    INFO(result.body);
    CHECK(result.status == 413);
    CHECK(json::parse(result.body)["error"] ==
          "buckets: 50001 buckets, more than the limit of 50000");
    CHECK(kiosk::test::stored_totals(data).empty());

    // The same bodies within the limits are stored.
    padded.erase(1, 16);
    CHECK(padded.size() == kiosk::sync::kMaxBodyBytes + valid_body().dump().size() - 16);
    body["buckets"].erase(body["buckets"].size() - 1);
    CHECK(post_sync(hub.port(), token, body.dump()).status == 200);
    CHECK(kiosk::test::stored_totals(data).size() == 1);
}

TEST_CASE("a batch replayed three times and batches in shuffled order give the same totals",
          "[hub][sync]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    const std::string token = kiosk::test::add_kiosk(folder, data, "county-1", "k-a");
    HubProcess hub(data);
    const KioskHistory history(kEpochA, 12, 40, 7);

    send_all(hub.port(), token, history.batches);
    const Totals in_order = kiosk::test::stored_totals(data);
    CHECK(in_order == history.final_totals());

    // Replaying: every batch three more times, then all of them shuffled.
    for (int round = 0; round < 3; ++round)
        send_all(hub.port(), token, history.batches);
    std::vector<kiosk::sync::SyncBatch> shuffled = history.batches;
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(11));
    send_all(hub.port(), token, shuffled);
    CHECK(kiosk::test::stored_totals(data) == history.final_totals());
    const kiosk::test::PostResult replay =
        post_sync(hub.port(), token, kiosk::sync::to_json(history.batches[3]));
    CHECK(json::parse(replay.body)["stored"] == 0);

    // A second hub gets the batches only shuffled (newest first among them).
    const std::string data2 = folder.file("data2");
    const std::string token2 = kiosk::test::add_kiosk(folder, data2, "county-1", "k-a");
    HubProcess hub2(data2);
    std::reverse(shuffled.begin(), shuffled.end());
    send_all(hub2.port(), token2, shuffled);
    CHECK(kiosk::test::stored_totals(data2) == history.final_totals());
    CHECK(kiosk::test::bucket_sums(data2) == history.final_totals());
}

TEST_CASE("a kiosk's token writes only its own kiosk's rows", "[hub][sync]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    const std::string token_a = kiosk::test::add_kiosk(folder, data, "county-1", "k-a");
    const std::string token_b = kiosk::test::add_kiosk(folder, data, "county-2", "k-b");
    HubProcess hub(data);

    kiosk::sync::SyncBatch batch_b = kiosk::test::make_batch(kEpochA, 5);
    batch_b.buckets.push_back({"2026-11-28", "exhibit", "pendulum-lab", "visits", 7, 5});
    REQUIRE(post_sync(hub.port(), token_b, kiosk::sync::to_json(batch_b)).status == 200);

    // Kiosk A sends the very same keys (same epoch, higher seq, bigger value):
    // they land in A's rows and B's stay as they were.
    kiosk::sync::SyncBatch batch_a = kiosk::test::make_batch(kEpochA, 50);
    batch_a.buckets.push_back({"2026-11-28", "exhibit", "pendulum-lab", "visits", 1000, 50});
    REQUIRE(post_sync(hub.port(), token_a, kiosk::sync::to_json(batch_a)).status == 200);
    // A kiosk field in the body is refused, not obeyed.
    json with_kiosk = json::parse(kiosk::sync::to_json(batch_a));
    with_kiosk["kiosk"] = "k-b";
    CHECK(post_sync(hub.port(), token_a, with_kiosk.dump()).status == 400);

    const Totals venue_b = kiosk::test::stored_totals(data, "county-2");
    CHECK(venue_b.at({"exhibit", "pendulum-lab", "visits"}) == 7);
    CHECK(kiosk::test::stored_totals(data, "county-1").at({"exhibit", "pendulum-lab", "visits"}) ==
          1000);
    CHECK(kiosk::test::stored_totals(data).at({"exhibit", "pendulum-lab", "visits"}) == 1007);

    std::string error;
    auto store = kiosk::hub::open_hub_store(kiosk::test::test_store(data), error);
    REQUIRE(store);
    auto kiosk_b = store->find_kiosk("k-b");
    REQUIRE(kiosk_b);
    CHECK(kiosk_b->last_seen_utc_ms > 0);
    auto kiosk_a = store->find_kiosk("k-a");
    REQUIRE(kiosk_a);
    CHECK(kiosk_a->last_seen_utc_ms >= kiosk_b->last_seen_utc_ms);
}

TEST_CASE("SQL-looking strings are stored and returned literally", "[hub][sync]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    const std::string token = kiosk::test::add_kiosk(folder, data, "county-1", "k-a");
    HubProcess hub(data);
    const std::vector<std::string> subjects = {"x'); DROP TABLE buckets; --", "\" OR 1=1 --",
                                               "'; DELETE FROM kiosks; --", "展品'\"\\%_", ""};
    kiosk::sync::SyncBatch batch = kiosk::test::make_batch(kEpochA, 3);
    int64_t value = 1;
    for (const std::string& subject : subjects)
        batch.buckets.push_back({"2026-11-28", "exhibit", subject, "visits", value++, 3});
    batch.heartbeat.software_version = "1.0'); DROP TABLE kiosks; --";
    REQUIRE(post_sync(hub.port(), token, kiosk::sync::to_json(batch)).status == 200);
    REQUIRE(post_sync(hub.port(), token, kiosk::sync::to_json(batch)).status == 200);

    const Totals totals = kiosk::test::stored_totals(data);
    REQUIRE(totals.size() == subjects.size());
    value = 1;
    for (const std::string& subject : subjects)
        CHECK(totals.at({"exhibit", subject, "visits"}) == value++);
    std::string error;
    auto store = kiosk::hub::open_hub_store(kiosk::test::test_store(data), error);
    REQUIRE(store);
    const auto exhibits = store->top_exhibits({"", "2026-11-28", "2026-11-28"},
                                              kiosk::hub::ExhibitOrder::by_visits, 10);
    REQUIRE(exhibits.size() == subjects.size());
    CHECK(exhibits[4].exhibit == "x'); DROP TABLE buckets; --");
    CHECK(store->find_kiosk("k-a")->software_version == "1.0'); DROP TABLE kiosks; --");
}

TEST_CASE("a new epoch for the same kiosk adds to the totals instead of replacing them",
          "[hub][sync]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    const std::string token = kiosk::test::add_kiosk(folder, data, "county-1", "k-a");
    HubProcess hub(data);

    kiosk::sync::SyncBatch old_install = kiosk::test::make_batch(kEpochA, 900);
    old_install.buckets.push_back({"2026-11-28", "exhibit", "pendulum-lab", "visits", 30, 900});
    old_install.buckets.push_back({"2026-11-28", "kiosk", "", "sessions", 10, 880});
    REQUIRE(post_sync(hub.port(), token, kiosk::sync::to_json(old_install)).status == 200);

    // Reinstalled: a new kiosk.db, seqs from the start again, same day and keys.
    kiosk::sync::SyncBatch new_install = kiosk::test::make_batch(kEpochB, 4);
    new_install.buckets.push_back({"2026-11-28", "exhibit", "pendulum-lab", "visits", 3, 4});
    new_install.buckets.push_back({"2026-11-28", "kiosk", "", "sessions", 2, 3});
    REQUIRE(post_sync(hub.port(), token, kiosk::sync::to_json(new_install)).status == 200);
    REQUIRE(post_sync(hub.port(), token, kiosk::sync::to_json(old_install)).status == 200);

    const Totals totals = kiosk::test::stored_totals(data);
    CHECK(totals.at({"exhibit", "pendulum-lab", "visits"}) == 33);
    CHECK(totals.at({"kiosk", "", "sessions"}) == 12);
    std::string error;
    auto store = kiosk::hub::open_hub_store(kiosk::test::test_store(data), error);
    REQUIRE(store);
    const auto days = store->daily_totals({"county-1", "2026-11-01", "2026-11-30"});
    REQUIRE(days.size() == 1);
    CHECK(days[0].sessions == 12);
}

TEST_CASE("the answer acknowledges through_seq and the heartbeat updates the kiosk's status",
          "[hub][sync]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    const std::string token = kiosk::test::add_kiosk(folder, data, "county-1", "k-a");
    HubProcess hub(data);
    json body = valid_body();
    const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    body["heartbeat"]["clock_utc_ms"] = now_ms + 600000; // ten minutes fast
    body["heartbeat"]["errors"] = 3;
    body["heartbeat"]["disk_free_mb"] = 512;
    const kiosk::test::PostResult result = post_sync(hub.port(), token, body.dump());
    REQUIRE(result.status == 200);
    std::string error;
    const auto answer = kiosk::sync::parse_sync_answer(result.body, error);
    INFO(error);
    REQUIRE(answer);
    CHECK(answer->acknowledged_through_seq == 10);
    CHECK(answer->stored == 2);
    CHECK(answer->server_utc_ms >= now_ms);
    CHECK(answer->clock_skew_ms > 590000);
    CHECK(answer->clock_skew_ms <= 600000);

    auto store = kiosk::hub::open_hub_store(kiosk::test::test_store(data), error);
    REQUIRE(store);
    const auto health = store->kiosk_health("county-1");
    REQUIRE(health.size() == 1);
    CHECK(health[0].id == "k-a");
    CHECK(health[0].last_seen_utc_ms == answer->server_utc_ms);
    CHECK(health[0].software_version == "0.4.0");
    CHECK(health[0].errors == 3);
    CHECK(health[0].disk_free_mb == 512);
    CHECK(health[0].clock_skew_ms == answer->clock_skew_ms);
    CHECK(json::parse(health[0].content_json)[0]["id"] == "pendulum-lab");
    CHECK(store->kiosk_health("other-venue").empty());

    httplib::Client client("127.0.0.1", hub.port());
    auto missing = client.Get("/api/v1/nothing");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(json::parse(missing->body).contains("error"));
}

TEST_CASE("killed with SIGKILL in the middle of syncs, restarted, a resend converges exactly",
          "[hub][sync][crash]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    const std::string token = kiosk::test::add_kiosk(folder, data, "county-1", "k-a");
    const KioskHistory history(kEpochA, 60, 3000, 3);

    int acknowledged = 0; // batches answered 200 before the kill
    {
        HubProcess hub(data);
        std::mutex mutex;
        std::condition_variable progress;
        int answered = 0;
        std::thread sender([&] {
            for (const kiosk::sync::SyncBatch& batch : history.batches) {
                const auto result = post_sync(hub.port(), token, kiosk::sync::to_json(batch));
                std::lock_guard lock(mutex);
                if (result.status != 200) break;
                ++answered;
                progress.notify_all();
            }
            std::lock_guard lock(mutex);
            answered = -answered - 1; // finished (by the kill or the end of the history)
            progress.notify_all();
        });
        {
            std::unique_lock lock(mutex);
            progress.wait(lock, [&] { return answered >= 8 || answered < 0; });
        }
        REQUIRE(hub.stop(SIGKILL) == -SIGKILL);
        sender.join();
        acknowledged = -answered - 1;
    }
    INFO("acknowledged before the kill: " << acknowledged);
    REQUIRE(acknowledged >= 8);
    REQUIRE(acknowledged < int(history.batches.size()));

    // Nothing acknowledged was lost: the store holds exactly the state after the
    // last acknowledged batch, or after the one in flight when the kill came.
    const Totals after_kill = kiosk::test::stored_totals(data);
    const bool at_acknowledged = after_kill == history.totals_after[size_t(acknowledged - 1)];
    const bool at_in_flight = after_kill == history.totals_after[size_t(acknowledged)];
    CHECK((at_acknowledged || at_in_flight));
    CHECK(kiosk::test::bucket_sums(data) == after_kill);

    HubProcess restarted(data);
    send_all(restarted.port(), token, history.batches);
    CHECK(kiosk::test::stored_totals(data) == history.final_totals());
    CHECK(kiosk::test::bucket_sums(data) == history.final_totals());
}

TEST_CASE("SIGTERM exits 0 with every acknowledged batch stored", "[hub][sync]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    const std::string token = kiosk::test::add_kiosk(folder, data, "county-1", "k-a");
    const KioskHistory history(kEpochA, 30, 2000, 5);
    HubProcess hub(data);

    std::mutex mutex;
    std::condition_variable progress;
    int answered = 0;
    bool finished = false;
    std::thread sender([&] {
        for (const kiosk::sync::SyncBatch& batch : history.batches) {
            const auto result = post_sync(hub.port(), token, kiosk::sync::to_json(batch));
            std::lock_guard lock(mutex);
            if (result.status != 200) break;
            ++answered;
            progress.notify_all();
        }
        std::lock_guard lock(mutex);
        finished = true;
        progress.notify_all();
    });
    {
        std::unique_lock lock(mutex);
        progress.wait(lock, [&] { return answered >= 5 || finished; });
    }
    const int code = hub.stop(SIGTERM);
    sender.join();
    INFO(hub.stderr_text());
    CHECK(code == 0);
    CHECK(hub.stderr_text().find("stopped") != std::string::npos);
    REQUIRE(answered >= 5);
    // Every answered batch is there; a batch in flight when the signal came was
    // finished (and answered) before the exit, so the state is exactly that.
    CHECK(kiosk::test::stored_totals(data) == history.totals_after[size_t(answered - 1)]);
}
