// The managers' dashboard pages as pure functions: the server fills a
// DashboardData from its store (already limited to what the viewer may see)
// and gets back a whole HTML5 page, UTF-8, with inline CSS and inline SVG
// charts, no script and nothing fetched from elsewhere, so it works on a venue
// LAN without internet. Everything from data is HTML-escaped here and every
// URL built here is percent-encoded; the server escapes nothing itself.
//
// The forms these pages post, for the server to parse:
//   GET  /dashboard         venue, kiosk, from, to (YYYY-MM-DD), lang (zh|en), or
//                           range (a quick range, core/day_ranges.h) for from/to
//   GET  /dashboard/export  format (csv|xlsx|json), venue, kiosk, from, to (or range), lang
//   POST /dashboard/import  multipart/form-data: csrf, bundle (the file),
//                           venue, kiosk, from, to, lang (to return to the same view)
//   POST /login             username, password, csrf, lang
//   POST /logout            csrf, lang
//   GET  /login             lang
#pragma once

#include "core/bilingual.h"
#include "core/civil_time.h"
#include "core/findings.h"
#include "dashboard/availability_section.h"
#include "dashboard/svg_chart.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::dashboard {

enum class ViewerRole { ProvinceAdmin, VenueManager };

struct DashboardViewer {
    std::string name;
    ViewerRole role = ViewerRole::VenueManager;
};

struct DashboardVenue {
    std::string id;
    std::string name_zh;
    std::string name_en; // may be empty: the Chinese name is shown instead
};

// A kiosk not heard from for more than this many days is flagged, unless
// `kiosk-hub serve --silent-alert-days` says otherwise.
constexpr int kDefaultSilentAlertDays = 7;

// What the page shows: the query string of /dashboard, parsed and checked.
struct DashboardFilter {
    std::string venue_id; // "" = all venues (province administrators only)
    std::string from;     // YYYY-MM-DD, inclusive
    std::string to;       // YYYY-MM-DD, inclusive
    Language language = Language::Zh;
    std::string kiosk_id; // "" = every kiosk; else one kiosk of venue_id
    // A region (issue 22, hub/regions.h): "" = none; else a 2/4/6-digit
    // division code prefix, read with venue_id "" as its venues together
    // (with a venue_id, that venue of the region). region_venues is the
    // hub's: the region's venues ({""} when it has none), not a URL field.
    std::string region;
    std::vector<std::string> region_venues;
};

struct DayVisitors {
    std::string day; // YYYY-MM-DD
    int64_t sessions = 0;
    double average_session_s = 0;
};

struct ExhibitUsage {
    std::string id;
    std::string title; // "" shows the id
    int64_t visits = 0;
    double dwell_minutes = 0;
};

struct QuestionAccuracy {
    std::string pack;
    std::string question_id;
    std::string text; // "" shows the id
    int64_t answers = 0;
    int64_t correct = 0;
    double accuracy = 0; // 0..1
};

struct KioskAlertFlags {
    bool silent = false;     // not heard from for more than DashboardData::silent_alert_days
    bool clock_skew = false; // clock off by more than 5 minutes
    bool low_disk = false;
    bool many_epochs = false; // at least DashboardData::many_epochs_alert new epochs in 30 days
    bool any() const { return silent || clock_skew || low_disk || many_epochs; }
};

// What a kiosk's last heartbeat said about its content (issue 17, part 6),
// judged against the hub's own last snapshot for it (hub/dashboard_data.h).
enum class ContentStatus {
    NotReported, // no content state stored (never synced, or older software)
    Unreadable,  // the stored content state does not parse
    None,        // no hub content, and the hub has no snapshot for it
    UpToDate,    // shows the hub's newest snapshot
    Waiting,     // the hub has a newer snapshot than the one it shows
    Downloading, // `have` of `need` packages present
    Failed,      // packages failed: the first one's reason and how many
    Expired,     // its snapshot expired: it keeps showing its last good set
};

struct KioskContent {
    ContentStatus status = ContentStatus::NotReported;
    int64_t live_version = 0; // the snapshot version it shows, 0 = none
    int64_t hub_version = 0;  // the hub's last snapshot for it, 0 = none
    int64_t have = 0, need = 0;
    int64_t failure_count = 0;
    std::string failure_reason;  // the first failure's reason, as the kiosk sent it
    std::string failure_package; // "ID VERSION" of the first failure
};

struct KioskHealth {
    std::string id;
    std::string venue;            // the venue's display name
    int64_t last_seen_utc_ms = 0; // 0 = never
    std::string software_version;
    int64_t disk_free_mb = 0;
    int64_t error_count = 0;
    int64_t clock_skew_ms = 0; // the kiosk's clock minus the hub's
    KioskAlertFlags alerts;
    int64_t recent_epochs = 0; // epochs (kiosk.db files) it opened in the last 30 days
    KioskContent content;
};

// The parts of the page whose numbers could not be read from the store (an
// SQLite error, a sum too large for 64 bits): each says so, never an empty
// table that would look like "no visitors".
struct UnreadableParts {
    bool visitors = false; // visitors per day and the summary figures
    bool hour_of_week = false;
    bool top_exhibits = false;
    bool quiz_accuracy = false;
    bool findings = false;
    bool kiosks = false;
    bool availability = false; // the availability charts and the venues' breakdown
    bool any() const {
        return visitors || hour_of_week || top_exhibits || quiz_accuracy || findings || kiosks ||
               availability;
    }
};

struct DashboardData {
    DashboardViewer viewer;
    std::vector<DashboardVenue> venues; // the venues the viewer may pick, in display order
    // The regions the viewer may pick (province administrators, when some
    // venue has a division code): provinces and cities, by code.
    std::vector<std::string> regions;
    DashboardFilter filter;
    std::vector<DayVisitors> visitors_per_day;   // ascending; missing days count as 0
    HourOfWeekCounts sessions_by_hour_of_week{}; // [weekday, Monday = 0][hour]
    std::vector<ExhibitUsage> top_exhibits;      // in the order to show (most visits first)
    std::vector<QuestionAccuracy> quiz_accuracy; // in the order to show (hardest first)
    std::vector<ExhibitFindings> findings;       // kiosk.log events by name, per exhibit
    std::vector<KioskHealth> kiosks;
    std::vector<std::string> kiosk_choices; // the filter's kiosks: those of venue_id ("" = none)
    AvailabilityParts availability;         // availability_section.h
    int silent_alert_days = kDefaultSilentAlertDays; // the N of "silent for more than N days"
    int many_epochs_alert = 3;                       // the N of "N or more new epochs in 30 days"
    UnreadableParts unreadable;
    std::string unreadable_detail; // why, in English, for logs and failed exports
    int64_t generated_utc_ms = 0;
    // The venue's time zone: every time on the page is shown at this offset,
    // with the zone named (kiosk-hub serve --utc-offset-min).
    int32_t utc_offset_min = kDefaultVenueUtcOffsetMin;
    std::string csrf_token;
    std::string
        notice; // a one-line message after an import ("" = none), already in the page's language
    bool notice_is_error = false;
};

// The sign-in page; `error_message` ("" = none) is shown above the form.
std::string render_login_page(Language language, std::string_view error_message,
                              std::string_view csrf_token);

std::string render_dashboard_page(const DashboardData& data);

// The dashboard after its query was refused (a bad date or quick range, a
// venue the viewer may not see, an export that failed): `message` above the
// quick ranges and the filter form, which is filled with what was asked
// (`data.filter`, as typed) so the manager can correct it. Only the header's
// and the form's fields of `data` are read (viewer, venues, filter, csrf
// token, generated time and offset).
std::string render_dashboard_refusal(const DashboardData& data, std::string_view message);

// "/dashboard?venue=..&from=..&to=..&lang=.." for `filter` (raw URL, not
// HTML-escaped; "&kiosk=.." after the venue when a kiosk is chosen); with a
// non-empty `format` it is the export URL
// "/dashboard/export?format=..&venue=..&from=..&to=..&lang=..".
std::string dashboard_url(const DashboardFilter& filter, std::string_view format = "");

// In place of a section's chart or table: "no data for the range", or that its
// numbers could not be read.
void append_empty(std::string& out, Language lang);
void append_unreadable(std::string& out, Language lang);

// The pages' shared shell, for the other pages of the dashboard
// (library_page.h): <!DOCTYPE> to <body> with the CSS, and a hidden field.
void open_page(std::string& out, Language lang, std::string_view title);
void hidden_field(std::string& out, std::string_view name, std::string_view value);
// The header of a page beside the dashboard (内容库, 应急通知): its title, the
// viewer, a link back to the dashboard, the language link (to `path` in the
// other language) and the sign-out button.
void append_page_header(std::string& out, const DashboardViewer& viewer, Language lang,
                        std::string_view csrf_token, std::string_view title, std::string_view path);
// The status line after a form was sent (a notice, or an error); "" writes
// nothing.
void append_status_line(std::string& out, std::string_view status, bool is_error);
// A page beside the dashboard up to its <main> and status line: the shell
// titled "TITLE · app title" and append_page_header. close_side_page ends it.
void open_side_page(std::string& out, const DashboardViewer& viewer, Language lang,
                    std::string_view csrf_token, const std::string& title, std::string_view path,
                    std::string_view status, bool status_is_error);
void close_side_page(std::string& out);

// The short weekday names, Monday first ("周一" .. "周日", "Mon" .. "Sun").
std::array<std::string, 7> weekday_names(Language language);

} // namespace kiosk::dashboard
