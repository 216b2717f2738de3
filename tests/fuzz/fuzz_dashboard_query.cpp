// Fuzz target: the query string of GET /dashboard and /dashboard/export. The
// input is the URL's query (the text after '?'), parsed as kiosk-hub serve
// parses it (httplib's parse_query_text), read by hub::read_dashboard_query
// and judged by hub::check_dashboard_query for a province administrator and
// for a venue manager, against an in-memory store. Checked: 200, 400 or 403,
// with a message when refused; an accepted filter has real dates in order
// within the range limit and a venue the viewer may see; the page's own link
// to that filter (dashboard::dashboard_url) is accepted again as the same filter; and the
// page's data and the export tables load for it.
#include "fake_hub_store.h"
#include "fuzz_support.h"

#include "core/civil_time.h"
#include "dashboard/dashboard_page.h"
#include "hub/dashboard_data.h"
#include "hub/dashboard_routes.h"

#include <httplib.h>

#include <chrono>
#include <cstdint>
#include <string>

using namespace kiosk;

namespace {

std::optional<hub::FilterCheck> judge(fuzz::FakeHubStore& store, const hub::UserRecord& viewer,
                                      const std::string& query_text) {
    httplib::Params params;
    httplib::detail::parse_query_text(query_text, params);
    const std::optional<hub::DashboardQuery> query = hub::read_dashboard_query(params);
    if (!query) return std::nullopt;
    return hub::check_dashboard_query(store, viewer, *query, fuzz::kFuzzToday);
}

void check_filter(fuzz::FakeHubStore& store, const hub::UserRecord& viewer,
                  const dashboard::DashboardFilter& filter) {
    if (!is_valid_day(filter.from) || !is_valid_day(filter.to))
        fuzz::broken("an accepted filter has a date that is not YYYY-MM-DD",
                     filter.from + " " + filter.to);
    if (filter.from > filter.to) fuzz::broken("an accepted filter ends before it starts");
    const auto day = [](const std::string& text) {
        return std::chrono::sys_days{std::chrono::year{std::stoi(text.substr(0, 4))} /
                                     std::stoi(text.substr(5, 2)) / std::stoi(text.substr(8, 2))};
    };
    if ((day(filter.to) - day(filter.from)).count() >= hub::kMaxRangeDays)
        fuzz::broken("an accepted filter spans more than the range limit");
    if (!filter.venue_id.empty() && !store.find_venue(filter.venue_id))
        fuzz::broken("an accepted filter names an unknown venue", filter.venue_id);
    if (!hub::may_see_venue(viewer, filter.venue_id) &&
        !(filter.venue_id.empty() && viewer.role == "province_admin"))
        fuzz::broken("a viewer was given a venue they may not see", filter.venue_id);

    // The page links to itself (language toggle, exports): that link must work.
    const std::string url = dashboard::dashboard_url(filter);
    const size_t mark = url.find('?');
    const std::optional<hub::FilterCheck> again =
        judge(store, viewer, mark == std::string::npos ? "" : url.substr(mark + 1));
    if (!again || again->status != 200) fuzz::broken("the dashboard's own link is refused", url);
    const dashboard::DashboardFilter& same = again->filter;
    if (same.venue_id != filter.venue_id || same.from != filter.from || same.to != filter.to ||
        same.language != filter.language)
        fuzz::broken("the dashboard's own link gives another filter", url);

    // What the page and the exports read for the filter (the page's HTML is
    // left out: drawing its charts was 45% of each run, and no query text
    // reaches it unchecked).
    const dashboard::DashboardData data = hub::load_dashboard(
        store, viewer, filter, fuzz::kFuzzNowUtcMs, dashboard::kDefaultSilentAlertDays);
    if (data.filter.from != filter.from || data.filter.to != filter.to)
        fuzz::broken("load_dashboard changed the filter");
    hub::dashboard_reports(data);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static fuzz::FakeHubStore store;
    const std::string query(reinterpret_cast<const char*>(data), size);
    for (const hub::UserRecord& viewer : {store.province_admin(), store.venue_manager()}) {
        const std::optional<hub::FilterCheck> check = judge(store, viewer, query);
        if (!check) continue; // a parameter over 64 bytes: answered 400 before any check
        if (check->status == 200)
            check_filter(store, viewer, check->filter);
        else if ((check->status != 400 && check->status != 403) || check->message.empty())
            fuzz::broken("a refusal that is not 400 or 403 with a message",
                         std::to_string(check->status));
    }
    return 0;
}
