// The monthly report from one kiosk.db (see monthly_from_kiosk.h). The
// numbers are read by build_stats_reports (stats_report.h), the same queries
// kioskctl stats summary and export run, once for the month, the previous
// month and the same month a year before; this file only moves their tables'
// cells into a report::MonthlyReport. What only a hub knows (other kiosks,
// opening hours, content reviews, notices' delivery) is marked unknown.

#include "monthly_from_kiosk.h"

#include "stats_report.h"

#include "core/checked_sum.h"
#include "core/civil_time.h"
#include "core/manager_text.h"
#include "core/sqlite_statement.h"

#include <algorithm>
#include <filesystem>
#include <map>

namespace kiosk::stats {
namespace {

// One table of a built set, by its key (build_stats_reports always makes every table).
const ReportTable& table_of(const ReportSet& set, std::string_view key) {
    static const ReportTable kEmpty;
    for (const ReportTable& table : set.tables)
        if (table.key == key) return table;
    return kEmpty;
}

// Reads one row's cells by column key.
class Row {
public:
    Row(const ReportTable& table, const std::vector<ReportCell>& cells)
        : table_(table), cells_(cells) {}
    const ReportCell& cell(std::string_view key) const {
        static const ReportCell kNone;
        for (size_t i = 0; i < table_.columns.size() && i < cells_.size(); ++i)
            if (table_.columns[i].key == key) return cells_[i];
        return kNone;
    }
    int64_t integer(std::string_view key) const { return cell(key).integer; }
    const std::string& text(std::string_view key) const { return cell(key).text; }

private:
    const ReportTable& table_;
    const std::vector<ReportCell>& cells_;
};

template <typename Each> void each_row(const ReportSet& set, std::string_view key, Each each) {
    const ReportTable& table = table_of(set, key);
    for (const std::vector<ReportCell>& cells : table.rows)
        each(Row(table, cells));
}

std::optional<ReportSet> month_reports(const telemetry::ReadOnlyKioskDb& db, const DayRange& days,
                                       Language language, std::string& error) {
    StatsOptions options;
    options.range = days;
    options.language = language;
    options.full = true;
    return build_stats_reports(db, options, error);
}

// The headline figures of one month's reports; false when a sum overflows.
bool month_figures(const ReportSet& set, report::MonthFigures& figures) {
    CheckedSum visitors, session_ms, visits, answers, correct;
    bool any_day = false;
    each_row(set, "daily_rollups", [&](const Row& row) {
        any_day = true;
        if (row.text("subject_kind") == "kiosk" && row.text("subject").empty()) {
            if (row.text("metric") == "sessions") visitors += row.integer("value");
            if (row.text("metric") == "session_ms") session_ms += row.integer("value");
        }
    });
    each_row(set, "exhibits_by_visits", [&](const Row& row) { visits += row.integer("visits"); });
    each_row(set, "quiz_accuracy", [&](const Row& row) {
        answers += row.integer("answers");
        correct += row.integer("correct");
    });
    for (const CheckedSum* sum : {&visitors, &session_ms, &visits, &answers, &correct})
        if (sum->overflowed()) return false;
    figures.known = any_day;
    figures.visitors = *visitors.value();
    figures.session_ms = *session_ms.value();
    figures.exhibit_visits = *visits.value();
    figures.quiz_answers = *answers.value();
    figures.quiz_correct = *correct.value();
    figures.active_kiosks = figures.visitors > 0 ? 1 : 0;
    return true;
}

// The month's details: per day, per hour, exhibits, quiz, hardest questions.
bool fill_details(const ReportSet& set, report::MonthlyReport& report) {
    std::map<std::string, int64_t> by_day;
    each_row(set, "visitors_per_day",
             [&](const Row& row) { by_day[row.text("day")] = row.integer("sessions"); });
    const auto first = parse_day(report.days.from), last = parse_day(report.days.to);
    for (auto day = *first; day <= *last; day += std::chrono::days{1}) {
        const auto found = by_day.find(format_day(day));
        report.visitors_per_day.push_back(
            {format_day(day), found == by_day.end() ? 0 : found->second});
    }
    each_row(set, "busiest_hours", [&](const Row& row) {
        const int64_t hour = row.integer("hour");
        if (hour >= 0 && hour < 24) report.visitors_by_hour[size_t(hour)] = row.integer("sessions");
    });

    std::map<std::string, CheckedSum> exhibit_visitors, exhibit_dwell, finding_events;
    each_row(set, "daily_rollups", [&](const Row& row) {
        if (row.text("subject_kind") != "exhibit") return;
        if (row.text("metric") == "visitors")
            exhibit_visitors[row.text("subject")] += row.integer("value");
        if (row.text("metric") == "dwell_ms")
            exhibit_dwell[row.text("subject")] += row.integer("value");
    });
    each_row(set, "findings",
             [&](const Row& row) { finding_events[row.text("exhibit")] += row.integer("events"); });
    bool exact = true;
    auto total = [&](const std::map<std::string, CheckedSum>& sums, const std::string& key,
                     int64_t missing) {
        const auto found = sums.find(key);
        if (found == sums.end()) return missing;
        exact = exact && !found->second.overflowed();
        return found->second.value().value_or(0);
    };
    each_row(set, "exhibits_by_visits", [&](const Row& row) {
        const std::string& id = row.text("exhibit");
        report.exhibits.push_back({id, row.text("title"), row.integer("visits"),
                                   total(exhibit_dwell, id, 0), total(exhibit_visitors, id, -1),
                                   total(finding_events, id, 0)});
    });

    CheckedSum rounds;
    each_row(set, "quiz_rounds", [&](const Row& row) { rounds += row.integer("rounds_started"); });
    report.quiz_rounds = rounds.value().value_or(0);
    exact = exact && !rounds.overflowed();
    // quiz_accuracy lists answered questions, lowest accuracy first.
    each_row(set, "quiz_accuracy", [&](const Row& row) {
        report::offer_hardest_question(report, {row.text("pack"), row.text("question"),
                                                row.text("question_text"), row.integer("answers"),
                                                row.integer("correct")});
    });
    return exact;
}

// The data-quality table's counts as notes ("{what}: {n}"), those above 0,
// and the note that this report comes from one kiosk.
void fill_quality(const ReportSet& set, const std::string& path, report::MonthlyReport& report) {
    const Language lang = report.language;
    report.data_quality.push_back(
        manager_text("monthly_collect_note_kiosk_source", lang, {{"file", path}}));
    each_row(set, "data_quality", [&](const Row& row) {
        if (row.text("check") == "events_in_range" || row.integer("count") <= 0) return;
        report.data_quality.push_back(manager_text(
            "monthly_collect_note_count", lang,
            {{"what", row.text("description")}, {"n", std::to_string(row.integer("count"))}}));
    });
}

// The kiosk's own line: the hours of the month in which it logged anything
// (it ran), its last event; no opening hours (only the hub knows them).
report::KioskAvailabilityLine own_line(const telemetry::ReadOnlyKioskDb& db, const DayRange& days,
                                       std::string& error) {
    report::KioskAvailabilityLine line;
    line.kiosk = std::filesystem::path(db.path()).filename().string();
    line.source_is_kiosk = true;
    SqliteStatement hours(db.handle(),
                          "SELECT count(DISTINCT utc_ms / 3600000), max(utc_ms) FROM events"
                          " WHERE day BETWEEN ?1 AND ?2 AND (clock_flags & 1) = 0",
                          error);
    hours.bind(1, days.from).bind(2, days.to);
    if (hours.next()) {
        line.available_hours = hours.integer(0);
        line.last_seen_utc_ms = hours.is_null(1) ? 0 : hours.integer(1);
    }
    return line;
}

} // namespace

std::optional<report::MonthlyReport> monthly_report_from_kiosk(const telemetry::ReadOnlyKioskDb& db,
                                                               const std::string& month,
                                                               Language language, int min_answers,
                                                               int64_t now_utc_ms,
                                                               std::string& error) {
    error.clear();
    const std::optional<DayRange> days = month_range(month);
    if (!days) {
        error = manager_text("monthly_collect_bad_month", language, {{"month", month}});
        return std::nullopt;
    }
    report::MonthlyReport report;
    report.language = language;
    report.month = month;
    report.days = *days;
    report.province = false;
    report.scope_name = std::filesystem::path(db.path()).filename().string();
    report.utc_offset_min = kiosk_utc_offset_min(db, error);
    report.generated_utc_ms = now_utc_ms;
    report.source = "kiosk.db " + db.path();
    report.min_answers = min_answers;
    report.availability_known = false;
    report.content_known = false;
    report.notices_known = false;

    const std::optional<ReportSet> reports = month_reports(db, *days, language, error);
    if (!reports) return std::nullopt;
    bool exact = month_figures(*reports, report.this_month) && fill_details(*reports, report);
    for (auto [delta, figures] :
         {std::pair{-1, &report.previous_month}, std::pair{-12, &report.same_month_last_year}}) {
        const std::optional<std::string> earlier = shift_month(month, delta);
        if (!earlier) continue;
        const std::optional<ReportSet> set =
            month_reports(db, *month_range(*earlier), language, error);
        if (!set) return std::nullopt;
        exact = exact && month_figures(*set, *figures);
    }
    if (!exact) {
        error = db.path() + ": reading the reports: a sum exceeds 64 bits";
        return std::nullopt;
    }
    fill_quality(*reports, db.path(), report);
    report.kiosks.push_back(own_line(db, *days, error));
    if (!error.empty()) {
        error = db.path() + ": reading the reports: " + error;
        return std::nullopt;
    }
    return report;
}

} // namespace kiosk::stats
