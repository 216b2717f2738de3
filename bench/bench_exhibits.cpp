// bench-exhibits: the Lua exhibit platform's benchmark. Prints, each beside its
// target from the exhibit-platform issue:
//  1. sandbox overhead: a compute-heavy exhibit.update in the sandbox (allocator,
//     read-only libraries, watchdog arming per call) against the same script in a
//     plain luaL_newstate with the standard libraries;
//  2. how soon a runaway exhibit is stopped, as a multiple of its time budget, for a
//     Lua loop, a loop that pcall tries to shield, a pattern stuck inside C, and a
//     looping finalizer;
//  3. the frame time of bench/exhibits/shapes-2000 (2,000 animated shapes) run by
//     `kiosk` headless at 1280x720 with software rendering.
// Usage: build/bin/bench-exhibits [--kiosk build/bin/kiosk] [--runs 3]
#include "bench_figures.h"
#include "script/exhibit_host.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

using kiosk::bench::percentile;
using kiosk::bench::read_frame_stats;

using Clock = std::chrono::steady_clock;

const char* const kComputeScript = R"(
local particles = {}
for i = 1, 3000 do
  particles[i] = {x = i % 100, y = i // 100, vx = math.sin(i), vy = math.cos(i)}
end
function exhibit.update(dt)
  for step = 1, 4 do
    for i = 1, #particles do
      local p = particles[i]
      local dx, dy = 960 - p.x, 540 - p.y
      local d = math.sqrt(dx * dx + dy * dy) + 1
      p.vx = p.vx + dx / (d * d * d) * 1000 * dt
      p.vy = p.vy + dy / (d * d * d) * 1000 * dt
      p.x, p.y = p.x + p.vx * dt, p.y + p.vy * dt
    end
  end
  local labels = {}
  for i = 1, 300 do labels[#labels + 1] = string.format("%d:%.1f", i, particles[i].x) end
  return table.concat(labels, ",")
end
)";

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

// Median milliseconds of one exhibit.update(1/60) in a plain state.
double plain_update_ms(int calls) {
    lua_State* L = luaL_newstate();
    luaL_openlibs(L);
    lua_newtable(L);
    lua_setglobal(L, "exhibit");
    if (luaL_dostring(L, kComputeScript) != LUA_OK) {
        std::fprintf(stderr, "bench-exhibits: %s\n", lua_tostring(L, -1));
        std::exit(1);
    }
    std::vector<double> times;
    for (int i = 0; i < calls; ++i) {
        auto start = Clock::now();
        lua_getglobal(L, "exhibit");
        lua_getfield(L, -1, "update");
        lua_pushnumber(L, 1.0 / 60);
        lua_pcall(L, 1, 0, 0);
        lua_pop(L, 1);
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    lua_close(L);
    return median(times);
}

std::string write_exhibit(const std::string& name, const std::string& main_lua) {
    std::string folder =
        (std::filesystem::temp_directory_path() / ("kiosk-bench-" + name)).string();
    std::filesystem::create_directories(folder);
    std::ofstream(folder + "/main.lua") << main_lua;
    return folder;
}

double sandboxed_update_ms(int calls) {
    kiosk::SandboxLimits limits;
    limits.time_budget_s = 1; // the figure is the cost of running, not of stopping
    kiosk::ExhibitHost host(
        {"compute", std::make_shared<kiosk::FolderSource>(write_exhibit("compute", kComputeScript)),
         "main.lua"},
        limits, 1, nullptr);
    if (!host.start(kiosk::Language::Zh)) {
        std::fprintf(stderr, "bench-exhibits: %s\n", host.error().message.c_str());
        std::exit(1);
    }
    std::vector<double> times;
    for (int i = 0; i < calls; ++i) {
        auto start = Clock::now();
        host.update(1.0 / 60);
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    return median(times);
}

// Milliseconds from the start of the runaway call until control is back.
double stop_ms(const std::string& name, const std::string& update_body) {
    kiosk::SandboxLimits limits; // the defaults: 64 MiB, 50 ms
    kiosk::ExhibitHost host({name,
                             std::make_shared<kiosk::FolderSource>(write_exhibit(
                                 name, "function exhibit.update(dt)\n" + update_body + "\nend\n")),
                             "main.lua"},
                            limits, 1, nullptr);
    host.start(kiosk::Language::Zh);
    auto start = Clock::now();
    host.update(1.0 / 60);
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (!host.failed()) std::fprintf(stderr, "bench-exhibits: %s was not stopped\n", name.c_str());
    return ms;
}

bool shapes_frame_times(const std::string& kiosk, std::vector<double>& frame_ms) {
    std::string work = (std::filesystem::temp_directory_path() / "kiosk-bench-shapes").string();
    std::filesystem::create_directories(work);
    std::string stats = work + "/frame-stats.txt";
    std::vector<std::string> args = {kiosk,
                                     "--config",
                                     "kiosk-config/county-museum.lua",
                                     "--exhibit",
                                     "bench/exhibits/shapes-2000",
                                     "--headless",
                                     "--frames",
                                     "600",
                                     "--width",
                                     "1280",
                                     "--height",
                                     "720",
                                     "--data",
                                     work + "/data",
                                     "--frame-stats",
                                     stats};
    std::vector<char*> argv;
    for (std::string& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    posix_spawn_file_actions_t quiet;
    posix_spawn_file_actions_init(&quiet);
    posix_spawn_file_actions_addopen(&quiet, 2, "/dev/null", O_WRONLY, 0);
    int spawned = posix_spawn(&pid, kiosk.c_str(), &quiet, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&quiet);
    if (spawned != 0) return false;
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return false;
    frame_ms = read_frame_stats(stats);
    return frame_ms.size() == 600;
}

} // namespace

int main(int argc, char** argv) {
    std::string kiosk = "build/bin/kiosk";
    int runs = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--kiosk"))
            kiosk = argv[i + 1];
        else if (!std::strcmp(argv[i], "--runs"))
            runs = std::max(1, std::atoi(argv[i + 1]));
    }

    // Interleaved runs, so a busy moment on the machine hits both sides alike.
    std::vector<double> plain, sandboxed;
    for (int run = 0; run < runs; ++run) {
        plain.push_back(plain_update_ms(200));
        sandboxed.push_back(sandboxed_update_ms(200));
    }
    const double p = median(plain), s = median(sandboxed);
    std::printf("sandbox overhead, compute-heavy exhibit.update, median of %d runs x 200 calls\n",
                runs);
    std::printf("  plain lua_State:  %7.3f ms per call\n", p);
    std::printf("  sandboxed:        %7.3f ms per call  (ratio %.3f, target <= 1.15)\n", s, s / p);

    std::printf("runaway exhibits, 50 ms budget (stop time / budget, target <= 2)\n");
    const std::pair<const char*, const char*> runaways[] = {
        {"lua loop", "while true do end"},
        {"loop under pcall", "while true do pcall(function() while true do end end) end"},
        {"pattern in C", R"(string.find(("a"):rep(1e5), ".-.-.-.-b$"))"},
        {"looping __gc", "setmetatable({}, {__gc = function() while true do end end})\n"
                         "for i = 1, 1e9 do local t = {i} end"},
    };
    for (const auto& [name, body] : runaways) {
        double ms = stop_ms(name, body);
        std::printf("  %-18s %7.1f ms  (ratio %.2f)\n", name, ms, ms / 50);
    }

    std::vector<double> medians, p99s;
    for (int run = 0; run < runs; ++run) {
        std::vector<double> frames;
        if (!shapes_frame_times(kiosk, frames)) {
            std::fprintf(stderr, "bench-exhibits: %s failed on the shapes exhibit\n",
                         kiosk.c_str());
            return 1;
        }
        medians.push_back(percentile(frames, 0.5));
        p99s.push_back(percentile(frames, 0.99));
    }
    const double m = median(medians), p99 = median(p99s);
    std::printf("2,000 animated shapes, headless software rendering, 1280x720, 600 frames, "
                "median of %d runs\n",
                runs);
    std::printf("  frame time median: %6.2f ms\n", m);
    std::printf("  frame time p99:    %6.2f ms  (target <= 8 ms, ratio %.2f)\n", p99, p99 / 8);
    return 0;
}
