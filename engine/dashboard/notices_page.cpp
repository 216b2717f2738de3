// The 应急通知 / Emergency notices page (see notices_page.h).
#include "dashboard/notices_page.h"

#include "core/manager_text.h"
#include "dashboard/notice_words.h"

namespace kiosk::dashboard {
namespace {

const char* const kStatuses[] = {"Actual", "Exercise", "Test"};
const char* const kSeverities[] = {"Extreme", "Severe", "Moderate", "Minor", "Unknown"};
const char* const kUrgencies[] = {"Immediate", "Expected", "Future", "Past", "Unknown"};
const char* const kCertainties[] = {"Observed", "Likely", "Possible", "Unlikely", "Unknown"};
const char* const kCategories[] = {"Safety", "Geo", "Met",       "Security", "Rescue", "Fire",
                                   "Health", "Env", "Transport", "Infra",    "CBRNE",  "Other"};

std::string esc(std::string_view text) {
    return html_escape(text);
}

std::string text_of(std::string_view key, Language lang) {
    return esc(manager_text(key, lang));
}

std::string severity_text(const std::string& severity, Language lang) {
    return esc(notice_severity_word(severity, lang));
}
std::string status_text(const std::string& status, Language lang) {
    return esc(notice_status_word(status, lang));
}
std::string urgency_text(const std::string& urgency, Language lang) {
    return esc(notice_urgency_word(urgency, lang));
}
std::string certainty_text(const std::string& certainty, Language lang) {
    return esc(notice_certainty_word(certainty, lang));
}
std::string category_text(const std::string& category, Language lang) {
    return esc(notice_category_word(category, lang));
}
std::string type_text(const std::string& type, Language lang) {
    return esc(notice_type_word(type, lang));
}

void form_start(std::string& out, const NoticesPageData& data, const char* action) {
    out += std::string("<form method=\"post\" action=\"/dashboard/notices/") + action + "\">";
    hidden_field(out, "csrf", data.csrf_token);
    hidden_field(out, "lang", language_code(data.language));
}

// A select of CAP values; `blank` adds an empty first choice (an Update: unchanged).
void select_field(std::string& out, const char* name, const std::string& label,
                  const char* const* values, size_t count, bool blank, Language lang,
                  std::string (*shown)(const std::string&, Language) = nullptr) {
    out += "<label>" + label + "<select name=\"" + std::string(name) + "\">";
    if (blank) out += "<option value=\"\"></option>";
    for (size_t i = 0; i < count; ++i)
        out += "<option value=\"" + std::string(values[i]) + "\">" +
               (shown ? shown(values[i], lang) : esc(values[i])) + "</option>";
    out += "</select></label>";
}

// A text field in Chinese and English: NAME_zh and NAME_en.
void bilingual_field(std::string& out, const char* name, const std::string& label, Language lang,
                     bool multiline, bool zh_required) {
    out += "<fieldset class=\"pair\"><legend>" + label + "</legend>";
    for (const char* code : {"zh", "en"}) {
        const std::string field = std::string(name) + "_" + code;
        const std::string caption = std::string_view(code) == "zh"
                                        ? text_of("notices_in_chinese", lang)
                                        : text_of("notices_in_english", lang);
        const bool required = zh_required && std::string_view(code) == "zh";
        out += "<label>" + caption +
               (multiline ? "<textarea rows=\"2\" name=\"" + field + "\"" +
                                (required ? " required" : "") + "></textarea>"
                          : "<input type=\"text\" name=\"" + field + "\"" +
                                (required ? " required" : "") + ">") +
               "</label>";
    }
    out += "</fieldset>";
}

// The fields an Alert and an Update share (an Update's may all stay empty).
void notice_fields(std::string& out, const NoticesPageData& data, bool update) {
    const Language lang = data.language;
    out += "<div class=\"notice-grid\">";
    select_field(out, "severity", text_of("notices_severity_label", lang), kSeverities,
                 std::size(kSeverities), update, lang, severity_text);
    select_field(out, "status", text_of("notices_status_label", lang), kStatuses,
                 std::size(kStatuses), update, lang, status_text);
    select_field(out, "urgency", text_of("notices_urgency_label", lang), kUrgencies,
                 std::size(kUrgencies), update, lang, urgency_text);
    select_field(out, "certainty", text_of("notices_certainty_label", lang), kCertainties,
                 std::size(kCertainties), update, lang, certainty_text);
    select_field(out, "category", text_of("notices_category_label", lang), kCategories,
                 std::size(kCategories), update, lang, category_text);
    out += "<label>" +
           esc(manager_text("notices_expires_label", lang,
                            {{"examples", "6h, 2d, 2026-12-31T16:00:00Z"}})) +
           "<input type=\"text\" name=\"expires\" placeholder=\"6h\"" +
           (update ? "" : " required") + "></label>";
    out += "</div>";
    bilingual_field(out, "event", text_of("notices_event_label", lang), lang, false, !update);
    bilingual_field(out, "headline", text_of("notices_headline_label", lang), lang, false, !update);
    bilingual_field(out, "instruction", text_of("notices_instruction_label", lang), lang, true,
                    false);
    bilingual_field(out, "description", text_of("notices_description_label", lang), lang, true,
                    false);
    out += "<label>" + text_of("notices_content_label", lang) +
           "<input type=\"text\" name=\"content\"></label>";
}

void append_form(std::string& out, const NoticesPageData& data) {
    const Language lang = data.language;
    out += "<section class=\"card\" id=\"new-notice\"><h2>" + text_of("notices_new", lang) +
           "</h2><p class=\"note\">" + text_of("notices_intro", lang) + "</p>";
    form_start(out, data, "add");
    out += "<fieldset class=\"venues\"><legend>" +
           (data.may_post_all ? text_of("notices_venues_label", lang) : text_of("venue", lang)) +
           "</legend>";
    for (const DashboardVenue& venue : data.venues) {
        const std::string name = Bilingual{venue.name_zh, venue.name_en}.in(lang);
        out += "<label class=\"check\"><input type=\"checkbox\" name=\"venue\" value=\"" +
               esc(venue.id) + "\"" + (data.may_post_all ? "" : " checked") + "> " + esc(name) +
               "</label>";
    }
    out += "</fieldset>";
    notice_fields(out, data, false);
    out += "<button type=\"submit\" class=\"primary\">" + text_of("notices_issue_button", lang) +
           "</button></form></section>\n";
}

void append_delivery(std::string& out, const NoticeRow& row, Language lang) {
    out += "<strong>" +
           esc(manager_text("notices_shown_on", lang, {{"n", row.shown}, {"m", row.total}})) +
           "</strong>";
    out += "<span class=\"sub\">" +
           esc(manager_text("notices_counts", lang,
                            {{"viewers", row.viewers}, {"opened", row.opened}})) +
           "</span>";
    if (row.not_reached.empty()) return;
    out += "<details><summary>" + text_of("notices_not_reached", lang) + " (" +
           std::to_string(row.not_reached.size()) + ")</summary><ul class=\"not-reached\">";
    for (const NoticeKioskRow& kiosk : row.not_reached)
        out += "<li><span class=\"id\">" + esc(kiosk.id) + "</span> · " + esc(kiosk.venue) + " · " +
               (kiosk.last_seen.empty()
                    ? text_of("notices_never_seen", lang)
                    : esc(manager_text("notices_last_seen", lang, {{"time", kiosk.last_seen}}))) +
               "</li>";
    out += "</ul></details>";
}

void append_history(std::string& out, const NoticesPageData& data) {
    const Language lang = data.language;
    out +=
        "<section class=\"card\" id=\"history\"><h2>" + text_of("notices_history", lang) + "</h2>";
    if (data.notices.empty()) {
        out += "<p class=\"empty\">" + text_of("notices_empty", lang) + "</p></section>\n";
        return;
    }
    out += "<div class=\"scroll\"><table class=\"notices\"><thead><tr><th>" +
           text_of("notices_col_notice", lang) + "</th><th>" + text_of("notices_col_when", lang) +
           "</th><th>" + text_of("notices_col_delivery", lang) + "</th><th>" +
           text_of("notices_col_actions", lang) + "</th></tr></thead><tbody>";
    for (const NoticeRow& row : data.notices) {
        const bool drill = row.status != "Actual";
        const bool takeover = row.severity == "Extreme" || row.severity == "Severe";
        out += std::string("<tr") + (row.retired || row.expired ? " class=\"past\"" : "") + ">";
        out += "<td>";
        if (drill)
            out += "<span class=\"badge drill\">" + status_text(row.status, lang) + "</span>";
        out += std::string("<span class=\"badge ") + (takeover ? "bad" : "warn") + "\">" +
               severity_text(row.severity, lang) + "</span>";
        out += "<span class=\"badge\">" + type_text(row.msg_type, lang) + "</span>";
        if (row.retired)
            out += "<span class=\"badge\">" + text_of("notices_retired", lang) + "</span>";
        else if (row.expired)
            out += "<span class=\"badge\">" + text_of("notices_expired", lang) + "</span>";
        else if (row.msg_type != "Cancel")
            out += "<span class=\"badge ok\">" + text_of("notices_in_force", lang) + "</span>";
        out += "<strong class=\"headline\">" + esc(row.headline.in(lang)) + "</strong>";
        if (!row.event.in(lang).empty())
            out += "<span class=\"sub\">" + esc(row.event.in(lang)) + "</span>";
        if (!row.instruction.in(lang).empty())
            out += "<span class=\"sub\">" + esc(row.instruction.in(lang)) + "</span>";
        out += "<span class=\"sub\">" + esc(row.venues) + "</span>";
        out += "<span class=\"sub id\">" + esc(row.identifier) + "</span></td>";
        out += "<td><span class=\"sub nowrap\">" +
               esc(manager_text("notices_sent", lang, {{"time", row.sent}})) +
               "</span><span class=\"sub nowrap\">" +
               esc(manager_text("notices_until", lang, {{"time", row.expires}})) +
               "</span><span class=\"sub\">" +
               esc(manager_text("notices_by", lang, {{"author", row.author}})) + "</span></td>";
        out += "<td>";
        if (row.msg_type != "Cancel") append_delivery(out, row, lang);
        out += "</td><td>";
        if (row.may_change) {
            form_start(out, data, "cancel");
            hidden_field(out, "id", row.identifier);
            out += "<button type=\"submit\" class=\"danger\">" +
                   text_of("notices_cancel_button", lang) + "</button></form>";
            out += "<details class=\"update\"><summary>" + text_of("notices_update_button", lang) +
                   "</summary><p class=\"note\">" + text_of("notices_update_hint", lang) + "</p>";
            form_start(out, data, "update");
            hidden_field(out, "id", row.identifier);
            notice_fields(out, data, true);
            out += "<button type=\"submit\">" + text_of("notices_update_button", lang) +
                   "</button></form></details>";
        }
        out += "</td></tr>";
    }
    out += "</tbody></table></div></section>\n";
}

} // namespace

std::string render_notices_page(const NoticesPageData& data) {
    const Language lang = data.language;
    std::string out;
    out.reserve(32 * 1024);
    open_side_page(out, data.viewer, lang, data.csrf_token, manager_text("notices_title", lang),
                   "/dashboard/notices", data.notice, data.notice_is_error);
    append_form(out, data);
    append_history(out, data);
    close_side_page(out);
    return out;
}

} // namespace kiosk::dashboard
