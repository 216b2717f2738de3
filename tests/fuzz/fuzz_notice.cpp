// Fuzz target: emergency notices as a kiosk reads them (engine/sync/notice.h):
// a notice document on its own (sync::parse_notice_document, and signed again
// with the fuzz key, which the target trusts, through
// sync::verify_and_parse_notice, to reach the field checks past the
// signature), a signed envelope (sync::parse_signed_document), a feed as
// GET /api/v1/notices answers it or a USB export's notices.json
// (sync::parse_notice_feed, each notice then offered to a NoticeBoard), and a
// heartbeat's receipts (sync::parse_notice_receipts).
// Checked: a refusal has a reason; the signed path and the parser agree;
// whatever parses passes check_notice and writes back to the same canonical
// bytes; a feed and receipts write back to what parses the same and keep
// their limits; the board never holds more than kMaxFeedNotices, shows only
// notices in force for its venue and reports at most kMaxNoticeReceipts.
#include "fuzz_support.h"

#include "sync/notice.h"
#include "sync/notice_board.h"

#include <algorithm>
#include <cstdint>
#include <string>

using namespace kiosk;

namespace {

constexpr int64_t kFuzzNow = 1795824600000; // 2026-11-28T00:10:00Z
constexpr const char* kFuzzVenue = "county-museum";

void check_parsed(const sync::Notice& notice) {
    if (const std::string problem = sync::check_notice(notice); !problem.empty())
        fuzz::broken("a parsed notice fails check_notice", problem);
    const std::string canonical = sync::notice_document(notice);
    std::string error;
    const std::optional<sync::Notice> again = sync::parse_notice_document(canonical, error);
    if (!again) fuzz::broken("a parsed notice's own document is refused", error);
    if (sync::notice_document(*again) != canonical)
        fuzz::broken("a notice does not write back to the same document");
}

// The document signed again with the trusted fuzz key, and through the
// parser alone: both must agree.
void check_document(const std::string& document) {
    const sync::SignedDocument resigned =
        sync::sign_document(sync::kNoticeFormat, document, fuzz::fuzz_secret_key());
    std::string signed_error, plain_error;
    const std::optional<sync::Notice> verified =
        sync::verify_and_parse_notice(resigned, {fuzz::fuzz_public_key()}, signed_error);
    const std::optional<sync::Notice> parsed = sync::parse_notice_document(document, plain_error);
    if (verified.has_value() != parsed.has_value() || signed_error != plain_error)
        fuzz::broken("the signed path and the parser disagree", signed_error + " / " + plain_error);
    if (!parsed) {
        if (plain_error.empty()) fuzz::broken("a refused notice without a reason");
        return;
    }
    check_parsed(*parsed);
}

void check_board(const sync::NoticeFeed& feed) {
    sync::NoticeBoard board(kFuzzVenue, {fuzz::fuzz_public_key()});
    for (const sync::SignedDocument& signed_notice : feed.notices) {
        const sync::NoticeOfferResult result = board.offer(signed_notice, kFuzzNow, 1000);
        if (result.reason.empty()) fuzz::broken("an offer without a reason");
        // The same message again is never accepted twice.
        if (result.accepted() && board.offer(signed_notice, kFuzzNow, 1000).accepted())
            fuzz::broken("a notice accepted twice", result.identifier);
    }
    if (board.notices().size() > sync::kMaxFeedNotices) fuzz::broken("the board holds too many");
    for (const sync::BoardNotice* shown : board.showing(kFuzzNow, 1000)) {
        const sync::Notice& notice = shown->notice;
        if (notice.msg_type == sync::NoticeMsgType::Cancel) fuzz::broken("a Cancel is shown");
        if (notice.effective_utc_ms > kFuzzNow || notice.expires_utc_ms <= kFuzzNow)
            fuzz::broken("a notice shown outside its time", notice.identifier);
        if (!notice.venues.empty() &&
            std::find(notice.venues.begin(), notice.venues.end(), kFuzzVenue) ==
                notice.venues.end())
            fuzz::broken("another venue's notice shown", notice.identifier);
    }
    const std::vector<sync::NoticeReceipt> receipts = board.receipts(kFuzzNow, 1000);
    std::string error;
    if (receipts.size() > sync::kMaxNoticeReceipts ||
        !sync::parse_notice_receipts(sync::to_json(receipts), error))
        fuzz::broken("the board's receipts are refused", error);
    const int64_t later = kFuzzNow + 2 * sync::kMaxNoticeLifetimeMs;
    board.expire(later, 1000 + 2 * sync::kMaxNoticeLifetimeMs);
    for (const sync::BoardNotice& held : board.notices())
        if (held.notice.expires_utc_ms <= later)
            fuzz::broken("a notice outlives its expiry", held.notice.identifier);
}

void check_feed(const std::string& text) {
    std::string error;
    const std::optional<sync::NoticeFeed> feed = sync::parse_notice_feed(text, error);
    if (!feed) {
        if (error.empty()) fuzz::broken("parse_notice_feed refused without a reason");
        return;
    }
    if (feed->notices.size() > sync::kMaxFeedNotices) fuzz::broken("a feed over its limit");
    const std::string written = sync::to_json(*feed);
    const std::optional<sync::NoticeFeed> again = sync::parse_notice_feed(written, error);
    if (!again || sync::to_json(*again) != written)
        fuzz::broken("a feed does not write back to itself", error);
    check_board(*feed);
}

void check_receipts(const std::string& text) {
    std::string error;
    const std::optional<std::vector<sync::NoticeReceipt>> receipts =
        sync::parse_notice_receipts(text, error);
    if (!receipts) {
        if (error.empty()) fuzz::broken("parse_notice_receipts refused without a reason");
        return;
    }
    if (receipts->size() > sync::kMaxNoticeReceipts) fuzz::broken("receipts over their limit");
    for (const sync::NoticeReceipt& receipt : *receipts)
        if (receipt.viewers < 0 || receipt.viewers > sync::kMaxNoticeReceiptCount ||
            receipt.opened < 0 || receipt.opened > sync::kMaxNoticeReceiptCount)
            fuzz::broken("a receipt count out of range");
    const std::string written = sync::to_json(*receipts);
    const std::optional<std::vector<sync::NoticeReceipt>> again =
        sync::parse_notice_receipts(written, error);
    if (!again || sync::to_json(*again) != written)
        fuzz::broken("receipts do not write back to themselves", error);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    check_document(text);
    check_feed(text);
    check_receipts(text);

    std::string error;
    const std::optional<sync::SignedDocument> envelope =
        sync::parse_signed_document(text, sync::kMaxNoticeDocumentBytes, error);
    if (!envelope) {
        if (error.empty()) fuzz::broken("parse_signed_document refused without a reason");
        return 0;
    }
    const std::optional<sync::Notice> as_sent =
        sync::verify_and_parse_notice(*envelope, {fuzz::fuzz_public_key()}, error);
    if (as_sent)
        check_parsed(*as_sent);
    else if (error.empty())
        fuzz::broken("verify_and_parse_notice refused without a reason");
    check_document(envelope->document);
    return 0;
}
