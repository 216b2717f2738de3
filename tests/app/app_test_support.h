// Shared helpers for the app tests: a headless KioskApp on the sample config with
// a temporary data folder, replay-driven stepping, and PNG comparison with
// goldens (tests/app/goldens; regenerate with KIOSK_UPDATE_GOLDENS=1, see README).
#pragma once

#include "../core/temp_folder.h"
#include "app/kiosk_app.h"
#include "png_pixels.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace kiosk::test {

std::string source_path(const std::string& relative); // inside the repo
std::string temp_dir(const std::string& name);        // fresh (0700), under the build tree

// A whole file as text ("" when it cannot be read), and a file written whole.
std::string read_text(const std::string& path);
void write_text(const std::string& path, const std::string& text);

// Writes an exhibit folder `id` (manifest, thumbnail and `main_lua`) under `parent`.
void write_test_exhibit(const TempFolder& parent, const std::string& id,
                        const std::string& main_lua);

// Loads `config_relative` (default: the county museum sample), lets `adjust` edit
// it, and creates a headless app of `width`x`height` that has drawn two frames.
// REQUIREs success.
std::unique_ptr<KioskApp>
make_app(int width = 960, int height = 540,
         const std::string& config_relative = "kiosk-config/county-museum.lua",
         void (*adjust)(KioskConfig&) = nullptr);

// The sample config `config_relative` with a fresh data folder `data_name`.
KioskConfig load_sample_config(const std::string& config_relative, const std::string& data_name);
// A headless app on `config` with `options` (headless forced) that has drawn two frames.
std::unique_ptr<KioskApp> make_app_from(const KioskConfig& config, AppOptions options);

// Plays `replay_text` (input replay format) on the fixed step to the end of its
// clock, then `extra_frames` more.
void play(KioskApp& app, const std::string& replay_text, int extra_frames = 2);
void run_frames(KioskApp& app, int frames);

struct PngCompare {
    bool same = false;
    double differing_fraction = 1;
    std::string message;
};

// Screenshots `app` and compares with tests/app/goldens/NAME.png: a pixel differs
// when a channel is off by more than 24; at most 0.5% of pixels may differ.
PngCompare compare_with_golden(KioskApp& app, const std::string& name);
// The same for a screenshot `write_screenshot` writes to the path it is given.
PngCompare compare_screenshot_with_golden(
    const std::string& name,
    const std::function<bool(const std::string& path, std::string& error)>& write_screenshot);
// Fraction of pixels that differ between two screenshots files.
double png_difference(const std::string& a_path, const std::string& b_path);

// Runs build/bin/kiosk with `arguments` (a shell command line), stderr with stdout.
struct KioskRun {
    int exit_code = -1; // -1: it did not exit normally
    std::string output;
};
// `launcher` goes before the binary in the shell command (environment
// variables, `timeout N`).
KioskRun run_kiosk(const std::string& arguments, const std::string& launcher = "");

} // namespace kiosk::test
