// What the dashboard routes read from the store, without HTTP: checking a
// /dashboard query (dates, range, the venue the viewer may see), filling a
// dashboard::DashboardData for the page, and the same numbers as a stats::ReportSet for the
// CSV/XLSX/JSON exports (report_export.h writes them). Access rules live
// here: a venue manager sees only their own venue. A part the store cannot
// read (StoreReadError) is marked in dashboard::DashboardData::unreadable, never left
// empty as if there were no data.
#pragma once

#include "dashboard/dashboard_page.h"
#include "hub_store.h"
#include "library_store.h"
#include "regions.h"
#include "stats/report_export.h"

#include <cstdint>
#include <map>
#include <string>

namespace kiosk::hub {

// The raw query fields of /dashboard and /dashboard/export. `range` is a quick
// range's name (core/day_ranges.h: "last-month", ...), given instead of from/to.
struct DashboardQuery {
    std::string venue, from, to, lang, range;
    std::string kiosk;  // "" = every kiosk
    std::string region; // "" = none; a 2/4/6-digit division code prefix (regions.h)
};

// How a query was judged: 200 with `filter`, 400 (bad dates, venue or kiosk)
// or 403 (a venue, or a kiosk of a venue, the viewer may not see), with
// `message` in the query's language. A kiosk picked with "all venues" narrows
// the filter to its venue; a kiosk of another venue than the one picked is 400.
struct FilterCheck {
    int status = 200;
    std::string message;
    dashboard::DashboardFilter filter;
};

constexpr int kMaxRangeDays = 3660; // about ten years on one page

// `today` is the venue's local day (YYYY-MM-DD): local_day(now, the
// dashboard's UTC offset), not the hub machine's own zone. The default range
// is the 30 days ending today; a quick range (`range`) is resolved against
// `today`, and refused (400) with from/to beside it or under an unknown name.
// A region (issue 22) is resolved to its venues with `divisions` (every
// venue's division code, NoticeStore::venue_divisions): 400 when it is not
// 2, 4 or 6 digits, 403 for a venue manager, 400 for a venue (or a kiosk's
// venue) outside it; a region without venues is a valid, empty scope.
FilterCheck check_dashboard_query(HubStore& store, const UserRecord& viewer,
                                  const DashboardQuery& query, const std::string& today,
                                  const VenueDivisions& divisions = {});

// Whether `viewer` may import data for a kiosk of `venue`.
bool may_see_venue(const UserRecord& viewer, const std::string& venue);

// A kiosk whose clock is further than this from the hub's is flagged.
constexpr int64_t kClockSkewAlertMs = 5 * 60 * 1000;

// Subject -> display name in `language` (the other language when that one
// is empty), from the titles kiosks synced, as `venue` ("" = every venue) sees them.
std::map<std::string, std::string> titles_in(HubStore& store, const std::string& venue,
                                             const std::string& kind, Language language);
// The title of `subject`, "" when there is none.
std::string title_of(const std::map<std::string, std::string>& titles, const std::string& subject);

// A kiosk's content cell: `stored_json` (KioskRecord::content_state_json,
// "" = never reported) parsed with sync::parse_content_state and judged
// against `hub_version`, the hub's last snapshot for the kiosk (0 = none).
// A value that does not parse is Unreadable (and logged with `kiosk`).
dashboard::KioskContent judge_content_state(const std::string& kiosk,
                                            const std::string& stored_json, int64_t hub_version);

// The page's frame without its numbers: the viewer, the venues (and, for a
// province administrator, the regions of `divisions`) they may pick,
// `filter` and the time, for load_dashboard and for a refused query's page
// (dashboard::render_dashboard_refusal).
dashboard::DashboardData dashboard_frame(HubStore& store, const UserRecord& viewer,
                                         const dashboard::DashboardFilter& filter,
                                         int64_t now_utc_ms, const VenueDivisions& divisions = {});

// `silent_alert_days`: a kiosk not heard from for more than this many days
// (or never) is flagged silent (`kiosk-hub serve --silent-alert-days`).
// `library` (may be null: no snapshots known) gives each kiosk's last
// snapshot for its content cell. `utc_offset_min` is the venue's zone, for
// the availability of opening hours (and the page's times). A filter with a
// region (and no venue) reads the region's venues (filter.region_venues);
// `divisions` gives the region choices (dashboard_frame).
dashboard::DashboardData load_dashboard(HubStore& store, const UserRecord& viewer,
                                        const dashboard::DashboardFilter& filter,
                                        int64_t now_utc_ms, int silent_alert_days,
                                        LibraryStore* library = nullptr,
                                        int32_t utc_offset_min = kDefaultVenueUtcOffsetMin,
                                        const VenueDivisions& divisions = {});

// The page's numbers as tables (keys in English, headers in the filter's language).
stats::ReportSet dashboard_reports(const dashboard::DashboardData& data);

} // namespace kiosk::hub
