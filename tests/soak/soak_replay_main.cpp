// `soak-replay`: writes the soak's visitor script (visitor_script.h) as an
// input replay file, and what it expects kiosk.db to hold, for running and
// reading by hand:
//   build/bin/soak-replay --days 7 --seed 1 -o week.replay --expect week.txt
//   build/bin/kiosk --config CONFIG --headless --fast-idle --input week.replay
//       --start-time 2027-03-01T08:00:00+08:00 --width 640 ...
// (the --start-time it prints: the kiosk's days and hours are then the script's).
#include "quiz_probe.h"
#include "test_paths.h"
#include "visitor_script.h"

#include "core/kiosk_config.h"
#include "core/log.h"

#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
    CLI::App cli{"soak-replay: a seeded script of simulated visitor days for the kiosk soak"};
    kiosk::soak::ScriptOptions options;
    options.content_dir = kiosk::test::binary_dir() + "/sample-folders";
    options.kiosk_name = "kiosk";
    std::string config_path = kiosk::test::source_dir() + "/kiosk-config/county-museum.lua";
    std::string replay_path, expect_path;
    int width = 640, height = 360;
    cli.add_option("--days", options.days, "Simulated days (each 08:00 to 08:00)")
        ->check(CLI::Range(1, 3650));
    cli.add_option("--sessions-per-day", options.sessions_per_day,
                   "Visitor sessions on a weekday (weekends half again)")
        ->check(CLI::Range(0, 200));
    cli.add_option("--seed", options.seed, "The script's random seed");
    cli.add_option("--kiosk-seed", options.kiosk_seed, "The kiosk's --seed (headless default 1)");
    cli.add_option("--first-day", options.first_day,
                   "The kiosk's local date of day 0 (YYYY-MM-DD; its --start-time)");
    cli.add_option("--config", config_path,
                   "Kiosk config: its font, strings, idle_timeout_s and kiosk_name");
    cli.add_option("--width", width, "The kiosk's window width (quiz cards are placed for it)");
    cli.add_option("--height", height, "The kiosk's window height");
    cli.add_option("-o,--output", replay_path, "The replay file to write")->required();
    cli.add_option("--expect", expect_path, "Where to write the expected events and rollups");
    CLI11_PARSE(cli, argc, argv);

    kiosk::log_set_quiet(true);
    kiosk::ConfigLoadResult config = kiosk::load_kiosk_config(config_path);
    if (!config.ok()) {
        for (const std::string& message : config.errors)
            std::cerr << message << "\n";
        return 2;
    }
    options.idle_timeout_s = config.config->idle_timeout_s;
    options.kiosk_name = config.config->kiosk_name;
    std::string error;
    std::unique_ptr<kiosk::soak::QuizProbe> probe =
        kiosk::soak::QuizProbe::create(*config.config, width, height, error);
    std::optional<kiosk::soak::VisitorScript> script;
    if (probe) script = kiosk::soak::write_visitor_script(options, *probe, error);
    if (!script) {
        std::cerr << "soak-replay: " << error << "\n";
        return 1;
    }
    std::ofstream(replay_path) << script->replay;
    if (!expect_path.empty()) {
        std::ofstream expect(expect_path);
        expect << "# events\n";
        for (const auto& [key, value] : script->events)
            expect << key << " " << value << "\n";
        expect << "# rollups\n";
        for (const auto& [key, value] : script->rollups)
            expect << key << " " << value << "\n";
        expect << "# rollups by day\n";
        for (const auto& [key, value] : script->rollups_by_day)
            expect << key << " " << value << "\n";
    }
    std::cout << replay_path << ": " << options.days << " days, " << script->sessions
              << " sessions, " << script->quiz_rounds << " quiz rounds, " << script->quiz_answers
              << " answers; play it with --start-time " << kiosk::soak::kiosk_start_time(options)
              << "\n";
    return 0;
}
