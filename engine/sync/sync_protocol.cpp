// The sync protocol's JSON forms (docs/sync-protocol.md): writing each message
// and parsing it back with every field checked. A parse error names the field
// by its path ("buckets[3].day") and says what was expected, so the hub can
// answer 400 with it as it is; unknown fields, missing fields, wrong types and
// values out of range are all errors, and the first one found is reported.
// A bucket's value is also bounded by what a kiosk can produce in a day, per
// metric (max_bucket_value), so no total the hub adds up can be driven to
// overflow by one kiosk's token.
#include "sync_protocol.h"

#include "content_state_json.h"
#include "json_fields.h"
#include "notice_json.h"

#include "core/civil_time.h"
#include "core/data_reader.h"
#include "core/utf8_text.h"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <array>

namespace kiosk::sync {
namespace {

using namespace json_fields;
using nlohmann::json;
using nlohmann::ordered_json;

constexpr size_t kMaxSubjectBytes = 256;
constexpr size_t kMaxMetricChars = 32;
constexpr size_t kMaxHeartbeatText = 128; // software_version, content ids and versions
constexpr size_t kMaxContentEntries = 1000;
constexpr size_t kMaxKioskIdChars = 64;
constexpr size_t kEd25519SignatureBytes = 64;

constexpr std::array<std::string_view, 10> kBucketKinds = {
    "kiosk",    "hour",   "screen",  "exhibit", "quiz",
    "question", "option", "content", "finding", "finding_value"};

// The per-second rate behind each metric's bound (see max_bucket_value and
// docs/sync-protocol.md, "Plausible values"). Durations are milliseconds, so
// their rate is 1000 per second: one thing at a time is open.
struct MetricRate {
    std::string_view metric;
    int64_t per_second;
};
constexpr int64_t kDurationPerSecond = 1000;
constexpr int64_t kTapsPerSecond = 10;     // a finger on a touchscreen, generously
constexpr int64_t kGenericPerSecond = 100; // interactions, errors, unknown counts
constexpr std::array<MetricRate, 15> kMetricRates = {{
    {"sessions", 1},                     // a session needs a touch and ends on idle (>= 10 s)
    {"visitors", 1},                     // sessions that did something: at most one a second
    {"events", kGenericPerSecond},       // kiosk.log events of one name: as interactions
    {"visits", kTapsPerSecond},          // opening a screen, exhibit or quiz is a tap
    {"answers", kTapsPerSecond},         // an answer is a tap
    {"correct", kTapsPerSecond},         // at most one per answer
    {"completions", kTapsPerSecond},     // a finished round took at least one answer
    {"score_total", kTapsPerSecond},     // a round's score is its correct answers
    {"choices", 6 * kTapsPerSecond},     // up to 6 options chosen per answer
    {"interactions", kGenericPerSecond}, // kiosk.log: 20/s per exhibit, with room to spare
    {"errors", kGenericPerSecond},
    {"session_ms", kDurationPerSecond},
    {"dwell_ms", kDurationPerSecond},
    // Events counted because they were dropped: a runaway exhibit calling
    // kiosk.log in a loop, bounded only by how fast Lua can call it.
    {"dropped_log_events", 10'000'000},
    {"dropped_raw_events", 10'000'000},
}};

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string value_bound_problem(const Bucket& bucket) {
    const int64_t bound = max_bucket_value(bucket.metric);
    if (bucket.value <= bound) return "";
    return std::to_string(bucket.value) + " is more than one kiosk can produce in a day for " +
           "metric " + bucket.metric + " (at most " + std::to_string(bound) + ")";
}

bool is_metric_name(std::string_view text) {
    return !text.empty() && text.size() <= kMaxMetricChars &&
           std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
           });
}

bool is_epoch(std::string_view text) {
    return text.size() == 32 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// A bucket's or title's subject kind and subject.
std::string kind_field(const json& object, const std::string& path) {
    constexpr const char* kExpected =
        "expected one of kiosk, hour, screen, exhibit, quiz, question, option, content, finding, "
        "finding_value";
    const std::string& kind = string_field(object, path, "kind", 1, 16, kExpected);
    if (std::find(kBucketKinds.begin(), kBucketKinds.end(), kind) == kBucketKinds.end())
        fail(path + ".kind", kExpected);
    return kind;
}

std::string subject_field(const json& object, const std::string& path) {
    return string_field(object, path, "subject", 0, kMaxSubjectBytes,
                        "expected 0..256 bytes of valid UTF-8");
}

Bucket parse_bucket(const json& value, const std::string& path) {
    check_object(value, path, {"day", "kind", "subject", "metric", "value", "seq"});
    Bucket bucket;
    bucket.day = string_field(value, path, "day", 10, 10, "expected a date YYYY-MM-DD");
    if (!is_valid_day(bucket.day)) fail(path + ".day", "expected a date YYYY-MM-DD");
    bucket.kind = kind_field(value, path);
    bucket.subject = subject_field(value, path);
    bucket.metric = string_field(value, path, "metric", 1, kMaxMetricChars,
                                 "expected 1..32 characters of a-z 0-9 _");
    if (!is_metric_name(bucket.metric))
        fail(path + ".metric", "expected 1..32 characters of a-z 0-9 _");
    bucket.value = integer_field(value, path, "value", 0, kMaxSafeInteger);
    if (const std::string problem = value_bound_problem(bucket); !problem.empty())
        fail(path + ".value", problem);
    bucket.seq = integer_field(value, path, "seq", 0, kMaxSafeInteger);
    return bucket;
}

SubjectTitle parse_title(const json& value, const std::string& path) {
    check_object(value, path, {"kind", "subject", "zh", "en"});
    SubjectTitle title;
    title.kind = kind_field(value, path);
    title.subject = subject_field(value, path);
    // Control characters (a NUL) are replaced, not refused: a curator's stray
    // tab in a manifest must not stop a kiosk's counts from syncing.
    title.zh = make_showable_text(
        string_field(value, path, "zh", 0, kMaxTitleBytes, "expected 0..512 bytes of valid UTF-8"));
    title.en = make_showable_text(
        string_field(value, path, "en", 0, kMaxTitleBytes, "expected 0..512 bytes of valid UTF-8"));
    return title;
}

Heartbeat parse_heartbeat(const json& value) {
    const std::string path = "heartbeat";
    check_object(
        value, path,
        {"software_version", "content", "uptime_s", "disk_free_mb", "errors", "clock_utc_ms"},
        {"content_state", "notice_receipts"});
    Heartbeat heartbeat;
    heartbeat.software_version = string_field(value, path, "software_version", 0, kMaxHeartbeatText,
                                              "expected 0..128 bytes of UTF-8");
    const json& content = value.at("content");
    if (!content.is_array()) fail("heartbeat.content", "expected an array");
    if (content.size() > kMaxContentEntries)
        fail("heartbeat.content", "more than " + std::to_string(kMaxContentEntries) + " entries");
    for (size_t i = 0; i < content.size(); ++i) {
        const std::string entry_path = "heartbeat.content[" + std::to_string(i) + "]";
        check_object(content[i], entry_path, {"id", "version"});
        heartbeat.content.push_back(
            {string_field(content[i], entry_path, "id", 1, kMaxHeartbeatText,
                          "expected 1..128 bytes of UTF-8"),
             string_field(content[i], entry_path, "version", 0, kMaxHeartbeatText,
                          "expected 0..128 bytes of UTF-8")});
    }
    heartbeat.uptime_s = integer_field(value, path, "uptime_s", 0, kMaxSafeInteger);
    heartbeat.disk_free_mb = integer_field(value, path, "disk_free_mb", 0, kMaxSafeInteger);
    heartbeat.errors = integer_field(value, path, "errors", 0, kMaxSafeInteger);
    heartbeat.clock_utc_ms = integer_field(value, path, "clock_utc_ms", 0, kMaxSafeInteger);
    if (value.contains("content_state"))
        heartbeat.content_state =
            parse_content_state_value(value.at("content_state"), "heartbeat.content_state");
    if (value.contains("notice_receipts"))
        heartbeat.notice_receipts =
            parse_notice_receipts_value(value.at("notice_receipts"), "heartbeat.notice_receipts");
    return heartbeat;
}

} // namespace

int64_t max_bucket_value(std::string_view metric) {
    for (const MetricRate& rate : kMetricRates)
        if (rate.metric == metric) return rate.per_second * kCountedSecondsPerDay;
    return (ends_with(metric, "_ms") ? kDurationPerSecond : kGenericPerSecond) *
           kCountedSecondsPerDay;
}

std::string to_json(const SyncBatch& batch) {
    ordered_json buckets = ordered_json::array();
    for (const Bucket& bucket : batch.buckets)
        buckets.push_back({{"day", bucket.day},
                           {"kind", bucket.kind},
                           {"subject", bucket.subject},
                           {"metric", bucket.metric},
                           {"value", bucket.value},
                           {"seq", bucket.seq}});
    ordered_json content = ordered_json::array();
    for (const ContentVersion& entry : batch.heartbeat.content)
        content.push_back({{"id", entry.id}, {"version", entry.version}});
    ordered_json heartbeat = {{"software_version", batch.heartbeat.software_version},
                              {"content", std::move(content)},
                              {"uptime_s", batch.heartbeat.uptime_s},
                              {"disk_free_mb", batch.heartbeat.disk_free_mb},
                              {"errors", batch.heartbeat.errors},
                              {"clock_utc_ms", batch.heartbeat.clock_utc_ms}};
    if (batch.heartbeat.content_state)
        heartbeat["content_state"] = content_state_value(*batch.heartbeat.content_state);
    if (batch.heartbeat.notice_receipts)
        heartbeat["notice_receipts"] = notice_receipts_value(*batch.heartbeat.notice_receipts);
    ordered_json message = {{"protocol", batch.protocol},
                            {"epoch", batch.epoch},
                            {"through_seq", batch.through_seq},
                            {"buckets", std::move(buckets)},
                            {"heartbeat", heartbeat}};
    if (!batch.titles.empty()) {
        ordered_json titles = ordered_json::array();
        for (const SubjectTitle& title : batch.titles)
            titles.push_back({{"kind", title.kind},
                              {"subject", title.subject},
                              {"zh", title.zh},
                              {"en", title.en}});
        message["titles"] = std::move(titles);
    }
    return message.dump();
}

std::string to_json(const SyncAnswer& answer) {
    ordered_json message = {{"acknowledged_through_seq", answer.acknowledged_through_seq},
                            {"stored", answer.stored},
                            {"server_utc_ms", answer.server_utc_ms},
                            {"clock_skew_ms", answer.clock_skew_ms}};
    if (answer.content_snapshot_version)
        message["content_snapshot_version"] = *answer.content_snapshot_version;
    if (answer.notices_version) message["notices_version"] = *answer.notices_version;
    return message.dump();
}

std::string to_json(const Bundle& bundle) {
    const ordered_json message = {{"format", "kiosk-sync-bundle"},
                                  {"version", 1},
                                  {"kiosk", bundle.kiosk},
                                  {"payload", bundle.payload},
                                  {"signature", bundle.signature}};
    return message.dump();
}

std::optional<SyncBatch> parse_sync_batch(std::string_view text, std::string& error) {
    return parse_with<SyncBatch>(text, error, [](const json& message) {
        check_object(message, "", {"protocol", "epoch", "through_seq", "buckets", "heartbeat"},
                     {"titles"});
        SyncBatch batch;
        batch.protocol = int(integer_field(message, "", "protocol", 0, 1000000));
        if (batch.protocol != kProtocolVersion)
            fail("protocol", "unsupported version " + std::to_string(batch.protocol) +
                                 ", expected " + std::to_string(kProtocolVersion));
        batch.epoch =
            string_field(message, "", "epoch", 32, 32, "expected 32 lowercase hex digits");
        if (!is_epoch(batch.epoch)) fail("epoch", "expected 32 lowercase hex digits");
        batch.through_seq = integer_field(message, "", "through_seq", 0, kMaxSafeInteger);
        const json& buckets = message.at("buckets");
        if (!buckets.is_array()) fail("buckets", "expected an array");
        if (buckets.size() > kMaxBucketsHardLimit)
            fail("buckets", std::to_string(buckets.size()) + " buckets, more than the limit of " +
                                std::to_string(kMaxBucketsHardLimit));
        batch.buckets.reserve(buckets.size());
        for (size_t i = 0; i < buckets.size(); ++i) {
            const std::string path = "buckets[" + std::to_string(i) + "]";
            batch.buckets.push_back(parse_bucket(buckets[i], path));
            if (batch.buckets.back().seq > batch.through_seq)
                fail(path + ".seq",
                     "greater than through_seq " + std::to_string(batch.through_seq));
        }
        batch.heartbeat = parse_heartbeat(message.at("heartbeat"));
        if (message.contains("titles")) {
            const json& titles = message.at("titles");
            if (!titles.is_array()) fail("titles", "expected an array");
            if (titles.size() > kMaxBucketsHardLimit)
                fail("titles", std::to_string(titles.size()) + " titles, more than the limit of " +
                                   std::to_string(kMaxBucketsHardLimit));
            batch.titles.reserve(titles.size());
            for (size_t i = 0; i < titles.size(); ++i)
                batch.titles.push_back(parse_title(titles[i], "titles[" + std::to_string(i) + "]"));
        }
        return batch;
    });
}

std::optional<SyncAnswer> parse_sync_answer(std::string_view text, std::string& error) {
    return parse_with<SyncAnswer>(text, error, [](const json& message) {
        check_object(message, "",
                     {"acknowledged_through_seq", "stored", "server_utc_ms", "clock_skew_ms"},
                     {"content_snapshot_version", "notices_version"});
        SyncAnswer answer;
        answer.acknowledged_through_seq =
            integer_field(message, "", "acknowledged_through_seq", 0, kMaxSafeInteger);
        answer.stored = integer_field(message, "", "stored", 0, kMaxSafeInteger);
        answer.server_utc_ms = integer_field(message, "", "server_utc_ms", 0, kMaxSafeInteger);
        answer.clock_skew_ms =
            integer_field(message, "", "clock_skew_ms", -kMaxSafeInteger, kMaxSafeInteger);
        if (message.contains("content_snapshot_version"))
            answer.content_snapshot_version =
                integer_field(message, "", "content_snapshot_version", 1, kMaxSafeInteger);
        if (message.contains("notices_version"))
            answer.notices_version =
                integer_field(message, "", "notices_version", 0, kMaxSafeInteger);
        return answer;
    });
}

std::optional<Bundle> parse_bundle(std::string_view text, std::string& error) {
    return parse_with<Bundle>(text, error, [](const json& message) {
        check_object(message, "", {"format", "version", "kiosk", "payload", "signature"});
        const json& format = message.at("format");
        if (!format.is_string() || format.get_ref<const std::string&>() != "kiosk-sync-bundle")
            fail("format", "expected \"kiosk-sync-bundle\"");
        if (integer_field(message, "", "version", 0, 1000000) != 1)
            fail("version", "unsupported bundle version, expected 1");
        Bundle bundle;
        bundle.kiosk = string_field(message, "", "kiosk", 1, kMaxKioskIdChars,
                                    "expected a kiosk id of 1..64 bytes");
        bundle.payload = string_field(message, "", "payload", 2, std::string::npos,
                                      "expected the signed sync batch as a JSON string");
        bundle.signature =
            string_field(message, "", "signature", 1, 256, "expected a base64 Ed25519 signature");
        unsigned char signature[kEd25519SignatureBytes];
        size_t signature_length = 0;
        if (sodium_base642bin(signature, sizeof signature, bundle.signature.data(),
                              bundle.signature.size(), nullptr, &signature_length, nullptr,
                              sodium_base64_VARIANT_ORIGINAL) != 0 ||
            signature_length != kEd25519SignatureBytes)
            fail("signature", "expected a base64 Ed25519 signature (64 bytes)");
        return bundle;
    });
}

std::string bucket_problem(const Bucket& bucket) {
    if (!is_valid_day(bucket.day)) return "day \"" + bucket.day + "\": expected a date YYYY-MM-DD";
    if (std::find(kBucketKinds.begin(), kBucketKinds.end(), bucket.kind) == kBucketKinds.end())
        return "kind \"" + bucket.kind + "\": unknown";
    if (bucket.subject.size() > kMaxSubjectBytes || !is_valid_utf8(bucket.subject))
        return "subject: expected 0..256 bytes of valid UTF-8";
    if (!is_metric_name(bucket.metric))
        return "metric \"" + bucket.metric + "\": expected 1..32 characters of a-z 0-9 _";
    if (bucket.value < 0 || bucket.value > kMaxSafeInteger)
        return "value " + std::to_string(bucket.value) + ": outside 0..2^53";
    if (const std::string problem = value_bound_problem(bucket); !problem.empty())
        return "value " + problem;
    if (bucket.seq < 0 || bucket.seq > kMaxSafeInteger)
        return "seq " + std::to_string(bucket.seq) + ": outside 0..2^53";
    return "";
}

std::string title_problem(const SubjectTitle& title) {
    if (std::find(kBucketKinds.begin(), kBucketKinds.end(), title.kind) == kBucketKinds.end())
        return "kind \"" + title.kind + "\": unknown";
    if (title.subject.size() > kMaxSubjectBytes || !is_valid_utf8(title.subject))
        return "subject: expected 0..256 bytes of valid UTF-8";
    if (title.zh.size() > kMaxTitleBytes || !is_valid_utf8(title.zh))
        return "zh: expected 0..512 bytes of valid UTF-8";
    if (title.en.size() > kMaxTitleBytes || !is_valid_utf8(title.en))
        return "en: expected 0..512 bytes of valid UTF-8";
    return "";
}

} // namespace kiosk::sync
