// The kiosk select, the breakdown by venue and the availability charts (see
// availability_section.h).
#include "dashboard/availability_section.h"

#include "core/checked_sum.h"
#include "core/civil_time.h"
#include "core/manager_text.h"
#include "dashboard/dashboard_page.h"
#include "dashboard/svg_chart.h"

#include <chrono>

namespace kiosk::dashboard {
namespace {

namespace chrono = std::chrono;

constexpr size_t kMaxDailyBars = 62;   // beyond this, weeks
constexpr size_t kMaxWeeklyBars = 366; // days; beyond this, months
constexpr size_t kMaxAxisLabels = 12;
constexpr size_t kMaxNarrowAxisLabels = 4; // as the visitors chart on a phone

std::string text_of(std::string_view key, Language lang) {
    return html_escape(manager_text(key, lang));
}

// "75.0%", or "–" when there were no opening hours.
std::string share_text(int64_t available, int64_t open) {
    if (open <= 0) return "–";
    return format_decimal(100.0 * static_cast<double>(available) / static_cast<double>(open), 1) +
           "%";
}

void append_venue_breakdown(std::string& out, const DashboardData& data) {
    const Language lang = data.filter.language;
    out += "<section class=\"card\" id=\"venue-breakdown\"><h2>" +
           text_of("venue_breakdown", lang) + "</h2><p class=\"note\">" +
           text_of("availability_intro", lang) + "</p>";
    if (data.unreadable.availability) {
        append_unreadable(out, lang);
        out += "</section>\n";
        return;
    }
    out += "<div class=\"scroll\"><table><thead><tr><th>" + text_of("venue", lang) + "</th><th>" +
           text_of("total_visitors", lang) + "</th><th>" + text_of("visits", lang) + "</th><th>" +
           text_of("kiosk_count", lang) + "</th><th>" + text_of("availability_share", lang) +
           "</th></tr></thead><tbody>";
    for (const VenueBreakdown& venue : data.availability.venues) {
        DashboardFilter own = data.filter;
        own.venue_id = venue.venue_id;
        own.kiosk_id.clear();
        out += "<tr><td><a href=\"" + html_escape(dashboard_url(own)) + "\">" +
               html_escape(Bilingual{venue.name_zh, venue.name_en}.in(lang)) +
               "</a><span class=\"sub id\">" + html_escape(venue.venue_id) +
               "</span></td><td class=\"num\">" + format_integer(venue.sessions) +
               "</td><td class=\"num\">" + format_integer(venue.exhibit_visits) +
               "</td><td class=\"num\">" + format_integer(venue.kiosks) +
               "</td><td class=\"num\">" + share_text(venue.available_hours, venue.open_hours) +
               "</td></tr>";
    }
    out += "</tbody></table></div><p class=\"note\">" + text_of("availability_pick_venue", lang) +
           "</p></section>\n";
}

void append_kiosk_chart(std::string& out, const KioskAvailability& kiosk, Language lang) {
    const std::vector<AvailabilityPeriod> periods = availability_periods(kiosk.days);
    int64_t open = 0, available = 0;
    for (const AvailabilityHours& day : kiosk.days) {
        open += day.open_hours; // at most 24 a day for at most kMaxRangeDays: no overflow
        available += day.available_hours;
    }
    out += "<div class=\"availability-kiosk\" id=\"availability-" + html_escape(kiosk.kiosk) +
           "\"><h3>" + html_escape(kiosk.kiosk) + "</h3><p class=\"note\">" +
           html_escape(manager_text("availability_total", lang,
                                    {{"open", format_integer(open)},
                                     {"available", format_integer(available)},
                                     {"share", share_text(available, open)}})) +
           "</p>";
    if (open == 0) {
        out += "<p class=\"empty\">" + text_of("availability_no_open_hours", lang) + "</p></div>";
        return;
    }
    // The bars with at most `max_labels` labels under them.
    const auto bars_for = [&](size_t max_labels) {
        std::vector<DayBar> bars;
        const size_t label_step = (periods.size() + max_labels - 1) / max_labels;
        for (size_t i = 0; i < periods.size(); ++i) {
            const AvailabilityPeriod& period = periods[i];
            const double value = period.open_hours > 0
                                     ? 100.0 * static_cast<double>(period.available_hours) /
                                           static_cast<double>(period.open_hours)
                                     : 0;
            bars.push_back({i % label_step == 0 ? period.label : "", value,
                            period.label + " · " +
                                share_text(period.available_hours, period.open_hours) + " (" +
                                format_integer(period.available_hours) + "/" +
                                format_integer(period.open_hours) + ")"});
        }
        return bars;
    };
    std::string numbers;
    for (const AvailabilityPeriod& period : periods)
        numbers += (numbers.empty() ? "" : " · ") + period.label + " " +
                   share_text(period.available_hours, period.open_hours);
    const PeriodLength length = availability_period_length(kiosk.days.size());
    const std::string length_text =
        length == PeriodLength::day    ? text_of("availability_by_day", lang)
        : length == PeriodLength::week ? text_of("availability_by_week", lang)
                                       : text_of("availability_by_month", lang);
    out += svg_both_layouts([&](ChartLayout layout) {
        return svg_day_bar_chart(
            bars_for(layout == ChartLayout::narrow ? kMaxNarrowAxisLabels : kMaxAxisLabels),
            manager_text("availability_axis", lang),
            manager_text("availability_title", lang) + " " + kiosk.kiosk, layout);
    });
    // The figures as text (screen readers, copying), folded so a venue with
    // many kiosks is not a wall of numbers.
    out += "<details class=\"availability-numbers\"><summary>" +
           text_of("availability_numbers", lang) + "</summary><p class=\"note\">" + length_text +
           ": " + html_escape(numbers) + "</p></details></div>";
}

void append_kiosk_charts(std::string& out, const DashboardData& data) {
    const Language lang = data.filter.language;
    out += "<section class=\"card\" id=\"availability\"><h2>" +
           text_of("availability_title", lang) + "</h2><p class=\"note\">" +
           text_of("availability_intro", lang) + "</p>";
    if (data.unreadable.availability)
        append_unreadable(out, lang);
    else if (data.availability.kiosks.empty())
        out += "<p class=\"empty\">" + text_of("no_kiosks", lang) + "</p>";
    for (const KioskAvailability& kiosk : data.availability.kiosks)
        if (!data.unreadable.availability) append_kiosk_chart(out, kiosk, lang);
    out += "</section>\n";
}

} // namespace

PeriodLength availability_period_length(size_t day_count) {
    return day_count <= kMaxDailyBars    ? PeriodLength::day
           : day_count <= kMaxWeeklyBars ? PeriodLength::week
                                         : PeriodLength::month;
}

std::vector<AvailabilityPeriod> availability_periods(const std::vector<AvailabilityHours>& days) {
    const PeriodLength length = availability_period_length(days.size());
    std::vector<AvailabilityPeriod> periods;
    std::string current; // the key of the last period
    for (const AvailabilityHours& day : days) {
        const std::optional<chrono::sys_days> parsed = parse_day(day.day);
        std::string key = day.day, label = day.day.size() == 10 ? day.day.substr(5) : day.day;
        if (parsed && length == PeriodLength::week) {
            const unsigned from_monday = chrono::weekday{*parsed}.iso_encoding() - 1;
            key = format_day(*parsed - chrono::days{from_monday});
        } else if (parsed && length == PeriodLength::month) {
            key = label = day.day.substr(0, 7);
        }
        if (periods.empty() || key != current) {
            periods.push_back({label, 0, 0});
            current = key;
        }
        periods.back().open_hours += day.open_hours;
        periods.back().available_hours += day.available_hours;
    }
    return periods;
}

void append_kiosk_select(std::string& out, const DashboardData& data) {
    const Language lang = data.filter.language;
    out += "<label>" + text_of("kiosk", lang) + "<select name=\"kiosk\"><option value=\"\"";
    if (data.filter.kiosk_id.empty()) out += " selected";
    out += ">" + text_of("all_kiosks", lang) + "</option>";
    for (const std::string& kiosk : data.kiosk_choices) {
        out += "<option value=\"" + html_escape(kiosk) + "\"";
        if (kiosk == data.filter.kiosk_id) out += " selected";
        out += ">" + html_escape(kiosk) + "</option>";
    }
    out += "</select></label>";
}

void append_availability_sections(std::string& out, const DashboardData& data) {
    if (data.filter.venue_id.empty())
        append_venue_breakdown(out, data);
    else
        append_kiosk_charts(out, data);
}

} // namespace kiosk::dashboard
