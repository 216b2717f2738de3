// Emergency notices at the hub (issue 18): every signed notice message ever
// issued (the history), which are in force for which venue, the notice
// version the kiosks' polls compare, each kiosk's delivery receipts, and the
// tables that route CAP alerts to venues (each venue's administrative-division
// code, and area names the admin maps to venues). Two backends
// (sqlite_notice_store.cpp: tables in hub.db with their own schema version;
// postgres_notice_store.cpp).
#pragma once

#include "store_location.h"

#include "sync/notice.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::hub {

struct StoredNotice {
    int64_t seq = 0; // the notice version at which it was stored (1, 2, ...)
    sync::SignedDocument signed_notice;
    sync::Notice notice;
    std::string author; // the dashboard account or "cli" / "cap-import"
    int64_t stored_utc_ms = 0;
    int64_t retired_seq = 0; // 0 while in force; else the seq of the Update or Cancel
};

// One kiosk's latest receipt for one notice (sync::NoticeReceipt as stored).
struct StoredReceipt {
    std::string kiosk, venue;
    sync::NoticeReceipt receipt;
    int64_t reported_utc_ms = 0;
};

// An area name (CAP <areaDesc>) or a geocode the admin routes to a venue.
struct AreaRoute {
    std::string area; // as written in alerts, e.g. "浙江省杭州市西湖区"
    std::string venue;
};

enum class AddNoticeOutcome {
    Added,
    Duplicate,        // the same identifier and sender already stored
    UnknownReference, // an Update or Cancel that references nothing stored
    AlreadyRetired,   // it references a notice already cancelled or replaced
    Failed,           // the database: `error` says what
};

// Every read (version, feed_for_venue, history, find, receipts_for,
// venue_divisions, area_routes) throws StoreReadError (hub_store.h) when the
// store cannot answer it: a failed read is an error to show, never an empty
// list (a feed without its notices, a delivery "shown on 0 of 0").
class NoticeStore {
public:
    virtual ~NoticeStore() = default;

    // Stores a signed message (already checked and signed by the caller) at
    // the next notice version; an Update or Cancel retires what it
    // references, in the same transaction.
    virtual AddNoticeOutcome add(const sync::SignedDocument& signed_notice,
                                 const sync::Notice& notice, const std::string& author,
                                 int64_t now_utc_ms, std::string& error) = 0;

    // The hub's notice version: the seq of the last message stored (0: none).
    // Polls are answered 304 while it equals the kiosk's ETag.
    virtual int64_t version() = 0;

    // What a kiosk of `venue` is sent: every stored message for that venue
    // (or all venues) not yet expired at `now`: Alerts and Updates in force
    // and the Cancels (so a kiosk that was offline learns what was retired).
    virtual std::vector<StoredNotice> feed_for_venue(const std::string& venue,
                                                     int64_t now_utc_ms) = 0;

    // The history, newest first; `venue` "" for every venue.
    virtual std::vector<StoredNotice> history(const std::string& venue, size_t limit) = 0;
    virtual std::optional<StoredNotice> find(const std::string& sender,
                                             const std::string& identifier) = 0;

    // Part 4: a kiosk's heartbeat receipts (replacing its earlier ones for
    // the same notices; the heartbeat lists every notice the kiosk holds, so
    // its earlier receipts for notices not listed now are marked not
    // showing), and every receipt of one notice.
    virtual bool store_receipts(const std::string& kiosk, const std::string& venue,
                                const std::vector<sync::NoticeReceipt>& receipts,
                                int64_t now_utc_ms, std::string& error) = 0;
    virtual std::vector<StoredReceipt> receipts_for(const std::string& identifier) = 0;

    // Routing of CAP alerts (part 1): each venue's administrative-division
    // code (GB/T 2260, 6 digits; "" removes it), and area names mapped by the admin.
    virtual bool set_venue_division(const std::string& venue, const std::string& code,
                                    std::string& error) = 0;
    virtual std::vector<std::pair<std::string, std::string>> venue_divisions() = 0; // venue, code
    virtual bool add_area_route(const AreaRoute& route, std::string& error) = 0;
    virtual bool remove_area_route(const AreaRoute& route, std::string& error) = 0;
    virtual std::vector<AreaRoute> area_routes() = 0;
};

// The routing rules both backends check, the same way: why a division code
// (6 digits, GB/T 2260; "" removes it) or an area route's area is refused,
// naming the option; "" when it is fine.
inline std::string division_code_problem(const std::string& code) {
    if (code.empty() ||
        (code.size() == 6 && code.find_first_not_of("0123456789") == std::string::npos))
        return "";
    return "--code: expected a 6-digit administrative-division code (GB/T 2260), e.g. 330106, "
           "not \"" +
           code + "\"";
}
constexpr size_t kMaxAreaBytes = 256;
inline std::string area_problem(const std::string& area) {
    if (!area.empty() && area.size() <= kMaxAreaBytes) return "";
    return "--area: expected an area name or geocode of 1.." + std::to_string(kMaxAreaBytes) +
           " bytes";
}

// The notices in `location`'s store (SQLite: DATA/hub.db; or PostgreSQL).
// nullptr with `error` naming the file or database when it cannot be opened
// or is of a newer notice schema.
std::unique_ptr<NoticeStore> open_notice_store(const StoreLocation& location, std::string& error);

} // namespace kiosk::hub
