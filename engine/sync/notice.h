// The emergency notice (issue 18, docs/emergency-notices.md): one message in
// the shape of CAP 1.2 (an Alert, an Update or a Cancel), bilingual, for some
// venues or all, optionally naming library content that teaches what to do,
// signed by the hub's notice key. This file owns the Notice fields and their
// plausibility limits, the canonical JSON document that is signed, verifying
// and parsing it, the notice feed a kiosk polls (GET /api/v1/notices, the USB
// export's notices.json) and the receipts a kiosk reports in its heartbeat.
// Shared by the hub (it builds and signs) and the kiosk (it verifies and
// parses); what a kiosk then does with a notice is notice_board.h.
#pragma once

#include "core/bilingual.h"
#include "signed_document.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::sync {

constexpr const char* kNoticeFormat = "kiosk-notice-v1";
constexpr const char* kNoticesPath = "/api/v1/notices";
constexpr const char* kNoticesExportName = "notices.json"; // in a USB export folder

// Plausibility limits, checked on both sides before anything is used.
constexpr size_t kMaxNoticeDocumentBytes = 32 << 10;
constexpr size_t kMaxNoticeIdentifierBytes = 128; // CAP: no spaces, commas or < & "
constexpr size_t kMaxNoticeSenderBytes = 128;
constexpr size_t kMaxNoticeEventBytes = 128;    // each language
constexpr size_t kMaxNoticeHeadlineBytes = 240; // each language
constexpr size_t kMaxNoticeDescriptionBytes = 4096;
constexpr size_t kMaxNoticeInstructionBytes = 2048;
constexpr size_t kMaxNoticeReferences = 16;
constexpr size_t kMaxNoticeCategories = 12;
constexpr size_t kMaxNoticeVenues = 512;
constexpr size_t kMaxNoticeContentIds = 8;
constexpr size_t kMaxFeedNotices = 256; // in one feed answer or export
constexpr size_t kMaxFeedBytes = 4 << 20;
constexpr size_t kMaxNoticeReceipts = 64;                 // in one heartbeat
constexpr int64_t kMaxNoticeReceiptCount = 1'000'000'000; // a receipt's viewers and opened
constexpr int64_t kMaxNoticeLifetimeMs = int64_t(31) * 24 * 3600 * 1000; // sent .. expires

// CAP 1.2 <status>. System and Draft are never for visitors and are refused.
enum class NoticeStatus { Actual, Exercise, Test };
// CAP 1.2 <msgType>. Ack and Error are refused.
enum class NoticeMsgType { Alert, Update, Cancel };
enum class NoticeUrgency { Immediate, Expected, Future, Past, Unknown };
enum class NoticeSeverity { Extreme, Severe, Moderate, Minor, Unknown };
enum class NoticeCertainty { Observed, Likely, Possible, Unlikely, Unknown };

// CAP's own spellings ("Actual", "Update", "Extreme", ...), as in the JSON.
const char* to_cap(NoticeStatus value);
const char* to_cap(NoticeMsgType value);
const char* to_cap(NoticeUrgency value);
const char* to_cap(NoticeSeverity value);
const char* to_cap(NoticeCertainty value);
std::optional<NoticeStatus> parse_notice_status(std::string_view cap);
std::optional<NoticeMsgType> parse_notice_msg_type(std::string_view cap);
std::optional<NoticeUrgency> parse_notice_urgency(std::string_view cap);
std::optional<NoticeSeverity> parse_notice_severity(std::string_view cap);
std::optional<NoticeCertainty> parse_notice_certainty(std::string_view cap);
// CAP's <category> values: Geo Met Safety Security Rescue Fire Health Env
// Transport Infra CBRNE Other.
bool is_cap_category(std::string_view category);

// CAP <references>: "sender,identifier,sent" of an earlier message.
struct NoticeReference {
    std::string sender, identifier;
    int64_t sent_utc_ms = 0;
};

struct Notice {
    std::string identifier;  // unique per sender; 1..128 bytes of CAP's allowed characters
    std::string sender;      // the hub's or the alerting authority's id, 1..128 bytes
    int64_t sent_utc_ms = 0; // whole seconds
    NoticeStatus status = NoticeStatus::Actual;
    NoticeMsgType msg_type = NoticeMsgType::Alert;
    std::vector<NoticeReference> references; // Update and Cancel: 1..16; Alert: none
    std::vector<std::string> categories;     // 1..12 CAP categories
    Bilingual event;                         // "地震" / "Earthquake"
    NoticeUrgency urgency = NoticeUrgency::Unknown;
    NoticeSeverity severity = NoticeSeverity::Unknown;
    NoticeCertainty certainty = NoticeCertainty::Unknown;
    int64_t effective_utc_ms = 0; // shown from; sent when CAP gives none
    int64_t expires_utc_ms = 0;   // required here: after effective, at most 31 days after sent
    Bilingual headline;           // zh required (Alert, Update); en may be empty
    Bilingual description;
    Bilingual instruction;                // what to do: shown in large type
    std::vector<std::string> venues;      // venue ids; empty = every venue
    std::vector<std::string> content_ids; // library content ids that teach what to do, 0..8
};

// The canonical JSON bytes of `notice`: fields in a fixed order, no spaces,
// times as "YYYY-MM-DDTHH:MM:SSZ", every field always written.
std::string notice_document(const Notice& notice);

// Every field checked (unknown or missing fields refused, enum spellings,
// lengths, times in order and within kMaxNoticeLifetimeMs, references only
// on Update and Cancel, identifier characters, venue and content ids by the
// core/content_ids rule). nullopt with `error` naming the field otherwise.
std::optional<Notice> parse_notice_document(std::string_view document, std::string& error);
// The same checks on a Notice built in memory (the hub's form, CAP import)
// before it is signed: "" when good, else what is wrong.
std::string check_notice(const Notice& notice);

// Hub side: check_notice, then sign the canonical document with the notice key.
std::optional<SignedDocument> sign_notice(const Notice& notice, const SecretKey& key,
                                          std::string& error);
// Kiosk side: the signature first (against the config's trusted_notice_keys),
// then parse_notice_document.
std::optional<Notice> verify_and_parse_notice(const SignedDocument& signed_notice,
                                              const std::vector<PublicKey>& trusted,
                                              std::string& error);

// The feed a kiosk polls and a USB export holds: every unexpired message for
// its venue (Alerts and Updates still in force and the Cancels that retired
// others), each as signed. `version` is the hub's notice version: the poll's
// ETag is "\"VERSION\"", answered 304 when If-None-Match matches.
struct NoticeFeed {
    int64_t version = 0;
    std::vector<SignedDocument> notices; // at most kMaxFeedNotices
};
// {"version": N, "notices": [<signed_document_to_json envelopes>]}; strict.
// A feed that parses may still hold notices that do not verify: each is
// judged on its own by the kiosk (notice_board.h).
std::string to_json(const NoticeFeed& feed);
std::optional<NoticeFeed> parse_notice_feed(std::string_view json, std::string& error);

// What a kiosk reports about one notice in its heartbeat ("notice_receipts").
struct NoticeReceipt {
    std::string identifier;
    int64_t first_shown_utc_ms = 0; // 0: received, never shown (not yet effective, or expired)
    bool showing = false;           // on the screen now (takeover, banner or strip)
    int64_t viewers = 0;            // visitor sessions that saw its takeover
    int64_t opened = 0;             // "learn what to do" taps that opened linked content
};
// [{"identifier": ..., "first_shown": "...Z" | null, "showing": bool,
//   "viewers": N, "opened": N}]; strict, at most kMaxNoticeReceipts, counts
// 0 .. 10^9.
std::string to_json(const std::vector<NoticeReceipt>& receipts);
std::optional<std::vector<NoticeReceipt>> parse_notice_receipts(std::string_view json,
                                                                std::string& error);

} // namespace kiosk::sync
