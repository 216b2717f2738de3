// The managers' dashboard and sign-in pages: page shell and CSS, the filter
// form, summary figures, the chart sections, the kiosks' health table, the
// export links and the bundle upload form. Data turns into text here (dates,
// durations, "N days ago"); charts come from svg_chart.h, words from the
// managers' strings (core/manager_text.h).
//
// Index of this file:
// [SECTION] Dates and durations
// [SECTION] Small markup helpers
// [SECTION] The page shell: CSS, <head>, hidden fields
// [SECTION] Dashboard: header, filter form and summary figures
// [SECTION] Dashboard: the charts (visitors per day, hour of week)
// [SECTION] Dashboard: the tables (top exhibits, quiz accuracy, findings, kiosk health)
// [SECTION] Dashboard: export links and the bundle upload form
// [SECTION] Public: weekday names, venue time, URLs, the sign-in and dashboard pages

#include "dashboard/dashboard_page.h"
#include "dashboard/report_form.h"

#include "core/checked_sum.h"
#include "core/civil_time.h"
#include "core/day_ranges.h"
#include "core/manager_text.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <optional>

namespace kiosk::dashboard {
namespace {

namespace chrono = std::chrono;

constexpr int64_t kMaxFilledDays = 3700; // gaps are filled for ranges up to ~10 years

//-----------------------------------------------------------------------------
// [SECTION] Dates and durations
//-----------------------------------------------------------------------------

// "2 分 15 秒" / "2 min 15 s": the two largest units.
std::string format_duration(double seconds, Language lang) {
    const int64_t total = std::llround(std::max(seconds, 0.0));
    const std::string_view d = manager_text("unit_day", lang), h = manager_text("unit_hour", lang),
                           m = manager_text("unit_minute", lang),
                           s = manager_text("unit_second", lang);
    const auto pair = [](int64_t big, std::string_view big_unit, int64_t small,
                         std::string_view small_unit) {
        std::string text = std::to_string(big) + " " + std::string(big_unit);
        if (small > 0) text += " " + std::to_string(small) + " " + std::string(small_unit);
        return text;
    };
    if (total < 60) return std::to_string(total) + " " + std::string(s);
    if (total < 3600) return pair(total / 60, m, total % 60, s);
    if (total < 86400) return pair(total / 3600, h, total % 3600 / 60, m);
    return pair(total / 86400, d, total % 86400 / 3600, h);
}

std::string format_clock_skew(int64_t skew_ms, Language lang) {
    const int64_t magnitude = skew_ms < 0 ? -skew_ms : skew_ms;
    const std::string sign = skew_ms < 0 ? "−" : skew_ms > 0 ? "+" : "";
    if (magnitude < 60'000)
        return sign + format_decimal(static_cast<double>(magnitude) / 1000, 1) + " " +
               manager_text("unit_second", lang);
    return sign + format_duration(static_cast<double>(magnitude) / 1000, lang);
}

std::string format_ago(int64_t then_ms, int64_t now_ms, Language lang) {
    const int64_t elapsed = std::max<int64_t>(now_ms - then_ms, 0);
    if (elapsed < kMsPerHour) return manager_text("just_now", lang);
    if (elapsed < 2 * kMsPerHour) return manager_text("one_hour_ago", lang);
    if (elapsed < kMsPerDay) return manager_text("hours_ago", lang, {{"n", elapsed / kMsPerHour}});
    const int64_t days = elapsed / kMsPerDay;
    if (days == 1) return manager_text("one_day_ago", lang);
    return manager_text("days_ago", lang, {{"n", days}});
}

std::string format_disk(int64_t megabytes) {
    if (megabytes < 1024) return format_integer(megabytes) + " MB";
    return format_decimal(static_cast<double>(megabytes) / 1024, 1) + " GB";
}

std::string format_percent(double fraction) {
    return format_decimal(fraction * 100, 1) + "%";
}

//-----------------------------------------------------------------------------
// [SECTION] Small markup helpers
//-----------------------------------------------------------------------------

std::string esc(std::string_view text) {
    return html_escape(text);
}

// A managers' word, escaped for HTML.
std::string text_of(std::string_view key, Language lang) {
    return esc(manager_text(key, lang));
}

std::string venue_name(const DashboardVenue& venue, Language lang) {
    return Bilingual{venue.name_zh, venue.name_en}.in(lang);
}

} // namespace

void append_empty(std::string& out, Language lang) {
    out += "<p class=\"empty\">" + text_of("no_data_for_range", lang) + "</p>";
}

// In place of a section's table or chart when its numbers could not be read.
void append_unreadable(std::string& out, Language lang) {
    out += "<p class=\"unreadable\">" + text_of("data_unreadable", lang) + "</p>";
}

namespace {

// The opening of a table cell with its column's name, which a phone shows
// beside the value when the table's rows become cards (data-label).
std::string open_cell(const std::string& label, std::string_view css_class = "") {
    std::string cell = "<td";
    if (!css_class.empty()) cell += " class=\"" + std::string(css_class) + "\"";
    return cell + " data-label=\"" + label + "\">";
}

// A horizontal meter and its figure, side by side, for a table cell of
// column `label` (escaped).
std::string meter_cell(double fraction, std::string_view colour, const std::string& figure,
                       const std::string& label) {
    return open_cell(label, "meter-cell") + "<div class=\"meter-line\">" +
           svg_meter_bar(fraction, colour, figure) + "<span class=\"num\">" + esc(figure) +
           "</span></div></td>";
}

//-----------------------------------------------------------------------------
// [SECTION] The page shell: CSS, <head>, hidden fields
//-----------------------------------------------------------------------------

const char* kCss = R"CSS(
:root { --ink:#1f2937; --muted:#6b7280; --line:#e5e7eb; --bg:#f3f5f9; --accent:#1d4ed8; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink); font-size:15px; line-height:1.5;
  font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",sans-serif; }
a { color:var(--accent); }
header.top { background:#1e3a8a; color:#fff; padding:12px 28px; display:flex; align-items:center; gap:18px; flex-wrap:wrap; }
header.top h1 { font-size:20px; font-weight:600; margin:0; flex:1 1 auto; }
header.top .who { font-size:14px; opacity:.9; }
header.top a, header.top button { color:#fff; }
header.top form { margin:0; }
header.top button { background:transparent; border:1px solid rgba(255,255,255,.6); padding:4px 12px; }
.lang-toggle { border:1px solid rgba(255,255,255,.6); border-radius:6px; padding:4px 12px; text-decoration:none; font-size:14px; }
main { max-width:1280px; margin:0 auto; padding:18px 28px 40px; }
.card { background:#fff; border:1px solid var(--line); border-radius:10px; padding:16px 20px; margin-bottom:18px; min-width:0; }
.card h2 { font-size:17px; font-weight:600; margin:0 0 2px; }
.card .note { color:var(--muted); font-size:13px; margin:0 0 12px; }
.filters form { display:flex; flex-wrap:wrap; gap:14px; align-items:flex-end; margin:0; }
label { display:flex; flex-direction:column; gap:4px; font-size:13px; color:var(--muted); }
input, select, button { font:inherit; font-size:14px; color:var(--ink); background:#fff; border:1px solid #cbd5e1; border-radius:6px; padding:6px 10px; }
select { min-width:12em; }
button, .button { display:inline-block; background:var(--accent); border:1px solid var(--accent); color:#fff; border-radius:6px; padding:7px 16px; text-decoration:none; cursor:pointer; font-size:14px; }
.button.secondary { background:#fff; color:var(--accent); }
.scope { color:var(--muted); font-size:14px; margin:12px 0 0; }
.stats { display:grid; grid-template-columns:repeat(4, minmax(0,1fr)); gap:18px; margin-bottom:18px; }
.stat { background:#fff; border:1px solid var(--line); border-radius:10px; padding:14px 18px; }
.stat .label { color:var(--muted); font-size:13px; }
.stat .value { font-size:26px; font-weight:600; line-height:1.3; }
.stat .value.warn { color:#b91c1c; }
.stat .detail { color:var(--muted); font-size:13px; }
.grid2 { display:grid; grid-template-columns:minmax(0,1fr) minmax(0,1fr); gap:18px; }
.grid2 > .card { margin-bottom:18px; }
svg.chart { display:block; width:100%; height:auto; }
svg .bar { fill:#3b6fd8; }
svg .bar:hover { fill:#1e3a8a; }
svg .grid { stroke:#edf0f4; }
svg .axis, svg .axis-mark { stroke:#9ca3af; }
svg .tick { font-size:13.5px; fill:#6b7280; } /* at least 12 px down to a 1000 px wide window */
svg .axis-title { font-size:13.5px; fill:#374151; }
svg.meter { display:block; flex:1 1 auto; min-width:50px; height:10px; }
svg .meter-track { fill:#e8ebf0; }
.scroll { overflow-x:auto; }
table { width:100%; border-collapse:collapse; font-size:14px; }
th, td { text-align:left; padding:7px 8px; border-bottom:1px solid var(--line); vertical-align:middle; }
th { color:var(--muted); font-weight:500; font-size:13px; white-space:nowrap; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
td.rank { color:var(--muted); width:2em; }
td.meter-cell { width:32%; }
#top-exhibits td.title { min-width:7em; }
.meter-line { display:flex; align-items:center; gap:8px; }
.meter-line .num { min-width:4.2em; text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
.sub { display:block; color:var(--muted); font-size:12px; }
.sub.id { font-family:"DejaVu Sans Mono",monospace; word-break:break-all; }
.nowrap { white-space:nowrap; }
.badge { display:inline-block; border-radius:999px; padding:1px 9px; font-size:12px; margin:1px 4px 1px 0; white-space:nowrap; }
#kiosk-health .badge { white-space:normal; } /* long alerts wrap inside the column */
.badge.bad { background:#fee2e2; color:#991b1b; }
.badge.ok { background:#dcfce7; color:#166534; }
.badge.warn { background:#fef3c7; color:#92400e; }
p.unreadable { color:#b91c1c; font-weight:600; }
tr.group th { text-align:left; padding-top:10px; }
tr.detail td:first-child { padding-left:24px; color:var(--muted); }
tr.alert td:first-child { box-shadow:inset 3px 0 0 #dc2626; }
.empty { color:var(--muted); background:#f9fafb; border:1px dashed #d1d5db; border-radius:8px; padding:28px 16px; text-align:center; margin:4px 0; }
.notice { border-radius:8px; padding:10px 14px; margin-bottom:18px; background:#ecfdf5; border:1px solid #a7f3d0; color:#065f46; }
.notice.error { background:#fef2f2; border-color:#fecaca; color:#991b1b; }
.card h2 + .data-actions { margin-top:12px; }
.data-actions { display:grid; grid-template-columns:minmax(0,1fr) minmax(0,1fr); gap:24px; }
.data-actions h3 { font-size:15px; margin:0 0 8px; font-weight:600; }
.data-actions .links { display:flex; flex-wrap:wrap; gap:10px; }
.data-actions form { display:flex; flex-wrap:wrap; gap:10px; align-items:center; margin:0; }
footer { color:var(--muted); font-size:12px; text-align:center; padding:8px 0 24px; }
.login { max-width:400px; margin:8vh auto; }
.library-actions form { display:inline-block; margin:2px 6px 2px 0; }
.library-actions button { padding:4px 10px; font-size:13px; white-space:nowrap; }
table.library { min-width:820px; }
.order-grid { display:grid; grid-template-columns:repeat(auto-fill, minmax(220px, 1fr)); gap:8px 16px; margin:8px 0 12px; }
.order-grid label { flex-direction:row; align-items:center; gap:8px; color:var(--ink); font-size:14px; }
.order-grid input { width:4.5em; }
.order-grid small { display:block; color:var(--muted); font-family:monospace; font-size:12px; }
.kiosk-order { border-top:1px solid var(--line); padding:12px 0 4px; }
.kiosk-order h3 { font-size:15px; margin:0; font-weight:600; }
.notice-grid { display:grid; grid-template-columns:repeat(auto-fill, minmax(170px, 1fr)); gap:10px 14px; margin:10px 0; }
fieldset { border:1px solid var(--line); border-radius:8px; margin:10px 0; padding:8px 12px; }
fieldset legend { font-size:13px; color:var(--muted); padding:0 4px; }
fieldset.pair { display:grid; grid-template-columns:minmax(0,1fr) minmax(0,1fr); gap:10px 14px; }
fieldset.venues { display:flex; flex-wrap:wrap; gap:6px 18px; }
label.check { flex-direction:row; align-items:center; gap:6px; color:var(--ink); font-size:14px; }
textarea { font:inherit; font-size:14px; border:1px solid #cbd5e1; border-radius:6px; padding:6px 10px; }
button.primary { background:#1e3a8a; color:#fff; border-color:#1e3a8a; margin-top:8px; }
button.danger { background:#fff; color:#991b1b; border-color:#fca5a5; }
table.notices { min-width:720px; }
table.notices td { vertical-align:top; }
table.notices .headline { display:block; margin:4px 0 2px; }
tr.past td { opacity:.6; }
.badge.drill { background:#1e3a8a; color:#fff; font-weight:700; font-size:13px; }
ul.not-reached { margin:4px 0; padding-left:18px; font-size:13px; }
details.update { margin-top:8px; }
.login form { display:flex; flex-direction:column; gap:14px; }
.login input { font-size:15px; padding:8px 10px; }
.login button { padding:9px; font-size:15px; }
svg.chart.narrow { display:none; }
svg .bar.today { fill:#1e3a8a; }
svg .today-mark { fill:#dc2626; }
svg .today-label { fill:#b91c1c; font-weight:600; }
.quick-ranges { display:flex; flex-wrap:wrap; gap:8px; margin:0 0 14px; }
.quick-ranges a.range { border:1px solid #cbd5e1; border-radius:999px; padding:3px 12px; text-decoration:none; font-size:14px; }
.quick-ranges a.range.active { background:var(--accent); border-color:var(--accent); color:#fff; }
.note.rules ul { margin:2px 0 0; padding-left:20px; }
@media (max-width: 1000px) {
  .grid2, .data-actions, fieldset.pair { grid-template-columns:minmax(0,1fr); }
  .stats { grid-template-columns:repeat(2, minmax(0,1fr)); }
  main { padding:14px 14px 32px; }
  header.top { padding:10px 14px; }
  svg .tick, svg .axis-title { font-size:18px; } /* the wide charts shrink with the screen: keep labels legible */
}
/* Phones and narrow tablets: the charts' narrow drawings, laid out for the width. */
@media (max-width: 760px) {
  svg.chart.wide { display:none; }
  svg.chart.narrow { display:block; max-width:520px; margin:0 auto; }
  svg.narrow .tick, svg.narrow .axis-title { font-size:14px; }
}
/* Phones: the kiosks' status first, table rows as cards ("label: value"), nothing wider than the screen. */
@media (max-width: 600px) {
  main { display:flex; flex-direction:column; padding:10px 8px 28px; }
  main > * { order:3; }
  main > .filters, main > .notice { order:1; }
  main > #kiosk-health { order:2; }
  header.top { padding:8px 10px; gap:6px 10px; }
  header.top h1 { font-size:18px; flex-basis:100%; }
  .card { padding:12px; margin-bottom:12px; }
  .card .note, label, .stat .label, .stat .detail, th, .sub, .badge, footer { font-size:13px; }
  .filters form { gap:10px; }
  .filters label { flex:1 1 140px; }
  .filters select, .filters input { width:100%; min-width:0; }
  .stats { gap:10px; margin-bottom:12px; }
  .stat { padding:10px 12px; }
  .stat .value { font-size:21px; }
  .grid2 { gap:0; }
  .grid2 > .card { margin-bottom:12px; }
  .scroll { overflow-x:visible; }
  table.cards, table.cards tbody, table.cards tr, table.cards td, table.cards th { display:block; }
  table.cards thead { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); }
  table.cards tr { border:1px solid var(--line); border-radius:8px; padding:6px 10px; margin:0 0 10px; }
  table.cards tr.alert { border-left:4px solid #dc2626; }
  table.cards tr.alert td:first-child { box-shadow:none; }
  table.cards tr.group { background:#f8fafc; margin-top:14px; }
  table.cards tr.detail { margin-left:14px; }
  table.cards tr.detail td:first-child { padding-left:0; }
  table.cards td, table.cards th { border:0; padding:3px 0; text-align:right; white-space:normal; overflow:hidden; }
  table.cards td::before { content:attr(data-label); float:left; margin-right:12px; color:var(--muted); font-size:13px; text-align:left; }
  table.cards td.title, table.cards th { text-align:left; font-weight:600; }
  table.cards td.title::before { content:none; }
  table.cards td.rank, table.cards td.blank { display:none; }
  table.cards td.meter-cell { width:auto; }
  table.cards .meter-line { justify-content:flex-end; }
  table.cards svg.meter { max-width:45%; }
  table.cards .sub { text-align:right; }
  table.cards td.title .sub { text-align:left; }
  .data-actions input[type=file] { max-width:100%; }
}
/* Printing (A4): the figures and tables on white, without the forms and buttons. */
@media print {
  @page { size:A4; margin:12mm; }
  body { background:#fff; color:#000; font-size:11pt; }
  header.top { background:none; color:#000; padding:0 0 6px; border-bottom:2px solid #1f2937; }
  header.top a, header.top form, .quick-ranges, .filters form, #data, button, .button, .notice:not(.error) { display:none !important; }
  main { max-width:none; padding:0; display:block; }
  .card, .stat { border:1px solid #9ca3af; border-radius:0; break-inside:avoid; page-break-inside:avoid; }
  .filters { border:0; padding:0; }
  .scope { margin:0; }
  h2 { break-after:avoid; page-break-after:avoid; }
  tr { break-inside:avoid; page-break-inside:avoid; }
  table { font-size:9pt; }
  th, td { padding:4px 5px; }
  td.nowrap { white-space:normal; }
  .grid2 { display:block; }
  .stats { grid-template-columns:repeat(4, minmax(0,1fr)); gap:8px; }
  .scroll { overflow:visible; }
  svg.chart.wide { display:block !important; }
  svg.chart.narrow { display:none !important; }
  svg .tick, svg .axis-title { font-size:17px; }
  footer { color:#000; }
}
)CSS";

} // namespace

void open_page(std::string& out, Language lang, std::string_view title) {
    out += "<!DOCTYPE html>\n<html lang=\"";
    out += lang == Language::En ? "en" : "zh-CN";
    out += "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
    out += esc(title);
    out += "</title>\n<style>";
    out += kCss;
    out += "</style>\n</head>\n<body>\n";
}

void hidden_field(std::string& out, std::string_view name, std::string_view value) {
    out += "<input type=\"hidden\" name=\"" + esc(name) + "\" value=\"" + esc(value) + "\">";
}

void append_page_header(std::string& out, const DashboardViewer& viewer, Language lang,
                        std::string_view csrf_token, std::string_view title,
                        std::string_view path) {
    const Language other = lang == Language::En ? Language::Zh : Language::En;
    const std::string code = language_code(lang), other_code = language_code(other);
    const std::string role = viewer.role == ViewerRole::ProvinceAdmin
                                 ? text_of("role_province_admin", lang)
                                 : text_of("role_venue_manager", lang);
    out += "<header class=\"top\"><h1>" + esc(title) + "</h1>";
    out += "<span class=\"who\">" + esc(viewer.name) + " · " + role + "</span>";
    out += "<a class=\"lang-toggle\" href=\"/dashboard?lang=" + code + "\">" +
           text_of("back_to_dashboard", lang) + "</a>";
    out += "<a class=\"lang-toggle\" href=\"" + esc(path) + "?lang=" + other_code +
           "\" hreflang=\"" + other_code + "\">" + text_of("language_toggle", lang) + "</a>";
    out += "<form method=\"post\" action=\"/logout\">";
    hidden_field(out, "csrf", csrf_token);
    hidden_field(out, "lang", code);
    out += "<button type=\"submit\">" + text_of("sign_out", lang) + "</button></form></header>\n";
}

void append_status_line(std::string& out, std::string_view status, bool is_error) {
    if (status.empty()) return;
    out += std::string("<div class=\"notice") + (is_error ? " error" : "") + "\" role=\"status\">" +
           esc(status) + "</div>\n";
}

void open_side_page(std::string& out, const DashboardViewer& viewer, Language lang,
                    std::string_view csrf_token, const std::string& title, std::string_view path,
                    std::string_view status, bool status_is_error) {
    open_page(out, lang, title + " · " + manager_text("app_title", lang));
    append_page_header(out, viewer, lang, csrf_token, title, path);
    out += "<main>\n";
    append_status_line(out, status, status_is_error);
}

void close_side_page(std::string& out) {
    out += "</main>\n</body>\n</html>\n";
}

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Dashboard: header, filter form and summary figures
//-----------------------------------------------------------------------------

void append_header(std::string& out, const DashboardData& data) {
    const Language lang = data.filter.language;
    DashboardFilter other = data.filter;
    other.language = lang == Language::En ? Language::Zh : Language::En;
    const std::string role = data.viewer.role == ViewerRole::ProvinceAdmin
                                 ? text_of("role_province_admin", lang)
                                 : text_of("role_venue_manager", lang);
    out += "<header class=\"top\"><h1>" + text_of("app_title", lang) + "</h1>";
    out += "<span class=\"who\">" + esc(data.viewer.name) + " · " + role + "</span>";
    out += "<a class=\"lang-toggle\" href=\"/dashboard/library?lang=" +
           std::string(language_code(lang)) + "\">" + text_of("library_title", lang) + "</a>";
    out += "<a class=\"lang-toggle\" href=\"/dashboard/notices?lang=" +
           std::string(language_code(lang)) + "\">" + text_of("notices_link", lang) + "</a>";
    out += "<a class=\"lang-toggle\" href=\"/dashboard/reports?lang=" +
           std::string(language_code(lang)) + "\">" + text_of("reports_link", lang) + "</a>";
    out += "<a class=\"lang-toggle\" href=\"" + esc(dashboard_url(other)) + "\" hreflang=\"" +
           language_code(other.language) + "\">" + text_of("language_toggle", lang) + "</a>";
    out += "<form method=\"post\" action=\"/logout\">";
    hidden_field(out, "csrf", data.csrf_token);
    hidden_field(out, "lang", language_code(lang));
    out += "<button type=\"submit\">" + text_of("sign_out", lang) + "</button></form></header>\n";
}

// A quick range's word (本月, 上月, ...).
std::string range_word(RangePreset preset, Language lang) {
    switch (preset) {
    case RangePreset::this_month:
        return manager_text("range_this_month", lang);
    case RangePreset::last_month:
        return manager_text("range_last_month", lang);
    case RangePreset::this_quarter:
        return manager_text("range_this_quarter", lang);
    case RangePreset::this_year:
        return manager_text("range_this_year", lang);
    case RangePreset::last_30_days:
        break;
    }
    return manager_text("range_last_30_days", lang);
}

// The quick ranges (本月, 上月, ...) as links for the filter's venue, each
// resolved against the venue's today; the one(s) the page shows marked.
void append_quick_ranges(std::string& out, const DashboardData& data) {
    const Language lang = data.filter.language;
    const std::string today = local_day(data.generated_utc_ms, data.utc_offset_min);
    out += "<nav class=\"quick-ranges\" aria-label=\"" + text_of("quick_ranges", lang) + "\">";
    for (RangePreset preset : kRangePresets) {
        const std::optional<DayRange> range = preset_range(preset, today);
        const bool active = range && range->from == data.filter.from && range->to == data.filter.to;
        const std::string url =
            "/dashboard?venue=" + url_encode(data.filter.venue_id) +
            (data.filter.region.empty() ? "" : "&region=" + url_encode(data.filter.region)) +
            "&range=" + std::string(range_preset_name(preset)) + "&lang=" + language_code(lang);
        out += "<a class=\"range" + std::string(active ? " active\" aria-current=\"true" : "") +
               "\" href=\"" + esc(url) + "\">" + esc(range_word(preset, lang)) + "</a>";
    }
    out += "</nav>";
}

// The region select (地区), for a province administrator when some venue has
// a division code: every region, then the provinces and cities by code (a
// city under its province); a region asked for that has no venues is kept.
void append_region_select(std::string& out, const DashboardData& data) {
    if (data.regions.empty()) return;
    const Language lang = data.filter.language;
    out += "<label>" + text_of("region", lang) + "<select name=\"region\"><option value=\"\"";
    if (data.filter.region.empty()) out += " selected";
    out += ">" + text_of("all_regions", lang) + "</option>";
    std::vector<std::string> regions = data.regions;
    if (!data.filter.region.empty() &&
        std::find(regions.begin(), regions.end(), data.filter.region) == regions.end())
        regions.insert(std::upper_bound(regions.begin(), regions.end(), data.filter.region),
                       data.filter.region);
    for (const std::string& region : regions) {
        out += "<option value=\"" + esc(region) + "\"";
        if (region == data.filter.region) out += " selected";
        // A city or county indented under its province (no division names are kept).
        out += ">" + std::string(region.size() > 2 ? "\u3000" : "") + esc(region) + "</option>";
    }
    out += "</select></label>";
}

// Whether the page reads a region that has no venues (its figures are all 0).
bool region_without_venues(const DashboardFilter& filter) {
    return !filter.region.empty() && filter.venue_id.empty() &&
           filter.region_venues == std::vector<std::string>{""};
}

// The filter card: the quick ranges, the form (filled with `data.filter`),
// and the scope line under it unless the query was refused.
void append_filter_form(std::string& out, const DashboardData& data, bool refused = false) {
    const Language lang = data.filter.language;
    out += "<section class=\"card filters\">";
    append_quick_ranges(out, data);
    out += "<form method=\"get\" action=\"/dashboard\">";
    out += "<label>" + text_of("venue", lang) + "<select name=\"venue\">";
    if (data.viewer.role == ViewerRole::ProvinceAdmin) {
        out += "<option value=\"\"";
        if (data.filter.venue_id.empty()) out += " selected";
        out += ">" + text_of("all_venues", lang) + "</option>";
    }
    for (const DashboardVenue& venue : data.venues) {
        out += "<option value=\"" + esc(venue.id) + "\"";
        if (venue.id == data.filter.venue_id) out += " selected";
        out += ">" + esc(venue_name(venue, lang)) + "</option>";
    }
    out += "</select></label>";
    append_region_select(out, data);
    append_kiosk_select(out, data);
    out += "<label>" + text_of("from", lang) + "<input type=\"date\" name=\"from\" value=\"" +
           esc(data.filter.from) + "\" required></label>";
    out += "<label>" + text_of("to", lang) + "<input type=\"date\" name=\"to\" value=\"" +
           esc(data.filter.to) + "\" required></label>";
    hidden_field(out, "lang", language_code(lang));
    out += "<button type=\"submit\">" + text_of("apply", lang) + "</button></form>";
    if (refused) {
        out += "</section>\n";
        return;
    }

    std::string scope = data.filter.region.empty()
                            ? text_of("all_venues", lang)
                            : esc(manager_text("region_named", lang,
                                               {{"region", std::string_view(data.filter.region)}}));
    for (const DashboardVenue& venue : data.venues)
        if (venue.id == data.filter.venue_id) scope = esc(venue_name(venue, lang));
    out += "<p class=\"scope\">" + scope + " · " + esc(data.filter.from) + " " +
           text_of("range_to", lang) + " " + esc(data.filter.to) + "</p></section>\n";
}

void append_stat(std::string& out, const std::string& label, const std::string& value,
                 const std::string& detail, bool warn = false) {
    out += "<div class=\"stat\"><div class=\"label\">" + label + "</div><div class=\"value" +
           (warn ? " warn" : "") + "\">" + value + "</div><div class=\"detail\">" + detail +
           "</div></div>";
}

void append_summary(std::string& out, const DashboardData& data) {
    const Language lang = data.filter.language;
    CheckedSum sessions;
    double session_seconds = 0;
    const DayVisitors* busiest = nullptr;
    for (const DayVisitors& day : data.visitors_per_day) {
        sessions += day.sessions;
        session_seconds += static_cast<double>(day.sessions) * day.average_session_s;
        if (day.sessions > 0 && (!busiest || day.sessions > busiest->sessions)) busiest = &day;
    }
    int64_t alerted = 0;
    for (const KioskHealth& kiosk : data.kiosks)
        alerted += kiosk.alerts.any() ? 1 : 0;

    const std::string range =
        esc(data.filter.from) + " " + text_of("range_to", lang) + " " + esc(data.filter.to);
    out += "<div class=\"stats\">";
    if (data.unreadable.visitors) {
        append_stat(out, text_of("total_visitors", lang), "–", text_of("data_unreadable", lang),
                    true);
    } else if (!sessions.value()) {
        append_stat(out, text_of("total_visitors", lang), text_of("total_too_large", lang), range,
                    true);
    } else {
        append_stat(out, text_of("total_visitors", lang), format_integer(*sessions.value()), range);
    }
    const int64_t session_count = sessions.value().value_or(0);
    append_stat(out, text_of("average_session", lang),
                session_count > 0 ? esc(format_duration(
                                        session_seconds / static_cast<double>(session_count), lang))
                                  : "–",
                "");
    append_stat(out, text_of("busiest_day", lang), busiest ? esc(busiest->day) : "–",
                busiest ? format_integer(busiest->sessions) + " " + text_of("visits_unit", lang)
                        : "");
    append_stat(
        out, text_of("kiosks_needing_attention", lang), format_integer(alerted),
        esc(manager_text("of_kiosks", lang, {{"n", static_cast<int64_t>(data.kiosks.size())}})),
        alerted > 0);
    out += "</div>\n";
}

//-----------------------------------------------------------------------------
// [SECTION] Dashboard: the charts (visitors per day, hour of week)
//-----------------------------------------------------------------------------

// What one bar of the visitors chart counts: a day on ranges up to three
// months, a week (Monday to Sunday) up to about a year and a half, a month
// beyond, so a long range never draws hairline bars.
enum class BarUnit { day, week, month };

BarUnit bar_unit(int64_t day_count) {
    return day_count <= 92 ? BarUnit::day : day_count <= 550 ? BarUnit::week : BarUnit::month;
}

// The first day of the week or month `day` is in (the day itself for days).
chrono::sys_days bucket_start(chrono::sys_days day, BarUnit unit) {
    if (unit == BarUnit::week) return day - chrono::days{chrono::weekday{day}.iso_encoding() - 1};
    if (unit == BarUnit::month) {
        const chrono::year_month_day date{day};
        return chrono::sys_days{date.year() / date.month() / 1};
    }
    return day;
}

// The first and last day the visitors chart covers: the filter's range, and
// any day of data outside it; nullopt when a day does not parse (never from
// the store) or the span is too long to fill.
std::optional<std::pair<chrono::sys_days, chrono::sys_days>> chart_span(const DashboardData& data) {
    std::optional<chrono::sys_days> first = parse_day(data.filter.from);
    std::optional<chrono::sys_days> last = parse_day(data.filter.to);
    for (const DayVisitors& day : data.visitors_per_day) {
        const auto parsed = parse_day(day.day);
        if (!parsed) return std::nullopt;
        if (!first || *parsed < *first) first = parsed;
        if (!last || *parsed > *last) last = parsed;
    }
    if (!first || !last || (*last - *first).count() >= kMaxFilledDays) return std::nullopt;
    return std::pair{*first, *last};
}

BarUnit chart_unit(const DashboardData& data) {
    const auto span = chart_span(data);
    return span ? bar_unit((span->second - span->first).count() + 1) : BarUnit::day;
}

// The chart's span as bars of `unit`, missing days as 0, the bar holding
// today marked, and at most `max_labels` axis labels ("11-20" under days,
// "2026-03" under the first week of a month and under months). Without a
// span (chart_span) each day is one bar, unlabelled.
std::vector<DayBar> visitor_bars(const DashboardData& data, BarUnit unit, size_t max_labels) {
    const Language lang = data.filter.language;
    const auto tooltip = [lang](const std::string& span, int64_t sessions, double average_s) {
        std::string text =
            span + " · " + format_integer(sessions) + " " + manager_text("visits_unit", lang);
        if (sessions > 0)
            text += " · " + manager_text("average_session", lang) + " " +
                    format_duration(average_s, lang);
        return text;
    };

    std::vector<DayBar> bars;
    const auto span = chart_span(data);
    if (!span) {
        for (const DayVisitors& day : data.visitors_per_day)
            bars.push_back({"", static_cast<double>(day.sessions),
                            tooltip(day.day, day.sessions, day.average_session_s)});
        return bars;
    }
    const auto [first, last] = *span;

    std::map<chrono::sys_days, const DayVisitors*> by_day;
    for (const DayVisitors& day : data.visitors_per_day)
        by_day[*parse_day(day.day)] = &day;
    const std::optional<chrono::sys_days> today =
        parse_day(local_day(data.generated_utc_ms, data.utc_offset_min));

    struct Bucket {
        chrono::sys_days from, to;
        CheckedSum sessions;
        double session_seconds = 0;
    };
    std::vector<Bucket> buckets;
    for (chrono::sys_days day = first; day <= last; day += chrono::days{1}) {
        if (buckets.empty() || bucket_start(day, unit) != bucket_start(buckets.back().from, unit))
            buckets.push_back({day, day, {}, 0});
        Bucket& bucket = buckets.back();
        bucket.to = day;
        if (const auto found = by_day.find(day); found != by_day.end()) {
            bucket.sessions += found->second->sessions;
            bucket.session_seconds +=
                static_cast<double>(found->second->sessions) * found->second->average_session_s;
        }
    }

    std::vector<size_t> labelled; // the bars that may carry a label
    for (const Bucket& bucket : buckets) {
        const int64_t sessions = bucket.sessions.value().value_or(0);
        const std::string days = bucket.from == bucket.to
                                     ? format_day(bucket.from)
                                     : format_day(bucket.from) + " – " + format_day(bucket.to);
        DayBar bar{
            "", static_cast<double>(sessions),
            tooltip(days, sessions,
                    sessions > 0 ? bucket.session_seconds / static_cast<double>(sessions) : 0)};
        bar.today = today && bucket.from <= *today && *today <= bucket.to;
        const bool month_begins =
            chrono::year_month_day{bucket.to}.day() < chrono::year_month_day{bucket.from}.day() ||
            chrono::year_month_day{bucket.from}.day() == chrono::day{1};
        if (unit != BarUnit::week || month_begins) labelled.push_back(bars.size());
        bars.push_back(std::move(bar));
    }
    if (labelled.empty()) labelled.push_back(0); // weeks within one month
    const size_t step = std::max<size_t>(1, (labelled.size() + max_labels - 1) / max_labels);
    for (size_t i = 0; i < labelled.size(); i += step) {
        const Bucket& bucket = buckets[labelled[i]];
        const chrono::sys_days labelled_day =
            unit == BarUnit::week ? bucket_start(bucket.to, BarUnit::month) : bucket.from;
        bars[labelled[i]].axis_label =
            unit == BarUnit::day ? format_day(bucket.from).substr(5)
                                 : format_day(std::max(labelled_day, bucket.from)).substr(0, 7);
    }
    return bars;
}

void append_visitors_chart(std::string& out, const DashboardData& data) {
    const Language lang = data.filter.language;
    const BarUnit unit = chart_unit(data);
    const std::string title = unit == BarUnit::day    ? manager_text("visitors_per_day", lang)
                              : unit == BarUnit::week ? manager_text("visitors_per_week", lang)
                                                      : manager_text("visitors_per_month", lang);
    out += "<section class=\"card\" id=\"visitors-per-day\"><h2>" + esc(title) +
           "</h2><p class=\"note\">" + esc(data.filter.from) + " " + text_of("range_to", lang) +
           " " + esc(data.filter.to) + "</p>";
    bool any = false;
    for (const DayVisitors& day : data.visitors_per_day)
        any = any || day.sessions > 0;
    if (data.unreadable.visitors) {
        append_unreadable(out, lang);
    } else if (any) {
        out += svg_both_layouts([&](ChartLayout layout) {
            const size_t max_labels = layout == ChartLayout::narrow ? 4
                                      : unit == BarUnit::day        ? 16
                                                                    : 13;
            return svg_day_bar_chart(visitor_bars(data, unit, max_labels),
                                     manager_text("visitors_axis", lang), title, layout,
                                     manager_text("today", lang));
        });
    } else {
        append_empty(out, lang);
    }
    out += "</section>\n";
}

void append_heat_map(std::string& out, const DashboardData& data) {
    const Language lang = data.filter.language;
    out += "<section class=\"card\" id=\"hour-of-week\"><h2>" + text_of("hour_of_week", lang) +
           "</h2><p class=\"note\">" + text_of("hour_of_week_note", lang) + "</p>";
    bool any = false;
    for (const auto& day : data.sessions_by_hour_of_week)
        for (int64_t count : day)
            any = any || count > 0;
    if (data.unreadable.hour_of_week) {
        append_unreadable(out, lang);
    } else if (any) {
        HeatMapLabels labels;
        labels.weekdays = weekday_names(lang);
        labels.unit = manager_text("visits_unit", lang);
        labels.fewer = manager_text("fewer", lang);
        labels.more = manager_text("more", lang);
        labels.peak = manager_text("peak", lang);
        out += svg_both_layouts([&](ChartLayout layout) {
            return svg_week_heat_map(data.sessions_by_hour_of_week, labels,
                                     manager_text("hour_of_week", lang), layout);
        });
    } else {
        append_empty(out, lang);
    }
    out += "</section>\n";
}

//-----------------------------------------------------------------------------
// [SECTION] Dashboard: the tables (top exhibits, quiz accuracy, findings, kiosk health)
//-----------------------------------------------------------------------------

void append_top_exhibits(std::string& out, const DashboardData& data) {
    const Language lang = data.filter.language;
    out += "<section class=\"card\" id=\"top-exhibits\"><h2>" + text_of("top_exhibits", lang) +
           "</h2>";
    if (data.unreadable.top_exhibits || data.top_exhibits.empty()) {
        if (data.unreadable.top_exhibits)
            append_unreadable(out, lang);
        else
            append_empty(out, lang);
        out += "</section>\n";
        return;
    }
    int64_t max_visits = 0;
    for (const ExhibitUsage& exhibit : data.top_exhibits)
        max_visits = std::max(max_visits, exhibit.visits);
    const std::string exhibit_label = text_of("exhibit", lang),
                      visits_label = text_of("visits", lang),
                      total_label = text_of("dwell_total", lang),
                      average_label = text_of("dwell_per_visit", lang);
    out += "<div class=\"scroll\"><table class=\"cards\"><thead><tr><th></th><th>" + exhibit_label +
           "</th><th>" + visits_label + "</th><th class=\"num\">" + total_label +
           "</th><th class=\"num\">" + average_label + "</th></tr></thead><tbody>";
    int rank = 0;
    for (const ExhibitUsage& exhibit : data.top_exhibits) {
        const std::string& title = exhibit.title.empty() ? exhibit.id : exhibit.title;
        out += "<tr><td class=\"rank\">" + std::to_string(++rank) + "</td>" +
               open_cell(exhibit_label, "title") + esc(title) + "<span class=\"sub id\">" +
               esc(exhibit.id) + "</span></td>";
        out += meter_cell(max_visits > 0 ? static_cast<double>(exhibit.visits) /
                                               static_cast<double>(max_visits)
                                         : 0,
                          "#3b6fd8", format_integer(exhibit.visits), visits_label);
        // The total as a duration, and the average per visit beside it: the
        // same words and units as the average-session card above.
        out += open_cell(total_label, "num") +
               esc(format_duration(exhibit.dwell_minutes * 60, lang)) + "</td>" +
               open_cell(average_label, "num") +
               (exhibit.visits > 0
                    ? esc(format_duration(
                          exhibit.dwell_minutes * 60 / static_cast<double>(exhibit.visits), lang))
                    : "–") +
               "</td></tr>";
    }
    out += "</tbody></table></div></section>\n";
}

void append_quiz_accuracy(std::string& out, const DashboardData& data) {
    const Language lang = data.filter.language;
    out += "<section class=\"card\" id=\"quiz-accuracy\"><h2>" + text_of("quiz_accuracy", lang) +
           "</h2>";
    if (data.unreadable.quiz_accuracy || data.quiz_accuracy.empty()) {
        if (data.unreadable.quiz_accuracy)
            append_unreadable(out, lang);
        else
            append_empty(out, lang);
        out += "</section>\n";
        return;
    }
    const std::string question_label = text_of("question", lang),
                      answers_label = text_of("answers", lang),
                      correct_label = text_of("correct", lang),
                      accuracy_label = text_of("accuracy", lang);
    out += "<div class=\"scroll\"><table class=\"cards\"><thead><tr><th>" + question_label +
           "</th><th class=\"num\">" + answers_label + "</th><th class=\"num\">" + correct_label +
           "</th><th>" + accuracy_label + "</th></tr></thead><tbody>";
    for (const QuestionAccuracy& question : data.quiz_accuracy) {
        const std::string& text = question.text.empty() ? question.question_id : question.text;
        const char* colour = question.accuracy < 0.5    ? "#dc2626"
                             : question.accuracy < 0.75 ? "#d97706"
                                                        : "#16a34a";
        out += "<tr>" + open_cell(question_label, "title") + esc(text) + "<span class=\"sub id\">" +
               esc(question.pack) + " · " + esc(question.question_id) + "</span></td>" +
               open_cell(answers_label, "num") + format_integer(question.answers) + "</td>" +
               open_cell(correct_label, "num") + format_integer(question.correct) + "</td>";
        out += meter_cell(question.accuracy, colour, format_percent(question.accuracy),
                          accuracy_label);
        out += "</tr>";
    }
    out += "</tbody></table></div></section>\n";
}

// Per exhibit, each finding's share of the exhibit's visitors (a meter and the
// sentence), its events and visitors, and its field values' rows under it.
void append_findings(std::string& out, const DashboardData& data) {
    const Language lang = data.filter.language;
    out +=
        "<section class=\"card\" id=\"findings\"><h2>" + text_of("report_findings", lang) + "</h2>";
    if (data.unreadable.findings || data.findings.empty()) {
        if (data.unreadable.findings)
            append_unreadable(out, lang);
        else
            append_empty(out, lang);
        out += "</section>\n";
        return;
    }
    const std::string finding_label = text_of("report_finding", lang),
                      share_label = text_of("report_share_percent", lang),
                      visitors_label = text_of("report_visitors", lang),
                      events_label = text_of("report_events", lang);
    out += "<div class=\"scroll\"><table class=\"cards\"><thead><tr><th>" + finding_label +
           "</th><th>" + share_label + "</th><th class=\"num\">" + visitors_label +
           "</th><th class=\"num\">" + events_label + "</th></tr></thead><tbody>";
    const auto share_cell = [&](int64_t visitors, int64_t of) {
        const int percent = share_percent(visitors, of);
        return percent < 0 ? open_cell(share_label, "num") + "–</td>"
                           : meter_cell(std::min(1.0, double(visitors) / double(of)), "#7c3aed",
                                        std::to_string(percent) + "%", share_label);
    };
    for (const ExhibitFindings& exhibit : data.findings) {
        const std::string& title = exhibit.title.empty() ? exhibit.exhibit : exhibit.title;
        out += "<tr class=\"group\"><th colspan=\"2\">" + esc(title) + "<span class=\"sub id\">" +
               esc(exhibit.exhibit) + "</span></th>" + open_cell(visitors_label, "num") +
               format_integer(exhibit.visitors) + "</td><td class=\"blank\"></td></tr>";
        for (const Finding& finding : exhibit.findings) {
            out += "<tr>" + open_cell(finding_label, "title") +
                   esc(finding_share_text(finding, exhibit.visitors, lang)) + "</td>" +
                   share_cell(finding.visitors, exhibit.visitors) +
                   open_cell(visitors_label, "num") + format_integer(finding.visitors) + "</td>" +
                   open_cell(events_label, "num") + format_integer(finding.events) + "</td></tr>";
            for (const FindingValue& value : finding.values)
                out += "<tr class=\"detail\">" + open_cell(finding_label, "title") +
                       esc(finding_value_share_text(value, exhibit.visitors, lang)) + "</td>" +
                       share_cell(value.visitors, exhibit.visitors) +
                       open_cell(visitors_label, "num") + format_integer(value.visitors) +
                       "</td><td class=\"blank\"></td></tr>";
        }
    }
    out += "</tbody></table></div></section>\n";
}

// The word a kiosk's failure reason starts with ("disk: the snapshot needs
// ..." -> "disk"; sync::ContentFailure), or the whole text when it has none.
std::string failure_reason_word(const std::string& reason) {
    return reason.substr(0, reason.find(": "));
}

// The kiosk's reason for a failed package in the managers' words: the
// reasons of sync::ContentFailure, and any other text as the kiosk sent it.
std::string failure_reason_text(const std::string& reason, Language lang) {
    const std::string word = failure_reason_word(reason);
    if (word == "signature") return manager_text("content_reason_signature", lang);
    if (word == "not reviewed") return manager_text("content_reason_not_reviewed", lang);
    if (word == "review expired") return manager_text("content_reason_review_expired", lang);
    if (word == "sha256") return manager_text("content_reason_sha256", lang);
    if (word == "disk") return manager_text("content_reason_disk", lang);
    if (word == "download") return manager_text("content_reason_download", lang);
    if (word == "snapshot") return manager_text("content_reason_snapshot", lang);
    if (reason.empty()) return manager_text("content_reason_unknown", lang);
    return reason;
}

// The content cell of a kiosk's row: a badge with the state and a line below.
std::string content_cell(const KioskContent& content, Language lang) {
    const auto cell = [lang](const char* tone, const std::string& word, const std::string& detail) {
        return open_cell(text_of("content_column", lang), "content") + "<span class=\"badge " +
               tone + "\">" + esc(word) + "</span>" +
               (detail.empty() ? "" : "<span class=\"sub\">" + esc(detail) + "</span>") + "</td>";
    };
    switch (content.status) {
    case ContentStatus::UpToDate:
        return cell("ok content-up-to-date", manager_text("content_up_to_date", lang),
                    manager_text("content_snapshot_version", lang, {{"n", content.live_version}}));
    case ContentStatus::Waiting:
        return cell("warn content-waiting", manager_text("content_waiting", lang),
                    manager_text("content_waiting_for", lang, {{"n", content.hub_version}}));
    case ContentStatus::Downloading:
        return cell("warn content-downloading",
                    manager_text("content_downloading", lang,
                                 {{"have", content.have}, {"need", content.need}}),
                    "");
    case ContentStatus::Failed:
        return cell("bad content-failed",
                    manager_text("content_failed", lang,
                                 {{"reason", failure_reason_text(content.failure_reason, lang)}}),
                    manager_text("content_failed_count", lang, {{"n", content.failure_count}}) +
                        (content.failure_package.empty() ? "" : " · " + content.failure_package) +
                        // The kiosk's own detail after the word, when the word was translated.
                        (failure_reason_word(content.failure_reason) != content.failure_reason
                             ? " · " + content.failure_reason
                             : ""));
    case ContentStatus::Expired:
        return cell("bad content-expired", manager_text("content_expired", lang),
                    content.live_version > 0
                        ? manager_text("content_expired_shows", lang, {{"n", content.live_version}})
                        : "");
    case ContentStatus::None:
        return cell("warn content-none", manager_text("content_none", lang), "");
    case ContentStatus::Unreadable:
        return cell("bad content-unreadable", manager_text("content_unreadable", lang), "");
    case ContentStatus::NotReported:
        break;
    }
    return cell("warn content-not-reported", manager_text("content_not_reported", lang),
                content.hub_version > 0
                    ? manager_text("content_waiting_for", lang, {{"n", content.hub_version}})
                    : "");
}

// The rules that raise an alert, as rules ("An alert is raised when: ..."),
// not as a list that reads like current problems.
void append_alert_rules(std::string& out, const DashboardData& data) {
    const Language lang = data.filter.language;
    out += "<div class=\"note rules\">" + text_of("alert_rules_intro", lang) + "<ul><li>" +
           esc(manager_text("alert_silent", lang, {{"n", data.silent_alert_days}})) + "</li><li>" +
           text_of("alert_clock_skew", lang) + "</li><li>" + text_of("alert_low_disk", lang) +
           "</li><li>" +
           esc(manager_text("alert_many_epochs_rule", lang, {{"n", data.many_epochs_alert}})) +
           "</li></ul></div>";
}

void append_kiosk_health(std::string& out, const DashboardData& data) {
    const Language lang = data.filter.language;
    out += "<section class=\"card\" id=\"kiosk-health\"><h2>" + text_of("kiosk_health", lang) +
           "</h2>";
    append_alert_rules(out, data);
    if (data.unreadable.kiosks) {
        append_unreadable(out, lang);
        out += "</section>\n";
        return;
    }
    if (data.kiosks.empty()) {
        out += "<p class=\"empty\">" + text_of("no_kiosks", lang) + "</p></section>\n";
        return;
    }
    const std::string kiosk_label = text_of("kiosk", lang), venue_label = text_of("venue", lang),
                      seen_label = text_of("last_seen", lang),
                      version_label = text_of("version", lang),
                      disk_label = text_of("disk_free", lang),
                      errors_label = text_of("errors", lang),
                      skew_label = text_of("clock_skew", lang),
                      alerts_label = text_of("alerts", lang);
    out += "<div class=\"scroll\"><table class=\"cards\"><thead><tr><th>" + kiosk_label +
           "</th><th>" + text_of("content_column", lang) + "</th><th>" + venue_label + "</th><th>" +
           seen_label + "</th><th>" + version_label + "</th><th class=\"num\">" + disk_label +
           "</th><th class=\"num\">" + errors_label + "</th><th class=\"num\">" + skew_label +
           "</th><th>" + alerts_label + "</th></tr></thead><tbody>";
    for (const KioskHealth& kiosk : data.kiosks) {
        out += kiosk.alerts.any() ? "<tr class=\"alert\">" : "<tr>";
        // the content next to the id: on a phone both lead the kiosk's card
        out += open_cell(kiosk_label, "title nowrap") + esc(kiosk.id) + "</td>" +
               content_cell(kiosk.content, lang) + open_cell(venue_label) + esc(kiosk.venue) +
               "</td>";
        if (kiosk.last_seen_utc_ms > 0) {
            out += open_cell(seen_label, "nowrap") +
                   esc(manager_time(kiosk.last_seen_utc_ms, data.utc_offset_min, lang)) +
                   "<span class=\"sub\">" +
                   esc(format_ago(kiosk.last_seen_utc_ms, data.generated_utc_ms, lang)) +
                   "</span></td>";
        } else {
            out += open_cell(seen_label) + text_of("never", lang) + "</td>";
        }
        out += open_cell(version_label) + esc(kiosk.software_version) + "</td>" +
               open_cell(disk_label, "num") + esc(format_disk(kiosk.disk_free_mb)) + "</td>" +
               open_cell(errors_label, "num") + format_integer(kiosk.error_count) + "</td>" +
               open_cell(skew_label, "num") + esc(format_clock_skew(kiosk.clock_skew_ms, lang)) +
               "</td>" + open_cell(alerts_label);
        if (kiosk.alerts.silent)
            out += "<span class=\"badge bad alert-silent\">" +
                   esc(manager_text("alert_silent", lang, {{"n", data.silent_alert_days}})) +
                   "</span>";
        if (kiosk.alerts.clock_skew)
            out += "<span class=\"badge bad alert-clock\">" + text_of("alert_clock_skew", lang) +
                   "</span>";
        if (kiosk.alerts.low_disk)
            out += "<span class=\"badge bad alert-disk\">" + text_of("alert_low_disk", lang) +
                   "</span>";
        if (kiosk.alerts.many_epochs)
            out += "<span class=\"badge bad alert-epochs\">" +
                   esc(manager_text("alert_many_epochs", lang, {{"n", kiosk.recent_epochs}})) +
                   "</span>";
        if (!kiosk.alerts.any())
            out += "<span class=\"badge ok\">" + text_of("all_good", lang) + "</span>";
        out += "</td></tr>";
    }
    out += "</tbody></table></div></section>\n";
}

//-----------------------------------------------------------------------------
// [SECTION] Dashboard: export links and the bundle upload form
//-----------------------------------------------------------------------------

void append_data_actions(std::string& out, const DashboardData& data) {
    const Language lang = data.filter.language;
    out += "<section class=\"card\" id=\"data\"><h2>" + text_of("data_section", lang) +
           "</h2><div class=\"data-actions\"><div><h3>" + text_of("export", lang) +
           "</h3><div class=\"links\">";
    const std::pair<const char*, std::string> formats[] = {{"csv", text_of("export_csv", lang)},
                                                           {"xlsx", text_of("export_xlsx", lang)},
                                                           {"json", text_of("export_json", lang)}};
    for (const auto& [format, label] : formats) {
        out += "<a class=\"button secondary export-";
        out += format;
        out += "\" href=\"" + esc(dashboard_url(data.filter, format)) + "\">" + label + "</a>";
    }
    out += "</div></div><div>";
    // The monthly report (issue 20): last month by default, in the venues' zone.
    const std::string today = local_day(data.generated_utc_ms, data.utc_offset_min);
    // A region's page offers its report: the region without a venue.
    out += render_monthly_report_form(
        {lang, data.venues, data.viewer.role == ViewerRole::ProvinceAdmin,
         data.filter.region.empty() ? data.filter.venue_id : "",
         month_before(today).value_or(month_of_day(today).value_or("")), "", data.regions,
         data.filter.venue_id.empty() ? data.filter.region : ""});
    out += "</div><div><h3>" + text_of("import", lang) + "</h3><p class=\"note\">" +
           text_of("import_hint", lang) + "</p>";
    out += "<form method=\"post\" action=\"/dashboard/import\" enctype=\"multipart/form-data\">";
    hidden_field(out, "csrf", data.csrf_token);
    hidden_field(out, "venue", data.filter.venue_id);
    hidden_field(out, "kiosk", data.filter.kiosk_id);
    hidden_field(out, "region", data.filter.region);
    hidden_field(out, "from", data.filter.from);
    hidden_field(out, "to", data.filter.to);
    hidden_field(out, "lang", language_code(lang));
    out += "<input type=\"file\" name=\"bundle\" required><button type=\"submit\">" +
           text_of("import_button", lang) + "</button></form></div></div></section>\n";
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Public: weekday names, venue time, URLs, the sign-in and dashboard pages
//-----------------------------------------------------------------------------

std::array<std::string, 7> weekday_names(Language language) {
    return {manager_text("monday", language),    manager_text("tuesday", language),
            manager_text("wednesday", language), manager_text("thursday", language),
            manager_text("friday", language),    manager_text("saturday", language),
            manager_text("sunday", language)};
}

std::string dashboard_url(const DashboardFilter& filter, std::string_view format) {
    std::string url =
        format.empty() ? "/dashboard?" : "/dashboard/export?format=" + url_encode(format) + "&";
    url += "venue=" + url_encode(filter.venue_id);
    if (!filter.kiosk_id.empty()) url += "&kiosk=" + url_encode(filter.kiosk_id);
    if (!filter.region.empty()) url += "&region=" + url_encode(filter.region);
    url += "&from=" + url_encode(filter.from) + "&to=" + url_encode(filter.to) +
           "&lang=" + language_code(filter.language);
    return url;
}

std::string render_login_page(Language language, std::string_view error_message,
                              std::string_view csrf_token) {
    const Language lang = language;
    const Language other = lang == Language::En ? Language::Zh : Language::En;
    std::string out;
    open_page(out, lang,
              manager_text("login_title", lang) + " · " + manager_text("app_title", lang));
    out += "<header class=\"top\"><h1>" + text_of("app_title", lang) +
           "</h1><a class=\"lang-toggle\" href=\"/login?lang=" + language_code(other) +
           "\" hreflang=\"" + language_code(other) + "\">" + text_of("language_toggle", lang) +
           "</a></header>\n<main><section class=\"card login\"><h2>" +
           text_of("login_title", lang) + "</h2><p class=\"note\">" + text_of("login_intro", lang) +
           "</p>";
    if (!error_message.empty())
        out += "<div class=\"notice error\" role=\"alert\">" + esc(error_message) + "</div>";
    out += "<form method=\"post\" action=\"/login\">";
    hidden_field(out, "csrf", csrf_token);
    hidden_field(out, "lang", language_code(lang));
    out += "<label>" + text_of("username", lang) +
           "<input type=\"text\" name=\"username\" autocomplete=\"username\" required "
           "autofocus></label><label>" +
           text_of("password", lang) +
           "<input type=\"password\" name=\"password\" autocomplete=\"current-password\" "
           "required></label><button type=\"submit\">" +
           text_of("sign_in", lang) + "</button></form></section></main>\n</body>\n</html>\n";
    return out;
}

std::string render_dashboard_refusal(const DashboardData& data, std::string_view message) {
    const Language lang = data.filter.language;
    std::string out;
    open_page(out, lang, manager_text("app_title", lang));
    append_header(out, data);
    out += "<main>\n<div class=\"notice error\" role=\"alert\">" + esc(message) + "</div>\n";
    append_filter_form(out, data, true);
    out += "</main>\n</body>\n</html>\n";
    return out;
}

std::string render_dashboard_page(const DashboardData& data) {
    const Language lang = data.filter.language;
    std::string out;
    out.reserve(64 * 1024);
    open_page(out, lang, manager_text("app_title", lang));
    append_header(out, data);
    out += "<main>\n";
    append_filter_form(out, data);
    if (region_without_venues(data.filter))
        append_status_line(out,
                           manager_text("region_no_venues", lang,
                                        {{"region", std::string_view(data.filter.region)}}),
                           false);
    if (data.unreadable.any())
        out += "<div class=\"notice error\" role=\"alert\">" +
               text_of("data_unreadable_notice", lang) + "</div>\n";
    append_status_line(out, data.notice, data.notice_is_error);
    append_summary(out, data);
    append_visitors_chart(out, data);
    append_heat_map(out, data);
    out += "<div class=\"grid2\">";
    append_top_exhibits(out, data);
    append_quiz_accuracy(out, data);
    append_findings(out, data);
    out += "</div>\n";
    append_kiosk_health(out, data);
    append_availability_sections(out, data);
    append_data_actions(out, data);
    out += "</main>\n<footer>" + text_of("generated_at", lang) + " " +
           esc(manager_time(data.generated_utc_ms, data.utc_offset_min, lang)) +
           "</footer>\n</body>\n</html>\n";
    return out;
}

} // namespace kiosk::dashboard
