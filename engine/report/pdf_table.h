// Tables in a report PDF: a shaded header row (wrapped to at most two lines)
// and one-line rows (a long cell ends in "…", never spills into the next
// column; a right-aligned column holds figures, and a figure too wide is set
// smaller instead, never cut). A row that does not fit on the page moves to a new page, where
// the table's title is drawn again as "TITLE（续）" with the header row
// repeated. A cell may carry a small meter bar (availability) and a tone
// (expiring in amber, expired in red, both bold). This file owns that.
#pragma once

#include "pdf_pages.h"

#include <string>
#include <vector>

namespace kiosk::report {

enum class CellAlign { left, right };
enum class CellTone { normal, strong, muted, warn, bad };

struct TableColumn {
    std::string header;
    double weight = 1; // share of the table's width
    CellAlign align = CellAlign::left;
};

struct TableCell {
    std::string text;
    CellTone tone = CellTone::normal;
    double meter = -1; // 0..1: a small bar after the text; < 0: none
};
using TableRow = std::vector<TableCell>;

// Draws the table at the cursor across the page's width. `title` is the
// section's title, repeated (as continued) on each further page.
void draw_table(PdfDocument& pdf, const std::string& title, const std::vector<TableColumn>& columns,
                const std::vector<TableRow>& rows);

// A section's title at the cursor; a new page first when the title and
// `keep_with` points of what follows do not fit.
void draw_section_title(PdfDocument& pdf, const std::string& title, double keep_with = 80);

// A small horizontal meter: a grey track with `fraction` (clamped to 0..1)
// filled, green-blue at 90 % and over, amber from 50 %, red below.
void draw_meter(PdfDocument& pdf, double x, double top, double width, double height,
                double fraction);

} // namespace kiosk::report
