// Test helpers for emergency notices (engine/sync/notice.h): a sample notice
// as the hub writes one (a Severe earthquake Alert for one venue), signing
// keys made once per test run, and signing a document given as text (an
// attacker's edit, or a field the hub's form would refuse).
#pragma once

#include "sync/notice.h"

#include "core/civil_time.h"

#include <catch2/catch.hpp>
#include <sodium.h>

#include <string>

namespace kiosk::test {

constexpr int64_t kNoticeSent = 1795824000000; // 2026-11-28T00:00:00Z
constexpr int64_t kNoticeLifetime = 6 * kMsPerHour;
constexpr const char* kNoticeVenue = "county-museum";

inline sync::Notice sample_notice(const std::string& identifier = "quake-0001",
                                  sync::NoticeSeverity severity = sync::NoticeSeverity::Severe) {
    sync::Notice notice;
    notice.identifier = identifier;
    notice.sender = "zj-hub";
    notice.sent_utc_ms = kNoticeSent;
    notice.categories = {"Geo"};
    notice.event = {"地震", "Earthquake"};
    notice.urgency = sync::NoticeUrgency::Immediate;
    notice.severity = severity;
    notice.certainty = sync::NoticeCertainty::Observed;
    notice.effective_utc_ms = kNoticeSent;
    notice.expires_utc_ms = kNoticeSent + kNoticeLifetime;
    notice.headline = {"西湖区发生4.8级地震", "M4.8 earthquake in Xihu District"};
    notice.description = {"余震可能持续数小时。", "Aftershocks may continue for hours."};
    notice.instruction = {"请保持冷静，听从工作人员指挥，有序撤离到室外空旷处。",
                          "Stay calm, follow the staff and leave the building in order."};
    notice.venues = {kNoticeVenue};
    notice.content_ids = {"quake-drill", "safety-quiz"};
    return notice;
}

// An Update or a Cancel of `earlier`, sent `later_ms` after it.
inline sync::Notice follow_up(const sync::Notice& earlier, sync::NoticeMsgType type,
                              const std::string& identifier, int64_t later_ms = kMsPerHour) {
    sync::Notice notice = earlier;
    notice.identifier = identifier;
    notice.msg_type = type;
    notice.sent_utc_ms = earlier.sent_utc_ms + later_ms;
    notice.effective_utc_ms = notice.sent_utc_ms;
    notice.expires_utc_ms = std::max(earlier.expires_utc_ms, notice.sent_utc_ms + kMsPerHour);
    notice.references = {{earlier.sender, earlier.identifier, earlier.sent_utc_ms}};
    return notice;
}

struct NoticeKeys {
    SecretKey hub = generate_key();
    SecretKey other = generate_key();
};

inline NoticeKeys& notice_keys() {
    static NoticeKeys made = [] {
        REQUIRE(sodium_init() >= 0);
        return NoticeKeys{};
    }();
    return made;
}

inline sync::SignedDocument signed_notice(const sync::Notice& notice,
                                          const SecretKey& key = notice_keys().hub) {
    std::string error;
    std::optional<sync::SignedDocument> signed_document = sync::sign_notice(notice, key, error);
    INFO(error);
    REQUIRE(signed_document);
    return *signed_document;
}

// Signs `document` as given, whatever it says.
inline sync::SignedDocument sign_notice_text(const std::string& document,
                                             const SecretKey& key = notice_keys().hub) {
    return sync::sign_document(sync::kNoticeFormat, document, key);
}

inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

} // namespace kiosk::test
