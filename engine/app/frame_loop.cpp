// Frame loop implementations, the frame statistics file the benchmark reads:
//   first_present_ns <CLOCK_MONOTONIC of the first presented frame>
//   frame_ms <one duration a drawn frame: update + draw + present>...
// and the soak's resource log (LoopOptions::resource_log_path).
#include "frame_loop.h"

#include "core/log.h"

#include <SDL.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <set>

namespace kiosk {
namespace {

int64_t monotonic_ns() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return int64_t(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// The paced headless loop's clock: ticks every kFixedStepS from its start.
class FramePacer {
public:
    FramePacer() : start_ns_(monotonic_ns()) {}
    // Sleeps to the next tick after now.
    void wait_for_next_tick() {
        const int64_t now = monotonic_ns();
        const int64_t elapsed_ticks = (now - start_ns_) / kStepNs;
        const int64_t due = start_ns_ + (elapsed_ticks + 1) * kStepNs;
        const timespec at{time_t(due / 1000000000), long(due % 1000000000)};
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, nullptr) == EINTR) {
        }
    }

private:
    static constexpr int64_t kStepNs = int64_t(kFixedStepS * 1e9 + 0.5);
    int64_t start_ns_;
};

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
            if (step.kind == ReplayStep::Kind::Pointer) {
                app.push_logical_pointer(step.pointer);
                last_pointer_s_ = app.time_s();
                if (step.pointer.phase == PointerPhase::Down)
                    fingers_down_.insert(step.pointer.pointer_id);
                if (step.pointer.phase == PointerPhase::Up)
                    fingers_down_.erase(step.pointer.pointer_id);
            }
            if (step.kind == ReplayStep::Kind::Screenshot)
                screenshots.push_back(step.screenshot_path);
            if (step.kind == ReplayStep::Kind::Quit) quit = true;
        }
        return screenshots;
    }

    // Whether a replayed touch is going on: a finger down, or the last pointer
    // event less than kBusyAfterInputS ago (its frames still reach ImGui).
    bool touching(double now_s) const {
        return !fingers_down_.empty() || now_s - last_pointer_s_ < kBusyAfterInputS;
    }

private:
    const std::vector<ReplayStep>& steps_;
    size_t next_ = 0;
    std::set<int64_t> fingers_down_;
    double last_pointer_s_ = -1e9;
};

// The process's resident memory (now and peak) and open file descriptors,
// written as one line of the resource log.
class ResourceLog {
public:
    ~ResourceLog() {
        if (out_) std::fclose(out_);
    }
    bool open(const std::string& path, double every_s, std::string& error) {
        every_s_ = every_s > 0 ? every_s : 600;
        out_ = std::fopen(path.c_str(), "w");
        if (!out_) {
            error = path + ": cannot write the resource log: " + std::strerror(errno);
            return false;
        }
        std::fprintf(out_, "# sim_s rss_kb hwm_kb fds frames\n");
        return true;
    }
    // A line when the simulated clock has reached the next sample time (or `now`).
    void sample(const KioskApp& app, bool now = false) {
        if (!out_ || (!now && app.time_s() + 1e-9 < next_s_)) return;
        if (!now) next_s_ += every_s_;
        long rss_kb = -1, hwm_kb = -1;
        if (FILE* status = std::fopen("/proc/self/status", "r")) {
            char line[256];
            while (std::fgets(line, sizeof line, status)) {
                std::sscanf(line, "VmRSS: %ld", &rss_kb);
                std::sscanf(line, "VmHWM: %ld", &hwm_kb);
            }
            std::fclose(status);
        }
        int fds = -1; // the directory listing's own descriptor is not counted
        std::error_code ec;
        for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end;
             it.increment(ec))
            ++fds;
        std::fprintf(out_, "%.3f %ld %ld %d %lld\n", app.time_s(), rss_kb, hwm_kb, fds,
                     static_cast<long long>(app.frames()));
        std::fflush(out_);
    }

private:
    FILE* out_ = nullptr;
    double every_s_ = 600;
    double next_s_ = 0;
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

int64_t headless_frame_count(const LoopOptions& options) {
    if (options.frames > 0) return options.frames;
    if (options.replay.steps.empty()) return 1;
    return int64_t(options.replay.duration_s / kFixedStepS) + 2;
}

int run_headless(KioskApp& app, const LoopOptions& options, std::string& error) {
    ReplayCursor replay(options.replay.steps);
    const int64_t frames = headless_frame_count(options);
    if (options.screenshot_every > 0) std::filesystem::create_directories(options.screenshot_dir);
    ResourceLog resources;
    if (!options.resource_log_path.empty() &&
        !resources.open(options.resource_log_path, options.resource_log_every_s, error))
        return 1;

    // Timings only for the benchmark: a week-long soak must not keep one a frame.
    const bool timed = !options.frame_stats_path.empty();
    std::vector<double> frame_ms;
    int64_t first_present_ns = 0;
    bool quit = false;
    int steps_since_draw = 0;
    FramePacer pacer;
    for (int64_t frame = 0; frame < frames && !quit && !app.quit_requested(); ++frame) {
        if (options.stop && options.stop->load()) break;
        resources.sample(app);
        int64_t start = monotonic_ns();
        std::vector<std::string> shots = replay.deliver(app, quit);
        const bool every_due =
            options.screenshot_every > 0 && frame % options.screenshot_every == 0;
        const bool draw =
            !options.fast_idle || !shots.empty() || every_due || quit || frame + 1 == frames ||
            replay.touching(app.time_s()) ||
            ++steps_since_draw >=
                (app.screen() == ScreenId::Attract ? kAttractDrawEverySteps : kIdleDrawEverySteps);
        if (!draw) {
            app.update(kFixedStepS);
            if (options.paced) pacer.wait_for_next_tick();
            continue;
        }
        steps_since_draw = 0;
        app.step(kFixedStepS);
        for (const std::string& path : shots)
            if (!take_screenshot(app, path, error)) return 1;
        if (every_due) {
            char name[32];
            std::snprintf(name, sizeof name, "/frame-%06lld.png", static_cast<long long>(frame));
            if (!take_screenshot(app, options.screenshot_dir + name, error)) return 1;
        }
        bool last = frame + 1 == frames || quit || app.quit_requested();
        if (last && !options.screenshot_path.empty() &&
            !take_screenshot(app, options.screenshot_path, error))
            return 1;
        app.present();
        int64_t end = monotonic_ns();
        if (first_present_ns == 0) first_present_ns = end;
        if (timed) frame_ms.push_back(double(end - start) / 1e6);
        if (options.paced) pacer.wait_for_next_tick();
    }
    resources.sample(app, true);
    if (timed && !write_frame_stats(options.frame_stats_path, first_present_ns, frame_ms)) {
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
        bool last = quit || app.quit_requested() || (options.stop && options.stop->load()) ||
                    (options.frames > 0 && app.frames() >= options.frames);
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
