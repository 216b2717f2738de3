// The sync protocol's messages (docs/sync-protocol.md): the batch a kiosk
// sends, the hub's answer, and the signed offline bundle, with their JSON
// forms. Parsing validates every field and refuses unknown ones, naming the
// field and what was expected, so the hub can answer 400 with that message.
// Shared by the kiosk side (engine/sync) and the hub (engine/hub).
#pragma once

#include "content_snapshot.h"
#include "notice.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::sync {

constexpr int kProtocolVersion = 1;
constexpr size_t kMaxBodyBytes = 4 << 20;
constexpr size_t kMaxBuckets = 5000;           // per batch, except one commit's whole group
constexpr size_t kMaxBucketsHardLimit = 50000; // what the hub accepts at all

struct Bucket {
    std::string day;     // YYYY-MM-DD
    std::string kind;    // kiosk | hour | screen | exhibit | quiz | question | option | content
    std::string subject; // 0..256 bytes of UTF-8
    std::string metric;  // 1..32 of a-z 0-9 _
    int64_t value = 0;   // 0 .. max_bucket_value(metric)
    int64_t seq = 0;     // the row's changed_seq: the bucket's version
};

// A subject's display names (an exhibit's title, a question's prompt), so the
// hub's reports can show 单摆实验室 where the counts say "pendulum-lab".
struct SubjectTitle {
    std::string kind;    // as in Bucket
    std::string subject; // as in Bucket
    std::string zh, en;  // 0..512 bytes of UTF-8 each
};
constexpr size_t kMaxTitleBytes = 512;

struct ContentVersion {
    std::string id, version;
};

struct Heartbeat {
    std::string software_version;
    std::vector<ContentVersion> content;
    int64_t uptime_s = 0;
    int64_t disk_free_mb = 0;
    int64_t errors = 0;
    int64_t clock_utc_ms = 0;
    // Optional in JSON: what the kiosk's content updater reports (issue 17,
    // part 6); absent from kiosks without hub content.
    std::optional<ContentState> content_state;
    // Optional in JSON: what the kiosk's notice board reports about each
    // notice it holds (issue 18, part 4); absent from kiosks without notices.
    std::optional<std::vector<NoticeReceipt>> notice_receipts;
};

struct SyncBatch {
    int protocol = kProtocolVersion;
    std::string epoch; // 32 lowercase hex characters
    int64_t through_seq = 0;
    std::vector<Bucket> buckets;
    Heartbeat heartbeat;
    // Optional in JSON: the titles of this batch's subjects that have them.
    std::vector<SubjectTitle> titles;
};

struct SyncAnswer {
    int64_t acknowledged_through_seq = 0;
    int64_t stored = 0;
    int64_t server_utc_ms = 0;
    int64_t clock_skew_ms = 0;
    // Optional in JSON: the version of the kiosk's current assignment snapshot
    // at the hub (absent when the hub has no content key or has issued none);
    // a kiosk whose accepted snapshot is older fetches the new one.
    std::optional<int64_t> content_snapshot_version;
    // Optional in JSON: the hub's notice version (absent when the hub has no
    // notice key); a kiosk whose feed has another version polls at once.
    std::optional<int64_t> notices_version;
};

struct Bundle {
    std::string kiosk;     // the hub's kiosk id
    std::string payload;   // a SyncBatch's JSON text, exactly the bytes signed
    std::string signature; // base64 of the Ed25519 signature over `payload`
};

// A bucket's value is one kiosk's count for one day, so it can be no larger
// than what one touchscreen can physically produce in a day; anything larger
// is refused (docs/sync-protocol.md, "Plausible values", gives the reasoning
// per metric). A "day" here is kCountedSecondsPerDay: twice 86,400 s, because a
// kiosk whose clock is set back lives part of a day twice, and a session or a
// visit is counted whole on the day it ends.
constexpr int64_t kCountedSecondsPerDay = 2 * 86400;

// The largest value a bucket of `metric` may carry: its per-second rate times
// kCountedSecondsPerDay. Metrics this build does not know get the generic
// bound of their kind (a duration when the name ends in _ms, else a count).
int64_t max_bucket_value(std::string_view metric);

// Why the hub would refuse `bucket` ("" when it is fine): the per-field rules
// parse_sync_batch applies, for checking a bucket before it is sent.
std::string bucket_problem(const Bucket& bucket);

// Why the hub would refuse `title` ("" when it is fine).
std::string title_problem(const SubjectTitle& title);

// JSON text of each message.
std::string to_json(const SyncBatch& batch);
std::string to_json(const SyncAnswer& answer);
std::string to_json(const Bundle& bundle);

// Parsing: nullopt with `error` ("buckets[3].day: expected a date YYYY-MM-DD")
// on malformed JSON, a wrong type, a missing or unknown field or a value out
// of range.
std::optional<SyncBatch> parse_sync_batch(std::string_view json, std::string& error);
std::optional<SyncAnswer> parse_sync_answer(std::string_view json, std::string& error);
std::optional<Bundle> parse_bundle(std::string_view json, std::string& error);

} // namespace kiosk::sync
