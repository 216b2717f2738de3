// The Emergency notices page's routes (see notice_routes.h): what each viewer
// sees and may do, the page's data, and the refusals (403 wrong venue or
// CSRF, 400 a bad field), each in the page's language.
#include "notice_routes.h"

#include "core/civil_time.h"
#include "core/log.h"
#include "core/manager_text.h"
#include "dashboard/notices_page.h"
#include "dashboard_data.h"
#include "dashboard_routes_internal.h"
#include "hub_signing_key.h"
#include "notice_delivery.h"
#include "notice_issuer.h"

#include <httplib.h>

#include <map>

namespace kiosk::hub {
namespace {

using web::RouteState;
using web::Viewer;

constexpr size_t kHistoryRows = 200;
constexpr size_t kMaxFieldBytes = 8192;

bool is_province_admin(const UserRecord& user) {
    return user.role == "province_admin";
}

std::string notices_url(Language lang) {
    return std::string("/dashboard/notices?lang=") + language_code(lang);
}

dashboard::NoticesPageData page_data(RouteState& state, const Viewer& viewer, Language lang) {
    NoticeStore& notices = *state.notices;
    dashboard::NoticesPageData data;
    const bool province = is_province_admin(viewer.user);
    data.viewer = {viewer.user.name, province ? dashboard::ViewerRole::ProvinceAdmin
                                              : dashboard::ViewerRole::VenueManager};
    data.language = lang;
    data.csrf_token = viewer.session.csrf;
    data.may_post_all = province;
    std::map<std::string, std::string> venue_names;
    for (const Venue& venue : state.store.venues()) {
        venue_names[venue.id] = Bilingual{venue.name_zh, venue.name_en}.in(lang);
        if (may_see_venue(viewer.user, venue.id))
            data.venues.push_back({venue.id, venue.name_zh, venue.name_en});
    }
    const auto venue_name = [&](const std::string& id) {
        const auto found = venue_names.find(id);
        return found == venue_names.end() ? id : found->second;
    };
    std::vector<KioskRecord> kiosks; // a venue manager's delivery counts their own kiosks
    for (KioskRecord& kiosk : state.store.kiosks())
        if (may_see_venue(viewer.user, kiosk.venue)) kiosks.push_back(std::move(kiosk));
    const int64_t now = state.clock();
    const auto time_text = [&](int64_t utc_ms) {
        return manager_time(utc_ms, state.utc_offset_min, lang);
    };
    for (const StoredNotice& stored :
         notices.history(province ? "" : viewer.user.venue, kHistoryRows)) {
        const sync::Notice& notice = stored.notice;
        dashboard::NoticeRow row;
        row.identifier = notice.identifier;
        row.msg_type = sync::to_cap(notice.msg_type);
        row.status = sync::to_cap(notice.status);
        row.severity = sync::to_cap(notice.severity);
        row.event = notice.event;
        row.headline = notice.headline;
        row.instruction = notice.instruction;
        if (notice.venues.empty()) row.venues = manager_text("all_venues", lang);
        for (const std::string& venue : notice.venues)
            row.venues += (row.venues.empty() ? "" : ", ") + venue_name(venue);
        row.sent = time_text(notice.sent_utc_ms);
        row.expires = time_text(notice.expires_utc_ms);
        row.author = stored.author;
        row.retired = stored.retired_seq != 0;
        row.expired = notice.expires_utc_ms <= now;
        if (notice.msg_type != sync::NoticeMsgType::Cancel) {
            const NoticeDelivery delivery = notice_delivery(kiosks, notices, stored);
            row.shown = delivery.shown;
            row.total = delivery.total;
            row.viewers = delivery.viewers;
            row.opened = delivery.opened;
            for (const KioskRecord& kiosk : delivery.not_reached)
                row.not_reached.push_back(
                    {kiosk.id, venue_name(kiosk.venue),
                     kiosk.last_seen_utc_ms ? time_text(kiosk.last_seen_utc_ms) : ""});
        }
        row.may_change = !row.retired && !row.expired &&
                         notice.msg_type != sync::NoticeMsgType::Cancel &&
                         (province || notice.venues == std::vector{viewer.user.venue});
        data.notices.push_back(std::move(row));
    }
    return data;
}

void get_notices(RouteState& state, const httplib::Request& request, httplib::Response& response) {
    const Language lang = web::request_language(request);
    const std::optional<Viewer> viewer = web::signed_in(state, request, response, lang);
    if (!viewer) return;
    dashboard::NoticesPageData data = page_data(state, *viewer, lang);
    std::tie(data.notice, data.notice_is_error) = state.sessions.take_notice(viewer->session.token);
    web::answer_html(response, 200, dashboard::render_notices_page(data));
}

// "a, b ,c" -> {"a", "b", "c"}
std::vector<std::string> comma_list(const std::string& text) {
    std::vector<std::string> items;
    std::string item;
    for (size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == ',') {
            const size_t first = item.find_first_not_of(' ');
            if (first != std::string::npos)
                items.push_back(item.substr(first, item.find_last_not_of(' ') - first + 1));
            item.clear();
        } else {
            item += text[i];
        }
    }
    return items;
}

// The form's fields as a draft; false when one is absurdly long (400).
bool read_draft(const httplib::Request& request, NoticeDraft& draft) {
    for (const auto& [name, value] : request.params)
        if (name.size() > 64 || value.size() > kMaxFieldBytes) return false;
    const auto field = [&](const char* name) { return request.get_param_value(name); };
    const auto [first, last] = request.params.equal_range("venue");
    for (auto venue = first; venue != last; ++venue)
        if (!venue->second.empty()) draft.venues.push_back(venue->second);
    draft.status = field("status");
    draft.severity = field("severity");
    draft.urgency = field("urgency");
    draft.certainty = field("certainty");
    if (!field("category").empty()) draft.categories = {field("category")};
    draft.event = {field("event_zh"), field("event_en")};
    draft.headline = {field("headline_zh"), field("headline_en")};
    draft.description = {field("description_zh"), field("description_en")};
    draft.instruction = {field("instruction_zh"), field("instruction_en")};
    draft.expires = field("expires");
    draft.content_ids = comma_list(field("content"));
    draft.replaces = field("id");
    return true;
}

void post_notice(RouteState& state, const httplib::Request& request, httplib::Response& response,
                 sync::NoticeMsgType type) {
    const Language lang = web::request_language(request);
    const std::optional<Viewer> viewer =
        web::signed_in_form(state, request, response, lang, request.get_param_value("csrf"));
    if (!viewer) return;
    NoticeDraft draft;
    if (!read_draft(request, draft)) {
        web::answer_message(response, 400, lang, manager_text("notice_fail_too_long", lang));
        return;
    }
    draft.msg_type = type;
    const NoticeAuthor author{viewer->user.name,
                              is_province_admin(viewer->user) ? "" : viewer->user.venue};
    std::string error;
    const std::optional<SecretKey> key = load_hub_key(kNoticeKey, state.data_dir, error);
    if (!error.empty()) log_warning("notice key: " + error);
    const IssueResult result =
        issue_notice(*state.notices, state.store, state.library, key, draft, author, state.clock());
    if (result.failure == IssueFailure::NotYourVenue) {
        log_warning("notice refused: " + viewer->user.name + " posted for another venue");
        web::answer_message(response, 403, lang, manager_text("notice_fail_not_your_venue", lang));
        return;
    }
    if (!result.ok()) log_warning("notice by " + viewer->user.name + " refused: " + result.detail);
    state.sessions.set_notice(viewer->session.token,
                              result.ok() ? manager_text("notices_issued", lang,
                                                         {{"id", result.stored.notice.identifier}})
                                          : issue_failure_text(result, lang),
                              !result.ok());
    web::redirect(response, notices_url(lang));
}

} // namespace

void add_notice_routes(httplib::Server& server, std::shared_ptr<RouteState> state) {
    server.Get("/dashboard/notices",
               [state](const httplib::Request& request, httplib::Response& response) {
                   get_notices(*state, request, response);
               });
    const std::pair<const char*, sync::NoticeMsgType> posts[] = {
        {"/dashboard/notices/add", sync::NoticeMsgType::Alert},
        {"/dashboard/notices/update", sync::NoticeMsgType::Update},
        {"/dashboard/notices/cancel", sync::NoticeMsgType::Cancel}};
    for (const auto& [path, type] : posts)
        server.Post(path, [state, type = type](const httplib::Request& request,
                                               httplib::Response& response) {
            post_notice(*state, request, response, type);
        });
}

} // namespace kiosk::hub
