// The report subscriptions page's routes (see schedule_routes.h).
#include "schedule_routes.h"

#include "core/log.h"
#include "core/manager_text.h"
#include "dashboard/reports_page.h"
#include "dashboard_data.h"
#include "dashboard_routes_internal.h"
#include "report_scheduler.h"

#include <httplib.h>

#include <charconv>
#include <map>

namespace kiosk::hub {
namespace {

using web::RouteState;
using web::Viewer;

constexpr size_t kMaxFieldBytes = 254;

bool is_province_admin(const UserRecord& user) {
    return user.role == "province_admin";
}

std::string reports_url(Language lang) {
    return std::string("/dashboard/reports?lang=") + language_code(lang);
}

// Whether `viewer` may subscribe to or read reports of `venue` ("" = all venues).
bool may_see_scope(const UserRecord& viewer, const std::string& venue) {
    return venue.empty() ? is_province_admin(viewer) : may_see_venue(viewer, venue);
}

std::optional<int64_t> parse_id(const std::string& text) {
    int64_t id = 0;
    const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (problem != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
    return id;
}

// Every field of a POST or the file's GET of a sane length (else 400).
bool fields_fit(const httplib::Request& request) {
    for (const auto& [name, value] : request.params)
        if (name.size() > 64 || value.size() > kMaxFieldBytes) return false;
    return true;
}

dashboard::ReportsPageData page_data(RouteState& state, const Viewer& viewer, Language lang) {
    ReportScheduleStore& reports = *state.reports;
    dashboard::ReportsPageData data;
    const bool province = is_province_admin(viewer.user);
    data.viewer = {viewer.user.name, province ? dashboard::ViewerRole::ProvinceAdmin
                                              : dashboard::ViewerRole::VenueManager};
    data.language = lang;
    data.csrf_token = viewer.session.csrf;
    data.email = reports.email_of(viewer.user.name);
    data.mail_configured = state.mail_configured;
    data.may_choose_all = province;
    std::map<std::string, std::string> names;
    names[""] = manager_text("all_venues", lang);
    for (const Venue& venue : state.store.venues()) {
        names[venue.id] = Bilingual{venue.name_zh, venue.name_en}.in(lang);
        if (may_see_venue(viewer.user, venue.id))
            data.venues.push_back({venue.id, venue.name_zh, venue.name_en});
    }
    const auto scope = [&](const std::string& venue) {
        const auto found = names.find(venue);
        return found == names.end() ? venue : found->second;
    };
    for (const ReportSchedule& schedule : reports.schedules(viewer.user.name))
        data.schedules.push_back({schedule.id, schedule.cadence == ReportCadence::monthly,
                                  scope(schedule.venue), schedule.language, schedule.last_error});
    const auto time_text = [&](int64_t utc_ms) {
        return utc_ms ? manager_time(utc_ms, state.utc_offset_min, lang) : std::string();
    };
    for (const SavedReport& report : reports.saved_reports()) {
        if (!may_see_scope(viewer.user, report.venue)) continue;
        std::string period = report.period;
        std::replace(period.begin(), period.end(), '/', '~');
        data.saved.push_back({report.id, report.cadence == ReportCadence::monthly, period,
                              scope(report.venue), report.bytes, time_text(report.made_utc_ms),
                              report.recipient, time_text(report.mailed_utc_ms),
                              report.mail_attempts, time_text(report.next_attempt_utc_ms),
                              report.last_error});
    }
    return data;
}

void get_reports(RouteState& state, const httplib::Request& request, httplib::Response& response) {
    const Language lang = web::request_language(request);
    const std::optional<Viewer> viewer = web::signed_in(state, request, response, lang);
    if (!viewer) return;
    dashboard::ReportsPageData data = page_data(state, *viewer, lang);
    std::tie(data.notice, data.notice_is_error) = state.sessions.take_notice(viewer->session.token);
    web::answer_html(response, 200, dashboard::render_reports_page(data));
}

// A signed-in POST with its CSRF token and fields of a sane length; else answered.
std::optional<Viewer> checked_post(RouteState& state, const httplib::Request& request,
                                   httplib::Response& response, Language lang) {
    std::optional<Viewer> viewer =
        web::signed_in_form(state, request, response, lang, request.get_param_value("csrf"));
    if (viewer && !fields_fit(request)) {
        web::answer_message(response, 400, lang, manager_text("reports_bad_field", lang));
        return std::nullopt;
    }
    return viewer;
}

void done(RouteState& state, const Viewer& viewer, httplib::Response& response, Language lang,
          const std::string& notice, bool is_error) {
    state.sessions.set_notice(viewer.session.token, notice, is_error);
    if (!is_error && state.reports_changed) state.reports_changed();
    web::redirect(response, reports_url(lang));
}

void post_email(RouteState& state, const httplib::Request& request, httplib::Response& response) {
    const Language lang = web::request_language(request);
    const std::optional<Viewer> viewer = checked_post(state, request, response, lang);
    if (!viewer) return;
    const std::string email = request.get_param_value("email");
    if (!email.empty() && !is_valid_email_address(email)) {
        web::answer_message(response, 400, lang, manager_text("reports_email_bad", lang));
        return;
    }
    std::string error;
    const bool ok = state.reports->set_email(viewer->user.name, email, error);
    if (!ok) log_warning("report email of " + viewer->user.name + ": " + error);
    const std::string notice = !ok             ? manager_text("reports_store_failed", lang)
                               : email.empty() ? manager_text("reports_email_removed", lang)
                                               : manager_text("reports_email_saved", lang);
    done(state, *viewer, response, lang, notice, !ok);
}

void post_add_schedule(RouteState& state, const httplib::Request& request,
                       httplib::Response& response) {
    const Language lang = web::request_language(request);
    const std::optional<Viewer> viewer = checked_post(state, request, response, lang);
    if (!viewer) return;
    const std::optional<ReportCadence> cadence = parse_cadence(request.get_param_value("cadence"));
    const std::optional<Language> language = parse_language(request.get_param_value("language"));
    const std::string venue = request.get_param_value("venue");
    if (!cadence || !language || (!venue.empty() && !state.store.find_venue(venue))) {
        web::answer_message(response, 400, lang, manager_text("reports_schedule_bad", lang));
        return;
    }
    if (!may_see_scope(viewer->user, venue)) {
        log_warning("report schedule refused: " + viewer->user.name + " asked for " +
                    (venue.empty() ? "every venue" : venue));
        web::answer_message(response, 403, lang, manager_text("reports_schedule_not_yours", lang));
        return;
    }
    std::string error;
    const int64_t id = state.reports->add_schedule(
        {0, viewer->user.name, *cadence, venue, *language, state.clock(), ""}, error);
    if (!id) log_warning("report schedule of " + viewer->user.name + ": " + error);
    done(state, *viewer, response, lang,
         id ? manager_text("reports_schedule_added", lang)
            : manager_text("reports_schedule_exists", lang),
         !id);
}

void post_remove_schedule(RouteState& state, const httplib::Request& request,
                          httplib::Response& response) {
    const Language lang = web::request_language(request);
    const std::optional<Viewer> viewer = checked_post(state, request, response, lang);
    if (!viewer) return;
    const std::optional<int64_t> id = parse_id(request.get_param_value("id"));
    std::string error;
    if (!id) {
        web::answer_message(response, 400, lang, manager_text("reports_bad_field", lang));
        return;
    }
    if (!state.reports->remove_schedule(*id, viewer->user.name, error)) {
        web::answer_message(response, 404, lang, manager_text("reports_schedule_unknown", lang));
        return;
    }
    done(state, *viewer, response, lang, manager_text("reports_schedule_removed", lang), false);
}

void get_file(RouteState& state, const httplib::Request& request, httplib::Response& response) {
    const Language lang = web::request_language(request);
    const std::optional<Viewer> viewer = web::signed_in(state, request, response, lang);
    if (!viewer) return;
    const std::optional<int64_t> id =
        fields_fit(request) ? parse_id(request.get_param_value("id")) : std::nullopt;
    if (!id) {
        web::answer_message(response, 400, lang, manager_text("reports_bad_field", lang));
        return;
    }
    const std::optional<SavedReport> report = state.reports->find_saved_report(*id);
    if (!report) {
        web::answer_message(response, 404, lang, manager_text("reports_file_not_found", lang));
        return;
    }
    if (!may_see_scope(viewer->user, report->venue)) {
        log_warning("saved report " + std::to_string(*id) + " refused to " + viewer->user.name);
        web::answer_message(response, 403, lang, manager_text("reports_file_not_yours", lang));
        return;
    }
    std::string error;
    std::optional<std::string> bytes = read_saved_report(state.data_dir, report->file_name, error);
    if (!bytes) {
        log_warning(error);
        web::answer_message(response, 404, lang, manager_text("reports_file_missing", lang));
        return;
    }
    web::answer_html(response, 200, "");
    response.set_header("Content-Disposition",
                        "attachment; filename=\"" + report->file_name + "\"");
    response.set_content(std::move(*bytes), report->content_type);
}

} // namespace

void add_schedule_routes(httplib::Server& server, std::shared_ptr<RouteState> state) {
    server.Get("/dashboard/reports",
               [state](const httplib::Request& request, httplib::Response& response) {
                   get_reports(*state, request, response);
               });
    server.Get("/dashboard/reports/file",
               [state](const httplib::Request& request, httplib::Response& response) {
                   get_file(*state, request, response);
               });
    server.Post("/dashboard/reports/email",
                [state](const httplib::Request& request, httplib::Response& response) {
                    post_email(*state, request, response);
                });
    server.Post("/dashboard/reports/schedules/add",
                [state](const httplib::Request& request, httplib::Response& response) {
                    post_add_schedule(*state, request, response);
                });
    server.Post("/dashboard/reports/schedules/remove",
                [state](const httplib::Request& request, httplib::Response& response) {
                    post_remove_schedule(*state, request, response);
                });
}

} // namespace kiosk::hub
