// The notice feed and its route (see notice_feed.h).
#include "notice_feed.h"

#include "core/civil_time.h"

#include <algorithm>
#include <limits>

namespace kiosk::hub {

sync::NoticeFeed notice_feed(NoticeStore& notices, const std::string& venue, int64_t now_utc_ms) {
    sync::NoticeFeed feed;
    feed.version = notices.version();
    for (StoredNotice& stored : notices.feed_for_venue(venue, now_utc_ms))
        feed.notices.push_back(std::move(stored.signed_notice));
    return feed;
}

std::string notice_etag(int64_t version) {
    return "\"" + std::to_string(version) + "\"";
}

ApiAnswer NoticeFeedCache::answer(HubStore& store, const std::string& authorization,
                                  const std::string& if_none_match, int64_t now_utc_ms,
                                  std::string& etag) {
    ApiAnswer refusal;
    const std::optional<KioskRecord> kiosk = authenticate_bearer(store, authorization, refusal);
    if (!kiosk) return refusal;
    try {
        return answer_from_store(*kiosk, if_none_match, now_utc_ms, etag);
    } catch (const StoreReadError& failure) {
        // Never an empty feed for a store that cannot be read: the kiosk
        // keeps what it holds and asks again.
        etag.clear();
        return {503,
                error_json(std::string("the hub could not read its notices: ") + failure.what()),
                kStoreRetryAfterS};
    }
}

ApiAnswer NoticeFeedCache::answer_from_store(const KioskRecord& kiosk,
                                             const std::string& if_none_match, int64_t now_utc_ms,
                                             std::string& etag) {
    const int64_t version = notices_.version();
    etag = notice_etag(version);
    if (if_none_match == etag) return {304, ""};
    std::lock_guard lock(mutex_);
    Entry& entry = by_venue_[kiosk.venue];
    if (entry.version != version || now_utc_ms >= entry.valid_until_utc_ms) {
        std::vector<StoredNotice> feed = notices_.feed_for_venue(kiosk.venue, now_utc_ms);
        sync::NoticeFeed answer{version, {}};
        entry.valid_until_utc_ms = std::numeric_limits<int64_t>::max();
        for (StoredNotice& stored : feed) {
            entry.valid_until_utc_ms =
                std::min(entry.valid_until_utc_ms, stored.notice.expires_utc_ms);
            answer.notices.push_back(std::move(stored.signed_notice));
        }
        entry.body = sync::to_json(answer);
        entry.version = version;
    }
    return {200, entry.body};
}

void add_notice_routes(httplib::Server& server, HubStore& store, NoticeFeedCache& feeds) {
    server.Get(sync::kNoticesPath,
               [&store, &feeds](const httplib::Request& request, httplib::Response& response) {
                   std::string etag;
                   const ApiAnswer answer =
                       feeds.answer(store, request.get_header_value("Authorization"),
                                    request.get_header_value("If-None-Match"), now_utc_ms(), etag);
                   response.status = answer.status;
                   if (!etag.empty()) response.set_header("ETag", etag);
                   if (answer.retry_after_s > 0)
                       response.set_header("Retry-After", std::to_string(answer.retry_after_s));
                   if (answer.status != 304) response.set_content(answer.body, "application/json");
               });
}

} // namespace kiosk::hub
