// The sections of the monthly report PDF, each drawn at the cursor in the
// report's order: the header; the headline figures with their changes; the
// visitors per day and per hour; exhibits; quiz and its hardest questions
// (monthly_sections_activity.cpp); kiosk availability; content and reviews;
// emergency notices; the venues of a province report; data quality
// (monthly_sections_operations.cpp). A section without data says so in words.
#pragma once

#include "monthly_report.h"
#include "pdf_pages.h"

namespace kiosk::report {

void draw_report_header(PdfDocument& pdf, const MonthlyReport& report);
void draw_headline_section(PdfDocument& pdf, const MonthlyReport& report);
void draw_visitor_charts(PdfDocument& pdf, const MonthlyReport& report);
void draw_exhibit_section(PdfDocument& pdf, const MonthlyReport& report);
void draw_quiz_section(PdfDocument& pdf, const MonthlyReport& report);

void draw_availability_section(PdfDocument& pdf, const MonthlyReport& report);
void draw_content_section(PdfDocument& pdf, const MonthlyReport& report);
void draw_notice_section(PdfDocument& pdf, const MonthlyReport& report);
void draw_venue_section(PdfDocument& pdf, const MonthlyReport& report);
void draw_data_quality_section(PdfDocument& pdf, const MonthlyReport& report);

// The style of a section's explanatory line and of its "no data" sentence.
TextStyle note_style();

} // namespace kiosk::report
