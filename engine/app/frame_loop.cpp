// Frame loop implementations and the frame statistics file the benchmark reads:
//   first_present_ns <CLOCK_MONOTONIC of the first presented frame>
//   frame_ms <one duration a frame: update + draw + present>...
#include "frame_loop.h"

#include "core/log.h"

#include <SDL.h>

#include <cstdio>
#include <ctime>
#include <filesystem>

namespace kiosk {
namespace {

int64_t monotonic_ns() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return int64_t(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// Delivers replay steps that are due at the app's current time.
class ReplayCursor {
public:
    explicit ReplayCursor(const std::vector<ReplayStep>& steps) : steps_(steps) {}

    // Feeds due pointer steps; returns screenshot paths due now; sets `quit`.
    // A screenshot shows the input before it in the file, never the input after
    // it at the same moment: that input waits for the next frame.
    std::vector<std::string> deliver(KioskApp& app, bool& quit) {
        std::vector<std::string> screenshots;
        while (next_ < steps_.size() && steps_[next_].at_s <= app.time_s() + 1e-9) {
            const ReplayStep& step = steps_[next_];
            if (step.kind == ReplayStep::Kind::Pointer && !screenshots.empty()) break;
            ++next_;
            if (step.kind == ReplayStep::Kind::Pointer) app.push_logical_pointer(step.pointer);
            if (step.kind == ReplayStep::Kind::Screenshot)
                screenshots.push_back(step.screenshot_path);
            if (step.kind == ReplayStep::Kind::Quit) quit = true;
        }
        return screenshots;
    }

private:
    const std::vector<ReplayStep>& steps_;
    size_t next_ = 0;
};

bool write_frame_stats(const std::string& path, int64_t first_present_ns,
                       const std::vector<double>& frame_ms) {
    FILE* out = std::fopen(path.c_str(), "w");
    if (!out) return false;
    std::fprintf(out, "first_present_ns %lld\nframe_ms", static_cast<long long>(first_present_ns));
    for (double ms : frame_ms)
        std::fprintf(out, " %.4f", ms);
    std::fprintf(out, "\n");
    return std::fclose(out) == 0;
}

bool take_screenshot(KioskApp& app, const std::string& path, std::string& error) {
    std::error_code ignored; // a missing folder is made; any real problem shows below
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
    if (app.screenshot(path, error)) return true;
    error = "screenshot failed: " + error;
    return false;
}

} // namespace

int run_headless(KioskApp& app, const LoopOptions& options, std::string& error) {
    ReplayCursor replay(options.replay.steps);
    int frames = options.frames;
    if (frames <= 0)
        frames =
            options.replay.steps.empty() ? 1 : int(options.replay.duration_s / kFixedStepS) + 2;
    if (options.screenshot_every > 0) std::filesystem::create_directories(options.screenshot_dir);

    std::vector<double> frame_ms;
    frame_ms.reserve(size_t(frames));
    int64_t first_present_ns = 0;
    bool quit = false;
    for (int frame = 0; frame < frames && !quit && !app.quit_requested(); ++frame) {
        if (options.stop && options.stop->load()) break;
        int64_t start = monotonic_ns();
        std::vector<std::string> shots = replay.deliver(app, quit);
        app.step(kFixedStepS);
        for (const std::string& path : shots)
            if (!take_screenshot(app, path, error)) return 1;
        if (options.screenshot_every > 0 && frame % options.screenshot_every == 0) {
            char name[32];
            std::snprintf(name, sizeof name, "/frame-%06d.png", frame);
            if (!take_screenshot(app, options.screenshot_dir + name, error)) return 1;
        }
        bool last = frame + 1 == frames || quit || app.quit_requested();
        if (last && !options.screenshot_path.empty() &&
            !take_screenshot(app, options.screenshot_path, error))
            return 1;
        app.present();
        int64_t end = monotonic_ns();
        if (first_present_ns == 0) first_present_ns = end;
        frame_ms.push_back(double(end - start) / 1e6);
    }
    if (!options.frame_stats_path.empty() &&
        !write_frame_stats(options.frame_stats_path, first_present_ns, frame_ms)) {
        error = options.frame_stats_path + ": cannot write frame statistics";
        return 1;
    }
    return app.exit_code();
}

int run_realtime(KioskApp& app, const LoopOptions& options, std::string& error) {
    ReplayCursor replay(options.replay.steps);
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(app.display().renderer(), &info);
    const bool vsynced = info.flags & SDL_RENDERER_PRESENTVSYNC;
    const Uint64 frequency = SDL_GetPerformanceFrequency();
    Uint64 previous = SDL_GetPerformanceCounter();
    double accumulator = 0;
    bool quit = false;
    while (!app.quit_requested()) {
        SDL_Event event;
        while (SDL_PollEvent(&event)) {
            if (auto input = translate_sdl_event(event, app.display().window(),
                                                 app.display().width(), app.display().height()))
                app.push_input(*input);
        }
        Uint64 now = SDL_GetPerformanceCounter();
        double frame_dt = double(now - previous) / double(frequency);
        previous = now;
        // Fixed-step updates; a stall (debugger, suspend) never runs hundreds of steps.
        accumulator = std::min(accumulator + frame_dt, 0.25);
        std::vector<std::string> shots;
        while (accumulator >= kFixedStepS) {
            std::vector<std::string> due = replay.deliver(app, quit);
            shots.insert(shots.end(), due.begin(), due.end());
            app.update(kFixedStepS);
            accumulator -= kFixedStepS;
        }
        app.render(frame_dt);
        bool last = quit || app.quit_requested() || (options.stop && options.stop->load());
        if (last && !options.screenshot_path.empty()) shots.push_back(options.screenshot_path);
        for (const std::string& path : shots)
            if (!take_screenshot(app, path, error)) return 1;
        app.present();
        if (last) break;
        // Without vsync (software renderer) a frame still waits for its turn.
        if (!vsynced) {
            double spent = double(SDL_GetPerformanceCounter() - now) / double(frequency);
            if (spent < kFixedStepS) SDL_Delay(Uint32((kFixedStepS - spent) * 1000));
        }
    }
    return app.exit_code();
}

} // namespace kiosk
