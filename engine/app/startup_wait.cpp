// Reporting a failed start (the kiosk log, DATA/startup-error.txt) and waiting
// behind the startup failure screen until the kiosk can start: the retry
// schedule described at the top of startup.h.
#include "startup.h"

#include "core/civil_time.h"
#include "core/log.h"
#include "core/private_files.h"
#include "startup_failure_screen.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

namespace kiosk {
namespace fs = std::filesystem;

namespace {

constexpr const char* kReportName = "startup-error.txt";
constexpr double kCheckEveryS = 2;     // how often the setup's files are looked at
constexpr double kLongestWaitS = 3600; // the retry interval doubles up to this
constexpr int kFrameWaitMs = 500;      // the screen is still: a redraw now and then is enough

// A data folder the kiosk may write its log and report into: one that exists
// and is safe (core/private_files.h). An unsafe one gets nothing: the log on
// stderr says why.
bool writable_folder(const std::string& path) {
    std::error_code ec;
    return !path.empty() && fs::is_directory(path, ec) && private_folder_problem(path).empty();
}

void open_log_file(const std::string& data_dir) {
    std::string problem;
    if (!log_open_file(data_dir + "/kiosk.log", problem))
        log_error("kiosk.log is not written (stderr only): " + problem);
}

FailureScreenOptions screen_options(const StartupSetup& setup, const StartupFailure& failure,
                                    const std::string& report_path, bool headless) {
    FailureScreenOptions options;
    options.headless = headless;
    options.fullscreen = setup.fullscreen;
    options.display_index = setup.display_index;
    options.width = setup.width;
    options.height = setup.height;
    options.strings_files = {setup.strings_file};
    for (const std::string& file : fallback_strings_files())
        options.strings_files.push_back(file);
    options.fonts.push_back(FontSpec{setup.font_path, setup.font_face});
    const FontConfig default_font;
    if (setup.font_path != default_font.path || setup.font_face != default_font.face)
        options.fonts.push_back(FontSpec{default_font.path, default_font.face});
    options.code = startup_failure_code(failure.kind);
    options.report_path = report_path;
    options.unsafe_data_folder = failure.unsafe_folder;
    return options;
}

std::unique_ptr<StartupFailureScreen> open_screen(const StartupSetup& setup,
                                                  const StartupFailure& failure,
                                                  const std::string& report_path, bool headless) {
    std::string error;
    std::unique_ptr<StartupFailureScreen> screen =
        StartupFailureScreen::open(screen_options(setup, failure, report_path, headless), error);
    if (!screen)
        log_error("cannot show the startup failure screen: " + error);
    else if (screen->has_text())
        log_info("the startup failure screen shows code " +
                 std::string(startup_failure_code(failure.kind)) + ", its words from " +
                 screen->strings_source());
    return screen;
}

bool same_files(const StartupSetup& a, const StartupSetup& b) {
    return a.data_dir == b.data_dir && a.watched_files == b.watched_files &&
           a.watched_folders == b.watched_folders;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

std::string report_startup_failure(const StartupFailure& failure, const StartupSetup& setup,
                                   const std::string& first_seen_utc) {
    const bool has_folder = writable_folder(setup.data_dir);
    if (has_folder)
        open_log_file(setup.data_dir);
    else
        log_close_file(); // a folder that turned unsafe keeps no log open
    const std::string code = startup_failure_code(failure.kind);
    log_error("not starting (" + code + "): " + failure.summary);
    for (const std::string& detail : failure.details)
        log_error(detail);

    std::string text = "The kiosk could not start.\n"
                       "code: " +
                       code + "\nreason: " + failure.summary +
                       "\nfailing since: " + first_seen_utc + "\nconfig: " + setup.config_path +
                       "\nkiosk version: " KIOSK_VERSION "\n\n";
    for (const std::string& detail : failure.details)
        text += detail + "\n";
    text += "\nThe kiosk shows a \"resting\" screen and tries again when a file it reads "
            "changes, and every so often.\n";
    const std::string path = has_folder ? setup.data_dir + "/" + kReportName : "";
    std::string write_error;
    if (!path.empty() && replace_private_file(path, text, write_error)) {
        log_error("the full reason is in " + path);
        return path;
    }
    if (setup.data_dir.empty())
        log_error("no data folder is known: the reason is only in this log");
    else if (!failure.unsafe_folder.empty())
        log_error(setup.data_dir + ": nothing is written into an unsafe data folder: the reason "
                                   "is only in this log");
    else
        log_error(setup.data_dir + ": cannot write " + kReportName + " there" +
                  (write_error.empty() ? "" : " (" + write_error + ")") +
                  ": the reason is only in this log");
    return "";
}

void clear_startup_report(const std::string& data_dir) {
    if (data_dir.empty()) return;
    std::error_code ec;
    if (fs::remove(data_dir + "/" + kReportName, ec))
        log_info("started: the earlier startup problem is gone (" + data_dir + "/" + kReportName +
                 " removed)");
}

std::unique_ptr<KioskApp> start_or_wait(const StartupOptions& options, int& exit_code) {
    StartAttempt attempt = attempt_start(options.request);
    if (attempt.app) {
        clear_startup_report(attempt.setup.data_dir);
        return std::move(attempt.app);
    }
    const bool headless = options.request.options.headless;
    StartupFailure failure = *attempt.failure;
    StartupSetup setup = attempt.setup;
    std::string first_seen = iso_utc_seconds(now_utc_ms());
    // Taken at once, before the report and the screen: a fix from now on is noticed.
    std::string fingerprint = setup_fingerprint(setup);
    std::string report = report_startup_failure(failure, setup, first_seen);
    std::unique_ptr<StartupFailureScreen> screen = open_screen(setup, failure, report, headless);
    if (!screen) {
        exit_code = headless ? kExitNotStarted : kExitNoDisplay;
        return nullptr;
    }
    if (headless) {
        screen->draw();
        std::string error;
        if (!options.screenshot_path.empty()) {
            const fs::path parent = fs::path(options.screenshot_path).parent_path();
            std::error_code ignored; // a real problem shows when writing
            if (!parent.empty()) fs::create_directories(parent, ignored);
            if (!screen->screenshot(options.screenshot_path, error))
                log_error("screenshot failed: " + error);
        }
        screen->present();
        exit_code = kExitNotStarted;
        return nullptr;
    }

    double wait_s = options.retry_s;
    auto waiting_since = std::chrono::steady_clock::now();
    auto checked_at = waiting_since;
    int attempts = 1;
    for (;;) {
        screen->draw();
        screen->present();
        if (!screen->wait_events(kFrameWaitMs) || (options.stop && options.stop->load())) {
            log_info("stopped while the startup failure screen was showing");
            exit_code = kExitNotStarted;
            return nullptr;
        }
        if (seconds_since(checked_at) < kCheckEveryS) continue;
        checked_at = std::chrono::steady_clock::now();
        const std::string current = setup_fingerprint(setup);
        const bool changed = current != fingerprint;
        if (!changed && seconds_since(waiting_since) < wait_s) continue;

        ++attempts;
        wait_s = changed ? options.retry_s : std::min(wait_s * 2, kLongestWaitS);
        log_info(std::string(changed ? "a file the kiosk reads has changed" : "trying again") +
                 ": start attempt " + std::to_string(attempts));
        StartAttempt retry = attempt_start(options.request);
        if (retry.app) {
            screen.reset(); // the kiosk's window is already up, over this one
            clear_startup_report(retry.setup.data_dir);
            return std::move(retry.app);
        }
        // `current` was taken before this attempt read anything: a change made
        // during it is noticed at the next check. Only a config that now names
        // other files needs a new look.
        fingerprint = same_files(setup, retry.setup) ? current : setup_fingerprint(retry.setup);
        setup = retry.setup;
        waiting_since = std::chrono::steady_clock::now();
        if (*retry.failure == failure) {
            // The same again: the report keeps its first time and the log gets a line.
            if (writable_folder(setup.data_dir)) open_log_file(setup.data_dir);
            log_error("still not starting (" + std::string(startup_failure_code(failure.kind)) +
                      "); next attempt when a file changes or in " + std::to_string(int(wait_s)) +
                      " s");
            continue;
        }
        failure = *retry.failure;
        first_seen = iso_utc_seconds(now_utc_ms());
        report = report_startup_failure(failure, setup, first_seen);
        // The new screen opens before the old one closes: no desktop in between.
        if (std::unique_ptr<StartupFailureScreen> next = open_screen(setup, failure, report, false))
            screen = std::move(next);
    }
}

} // namespace kiosk
