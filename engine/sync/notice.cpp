// The emergency notice's formats (notice.h): CAP's enum spellings, the
// canonical signed document, its strict parser and the one set of field rules
// (check_notice) both the parser and the hub's form apply, signing and
// verifying, the feed a kiosk polls and the receipts its heartbeat carries.
//
// Index of this file:
// [SECTION] The field rules, once (check_notice and the parser)
// [SECTION] The canonical document
// [SECTION] Receipts
#include "notice.h"

#include "json_fields.h"
#include "notice_json.h"
#include "signed_document_json.h"

#include "core/civil_time.h"
#include "core/content_ids.h"
#include "core/data_reader.h"
#include "core/utf8_text.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

namespace kiosk::sync {
namespace {

using namespace json_fields;
using nlohmann::json;
using nlohmann::ordered_json;

template <typename Enum, size_t N> using Spellings = std::array<std::pair<Enum, const char*>, N>;

constexpr Spellings<NoticeStatus, 3> kStatuses = {{{NoticeStatus::Actual, "Actual"},
                                                   {NoticeStatus::Exercise, "Exercise"},
                                                   {NoticeStatus::Test, "Test"}}};
constexpr Spellings<NoticeMsgType, 3> kMsgTypes = {{{NoticeMsgType::Alert, "Alert"},
                                                    {NoticeMsgType::Update, "Update"},
                                                    {NoticeMsgType::Cancel, "Cancel"}}};
constexpr Spellings<NoticeUrgency, 5> kUrgencies = {{{NoticeUrgency::Immediate, "Immediate"},
                                                     {NoticeUrgency::Expected, "Expected"},
                                                     {NoticeUrgency::Future, "Future"},
                                                     {NoticeUrgency::Past, "Past"},
                                                     {NoticeUrgency::Unknown, "Unknown"}}};
constexpr Spellings<NoticeSeverity, 5> kSeverities = {{{NoticeSeverity::Extreme, "Extreme"},
                                                       {NoticeSeverity::Severe, "Severe"},
                                                       {NoticeSeverity::Moderate, "Moderate"},
                                                       {NoticeSeverity::Minor, "Minor"},
                                                       {NoticeSeverity::Unknown, "Unknown"}}};
constexpr Spellings<NoticeCertainty, 5> kCertainties = {{{NoticeCertainty::Observed, "Observed"},
                                                         {NoticeCertainty::Likely, "Likely"},
                                                         {NoticeCertainty::Possible, "Possible"},
                                                         {NoticeCertainty::Unlikely, "Unlikely"},
                                                         {NoticeCertainty::Unknown, "Unknown"}}};
constexpr std::array<std::string_view, 12> kCategories = {
    "Geo",    "Met", "Safety",    "Security", "Rescue", "Fire",
    "Health", "Env", "Transport", "Infra",    "CBRNE",  "Other"};

template <typename Enum, size_t N>
const char* spelling_of(const Spellings<Enum, N>& spellings, Enum value) {
    for (const auto& [known, spelling] : spellings)
        if (known == value) return spelling;
    return "?";
}

template <typename Enum, size_t N>
std::optional<Enum> parse_spelling(const Spellings<Enum, N>& spellings, std::string_view text) {
    for (const auto& [known, spelling] : spellings)
        if (text == spelling) return known;
    return std::nullopt;
}

template <typename Enum, size_t N> std::string one_of(const Spellings<Enum, N>& spellings) {
    std::string list = "expected one of";
    for (const auto& entry : spellings)
        list += std::string(" ") + entry.second;
    return list;
}

//-----------------------------------------------------------------------------
// [SECTION] The field rules, once (check_notice and the parser)
//-----------------------------------------------------------------------------

// CAP's rule for identifier and sender: no spaces, commas or restricted
// characters (< and &); " and control characters are refused here too.
bool is_cap_name(std::string_view text, size_t max_bytes) {
    return !text.empty() && text.size() <= max_bytes && is_valid_utf8(text) &&
           std::none_of(text.begin(), text.end(), [](char c) {
               return (c >= 0 && c <= ' ') || c == 0x7f || c == ',' || c == '<' || c == '&' ||
                      c == '"';
           });
}

std::string cap_name_problem(const std::string& path, std::string_view text, size_t max_bytes) {
    if (is_cap_name(text, max_bytes)) return "";
    return path + ": expected 1.." + std::to_string(max_bytes) +
           " bytes of UTF-8 without spaces, commas, < & \" or control characters";
}

bool is_whole_second_time(int64_t utc_ms) {
    // parse_iso_utc_seconds reaches 9999-12-31T23:59:59Z.
    constexpr int64_t kLatest = 253402300799000;
    return utc_ms >= 0 && utc_ms <= kLatest && utc_ms % kMsPerSecond == 0;
}

std::string time_problem(const std::string& path, int64_t utc_ms) {
    if (is_whole_second_time(utc_ms)) return "";
    return path + ": expected a whole-second UTC time from 1970 to 9999";
}

// Valid UTF-8 of at most `max_bytes`, no control characters but tab and
// line breaks; `required`: zh must not be empty.
std::string text_problem(const std::string& path, std::string_view text, size_t max_bytes,
                         bool required) {
    if (required && text.empty()) return path + ": missing (required for an Alert or an Update)";
    if (text.size() > max_bytes)
        return path + ": " + std::to_string(text.size()) + " bytes, more than the limit of " +
               std::to_string(max_bytes);
    if (!is_valid_utf8(text)) return path + ": expected valid UTF-8";
    if (std::any_of(text.begin(), text.end(), is_hidden_control))
        return path + ": expected text without control characters";
    return "";
}

std::string bilingual_problem(const std::string& path, const Bilingual& text, size_t max_bytes,
                              bool zh_required) {
    if (std::string problem = text_problem(path + ".zh", text.zh, max_bytes, zh_required);
        !problem.empty())
        return problem;
    return text_problem(path + ".en", text.en, max_bytes, false);
}

std::string list_size_problem(const std::string& path, size_t size, size_t min, size_t max,
                              const char* what) {
    if (size >= min && size <= max) return "";
    return path + ": " + std::to_string(size) + " " + what + ", expected " + std::to_string(min) +
           ".." + std::to_string(max);
}

std::string references_problem(const Notice& notice) {
    const bool refers = notice.msg_type != NoticeMsgType::Alert;
    if (!refers && !notice.references.empty())
        return "references: an Alert refers to no earlier message (only Update and Cancel do)";
    if (refers)
        if (std::string problem = list_size_problem("references", notice.references.size(), 1,
                                                    kMaxNoticeReferences, "references");
            !problem.empty())
            return problem + " (an Update or a Cancel names what it replaces)";
    std::set<std::pair<std::string, std::string>> seen;
    for (size_t i = 0; i < notice.references.size(); ++i) {
        const NoticeReference& reference = notice.references[i];
        const std::string path = "references[" + std::to_string(i) + "]";
        if (std::string problem =
                cap_name_problem(path + ".sender", reference.sender, kMaxNoticeSenderBytes);
            !problem.empty())
            return problem;
        if (std::string problem = cap_name_problem(path + ".identifier", reference.identifier,
                                                   kMaxNoticeIdentifierBytes);
            !problem.empty())
            return problem;
        if (std::string problem = time_problem(path + ".sent", reference.sent_utc_ms);
            !problem.empty())
            return problem;
        if (reference.sender == notice.sender && reference.identifier == notice.identifier)
            return path + ": a message cannot refer to itself";
        if (!seen.insert({reference.sender, reference.identifier}).second)
            return path + ": \"" + reference.identifier + "\" is listed twice";
    }
    return "";
}

std::string categories_problem(const Notice& notice) {
    const size_t min = notice.msg_type == NoticeMsgType::Cancel ? 0 : 1;
    if (std::string problem = list_size_problem("categories", notice.categories.size(), min,
                                                kMaxNoticeCategories, "categories");
        !problem.empty())
        return problem;
    std::set<std::string> seen;
    for (size_t i = 0; i < notice.categories.size(); ++i) {
        const std::string path = "categories[" + std::to_string(i) + "]";
        if (!is_cap_category(notice.categories[i]))
            return path + ": expected one of Geo Met Safety Security Rescue Fire Health Env "
                          "Transport Infra CBRNE Other";
        if (!seen.insert(notice.categories[i]).second)
            return path + ": \"" + notice.categories[i] + "\" is listed twice";
    }
    return "";
}

std::string times_problem(const Notice& notice) {
    for (const auto& [path, utc_ms] : {std::pair<const char*, int64_t>{"sent", notice.sent_utc_ms},
                                       {"effective", notice.effective_utc_ms},
                                       {"expires", notice.expires_utc_ms}})
        if (std::string problem = time_problem(path, utc_ms); !problem.empty()) return problem;
    if (notice.expires_utc_ms <= notice.sent_utc_ms) return "expires: expected a time after sent";
    if (notice.expires_utc_ms <= notice.effective_utc_ms)
        return "expires: expected a time after effective";
    if (notice.expires_utc_ms - notice.sent_utc_ms > kMaxNoticeLifetimeMs)
        return "expires: more than 31 days after sent";
    if (notice.effective_utc_ms < notice.sent_utc_ms - kMaxNoticeLifetimeMs)
        return "effective: more than 31 days before sent";
    return "";
}

std::string ids_problem(const char* name, const std::vector<std::string>& ids, size_t max,
                        bool (*valid)(std::string_view), const char* rule) {
    if (std::string problem = list_size_problem(name, ids.size(), 0, max, name); !problem.empty())
        return problem;
    std::set<std::string> seen;
    for (size_t i = 0; i < ids.size(); ++i) {
        const std::string path = std::string(name) + "[" + std::to_string(i) + "]";
        if (!valid(ids[i])) return path + ": " + rule;
        if (!seen.insert(ids[i]).second) return path + ": \"" + ids[i] + "\" is listed twice";
    }
    return "";
}

//-----------------------------------------------------------------------------
// [SECTION] The canonical document
//-----------------------------------------------------------------------------

ordered_json bilingual_value(const Bilingual& text) {
    return {{"zh", text.zh}, {"en", text.en}};
}

Bilingual parse_bilingual(const json& object, const char* name, size_t max_bytes) {
    const json& value = object.at(name);
    check_object(value, name, {"zh", "en"});
    const std::string rule = "expected 0.." + std::to_string(max_bytes) + " bytes of UTF-8";
    return {string_field(value, name, "zh", 0, max_bytes, rule.c_str()),
            string_field(value, name, "en", 0, max_bytes, rule.c_str())};
}

template <typename Enum, size_t N>
Enum enum_field(const json& object, const char* name, const Spellings<Enum, N>& spellings) {
    const std::string rule = one_of(spellings);
    const std::optional<Enum> value =
        parse_spelling(spellings, string_field(object, "", name, 1, 16, rule.c_str()));
    if (!value) fail(name, rule);
    return *value;
}

std::vector<std::string> string_list(const json& object, const char* name, size_t max_items,
                                     size_t max_bytes, const char* rule) {
    const json& list = object.at(name);
    if (!list.is_array()) fail(name, "expected an array");
    if (list.size() > max_items)
        fail(name, std::to_string(list.size()) + " items, more than the limit of " +
                       std::to_string(max_items));
    std::vector<std::string> items;
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string path = std::string(name) + "[" + std::to_string(i) + "]";
        if (!list[i].is_string()) fail(path, std::string("expected a string: ") + rule);
        const std::string& item = list[i].get_ref<const std::string&>();
        if (item.size() > max_bytes) fail(path, rule);
        items.push_back(item);
    }
    return items;
}

NoticeReference parse_reference(const json& value, const std::string& path) {
    check_object(value, path, {"sender", "identifier", "sent"});
    NoticeReference reference;
    reference.sender = string_field(value, path, "sender", 1, kMaxNoticeSenderBytes,
                                    "expected 1..128 bytes of UTF-8");
    reference.identifier = string_field(value, path, "identifier", 1, kMaxNoticeIdentifierBytes,
                                        "expected 1..128 bytes of UTF-8");
    reference.sent_utc_ms = time_field(value, path, "sent");
    return reference;
}

Notice parse_notice_value(const json& message) {
    check_object(message, "",
                 {"format", "identifier", "sender", "sent", "status", "msg_type", "references",
                  "categories", "event", "urgency", "severity", "certainty", "effective", "expires",
                  "headline", "description", "instruction", "venues", "content_ids"});
    const json& format = message.at("format");
    if (!format.is_string() || format.get_ref<const std::string&>() != kNoticeFormat)
        fail("format", std::string("expected \"") + kNoticeFormat + "\"");
    Notice notice;
    notice.identifier = string_field(message, "", "identifier", 1, kMaxNoticeIdentifierBytes,
                                     "expected 1..128 bytes of UTF-8");
    notice.sender = string_field(message, "", "sender", 1, kMaxNoticeSenderBytes,
                                 "expected 1..128 bytes of UTF-8");
    notice.sent_utc_ms = time_field(message, "", "sent");
    notice.status = enum_field(message, "status", kStatuses);
    notice.msg_type = enum_field(message, "msg_type", kMsgTypes);
    const json& references = message.at("references");
    if (!references.is_array()) fail("references", "expected an array");
    if (references.size() > kMaxNoticeReferences)
        fail("references", std::to_string(references.size()) +
                               " references, more than the limit of " +
                               std::to_string(kMaxNoticeReferences));
    for (size_t i = 0; i < references.size(); ++i)
        notice.references.push_back(
            parse_reference(references[i], "references[" + std::to_string(i) + "]"));
    notice.categories =
        string_list(message, "categories", kMaxNoticeCategories, 16, "expected a CAP category");
    notice.event = parse_bilingual(message, "event", kMaxNoticeEventBytes);
    notice.urgency = enum_field(message, "urgency", kUrgencies);
    notice.severity = enum_field(message, "severity", kSeverities);
    notice.certainty = enum_field(message, "certainty", kCertainties);
    notice.effective_utc_ms = time_field(message, "", "effective");
    notice.expires_utc_ms = time_field(message, "", "expires");
    notice.headline = parse_bilingual(message, "headline", kMaxNoticeHeadlineBytes);
    notice.description = parse_bilingual(message, "description", kMaxNoticeDescriptionBytes);
    notice.instruction = parse_bilingual(message, "instruction", kMaxNoticeInstructionBytes);
    notice.venues =
        string_list(message, "venues", kMaxNoticeVenues, kMaxHubIdLength, "expected a venue id");
    notice.content_ids = string_list(message, "content_ids", kMaxNoticeContentIds,
                                     kMaxContentIdLength, "expected a content id");
    // The rules on the values, as check_notice applies them to the hub's form.
    if (const std::string problem = check_notice(notice); !problem.empty())
        throw FieldError{problem};
    return notice;
}

//-----------------------------------------------------------------------------
// [SECTION] Receipts
//-----------------------------------------------------------------------------

NoticeReceipt parse_receipt(const json& value, const std::string& path) {
    check_object(value, path, {"identifier", "first_shown", "showing", "viewers", "opened"});
    NoticeReceipt receipt;
    receipt.identifier = string_field(value, path, "identifier", 1, kMaxNoticeIdentifierBytes,
                                      "expected a notice identifier");
    if (std::string problem = cap_name_problem(member_path(path, "identifier"), receipt.identifier,
                                               kMaxNoticeIdentifierBytes);
        !problem.empty())
        throw FieldError{problem};
    if (!value.at("first_shown").is_null())
        receipt.first_shown_utc_ms = time_field(value, path, "first_shown");
    const json& showing = value.at("showing");
    if (!showing.is_boolean()) fail(member_path(path, "showing"), "expected true or false");
    receipt.showing = showing.get<bool>();
    receipt.viewers = integer_field(value, path, "viewers", 0, kMaxNoticeReceiptCount);
    receipt.opened = integer_field(value, path, "opened", 0, kMaxNoticeReceiptCount);
    return receipt;
}

} // namespace

const char* to_cap(NoticeStatus value) {
    return spelling_of(kStatuses, value);
}
const char* to_cap(NoticeMsgType value) {
    return spelling_of(kMsgTypes, value);
}
const char* to_cap(NoticeUrgency value) {
    return spelling_of(kUrgencies, value);
}
const char* to_cap(NoticeSeverity value) {
    return spelling_of(kSeverities, value);
}
const char* to_cap(NoticeCertainty value) {
    return spelling_of(kCertainties, value);
}
std::optional<NoticeStatus> parse_notice_status(std::string_view cap) {
    return parse_spelling(kStatuses, cap);
}
std::optional<NoticeMsgType> parse_notice_msg_type(std::string_view cap) {
    return parse_spelling(kMsgTypes, cap);
}
std::optional<NoticeUrgency> parse_notice_urgency(std::string_view cap) {
    return parse_spelling(kUrgencies, cap);
}
std::optional<NoticeSeverity> parse_notice_severity(std::string_view cap) {
    return parse_spelling(kSeverities, cap);
}
std::optional<NoticeCertainty> parse_notice_certainty(std::string_view cap) {
    return parse_spelling(kCertainties, cap);
}

bool is_cap_category(std::string_view category) {
    return std::find(kCategories.begin(), kCategories.end(), category) != kCategories.end();
}

std::string check_notice(const Notice& notice) {
    const bool shown = notice.msg_type != NoticeMsgType::Cancel;
    std::string problem =
        cap_name_problem("identifier", notice.identifier, kMaxNoticeIdentifierBytes);
    if (problem.empty()) problem = cap_name_problem("sender", notice.sender, kMaxNoticeSenderBytes);
    if (problem.empty()) problem = references_problem(notice);
    if (problem.empty()) problem = categories_problem(notice);
    if (problem.empty())
        problem = bilingual_problem("event", notice.event, kMaxNoticeEventBytes, shown);
    if (problem.empty()) problem = times_problem(notice);
    if (problem.empty())
        problem = bilingual_problem("headline", notice.headline, kMaxNoticeHeadlineBytes, shown);
    if (problem.empty())
        problem =
            bilingual_problem("description", notice.description, kMaxNoticeDescriptionBytes, false);
    if (problem.empty())
        problem =
            bilingual_problem("instruction", notice.instruction, kMaxNoticeInstructionBytes, false);
    if (problem.empty())
        problem = ids_problem("venues", notice.venues, kMaxNoticeVenues, is_valid_hub_id,
                              "expected a venue id: 1..64 of A-Z a-z 0-9 - _");
    if (problem.empty())
        problem = ids_problem("content_ids", notice.content_ids, kMaxNoticeContentIds,
                              is_valid_content_id, "expected a content id: 3..48 of a-z 0-9 -");
    return problem;
}

std::string notice_document(const Notice& notice) {
    ordered_json references = ordered_json::array();
    for (const NoticeReference& reference : notice.references)
        references.push_back({{"sender", reference.sender},
                              {"identifier", reference.identifier},
                              {"sent", iso_utc_seconds(reference.sent_utc_ms)}});
    const ordered_json document = {{"format", kNoticeFormat},
                                   {"identifier", notice.identifier},
                                   {"sender", notice.sender},
                                   {"sent", iso_utc_seconds(notice.sent_utc_ms)},
                                   {"status", to_cap(notice.status)},
                                   {"msg_type", to_cap(notice.msg_type)},
                                   {"references", std::move(references)},
                                   {"categories", notice.categories},
                                   {"event", bilingual_value(notice.event)},
                                   {"urgency", to_cap(notice.urgency)},
                                   {"severity", to_cap(notice.severity)},
                                   {"certainty", to_cap(notice.certainty)},
                                   {"effective", iso_utc_seconds(notice.effective_utc_ms)},
                                   {"expires", iso_utc_seconds(notice.expires_utc_ms)},
                                   {"headline", bilingual_value(notice.headline)},
                                   {"description", bilingual_value(notice.description)},
                                   {"instruction", bilingual_value(notice.instruction)},
                                   {"venues", notice.venues},
                                   {"content_ids", notice.content_ids}};
    return document.dump();
}

std::optional<Notice> parse_notice_document(std::string_view document, std::string& error) {
    if (document.size() > kMaxNoticeDocumentBytes) {
        error = "document: " + std::to_string(document.size()) + " bytes, more than the limit of " +
                std::to_string(kMaxNoticeDocumentBytes);
        return std::nullopt;
    }
    return parse_with<Notice>(document, error, parse_notice_value);
}

std::optional<SignedDocument> sign_notice(const Notice& notice, const SecretKey& key,
                                          std::string& error) {
    error = check_notice(notice);
    if (!error.empty()) return std::nullopt;
    std::string document = notice_document(notice);
    if (document.size() > kMaxNoticeDocumentBytes) {
        error = "document: " + std::to_string(document.size()) + " bytes, more than the limit of " +
                std::to_string(kMaxNoticeDocumentBytes);
        return std::nullopt;
    }
    return sign_document(kNoticeFormat, std::move(document), key);
}

std::optional<Notice> verify_and_parse_notice(const SignedDocument& signed_notice,
                                              const std::vector<PublicKey>& trusted,
                                              std::string& error) {
    if (trusted.empty()) {
        error = "no trusted_notice_keys: a notice cannot be checked without the hub's notice key";
        return std::nullopt;
    }
    if (!verify_document(kNoticeFormat, signed_notice, trusted, error)) return std::nullopt;
    return parse_notice_document(signed_notice.document, error);
}

std::string to_json(const NoticeFeed& feed) {
    ordered_json notices = ordered_json::array();
    for (const SignedDocument& signed_notice : feed.notices)
        notices.push_back(signed_document_value(signed_notice));
    const ordered_json message = {{"version", feed.version}, {"notices", std::move(notices)}};
    return message.dump();
}

std::optional<NoticeFeed> parse_notice_feed(std::string_view text, std::string& error) {
    if (text.size() > kMaxFeedBytes) {
        error = "feed: " + std::to_string(text.size()) + " bytes, more than the limit of " +
                std::to_string(kMaxFeedBytes);
        return std::nullopt;
    }
    return parse_with<NoticeFeed>(text, error, [](const json& message) {
        check_object(message, "", {"version", "notices"});
        NoticeFeed feed;
        feed.version = integer_field(message, "", "version", 0, kMaxSafeInteger);
        const json& notices = message.at("notices");
        if (!notices.is_array()) fail("notices", "expected an array");
        if (notices.size() > kMaxFeedNotices)
            fail("notices", std::to_string(notices.size()) + " notices, more than the limit of " +
                                std::to_string(kMaxFeedNotices));
        for (size_t i = 0; i < notices.size(); ++i)
            feed.notices.push_back(parse_signed_document_value(
                notices[i], "notices[" + std::to_string(i) + "]", kMaxNoticeDocumentBytes));
        return feed;
    });
}

ordered_json notice_receipts_value(const std::vector<NoticeReceipt>& receipts) {
    ordered_json list = ordered_json::array();
    for (const NoticeReceipt& receipt : receipts) {
        ordered_json first_shown = nullptr;
        if (receipt.first_shown_utc_ms != 0)
            first_shown = iso_utc_seconds(receipt.first_shown_utc_ms);
        list.push_back({{"identifier", receipt.identifier},
                        {"first_shown", std::move(first_shown)},
                        {"showing", receipt.showing},
                        {"viewers", receipt.viewers},
                        {"opened", receipt.opened}});
    }
    return list;
}

std::vector<NoticeReceipt> parse_notice_receipts_value(const json& value, const std::string& path) {
    const std::string list_path = path.empty() ? "receipts" : path;
    if (!value.is_array()) fail(list_path, "expected an array");
    if (value.size() > kMaxNoticeReceipts)
        fail(list_path, std::to_string(value.size()) + " receipts, more than the limit of " +
                            std::to_string(kMaxNoticeReceipts));
    std::vector<NoticeReceipt> receipts;
    for (size_t i = 0; i < value.size(); ++i)
        receipts.push_back(parse_receipt(value[i], path + "[" + std::to_string(i) + "]"));
    return receipts;
}

std::string to_json(const std::vector<NoticeReceipt>& receipts) {
    return notice_receipts_value(receipts).dump();
}

std::optional<std::vector<NoticeReceipt>> parse_notice_receipts(std::string_view text,
                                                                std::string& error) {
    return parse_with<std::vector<NoticeReceipt>>(
        text, error, [](const json& value) { return parse_notice_receipts_value(value, ""); });
}

} // namespace kiosk::sync
