// The frame loops that drive a KioskApp: real time (windowed or full screen,
// fixed-step updates, vsync'd frames, SDL input) and headless (one fixed step a
// frame, as fast as possible or, paced, one frame each kFixedStepS of real time
// as a vsync'd kiosk draws; screenshots and frame statistics). Both replay
// timed input from an input replay file when given one. For soak runs the
// headless loop can skip drawing while nobody touches the screen (fast_idle)
// and log its own memory and open file descriptors on the simulated clock.
#pragma once

#include "input_replay.h"
#include "kiosk_app.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace kiosk {

constexpr double kFixedStepS = 1.0 / 60.0;

struct LoopOptions {
    int frames = 0; // frames to run (headless 0: until the replay ends, or 1; windowed 0: no end)
    std::string screenshot_path; // PNG of the last frame
    int screenshot_every = 0;    // with screenshot_dir: every K-th frame
    std::string screenshot_dir;
    ReplayParseResult replay;     // timed input, logical coordinates
    std::string frame_stats_path; // benchmark figures (see bench/)
    // Headless: after each frame, wait for the next kFixedStepS tick of real
    // time (a frame that overran waits for the tick after it). A frame's time
    // in the statistics is its work, from its start to its present, never the wait.
    bool paced = false;
    const std::atomic<bool>* stop = nullptr; // set by a signal handler
    // Headless soak runs. update() still runs every fixed step; a frame is drawn
    // only while a finger is down or within kBusyAfterInputS of the last replayed
    // pointer event, when a screenshot or the last frame is due, and otherwise one
    // step in kIdleDrawEverySteps on the visitor screens and one in
    // kAttractDrawEverySteps on the attract screen.
    bool fast_idle = false;
    // Headless: "sim_s rss_kb hwm_kb fds frames" lines (from /proc/self) at simulated
    // time 0, every resource_log_every_s, and at the end.
    std::string resource_log_path;
    double resource_log_every_s = 600;
};

constexpr double kBusyAfterInputS = 0.5;
constexpr int kIdleDrawEverySteps = 15;      // 4 frames a simulated second
constexpr int kAttractDrawEverySteps = 3600; // one frame a simulated minute

// How many frames run_headless runs: options.frames, or to the replay's end
// (64 bits: a replay may simulate years, each wait at most a month), or 1.
int64_t headless_frame_count(const LoopOptions& options);

// Each returns the process exit code; `error` explains a non-zero one.
int run_headless(KioskApp& app, const LoopOptions& options, std::string& error);
int run_realtime(KioskApp& app, const LoopOptions& options, std::string& error);

} // namespace kiosk
