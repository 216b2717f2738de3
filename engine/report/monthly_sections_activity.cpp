// The monthly report's first sections (see monthly_sections.h): the header,
// the headline figures against the previous month and the same month last
// year, the visitors per day and per hour, the exhibits, and the quiz with
// its hardest questions.
#include "core/civil_time.h"
#include "core/manager_text.h"
#include "monthly_sections.h"
#include "pdf_charts.h"
#include "pdf_table.h"
#include "report_numbers.h"

#include <chrono>
#include <functional>

namespace kiosk::report {

namespace {

// The managers' word for `key` (tests/strings finds each text_of("key") use).
const std::string& text_of(std::string_view key, Language language) {
    return manager_text(key, language);
}

// One label over its value in the header's strip.
void draw_header_field(PdfDocument& pdf, double x, double width, const std::string& label,
                       const std::string& value) {
    pdf.draw_text(label, x, pdf.y(), width - 8, {7.5, false, colour::kMuted});
    pdf.draw_text(value, x, pdf.y() + 11, width - 8, {9.5, false, colour::kInk});
}

// One row of the headline table: how to read the figure from a month, how
// to show it, and how its change is worked out (relative, or in points).
struct HeadlineRow {
    std::string label;
    std::function<std::optional<double>(const MonthFigures&)> value;
    std::function<std::string(const MonthFigures&, Language)> shown;
    bool change_in_points = false;
};

std::vector<HeadlineRow> headline_rows(Language language) {
    auto count = [](int64_t MonthFigures::*field) {
        return HeadlineRow{"",
                           [field](const MonthFigures& m) -> std::optional<double> {
                               if (!m.known) return std::nullopt;
                               return double(m.*field);
                           },
                           [field](const MonthFigures& m, Language shown_in) {
                               return m.known ? format_count(m.*field) : not_known(shown_in);
                           }};
    };
    HeadlineRow visitors = count(&MonthFigures::visitors);
    visitors.label = text_of("monthly_visitors", language);
    HeadlineRow exhibit_visits = count(&MonthFigures::exhibit_visits);
    exhibit_visits.label = text_of("monthly_exhibit_visits", language);
    HeadlineRow answers = count(&MonthFigures::quiz_answers);
    answers.label = text_of("monthly_quiz_answers", language);
    HeadlineRow kiosks = count(&MonthFigures::active_kiosks);
    kiosks.label = text_of("monthly_active_kiosks", language);
    HeadlineRow session{text_of("monthly_average_session_min", language),
                        [](const MonthFigures& m) -> std::optional<double> {
                            if (!m.known || m.visitors <= 0) return std::nullopt;
                            return double(m.session_ms) / double(m.visitors);
                        },
                        [](const MonthFigures& m, Language shown_in) {
                            return m.known
                                       ? format_average_minutes(m.session_ms, m.visitors, shown_in)
                                       : not_known(shown_in);
                        }};
    HeadlineRow accuracy{text_of("monthly_quiz_accuracy", language),
                         [](const MonthFigures& m) -> std::optional<double> {
                             if (!m.known) return std::nullopt;
                             return ratio(m.quiz_correct, m.quiz_answers);
                         },
                         [](const MonthFigures& m, Language shown_in) {
                             return m.known
                                        ? format_percent(m.quiz_correct, m.quiz_answers, shown_in)
                                        : not_known(shown_in);
                         },
                         true};
    return {visitors, session, exhibit_visits, answers, accuracy, kiosks};
}

std::string change_text(const HeadlineRow& row, const MonthFigures& now, const MonthFigures& before,
                        Language language) {
    return row.change_in_points ? format_point_change(row.value(now), row.value(before), language)
                                : format_change(row.value(now), row.value(before), language);
}

// "2026-11-07" -> "7"; the text itself when it is not a day.
std::string day_of_month_label(const std::string& day) {
    if (!is_valid_day(day)) return day;
    return std::to_string(std::stoi(day.substr(8, 2)));
}

bool is_weekend(const std::string& day) {
    const auto parsed = parse_day(day);
    if (!parsed) return false;
    const std::chrono::weekday weekday{*parsed};
    return weekday == std::chrono::Saturday || weekday == std::chrono::Sunday;
}

} // namespace

TextStyle note_style() {
    TextStyle style{8.5, false, colour::kMuted};
    style.max_lines = 6;
    return style;
}

void draw_report_header(PdfDocument& pdf, const MonthlyReport& report) {
    const Language language = report.language;
    const TextStyle title{20, true, colour::kAccent};
    const double title_height = pdf.draw_text(text_of("monthly_title", language), pdf.left(),
                                              pdf.y(), pdf.width() * 0.7, title);
    TextStyle month = title;
    month.align = PANGO_ALIGN_RIGHT;
    month.colour = colour::kInk;
    pdf.draw_text(report.month, pdf.left() + pdf.width() * 0.7, pdf.y(), pdf.width() * 0.3, month);
    pdf.advance(title_height + 2);

    TextStyle scope{14, true, colour::kInk};
    scope.max_lines = 2;
    pdf.advance(pdf.draw_text(report.scope_name, pdf.left(), pdf.y(), pdf.width(), scope) + 8);

    // Scope, month, kiosk and generated time side by side, the time widest.
    const double widths[] = {0.27, 0.24, 0.17, 0.32};
    double x = pdf.left();
    auto field = [&](int index, const std::string& label, const std::string& value) {
        draw_header_field(pdf, x, pdf.width() * widths[index], label, value);
        x += pdf.width() * widths[index];
    };
    field(0,
          !report.region.empty() ? text_of("region", language)
          : report.province      ? text_of("monthly_scope_province", language)
                                 : text_of("monthly_scope_venue", language),
          report.scope_name);
    field(1, text_of("monthly_month", language),
          report.days.from.empty() ? report.month : report.days.from + " – " + report.days.to);
    field(2, text_of("monthly_kiosk", language),
          report.kiosk.empty() ? text_of("monthly_all_kiosks", language) : report.kiosk);
    field(3, text_of("monthly_generated", language),
          report.generated_utc_ms > 0
              ? manager_time(report.generated_utc_ms, report.utc_offset_min, language)
              : not_known(language));
    pdf.advance(28);
    pdf.horizontal_rule(pdf.left(), pdf.y(), pdf.width(), colour::kAccent, 1.2);
    pdf.advance(6);
}

void draw_headline_section(PdfDocument& pdf, const MonthlyReport& report) {
    const Language language = report.language;
    draw_section_title(pdf, text_of("monthly_headline", language));
    const std::vector<TableColumn> columns{
        {text_of("monthly_figure", language), 2.2},
        {text_of("monthly_this_month", language), 1.2, CellAlign::right},
        {text_of("monthly_previous_month", language), 1.2, CellAlign::right},
        {text_of("monthly_change_previous", language), 1.3, CellAlign::right},
        {text_of("monthly_same_month_last_year", language), 1.2, CellAlign::right},
        {text_of("monthly_change_last_year", language), 1.3, CellAlign::right},
    };
    std::vector<TableRow> rows;
    for (const HeadlineRow& row : headline_rows(language))
        rows.push_back(
            {{row.label},
             {row.shown(report.this_month, language), CellTone::strong},
             {row.shown(report.previous_month, language)},
             {change_text(row, report.this_month, report.previous_month, language)},
             {row.shown(report.same_month_last_year, language)},
             {change_text(row, report.this_month, report.same_month_last_year, language)}});
    draw_table(pdf, text_of("monthly_headline", language), columns, rows);
    pdf.paragraph(text_of("monthly_change_note", language), note_style());
}

void draw_visitor_charts(PdfDocument& pdf, const MonthlyReport& report) {
    const Language language = report.language;
    int64_t busiest_day = 0, busiest_hour = 0;
    for (const DayCount& day : report.visitors_per_day)
        busiest_day = std::max(busiest_day, day.visitors);
    for (const int64_t hour : report.visitors_by_hour)
        busiest_hour = std::max(busiest_hour, hour);

    draw_section_title(pdf, text_of("monthly_visitors_per_day", language), 170);
    if (busiest_day <= 0) {
        pdf.paragraph(text_of("monthly_no_visitors", language), note_style());
    } else {
        std::vector<ChartBar> bars;
        for (const DayCount& day : report.visitors_per_day)
            bars.push_back({day_of_month_label(day.day), day.visitors, is_weekend(day.day)});
        draw_bar_chart(pdf, bars,
                       {150, text_of("monthly_day_axis", language),
                        text_of("monthly_weekday", language),
                        text_of("monthly_weekend", language)});
    }

    draw_section_title(pdf, text_of("monthly_visitors_by_hour", language), 130);
    if (busiest_hour <= 0) {
        pdf.paragraph(text_of("monthly_no_visitors", language), note_style());
    } else {
        std::vector<ChartBar> bars;
        for (size_t hour = 0; hour < report.visitors_by_hour.size(); ++hour)
            bars.push_back({std::to_string(hour), report.visitors_by_hour[hour], false});
        draw_bar_chart(pdf, bars, {120, text_of("monthly_hour_axis", language), "", ""});
    }
}

void draw_exhibit_section(PdfDocument& pdf, const MonthlyReport& report) {
    const Language language = report.language;
    const std::string title = text_of("monthly_exhibits", language);
    draw_section_title(pdf, title);
    if (report.exhibits.empty()) {
        pdf.paragraph(text_of("monthly_no_exhibits", language), note_style());
        return;
    }
    const std::vector<TableColumn> columns{
        {text_of("monthly_exhibit", language), 3.4},
        {text_of("monthly_visits", language), 1.1, CellAlign::right},
        {text_of("monthly_average_dwell_min", language), 1.3, CellAlign::right},
        {text_of("monthly_exhibit_visitors", language), 1.1, CellAlign::right},
        {text_of("monthly_findings", language), 1.1, CellAlign::right},
    };
    std::vector<TableRow> rows;
    for (const ExhibitLine& exhibit : report.exhibits)
        rows.push_back(
            {{exhibit.title.empty() ? exhibit.id : exhibit.title},
             {format_count(exhibit.visits)},
             {format_average_minutes(exhibit.dwell_ms, exhibit.visits, language)},
             {exhibit.visitors < 0 ? not_known(language) : format_count(exhibit.visitors)},
             {format_count(exhibit.findings)}});
    draw_table(pdf, title, columns, rows);
}

void draw_quiz_section(PdfDocument& pdf, const MonthlyReport& report) {
    const Language language = report.language;
    const std::string title = text_of("monthly_quiz", language);
    draw_section_title(pdf, title);
    const MonthFigures& month = report.this_month;
    if (report.quiz_rounds <= 0 && month.quiz_answers <= 0) {
        pdf.paragraph(text_of("monthly_no_quiz", language), note_style());
        return;
    }
    draw_table(
        pdf, title,
        {{text_of("monthly_quiz_rounds", language), 1, CellAlign::right},
         {text_of("monthly_quiz_answers", language), 1, CellAlign::right},
         {text_of("monthly_quiz_accuracy", language), 1, CellAlign::right}},
        {{{report.quiz_rounds < 0 ? not_known(language) : format_count(report.quiz_rounds),
           CellTone::strong},
          {format_count(month.quiz_answers), CellTone::strong},
          {format_percent(month.quiz_correct, month.quiz_answers, language), CellTone::strong}}});

    const std::string hardest = text_of("monthly_hardest_questions", language);
    draw_section_title(pdf, hardest, 40);
    if (report.hardest_questions.empty()) {
        pdf.paragraph(manager_text("monthly_no_hardest", language, {{"min", report.min_answers}}),
                      note_style());
    } else {
        const std::vector<TableColumn> columns{
            {text_of("monthly_question", language), 4.2},
            {text_of("monthly_answers", language), 1, CellAlign::right},
            {text_of("monthly_correct", language), 1, CellAlign::right},
            {text_of("monthly_accuracy", language), 1, CellAlign::right},
        };
        std::vector<TableRow> rows;
        for (const QuestionLine& question : report.hardest_questions)
            rows.push_back({{question.text.empty() ? question.pack + "/" + question.question_id
                                                   : question.text},
                            {format_count(question.answers)},
                            {format_count(question.correct)},
                            {format_percent(question.correct, question.answers, language)}});
        draw_table(pdf, hardest, columns, rows);
    }
    pdf.paragraph(
        manager_text("monthly_questions_left_out", language,
                     {{"min", report.min_answers}, {"n", report.questions_below_minimum}}),
        note_style());
}

} // namespace kiosk::report
