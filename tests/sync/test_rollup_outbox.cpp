// RollupOutbox tests: batches cut by changed_seq with the last group whole,
// through_seq, reading beside the live writer, every bucket for bundles, rows
// the protocol cannot carry left out, and the errors for unusable files.
#include "sync/rollup_outbox.h"
#include "sync_test_support.h"
#include "telemetry/interaction_log.h"
#include "telemetry/telemetry_test_support.h"

#include <sqlite3.h>

using namespace kiosk;
using namespace kiosk::sync;
using kiosk::test::KioskDb;

namespace {

std::vector<std::string> names(const SyncBatch& batch) {
    std::vector<std::string> out;
    for (const Bucket& bucket : batch.buckets)
        out.push_back(bucket.kind + "/" + bucket.subject + "/" + bucket.metric + "@" +
                      std::to_string(bucket.seq));
    return out;
}

} // namespace

TEST_CASE("next_batch cuts by changed_seq and always takes the last seq's whole group", "[sync]") {
    KioskDb kiosk;
    const int64_t first =
        kiosk.commit({"exhibit/a/visits", "exhibit/b/visits", "exhibit/c/visits"});
    const int64_t second = kiosk.commit({"exhibit/d/visits"});
    const int64_t third = kiosk.commit({"exhibit/e/visits", "exhibit/f/visits"});
    std::string error;
    auto outbox = RollupOutbox::open(kiosk.path, error);
    REQUIRE(outbox);
    CHECK(outbox->epoch() == kiosk.store->epoch());
    CHECK(outbox->synced_seq() == 0);

    std::optional<SyncBatch> batch = outbox->next_batch(0, 2, error);
    REQUIRE(batch);
    CHECK(batch->epoch == kiosk.store->epoch());
    const std::string s1 = std::to_string(first);
    CHECK(names(*batch) == std::vector<std::string>{"exhibit/a/visits@" + s1,
                                                    "exhibit/b/visits@" + s1,
                                                    "exhibit/c/visits@" + s1});
    CHECK(batch->through_seq == first);

    batch = outbox->next_batch(first, 2, error);
    REQUIRE(batch);
    CHECK(names(*batch) == std::vector<std::string>{"exhibit/d/visits@" + std::to_string(second),
                                                    "exhibit/e/visits@" + std::to_string(third),
                                                    "exhibit/f/visits@" + std::to_string(third)});
    CHECK(batch->through_seq == third);

    batch = outbox->next_batch(third, 2, error);
    REQUIRE(batch);
    CHECK(batch->buckets.empty());
    CHECK(batch->through_seq == third);
}

TEST_CASE("a bucket changed again moves to its new seq and carries its full value", "[sync]") {
    KioskDb kiosk;
    const int64_t first = kiosk.commit({"exhibit/a/visits", "exhibit/b/visits"});
    const int64_t second = kiosk.commit({"exhibit/a/visits"}, "2026-11-28", 5);
    std::string error;
    auto outbox = RollupOutbox::open(kiosk.path, error);
    REQUIRE(outbox);
    std::optional<SyncBatch> batch = outbox->next_batch(first, 100, error);
    REQUIRE(batch);
    REQUIRE(batch->buckets.size() == 1);
    CHECK(batch->buckets[0].subject == "a");
    CHECK(batch->buckets[0].value == 6);
    CHECK(batch->buckets[0].seq == second);
    CHECK(batch->buckets[0].day == "2026-11-28");
}

TEST_CASE("the outbox reads beside the live writer and sees its later commits", "[sync]") {
    KioskDb kiosk;
    telemetry::InteractionLog log(kiosk.store.get(), kiosk.clock);
    log.session_started("s1");
    log.screen_entered("home");
    kiosk.clock.advance_ms(4000);
    log.screen_left();
    log.session_ended("idle");
    REQUIRE(kiosk.store->flush());
    std::string error;
    auto outbox = RollupOutbox::open(kiosk.path, error);
    REQUIRE(outbox);
    std::optional<SyncBatch> batch = outbox->next_batch(0, 5000, error);
    REQUIRE(batch);
    test::Db db(kiosk.path);
    CHECK(int64_t(batch->buckets.size()) == db.integer("SELECT count(*) FROM rollups"));
    int64_t sum = 0;
    for (const Bucket& bucket : batch->buckets)
        sum += bucket.value;
    CHECK(sum == db.integer("SELECT sum(value) FROM rollups"));
    CHECK(outbox->rows_left_out() == 0);

    const int64_t later = kiosk.commit({"quiz/water-cycle/visits"});
    std::optional<SyncBatch> next = outbox->next_batch(batch->through_seq, 5000, error);
    REQUIRE(next);
    REQUIRE(next->buckets.size() == 1);
    CHECK(next->buckets[0].subject == "water-cycle");
    CHECK(next->through_seq == later);
}

TEST_CASE("all_buckets returns every bucket with the highest seq; synced_seq is read back",
          "[sync]") {
    KioskDb kiosk;
    kiosk.commit({"exhibit/a/visits"}, "2026-11-27");
    const int64_t last = kiosk.commit({"exhibit/b/visits", "hour/09/sessions"});
    kiosk.store->acknowledge_synced(last);
    std::string error;
    auto outbox = RollupOutbox::open(kiosk.path, error);
    REQUIRE(outbox);
    CHECK(outbox->synced_seq() == last);
    std::optional<SyncBatch> all = outbox->all_buckets(error);
    REQUIRE(all);
    CHECK(all->buckets.size() == 3);
    CHECK(all->through_seq == last);
    CHECK(outbox->next_batch(last, 10, error)->buckets.empty());
}

TEST_CASE("rows the hub would refuse are left out and counted, not sent", "[sync]") {
    KioskDb kiosk;
    const int64_t seq = kiosk.commit({"exhibit/ok/visits", "exhibit/x/Bad-Metric"});
    kiosk.commit({"gadget/x/visits"});
    std::string error;
    auto outbox = RollupOutbox::open(kiosk.path, error);
    REQUIRE(outbox);
    std::optional<SyncBatch> batch = outbox->next_batch(0, 1, error);
    REQUIRE(batch);
    CHECK(names(*batch) == std::vector<std::string>{"exhibit/ok/visits@" + std::to_string(seq)});
    CHECK(batch->through_seq == seq);
    CHECK(outbox->rows_left_out() == 1);
    CHECK(outbox->next_batch(seq, 10, error)->buckets.empty());
    CHECK(outbox->rows_left_out() == 2);

    Bucket good{"2026-02-28", "option", "pack/q1/b", "choices", 3, 9};
    CHECK(bucket_problem(good).empty());
    Bucket bad = good;
    bad.day = "2026-02-29";
    CHECK(bucket_problem(bad).find("day") != std::string::npos);
    bad = good;
    bad.subject = std::string(257, 'x');
    CHECK(bucket_problem(bad).find("subject") != std::string::npos);
    bad = good;
    bad.value = -1;
    CHECK(bucket_problem(bad).find("value") != std::string::npos);
}

TEST_CASE("opening a missing file or a file that is no kiosk database fails with its name",
          "[sync]") {
    test::TempFolder folder;
    std::string error;
    CHECK_FALSE(RollupOutbox::open(folder.file("missing.db"), error));
    CHECK(error.find("missing.db") != std::string::npos);
    const std::string junk = folder.write("junk.db", "this is not sqlite at all, not even close");
    error.clear();
    CHECK_FALSE(RollupOutbox::open(junk, error));
    CHECK(error.find("junk.db") != std::string::npos);
}

TEST_CASE("a batch carries the titles of its own subjects, long ones shortened", "[sync]") {
    KioskDb kiosk;
    telemetry::EventRecord event;
    event.time = kiosk.clock.now();
    event.day = "2026-11-28";
    event.kind = "test";
    event.counts.push_back({"exhibit", "pendulum-lab", "visits", 1});
    event.titles.push_back({"exhibit", "pendulum-lab", "单摆实验室", "Pendulum lab"});
    // 200 three-byte characters: 600 bytes, over the protocol's 512.
    std::string long_prompt;
    for (int i = 0; i < 200; ++i)
        long_prompt += "问";
    event.titles.push_back({"question", "safety/q1", long_prompt, "Which way out?"});
    const int64_t first = kiosk.store->record(event);
    REQUIRE(kiosk.store->flush());
    const int64_t second = kiosk.commit({"question/safety/q1/answers"});

    std::string error;
    auto outbox = RollupOutbox::open(kiosk.path, error);
    REQUIRE(outbox);
    std::optional<SyncBatch> batch = outbox->next_batch(0, 1, error);
    REQUIRE(batch);
    CHECK(batch->through_seq == first);
    REQUIRE(batch->titles.size() == 1); // the question's bucket is in the next batch
    CHECK(batch->titles[0].kind == "exhibit");
    CHECK(batch->titles[0].subject == "pendulum-lab");
    CHECK(batch->titles[0].zh == "单摆实验室");
    CHECK(batch->titles[0].en == "Pendulum lab");

    batch = outbox->next_batch(first, 10, error);
    REQUIRE(batch);
    CHECK(batch->through_seq == second);
    REQUIRE(batch->titles.size() == 1);
    const SubjectTitle& question = batch->titles[0];
    CHECK(question.subject == "safety/q1");
    CHECK(question.en == "Which way out?");
    CHECK(question.zh.size() <= kMaxTitleBytes);
    CHECK(question.zh.size() > kMaxTitleBytes - 6);
    CHECK(question.zh.rfind("问问", 0) == 0);
    CHECK(question.zh.substr(question.zh.size() - 3) == "\u2026");
    CHECK(title_problem(question).empty());

    std::optional<SyncBatch> all = outbox->all_buckets(error);
    REQUIRE(all);
    CHECK(all->titles.size() == 2);
}
