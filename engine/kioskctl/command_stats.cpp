// kioskctl stats summary and stats export: managers' reports over one kiosk's
// kiosk.db (or a copy of it), opened read-only. The reports themselves live in
// engine/stats/stats_report.h; this file owns the command lines, the
// default range and the messages.
#include "commands.h"
#include "core/civil_time.h"
#include "core/day_ranges.h"
#include "core/manager_text.h"
#include "report/monthly_report.h"
#include "stats/monthly_from_kiosk.h"
#include "stats/stats_report.h"

#include <filesystem>
#include <iostream>

namespace kiosk::ctl {
namespace {

using namespace kiosk;
using namespace kiosk::telemetry;

int fail(const std::string& message) {
    std::cerr << "kioskctl: " << message << "\n";
    return 2;
}

void add_common_options(CLI::App* command, Options& o) {
    command->add_option("--db", o.db, "The kiosk's kiosk.db, or a copy of it (opened read-only)")
        ->required();
    command->add_option("--from", o.from,
                        "First local day, YYYY-MM-DD (default: the first day with data)");
    command->add_option("--to", o.to,
                        "Last local day, YYYY-MM-DD, included (default: the last day with data)");
    command->add_option("--lang", o.lang, "Language of titles and headers: zh or en (default zh)")
        ->check(CLI::IsMember({"zh", "en"}));
    command->add_option("--month", o.month, "A calendar month, YYYY-MM (instead of --from/--to)");
    command->add_option("--range", o.range,
                        "this-month, last-month, this-quarter, this-year or last-30-days, in the "
                        "kiosk's local days (instead of --from/--to)");
}

Language language_of(const Options& o) {
    return o.lang == "en" ? Language::En : Language::Zh;
}

// --month or --range as o.from/o.to ("today" is the kiosk's local day at its
// events' offset); false with `error` when combined with each other or with
// --from/--to, or not valid.
bool resolve_month_or_range(Options& o, const telemetry::ReadOnlyKioskDb& db, std::string& error) {
    const Language lang = language_of(o);
    if (o.month.empty() && o.range.empty()) return true;
    if (!o.month.empty() && !o.range.empty()) {
        error = manager_text("stats_month_or_range", lang);
        return false;
    }
    if (!o.from.empty() || !o.to.empty()) {
        error = manager_text("stats_range_with_dates", lang);
        return false;
    }
    std::optional<DayRange> days;
    if (!o.month.empty()) {
        days = month_range(o.month);
        if (!days) error = manager_text("monthly_collect_bad_month", lang, {{"month", o.month}});
    } else if (const std::optional<RangePreset> preset = parse_range_preset(o.range)) {
        const int32_t offset = stats::kiosk_utc_offset_min(db, error);
        if (!error.empty()) return false;
        days = preset_range(*preset, std::string_view(local_day(now_utc_ms(), offset)));
    } else {
        std::string names;
        for (RangePreset known : kRangePresets)
            names += (names.empty() ? "" : ", ") + std::string(range_preset_name(known));
        error = manager_text("stats_bad_range", lang, {{"range", o.range}, {"names", names}});
    }
    if (!days) return false;
    o.from = days->from;
    o.to = days->to;
    return true;
}

stats::StatsOptions stats_options(const Options& o, const stats::DayRange& range, bool full) {
    stats::StatsOptions options;
    options.range = range;
    options.language = o.lang == "en" ? Language::En : Language::Zh;
    options.full = full;
    options.top = o.top;
    return options;
}

bool same_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    return std::filesystem::exists(a, ec) && std::filesystem::equivalent(a, b, ec);
}

int run_summary(Options o) {
    std::string error;
    std::unique_ptr<telemetry::ReadOnlyKioskDb> db = telemetry::ReadOnlyKioskDb::open(o.db, error);
    if (!db) return fail(error);
    if (!db->warning().empty()) std::cerr << "kioskctl: note: " << db->warning() << "\n";
    if (!resolve_month_or_range(o, *db, error)) return fail(error);
    stats::DayRange range;
    if (!stats::resolve_day_range(*db, o.from, o.to, range, error)) return fail(error);
    std::optional<stats::ReportSet> reports =
        stats::build_stats_reports(*db, stats_options(o, range, false), error);
    if (!reports) return fail(error);
    write_text(*reports, std::cout);
    return 0;
}

int run_export(Options o) {
    const Language lang = language_of(o);
    std::string error;
    const bool xapi = o.format == "xapi";
    if (!xapi && o.output.empty()) return fail(manager_text("stats_need_output", lang));
    if (!xapi && (!o.post_url.empty() || !o.venue_id.empty() || !o.home_page.empty() ||
                  !o.state_file.empty() || !o.lrs_user.empty()))
        return fail(manager_text("xapi_options_only", lang));
    if (same_file(o.output, o.db))
        return fail(o.output + ": is the database itself; choose another output file");
    std::unique_ptr<telemetry::ReadOnlyKioskDb> db = telemetry::ReadOnlyKioskDb::open(o.db, error);
    if (!db) return fail(error);
    if (!db->warning().empty()) std::cerr << "kioskctl: note: " << db->warning() << "\n";
    if (!resolve_month_or_range(o, *db, error)) return fail(error);
    stats::DayRange range;
    if (!stats::resolve_day_range(*db, o.from, o.to, range, error)) return fail(error);
    if (xapi) { // every event unless a range is given, as the events CSV
        const stats::DayRange events_range{o.from, o.to.empty() ? "9999-12-31" : o.to};
        const bool ranged = !o.from.empty() || !o.to.empty();
        return run_xapi_export(o, *db, ranged ? &events_range : nullptr);
    }

    if (o.report == "events") {
        if (o.format != "csv") return fail("--report events is written as CSV only (--format csv)");
        // Events outside the rollups' days (a 1970 clock) are included unless a range is given.
        stats::DayRange events_range{o.from, o.to.empty() ? "9999-12-31" : o.to};
        const bool ranged = !o.from.empty() || !o.to.empty();
        int64_t rows = 0;
        if (!stats::export_events_csv(*db, ranged ? &events_range : nullptr, o.output, rows, error))
            return fail(error);
        std::cout << "wrote " << rows << " events to " << o.output << "\n";
        return 0;
    }

    std::optional<stats::ReportSet> reports =
        stats::build_stats_reports(*db, stats_options(o, range, true), error);
    if (!reports) return fail(error);
    const bool written = o.format == "csv"    ? stats::write_csv(*reports, o.output, error)
                         : o.format == "xlsx" ? stats::write_xlsx(*reports, o.output, error)
                                              : stats::write_json(*reports, o.output, error);
    if (!written) return fail(error);
    std::cout << "wrote " << reports->tables.size() << " reports";
    if (!range.from.empty()) std::cout << " for " << range.from << " .. " << range.to;
    std::cout << " to " << o.output << "\n";
    return 0;
}

// kioskctl stats report: the monthly evaluation report of this kiosk as PDF.
int run_report(const Options& o) {
    const Language lang = language_of(o);
    std::string error;
    if (same_file(o.output, o.db))
        return fail(o.output + ": is the database itself; choose another output file");
    std::unique_ptr<telemetry::ReadOnlyKioskDb> db = telemetry::ReadOnlyKioskDb::open(o.db, error);
    if (!db) return fail(error);
    if (!db->warning().empty()) std::cerr << "kioskctl: note: " << db->warning() << "\n";
    const std::optional<report::MonthlyReport> report =
        stats::monthly_report_from_kiosk(*db, o.month, lang, o.min_answers, now_utc_ms(), error);
    if (!report) return fail(manager_text("monthly_cli_failed", lang, {{"error", error}}));
    if (!report::write_monthly_pdf(*report, o.output, error))
        return fail(manager_text("monthly_cli_failed", lang, {{"error", o.output + ": " + error}}));
    std::cout << manager_text("monthly_cli_wrote", lang, {{"file", o.output}}) << "\n";
    return 0;
}

} // namespace

void add_stats_commands(CLI::App& app, Options& o, Run& chosen) {
    CLI::App* stats = app.add_subcommand(
        "stats", "Managers' visitor statistics from a kiosk's kiosk.db (read-only)");
    stats->require_subcommand(1);

    CLI::App* summary = stats->add_subcommand(
        "summary", "Print visitors per day, busiest hours, top exhibits, quiz accuracy (hardest "
                   "first) and data-quality notes");
    add_common_options(summary, o);
    summary->add_option("--top", o.top, "Rows in the exhibit and question rankings (0 = all)")
        ->check(CLI::NonNegativeNumber);
    summary->callback([&chosen, &o] { chosen = [&o] { return run_summary(o); }; });

    CLI::App* export_command = stats->add_subcommand(
        "export", "Write the reports (plus option choices and the daily rollup table) as CSV "
                  "(UTF-8 with BOM, for Excel/WPS), XLSX (a sheet per report) or JSON; or the raw "
                  "events as CSV with --report events, or as xAPI 1.0.3 statements (--format "
                  "xapi: a JSON file, or sent to a Learning Record Store with --post)");
    add_common_options(export_command, o);
    export_command
        ->add_option("--format", o.format,
                     "csv, xlsx, json, or xapi (the raw events as xAPI statements)")
        ->required()
        ->check(CLI::IsMember({"csv", "xlsx", "json", "xapi"}));
    export_command
        ->add_option("--report", o.report,
                     "reports (default): every report; events: the raw events table "
                     "(CSV only, English headers; all events unless --from/--to)")
        ->check(CLI::IsMember({"reports", "events"}));
    export_command->add_option("-o,--output", o.output,
                               "The file to write (required, except for xapi with --post)");
    add_xapi_options(export_command, o);
    export_command->callback([&chosen, &o] { chosen = [&o] { return run_export(o); }; });

    CLI::App* report = stats->add_subcommand(
        "report", "Write the monthly evaluation report of this kiosk as a PDF (A4; zh or en)");
    report->add_option("--db", o.db, "The kiosk's kiosk.db, or a copy of it (opened read-only)")
        ->required();
    report->add_option("--month", o.month, "The month, YYYY-MM")->required();
    report->add_option("--lang", o.lang, "Language of the report: zh or en (default zh)")
        ->check(CLI::IsMember({"zh", "en"}));
    report
        ->add_option("--min-answers", o.min_answers,
                     "Answers a question needs to be listed among the hardest")
        ->check(CLI::Range(1, 1000000))
        ->capture_default_str();
    report->add_option("-o,--output", o.output, "The PDF file to write")->required();
    report->callback([&chosen, &o] { chosen = [&o] { return run_report(o); }; });
}

} // namespace kiosk::ctl
