// The kioskctl subcommands: each adds itself to the command line and runs when
// chosen, returning the process exit code (0 ok, 1 a finding such as a failed
// verification or a validation error, 2 a usage or I/O problem; main() turns
// CLI11's own usage errors into 2 as well).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace kiosk {
struct DayRange;
namespace telemetry {
class ReadOnlyKioskDb;
}
} // namespace kiosk

namespace kiosk::ctl {

using Run = std::function<int()>;

// Everything the command line can set; main() owns it for the whole run.
struct Options {
    std::string name, folder, output, key_file, package_file, target, config;
    std::vector<std::string> trusted_files, reviewer_files;
    // review
    std::string verdict, reviewed, expires, note;
    bool force = false;
    // stats
    std::string db, from, to, lang = "zh", format, report = "reports";
    std::string month, range; // stats: --month YYYY-MM, --range this-month|... (issue 20)
    int top = 10;
    int min_answers = 20; // stats report: a hardest question's minimum answers
    // sync
    std::string data, kiosk_id;
    // stats export --format xapi (issue 22, part 5)
    std::string venue_id, home_page, post_url, lrs_user, password_file, state_file;
    int batch_size = 100;
    bool allow_plain_http = false;
};

// Each registers its subcommand(s) on `app`; `chosen` receives the one to run.
// A name or text from a package as printed: control characters escaped, so no
// name can forge a line of the listing.
std::string printable(const std::string& name);

void add_package_commands(CLI::App& app, Options& options, Run& chosen);
void add_validate_command(CLI::App& app, Options& options, Run& chosen);
void add_stats_commands(CLI::App& app, Options& options, Run& chosen);
void add_sync_commands(CLI::App& app, Options& options, Run& chosen);

// stats export --format xapi (command_stats_xapi.cpp): its options on the
// export command, and the run once kiosk.db is open and the days resolved
// (`range` null: every event).
void add_xapi_options(CLI::App* export_command, Options& options);
int run_xapi_export(const Options& options, const telemetry::ReadOnlyKioskDb& db,
                    const DayRange* range);

} // namespace kiosk::ctl
