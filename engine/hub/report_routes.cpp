// GET /reports/monthly (see report_routes.h).
#include "report_routes.h"

#include "core/civil_time.h"
#include "core/day_ranges.h"
#include "core/log.h"
#include "core/manager_text.h"
#include "dashboard/report_form.h"
#include "dashboard_data.h"
#include "dashboard_routes_internal.h"
#include "monthly_report_data.h"
#include "report/monthly_report.h"

#include <httplib.h>

namespace kiosk::hub {
namespace {

using web::RouteState;
using web::Viewer;

// A refusal with the report form filled with what was asked.
void refuse_with_form(RouteState& state, const Viewer& viewer, httplib::Response& response,
                      int status, const MonthlyRequest& asked, const std::string& message) {
    dashboard::MonthlyReportForm form;
    form.language = asked.language;
    form.province = viewer.user.role == "province_admin";
    for (const Venue& venue : state.store.venues())
        if (may_see_venue(viewer.user, venue.id))
            form.venues.push_back({venue.id, venue.name_zh, venue.name_en});
    form.venue = asked.venue;
    form.region = asked.region;
    if (form.province) form.regions = region_choices(venue_divisions_of(state.notices));
    form.month = asked.month;
    form.kiosk = asked.kiosk;
    web::answer_message(response, status, asked.language, message,
                        dashboard::render_monthly_report_form(form));
}

void get_monthly_report(RouteState& state, const httplib::Request& request,
                        httplib::Response& response) {
    const Language lang = web::request_language(request);
    const std::optional<Viewer> viewer = web::signed_in(state, request, response, lang);
    if (!viewer) return;
    if (!read_dashboard_query(request.params)) {
        web::answer_message(response, 400, lang, manager_text("query_too_long", lang));
        return;
    }
    const int64_t now = state.clock();
    MonthlyRequest asked;
    asked.venue = request.get_param_value("venue");
    asked.region = request.get_param_value("region");
    asked.kiosk = request.get_param_value("kiosk");
    asked.month = request.get_param_value("month");
    asked.language = lang;
    asked.utc_offset_min = state.utc_offset_min;
    asked.now_utc_ms = now;
    asked.silent_alert_days = state.silent_alert_days;
    if (asked.venue.empty() && viewer->user.role != "province_admin")
        asked.venue = viewer->user.venue;
    if (asked.month.empty()) { // last month in the venues' zone
        const std::string today = local_day(now, state.utc_offset_min);
        asked.month = month_before(today).value_or(*month_of_day(today));
    }
    if (!asked.venue.empty() && !may_see_venue(viewer->user, asked.venue)) {
        refuse_with_form(state, *viewer, response, 403, asked,
                         manager_text("filter_not_your_venue", lang));
        return;
    }
    if (!asked.region.empty()) { // a region: province administrators only
        if (viewer->user.role != "province_admin") {
            refuse_with_form(state, *viewer, response, 403, asked,
                             manager_text("filter_not_your_region", lang));
            return;
        }
        asked.venues = venues_in_region(venue_divisions_of(state.notices), asked.region);
    }
    if (const std::string problem = check_monthly_request(state.store, asked); !problem.empty()) {
        refuse_with_form(state, *viewer, response, 400, asked, problem);
        return;
    }

    std::string error;
    const std::optional<report::MonthlyReport> report =
        collect_monthly_report(state.store, state.library, state.notices, asked, error);
    if (!report) {
        log_warning("monthly report refused: " + error);
        web::answer_message(response, 500, lang, manager_text("monthly_route_unreadable", lang));
        return;
    }
    const std::optional<std::string> pdf = report::render_monthly_pdf(*report, error);
    if (!pdf) {
        log_warning("monthly report not drawn: " + error);
        web::answer_message(response, 500, lang, manager_text("monthly_route_render_failed", lang));
        return;
    }
    const std::string scope_word = !asked.region.empty() ? "region-" + asked.region
                                   : asked.venue.empty() ? std::string("province")
                                                         : asked.venue;
    const std::string name = "monthly-" + scope_word +
                             (asked.kiosk.empty() ? "" : "-" + asked.kiosk) + "-" + asked.month +
                             ".pdf";
    response.status = 200;
    response.set_header("Cache-Control", "no-store");
    response.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    response.set_content(*pdf, "application/pdf");
}

} // namespace

void add_report_routes(httplib::Server& server, std::shared_ptr<RouteState> state) {
    server.Get("/reports/monthly",
               [state](const httplib::Request& request, httplib::Response& response) {
                   get_monthly_report(*state, request, response);
               });
}

} // namespace kiosk::hub
