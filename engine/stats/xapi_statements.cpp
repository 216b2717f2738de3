// Events to xAPI statements (see xapi_statements.h): the query over kiosk.db's
// events and subjects, the statement JSON, and the version 5 UUIDs (SHA-1 from
// OpenSSL's libcrypto, which the sync transport already links).
#include "xapi_statements.h"

#include "core/civil_time.h"
#include "core/manager_text.h"
#include "core/sqlite_statement.h"
#include "telemetry/schema.h"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <cctype>
#include <cstdio>

namespace kiosk::stats {
namespace {

using nlohmann::json;

constexpr const char* kVerbExperienced = "http://adlnet.gov/expapi/verbs/experienced";
constexpr const char* kVerbAnswered = "http://adlnet.gov/expapi/verbs/answered";
constexpr const char* kQuestionType = "http://adlnet.gov/expapi/activities/question";
constexpr const char* kAssessmentType = "http://adlnet.gov/expapi/activities/assessment";

// Statement-making events of visitor sessions, each with the titles its
// object (and a quiz answer's pack) has in the subjects table.
constexpr const char* kEventsSql = R"sql(
SELECT e.seq, e.utc_ms, e.utc_offset_min, e.session, e.kind, e.subject, e.content_version,
       e.fields, e.clock_flags, t.title_zh, t.title_en, q.title_zh, q.title_en
FROM events e
LEFT JOIN subjects t
  ON t.subject_kind = CASE e.kind WHEN 'quiz_answer' THEN 'question' ELSE 'exhibit' END
 AND t.subject = CASE e.kind WHEN 'quiz_answer'
                   THEN e.subject || '/' || json_extract(CASE WHEN json_valid(e.fields)
                                                         THEN e.fields END, '$.question')
                   ELSE e.subject END
LEFT JOIN subjects q ON e.kind = 'quiz_answer' AND q.subject_kind = 'quiz' AND q.subject = e.subject
WHERE e.seq > ?1 AND e.kind IN ('exhibit_enter', 'quiz_answer')
  AND e.session IS NOT NULL AND e.session <> '' AND e.subject <> ''
  AND (?2 IS NULL OR e.day BETWEEN ?2 AND ?3)
ORDER BY e.seq LIMIT ?4
)sql";

// Every byte outside RFC 3986's unreserved characters percent-encoded, so an
// id always makes a valid IRI path segment.
std::string iri_segment(std::string_view text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += char(c);
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", c);
            out += escaped;
        }
    }
    return out;
}

std::string iri(std::string_view kind, std::string_view path) {
    return std::string(kXapiIriBase) + std::string(kind) + "/" + std::string(path);
}

// A language map of the two titles; a missing one is the other, both missing the id.
json language_map(const std::string& zh, const std::string& en, const std::string& id) {
    const std::string& chinese = !zh.empty() ? zh : !en.empty() ? en : id;
    const std::string& english = !en.empty() ? en : !zh.empty() ? zh : id;
    return json{{"zh-CN", chinese}, {"en-US", english}};
}

json verb(const char* id, const std::string& zh, const std::string& en) {
    return json{{"id", id}, {"display", {{"en-US", en}, {"zh-CN", zh}}}};
}

// ISO 8601 duration of `ms` to the hundredth of a second (xAPI compares no finer).
std::string duration_of(int64_t ms) {
    if (ms < 0) ms = 0;
    char text[48];
    std::snprintf(text, sizeof text, "PT%lld.%02lldS", static_cast<long long>(ms / 1000),
                  static_cast<long long>(ms % 1000 / 10));
    return text;
}

bool is_string_array(const json& value) {
    if (!value.is_array()) return false;
    for (const json& item : value)
        if (!item.is_string()) return false;
    return true;
}

} // namespace

std::string uuid_v5(const std::array<uint8_t, 16>& name_space, std::string_view name) {
    std::string input(reinterpret_cast<const char*>(name_space.data()), name_space.size());
    input += name;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(input.data(), input.size(), digest, &length, EVP_sha1(), nullptr);
    digest[6] = uint8_t((digest[6] & 0x0f) | 0x50); // version 5
    digest[8] = uint8_t((digest[8] & 0x3f) | 0x80); // the RFC 4122 variant
    std::string out;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        char hex[3];
        std::snprintf(hex, sizeof hex, "%02x", digest[i]);
        out += hex;
    }
    return out;
}

bool read_xapi_statements(const telemetry::ReadOnlyKioskDb& db, const XapiSource& source,
                          int64_t after_seq, const DayRange* range, size_t limit, XapiPage& page,
                          std::string& error) {
    page = XapiPage{};
    const std::string epoch = telemetry::read_meta(db.handle(), "epoch");
    if (epoch.empty()) {
        error = db.path() + ": the database has no epoch (meta.epoch); it is not a kiosk's";
        return false;
    }
    SqliteStatement select(db.handle(), kEventsSql);
    select.bind(1, after_seq);
    if (range) select.bind(2, range->from).bind(3, range->to);
    select.bind(4, int64_t(limit));
    size_t rows = 0;
    while (select.next()) {
        ++rows;
        const int64_t seq = select.integer(0);
        page.last_seq = seq;
        const std::string kind = select.text(4), subject = select.text(5);
        json statement;
        statement["id"] =
            uuid_v5(kXapiNamespace, source.kiosk_id + "\n" + epoch + "\n" + std::to_string(seq));
        statement["actor"] = {
            {"objectType", "Agent"},
            {"account", {{"homePage", source.home_page}, {"name", select.text(3)}}}};
        json context = {{"platform", "kiosk"},
                        {"extensions",
                         {{iri("extensions", "kiosk"), source.kiosk_id},
                          {iri("extensions", "venue"), source.venue_id},
                          {iri("extensions", "content-version"), select.text(6)}}}};
        if (const int64_t flags = select.integer(8))
            context["extensions"][iri("extensions", "clock-flags")] = flags;
        if (kind == "exhibit_enter") {
            statement["verb"] =
                verb(kVerbExperienced, manager_text("xapi_verb_experienced", Language::Zh),
                     manager_text("xapi_verb_experienced", Language::En));
            statement["object"] = {
                {"objectType", "Activity"},
                {"id", iri("exhibits", iri_segment(subject))},
                {"definition", {{"name", language_map(select.text(9), select.text(10), subject)}}}};
        } else {
            const json fields = json::parse(select.text(7), nullptr, false);
            const bool readable = fields.is_object() && fields.contains("question") &&
                                  fields["question"].is_string() &&
                                  !fields["question"].get<std::string>().empty() &&
                                  fields.contains("correct") && fields["correct"].is_boolean() &&
                                  fields.contains("chosen") && is_string_array(fields["chosen"]);
            if (!readable) {
                ++page.events_left_out;
                continue;
            }
            const std::string question = fields["question"].get<std::string>();
            std::string response;
            for (const json& chosen : fields["chosen"])
                response += (response.empty() ? "" : "[,]") + chosen.get<std::string>();
            statement["verb"] =
                verb(kVerbAnswered, manager_text("xapi_verb_answered", Language::Zh),
                     manager_text("xapi_verb_answered", Language::En));
            statement["object"] = {
                {"objectType", "Activity"},
                {"id", iri("questions", iri_segment(subject) + "/" + iri_segment(question))},
                {"definition",
                 {{"type", kQuestionType},
                  {"name", language_map(select.text(9), select.text(10), question)}}}};
            json result = {{"success", fields["correct"].get<bool>()}, {"response", response}};
            if (fields.contains("answer_ms") && fields["answer_ms"].is_number_integer())
                result["duration"] = duration_of(fields["answer_ms"].get<int64_t>());
            statement["result"] = result;
            context["contextActivities"] = {
                {"parent",
                 json::array(
                     {{{"objectType", "Activity"},
                       {"id", iri("quizzes", iri_segment(subject))},
                       {"definition",
                        {{"type", kAssessmentType},
                         {"name", language_map(select.text(11), select.text(12), subject)}}}}})}};
        }
        statement["context"] = context;
        statement["timestamp"] = iso_local_ms(select.integer(1), int32_t(select.integer(2)));
        // Text from kiosk.db that is not UTF-8 becomes U+FFFD rather than an exception.
        page.statements.push_back({seq, statement["id"].get<std::string>(),
                                   statement.dump(-1, ' ', false, json::error_handler_t::replace)});
    }
    if (!select.ok()) {
        error = db.path() + ": cannot read the events: " + select.error();
        return false;
    }
    page.more = rows == limit;
    return true;
}

} // namespace kiosk::stats
