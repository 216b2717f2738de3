// The Library page's routes (see library_routes.h): what each viewer sees and
// may do, the page's data, and the refusals (403 wrong role or CSRF, 404
// unknown ids, 400 a bad order), each in the page's language.
#include "library_routes.h"

#include "core/civil_time.h"
#include "core/log.h"
#include "core/manager_text.h"
#include "dashboard/library_page.h"
#include "dashboard_data.h"
#include "dashboard_routes_internal.h"
#include "library_upload.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace kiosk::hub {
namespace {

using web::RouteState;
using web::Viewer;

constexpr int kMaxOrder = 200;

bool is_province_admin(const UserRecord& user) {
    return user.role == "province_admin";
}

// Whether kiosks of `venue` may show `item` (the rule LibraryStore::assign applies).
bool venue_may_show(const LibraryItem& item, const std::string& venue) {
    return item.published ||
           (!item.owner_venue.empty() && (item.owner_venue == venue || item.shared));
}

// Whether `viewer` sees `item` on the page: province administrators every
// item, a venue manager what their kiosks may show.
bool viewer_sees(const UserRecord& viewer, const LibraryItem& item) {
    return is_province_admin(viewer) || venue_may_show(item, viewer.venue);
}

std::string library_url(Language lang) {
    return std::string("/dashboard/library?lang=") + language_code(lang);
}

// Days from the newest approved version's current approval to its end; -1
// when no version has a current approval by the pool (nothing is shown).
int approval_days_left(const LibraryItem& item, const std::string& today) {
    for (const LibraryPackage& version : item.versions) {
        std::string until;
        bool rejected = false;
        for (const LibraryReview& review : version.reviews) {
            if (!review.trusted) continue;
            if (review.verdict == "rejected") rejected = true;
            if (review.verdict == "approved" && today <= review.expires)
                until = std::max(until, review.expires);
        }
        if (rejected || until.empty()) continue;
        const auto from = parse_day(today), to = parse_day(until);
        if (!from || !to) return -1;
        return int((*to - *from).count());
    }
    return -1;
}

// The ids a kiosk's heartbeat lists as shown ([{"id":..,"version":..}]).
std::set<std::string> shown_ids(const std::string& content_json) {
    std::set<std::string> ids;
    const nlohmann::json content = nlohmann::json::parse(content_json, nullptr, false);
    if (!content.is_array()) return ids;
    for (const nlohmann::json& entry : content)
        if (entry.is_object() && entry.contains("id") && entry["id"].is_string())
            ids.insert(entry["id"].get<std::string>());
    return ids;
}

dashboard::LibraryPageData page_data(RouteState& state, LibraryStore& library, const Viewer& viewer,
                                     Language lang) {
    dashboard::LibraryPageData data;
    data.viewer = {viewer.user.name, is_province_admin(viewer.user)
                                         ? dashboard::ViewerRole::ProvinceAdmin
                                         : dashboard::ViewerRole::VenueManager};
    data.language = lang;
    data.csrf_token = viewer.session.csrf;
    data.max_upload_bytes = int64_t(kMaxLibraryUploadBytes);
    const std::string today = local_day(state.clock(), state.utc_offset_min);

    std::map<std::string, std::string> venue_names, publisher_names, reviewer_names;
    for (const Venue& venue : state.store.venues())
        venue_names[venue.id] = Bilingual{venue.name_zh, venue.name_en}.in(lang);
    for (const PublisherRecord& publisher : library.publishers())
        publisher_names[publisher.key_id] = publisher.name;
    for (const ReviewerRecord& reviewer : library.reviewers())
        reviewer_names[reviewer.key_id] = reviewer.name;
    std::vector<KioskRecord> kiosks;
    for (const KioskRecord& kiosk : state.store.kiosks())
        if (!kiosk.revoked_utc_ms && may_see_venue(viewer.user, kiosk.venue))
            kiosks.push_back(kiosk);
    std::map<std::string, std::set<std::string>> shown; // item -> kiosks
    for (const KioskRecord& kiosk : kiosks)
        for (const std::string& id : shown_ids(kiosk.content_json))
            shown[id].insert(kiosk.id);

    const std::vector<LibraryItem> items = library.items();
    for (const LibraryItem& item : items) {
        if (!viewer_sees(viewer.user, item) || item.versions.empty()) continue;
        dashboard::LibraryItemRow row;
        const LibraryPackage& newest = item.versions.front();
        row.id = item.id;
        row.title_zh = newest.title_zh;
        row.title_en = newest.title_en;
        const auto publisher = publisher_names.find(newest.publisher_key_id);
        row.publisher =
            publisher == publisher_names.end() ? newest.publisher_key_id : publisher->second;
        row.owner_venue = item.owner_venue.empty()              ? ""
                          : venue_names.count(item.owner_venue) ? venue_names[item.owner_venue]
                                                                : item.owner_venue;
        row.published = item.published;
        row.shared = item.shared;
        for (const LibraryPackage& version : item.versions) {
            dashboard::LibraryVersionRow version_row{version.version, version.size, {}};
            for (const LibraryReview& review : version.reviews) {
                const auto reviewer = reviewer_names.find(review.reviewer_key_id);
                version_row.reviews.push_back(
                    {reviewer == reviewer_names.end() ? review.reviewer_key_id : reviewer->second,
                     review.verdict, review.expires, review.trusted});
            }
            row.versions.push_back(std::move(version_row));
        }
        row.approval_days_left = approval_days_left(item, today);
        const auto kiosks_showing = shown.find(item.id);
        if (kiosks_showing != shown.end())
            row.shown_on.assign(kiosks_showing->second.begin(), kiosks_showing->second.end());
        row.may_publish = is_province_admin(viewer.user) && !item.published;
        row.may_share = is_province_admin(viewer.user) && !item.owner_venue.empty() && !item.shared;
        data.items.push_back(std::move(row));
    }

    std::map<std::string, std::vector<std::string>> assigned;
    for (KioskAssignment& assignment : library.assignments())
        assigned[assignment.kiosk] = std::move(assignment.items);
    for (const KioskRecord& kiosk : kiosks) {
        dashboard::LibraryKioskRow row;
        row.id = kiosk.id;
        row.venue = venue_names.count(kiosk.venue) ? venue_names[kiosk.venue] : kiosk.venue;
        row.assigned = assigned[kiosk.id];
        for (const LibraryItem& item : items)
            if (venue_may_show(item, kiosk.venue)) row.assignable.push_back(item.id);
        data.kiosks.push_back(std::move(row));
    }
    return data;
}

std::string upload_failure_text(UploadFailure failure, Language lang) {
    switch (failure) {
    case UploadFailure::TooLarge:
        return manager_text("library_fail_too_large", lang);
    case UploadFailure::Unsigned:
        return manager_text("library_fail_unsigned", lang);
    case UploadFailure::BadManifest:
        return manager_text("library_fail_manifest", lang);
    case UploadFailure::Conflict:
        return manager_text("library_fail_conflict", lang);
    case UploadFailure::StoreFailed:
        return manager_text("library_fail_store", lang);
    case UploadFailure::None:
    case UploadFailure::NotAPackage:
        break;
    }
    return manager_text("library_fail_not_package", lang);
}

void get_library(RouteState& state, LibraryStore& library, const httplib::Request& request,
                 httplib::Response& response) {
    const Language lang = web::request_language(request);
    const std::optional<Viewer> viewer = web::signed_in(state, request, response, lang);
    if (!viewer) return;
    dashboard::LibraryPageData data = page_data(state, library, *viewer, lang);
    std::tie(data.notice, data.notice_is_error) = state.sessions.take_notice(viewer->session.token);
    web::answer_html(response, 200, dashboard::render_library_page(data));
}

void post_upload(RouteState& state, LibraryStore& library, const std::string& data_dir,
                 const httplib::Request& request, httplib::Response& response) {
    const Language lang =
        parse_language(web::form_field(request, "lang")).value_or(web::request_language(request));
    if (!request.is_multipart_form_data()) {
        web::answer_message(response, 403, lang, manager_text("form_expired", lang));
        return;
    }
    const std::optional<Viewer> viewer =
        web::signed_in_form(state, request, response, lang, web::form_field(request, "csrf"));
    if (!viewer) return;
    const httplib::MultipartFormData file = request.get_file_value("package");
    const std::string label = file.filename.empty() ? "package" : file.filename;
    const std::string owner = is_province_admin(viewer->user) ? "" : viewer->user.venue;
    const UploadResult result = add_to_library(library, data_dir, file.content, label, owner,
                                               local_day(state.clock(), state.utc_offset_min));
    std::string notice;
    if (result.ok) {
        const std::initializer_list<std::pair<std::string_view, std::string_view>> words = {
            {"id", result.package.id}, {"version", result.package.version}};
        notice = result.already_stored ? manager_text("library_already", lang, words)
                                       : manager_text("library_added", lang, words);
    } else {
        log_warning("library upload by " + viewer->user.name + " refused: " + result.error);
        notice = manager_text("library_upload_failed", lang, {{"file", label}}) +
                 upload_failure_text(result.failure, lang);
    }
    state.sessions.set_notice(viewer->session.token, notice, !result.ok);
    web::redirect(response, library_url(lang));
}

// publish and share: province administrators only.
void post_item_action(RouteState& state, LibraryStore& library, const httplib::Request& request,
                      httplib::Response& response, bool publish) {
    const Language lang = web::request_language(request);
    const std::optional<Viewer> viewer =
        web::signed_in_form(state, request, response, lang, request.get_param_value("csrf"));
    if (!viewer) return;
    if (!is_province_admin(viewer->user)) {
        web::answer_message(response, 403, lang, manager_text("library_not_province_admin", lang));
        return;
    }
    const std::string id = request.get_param_value("id");
    const std::optional<LibraryItem> item = library.find_item(id);
    if (!item) {
        web::answer_message(response, 404, lang,
                            manager_text("library_unknown_item", lang, {{"id", id}}));
        return;
    }
    if (!publish && item->owner_venue.empty()) {
        web::answer_message(response, 400, lang,
                            manager_text("library_share_province", lang, {{"id", id}}));
        return;
    }
    std::string error;
    const bool done = publish ? library.publish_item(id, error) : library.share_item(id, error);
    if (!done) log_warning("library " + std::string(publish ? "publish" : "share") + ": " + error);
    state.sessions.set_notice(viewer->session.token,
                              !done     ? manager_text("library_fail_store", lang)
                              : publish ? manager_text("library_published", lang, {{"id", id}})
                                        : manager_text("library_shared", lang, {{"id", id}}),
                              !done);
    web::redirect(response, library_url(lang));
}

void post_assign(RouteState& state, LibraryStore& library, const httplib::Request& request,
                 httplib::Response& response) {
    const Language lang = web::request_language(request);
    const std::optional<Viewer> viewer =
        web::signed_in_form(state, request, response, lang, request.get_param_value("csrf"));
    if (!viewer) return;
    const std::optional<KioskRecord> kiosk =
        state.store.find_kiosk(request.get_param_value("kiosk"));
    if (!kiosk || kiosk->revoked_utc_ms) {
        web::answer_message(response, 404, lang, manager_text("library_unknown_kiosk", lang));
        return;
    }
    if (!may_see_venue(viewer->user, kiosk->venue)) {
        web::answer_message(response, 403, lang, manager_text("library_not_your_kiosk", lang));
        return;
    }
    std::map<int, std::string> order;
    for (const auto& [name, value] : request.params) {
        if (name.rfind("order.", 0) != 0 || value.empty()) continue;
        const std::string id = name.substr(6);
        int position = 0;
        const bool number =
            value.size() <= 3 && value.find_first_not_of("0123456789") == std::string::npos;
        if (number) position = std::stoi(value);
        if (!number || position < 1 || position > kMaxOrder || order.count(position)) {
            web::answer_message(response, 400, lang, manager_text("library_bad_order", lang));
            return;
        }
        const std::optional<LibraryItem> item = library.find_item(id);
        if (!item) {
            web::answer_message(response, 404, lang,
                                manager_text("library_unknown_item", lang, {{"id", id}}));
            return;
        }
        if (!venue_may_show(*item, kiosk->venue)) {
            web::answer_message(response, 403, lang,
                                manager_text("library_not_assignable", lang, {{"id", id}}));
            return;
        }
        order[position] = id;
    }
    std::vector<std::string> ids;
    for (const auto& [position, id] : order)
        ids.push_back(id);
    std::string error;
    const bool done = library.assign(kiosk->id, ids, error);
    if (!done) log_warning("library assign: " + error);
    state.sessions.set_notice(viewer->session.token,
                              done ? manager_text("library_assigned", lang, {{"kiosk", kiosk->id}})
                                   : manager_text("library_fail_store", lang),
                              !done);
    web::redirect(response, library_url(lang));
}

} // namespace

void add_library_routes(httplib::Server& server, std::shared_ptr<RouteState> state,
                        LibraryStore& library, const std::string& data_dir) {
    LibraryStore* store = &library;
    server.Get("/dashboard/library",
               [state, store](const httplib::Request& request, httplib::Response& response) {
                   get_library(*state, *store, request, response);
               });
    server.Post(kLibraryUploadPath, [state, store, data_dir](const httplib::Request& request,
                                                             httplib::Response& response) {
        post_upload(*state, *store, data_dir, request, response);
    });
    server.Post("/dashboard/library/publish",
                [state, store](const httplib::Request& request, httplib::Response& response) {
                    post_item_action(*state, *store, request, response, true);
                });
    server.Post("/dashboard/library/share",
                [state, store](const httplib::Request& request, httplib::Response& response) {
                    post_item_action(*state, *store, request, response, false);
                });
    server.Post("/dashboard/library/assign",
                [state, store](const httplib::Request& request, httplib::Response& response) {
                    post_assign(*state, *store, request, response);
                });
}

} // namespace kiosk::hub
