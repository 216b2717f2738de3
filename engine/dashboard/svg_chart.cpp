// Markup building blocks for the dashboard: escaping, percent-encoding, plain
// numbers and the inline SVG charts. Charts use a fixed viewBox and scale to
// their container's width: the wide drawing serves a laptop and a tablet, the
// narrow one is laid out for a phone's width; their fonts come from the
// page's CSS (the CJK font stack).
#include "dashboard/svg_chart.h"

#include "core/utf8_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kiosk::dashboard {

void append_html_escaped(std::string& out, std::string_view text) {
    const std::string valid = make_showable_text(text); // a NUL is never written raw
    for (char c : valid) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    append_html_escaped(out, text);
    return out;
}

std::string url_encode(std::string_view text) {
    static const char* const hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~';
        if (unreserved) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string format_integer(int64_t value) {
    return std::to_string(value);
}

std::string format_decimal(double value, int decimals) {
    if (!std::isfinite(value)) return "0";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", std::clamp(decimals, 0, 6), value);
    std::string text = buffer;
    if (text.find_first_not_of("-0.") == std::string::npos) text.erase(0, text[0] == '-');
    return text;
}

std::string shorten_text(std::string_view text, size_t max_chars) {
    const std::string valid = make_valid_utf8(text);
    size_t pos = 0;
    size_t chars = 0;
    while (pos < valid.size() && chars < max_chars) {
        decode_utf8(valid, pos);
        ++chars;
    }
    if (pos >= valid.size()) return valid;
    // Keep room for the ellipsis inside max_chars.
    pos = 0;
    for (size_t i = 0; i + 1 < max_chars; ++i)
        decode_utf8(valid, pos);
    return valid.substr(0, pos) + "…";
}

AxisScale nice_axis_scale(double max_value) {
    if (!(max_value > 0) || !std::isfinite(max_value)) return {1, 1};
    const double raw_step = max_value / 5;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw_step)));
    const double normalized = raw_step / magnitude;
    double step = magnitude * (normalized <= 1   ? 1
                               : normalized <= 2 ? 2
                               : normalized <= 5 ? 5
                                                 : 10);
    step = std::max(step, 1.0); // the dashboard charts counts: no tick at 0.5 visitors
    return {std::ceil(max_value / step) * step, step};
}

namespace {

// An axis tick's figure. std::llround is undefined past int64; a tick that
// large (only from a hub.db written before values were bounded) is printed
// from the double instead.
std::string tick_text(double tick) {
    return tick < 9e18 ? format_integer(std::llround(tick)) : format_decimal(tick, 0);
}

std::string coord(double value) {
    return format_decimal(value, 1);
}

void append_title(std::string& out, std::string_view tooltip) {
    if (tooltip.empty()) return;
    out += "<title>";
    append_html_escaped(out, tooltip);
    out += "</title>";
}

void open_svg(std::string& out, int width, int height, std::string_view css_class,
              std::string_view aria_label) {
    out += "<svg class=\"";
    out += css_class;
    out += "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) +
           "\" role=\"img\" aria-label=\"";
    append_html_escaped(out, aria_label);
    out += "\" xmlns=\"http://www.w3.org/2000/svg\">";
}

std::string two_digits(int value) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%02d", value);
    return buffer;
}

// Roughly how wide `text` is in a sans font of `font_px`: CJK characters
// are square, Latin ones about 0.6 of the size.
double estimated_text_width(std::string_view text, double font_px) {
    double width = 0;
    for (size_t pos = 0; pos < text.size();)
        width += decode_utf8(text, pos) >= 0x2E80 ? font_px : font_px * 0.6;
    return width;
}

// The geometry of one layout of the bar chart.
struct BarChartFrame {
    int width, height;
    double left, right, top, plot_height;
    const char* css_class;
};
constexpr BarChartFrame kWideBars{1000, 286, 58, 14, 30, 204, "chart day-chart wide"};
constexpr BarChartFrame kNarrowBars{340, 252, 44, 10, 30, 166, "chart day-chart narrow"};

void append_legend(std::string& out, double x, double y, double font_px,
                   const HeatMapLabels& labels, int64_t max_count, bool peak_below) {
    out += "<text class=\"tick\" x=\"" + coord(x) + "\" y=\"" + coord(y + 13) + "\">";
    append_html_escaped(out, labels.fewer);
    out += "</text>";
    const double swatch_x = x + 8 + estimated_text_width(labels.fewer, font_px);
    for (int level = 1; level <= kHeatLevels; ++level)
        out += "<rect class=\"swatch\" x=\"" + coord(swatch_x + 24.0 * (level - 1)) + "\" y=\"" +
               coord(y) + "\" width=\"22\" height=\"18\" rx=\"3\" fill=\"" + kHeatColours[level] +
               "\"/>";
    const double after = swatch_x + 24.0 * kHeatLevels + 6;
    const std::string peak =
        "(" + labels.peak + " " + format_integer(max_count) + " " + labels.unit + ")";
    out += "<text class=\"tick\" x=\"" + coord(after) + "\" y=\"" + coord(y + 13) + "\">";
    append_html_escaped(out, peak_below ? labels.more : labels.more + "  " + peak);
    out += "</text>";
    if (!peak_below) return;
    out += "<text class=\"tick\" x=\"" + coord(x) + "\" y=\"" + coord(y + 40) + "\">";
    append_html_escaped(out, peak);
    out += "</text>";
}

void append_cell(std::string& out, double x, double y, double width, double height, int64_t count,
                 int64_t max_count, const std::string& tooltip) {
    out += "<rect x=\"" + coord(x) + "\" y=\"" + coord(y) + "\" width=\"" + coord(width) +
           "\" height=\"" + coord(height) + "\" rx=\"3\" fill=\"" +
           kHeatColours[heat_level(count, max_count)] + "\">";
    append_title(out, tooltip);
    out += "</rect>";
}

std::string cell_tooltip(const HeatMapLabels& labels, int day, int hour, int64_t count) {
    return labels.weekdays[day] + " " + two_digits(hour) + ":00–" + two_digits(hour + 1) +
           ":00: " + format_integer(count) + " " + labels.unit;
}

} // namespace

const std::array<const char*, kHeatLevels + 1> kHeatColours = {"#f1f3f6", "#dbeafe", "#93c5fd",
                                                               "#3b82f6", "#1d4ed8", "#172554"};

int heat_level(int64_t count, int64_t max_count) {
    if (count <= 0 || max_count <= 0) return 0;
    const double t = std::sqrt(static_cast<double>(count) / static_cast<double>(max_count));
    return std::clamp(static_cast<int>(std::ceil(t * kHeatLevels - 1e-9)), 1, kHeatLevels);
}

std::string svg_day_bar_chart(const std::vector<DayBar>& bars, std::string_view y_axis_title,
                              std::string_view aria_label, ChartLayout layout,
                              std::string_view today_label) {
    const BarChartFrame& frame = layout == ChartLayout::narrow ? kNarrowBars : kWideBars;
    const double left = frame.left, top = frame.top, plot_height = frame.plot_height;
    const double right_edge = frame.width - frame.right, plot_width = right_edge - left;
    const double axis_y = top + plot_height;

    double max_value = 0;
    for (const DayBar& bar : bars)
        max_value = std::max(max_value, bar.value);
    const AxisScale scale = nice_axis_scale(max_value);

    std::string out;
    out.reserve(400 + bars.size() * 120);
    open_svg(out, frame.width, frame.height, frame.css_class, aria_label);

    out += "<text class=\"axis-title\" x=\"" + coord(left) + "\" y=\"16\">";
    append_html_escaped(out, y_axis_title);
    out += "</text>";
    for (double tick = 0; tick <= scale.max + scale.step / 2; tick += scale.step) {
        const double y = axis_y - tick / scale.max * plot_height;
        out += "<line class=\"grid\" x1=\"" + coord(left) + "\" x2=\"" + coord(right_edge) +
               "\" y1=\"" + coord(y) + "\" y2=\"" + coord(y) + "\"/>";
        out += "<text class=\"tick\" x=\"" + coord(left - 6) + "\" y=\"" + coord(y + 5) +
               "\" text-anchor=\"end\">" + tick_text(tick) + "</text>";
    }

    const double slot = bars.empty() ? plot_width : plot_width / static_cast<double>(bars.size());
    const double bar_width = slot > 6 ? slot * 0.72 : std::max(slot * 0.86, 0.8);
    const auto anchor_at = [&](double x) {
        return x > frame.width - 40 ? "end" : x < left + 20 ? "start" : "middle";
    };
    for (size_t i = 0; i < bars.size(); ++i) {
        const DayBar& bar = bars[i];
        const double x_center = left + slot * (static_cast<double>(i) + 0.5);
        const double bar_height = std::max(bar.value, 0.0) / scale.max * plot_height;
        out += std::string("<rect class=\"bar") + (bar.today ? " today" : "") + "\" x=\"" +
               coord(x_center - bar_width / 2) + "\" y=\"" + coord(axis_y - bar_height) +
               "\" width=\"" + coord(bar_width) + "\" height=\"" + coord(bar_height) + "\">";
        append_title(out, bar.tooltip);
        out += "</rect>";
        if (bar.today && !today_label.empty()) {
            out += "<path class=\"today-mark\" d=\"M" + coord(x_center) + " " + coord(axis_y + 26) +
                   "l-6 9h12z\"/>";
            out += "<text class=\"tick today-label\" x=\"" + coord(x_center) + "\" y=\"" +
                   coord(axis_y + 50) + "\" text-anchor=\"" + anchor_at(x_center) + "\">";
            append_html_escaped(out, today_label);
            out += "</text>";
        }
        if (bar.axis_label.empty()) continue;
        out += "<line class=\"axis-mark\" x1=\"" + coord(x_center) + "\" x2=\"" + coord(x_center) +
               "\" y1=\"" + coord(axis_y) + "\" y2=\"" + coord(axis_y + 5) + "\"/>";
        out += "<text class=\"tick\" x=\"" + coord(x_center) + "\" y=\"" + coord(axis_y + 21) +
               "\" text-anchor=\"" + anchor_at(x_center) + "\">";
        append_html_escaped(out, bar.axis_label);
        out += "</text>";
    }
    out += "<line class=\"axis\" x1=\"" + coord(left) + "\" x2=\"" + coord(right_edge) +
           "\" y1=\"" + coord(axis_y) + "\" y2=\"" + coord(axis_y) + "\"/>";
    out += "</svg>";
    return out;
}

std::string svg_week_heat_map(const HourOfWeekCounts& counts, const HeatMapLabels& labels,
                              std::string_view aria_label, ChartLayout layout) {
    int64_t max_count = 0;
    int first_hour = 24, last_hour = -1;
    for (const auto& day : counts)
        for (int hour = 0; hour < 24; ++hour) {
            max_count = std::max(max_count, day[hour]);
            if (day[hour] > 0) first_hour = std::min(first_hour, hour);
            if (day[hour] > 0) last_hour = std::max(last_hour, hour);
        }

    std::string out;
    out.reserve(20000);
    if (layout == ChartLayout::wide) {
        constexpr double left = 58, top = 24, cell_width = 38.5, cell_height = 27, gap = 2;
        open_svg(out, 1000, 276, "chart heat-map wide", aria_label);
        for (int hour = 0; hour < 24; ++hour)
            out += "<text class=\"tick\" x=\"" + coord(left + cell_width * (hour + 0.5)) +
                   "\" y=\"16\" text-anchor=\"middle\">" + std::to_string(hour) + "</text>";
        for (int day = 0; day < 7; ++day) {
            const double y = top + cell_height * day;
            out += "<text class=\"tick\" x=\"" + coord(left - 10) + "\" y=\"" +
                   coord(y + cell_height / 2 + 5) + "\" text-anchor=\"end\">";
            append_html_escaped(out, labels.weekdays[day]);
            out += "</text>";
            for (int hour = 0; hour < 24; ++hour)
                append_cell(out, left + cell_width * hour, y, cell_width - gap, cell_height - gap,
                            counts[day][hour], max_count,
                            cell_tooltip(labels, day, hour, counts[day][hour]));
        }
        append_legend(out, left, top + cell_height * 7 + 14, 18, labels, max_count, false);
        out += "</svg>";
        return out;
    }

    // Narrow: a column per weekday, a row per hour that had visits (all 24 when none did).
    if (last_hour < 0) first_hour = 0, last_hour = 23;
    constexpr double left = 32, top = 26, cell_width = 43, cell_height = 22, gap = 2;
    const int rows = last_hour - first_hour + 1;
    const double legend_y = top + cell_height * rows + 12;
    open_svg(out, 340, static_cast<int>(legend_y + 50), "chart heat-map narrow", aria_label);
    for (int day = 0; day < 7; ++day) {
        out += "<text class=\"tick\" x=\"" + coord(left + cell_width * (day + 0.5)) +
               "\" y=\"18\" text-anchor=\"middle\">";
        append_html_escaped(out, labels.weekdays[day]);
        out += "</text>";
    }
    for (int hour = first_hour; hour <= last_hour; ++hour) {
        const double y = top + cell_height * (hour - first_hour);
        out += "<text class=\"tick\" x=\"" + coord(left - 8) + "\" y=\"" +
               coord(y + cell_height / 2 + 5) + "\" text-anchor=\"end\">" + two_digits(hour) +
               "</text>";
        for (int day = 0; day < 7; ++day)
            append_cell(out, left + cell_width * day, y, cell_width - gap, cell_height - gap,
                        counts[day][hour], max_count,
                        cell_tooltip(labels, day, hour, counts[day][hour]));
    }
    append_legend(out, 4, legend_y, 14, labels, max_count, true);
    out += "</svg>";
    return out;
}

std::string svg_meter_bar(double fraction, std::string_view color, std::string_view tooltip) {
    if (!std::isfinite(fraction)) fraction = 0;
    fraction = std::clamp(fraction, 0.0, 1.0);
    std::string out = "<svg class=\"meter\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" "
                      "xmlns=\"http://www.w3.org/2000/svg\">";
    append_title(out, tooltip);
    out += "<rect class=\"meter-track\" x=\"0\" y=\"0\" width=\"100\" height=\"10\" rx=\"2\"/>";
    out += "<rect x=\"0\" y=\"0\" width=\"" + coord(fraction * 100) +
           "\" height=\"10\" rx=\"2\" fill=\"";
    out += color;
    out += "\"/></svg>";
    return out;
}

std::string svg_both_layouts(const std::function<std::string(ChartLayout)>& draw) {
    return draw(ChartLayout::wide) + draw(ChartLayout::narrow);
}

} // namespace kiosk::dashboard
