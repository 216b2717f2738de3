// The 报告订阅与已存报告 page (see reports_page.h).
#include "dashboard/reports_page.h"

#include "core/manager_text.h"

namespace kiosk::dashboard {
namespace {

std::string esc(std::string_view text) {
    return html_escape(text);
}

std::string text_of(std::string_view key, Language lang) {
    return esc(manager_text(key, lang));
}

void form_start(std::string& out, const ReportsPageData& data, const char* action) {
    out += std::string("<form method=\"post\" action=\"/dashboard/reports/") + action + "\">";
    hidden_field(out, "csrf", data.csrf_token);
    hidden_field(out, "lang", language_code(data.language));
}

std::string kind_text(bool monthly, Language lang) {
    return monthly ? text_of("reports_kind_monthly", lang) : text_of("reports_kind_weekly", lang);
}

std::string language_text(Language language, Language lang) {
    return language == Language::En ? text_of("reports_language_en", lang)
                                    : text_of("reports_language_zh", lang);
}

void append_email(std::string& out, const ReportsPageData& data) {
    const Language lang = data.language;
    out += "<section class=\"card\" id=\"email\"><h2>" + text_of("reports_email_heading", lang) +
           "</h2><p class=\"note\">" + text_of("reports_email_note", lang) + "</p>";
    if (!data.mail_configured)
        out += "<p class=\"note warn\">" + text_of("reports_no_mail_config", lang) + "</p>";
    form_start(out, data, "email");
    out += "<label>" + text_of("reports_email_label", lang) +
           "<input type=\"email\" name=\"email\" maxlength=\"254\" value=\"" + esc(data.email) +
           "\" placeholder=\"name@example.org\"></label>";
    out += "<button type=\"submit\">" + text_of("reports_email_save", lang) +
           "</button></form></section>\n";
}

void append_schedules(std::string& out, const ReportsPageData& data) {
    const Language lang = data.language;
    out += "<section class=\"card\" id=\"schedules\"><h2>" +
           text_of("reports_schedules_heading", lang) + "</h2>";
    if (data.schedules.empty())
        out += "<p class=\"empty\">" + text_of("reports_schedules_empty", lang) + "</p>";
    else
        out += "<ul class=\"schedules\">";
    for (const ScheduleRow& row : data.schedules) {
        out += "<li><strong>" + kind_text(row.monthly, lang) + "</strong> · " + esc(row.scope) +
               " · " + language_text(row.language, lang);
        if (!row.last_error.empty())
            out += "<span class=\"sub bad\">" +
                   esc(manager_text("reports_last_error", lang, {{"error", row.last_error}})) +
                   "</span>";
        form_start(out, data, "schedules/remove");
        hidden_field(out, "id", std::to_string(row.id));
        out += "<button type=\"submit\" class=\"danger\">" +
               text_of("reports_remove_button", lang) + "</button></form></li>";
    }
    if (!data.schedules.empty()) out += "</ul>";

    form_start(out, data, "schedules/add");
    out += "<label>" + text_of("reports_cadence_label", lang) + "<select name=\"cadence\">" +
           "<option value=\"monthly\">" + text_of("reports_cadence_monthly", lang) +
           "</option><option value=\"weekly\">" + text_of("reports_cadence_weekly", lang) +
           "</option></select></label>";
    out += "<label>" + text_of("reports_scope_label", lang) + "<select name=\"venue\">";
    if (data.may_choose_all)
        out += "<option value=\"\">" + text_of("all_venues", lang) + "</option>";
    for (const DashboardVenue& venue : data.venues)
        out += "<option value=\"" + esc(venue.id) + "\">" +
               esc(Bilingual{venue.name_zh, venue.name_en}.in(lang)) + "</option>";
    out += "</select></label>";
    out += "<label>" + text_of("reports_language_label", lang) + "<select name=\"language\">";
    for (Language option : {Language::Zh, Language::En})
        out += std::string("<option value=\"") + language_code(option) + "\"" +
               (option == lang ? " selected" : "") + ">" + language_text(option, lang) +
               "</option>";
    out += "</select></label><button type=\"submit\" class=\"primary\">" +
           text_of("reports_add_button", lang) + "</button></form></section>\n";
}

std::string mail_cell(const SavedReportRow& row, Language lang) {
    if (row.recipient.empty()) return text_of("reports_no_address", lang);
    if (!row.mailed.empty())
        return esc(
            manager_text("reports_mailed", lang, {{"to", row.recipient}, {"time", row.mailed}}));
    if (row.mail_attempts == 0)
        return esc(manager_text("reports_mail_waiting", lang, {{"to", row.recipient}}));
    return "<span class=\"bad\">" +
           esc(manager_text("reports_mail_failed", lang,
                            {{"n", std::to_string(row.mail_attempts)},
                             {"time", row.next_attempt},
                             {"error", row.last_error}})) +
           "</span>";
}

void append_saved(std::string& out, const ReportsPageData& data) {
    const Language lang = data.language;
    out += "<section class=\"card\" id=\"saved\"><h2>" + text_of("reports_saved_heading", lang) +
           "</h2>";
    if (data.saved.empty()) {
        out += "<p class=\"empty\">" + text_of("reports_saved_empty", lang) + "</p></section>\n";
        return;
    }
    out += "<div class=\"scroll\"><table class=\"saved-reports\" "
           "style=\"min-width:760px\"><thead><tr>";
    for (const std::string& header :
         {text_of("reports_col_period", lang), text_of("reports_col_scope", lang),
          text_of("reports_col_kind", lang), text_of("reports_col_size", lang),
          text_of("reports_col_made", lang), text_of("reports_col_mail", lang),
          text_of("reports_col_file", lang)})
        out += "<th>" + header + "</th>";
    out += "</tr></thead><tbody>";
    for (const SavedReportRow& row : data.saved) {
        out += "<tr><td class=\"nowrap\">" + esc(row.period) + "</td><td>" + esc(row.scope) +
               "</td><td>" + kind_text(row.monthly, lang) + "</td><td class=\"nowrap\">" +
               esc(manager_text("reports_size_kb", lang, {{"n", (row.bytes + 1023) / 1024}})) +
               "</td><td class=\"nowrap\">" + esc(row.made) + "</td><td>" + mail_cell(row, lang) +
               "</td><td><a href=\"/dashboard/reports/file?id=" + std::to_string(row.id) +
               "&amp;lang=" + language_code(lang) + "\">" + text_of("reports_download", lang) +
               "</a></td></tr>";
    }
    out += "</tbody></table></div></section>\n";
}

} // namespace

std::string render_reports_page(const ReportsPageData& data) {
    const Language lang = data.language;
    std::string out;
    out.reserve(16 * 1024);
    open_side_page(out, data.viewer, lang, data.csrf_token, manager_text("reports_title", lang),
                   "/dashboard/reports", data.notice, data.notice_is_error);
    append_email(out, data);
    append_schedules(out, data);
    append_saved(out, data);
    close_side_page(out);
    return out;
}

} // namespace kiosk::dashboard
