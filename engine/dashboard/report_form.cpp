// The monthly report form's HTML (see report_form.h).
#include "report_form.h"

#include "core/manager_text.h"
#include "svg_chart.h"

namespace kiosk::dashboard {

std::string render_monthly_report_form(const MonthlyReportForm& form) {
    const Language lang = form.language;
    std::string out = "<form class=\"monthly-report\" method=\"get\" action=\"/reports/monthly\">";
    out += "<h3>" + manager_text("monthly_form_title", lang) + "</h3>";
    out +=
        "<input type=\"hidden\" name=\"lang\" value=\"" + std::string(language_code(lang)) + "\">";
    out += "<label>" + manager_text("venue", lang) + " <select name=\"venue\">";
    auto option = [&](const std::string& id, const std::string& name) {
        out += "<option value=\"" + html_escape(id) + "\"" + (id == form.venue ? " selected" : "") +
               ">" + html_escape(name) + "</option>";
    };
    if (form.province) option("", manager_text("all_venues", lang));
    for (const DashboardVenue& venue : form.venues)
        option(venue.id,
               lang == Language::En && !venue.name_en.empty() ? venue.name_en : venue.name_zh);
    out += "</select></label> ";
    if (!form.regions.empty()) {
        out += "<label>" + manager_text("region", lang) + " <select name=\"region\">";
        auto region_option = [&](const std::string& code, const std::string& name) {
            out += "<option value=\"" + html_escape(code) + "\"" +
                   (code == form.region ? " selected" : "") + ">" + html_escape(name) + "</option>";
        };
        region_option("", manager_text("all_regions", lang));
        for (const std::string& region : form.regions)
            region_option(region, (region.size() > 2 ? "\u3000" : "") + region);
        out += "</select></label> ";
    }
    out += "<label>" + manager_text("monthly_form_month", lang) +
           " <input type=\"month\" name=\"month\" required pattern=\"[0-9]{4}-[0-9]{2}\" value=\"" +
           html_escape(form.month) + "\"></label> <label>" +
           manager_text("monthly_form_kiosk", lang) +
           " <input type=\"text\" name=\"kiosk\" maxlength=\"64\" value=\"" +
           html_escape(form.kiosk) + "\"></label> <button type=\"submit\">" +
           manager_text("monthly_form_download", lang) + "</button></form>";
    return out;
}

} // namespace kiosk::dashboard
