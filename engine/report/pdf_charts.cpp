// Bar charts in a report PDF (see pdf_charts.h).
#include "pdf_charts.h"

#include "report_numbers.h"

#include <algorithm>

namespace kiosk::report {

namespace {

constexpr double kTickSize = 7;
constexpr double kLabelSize = 7;

void draw_legend_entry(PdfDocument& pdf, double x, double top, const Rgb& swatch,
                       const std::string& name, double& width_used) {
    const TextStyle style{kLabelSize + 0.5, false, colour::kMuted};
    pdf.fill_rectangle(x, top + 1.5, 8, 8, swatch);
    const double text = pdf.text_width(name, style);
    pdf.draw_text(name, x + 11, top, text + 1, style);
    width_used = 11 + text + 12;
}

} // namespace

int64_t round_axis_step(int64_t max, int ticks) {
    if (max <= 0 || ticks <= 0) return 1;
    const int64_t rough = std::max<int64_t>(1, max / ticks + (max % ticks != 0));
    int64_t magnitude = 1;
    while (magnitude <= rough / 10)
        magnitude *= 10;
    for (const int64_t factor : {1, 2, 5, 10})
        if (magnitude * factor >= rough) return magnitude * factor;
    return magnitude * 10;
}

void draw_bar_chart(PdfDocument& pdf, const std::vector<ChartBar>& bars,
                    const BarChartStyle& style) {
    const bool legend = !style.plain_name.empty() || !style.marked_name.empty();
    const double legend_height = legend ? 14 : 0;
    pdf.ensure_space(style.height + legend_height);
    const double top = pdf.y();

    if (legend) {
        double x = pdf.left(), used = 0;
        if (!style.plain_name.empty()) {
            draw_legend_entry(pdf, x, top, colour::kAccent, style.plain_name, used);
            x += used;
        }
        if (!style.marked_name.empty())
            draw_legend_entry(pdf, x, top, colour::kWeekend, style.marked_name, used);
    }

    int64_t max = 0;
    for (const ChartBar& bar : bars)
        max = std::max(max, bar.value);
    const int64_t step = round_axis_step(max, 4);
    // The first multiple of the step at or above the tallest bar; the bar
    // itself when that multiple would not fit in 64 bits.
    int64_t axis_top = max / step * step;
    if (axis_top < max && __builtin_add_overflow(axis_top, step, &axis_top)) axis_top = max;
    axis_top = std::max(axis_top, step);

    const TextStyle tick_style{kTickSize, false, colour::kMuted, PANGO_ALIGN_RIGHT};
    const double axis_width = pdf.text_width(format_count(axis_top), tick_style) + 6;
    const double plot_left = pdf.left() + axis_width;
    const double plot_width = pdf.width() - axis_width;
    const double plot_top = top + legend_height + 4;
    const double label_band = 2 * kLabelSize + 6; // bar labels, then the caption
    const double plot_height = style.height - 4 - label_band;
    const double plot_bottom = plot_top + plot_height;

    for (int64_t tick = 0; tick <= axis_top; tick += step) {
        const double y = plot_bottom - plot_height * double(tick) / double(axis_top);
        pdf.horizontal_rule(plot_left, y, plot_width, tick == 0 ? colour::kRule : colour::kGrid,
                            tick == 0 ? 0.8 : 0.4);
        pdf.draw_text(format_count(tick), pdf.left(), y - kTickSize * 0.7, axis_width - 4,
                      tick_style);
        if (axis_top - tick < step) break; // never past the top, whatever the step
    }

    if (!bars.empty()) {
        const double slot = plot_width / double(bars.size());
        const double bar_width = std::max(0.5, slot * 0.7);
        const TextStyle label_style{kLabelSize, false, colour::kMuted, PANGO_ALIGN_CENTER};
        double widest = 0;
        for (const ChartBar& bar : bars)
            widest = std::max(widest, pdf.text_width(bar.label, label_style));
        // Every label when they fit side by side, else every second, third...
        const size_t every = std::max<size_t>(1, size_t((widest + 2) / slot) + 1);
        for (size_t i = 0; i < bars.size(); ++i) {
            const double x = plot_left + slot * double(i) + (slot - bar_width) / 2;
            const double height =
                plot_height * double(std::max<int64_t>(bars[i].value, 0)) / double(axis_top);
            if (height > 0)
                pdf.fill_rectangle(x, plot_bottom - height, bar_width, height,
                                   bars[i].marked ? colour::kWeekend : colour::kAccent);
            if (i % every == 0) {
                const double label_width = std::max(slot, widest + 2);
                pdf.draw_text(bars[i].label, x + bar_width / 2 - label_width / 2, plot_bottom + 2,
                              label_width, label_style);
            }
        }
    }
    if (!style.axis_caption.empty())
        pdf.draw_text(style.axis_caption, plot_left, plot_bottom + kLabelSize + 4, plot_width,
                      {kLabelSize, false, colour::kMuted, PANGO_ALIGN_RIGHT});
    pdf.advance(style.height + legend_height + 6);
}

} // namespace kiosk::report
