// The sync protocol's JSON forms (engine/sync/sync_protocol.cpp): each message
// written and read back unchanged, and a broken batch refused with a message
// naming the field, for every field of a bucket, the heartbeat and the batch:
// wrong types, missing and unknown fields, values out of range, bad dates,
// malformed JSON and too many buckets; values above what a kiosk can produce
// in a day (issue 15's attack: buckets of 2^53 sessions) refused per metric.
#include "sync/sync_protocol.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using kiosk::sync::Bucket;
using kiosk::sync::Bundle;
using kiosk::sync::SyncAnswer;
using kiosk::sync::SyncBatch;
using nlohmann::json;

namespace {

SyncBatch sample_batch() {
    SyncBatch batch;
    batch.epoch = "7b044cf3518a07fda0adb414df9d27bf";
    batch.through_seq = 1234;
    batch.buckets.push_back({"2026-11-28", "exhibit", "pendulum-lab", "visits", 12, 1200});
    batch.buckets.push_back({"2024-02-29", "question", "物理/q2", "correct", 0, 1234});
    batch.buckets.push_back({"2026-11-28", "kiosk", "", "session_ms", 172800000, 7});
    batch.heartbeat.software_version = "0.4.0";
    batch.heartbeat.content.push_back({"pendulum-lab", "1.2.0"});
    batch.heartbeat.uptime_s = 3600;
    batch.heartbeat.disk_free_mb = 20480;
    batch.heartbeat.errors = 2;
    batch.heartbeat.clock_utc_ms = 1795829400000;
    return batch;
}

json sample_json() {
    return json::parse(kiosk::sync::to_json(sample_batch()));
}

// The parse error for `message`, or "(accepted)".
std::string batch_error(const json& message) {
    std::string error;
    auto batch = kiosk::sync::parse_sync_batch(message.dump(), error);
    if (batch) return "(accepted)";
    CHECK_FALSE(error.empty());
    return error;
}

std::string text_error(const std::string& text) {
    std::string error;
    auto batch = kiosk::sync::parse_sync_batch(text, error);
    return batch ? "(accepted)" : error;
}

bool same_bucket(const Bucket& a, const Bucket& b) {
    return a.day == b.day && a.kind == b.kind && a.subject == b.subject && a.metric == b.metric &&
           a.value == b.value && a.seq == b.seq;
}

} // namespace

TEST_CASE("a sync batch is written as the documented JSON and read back unchanged",
          "[hub][protocol]") {
    const SyncBatch batch = sample_batch();
    const std::string text = kiosk::sync::to_json(batch);
    const json message = json::parse(text);
    CHECK(message["protocol"] == 1);
    CHECK(message["epoch"] == batch.epoch);
    CHECK(message["buckets"][1]["subject"] == "物理/q2");
    CHECK(message["heartbeat"]["content"][0]["version"] == "1.2.0");

    std::string error = "stale";
    auto parsed = kiosk::sync::parse_sync_batch(text, error);
    INFO(error);
    REQUIRE(parsed);
    CHECK(error.empty());
    CHECK(parsed->protocol == 1);
    CHECK(parsed->epoch == batch.epoch);
    CHECK(parsed->through_seq == 1234);
    REQUIRE(parsed->buckets.size() == 3);
    for (size_t i = 0; i < 3; ++i)
        CHECK(same_bucket(parsed->buckets[i], batch.buckets[i]));
    CHECK(parsed->heartbeat.software_version == "0.4.0");
    REQUIRE(parsed->heartbeat.content.size() == 1);
    CHECK(parsed->heartbeat.content[0].id == "pendulum-lab");
    CHECK(parsed->heartbeat.uptime_s == 3600);
    CHECK(parsed->heartbeat.disk_free_mb == 20480);
    CHECK(parsed->heartbeat.errors == 2);
    CHECK(parsed->heartbeat.clock_utc_ms == 1795829400000);
}

TEST_CASE("an empty batch (heartbeat only) is accepted", "[hub][protocol]") {
    json message = sample_json();
    message["buckets"] = json::array();
    CHECK(batch_error(message) == "(accepted)");
}

TEST_CASE("the answer and the bundle are read back unchanged", "[hub][protocol]") {
    SyncAnswer answer{1234, 37, 1795829400000, -300000};
    std::string error;
    auto parsed = kiosk::sync::parse_sync_answer(kiosk::sync::to_json(answer), error);
    INFO(error);
    REQUIRE(parsed);
    CHECK(parsed->acknowledged_through_seq == 1234);
    CHECK(parsed->stored == 37);
    CHECK(parsed->server_utc_ms == 1795829400000);
    CHECK(parsed->clock_skew_ms == -300000);

    Bundle bundle{"k-3f9a2c", kiosk::sync::to_json(sample_batch()), std::string(86, 'A') + "=="};
    const json bundle_json = json::parse(kiosk::sync::to_json(bundle));
    CHECK(bundle_json["format"] == "kiosk-sync-bundle");
    CHECK(bundle_json["version"] == 1);
    auto parsed_bundle = kiosk::sync::parse_bundle(bundle_json.dump(), error);
    INFO(error);
    REQUIRE(parsed_bundle);
    CHECK(parsed_bundle->kiosk == "k-3f9a2c");
    CHECK(parsed_bundle->payload == bundle.payload);
    CHECK(parsed_bundle->signature == bundle.signature);

    json wrong = bundle_json;
    wrong["signature"] = "AAAA";
    CHECK_FALSE(kiosk::sync::parse_bundle(wrong.dump(), error));
    CHECK(error.rfind("signature:", 0) == 0);
    wrong = bundle_json;
    wrong["format"] = "zip";
    CHECK_FALSE(kiosk::sync::parse_bundle(wrong.dump(), error));
    CHECK(error.rfind("format:", 0) == 0);
    wrong = bundle_json;
    wrong["extra"] = 1;
    CHECK_FALSE(kiosk::sync::parse_bundle(wrong.dump(), error));
    CHECK(error == "extra: unknown field");
    CHECK_FALSE(kiosk::sync::parse_sync_answer("{\"stored\":1}", error));
}

TEST_CASE("malformed JSON and a non-object body are refused", "[hub][protocol]") {
    CHECK(text_error("").rfind("malformed JSON:", 0) == 0);
    CHECK(text_error("{\"protocol\":1,").rfind("malformed JSON:", 0) == 0);
    CHECK(text_error("{'protocol':1}").rfind("malformed JSON:", 0) == 0);
    CHECK(text_error(kiosk::sync::to_json(sample_batch()) + "x").rfind("malformed JSON:", 0) == 0);
    CHECK(text_error("[1,2]") == "body: expected an object");
    CHECK(text_error("42") == "body: expected an object");
    // Invalid UTF-8 in a string, raw or as an unpaired surrogate escape.
    std::string text = kiosk::sync::to_json(sample_batch());
    const size_t subject = text.find("pendulum-lab");
    REQUIRE(subject != std::string::npos);
    CHECK(text_error(text) == "(accepted)");
    CHECK(text_error(std::string(text).replace(subject, 1, "\xff")).rfind("malformed JSON:", 0) ==
          0);
    CHECK(
        text_error(std::string(text).replace(subject, 1, "\\ud800")).rfind("malformed JSON:", 0) ==
        0);
}

TEST_CASE("every bucket field is checked and named in the error", "[hub][protocol]") {
    struct Case {
        const char* field;
        json value;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"day", "2026-13-01", "buckets[1].day: expected a date YYYY-MM-DD"},
        {"day", "2025-02-29", "buckets[1].day: expected a date YYYY-MM-DD"},
        {"day", "2026-04-31", "buckets[1].day: expected a date YYYY-MM-DD"},
        {"day", "2026-1-01", "buckets[1].day: expected a date YYYY-MM-DD"},
        {"day", "2026/11/28", "buckets[1].day: expected a date YYYY-MM-DD"},
        {"day", "2026-11-00", "buckets[1].day: expected a date YYYY-MM-DD"},
        {"day", 20261128, "buckets[1].day: expected a string: expected a date YYYY-MM-DD"},
        {"kind", "visitor",
         "buckets[1].kind: expected one of kiosk, hour, screen, exhibit, quiz, question, option, "
         "content, finding, finding_value"},
        {"kind", nullptr,
         "buckets[1].kind: expected a string: expected one of kiosk, hour, screen, exhibit, quiz, "
         "question, option, content, finding, finding_value"},
        {"subject", std::string(257, 'x'),
         "buckets[1].subject: expected 0..256 bytes of valid UTF-8"},
        {"subject", 5,
         "buckets[1].subject: expected a string: expected 0..256 bytes of valid UTF-8"},
        {"metric", "", "buckets[1].metric: expected 1..32 characters of a-z 0-9 _"},
        {"metric", "Visits", "buckets[1].metric: expected 1..32 characters of a-z 0-9 _"},
        {"metric", "dwell-ms", "buckets[1].metric: expected 1..32 characters of a-z 0-9 _"},
        {"metric", std::string(33, 'a'),
         "buckets[1].metric: expected 1..32 characters of a-z 0-9 _"},
        {"value", -1, "buckets[1].value: expected an integer 0..2^53"},
        {"value", (int64_t(1) << 53) + 1, "buckets[1].value: expected an integer 0..2^53"},
        {"value", 1.5, "buckets[1].value: expected an integer 0..2^53"},
        {"value", "12", "buckets[1].value: expected an integer 0..2^53"},
        {"value", true, "buckets[1].value: expected an integer 0..2^53"},
        {"seq", -5, "buckets[1].seq: expected an integer 0..2^53"},
        {"seq", json::array(), "buckets[1].seq: expected an integer 0..2^53"},
        {"seq", 1235, "buckets[1].seq: greater than through_seq 1234"},
    };
    for (const Case& broken : cases) {
        json message = sample_json();
        message["buckets"][1][broken.field] = broken.value;
        INFO(broken.field << " = " << broken.value.dump());
        CHECK(batch_error(message) == broken.expected);
    }
    // Exactly at the limits is fine.
    json message = sample_json();
    message["buckets"][1]["subject"] = std::string(256, 'x');
    message["buckets"][1]["metric"] = std::string(32, 'z');
    message["buckets"][1]["day"] = "2000-02-29";
    CHECK(batch_error(message) == "(accepted)");
}

TEST_CASE("missing and unknown fields are refused at every level", "[hub][protocol]") {
    for (const char* field : {"day", "kind", "subject", "metric", "value", "seq"}) {
        json message = sample_json();
        message["buckets"][2].erase(field);
        CHECK(batch_error(message) == std::string("buckets[2].") + field + ": missing");
    }
    for (const char* field : {"protocol", "epoch", "through_seq", "buckets", "heartbeat"}) {
        json message = sample_json();
        message.erase(field);
        CHECK(batch_error(message) == std::string(field) + ": missing");
    }
    for (const char* field :
         {"software_version", "content", "uptime_s", "disk_free_mb", "errors", "clock_utc_ms"}) {
        json message = sample_json();
        message["heartbeat"].erase(field);
        CHECK(batch_error(message) == std::string("heartbeat.") + field + ": missing");
    }
    json message = sample_json();
    message["kiosk"] = "k-other";
    CHECK(batch_error(message) == "kiosk: unknown field");
    message = sample_json();
    message["buckets"][0]["kiosk"] = "k-other";
    CHECK(batch_error(message) == "buckets[0].kiosk: unknown field");
    message = sample_json();
    message["heartbeat"]["temperature"] = 40;
    CHECK(batch_error(message) == "heartbeat.temperature: unknown field");
    message = sample_json();
    message["heartbeat"]["content"][0]["hash"] = "abc";
    CHECK(batch_error(message) == "heartbeat.content[0].hash: unknown field");
}

TEST_CASE("batch and heartbeat fields are checked", "[hub][protocol]") {
    auto with = [](const std::string& pointer, json value) {
        json message = sample_json();
        message[json::json_pointer(pointer)] = std::move(value);
        return batch_error(message);
    };
    CHECK(with("/protocol", 2) == "protocol: unsupported version 2, expected 1");
    CHECK(with("/protocol", "1").rfind("protocol: expected an integer", 0) == 0);
    CHECK(with("/epoch", "7B044CF3518A07FDA0ADB414DF9D27BF") ==
          "epoch: expected 32 lowercase hex digits");
    CHECK(with("/epoch", "7b044cf3") == "epoch: expected 32 lowercase hex digits");
    CHECK(with("/epoch", 7) == "epoch: expected a string: expected 32 lowercase hex digits");
    CHECK(with("/through_seq", -1) == "through_seq: expected an integer 0..2^53");
    CHECK(with("/buckets", json::object()) == "buckets: expected an array");
    CHECK(with("/buckets/0", "bucket") == "buckets[0]: expected an object");
    CHECK(with("/heartbeat", json::array()) == "heartbeat: expected an object");
    CHECK(with("/heartbeat/software_version", 4).rfind("heartbeat.software_version:", 0) == 0);
    CHECK(with("/heartbeat/content", "x") == "heartbeat.content: expected an array");
    CHECK(with("/heartbeat/content/0/id", "") ==
          "heartbeat.content[0].id: expected 1..128 bytes of UTF-8");
    CHECK(with("/heartbeat/uptime_s", -3) == "heartbeat.uptime_s: expected an integer 0..2^53");
    CHECK(with("/heartbeat/disk_free_mb", 1.25) ==
          "heartbeat.disk_free_mb: expected an integer 0..2^53");
    CHECK(with("/heartbeat/errors", nullptr) == "heartbeat.errors: expected an integer 0..2^53");
    CHECK(with("/heartbeat/clock_utc_ms", "now") ==
          "heartbeat.clock_utc_ms: expected an integer 0..2^53");
}

TEST_CASE("more buckets than the hard limit are refused, the limit itself is not",
          "[hub][protocol]") {
    json message = sample_json();
    json bucket = message["buckets"][0];
    message["buckets"] = json::array();
    for (size_t i = 0; i < kiosk::sync::kMaxBucketsHardLimit; ++i)
        message["buckets"].push_back(bucket);
    CHECK(batch_error(message) == "(accepted)");
    message["buckets"].push_back(bucket);
    CHECK(batch_error(message) == "buckets: 50001 buckets, more than the limit of 50000");
}

TEST_CASE("titles are optional, read back unchanged, and every title field is checked",
          "[hub][protocol]") {
    SyncBatch batch = sample_batch();
    CHECK_FALSE(json::parse(kiosk::sync::to_json(batch)).contains("titles"));
    batch.titles.push_back({"exhibit", "pendulum-lab", "单摆实验室", "Pendulum lab"});
    batch.titles.push_back({"question", "物理/q2", std::string(170, 'x') + "？", ""});
    std::string error;
    auto parsed = kiosk::sync::parse_sync_batch(kiosk::sync::to_json(batch), error);
    INFO(error);
    REQUIRE(parsed);
    REQUIRE(parsed->titles.size() == 2);
    CHECK(parsed->titles[0].kind == "exhibit");
    CHECK(parsed->titles[0].subject == "pendulum-lab");
    CHECK(parsed->titles[0].zh == "单摆实验室");
    CHECK(parsed->titles[0].en == "Pendulum lab");
    CHECK(parsed->titles[1].zh == batch.titles[1].zh);
    CHECK(parsed->titles[1].en.empty());

    const json with_titles = json::parse(kiosk::sync::to_json(batch));
    auto with = [&](const std::string& pointer, json value) {
        json message = with_titles;
        message[json::json_pointer(pointer)] = std::move(value);
        return batch_error(message);
    };
    CHECK(with("/titles", "x") == "titles: expected an array");
    CHECK(with("/titles/1", 3) == "titles[1]: expected an object");
    CHECK(with("/titles/0/kind", "visitor") ==
          "titles[0].kind: expected one of kiosk, hour, screen, exhibit, quiz, question, "
          "option, content, finding, finding_value");
    CHECK(with("/titles/0/subject", std::string(257, 's')) ==
          "titles[0].subject: expected 0..256 bytes of valid UTF-8");
    CHECK(with("/titles/0/zh", std::string(513, 'z')) ==
          "titles[0].zh: expected 0..512 bytes of valid UTF-8");
    CHECK(with("/titles/0/en", std::string(512, 'e')) == "(accepted)");
    std::string invalid_utf8 = with_titles.dump();
    invalid_utf8.replace(invalid_utf8.find("Pendulum lab"), 12, "\xff\xfe");
    // The JSON parser itself refuses bytes that are not UTF-8.
    CHECK(text_error(invalid_utf8).rfind("malformed JSON: ", 0) == 0);
    CHECK(with("/titles/1/en", 5).rfind("titles[1].en: expected a string", 0) == 0);
    CHECK(with("/titles/0/visitor_name", "x") == "titles[0].visitor_name: unknown field");
    json missing = with_titles;
    missing["titles"][1].erase("zh");
    CHECK(batch_error(missing) == "titles[1].zh: missing");

    CHECK(kiosk::sync::title_problem(batch.titles[0]).empty());
    kiosk::sync::SubjectTitle bad = batch.titles[0];
    bad.zh = std::string(513, 'z');
    CHECK(kiosk::sync::title_problem(bad).rfind("zh:", 0) == 0);
    bad = batch.titles[0];
    bad.kind = "gadget";
    CHECK(kiosk::sync::title_problem(bad).find("kind") != std::string::npos);
}

TEST_CASE("attack: control characters in a title are replaced, the batch still syncs",
          "[hub][protocol]") {
    SyncBatch batch = sample_batch();
    batch.titles.push_back(
        {"exhibit", "pendulum-lab", std::string("单摆\0实验室", 16), "a\x1b[2Jb"});
    std::string error;
    auto parsed = kiosk::sync::parse_sync_batch(kiosk::sync::to_json(batch), error);
    INFO(error);
    REQUIRE(parsed);
    REQUIRE(parsed->titles.size() == 1);
    CHECK(parsed->titles[0].zh == "单摆\xEF\xBF\xBD实验室");
    CHECK(parsed->titles[0].en == "a\xEF\xBF\xBD[2Jb");
}

TEST_CASE("attack: a batch of 30 buckets of 2^53 sessions is refused, naming the field and bound",
          "[hub][protocol][numbers]") {
    json message = sample_json();
    message["buckets"] = json::array();
    for (int day = 1; day <= 30; ++day) {
        char date[16];
        std::snprintf(date, sizeof date, "2026-11-%02d", day);
        message["buckets"].push_back({{"day", date},
                                      {"kind", "kiosk"},
                                      {"subject", ""},
                                      {"metric", "sessions"},
                                      {"value", 9007199254740992},
                                      {"seq", day}});
    }
    CHECK(batch_error(message) == "buckets[0].value: 9007199254740992 is more than one kiosk can "
                                  "produce in a day for metric sessions (at most 172800)");
}

TEST_CASE("each metric's value is bounded by what one kiosk can produce in a day",
          "[hub][protocol][numbers]") {
    // metric -> the documented bound (docs/sync-protocol.md, "Plausible values").
    const std::vector<std::pair<std::string, int64_t>> bounds = {
        {"sessions", 172800},
        {"visits", 1728000},
        {"answers", 1728000},
        {"correct", 1728000},
        {"completions", 1728000},
        {"score_total", 1728000},
        {"choices", 10368000},
        {"interactions", 17280000},
        {"errors", 17280000},
        {"session_ms", 172800000},
        {"dwell_ms", 172800000},
        {"visitors", 172800},
        {"events", 17280000},
        {"dropped_log_events", 1728000000000},
        {"dropped_raw_events", 1728000000000},
        {"future_count", 17280000}, // a metric this build does not know: a count
        {"future_ms", 172800000},   // or a duration, by its name
    };
    for (const auto& [metric, bound] : bounds) {
        INFO(metric);
        CHECK(kiosk::sync::max_bucket_value(metric) == bound);
        json message = sample_json();
        message["buckets"][1]["metric"] = metric;
        message["buckets"][1]["value"] = bound;
        CHECK(batch_error(message) == "(accepted)");
        message["buckets"][1]["value"] = bound + 1;
        CHECK(batch_error(message) == "buckets[1].value: " + std::to_string(bound + 1) +
                                          " is more than one kiosk can produce in a day for "
                                          "metric " +
                                          metric + " (at most " + std::to_string(bound) + ")");
        Bucket bucket{"2026-11-28", "kiosk", "", metric, bound, 1};
        CHECK(kiosk::sync::bucket_problem(bucket).empty());
        bucket.value = bound + 1;
        CHECK(kiosk::sync::bucket_problem(bucket).rfind("value ", 0) == 0);
    }
}

TEST_CASE("finding buckets are accepted; broken ones are refused, naming the field",
          "[hub][protocol][findings]") {
    // docs/curators-round-2.md, "Findings": the kinds, subjects and metrics a kiosk sends.
    json message = sample_json();
    const std::string value = "refraction/total_reflection/medium=" + std::string(64, 'w');
    message["buckets"] = json::array({
        {{"day", "2026-11-28"},
         {"kind", "exhibit"},
         {"subject", "refraction"},
         {"metric", "visitors"},
         {"value", 40},
         {"seq", 5}},
        {{"day", "2026-11-28"},
         {"kind", "finding"},
         {"subject", "refraction/total_reflection"},
         {"metric", "events"},
         {"value", 61},
         {"seq", 5}},
        {{"day", "2026-11-28"},
         {"kind", "finding"},
         {"subject", "refraction/total_reflection"},
         {"metric", "visitors"},
         {"value", 15},
         {"seq", 5}},
        {{"day", "2026-11-28"},
         {"kind", "finding_value"},
         {"subject", value},
         {"metric", "visitors"},
         {"value", 172800},
         {"seq", 5}},
    });
    std::string error;
    const auto batch = kiosk::sync::parse_sync_batch(message.dump(), error);
    REQUIRE(batch);
    CHECK(batch->buckets.size() == 4);
    CHECK(batch->buckets[3].subject == value);

    json implausible = message; // more visitors than one a second for two days
    implausible["buckets"][3]["value"] = 172801;
    CHECK(batch_error(implausible) == "buckets[3].value: 172801 is more than one kiosk can "
                                      "produce in a day for metric visitors (at most 172800)");
    json too_many_events = message;
    too_many_events["buckets"][1]["value"] = 17280001;
    CHECK(batch_error(too_many_events) == "buckets[1].value: 17280001 is more than one kiosk can "
                                          "produce in a day for metric events (at most 17280000)");
    json long_subject = message; // 257 bytes
    long_subject["buckets"][3]["subject"] =
        "refraction/total_reflection/medium=" + std::string(257 - 35, 'w');
    CHECK(batch_error(long_subject) == "buckets[3].subject: expected 0..256 bytes of valid UTF-8");
    json bad_kind = message;
    bad_kind["buckets"][2]["kind"] = "findings";
    CHECK(batch_error(bad_kind) == "buckets[2].kind: expected one of kiosk, hour, screen, exhibit, "
                                   "quiz, question, option, content, finding, finding_value");
    // The kiosk leaves such rows out by the same rule.
    CHECK_FALSE(
        kiosk::sync::bucket_problem({"2026-11-28", "finding_value", value, "visitors", 172801, 5})
            .empty());
    CHECK(kiosk::sync::bucket_problem({"2026-11-28", "finding", "refraction/x", "events", 9, 5})
              .empty());
}
