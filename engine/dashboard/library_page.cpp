// The 内容库 / Library page (see library_page.h).
#include "dashboard/library_page.h"

#include "core/manager_text.h"

#include <algorithm>

namespace kiosk::dashboard {
namespace {

std::string esc(std::string_view text) {
    return html_escape(text);
}

std::string text_of(std::string_view key, Language lang) {
    return esc(manager_text(key, lang));
}

std::string lang_code(Language lang) {
    return language_code(lang);
}

void append_upload(std::string& out, const LibraryPageData& data) {
    const Language lang = data.language;
    out += "<section class=\"card\" id=\"upload\"><h2>" + text_of("library_upload", lang) +
           "</h2><p class=\"note\">" +
           esc(manager_text("library_upload_hint", lang,
                            {{"mb", data.max_upload_bytes / (1024 * 1024)}})) +
           "</p><form method=\"post\" action=\"/dashboard/library/upload\" "
           "enctype=\"multipart/form-data\" class=\"library-actions\">";
    hidden_field(out, "csrf", data.csrf_token);
    hidden_field(out, "lang", lang_code(lang));
    out += "<input type=\"file\" name=\"package\" accept=\".kpkg\" required> <button "
           "type=\"submit\">" +
           text_of("library_upload_button", lang) + "</button></form></section>\n";
}

void action_button(std::string& out, const LibraryPageData& data, const char* action,
                   const std::string& id, const std::string& label) {
    out += std::string("<form method=\"post\" action=\"/dashboard/library/") + action + "\">";
    hidden_field(out, "csrf", data.csrf_token);
    hidden_field(out, "lang", lang_code(data.language));
    hidden_field(out, "id", id);
    out += "<button type=\"submit\">" + label + "</button></form>";
}

void append_reviews(std::string& out, const LibraryVersionRow& version, Language lang) {
    for (const LibraryReviewRow& review : version.reviews) {
        const std::string verdict = review.verdict == "rejected"
                                        ? manager_text("library_verdict_rejected", lang)
                                        : manager_text("library_verdict_approved", lang);
        out += "<span class=\"sub\">" + esc(manager_text("library_review_row", lang,
                                                         {{"reviewer", review.reviewer},
                                                          {"verdict", verdict},
                                                          {"expires", review.expires}}));
        if (!review.in_pool)
            out += " <span class=\"badge bad\">" + text_of("library_review_not_pool", lang) +
                   "</span>";
        out += "</span>";
    }
}

void append_items(std::string& out, const LibraryPageData& data) {
    const Language lang = data.language;
    out += "<section class=\"card\" id=\"items\"><h2>" + text_of("library_items", lang) +
           "</h2><p class=\"note\">" + text_of("library_intro", lang) + "</p>";
    if (data.items.empty()) {
        out += "<p class=\"empty\">" + text_of("library_empty", lang) + "</p></section>\n";
        return;
    }
    out += "<div class=\"scroll\"><table class=\"library\"><thead><tr><th>" +
           text_of("library_col_title", lang) + "</th><th>" +
           text_of("library_col_versions", lang) + "</th><th>" +
           text_of("library_col_publisher", lang) + "</th><th>" +
           text_of("library_col_status", lang) + "</th><th>" + text_of("library_col_kiosks", lang) +
           "</th></tr></thead><tbody>";
    for (const LibraryItemRow& item : data.items) {
        const bool alert =
            item.approval_days_left >= 0 && item.approval_days_left <= kReviewAlertDays;
        out += std::string("<tr") +
               (alert || item.approval_days_left < 0 ? " class=\"alert\"" : "") + "><td><strong>" +
               esc(item.title_zh) + "</strong>";
        if (!item.title_en.empty()) out += "<span class=\"sub\">" + esc(item.title_en) + "</span>";
        out += "<span class=\"sub id\">" + esc(item.id) + "</span>";
        if (alert)
            out += "<span class=\"badge bad\">" +
                   esc(manager_text("library_review_expiring", lang,
                                    {{"n", int64_t(item.approval_days_left)}})) +
                   "</span>";
        else if (item.approval_days_left < 0)
            out += "<span class=\"badge bad\">" + text_of("library_no_approval", lang) + "</span>";
        out += "</td><td>";
        for (const LibraryVersionRow& version : item.versions) {
            out += "<div><span class=\"nowrap\">" + esc(version.version) + "</span>";
            append_reviews(out, version, lang);
            out += "</div>";
        }
        out += "</td><td>" + esc(item.publisher) + "</td><td>";
        out += "<span class=\"sub\">" +
               (item.owner_venue.empty() ? text_of("library_status_province", lang)
                                         : esc(manager_text("library_status_venue_own", lang,
                                                            {{"venue", item.owner_venue}}))) +
               "</span>";
        if (item.published)
            out +=
                "<span class=\"badge ok\">" + text_of("library_status_published", lang) + "</span>";
        if (item.shared)
            out += "<span class=\"badge ok\">" + text_of("library_status_shared", lang) + "</span>";
        if (item.may_publish || item.may_share) {
            out += "<div class=\"library-actions\">";
            if (item.may_publish)
                action_button(out, data, "publish", item.id,
                              text_of("library_publish_button", lang));
            if (item.may_share)
                action_button(out, data, "share", item.id, text_of("library_share_button", lang));
            out += "</div>";
        }
        out += "</td><td>";
        if (item.shown_on.empty())
            out += "<span class=\"sub\">" + text_of("library_not_shown", lang) + "</span>";
        for (const std::string& kiosk : item.shown_on)
            out += "<span class=\"sub id\">" + esc(kiosk) + "</span>";
        out += "</td></tr>";
    }
    out += "</tbody></table></div></section>\n";
}

void append_assignments(std::string& out, const LibraryPageData& data) {
    const Language lang = data.language;
    out += "<section class=\"card\" id=\"assign\"><h2>" + text_of("library_assign", lang) +
           "</h2><p class=\"note\">" + text_of("library_assign_hint", lang) + "</p>";
    if (data.kiosks.empty()) out += "<p class=\"empty\">" + text_of("no_kiosks", lang) + "</p>";
    for (const LibraryKioskRow& kiosk : data.kiosks) {
        out += "<div class=\"kiosk-order\"><h3>" + esc(kiosk.id) + " <span class=\"sub\">" +
               esc(kiosk.venue) + "</span></h3>";
        if (kiosk.assignable.empty()) {
            out +=
                "<p class=\"note\">" + text_of("library_nothing_assignable", lang) + "</p></div>";
            continue;
        }
        out += "<form method=\"post\" action=\"/dashboard/library/assign\">";
        hidden_field(out, "csrf", data.csrf_token);
        hidden_field(out, "lang", lang_code(lang));
        hidden_field(out, "kiosk", kiosk.id);
        out += "<div class=\"order-grid\">";
        for (const std::string& id : kiosk.assignable) {
            const auto at = std::find(kiosk.assigned.begin(), kiosk.assigned.end(), id);
            const std::string position =
                at == kiosk.assigned.end() ? "" : std::to_string(at - kiosk.assigned.begin() + 1);
            const auto item = std::find_if(data.items.begin(), data.items.end(),
                                           [&](const LibraryItemRow& row) { return row.id == id; });
            const std::string title =
                item == data.items.end() ? id : Bilingual{item->title_zh, item->title_en}.in(lang);
            out += "<label><input type=\"number\" min=\"1\" max=\"200\" name=\"order." + esc(id) +
                   "\" value=\"" + position + "\"><span>" + esc(title) + "<small>" + esc(id) +
                   "</small></span></label>"; // two items may share a title, never an id
        }
        out += "</div><button type=\"submit\">" + text_of("library_assign_button", lang) +
               "</button></form></div>";
    }
    out += "</section>\n";
}

} // namespace

std::string render_library_page(const LibraryPageData& data) {
    const Language lang = data.language;
    std::string out;
    out.reserve(32 * 1024);
    open_side_page(out, data.viewer, lang, data.csrf_token, manager_text("library_title", lang),
                   "/dashboard/library", data.notice, data.notice_is_error);
    append_items(out, data);
    append_assignments(out, data);
    append_upload(out, data);
    close_side_page(out);
    return out;
}

} // namespace kiosk::dashboard
