// Starting the kiosk, and what happens when it cannot start. This file owns one
// start attempt (config, then KioskApp::create, then "is there anything to
// show?"), the short reason codes staff read off the screen, the report of a
// failure (the kiosk log and DATA/startup-error.txt), and the wait between
// attempts while the startup failure screen (startup_failure_screen.h) shows.
//
// A kiosk that cannot start never drops a visitor onto the desktop and never
// makes systemd restart it in a tight loop: the process stays up behind the
// failure screen and tries again, at once when one of the files the setup
// depends on changes (checked every 2 s), otherwise after `retry_s` seconds,
// doubling to an hour while nothing changes. Headless runs (tests) draw the
// failure screen once, write it as the screenshot and exit kExitNotStarted.
#pragma once

#include "kiosk_app.h"

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

constexpr int kExitNotStarted = 2; // bad setup (also: a bad command line, a bad config)
constexpr int kExitNoDisplay = 3;  // not even the failure screen could open: systemd retries

enum class StartupFailureKind { Config, DataFolder, Strings, Font, Content, Display };

// The staff-facing code on the failure screen: "CONFIG", "DATA", "STRINGS",
// "FONT", "CONTENT", "DISPLAY".
const char* startup_failure_code(StartupFailureKind kind);

struct StartupFailure {
    StartupFailureKind kind = StartupFailureKind::Config;
    std::string summary;              // one line
    std::vector<std::string> details; // "file:line: ..." messages, in order
    // The data folder when it is refused as unsafe (others can write it, or it
    // belongs to another user): the failure screen tells staff how to fix it.
    std::string unsafe_folder;
    bool operator==(const StartupFailure&) const = default;
};

// What is known about the setup, as far as the config got: enough to open the
// failure screen where the kiosk would have been, in its font, and to write the
// report into its data folder.
struct StartupSetup {
    std::string config_path;  // absolute
    std::string data_dir;     // "" when not known
    std::string strings_file; // the visitor strings table (config or its default)
    std::string font_path;
    int font_face = 0;
    bool fullscreen = false;
    int display_index = 0;
    int width = 1280;
    int height = 720;
    // Files and folders whose change may fix a failure (see setup_fingerprint).
    std::vector<std::string> watched_files;
    std::vector<std::string> watched_folders; // their entries are watched too
};

struct StartRequest {
    std::string config_path;
    std::string data_dir; // --data; "" for the config's data_dir
    AppOptions options;
    // --lang: the language the kiosk starts in and each new visitor gets,
    // over the config's default_language.
    std::optional<Language> language;
};

struct StartAttempt {
    std::unique_ptr<KioskApp> app; // or `failure`
    std::optional<StartupFailure> failure;
    StartupSetup setup;
};

// One attempt: loads the config, creates the app and refuses one with nothing
// to show a visitor (no exhibit or quiz pack; preview runs excepted).
StartAttempt attempt_start(const StartRequest& request);

// Stats of every watched path (and of each watched folder's entries): equal
// fingerprints mean nothing the setup reads has changed.
std::string setup_fingerprint(const StartupSetup& setup);

// Logs the failure (stderr and DATA/kiosk.log when the data folder exists) and
// writes DATA/startup-error.txt with the time, the config and every message.
// The data folder is never created for it. Returns the report's path, or ""
// when it could not be written (the log then holds the only copy).
std::string report_startup_failure(const StartupFailure& failure, const StartupSetup& setup,
                                   const std::string& first_seen_utc);
// Removes a report left by an earlier failure, once the kiosk has started.
void clear_startup_report(const std::string& data_dir);

struct StartupOptions {
    StartRequest request;
    double retry_s = 60;                     // first wait when nothing changes
    std::string screenshot_path;             // headless: the failure screen as PNG
    const std::atomic<bool>* stop = nullptr; // SIGTERM/SIGINT
};

// Starts the kiosk. On failure shows the failure screen and, unless headless,
// keeps trying (see the top of this file) until it starts or `stop` is set.
// Returns the app, or nullptr and the process exit code in `exit_code`.
std::unique_ptr<KioskApp> start_or_wait(const StartupOptions& options, int& exit_code);

} // namespace kiosk
