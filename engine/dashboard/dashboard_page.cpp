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

#include "core/checked_sum.h"
#include "core/manager_text.h"

#include <algorithm>
#include <chrono>
#include <cmath>
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

void append_empty(std::string& out, Language lang) {
    out += "<p class=\"empty\">" + text_of("no_data_for_range", lang) + "</p>";
}

// In place of a section's table or chart when its numbers could not be read.
void append_unreadable(std::string& out, Language lang) {
    out += "<p class=\"unreadable\">" + text_of("data_unreadable", lang) + "</p>";
}

// A horizontal meter and its figure, side by side, for a table cell.
std::string meter_cell(double fraction, std::string_view colour, const std::string& figure) {
    return "<td class=\"meter-cell\"><div class=\"meter-line\">" +
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
svg .tick { font-size:12px; fill:#6b7280; }
svg .axis-title { font-size:12px; fill:#374151; }
svg.meter { display:block; flex:1 1 auto; min-width:50px; height:10px; }
svg .meter-track { fill:#e8ebf0; }
.scroll { overflow-x:auto; }
table { width:100%; border-collapse:collapse; font-size:14px; }
th, td { text-align:left; padding:7px 8px; border-bottom:1px solid var(--line); vertical-align:middle; }
th { color:var(--muted); font-weight:500; font-size:13px; white-space:nowrap; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
td.rank { color:var(--muted); width:2em; }
td.meter-cell { width:32%; }
.meter-line { display:flex; align-items:center; gap:8px; }
.meter-line .num { min-width:4.2em; text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
.sub { display:block; color:var(--muted); font-size:12px; }
.sub.id { font-family:"DejaVu Sans Mono",monospace; word-break:break-all; }
.nowrap { white-space:nowrap; }
.badge { display:inline-block; border-radius:999px; padding:1px 9px; font-size:12px; margin:1px 4px 1px 0; white-space:nowrap; }
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
@media (max-width: 1000px) {
  .grid2, .data-actions, fieldset.pair { grid-template-columns:minmax(0,1fr); }
  .stats { grid-template-columns:repeat(2, minmax(0,1fr)); }
  main { padding:14px 14px 32px; }
  header.top { padding:10px 14px; }
  svg .tick, svg .axis-title { font-size:15px; } /* charts shrink with the screen: keep labels legible */
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

void append_filter_form(std::string& out, const DashboardData& data) {
    const Language lang = data.filter.language;
    out += "<section class=\"card filters\"><form method=\"get\" action=\"/dashboard\">";
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
    out += "<label>" + text_of("from", lang) + "<input type=\"date\" name=\"from\" value=\"" +
           esc(data.filter.from) + "\" required></label>";
    out += "<label>" + text_of("to", lang) + "<input type=\"date\" name=\"to\" value=\"" +
           esc(data.filter.to) + "\" required></label>";
    hidden_field(out, "lang", language_code(lang));
    out += "<button type=\"submit\">" + text_of("apply", lang) + "</button></form>";

    std::string scope = text_of("all_venues", lang);
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

// The bars from the first to the last day of the range, missing days as 0,
// labelled by month ("2026-03") on long ranges and by day ("03-14") on short.
std::vector<DayBar> day_bars(const DashboardData& data) {
    const Language lang = data.filter.language;
    const auto tooltip = [lang](const std::string& day, int64_t sessions, double average_s) {
        std::string text =
            day + " · " + format_integer(sessions) + " " + manager_text("visits_unit", lang);
        if (sessions > 0)
            text += " · " + manager_text("average_session", lang) + " " +
                    format_duration(average_s, lang);
        return text;
    };

    std::optional<chrono::sys_days> first = parse_day(data.filter.from);
    std::optional<chrono::sys_days> last = parse_day(data.filter.to);
    bool all_parse = true;
    for (const DayVisitors& day : data.visitors_per_day) {
        const auto parsed = parse_day(day.day);
        if (!parsed) {
            all_parse = false;
            continue;
        }
        if (!first || *parsed < *first) first = parsed;
        if (!last || *parsed > *last) last = parsed;
    }
    std::vector<DayBar> bars;
    if (!all_parse || !first || !last || (*last - *first).count() >= kMaxFilledDays) {
        for (const DayVisitors& day : data.visitors_per_day)
            bars.push_back({"", static_cast<double>(day.sessions),
                            tooltip(day.day, day.sessions, day.average_session_s)});
        return bars;
    }

    const int64_t day_count = (*last - *first).count() + 1;
    bars.resize(static_cast<size_t>(day_count));
    for (int64_t i = 0; i < day_count; ++i)
        bars[i].tooltip = tooltip(format_day(*first + chrono::days{i}), 0, 0);
    for (const DayVisitors& day : data.visitors_per_day) {
        const int64_t index = (*parse_day(day.day) - *first).count();
        bars[index].value = static_cast<double>(day.sessions); // one entry per day
        bars[index].tooltip = tooltip(day.day, day.sessions, day.average_session_s);
    }

    if (day_count > 62) {
        std::vector<int64_t> month_starts;
        for (int64_t i = 0; i < day_count; ++i)
            if (chrono::year_month_day{*first + chrono::days{i}}.day() == chrono::day{1})
                month_starts.push_back(i);
        const size_t month_step = (month_starts.size() + 12) / 13; // at most 13 labels
        for (size_t m = 0; m < month_starts.size(); m += month_step)
            bars[month_starts[m]].axis_label =
                format_day(*first + chrono::days{month_starts[m]}).substr(0, 7);
    } else {
        const int64_t step = day_count <= 16 ? 1 : (day_count + 9) / 10;
        for (int64_t i = 0; i < day_count; i += step)
            bars[i].axis_label = format_day(*first + chrono::days{i}).substr(5);
    }
    return bars;
}

void append_visitors_chart(std::string& out, const DashboardData& data) {
    const Language lang = data.filter.language;
    out += "<section class=\"card\" id=\"visitors-per-day\"><h2>" +
           text_of("visitors_per_day", lang) + "</h2><p class=\"note\">" + esc(data.filter.from) +
           " " + text_of("range_to", lang) + " " + esc(data.filter.to) + "</p>";
    bool any = false;
    for (const DayVisitors& day : data.visitors_per_day)
        any = any || day.sessions > 0;
    if (data.unreadable.visitors) {
        append_unreadable(out, lang);
    } else if (any) {
        out += svg_day_bar_chart(day_bars(data), manager_text("visitors_axis", lang),
                                 manager_text("visitors_per_day", lang));
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
        out += svg_week_heat_map(data.sessions_by_hour_of_week, labels,
                                 manager_text("hour_of_week", lang));
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
    double max_dwell = 0;
    for (const ExhibitUsage& exhibit : data.top_exhibits) {
        max_visits = std::max(max_visits, exhibit.visits);
        max_dwell = std::max(max_dwell, exhibit.dwell_minutes);
    }
    out += "<div class=\"scroll\"><table><thead><tr><th></th><th>" + text_of("exhibit", lang) +
           "</th><th>" + text_of("visits", lang) + "</th><th>" + text_of("dwell_minutes", lang) +
           "</th></tr></thead><tbody>";
    int rank = 0;
    for (const ExhibitUsage& exhibit : data.top_exhibits) {
        const std::string& title = exhibit.title.empty() ? exhibit.id : exhibit.title;
        out += "<tr><td class=\"rank\">" + std::to_string(++rank) + "</td><td>" + esc(title) +
               "<span class=\"sub id\">" + esc(exhibit.id) + "</span></td>";
        out += meter_cell(max_visits > 0 ? static_cast<double>(exhibit.visits) /
                                               static_cast<double>(max_visits)
                                         : 0,
                          "#3b6fd8", format_integer(exhibit.visits));
        out +=
            meter_cell(max_dwell > 0 ? exhibit.dwell_minutes / max_dwell : 0, "#0d9488",
                       format_decimal(exhibit.dwell_minutes, exhibit.dwell_minutes < 100 ? 1 : 0));
        out += "</tr>";
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
    out += "<div class=\"scroll\"><table><thead><tr><th>" + text_of("question", lang) +
           "</th><th class=\"num\">" + text_of("answers", lang) + "</th><th class=\"num\">" +
           text_of("correct", lang) + "</th><th>" + text_of("accuracy", lang) +
           "</th></tr></thead><tbody>";
    for (const QuestionAccuracy& question : data.quiz_accuracy) {
        const std::string& text = question.text.empty() ? question.question_id : question.text;
        const char* colour = question.accuracy < 0.5    ? "#dc2626"
                             : question.accuracy < 0.75 ? "#d97706"
                                                        : "#16a34a";
        out += "<tr><td>" + esc(text) + "<span class=\"sub id\">" + esc(question.pack) + " · " +
               esc(question.question_id) + "</span></td><td class=\"num\">" +
               format_integer(question.answers) + "</td><td class=\"num\">" +
               format_integer(question.correct) + "</td>";
        out += meter_cell(question.accuracy, colour, format_percent(question.accuracy));
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
    out += "<div class=\"scroll\"><table><thead><tr><th>" + text_of("report_finding", lang) +
           "</th><th>" + text_of("report_share_percent", lang) + "</th><th class=\"num\">" +
           text_of("report_visitors", lang) + "</th><th class=\"num\">" +
           text_of("report_events", lang) + "</th></tr></thead><tbody>";
    const auto share_cell = [](int64_t visitors, int64_t of) {
        const int percent = share_percent(visitors, of);
        return percent < 0 ? std::string("<td class=\"num\">–</td>")
                           : meter_cell(std::min(1.0, double(visitors) / double(of)), "#7c3aed",
                                        std::to_string(percent) + "%");
    };
    for (const ExhibitFindings& exhibit : data.findings) {
        const std::string& title = exhibit.title.empty() ? exhibit.exhibit : exhibit.title;
        out += "<tr class=\"group\"><th colspan=\"2\">" + esc(title) + "<span class=\"sub id\">" +
               esc(exhibit.exhibit) + "</span></th><td class=\"num\">" +
               format_integer(exhibit.visitors) + "</td><td></td></tr>";
        for (const Finding& finding : exhibit.findings) {
            out += "<tr><td>" + esc(finding_share_text(finding, exhibit.visitors, lang)) + "</td>" +
                   share_cell(finding.visitors, exhibit.visitors) + "<td class=\"num\">" +
                   format_integer(finding.visitors) + "</td><td class=\"num\">" +
                   format_integer(finding.events) + "</td></tr>";
            for (const FindingValue& value : finding.values)
                out += "<tr class=\"detail\"><td>" +
                       esc(finding_value_share_text(value, exhibit.visitors, lang)) + "</td>" +
                       share_cell(value.visitors, exhibit.visitors) + "<td class=\"num\">" +
                       format_integer(value.visitors) + "</td><td></td></tr>";
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
    const auto cell = [](const char* tone, const std::string& word, const std::string& detail) {
        return std::string("<td class=\"content\"><span class=\"badge ") + tone + "\">" +
               esc(word) + "</span>" +
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

void append_kiosk_health(std::string& out, const DashboardData& data) {
    const Language lang = data.filter.language;
    out += "<section class=\"card\" id=\"kiosk-health\"><h2>" + text_of("kiosk_health", lang) +
           "</h2><p class=\"note\">" +
           esc(manager_text("alert_silent", lang, {{"n", data.silent_alert_days}})) + " · " +
           text_of("alert_clock_skew", lang) + " · " + text_of("alert_low_disk", lang) + " · " +
           esc(manager_text("alert_many_epochs_rule", lang, {{"n", data.many_epochs_alert}})) +
           "</p>";
    if (data.unreadable.kiosks) {
        append_unreadable(out, lang);
        out += "</section>\n";
        return;
    }
    if (data.kiosks.empty()) {
        out += "<p class=\"empty\">" + text_of("no_kiosks", lang) + "</p></section>\n";
        return;
    }
    out += "<div class=\"scroll\"><table><thead><tr><th>" + text_of("kiosk", lang) + "</th><th>" +
           text_of("content_column", lang) + "</th><th>" + text_of("venue", lang) + "</th><th>" +
           text_of("last_seen", lang) + "</th><th>" + text_of("version", lang) +
           "</th><th class=\"num\">" + text_of("disk_free", lang) + "</th><th class=\"num\">" +
           text_of("errors", lang) + "</th><th class=\"num\">" + text_of("clock_skew", lang) +
           "</th><th>" + text_of("alerts", lang) + "</th></tr></thead><tbody>";
    for (const KioskHealth& kiosk : data.kiosks) {
        out += kiosk.alerts.any() ? "<tr class=\"alert\">" : "<tr>";
        // the content next to the id: on a phone both show before the table scrolls sideways
        out += "<td class=\"nowrap\">" + esc(kiosk.id) + "</td>" +
               content_cell(kiosk.content, lang) + "<td>" + esc(kiosk.venue) + "</td>";
        if (kiosk.last_seen_utc_ms > 0) {
            out += "<td class=\"nowrap\">" +
                   esc(manager_time(kiosk.last_seen_utc_ms, data.utc_offset_min, lang)) +
                   "<span class=\"sub\">" +
                   esc(format_ago(kiosk.last_seen_utc_ms, data.generated_utc_ms, lang)) +
                   "</span></td>";
        } else {
            out += "<td>" + text_of("never", lang) + "</td>";
        }
        out += "<td>" + esc(kiosk.software_version) + "</td><td class=\"num\">" +
               esc(format_disk(kiosk.disk_free_mb)) + "</td><td class=\"num\">" +
               format_integer(kiosk.error_count) + "</td><td class=\"num\">" +
               esc(format_clock_skew(kiosk.clock_skew_ms, lang)) + "</td><td>";
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
    out += "</div></div><div><h3>" + text_of("import", lang) + "</h3><p class=\"note\">" +
           text_of("import_hint", lang) + "</p>";
    out += "<form method=\"post\" action=\"/dashboard/import\" enctype=\"multipart/form-data\">";
    hidden_field(out, "csrf", data.csrf_token);
    hidden_field(out, "venue", data.filter.venue_id);
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
    url += "venue=" + url_encode(filter.venue_id) + "&from=" + url_encode(filter.from) +
           "&to=" + url_encode(filter.to) + "&lang=" + language_code(filter.language);
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

std::string render_dashboard_page(const DashboardData& data) {
    const Language lang = data.filter.language;
    std::string out;
    out.reserve(64 * 1024);
    open_page(out, lang, manager_text("app_title", lang));
    append_header(out, data);
    out += "<main>\n";
    append_filter_form(out, data);
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
    append_data_actions(out, data);
    out += "</main>\n<footer>" + text_of("generated_at", lang) + " " +
           esc(manager_time(data.generated_utc_ms, data.utc_offset_min, lang)) +
           "</footer>\n</body>\n</html>\n";
    return out;
}

} // namespace kiosk::dashboard
