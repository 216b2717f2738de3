// Issuing the hub's own notices (see notice_issuer.h).
#include "notice_issuer.h"

#include "core/civil_time.h"
#include "core/manager_text.h"

#include <algorithm>

namespace kiosk::hub {
namespace {

constexpr int64_t kMaxExpiryHours = 31 * 24;
constexpr size_t kFindScanLimit = 100000;
constexpr int kIdentifierAttempts = 8;

IssueResult fail(IssueFailure failure, std::string detail) {
    IssueResult result;
    result.failure = failure;
    result.detail = std::move(detail);
    return result;
}

// "KH-20261207-42": the hub's prefix, the UTC day and the next notice version.
std::string new_identifier(int64_t now_utc_ms, int64_t seq) {
    std::string day = local_day(now_utc_ms, 0);
    day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
    return "KH-" + day + "-" + std::to_string(seq);
}

// Sets `field` from a CAP spelling unless `text` is empty; false when it is not one.
template <typename Enum>
bool set_enum(Enum& field, const std::string& text,
              std::optional<Enum> (*parse)(std::string_view)) {
    if (text.empty()) return true;
    const std::optional<Enum> value = parse(text);
    if (value) field = *value;
    return value.has_value();
}

void set_text(Bilingual& field, const Bilingual& given) {
    if (!given.zh.empty()) field.zh = given.zh;
    if (!given.en.empty()) field.en = given.en;
}

} // namespace

std::optional<int64_t> parse_notice_expiry(const std::string& text, int64_t now_utc_ms) {
    if (std::optional<int64_t> time = parse_iso_utc_seconds(text)) return time;
    if (text.size() < 2 || text.size() > 5) return std::nullopt;
    const std::string number = text.substr(0, text.size() - 1);
    if (number.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    const int64_t count = std::stoll(number);
    const char unit = text.back();
    const int64_t minutes = unit == 'm'   ? count
                            : unit == 'h' ? count * 60
                            : unit == 'd' ? count * 1440
                                          : -1;
    if (minutes <= 0 || minutes > kMaxExpiryHours * 60) return std::nullopt;
    return now_utc_ms / 1000 * 1000 + minutes * 60 * 1000;
}

std::optional<StoredNotice> find_notice(NoticeStore& notices, const std::string& identifier) {
    if (std::optional<StoredNotice> own = notices.find(kHubNoticeSender, identifier)) return own;
    for (StoredNotice& stored : notices.history("", kFindScanLimit))
        if (stored.notice.identifier == identifier) return std::move(stored);
    return std::nullopt;
}

IssueResult issue_notice(NoticeStore& notices, HubStore& hub, LibraryStore* library,
                         const std::optional<SecretKey>& key, const NoticeDraft& draft,
                         const NoticeAuthor& author, int64_t now_utc_ms) {
    if (!key) return fail(IssueFailure::NoKey, "");
    const int64_t now = now_utc_ms / 1000 * 1000; // CAP times are whole seconds
    sync::Notice notice;
    std::optional<StoredNotice> referenced;
    if (draft.msg_type != sync::NoticeMsgType::Alert) {
        referenced = find_notice(notices, draft.replaces);
        if (!referenced) return fail(IssueFailure::UnknownReference, draft.replaces);
        if (referenced->retired_seq != 0 ||
            referenced->notice.msg_type == sync::NoticeMsgType::Cancel)
            return fail(IssueFailure::AlreadyRetired, draft.replaces);
        // A venue manager changes only what was for their own venue alone.
        if (!author.venue.empty() && referenced->notice.venues != std::vector{author.venue})
            return fail(IssueFailure::NotYourVenue, draft.replaces);
        notice = referenced->notice; // an Update's defaults, a Cancel's fields
        notice.references = {{referenced->notice.sender, referenced->notice.identifier,
                              referenced->notice.sent_utc_ms}};
    } else {
        notice.categories = {"Safety"};
    }
    notice.msg_type = draft.msg_type;
    notice.sender = kHubNoticeSender;
    notice.sent_utc_ms = now;
    notice.effective_utc_ms = now;
    if (draft.msg_type != sync::NoticeMsgType::Cancel) {
        if (!set_enum(notice.status, draft.status, sync::parse_notice_status))
            return fail(IssueFailure::BadField, "status: expected Actual, Exercise or Test");
        if (!set_enum(notice.severity, draft.severity, sync::parse_notice_severity))
            return fail(IssueFailure::BadField,
                        "severity: expected Extreme, Severe, Moderate, Minor or Unknown");
        if (!set_enum(notice.urgency, draft.urgency, sync::parse_notice_urgency))
            return fail(IssueFailure::BadField,
                        "urgency: expected Immediate, Expected, Future, Past or Unknown");
        if (!set_enum(notice.certainty, draft.certainty, sync::parse_notice_certainty))
            return fail(IssueFailure::BadField,
                        "certainty: expected Observed, Likely, Possible, Unlikely or Unknown");
        if (!draft.categories.empty()) notice.categories = draft.categories;
        set_text(notice.event, draft.event);
        set_text(notice.headline, draft.headline);
        set_text(notice.description, draft.description);
        set_text(notice.instruction, draft.instruction);
        if (!draft.venues.empty() || draft.msg_type == sync::NoticeMsgType::Alert)
            notice.venues = draft.venues;
        if (!draft.content_ids.empty()) notice.content_ids = draft.content_ids;
    }
    std::sort(notice.venues.begin(), notice.venues.end());
    notice.venues.erase(std::unique(notice.venues.begin(), notice.venues.end()),
                        notice.venues.end());

    if (draft.expires.empty()) {
        if (draft.msg_type == sync::NoticeMsgType::Alert)
            return fail(IssueFailure::BadField,
                        "expires: required (e.g. 6h or 2026-12-07T18:00:00Z)");
    } else {
        const std::optional<int64_t> expires = parse_notice_expiry(draft.expires, now);
        if (!expires)
            return fail(IssueFailure::BadField,
                        "expires: expected YYYY-MM-DDTHH:MM:SSZ or a duration such as 90m, 6h, "
                        "2d (at most 31 days), not \"" +
                            draft.expires + "\"");
        notice.expires_utc_ms = *expires;
    }
    if (referenced) // never earlier than what it references (RetiredNotice)
        notice.expires_utc_ms = std::max(notice.expires_utc_ms, referenced->notice.expires_utc_ms);
    if (draft.msg_type == sync::NoticeMsgType::Cancel)
        notice.expires_utc_ms = std::max(notice.expires_utc_ms, now + kMinCancelLifetimeMs);

    if (!author.venue.empty() && notice.venues != std::vector{author.venue})
        return fail(IssueFailure::NotYourVenue, author.venue);
    for (const std::string& venue : notice.venues)
        if (!hub.find_venue(venue)) return fail(IssueFailure::UnknownVenue, venue);
    if (draft.msg_type != sync::NoticeMsgType::Cancel)
        for (const std::string& id : draft.content_ids)
            if (!library || !library->find_item(id)) return fail(IssueFailure::UnknownContent, id);

    for (int attempt = 0; attempt < kIdentifierAttempts; ++attempt) {
        notice.identifier = new_identifier(now, notices.version() + 1 + attempt);
        if (const std::string problem = sync::check_notice(notice); !problem.empty())
            return fail(IssueFailure::BadField, problem);
        std::string error;
        const std::optional<sync::SignedDocument> signed_notice =
            sync::sign_notice(notice, *key, error);
        if (!signed_notice) return fail(IssueFailure::BadField, error);
        switch (notices.add(*signed_notice, notice, author.name, now_utc_ms, error)) {
        case AddNoticeOutcome::Added: {
            IssueResult result;
            std::optional<StoredNotice> stored = notices.find(notice.sender, notice.identifier);
            if (!stored) return fail(IssueFailure::Store, "the stored notice cannot be read");
            result.stored = std::move(*stored);
            return result;
        }
        case AddNoticeOutcome::Duplicate:
            continue; // another writer took this identifier: the next
        case AddNoticeOutcome::UnknownReference:
            return fail(IssueFailure::UnknownReference, draft.replaces);
        case AddNoticeOutcome::AlreadyRetired:
            return fail(IssueFailure::AlreadyRetired, draft.replaces);
        case AddNoticeOutcome::Failed:
            return fail(IssueFailure::Store, error);
        }
    }
    return fail(IssueFailure::Store, "no free identifier");
}

std::string issue_failure_text(const IssueResult& result, Language lang) {
    const std::string_view detail = result.detail;
    switch (result.failure) {
    case IssueFailure::None:
        return "";
    case IssueFailure::NoKey:
        return manager_text("notice_fail_no_key", lang);
    case IssueFailure::BadField:
        return manager_text("notice_fail_field", lang, {{"detail", detail}});
    case IssueFailure::UnknownVenue:
        return manager_text("notice_fail_venue", lang, {{"venue", detail}});
    case IssueFailure::UnknownContent:
        return manager_text("notice_fail_content", lang, {{"id", detail}});
    case IssueFailure::UnknownReference:
        return manager_text("notice_fail_reference", lang, {{"id", detail}});
    case IssueFailure::AlreadyRetired:
        return manager_text("notice_fail_retired", lang, {{"id", detail}});
    case IssueFailure::NotYourVenue:
        return manager_text("notice_fail_not_your_venue", lang);
    case IssueFailure::Store:
        return manager_text("notice_fail_store", lang, {{"detail", detail}});
    }
    return "";
}

} // namespace kiosk::hub
