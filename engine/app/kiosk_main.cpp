// `kiosk`: the runtime on the touchscreen. Parses the command line, starts the
// kiosk (startup.h: a setup that cannot start shows the startup failure screen
// and is retried; headless, it exits 2), then runs the frame loop in a window,
// full screen, or headless. A headless preview (--exhibit) ends as
// preview_run.h says (exit 4 when its exhibit failed). Run `kiosk --help` for
// the options.
#include "core/civil_time.h"
#include "core/log.h"
#include "core/sqlite_memory.h"
#include "frame_loop.h"
#include "kiosk_app.h"
#include "preview_run.h"
#include "script/sandbox.h"
#include "startup.h"

#include <CLI/CLI.hpp>
#include <sodium.h>

#include <csignal>
#include <iostream>

namespace {

std::atomic<bool> g_stop{false};

// SIGTERM/SIGINT: the frame loop stops at its next turn, and an exhibit's
// running call is cut off now, whatever it is doing (sandbox.h).
void request_stop(int) {
    g_stop.store(true);
    kiosk::Sandbox::request_shutdown();
}

// Reads a PIN from standard input and prints the hash to put in admin.pin_hash.
int print_pin_hash() {
    std::string pin;
    std::getline(std::cin, pin);
    if (pin.size() < 4 || pin.find_first_not_of("0123456789") != std::string::npos) {
        std::cerr << "kiosk: the PIN must be 4 to 12 digits\n";
        return 2;
    }
    char hash[crypto_pwhash_STRBYTES];
    // Small limits: the kiosk verifies on the render thread and must stay small.
    if (crypto_pwhash_str(hash, pin.c_str(), pin.size(), 3, 16u << 20) != 0) {
        std::cerr << "kiosk: out of memory while hashing\n";
        return 1;
    }
    std::cout << hash << "\n";
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (std::string error; !kiosk::configure_sqlite_memory(error)) kiosk::log_warning(error);
    CLI::App cli{"kiosk: the science-popularization kiosk runtime"};
    std::string config_path, data_dir, input_path;
    kiosk::AppOptions app_options;
    kiosk::LoopOptions loop;
    std::pair<int, std::string> screenshot_every{0, ""};
    bool hash_pin = false;
    cli.set_version_flag("--version", std::string(KIOSK_VERSION));
    cli.add_option("--config", config_path, "Kiosk config file (Lua data, see kiosk-config/)");
    cli.add_flag("--hash-pin", hash_pin, "Read an admin PIN on stdin, print its hash, and exit");
    cli.add_flag("--fullscreen", app_options.fullscreen,
                 "Borderless full screen, cursor hidden, no keyboard exit");
    cli.add_option("--display", app_options.display_index,
                   "Display for full screen (0 = first; default: the config's window.display)")
        ->check(CLI::Range(0, 15));
    cli.add_option("--width", app_options.width, "Window width in pixels (overrides the config)")
        ->check(CLI::Range(320, 7680));
    cli.add_option("--height", app_options.height, "Window height in pixels (overrides the config)")
        ->check(CLI::Range(240, 4320));
    auto* headless = cli.add_flag("--headless", app_options.headless,
                                  "Render with SDL's dummy video driver and the software renderer");
    cli.add_option("--frames", loop.frames,
                   "Frames to draw, then quit (default: headless to the replay's end, "
                   "windowed until the window closes)")
        ->check(CLI::Range(1, 100000000));
    cli.add_option("--screenshot", loop.screenshot_path, "Write a PNG of the last frame");
    auto* every = cli.add_option("--screenshot-every", screenshot_every,
                                 "Write every K-th frame (K >= 1) as a PNG into DIR");
    every->type_name("K DIR");
    cli.add_option("--data", data_dir, "Data folder (overrides the config's data_dir)");
    cli.add_option("--exhibit", app_options.exhibit_path,
                   "Preview one exhibit folder or package (.kpkg): open it directly, skipping "
                   "the home screen; its kiosk.log events go to DATA/preview.db and, one line "
                   "each, to standard output (headless: 1920x1080 unless --width/--height, and "
                   "exit code 4 when the exhibit stopped with an error)")
        ->check(CLI::ExistingPath);
    std::string language;
    auto* language_option =
        cli.add_option("--lang", language,
                       "Language to start in, zh or en (default: the config's default_language)");
    cli.add_flag("--dev", app_options.dev,
                 "Curators: reload the open exhibit when a file changes; show errors in full");
    cli.add_option("--seed", app_options.seed,
                   "Seed for exhibits' random numbers (default: random; headless: 1)");
    std::string start_time;
    cli.add_option("--start-time", start_time,
                   "Headless: the kiosk's clock starts at this local time, e.g. "
                   "2026-06-01T10:00:00+08:00 (default: now), so a replay sees the same hour "
                   "(quiet hours, opening hours) whenever it runs")
        ->needs(headless);
    cli.add_option("--input", input_path, "Input replay file (see engine/app/input_replay.h)");
    cli.add_flag("--paced", loop.paced,
                 "Headless: one frame every 1/60 s of real time, as a kiosk on a 60 Hz screen "
                 "draws (default: as fast as possible, content scans awaited); --frame-stats "
                 "then times each frame's work, not its wait")
        ->needs(headless);
    cli.add_option("--frame-stats", loop.frame_stats_path, "Write frame timings (for bench/)");
    cli.add_option("--sync-interval-s", app_options.sync_interval_s,
                   "Seconds between sync rounds, overriding the config's sync.interval_s "
                   "(commissioning and tests; 1..86400)")
        ->check(CLI::Range(1, 86400));
    cli.add_flag("--fast-idle", loop.fast_idle,
                 "Headless soak runs: update every step, draw only around input (frame_loop.h)");
    cli.add_option("--resource-log", loop.resource_log_path,
                   "Headless: log RSS and open fds every 10 simulated minutes to FILE");
    double retry_s = 60;
    cli.add_option("--startup-retry-s", retry_s,
                   "When the kiosk cannot start: seconds before trying again if nothing "
                   "changed (doubling up to an hour; a changed file retries at once)")
        ->check(CLI::Range(1.0, 3600.0));
    CLI11_PARSE(cli, argc, argv);

    if (sodium_init() < 0) {
        std::cerr << "kiosk: libsodium failed to start\n";
        return 1;
    }
    if (hash_pin) return print_pin_hash();
    if (config_path.empty()) {
        std::cerr << "kiosk: --config FILE is required (samples are in kiosk-config/)\n";
        return 2;
    }
    if (every->count() > 0 && screenshot_every.first < 1) {
        std::cerr << "kiosk: --screenshot-every: K must be 1 or more, got "
                  << screenshot_every.first << "\n";
        return 2;
    }
    std::optional<kiosk::Language> start_language;
    if (language_option->count() > 0) {
        start_language = kiosk::parse_language(language);
        if (!start_language) {
            std::cerr << "kiosk: --lang: expected zh (Chinese) or en (English), got \"" << language
                      << "\"\n";
            return kiosk::kExitNotStarted;
        }
    }
    const bool preview = !app_options.exhibit_path.empty();
    if (preview && app_options.headless) { // a preview's screenshot is the kiosk's full screen
        if (app_options.width == 0) app_options.width = int(kiosk::kLogicalWidth);
        if (app_options.height == 0) app_options.height = int(kiosk::kLogicalHeight);
    }
    app_options.paced = loop.paced;
    loop.screenshot_every = screenshot_every.first;
    loop.screenshot_dir = screenshot_every.second;

    if (!start_time.empty()) {
        const std::optional<kiosk::ZonedTime> start = kiosk::parse_iso_zoned_seconds(start_time);
        if (!start) {
            std::cerr << "kiosk: --start-time: expected YYYY-MM-DDTHH:MM:SS+HH:MM (or Z), got \""
                      << start_time << "\"\n";
            return 2;
        }
        app_options.clock_start_utc_ms = start->utc_ms;
        app_options.clock_utc_offset_min = start->utc_offset_min;
    }

    if (!input_path.empty()) {
        kiosk::ReplayParseResult replay = kiosk::load_input_replay(input_path);
        if (!replay.ok()) {
            std::cerr << replay.error << "\n";
            return 2;
        }
        loop.replay = std::move(replay);
    }

    std::signal(SIGTERM, request_stop);
    std::signal(SIGINT, request_stop);
    // A hub that closes a connection while the kiosk is still sending (its
    // early 413, a proxy, a restart) is a failed round to retry, never the end
    // of the kiosk: cpp-httplib's send() here does not pass MSG_NOSIGNAL.
    std::signal(SIGPIPE, SIG_IGN);
    loop.stop = &g_stop;

    kiosk::StartupOptions startup{{config_path, data_dir, app_options, start_language},
                                  retry_s,
                                  loop.screenshot_path,
                                  &g_stop};
    int not_started = kiosk::kExitNotStarted;
    std::unique_ptr<kiosk::KioskApp> app = kiosk::start_or_wait(startup, not_started);
    if (!app) return not_started;
    std::string error;
    int code = app_options.headless ? kiosk::run_headless(*app, loop, error)
                                    : kiosk::run_realtime(*app, loop, error);
    // Scripted checks of an exhibit fail when it failed; a venue kiosk serves on.
    if (code == 0 && preview && app_options.headless)
        code = kiosk::headless_preview_exit_code(*app, error);
    if (code != 0 && !error.empty()) std::cerr << "kiosk: " << error << "\n";
    app->prepare_for_process_exit();
    return code;
}
