// The kiosk's notice board (notice_board.h): judging each signed notice as it
// arrives, Update and Cancel retiring what they reference, expiry by the wall
// clock and by monotonic time since receipt, the drawing order, the receipts,
// and the way back from kiosk.db with every notice verified again.
//
// Cancel messages are held too (never shown, never in receipts) until they
// expire, so the same Cancel offered again by the next poll is Known rather
// than a replay, and a restore can re-derive what they retired.
#include "notice_board.h"

#include "core/civil_time.h"

#include <algorithm>
#include <tuple>

namespace kiosk::sync {
namespace {

bool same_message(const Notice& notice, const std::string& sender, const std::string& identifier) {
    return notice.sender == sender && notice.identifier == identifier;
}

bool for_venue(const Notice& notice, const std::string& venue) {
    return notice.venues.empty() ||
           std::find(notice.venues.begin(), notice.venues.end(), venue) != notice.venues.end();
}

// Expired by the wall clock, or by the monotonic time since receipt: a notice
// received with L ms left is gone L ms later whatever the wall clock says.
bool has_expired(const BoardNotice& held, int64_t now_utc_ms, int64_t now_monotonic_ms) {
    if (now_utc_ms >= held.notice.expires_utc_ms) return true;
    if (held.received_monotonic_ms == 0) return false; // not anchored yet this boot
    const int64_t lifetime_at_receipt = held.notice.expires_utc_ms - held.received_utc_ms;
    return now_monotonic_ms - held.received_monotonic_ms >= lifetime_at_receipt;
}

bool is_shown_kind(const Notice& notice) {
    return notice.msg_type != NoticeMsgType::Cancel;
}

// Drawing order: takeovers first, then severity, urgency (both in enum
// order, most pressing first), newest sent first, then identifier.
bool draws_before(const BoardNotice* a, const BoardNotice* b) {
    const auto key = [](const BoardNotice* held) {
        return std::make_tuple(
            presentation_of(held->notice) == NoticePresentation::Takeover ? 0 : 1,
            int(held->notice.severity), int(held->notice.urgency), -held->notice.sent_utc_ms);
    };
    if (key(a) != key(b)) return key(a) < key(b);
    return std::tie(a->notice.sender, a->notice.identifier) <
           std::tie(b->notice.sender, b->notice.identifier);
}

} // namespace

const char* to_string(NoticeOffer offer) {
    switch (offer) {
    case NoticeOffer::Added:
        return "added";
    case NoticeOffer::Replaced:
        return "replaced";
    case NoticeOffer::Cancelled:
        return "cancelled";
    case NoticeOffer::Known:
        return "known";
    case NoticeOffer::Forged:
        return "forged";
    case NoticeOffer::Malformed:
        return "malformed";
    case NoticeOffer::OtherVenue:
        return "other_venue";
    case NoticeOffer::Expired:
        return "expired";
    case NoticeOffer::Retired:
        return "retired";
    case NoticeOffer::Conflicting:
        return "conflicting";
    case NoticeOffer::Full:
        return "full";
    }
    return "?";
}

NoticePresentation presentation_of(const Notice& notice) {
    return notice.severity == NoticeSeverity::Extreme || notice.severity == NoticeSeverity::Severe
               ? NoticePresentation::Takeover
               : NoticePresentation::Banner;
}

NoticeBoard::NoticeBoard(std::string own_venue, std::vector<PublicKey> trusted)
    : own_venue_(std::move(own_venue)), trusted_(std::move(trusted)) {}

NoticeOfferResult NoticeBoard::offer(const SignedDocument& signed_notice, int64_t now_utc_ms,
                                     int64_t now_monotonic_ms) {
    NoticeOfferResult result;
    std::string error;
    if (trusted_.empty()) {
        result.offer = NoticeOffer::Forged;
        result.reason = "no trusted_notice_keys: a notice cannot be checked without the hub's "
                        "notice key";
        return result;
    }
    if (!verify_document(kNoticeFormat, signed_notice, trusted_, error)) {
        result.offer = NoticeOffer::Forged;
        result.reason = error;
        return result;
    }
    const std::optional<Notice> parsed = parse_notice_document(signed_notice.document, error);
    if (!parsed) {
        result.offer = NoticeOffer::Malformed;
        result.reason = error;
        return result;
    }
    const Notice& notice = *parsed;
    result.identifier = notice.identifier;
    const std::string name = std::string(to_cap(notice.msg_type)) + " \"" + notice.identifier +
                             "\" from \"" + notice.sender + "\"";
    if (!for_venue(notice, own_venue_)) {
        result.offer = NoticeOffer::OtherVenue;
        result.reason = name + " is not for venue \"" + own_venue_ + "\"";
        return result;
    }
    const auto retired =
        std::find_if(retired_.begin(), retired_.end(), [&](const RetiredNotice& r) {
            return r.sender == notice.sender && r.identifier == notice.identifier;
        });
    if (retired != retired_.end()) {
        result.offer = NoticeOffer::Retired;
        result.reason = name + " was replaced, cancelled or expired earlier (a replay)";
        return result;
    }
    if (notice.expires_utc_ms <= now_utc_ms) {
        result.offer = NoticeOffer::Expired;
        result.reason = name + " expired at " + iso_utc_seconds(notice.expires_utc_ms);
        return result;
    }
    const auto held = std::find_if(notices_.begin(), notices_.end(), [&](const BoardNotice& b) {
        return same_message(b.notice, notice.sender, notice.identifier);
    });
    if (held != notices_.end()) {
        const bool same = held->signed_notice.document == signed_notice.document;
        result.offer = same ? NoticeOffer::Known : NoticeOffer::Conflicting;
        result.reason = same ? name + " is held already"
                             : name + " differs from the one held under the same identifier";
        return result;
    }
    if (notices_.size() >= kMaxFeedNotices) {
        result.offer = NoticeOffer::Full;
        result.reason =
            name + " refused: " + std::to_string(notices_.size()) + " notices held, the limit";
        return result;
    }

    for (const NoticeReference& reference : notice.references) {
        int64_t keep_until = notice.expires_utc_ms;
        const auto replaced =
            std::find_if(notices_.begin(), notices_.end(), [&](const BoardNotice& b) {
                return same_message(b.notice, reference.sender, reference.identifier);
            });
        if (replaced != notices_.end()) {
            keep_until = std::max(keep_until, replaced->notice.expires_utc_ms);
            notices_.erase(replaced);
        }
        retired_.push_back({reference.sender, reference.identifier, keep_until});
    }
    BoardNotice added;
    added.signed_notice = signed_notice;
    added.notice = notice;
    added.received_utc_ms = now_utc_ms;
    added.received_monotonic_ms = now_monotonic_ms;
    notices_.push_back(std::move(added));
    switch (notice.msg_type) {
    case NoticeMsgType::Alert:
        result.offer = NoticeOffer::Added;
        break;
    case NoticeMsgType::Update:
        result.offer = NoticeOffer::Replaced;
        break;
    case NoticeMsgType::Cancel:
        result.offer = NoticeOffer::Cancelled;
        break;
    }
    result.reason = name + " " + to_string(result.offer);
    return result;
}

std::vector<std::string> NoticeBoard::expire(int64_t now_utc_ms, int64_t now_monotonic_ms) {
    std::vector<std::string> dropped;
    for (BoardNotice& held : notices_)
        if (held.received_monotonic_ms == 0) {
            // After a reboot: anchor the monotonic guard now, counting the
            // time since receipt by the wall clock only when it moved forward.
            held.received_monotonic_ms =
                now_monotonic_ms - std::max<int64_t>(0, now_utc_ms - held.received_utc_ms);
            if (held.received_monotonic_ms == 0) held.received_monotonic_ms = -1;
        }
    std::vector<BoardNotice> kept;
    for (BoardNotice& held : notices_) {
        if (!has_expired(held, now_utc_ms, now_monotonic_ms)) {
            kept.push_back(std::move(held));
            continue;
        }
        dropped.push_back(held.notice.identifier);
        // Remembered while the wall clock has not reached its expiry, so a
        // clock set back cannot bring it in again.
        if (held.notice.expires_utc_ms > now_utc_ms)
            retired_.push_back(
                {held.notice.sender, held.notice.identifier, held.notice.expires_utc_ms});
    }
    notices_ = std::move(kept);
    retired_.erase(std::remove_if(retired_.begin(), retired_.end(),
                                  [&](const RetiredNotice& retired) {
                                      return retired.keep_until_utc_ms <= now_utc_ms;
                                  }),
                   retired_.end());
    return dropped;
}

std::vector<const BoardNotice*> NoticeBoard::showing(int64_t now_utc_ms,
                                                     int64_t now_monotonic_ms) const {
    std::vector<const BoardNotice*> shown;
    for (const BoardNotice& held : notices_)
        if (is_shown_kind(held.notice) && held.notice.effective_utc_ms <= now_utc_ms &&
            !has_expired(held, now_utc_ms, now_monotonic_ms))
            shown.push_back(&held);
    std::sort(shown.begin(), shown.end(), draws_before);
    return shown;
}

void NoticeBoard::mark_shown(const std::string& identifier, int64_t now_utc_ms) {
    for (BoardNotice& held : notices_)
        if (is_shown_kind(held.notice) && held.notice.identifier == identifier &&
            held.first_shown_utc_ms == 0)
            held.first_shown_utc_ms = now_utc_ms;
}

void NoticeBoard::count_viewer(const std::string& identifier) {
    for (BoardNotice& held : notices_)
        if (is_shown_kind(held.notice) && held.notice.identifier == identifier) held.viewers++;
}

void NoticeBoard::count_opened(const std::string& identifier) {
    for (BoardNotice& held : notices_)
        if (is_shown_kind(held.notice) && held.notice.identifier == identifier) held.opened++;
}

void NoticeBoard::restore(std::vector<BoardNotice> notices, std::vector<RetiredNotice> retired,
                          std::vector<std::string>& problems) {
    notices_.clear();
    retired_ = std::move(retired);
    const auto is_retired = [&](const Notice& notice) {
        return std::any_of(retired_.begin(), retired_.end(), [&](const RetiredNotice& r) {
            return r.sender == notice.sender && r.identifier == notice.identifier;
        });
    };
    for (BoardNotice& stored : notices) {
        std::string error;
        std::optional<Notice> verified =
            verify_and_parse_notice(stored.signed_notice, trusted_, error);
        const std::string name = "stored notice \"" + stored.notice.identifier + "\"";
        if (!verified) {
            problems.push_back(name + " dropped: " + error);
            continue;
        }
        if (!for_venue(*verified, own_venue_)) {
            problems.push_back(name + " dropped: not for venue \"" + own_venue_ + "\"");
            continue;
        }
        if (is_retired(*verified)) {
            problems.push_back(name + " dropped: it was retired");
            continue;
        }
        const bool twice = std::any_of(notices_.begin(), notices_.end(), [&](const BoardNotice& b) {
            return same_message(b.notice, verified->sender, verified->identifier);
        });
        if (twice) {
            problems.push_back(name + " dropped: stored twice");
            continue;
        }
        if (notices_.size() >= kMaxFeedNotices) {
            problems.push_back(name + " dropped: more than " + std::to_string(kMaxFeedNotices) +
                               " notices stored");
            continue;
        }
        stored.notice = std::move(*verified); // the signed fields, not the row's copy
        stored.received_monotonic_ms = 0;     // another boot's clock
        stored.viewers = std::max<int64_t>(0, stored.viewers);
        stored.opened = std::max<int64_t>(0, stored.opened);
        notices_.push_back(std::move(stored));
    }
    // What the held Updates and Cancels retired stays retired, whatever the
    // retired table says.
    std::vector<RetiredNotice> implied;
    for (const BoardNotice& held : notices_)
        for (const NoticeReference& reference : held.notice.references)
            implied.push_back({reference.sender, reference.identifier, held.notice.expires_utc_ms});
    for (const RetiredNotice& retire : implied) {
        const auto found =
            std::find_if(notices_.begin(), notices_.end(), [&](const BoardNotice& b) {
                return same_message(b.notice, retire.sender, retire.identifier);
            });
        if (found != notices_.end()) {
            problems.push_back("stored notice \"" + retire.identifier +
                               "\" dropped: a stored Update or Cancel retired it");
            notices_.erase(found);
        }
        const bool listed =
            std::any_of(retired_.begin(), retired_.end(), [&](const RetiredNotice& r) {
                return r.sender == retire.sender && r.identifier == retire.identifier;
            });
        if (!listed) retired_.push_back(retire);
    }
}

std::vector<NoticeReceipt> NoticeBoard::receipts(int64_t now_utc_ms,
                                                 int64_t now_monotonic_ms) const {
    std::vector<const BoardNotice*> held;
    for (const BoardNotice& notice : notices_)
        if (is_shown_kind(notice.notice)) held.push_back(&notice);
    std::sort(held.begin(), held.end(), [](const BoardNotice* a, const BoardNotice* b) {
        return std::tie(b->notice.sent_utc_ms, b->received_utc_ms) <
               std::tie(a->notice.sent_utc_ms, a->received_utc_ms);
    });
    if (held.size() > kMaxNoticeReceipts) held.resize(kMaxNoticeReceipts);
    const std::vector<const BoardNotice*> shown = showing(now_utc_ms, now_monotonic_ms);
    std::vector<NoticeReceipt> receipts;
    for (const BoardNotice* notice : held) {
        NoticeReceipt receipt;
        receipt.identifier = notice->notice.identifier;
        receipt.first_shown_utc_ms = notice->first_shown_utc_ms;
        receipt.showing = std::find(shown.begin(), shown.end(), notice) != shown.end();
        receipt.viewers = std::min(notice->viewers, kMaxNoticeReceiptCount);
        receipt.opened = std::min(notice->opened, kMaxNoticeReceiptCount);
        receipts.push_back(receipt);
    }
    return receipts;
}

} // namespace kiosk::sync
