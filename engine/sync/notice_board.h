// The kiosk's board of emergency notices (issue 18, part 3): which verified
// notices are in force and in what order, by the rules of
// docs/emergency-notices.md. Pure logic: no I/O, no clock of its own (the
// caller passes the wall clock and the monotonic clock), so every rule has a
// unit test. The kiosk keeps the board's state in kiosk.db (notice_store.h)
// and draws what `showing()` returns.
//
// Rules: a notice counts only when its signature verifies against a trusted
// notice key and it is for this kiosk's venue (or all). An Update replaces
// every notice it references; a Cancel removes them. A referenced identifier
// is retired for good: a retired notice offered again (a replay after a
// cancel or an update) is refused, as is one already expired. A notice is
// shown from `effective` to `expires`; expiry is judged by the wall clock,
// and also by the monotonic time since the notice was received, so a clock
// set back never keeps a notice on screen past its lifetime.
#pragma once

#include "notice.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::sync {

enum class NoticeOffer {
    Added,       // new and in force (or effective later)
    Replaced,    // an Update: the notices it references are retired
    Cancelled,   // a Cancel: the notices it references are retired
    Known,       // the same identifier with the same bytes: nothing to do
    Forged,      // no trusted key's signature over these bytes
    Malformed,   // the signature verifies but a field does not (a hub bug)
    OtherVenue,  // for other venues only
    Expired,     // expires <= now
    Retired,     // cancelled or replaced earlier: a replay
    Conflicting, // the same identifier with other bytes
    Full,        // more notices in force than kMaxFeedNotices
};
const char* to_string(NoticeOffer offer); // "added", "forged", ... for the log

struct NoticeOfferResult {
    NoticeOffer offer = NoticeOffer::Malformed;
    std::string identifier; // when the document parsed
    std::string reason;     // for the log: what was checked and failed
    bool accepted() const {
        return offer == NoticeOffer::Added || offer == NoticeOffer::Replaced ||
               offer == NoticeOffer::Cancelled;
    }
};

// One notice the board holds, with what the kiosk knows about it.
struct BoardNotice {
    SignedDocument signed_notice; // as received, kept for a reboot
    Notice notice;
    int64_t received_utc_ms = 0;
    int64_t received_monotonic_ms = 0; // this boot's monotonic clock; 0 after a reboot
    int64_t first_shown_utc_ms = 0;    // 0 until drawn
    int64_t viewers = 0, opened = 0;   // part 4's counts
};

// An identifier retired by an Update or a Cancel, remembered until both the
// retiring message and the retired notice (when the kiosk held it) have
// expired: after that a replay is refused as expired anyway. The hub gives a
// Cancel or Update an expiry no earlier than those of what it references.
struct RetiredNotice {
    std::string sender, identifier;
    int64_t keep_until_utc_ms = 0;
};

// How a notice is shown (part 3).
enum class NoticePresentation {
    Takeover, // Extreme or Severe: the whole screen, at once, even during a visit
    Banner,   // Moderate, Minor, Unknown: a banner on home and attract, a strip on exhibits
};
NoticePresentation presentation_of(const Notice& notice);

class NoticeBoard {
public:
    NoticeBoard(std::string own_venue, std::vector<PublicKey> trusted);

    // Judges one signed notice as it arrived (poll, sync, USB import).
    NoticeOfferResult offer(const SignedDocument& signed_notice, int64_t now_utc_ms,
                            int64_t now_monotonic_ms);

    // Drops what has expired at this moment; returns the identifiers dropped
    // (Cancels included). After a restore, the first call anchors each
    // notice's monotonic guard again (received_monotonic_ms 0).
    std::vector<std::string> expire(int64_t now_utc_ms, int64_t now_monotonic_ms);

    // In force now (effective <= now < expires, not retired), for drawing:
    // takeovers first, then by severity (Extreme, Severe, Moderate, Minor,
    // Unknown), then by urgency, then newest sent first.
    std::vector<const BoardNotice*> showing(int64_t now_utc_ms, int64_t now_monotonic_ms) const;

    // Part 4: marks a notice drawn (first time only) and counts viewers and
    // opened linked content.
    void mark_shown(const std::string& identifier, int64_t now_utc_ms);
    void count_viewer(const std::string& identifier);
    void count_opened(const std::string& identifier);

    // Every notice held (Cancels too: kept, never shown, until they expire, so
    // the next poll's copy is Known) and every retired identifier, for the
    // store; and the way back after a reboot (each restored notice
    // re-verified: a database edited by hand does not get a notice on screen;
    // what a held Update or Cancel references is retired again).
    const std::vector<BoardNotice>& notices() const { return notices_; }
    const std::vector<RetiredNotice>& retired() const { return retired_; }
    void restore(std::vector<BoardNotice> notices, std::vector<RetiredNotice> retired,
                 std::vector<std::string>& problems);

    // The heartbeat's receipts: every notice held, newest first, at most
    // kMaxNoticeReceipts.
    std::vector<NoticeReceipt> receipts(int64_t now_utc_ms, int64_t now_monotonic_ms) const;

private:
    std::string own_venue_;
    std::vector<PublicKey> trusted_;
    std::vector<BoardNotice> notices_;
    std::vector<RetiredNotice> retired_;
};

} // namespace kiosk::sync
