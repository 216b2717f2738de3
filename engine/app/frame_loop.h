// The frame loops that drive a KioskApp: real time (windowed or full screen,
// fixed-step updates, vsync'd frames, SDL input) and headless (one fixed step a
// frame, as fast as possible, screenshots and frame statistics). Both replay
// timed input from an input replay file when given one.
#pragma once

#include "input_replay.h"
#include "kiosk_app.h"

#include <atomic>
#include <string>
#include <vector>

namespace kiosk {

constexpr double kFixedStepS = 1.0 / 60.0;

struct LoopOptions {
    int frames = 0;              // headless: frames to run (0: until the replay ends, or 1)
    std::string screenshot_path; // PNG of the last frame
    int screenshot_every = 0;    // with screenshot_dir: every K-th frame
    std::string screenshot_dir;
    ReplayParseResult replay;                // timed input, logical coordinates
    std::string frame_stats_path;            // benchmark figures (see bench/)
    const std::atomic<bool>* stop = nullptr; // set by a signal handler
};

// Each returns the process exit code; `error` explains a non-zero one.
int run_headless(KioskApp& app, const LoopOptions& options, std::string& error);
int run_realtime(KioskApp& app, const LoopOptions& options, std::string& error);

} // namespace kiosk
