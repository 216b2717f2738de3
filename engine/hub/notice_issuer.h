// Issuing the hub's own emergency notices (issue 18): what `kiosk-hub notice
// add|update|cancel` and the dashboard's 应急通知 form share. A draft (the
// form's fields as text) becomes a sync::Notice with the hub's sender id and a
// new identifier, is checked (sync::check_notice, the venues and library
// items exist, a venue manager posts for their own venue only), signed once
// with the notice key and stored; polls then serve the stored bytes.
//
// Update and Cancel name the notice they replace or cancel by identifier. An
// Update takes every field it does not give from that notice; a Cancel
// copies them. Both get an expiry no earlier than the notice they reference,
// so a kiosk remembers the retired identifier for as long as the old notice
// could be replayed (notice_board.h's RetiredNotice).
#pragma once

#include "core/bilingual.h"
#include "hub_store.h"
#include "library_store.h"
#include "notice_store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::hub {

// The CAP <sender> of every notice this hub writes.
constexpr const char* kHubNoticeSender = "kiosk-hub";
// A Cancel of a notice that expires sooner stays this long (the kiosks learn of it).
constexpr int64_t kMinCancelLifetimeMs = int64_t(3600) * 1000;

struct NoticeDraft {
    sync::NoticeMsgType msg_type = sync::NoticeMsgType::Alert;
    std::string replaces;            // Update, Cancel: the identifier of the notice
    std::vector<std::string> venues; // venue ids; empty: every venue (Update: as before)
    // CAP spellings; "" means the default (Alert) or unchanged (Update).
    std::string status, severity, urgency, certainty;
    std::vector<std::string> categories;
    Bilingual event, headline, description, instruction;
    std::string expires; // "YYYY-MM-DDTHH:MM:SSZ" or a duration from now: "90m", "6h", "2d"
    std::vector<std::string> content_ids; // library item ids
};

// Who posts: a province administrator ("" venue) may write for any venues or
// all; a venue manager only for their own venue.
struct NoticeAuthor {
    std::string name;  // the dashboard account, or "cli"
    std::string venue; // "" for a province administrator and the CLI
};

enum class IssueFailure {
    None,
    NoKey,            // the hub has no notice key
    BadField,         // `detail` names the field and what was expected
    UnknownVenue,     // `detail` is the venue id
    UnknownContent,   // `detail` is the content id
    UnknownReference, // `detail` is the identifier
    AlreadyRetired,   // `detail` is the identifier
    NotYourVenue,     // a venue manager's notice for another venue or all
    Store,            // hub.db: `detail` says what
};

struct IssueResult {
    IssueFailure failure = IssueFailure::None;
    std::string detail;
    StoredNotice stored; // when failure is None
    bool ok() const { return failure == IssueFailure::None; }
};

// A time "YYYY-MM-DDTHH:MM:SSZ", or a duration from `now_utc_ms` ("90m",
// "6h", "2d": 1..744 hours in all); nullopt otherwise.
std::optional<int64_t> parse_notice_expiry(const std::string& text, int64_t now_utc_ms);

// The notice a hub identifier or an imported one names (the hub's own first).
std::optional<StoredNotice> find_notice(NoticeStore& notices, const std::string& identifier);

IssueResult issue_notice(NoticeStore& notices, HubStore& hub, LibraryStore* library,
                         const std::optional<SecretKey>& key, const NoticeDraft& draft,
                         const NoticeAuthor& author, int64_t now_utc_ms);

// The manager's message for a failure, in `lang` (from manager-strings).
std::string issue_failure_text(const IssueResult& result, Language lang);

} // namespace kiosk::hub
