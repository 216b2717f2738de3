// Helpers for the hub's notice tests: a well-formed notice (an Alert of the
// hub, Severe, for the given venues, sent and expiring at given times), signed
// with a key and stored, and the hub's notice store opened beside a test's
// data folder.
#pragma once

#include "hub_test_support.h"
#include "store_backends.h"

#include "hub/notice_issuer.h"
#include "hub/notice_store.h"
#include "sync/notice.h"

#include <sodium.h>

namespace kiosk::test {

constexpr int64_t kNoticeHourMs = int64_t(3600) * 1000;

inline sync::Notice make_notice(const std::string& identifier, std::vector<std::string> venues,
                                int64_t sent_utc_ms, int64_t expires_utc_ms) {
    sync::Notice notice;
    notice.identifier = identifier;
    notice.sender = hub::kHubNoticeSender;
    notice.sent_utc_ms = sent_utc_ms / 1000 * 1000;
    notice.effective_utc_ms = notice.sent_utc_ms;
    notice.expires_utc_ms = expires_utc_ms / 1000 * 1000;
    notice.categories = {"Geo"};
    notice.event = {"地震", "Earthquake"};
    notice.urgency = sync::NoticeUrgency::Immediate;
    notice.severity = sync::NoticeSeverity::Severe;
    notice.certainty = sync::NoticeCertainty::Observed;
    notice.headline = {"地震预警：请立即避险", "Earthquake warning: take cover now"};
    notice.instruction = {"远离窗户，就近躲避。", "Stay away from windows; take cover."};
    notice.venues = std::move(venues);
    return notice;
}

// A message that retires `old` (an Update or a Cancel), sent `later_ms` after it.
inline sync::Notice make_reply(const sync::Notice& old, const std::string& identifier,
                               sync::NoticeMsgType type, int64_t later_ms) {
    sync::Notice reply = old;
    reply.identifier = identifier;
    reply.msg_type = type;
    reply.sent_utc_ms = old.sent_utc_ms + later_ms;
    reply.effective_utc_ms = reply.sent_utc_ms;
    reply.references = {{old.sender, old.identifier, old.sent_utc_ms}};
    return reply;
}

inline sync::SignedDocument signed_notice_of(const sync::Notice& notice, const SecretKey& key) {
    std::string error;
    std::optional<sync::SignedDocument> signed_notice = sync::sign_notice(notice, key, error);
    INFO(error);
    REQUIRE(signed_notice);
    return *signed_notice;
}

inline std::unique_ptr<hub::NoticeStore> open_notices(const std::string& data_dir) {
    std::string error;
    std::unique_ptr<hub::NoticeStore> store =
        hub::open_notice_store(kiosk::test::test_store(data_dir), error);
    INFO(error);
    REQUIRE(store);
    return store;
}

// Signs `notice` with `key` and stores it; the outcome.
inline hub::AddNoticeOutcome store_notice(hub::NoticeStore& store, const sync::Notice& notice,
                                          const SecretKey& key, int64_t now_utc_ms) {
    std::string error;
    const hub::AddNoticeOutcome outcome =
        store.add(signed_notice_of(notice, key), notice, "test", now_utc_ms, error);
    INFO(error);
    return outcome;
}

} // namespace kiosk::test
