// kioskctl stats summary and stats export: managers' reports over one kiosk's
// kiosk.db (or a copy of it), opened read-only. The reports themselves live in
// engine/stats/stats_report.h; this file owns the command lines, the
// default range and the messages.
#include "commands.h"
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

int run_summary(const Options& o) {
    std::string error;
    std::unique_ptr<telemetry::ReadOnlyKioskDb> db = telemetry::ReadOnlyKioskDb::open(o.db, error);
    if (!db) return fail(error);
    if (!db->warning().empty()) std::cerr << "kioskctl: note: " << db->warning() << "\n";
    stats::DayRange range;
    if (!stats::resolve_day_range(*db, o.from, o.to, range, error)) return fail(error);
    std::optional<stats::ReportSet> reports =
        stats::build_stats_reports(*db, stats_options(o, range, false), error);
    if (!reports) return fail(error);
    write_text(*reports, std::cout);
    return 0;
}

int run_export(const Options& o) {
    std::string error;
    if (same_file(o.output, o.db))
        return fail(o.output + ": is the database itself; choose another output file");
    std::unique_ptr<telemetry::ReadOnlyKioskDb> db = telemetry::ReadOnlyKioskDb::open(o.db, error);
    if (!db) return fail(error);
    if (!db->warning().empty()) std::cerr << "kioskctl: note: " << db->warning() << "\n";
    stats::DayRange range;
    if (!stats::resolve_day_range(*db, o.from, o.to, range, error)) return fail(error);

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
                  "events as CSV with --report events");
    add_common_options(export_command, o);
    export_command->add_option("--format", o.format, "csv, xlsx or json")
        ->required()
        ->check(CLI::IsMember({"csv", "xlsx", "json"}));
    export_command
        ->add_option("--report", o.report,
                     "reports (default): every report; events: the raw events table "
                     "(CSV only, English headers; all events unless --from/--to)")
        ->check(CLI::IsMember({"reports", "events"}));
    export_command->add_option("-o,--output", o.output, "The file to write")->required();
    export_command->callback([&chosen, &o] { chosen = [&o] { return run_export(o); }; });
}

} // namespace kiosk::ctl
