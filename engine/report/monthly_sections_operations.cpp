// The monthly report's later sections (see monthly_sections.h): kiosk
// availability, content and its reviews, emergency notices and their
// delivery, the venues of a province report, and the data-quality notes.
#include "core/manager_text.h"
#include "monthly_sections.h"
#include "pdf_table.h"
#include "report_numbers.h"

#include <algorithm>

namespace kiosk::report {

namespace {

// The managers' word for `key` (tests/strings finds each text_of("key") use).
const std::string& text_of(std::string_view key, Language language) {
    return manager_text(key, language);
}

// Availability below 90 % is worth a look, below 50 % a problem.
CellTone availability_tone(int64_t available, int64_t open) {
    const std::optional<double> share = ratio(available, open);
    if (!share) return CellTone::muted;
    return *share < 0.5 ? CellTone::bad : *share < 0.9 ? CellTone::warn : CellTone::normal;
}

TableCell availability_cell(int64_t available, int64_t open, Language language) {
    const std::optional<double> share = ratio(available, open);
    return {format_percent(available, open, language), availability_tone(available, open),
            share ? *share : -1};
}

TableCell review_cell(const std::string& status, Language language) {
    if (status == "valid") return {text_of("monthly_review_valid", language)};
    if (status == "expiring") return {text_of("monthly_review_expiring", language), CellTone::warn};
    if (status == "expired") return {text_of("monthly_review_expired", language), CellTone::bad};
    if (status == "none" || status.empty())
        return {text_of("monthly_review_none", language), CellTone::muted};
    return {status, CellTone::muted};
}

std::string severity_word(const std::string& severity, Language language) {
    if (severity == "Extreme") return text_of("monthly_severity_extreme", language);
    if (severity == "Severe") return text_of("monthly_severity_severe", language);
    if (severity == "Moderate") return text_of("monthly_severity_moderate", language);
    if (severity == "Minor") return text_of("monthly_severity_minor", language);
    return text_of("monthly_severity_unknown", language);
}

std::string source_words(const std::string& source, Language language) {
    const std::string_view kiosk_prefix = "kiosk.db ";
    if (source == "hub") return text_of("monthly_source_hub", language);
    if (source.rfind(kiosk_prefix, 0) == 0)
        return manager_text("monthly_source_kiosk_db", language,
                            {{"file", std::string_view(source).substr(kiosk_prefix.size())}});
    return source;
}

} // namespace

void draw_availability_section(PdfDocument& pdf, const MonthlyReport& report) {
    const Language language = report.language;
    const std::string title = text_of("monthly_availability", language);
    draw_section_title(pdf, title);
    if (report.kiosks.empty()) {
        pdf.paragraph(text_of("monthly_no_kiosks", language), note_style());
        return;
    }
    const bool from_kiosk = std::any_of(report.kiosks.begin(), report.kiosks.end(),
                                        [](const auto& line) { return line.source_is_kiosk; });
    if (from_kiosk) {
        pdf.paragraph(text_of("monthly_availability_from_kiosk", language), note_style(), 2);
    } else {
        pdf.paragraph(text_of("monthly_availability_explained", language), note_style(), 2);
        pdf.paragraph(text_of("monthly_offline_lower_bound", language), note_style());
    }
    std::vector<TableColumn> columns{{text_of("monthly_kiosk", language), 1.6}};
    if (report.province) columns.push_back({text_of("monthly_venue", language), 1.8});
    columns.push_back({text_of("monthly_open_hours", language), 0.9, CellAlign::right});
    columns.push_back({text_of("monthly_available_hours", language), 0.9, CellAlign::right});
    columns.push_back({text_of("monthly_availability_percent", language), 1.8, CellAlign::right});
    columns.push_back({text_of("monthly_last_seen", language), 2.7});
    std::vector<TableRow> rows;
    for (const KioskAvailabilityLine& kiosk : report.kiosks) {
        TableRow row{{kiosk.kiosk}};
        if (report.province) row.push_back({kiosk.venue_name});
        row.push_back({format_count(kiosk.open_hours)});
        row.push_back({format_count(kiosk.available_hours)});
        row.push_back(availability_cell(kiosk.available_hours, kiosk.open_hours, language));
        row.push_back(
            kiosk.last_seen_utc_ms > 0
                ? TableCell{manager_time(kiosk.last_seen_utc_ms, report.utc_offset_min, language)}
                : TableCell{text_of("monthly_never_seen", language), CellTone::bad});
        rows.push_back(std::move(row));
    }
    draw_table(pdf, title, columns, rows);
}

void draw_content_section(PdfDocument& pdf, const MonthlyReport& report) {
    const Language language = report.language;
    const std::string title = text_of("monthly_content", language);
    draw_section_title(pdf, title);
    if (!report.content_known) {
        pdf.paragraph(text_of("monthly_content_unknown", language), note_style());
        return;
    }
    if (report.content.empty()) {
        pdf.paragraph(text_of("monthly_no_content", language), note_style());
        return;
    }
    const std::vector<TableColumn> columns{
        {text_of("monthly_package", language), 3.2},
        {text_of("monthly_version", language), 1},
        {text_of("monthly_kiosks", language), 0.8, CellAlign::right},
        {text_of("monthly_review", language), 1.2},
        {text_of("monthly_review_expires", language), 1.3},
    };
    std::vector<TableRow> rows;
    for (const ContentLine& line : report.content) {
        const TableCell review = review_cell(line.review_status, language);
        rows.push_back({{line.title.empty() ? line.id : line.title},
                        {line.version},
                        {format_count(line.kiosks)},
                        review,
                        {line.review_expires.empty() ? not_known(language) : line.review_expires,
                         review.tone == CellTone::muted ? CellTone::normal : review.tone}});
    }
    draw_table(pdf, title, columns, rows);
}

void draw_notice_section(PdfDocument& pdf, const MonthlyReport& report) {
    const Language language = report.language;
    const std::string title = text_of("monthly_notices", language);
    draw_section_title(pdf, title);
    if (!report.notices_known) {
        pdf.paragraph(text_of("monthly_notices_unknown", language), note_style());
        return;
    }
    if (report.notices.empty()) {
        pdf.paragraph(text_of("monthly_no_notices", language), note_style());
        return;
    }
    const std::vector<TableColumn> columns{
        {text_of("monthly_notice", language), 3.2},
        {text_of("monthly_severity", language), 1},
        {text_of("monthly_sent", language), 2.1},
        {text_of("monthly_delivery", language), 1.5, CellAlign::right},
    };
    std::vector<TableRow> rows;
    for (const NoticeLine& notice : report.notices) {
        const bool short_of_target = notice.kiosks_shown < notice.kiosks_targeted;
        rows.push_back(
            {{notice.headline},
             {severity_word(notice.severity, language)},
             {notice.sent_utc_ms > 0
                  ? manager_time(notice.sent_utc_ms, report.utc_offset_min, language)
                  : not_known(language)},
             {format_count(notice.kiosks_shown) + " / " + format_count(notice.kiosks_targeted),
              short_of_target ? CellTone::warn : CellTone::normal}});
    }
    draw_table(pdf, title, columns, rows);
}

void draw_venue_section(PdfDocument& pdf, const MonthlyReport& report) {
    if (!report.province) return;
    const Language language = report.language;
    const std::string title = text_of("monthly_venues", language);
    draw_section_title(pdf, title);
    if (report.venues.empty()) {
        pdf.paragraph(text_of("monthly_no_venues", language), note_style());
        return;
    }
    const std::vector<TableColumn> columns{
        {text_of("monthly_venue", language), 2.2},
        {text_of("monthly_kiosks", language), 0.8, CellAlign::right},
        {text_of("monthly_visitors", language), 1.1, CellAlign::right},
        {text_of("monthly_exhibit_visits", language), 1.4, CellAlign::right},
        {text_of("monthly_quiz_answers", language), 1, CellAlign::right},
        {text_of("monthly_quiz_accuracy", language), 0.9, CellAlign::right},
        {text_of("monthly_availability_percent", language), 1.8, CellAlign::right},
    };
    std::vector<TableRow> rows;
    for (const VenueLine& venue : report.venues) {
        const MonthFigures& month = venue.month;
        auto count = [&](int64_t value) {
            return TableCell{month.known ? format_count(value) : not_known(language)};
        };
        rows.push_back(
            {{venue.name.empty() ? venue.id : venue.name},
             {format_count(venue.kiosks)},
             count(month.visitors),
             count(month.exhibit_visits),
             count(month.quiz_answers),
             {month.known ? format_percent(month.quiz_correct, month.quiz_answers, language)
                          : not_known(language)},
             availability_cell(venue.available_hours, venue.open_hours, language)});
    }
    draw_table(pdf, title, columns, rows);
}

void draw_data_quality_section(PdfDocument& pdf, const MonthlyReport& report) {
    const Language language = report.language;
    draw_section_title(pdf, text_of("monthly_data_quality", language), 30);
    TextStyle style = note_style();
    style.colour = colour::kInk;
    if (!report.source.empty())
        pdf.paragraph(manager_text("monthly_source", language,
                                   {{"source", source_words(report.source, language)}}),
                      style, 4);
    if (report.data_quality.empty())
        pdf.paragraph(text_of("monthly_no_data_quality_notes", language), note_style());
    for (const std::string& note : report.data_quality)
        pdf.paragraph("\u2022 " + note, style, 3);
}

} // namespace kiosk::report
