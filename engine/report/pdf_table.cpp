// Tables, section titles and meters in a report PDF (see pdf_table.h).
#include "pdf_table.h"

#include "core/manager_text.h"

#include <algorithm>

namespace kiosk::report {

namespace {

constexpr double kCellSize = 8.5;
constexpr double kRowHeight = 14;
constexpr double kCellPadding = 4;
constexpr double kTitleSize = 13;

TextStyle cell_style(const TableColumn& column, CellTone tone) {
    TextStyle style;
    style.size_pt = kCellSize;
    style.align = column.align == CellAlign::right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
    style.shrink_to_fit = column.align == CellAlign::right; // figures, never cut
    switch (tone) {
    case CellTone::normal:
        break;
    case CellTone::strong:
        style.bold = true;
        break;
    case CellTone::muted:
        style.colour = colour::kMuted;
        break;
    case CellTone::warn:
        style.colour = colour::kWarn;
        style.bold = true;
        break;
    case CellTone::bad:
        style.colour = colour::kBad;
        style.bold = true;
        break;
    }
    return style;
}

struct ColumnBox {
    double x = 0, width = 0;
};

std::vector<ColumnBox> column_boxes(const PdfDocument& pdf,
                                    const std::vector<TableColumn>& columns) {
    double total = 0;
    for (const TableColumn& column : columns)
        total += std::max(column.weight, 0.01);
    std::vector<ColumnBox> boxes;
    double x = pdf.left();
    for (const TableColumn& column : columns) {
        const double width = pdf.width() * std::max(column.weight, 0.01) / total;
        boxes.push_back({x, width});
        x += width;
    }
    return boxes;
}

double header_height(PdfDocument& pdf, const std::vector<TableColumn>& columns,
                     const std::vector<ColumnBox>& boxes) {
    double tallest = 0;
    for (size_t i = 0; i < columns.size(); ++i) {
        TextStyle style = cell_style(columns[i], CellTone::strong);
        style.max_lines = 2;
        tallest = std::max(
            tallest, pdf.text_height(columns[i].header, boxes[i].width - 2 * kCellPadding, style));
    }
    return tallest + 6;
}

void draw_header(PdfDocument& pdf, const std::vector<TableColumn>& columns,
                 const std::vector<ColumnBox>& boxes, double height) {
    pdf.fill_rectangle(pdf.left(), pdf.y(), pdf.width(), height, colour::kHeaderFill);
    for (size_t i = 0; i < columns.size(); ++i) {
        TextStyle style = cell_style(columns[i], CellTone::strong);
        style.max_lines = 2;
        pdf.draw_text(columns[i].header, boxes[i].x + kCellPadding, pdf.y() + 3,
                      boxes[i].width - 2 * kCellPadding, style);
    }
    pdf.horizontal_rule(pdf.left(), pdf.y() + height, pdf.width(), colour::kRule, 0.8);
    pdf.advance(height);
}

void draw_cell(PdfDocument& pdf, const TableColumn& column, const TableCell& cell,
               const ColumnBox& box, double top) {
    const TextStyle style = cell_style(column, cell.tone);
    double text_width = box.width - 2 * kCellPadding;
    if (cell.meter >= 0) {
        const double meter_width = std::min(60.0, text_width * 0.5);
        text_width -= meter_width + 4;
        draw_meter(pdf, box.x + kCellPadding + text_width + 4, top + 4, meter_width, 6, cell.meter);
    }
    pdf.draw_text(cell.text, box.x + kCellPadding, top + 2, text_width, style);
}

} // namespace

void draw_section_title(PdfDocument& pdf, const std::string& title, double keep_with) {
    const TextStyle style{kTitleSize, true, colour::kAccent};
    const double height = pdf.text_height(title, pdf.width(), style);
    pdf.ensure_space(height + 8 + keep_with);
    if (pdf.y() > pdf.top() + 0.5) pdf.advance(8);
    pdf.draw_text(title, pdf.left(), pdf.y(), pdf.width(), style);
    pdf.advance(height + 5);
}

void draw_table(PdfDocument& pdf, const std::string& title, const std::vector<TableColumn>& columns,
                const std::vector<TableRow>& rows) {
    const std::vector<ColumnBox> boxes = column_boxes(pdf, columns);
    const double header = header_height(pdf, columns, boxes);
    pdf.ensure_space(header + kRowHeight);
    draw_header(pdf, columns, boxes, header);
    for (size_t r = 0; r < rows.size(); ++r) {
        if (pdf.ensure_space(kRowHeight)) {
            draw_section_title(
                pdf, manager_text("monthly_continued", pdf.language(), {{"title", title}}),
                header + kRowHeight);
            draw_header(pdf, columns, boxes, header);
        }
        if (r % 2 == 1)
            pdf.fill_rectangle(pdf.left(), pdf.y(), pdf.width(), kRowHeight, colour::kStripeFill);
        for (size_t i = 0; i < columns.size() && i < rows[r].size(); ++i)
            draw_cell(pdf, columns[i], rows[r][i], boxes[i], pdf.y());
        pdf.advance(kRowHeight);
    }
    pdf.horizontal_rule(pdf.left(), pdf.y(), pdf.width(), colour::kRule, 0.8);
    pdf.advance(6);
}

void draw_meter(PdfDocument& pdf, double x, double top, double width, double height,
                double fraction) {
    fraction = std::clamp(fraction, 0.0, 1.0);
    pdf.fill_rectangle(x, top, width, height, colour::kMeterTrack);
    const Rgb fill = fraction >= 0.9   ? colour::kAccent
                     : fraction >= 0.5 ? colour::kWarn
                                       : colour::kBad;
    if (fraction > 0) pdf.fill_rectangle(x, top, width * fraction, height, fill);
}

} // namespace kiosk::report
