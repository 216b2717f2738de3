// The notice feed a kiosk of one venue is sent (issue 18): GET
// /api/v1/notices and `kiosk-hub notice export` both build it here from the
// notice store, as signed when each notice was stored (nothing is signed per
// request). The route's cache keeps each venue's answer until the notice
// version changes or the first notice in it expires, so a poll with nothing
// new costs one version read and an ETag comparison (304).
#pragma once

#include "hub_store.h"
#include "notice_store.h"
#include "sync_api.h"

#include <httplib.h>

#include <map>
#include <mutex>
#include <string>

namespace kiosk::hub {

// The feed for `venue` at `now`: NoticeStore::feed_for_venue as signed documents.
sync::NoticeFeed notice_feed(NoticeStore& notices, const std::string& venue, int64_t now_utc_ms);

// "\"VERSION\"": the poll's ETag for a notice version.
std::string notice_etag(int64_t version);

class NoticeFeedCache {
public:
    explicit NoticeFeedCache(NoticeStore& notices) : notices_(notices) {}
    NoticeStore& notices() { return notices_; }
    // The answer to a kiosk's poll: 401 as every kiosk route, 304 when
    // `if_none_match` names the current version, else 200 with the feed
    // (`etag` set in both); 503 with Retry-After when the store cannot be read.
    ApiAnswer answer(HubStore& store, const std::string& authorization,
                     const std::string& if_none_match, int64_t now_utc_ms, std::string& etag);

private:
    // answer() for an authenticated kiosk; throws StoreReadError.
    ApiAnswer answer_from_store(const KioskRecord& kiosk, const std::string& if_none_match,
                                int64_t now_utc_ms, std::string& etag);
    struct Entry {
        int64_t version = -1;
        int64_t valid_until_utc_ms = 0; // the first expiry in it
        std::string body;
    };
    NoticeStore& notices_;
    std::mutex mutex_;
    std::map<std::string, Entry> by_venue_;
};

void add_notice_routes(httplib::Server& server, HubStore& store, NoticeFeedCache& feeds);

} // namespace kiosk::hub
