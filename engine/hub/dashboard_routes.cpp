// The dashboard's HTTP routes (see dashboard_routes.h).
//
// Cookies: kiosk_session (the session token) and kiosk_login_csrf (the sign-in
// form's CSRF token, before there is a session); both HttpOnly, SameSite=Strict,
// Path=/. Every POST must carry the matching csrf field, or gets 403.
#include "dashboard_routes.h"

#include "bundle_import.h"
#include "core/log.h"
#include "core/manager_text.h"
#include "credentials.h"
#include "dashboard/svg_chart.h"
#include "dashboard_data.h"
#include "dashboard_routes_internal.h"
#include "library_routes.h"
#include "notice_routes.h"
#include "report_routes.h"
#include "schedule_routes.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace kiosk::hub {
namespace web {

constexpr const char* kSessionCookie = "kiosk_session";
constexpr const char* kLoginCsrfCookie = "kiosk_login_csrf";
constexpr size_t kMaxQueryValue = 64;

Language request_language(const httplib::Request& request) {
    return parse_language(request.get_param_value("lang")).value_or(Language::Zh);
}

std::string cookie_value(const httplib::Request& request, const std::string& name) {
    const std::string header = request.get_header_value("Cookie");
    size_t at = 0;
    while (at < header.size()) {
        size_t end = header.find(';', at);
        if (end == std::string::npos) end = header.size();
        std::string pair = header.substr(at, end - at);
        const size_t first = pair.find_first_not_of(' ');
        pair = first == std::string::npos ? "" : pair.substr(first);
        const size_t equals = pair.find('=');
        if (equals != std::string::npos && pair.substr(0, equals) == name)
            return pair.substr(equals + 1);
        at = end + 1;
    }
    return "";
}

std::string cookie(const std::string& name, const std::string& value, bool clear = false) {
    return name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" +
           (clear ? "; Max-Age=0" : "");
}

void page_headers(httplib::Response& response) {
    response.set_header("Cache-Control", "no-store");
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_header("X-Frame-Options", "DENY");
    response.set_header("Referrer-Policy", "same-origin");
    response.set_header("Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
}

void answer_html(httplib::Response& response, int status, const std::string& html) {
    response.status = status;
    page_headers(response);
    response.set_content(html, "text/html; charset=utf-8");
}

void redirect(httplib::Response& response, const std::string& url) {
    page_headers(response);
    response.set_redirect(url, 303);
}

// A short page for refusals (400, 403): the message and a way back.
void answer_message(httplib::Response& response, int status, Language lang,
                    const std::string& message, const std::string& extra_html) {
    const std::string title = manager_text("cannot_show", lang);
    answer_html(response, status,
                std::string("<!DOCTYPE html>\n<html lang=\"") +
                    (lang == Language::En ? "en" : "zh-CN") +
                    "\">\n<head><meta charset=\"utf-8\"><title>" + title +
                    "</title></head>\n<body style=\"font-family:sans-serif;margin:40px\"><h1>" +
                    title + "</h1><p class=\"message\">" + dashboard::html_escape(message) +
                    "</p>" + extra_html + "<p><a href=\"/dashboard?lang=" + language_code(lang) +
                    "\">" + manager_text("back_to_dashboard", lang) + "</a></p></body>\n</html>\n");
}

void answer_login(httplib::Response& response, int status, Language lang,
                  const std::string& error_message) {
    const std::string csrf = random_web_token();
    response.set_header("Set-Cookie", cookie(kLoginCsrfCookie, csrf));
    answer_html(response, status, dashboard::render_login_page(lang, error_message, csrf));
}

std::optional<Viewer> signed_in(RouteState& state, const httplib::Request& request,
                                httplib::Response& response, Language lang) {
    const std::string token = cookie_value(request, kSessionCookie);
    std::optional<WebSession> session;
    if (!token.empty()) session = state.sessions.use(token);
    std::optional<UserRecord> user;
    if (session) user = state.store.find_user(session->user);
    if (!session || !user) {
        if (session) state.sessions.end(session->token);
        redirect(response, std::string("/login?lang=") + language_code(lang));
        return std::nullopt;
    }
    return Viewer{*session, *user};
}

std::optional<Viewer> signed_in_form(RouteState& state, const httplib::Request& request,
                                     httplib::Response& response, Language lang,
                                     const std::string& csrf) {
    std::optional<Viewer> viewer = signed_in(state, request, response, lang);
    if (viewer && csrf != viewer->session.csrf) {
        answer_message(response, 403, lang, manager_text("form_expired", lang));
        return std::nullopt;
    }
    return viewer;
}

// A refused dashboard or export query (400, 403, 500): the dashboard's header
// and filter form, filled with what was asked so it can be corrected, under
// `message`.
void answer_refused_query(RouteState& state, const Viewer& viewer, const DashboardQuery& query,
                          httplib::Response& response, int status, Language lang,
                          const std::string& message) {
    dashboard::DashboardData data =
        dashboard_frame(state.store, viewer.user,
                        {query.venue, query.from, query.to, lang, query.kiosk, query.region},
                        state.clock(), venue_divisions_of(state.notices));
    data.utc_offset_min = state.utc_offset_min;
    data.csrf_token = viewer.session.csrf;
    answer_html(response, status, dashboard::render_dashboard_refusal(data, message));
}

// Checks the query of a signed-in request; the filter, or nullopt after answering.
// `divisions`: every venue's division code, for a region (regions.h).
std::optional<dashboard::DashboardFilter> checked_filter(RouteState& state, const Viewer& viewer,
                                                         const DashboardQuery& query,
                                                         httplib::Response& response, Language lang,
                                                         const VenueDivisions& divisions) {
    const FilterCheck check = check_dashboard_query(
        state.store, viewer.user, query, local_day(state.clock(), state.utc_offset_min), divisions);
    if (check.status != 200) {
        answer_refused_query(state, viewer, query, response, check.status, lang, check.message);
        return std::nullopt;
    }
    return check.filter;
}

void get_login(RouteState& state, const httplib::Request& request, httplib::Response& response) {
    const Language lang = request_language(request);
    const std::string token = cookie_value(request, kSessionCookie);
    if (!token.empty() && state.sessions.use(token)) {
        redirect(response, std::string("/dashboard?lang=") + language_code(lang));
        return;
    }
    answer_login(response, 200, lang, "");
}

void post_login(RouteState& state, const httplib::Request& request, httplib::Response& response) {
    const Language lang = request_language(request);
    const std::string expected_csrf = cookie_value(request, kLoginCsrfCookie);
    if (expected_csrf.empty() || request.get_param_value("csrf") != expected_csrf) {
        answer_login(response, 403, lang, manager_text("login_form_expired", lang));
        return;
    }
    const std::string name = request.get_param_value("username");
    const std::string password = request.get_param_value("password");
    if (name.size() > kMaxQueryValue || password.size() > 1024) {
        answer_login(response, 400, lang, manager_text("login_too_long", lang));
        return;
    }
    // Counted as a failure before the slow password check: parallel guesses
    // cannot all pass the check before any of them is recorded.
    std::string store_error;
    const std::optional<LoginAttempt> attempt =
        state.limiter.begin_attempt(name, request.remote_addr, &store_error);
    if (!attempt) {
        if (!store_error.empty())
            answer_login(response, 503, lang, manager_text("login_unavailable", lang));
        else
            answer_login(response, 429, lang, manager_text("login_too_many_failures", lang));
        return;
    }
    const std::optional<UserRecord> user = state.store.find_user(name);
    std::call_once(state.dummy_hash_once,
                   [&] { state.dummy_hash = hash_password(random_web_token()); });
    const bool ok = verify_password(user ? user->password_hash : state.dummy_hash, password) &&
                    user.has_value();
    if (!ok) {
        answer_login(response, 401, lang, manager_text("login_wrong", lang));
        return;
    }
    state.limiter.succeeded(*attempt);
    const std::optional<WebSession> session = state.sessions.start(user->name);
    if (!session) {
        answer_login(response, 503, lang, manager_text("login_unavailable", lang));
        return;
    }
    response.set_header("Set-Cookie", cookie(kSessionCookie, session->token));
    response.set_header("Set-Cookie", cookie(kLoginCsrfCookie, "", true));
    redirect(response, std::string("/dashboard?lang=") + language_code(lang));
}

void post_logout(RouteState& state, const httplib::Request& request, httplib::Response& response) {
    const Language lang = request_language(request);
    const std::optional<Viewer> viewer =
        signed_in_form(state, request, response, lang, request.get_param_value("csrf"));
    if (!viewer) return;
    state.sessions.end(viewer->session.token);
    response.set_header("Set-Cookie", cookie(kSessionCookie, "", true));
    redirect(response, std::string("/login?lang=") + language_code(lang));
}

// The GET routes that read a dashboard query: the viewer, once the request is
// signed in and its query parameters are of a sane length (else answered).
std::optional<Viewer> signed_in_with_query(RouteState& state, const httplib::Request& request,
                                           httplib::Response& response, Language lang) {
    std::optional<Viewer> viewer = signed_in(state, request, response, lang);
    if (viewer && !read_dashboard_query(request.params)) {
        answer_refused_query(state, *viewer, {}, response, 400, lang,
                             manager_text("query_too_long", lang));
        return std::nullopt;
    }
    return viewer;
}

void get_dashboard(RouteState& state, const httplib::Request& request,
                   httplib::Response& response) {
    const Language lang = request_language(request);
    const std::optional<Viewer> viewer = signed_in_with_query(state, request, response, lang);
    if (!viewer) return;
    const VenueDivisions divisions = venue_divisions_of(state.notices);
    const auto filter = checked_filter(state, *viewer, *read_dashboard_query(request.params),
                                       response, lang, divisions);
    if (!filter) return;
    dashboard::DashboardData data =
        load_dashboard(state.store, viewer->user, *filter, state.clock(), state.silent_alert_days,
                       state.library, state.utc_offset_min, divisions);
    data.csrf_token = viewer->session.csrf;
    std::tie(data.notice, data.notice_is_error) = state.sessions.take_notice(viewer->session.token);
    answer_html(response, 200, dashboard::render_dashboard_page(data));
}

void get_export(RouteState& state, const httplib::Request& request, httplib::Response& response) {
    const Language lang = request_language(request);
    const std::optional<Viewer> viewer = signed_in_with_query(state, request, response, lang);
    if (!viewer) return;
    const std::string format = request.get_param_value("format");
    const DashboardQuery query = *read_dashboard_query(request.params);
    if (format != "csv" && format != "xlsx" && format != "json") {
        answer_refused_query(state, *viewer, query, response, 400, lang,
                             manager_text("export_bad_format", lang));
        return;
    }
    const VenueDivisions divisions = venue_divisions_of(state.notices);
    const auto filter = checked_filter(state, *viewer, query, response, lang, divisions);
    if (!filter) return;
    dashboard::DashboardData data =
        load_dashboard(state.store, viewer->user, *filter, state.clock(), state.silent_alert_days,
                       state.library, state.utc_offset_min, divisions);
    if (data.unreadable.any()) { // never an export with tables silently missing
        log_warning("dashboard export refused: " + data.unreadable_detail);
        answer_refused_query(state, *viewer, query, response, 500, lang,
                             manager_text("export_unreadable", lang));
        return;
    }
    const stats::ReportSet reports = dashboard_reports(data);

    namespace fs = std::filesystem;
    const fs::path path =
        fs::temp_directory_path() / ("kiosk-hub-export-" + random_web_token() + "." + format);
    std::string error;
    const bool written = format == "csv"    ? stats::write_csv(reports, path.string(), error)
                         : format == "xlsx" ? stats::write_xlsx(reports, path.string(), error)
                                            : stats::write_json(reports, path.string(), error);
    std::string body;
    if (written) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        body = text.str();
    }
    std::error_code ignored;
    fs::remove(path, ignored);
    if (!written) {
        log_warning("dashboard export failed: " + error);
        answer_refused_query(state, *viewer, query, response, 500, lang,
                             manager_text("export_failed", lang));
        return;
    }
    const char* type = format == "csv"    ? "text/csv; charset=utf-8"
                       : format == "xlsx" ? "application/vnd.openxmlformats-officedocument."
                                            "spreadsheetml.sheet"
                                          : "application/json";
    const std::string name = "kiosk-dashboard-" +
                             (filter->venue_id.empty() ? std::string("all") : filter->venue_id) +
                             (filter->kiosk_id.empty() ? "" : "-" + filter->kiosk_id) + "-" +
                             filter->from + "-" + filter->to + "." + format;
    page_headers(response);
    response.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    response.status = 200;
    response.set_content(body, type);
}

std::string form_field(const httplib::Request& request, const std::string& name) {
    return request.has_file(name) ? request.get_file_value(name).content : "";
}

// Why an upload failed, in the page's language (the detail goes to the log).
std::string import_failure_text(ImportFailure failure, Language lang) {
    switch (failure) {
    case ImportFailure::UnknownKiosk:
        return manager_text("import_unknown_kiosk", lang);
    case ImportFailure::NoKioskKey:
        return manager_text("import_no_kiosk_key", lang);
    case ImportFailure::BadSignature:
        return manager_text("import_bad_signature", lang);
    case ImportFailure::BadPayload:
        return manager_text("import_bad_payload", lang);
    case ImportFailure::Refused:
        return manager_text("import_refused", lang);
    case ImportFailure::StoreFailed:
        return manager_text("import_store_failed", lang);
    case ImportFailure::None:
    case ImportFailure::NotABundle:
        break;
    }
    return manager_text("import_not_a_bundle", lang);
}

void post_import(RouteState& state, const httplib::Request& request, httplib::Response& response) {
    Language lang = parse_language(form_field(request, "lang")).value_or(request_language(request));
    const std::optional<Viewer> viewer = signed_in(state, request, response, lang);
    if (!viewer) return;
    if (!request.is_multipart_form_data() || form_field(request, "csrf") != viewer->session.csrf) {
        answer_message(response, 403, lang, manager_text("form_expired", lang));
        return;
    }
    DashboardQuery back{form_field(request, "venue"), form_field(request, "from"),
                        form_field(request, "to"), language_code(lang), ""};
    back.kiosk = form_field(request, "kiosk");
    back.region = form_field(request, "region");
    const std::string today = local_day(state.clock(), state.utc_offset_min);
    FilterCheck check = check_dashboard_query(state.store, viewer->user, back, today,
                                              venue_divisions_of(state.notices));
    if (check.status != 200)
        check = check_dashboard_query(state.store, viewer->user, {"", "", "", back.lang}, today);

    const std::string bundle = form_field(request, "bundle");
    // A manager may import bundles of their own venue's kiosks only.
    std::string kiosk_id;
    try {
        const nlohmann::json document = nlohmann::json::parse(bundle);
        if (document.is_object() && document.contains("kiosk") && document["kiosk"].is_string())
            kiosk_id = document["kiosk"].get<std::string>();
    } catch (const nlohmann::json::exception&) {
    }
    if (const auto kiosk = kiosk_id.empty() ? std::nullopt : state.store.find_kiosk(kiosk_id)) {
        if (!may_see_venue(viewer->user, kiosk->venue)) {
            answer_message(response, 403, lang, manager_text("import_not_your_venue", lang));
            return;
        }
    } // an unknown or unreadable kiosk: import_bundle refuses the bundle

    const ImportResult result = import_bundle(state.store, bundle, state.clock());
    std::string notice;
    if (result.ok) {
        notice = manager_text("import_done", lang,
                              {{"kiosk", result.kiosk},
                               {"buckets", std::to_string(result.buckets)},
                               {"stored", std::to_string(result.stored)}});
    } else {
        log_warning("dashboard import refused: " + result.error);
        notice = manager_text("import_failed", lang) + import_failure_text(result.failure, lang);
    }
    state.sessions.set_notice(viewer->session.token, notice, !result.ok);
    redirect(response, dashboard::dashboard_url(check.filter));
}

} // namespace web

using namespace web;

std::optional<DashboardQuery>
read_dashboard_query(const std::multimap<std::string, std::string>& params) {
    for (const auto& [key, value] : params)
        if (key.size() > kMaxQueryValue || value.size() > kMaxQueryValue) return std::nullopt;
    const auto first = [&](const std::string& key) {
        const auto [found, end] = params.equal_range(key); // the first, as get_param_value
        return found == end ? std::string() : found->second;
    };
    return DashboardQuery{first("venue"), first("from"),  first("to"),    first("lang"),
                          first("range"), first("kiosk"), first("region")};
}

void add_dashboard_routes(httplib::Server& server, HubStore& store,
                          const DashboardOptions& options) {
    auto state = std::make_shared<RouteState>(store, options);
    server.Get("/", [](const httplib::Request&, httplib::Response& response) {
        redirect(response, "/dashboard");
    });
    server.Get("/login", [state](const httplib::Request& request, httplib::Response& response) {
        get_login(*state, request, response);
    });
    server.Post("/login", [state](const httplib::Request& request, httplib::Response& response) {
        post_login(*state, request, response);
    });
    server.Post("/logout", [state](const httplib::Request& request, httplib::Response& response) {
        post_logout(*state, request, response);
    });
    server.Get("/dashboard", [state](const httplib::Request& request, httplib::Response& response) {
        get_dashboard(*state, request, response);
    });
    server.Get("/dashboard/export",
               [state](const httplib::Request& request, httplib::Response& response) {
                   get_export(*state, request, response);
               });
    server.Post("/dashboard/import",
                [state](const httplib::Request& request, httplib::Response& response) {
                    post_import(*state, request, response);
                });
    if (options.library) add_library_routes(server, state, *options.library, options.data_dir);
    if (options.notices) add_notice_routes(server, state);
    add_report_routes(server, state);
    if (options.reports) add_schedule_routes(server, state);
}

} // namespace kiosk::hub
