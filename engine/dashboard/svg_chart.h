// Markup building blocks for the managers' dashboard: HTML escaping, query
// percent-encoding, plain number formatting, and the inline SVG charts (a bar
// chart of values per day, a 7x24 hour-of-week heat map, a small meter bar).
// Every function is pure: data in, markup out. Every text argument is escaped
// here, so callers pass raw strings. Nothing here knows about languages: the
// caller passes the labels already translated.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
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

// The two drawings of each chart: `wide` for a laptop or tablet (1000 units
// across), `narrow` re-laid for a phone (340 units across, about its CSS
// pixels at 390 px: fewer ticks, larger text, the heat map turned on its
// side). The page shows one of them by a media query (svg.wide / svg.narrow).
enum class ChartLayout { wide, narrow };

// One bar of the visitors chart (a day, a week or a month): its x-axis label
// ("" = no label under it), its value, the tooltip shown on hover, and
// whether it holds today (marked under the axis).
struct DayBar {
    std::string axis_label;
    double value = 0;
    std::string tooltip;
    bool today = false;
};

// A vertical bar chart scaled to the container's width, with a y axis of
// round numbers and gridlines, the bars' axis labels under them,
// `y_axis_title` above the y axis and, under the bar marked today, a tick
// and `today_label`. Empty `bars` gives an empty chart.
std::string svg_day_bar_chart(const std::vector<DayBar>& bars, std::string_view y_axis_title,
                              std::string_view aria_label, ChartLayout layout = ChartLayout::wide,
                              std::string_view today_label = "");

// A chart's two drawings, `draw(wide)` then `draw(narrow)`, one shown at a
// time by the page's CSS (svg.wide / svg.narrow).
std::string svg_both_layouts(const std::function<std::string(ChartLayout)>& draw);

// Counts per (weekday, hour), weekday 0 = Monday.
using HourOfWeekCounts = std::array<std::array<int64_t, 24>, 7>;

// How dark a heat-map cell is: 0 (no visits) or 1..5, fifths of the busiest
// cell on a square-root scale (kHeatColours[level]). The legend shows the
// five levels' colours, each distinct.
constexpr int kHeatLevels = 5;
int heat_level(int64_t count, int64_t max_count);
extern const std::array<const char*, kHeatLevels + 1> kHeatColours;

// The hour-of-week heat map, darker is more. Wide: 7 rows (weekdays) x 24
// columns (hours). Narrow: weekdays as 7 columns and the hours from the
// first to the last with any visits as rows. Each cell's tooltip is
// "<weekday> HH:00–HH+1:00: <count> <unit>". Under it the legend
// "<fewer> [five swatches] <more>  (<peak> N <unit>)".
struct HeatMapLabels {
    std::array<std::string, 7> weekdays;
    std::string unit;
    std::string fewer;
    std::string more;
    std::string peak;
};
std::string svg_week_heat_map(const HourOfWeekCounts& counts, const HeatMapLabels& labels,
                              std::string_view aria_label, ChartLayout layout = ChartLayout::wide);

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
