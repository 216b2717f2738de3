// Markup building blocks for the managers' dashboard: HTML escaping, query
// percent-encoding, plain number formatting, and the inline SVG charts (a bar
// chart of values per day, a 7x24 hour-of-week heat map, a small meter bar).
// Every function is pure: data in, markup out. Every text argument is escaped
// here, so callers pass raw strings. Nothing here knows about languages: the
// caller passes the labels already translated.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::dashboard {

// `text` safe inside HTML text and double- or single-quoted attributes
// (& < > " ' escaped; invalid UTF-8 replaced by U+FFFD).
std::string html_escape(std::string_view text);
void append_html_escaped(std::string& out, std::string_view text);

// `text` percent-encoded as one URL query component: every byte except
// A-Z a-z 0-9 - . _ ~ becomes %XX (UTF-8 bytes included, space is %20).
std::string url_encode(std::string_view text);

// Plain numbers: "12345", "-3"; a fixed number of decimals ("66.7"), no
// exponent, no locale, no thousands separators.
std::string format_integer(int64_t value);
std::string format_decimal(double value, int decimals);

// The start of `text`, at most `max_chars` UTF-8 characters, ending in "…"
// when it was cut (SVG text does not wrap).
std::string shorten_text(std::string_view text, size_t max_chars);

// One bar of the per-day chart: its x-axis label ("" = no label under it),
// its value, and the tooltip shown on hover.
struct DayBar {
    std::string axis_label;
    double value = 0;
    std::string tooltip;
};

// A vertical bar chart scaled to the container's width, with a y axis of
// round numbers and gridlines, the bars' axis labels under them and
// `y_axis_title` above the y axis. Empty `bars` gives an empty chart.
std::string svg_day_bar_chart(const std::vector<DayBar>& bars, std::string_view y_axis_title,
                              std::string_view aria_label);

// Counts per (weekday, hour), weekday 0 = Monday.
using HourOfWeekCounts = std::array<std::array<int64_t, 24>, 7>;

// A 7-row x 24-column heat map, rows labelled with `weekday_labels`, columns
// with the hour; darker is more. Each cell's tooltip is
// "<weekday> HH:00–HH+1:00: <count> <unit>". Under it the legend
// "<fewer> [swatches] <more>  (<peak> N <unit>)".
struct HeatMapLabels {
    std::array<std::string, 7> weekdays;
    std::string unit;
    std::string fewer;
    std::string more;
    std::string peak;
};
std::string svg_week_heat_map(const HourOfWeekCounts& counts, const HeatMapLabels& labels,
                              std::string_view aria_label);

// A small horizontal meter (track plus filled part), `fraction` 0..1 clamped,
// filled with `color` (a CSS colour this code chose, never data).
std::string svg_meter_bar(double fraction, std::string_view color, std::string_view tooltip);

// The y-axis maximum and tick step for values up to `max_value`: round
// numbers (1, 2 or 5 times a power of ten, at least 1: the charts show
// counts), at most 6 ticks above zero.
struct AxisScale {
    double max = 1;
    double step = 1;
};
AxisScale nice_axis_scale(double max_value);

} // namespace kiosk::dashboard
