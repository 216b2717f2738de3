// Charts in a report PDF, drawn as cairo vector paths (no pictures): a
// vertical bar chart with a y axis of round numbers and gridlines, a label
// under every bar (thinned only when labels would touch), bars in a second
// colour where the caller marks them (weekends) and a legend for the two
// colours. This file owns the charts' geometry.
#pragma once

#include "pdf_pages.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::report {

struct ChartBar {
    std::string label; // under the bar ("1".."31", "0".."23")
    int64_t value = 0;
    bool marked = false; // drawn in the second colour (weekends)
};

struct BarChartStyle {
    double height = 150;      // the whole chart, axis labels included
    std::string axis_caption; // under the labels, at the right ("日", "时")
    // The legend: names of the plain and marked colours; "" = no legend.
    std::string plain_name, marked_name;
};

// Draws the chart at the cursor across the page's width and moves the
// cursor past it (a new page first when it does not fit).
void draw_bar_chart(PdfDocument& pdf, const std::vector<ChartBar>& bars,
                    const BarChartStyle& style);

// The round step of a y axis whose top value is `max` (1, 2, 5 x 10^k), for
// about `ticks` gridlines; 1 for max <= 0.
int64_t round_axis_step(int64_t max, int ticks);

} // namespace kiosk::report
