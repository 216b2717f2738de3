// bench-vs-love: issue 21's benchmark against LÖVE (docs/runtime-costs.md). Runs
// LÖVE's empty window, LÖVE's scene, the kiosk's scene (bench/vs-love/kiosk-scene
// opened with --exhibit), the kiosk's home screen and each sample exhibit
// (exhibits/*/manifest.lua) windowed, and prints each one's start-up (wall time
// of a 1-frame run, process start to exit), peak RSS (ru_maxrss of the long run)
// and CPU per frame ((user+sys of the long run - of the 1-frame run) / (frames -
// 1)), each the median of --runs runs, then the ratios against the issue's
// targets. bench/vs-love/run.sh provides the X display (Xvfb) and builds this;
// run it from the source folder. Usage:
//   build/bin/bench-vs-love [--kiosk build/bin/kiosk] [--love love]
//   [--config kiosk-config/county-museum.lua] [--runs 5] [--frames 600] [--markdown]
#include "bench_figures.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

using kiosk::bench::percentile;
namespace fs = std::filesystem;

namespace {

struct Options {
    std::string kiosk = "build/bin/kiosk";
    std::string love = "love";
    std::string config = "kiosk-config/county-museum.lua";
    int runs = 5;
    int frames = 600;
    bool markdown = false;
};

// One program measured: its name in the table, and its command for N frames.
struct Program {
    std::string name;
    std::vector<std::string> (*command)(const Options&, const std::string& arg, int frames);
    std::string arg; // LÖVE's mode, or the kiosk's exhibit folder ("" = home screen)
    std::string data_dir;
    std::vector<double> startup_s, peak_rss_mib, cpu_per_frame_ms;
};

struct Usage {
    double wall_s = 0, cpu_s = 0, peak_rss_mib = 0;
};

std::vector<std::string> love_command(const Options& options, const std::string& mode, int frames) {
    return {options.love, "bench/vs-love/love-scene", mode, std::to_string(frames)};
}

std::vector<std::string> kiosk_command(const Options& options, const std::string& exhibit,
                                       int frames) {
    std::vector<std::string> command = {
        options.kiosk, "--config", options.config, "--frames", std::to_string(frames),
        "--width",     "1280",     "--height",     "720"};
    if (!exhibit.empty()) {
        command.push_back("--exhibit");
        command.push_back(exhibit);
    }
    return command;
}

double monotonic_s() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

// Runs `command` to its end. Its output goes to `log` (shown when it fails).
bool run(std::vector<std::string> command, const std::string& log, Usage& usage) {
    std::vector<char*> argv;
    for (std::string& arg : command)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t output;
    posix_spawn_file_actions_init(&output);
    posix_spawn_file_actions_addopen(&output, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&output, 1, 2);
    pid_t pid = 0;
    const double started = monotonic_s();
    int spawned = posix_spawnp(&pid, argv[0], &output, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&output);
    if (spawned != 0) {
        std::fprintf(stderr, "bench-vs-love: cannot start %s: %s\n", argv[0],
                     std::strerror(spawned));
        return false;
    }
    int status = 0;
    rusage resources{};
    wait4(pid, &status, 0, &resources);
    usage.wall_s = monotonic_s() - started;
    usage.cpu_s = double(resources.ru_utime.tv_sec + resources.ru_stime.tv_sec) +
                  double(resources.ru_utime.tv_usec + resources.ru_stime.tv_usec) / 1e6;
    usage.peak_rss_mib = double(resources.ru_maxrss) / 1024.0; // KiB on Linux
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
    std::ifstream in(log);
    std::fprintf(stderr, "bench-vs-love: %s failed (status %d):\n%s\n", argv[0], status,
                 std::string(std::istreambuf_iterator<char>(in), {}).c_str());
    return false;
}

// The program's command for `frames` frames.
std::vector<std::string> command_for(const Options& options, const Program& program, int frames) {
    std::vector<std::string> command = program.command(options, program.arg, frames);
    if (!program.data_dir.empty()) {
        command.push_back("--data");
        command.push_back(program.data_dir);
    }
    return command;
}

bool measure_once(const Options& options, const std::string& log, Program& program) {
    Usage first, all;
    if (!run(command_for(options, program, 1), log, first) ||
        !run(command_for(options, program, options.frames), log, all))
        return false;
    program.startup_s.push_back(first.wall_s);
    program.peak_rss_mib.push_back(all.peak_rss_mib);
    program.cpu_per_frame_ms.push_back((all.cpu_s - first.cpu_s) * 1000 / (options.frames - 1));
    return true;
}

std::string first_line_of(const std::string& command) {
    std::string line;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[512];
        if (std::fgets(buffer, sizeof buffer, pipe)) line = buffer;
        pclose(pipe);
    }
    while (!line.empty() && (line.back() == '\n' || line.back() == ' '))
        line.pop_back();
    return line;
}

// CPU model, cores, kernel and Mesa: the machine the figures belong to.
std::string machine() {
    std::string cpu = first_line_of("sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo");
    std::string mesa = first_line_of("glxinfo -B 2>/dev/null | sed -n 's/^OpenGL version "
                                     "string: //p'");
    if (mesa.empty())
        mesa = "Mesa " + first_line_of("dpkg-query -W -f '${Version}' libgl1-mesa-dri "
                                       "2>/dev/null");
    utsname system{};
    uname(&system);
    std::ostringstream out;
    out << cpu << ", " << sysconf(_SC_NPROCESSORS_ONLN) << " cores, Linux " << system.release
        << ", " << mesa << " (llvmpipe), Xvfb 1280x720x24";
    return out.str();
}

// `text` followed by spaces to `width` characters (UTF-8: "LÖVE" is 4 wide).
std::string padded(std::string text, size_t width) {
    size_t characters =
        std::count_if(text.begin(), text.end(), [](char byte) { return (byte & 0xC0) != 0x80; });
    if (characters < width) text.append(width - characters, ' ');
    return text;
}

// "median (min to max)" of the runs.
std::string figure(const std::vector<double>& values, const char* format) {
    char text[128], low[32], median[32], high[32];
    std::snprintf(low, sizeof low, format, *std::min_element(values.begin(), values.end()));
    std::snprintf(median, sizeof median, format, percentile(values, 0.5));
    std::snprintf(high, sizeof high, format, *std::max_element(values.begin(), values.end()));
    std::snprintf(text, sizeof text, "%s (%s to %s)", median, low, high);
    return text;
}

void print_table(const Options& options, const std::vector<Program>& programs) {
    std::printf(options.markdown ? "Machine: %s.\n\n" : "machine: %s\n", machine().c_str());
    std::printf(options.markdown
                    ? "Median (lowest to highest) of %d run(s); CPU per frame over %d frames.\n\n"
                    : "median (lowest to highest) of %d run(s); CPU per frame over %d frames\n\n",
                options.runs, options.frames);
    if (options.markdown) {
        std::printf("| program | start-up (s) | peak RSS (MiB) | CPU per frame (ms) |\n");
        std::printf("|---|---|---|---|\n");
    } else {
        std::printf("%s%s%s%s\n", padded("program", 26).c_str(), padded("start-up (s)", 24).c_str(),
                    padded("peak RSS (MiB)", 24).c_str(), "CPU per frame (ms)");
    }
    for (const Program& program : programs) {
        std::string startup = figure(program.startup_s, "%.2f");
        std::string rss = figure(program.peak_rss_mib, "%.0f");
        std::string cpu = figure(program.cpu_per_frame_ms, "%.2f");
        if (options.markdown)
            std::printf("| %s | %s | %s | %s |\n", program.name.c_str(), startup.c_str(),
                        rss.c_str(), cpu.c_str());
        else
            std::printf("%s%s%s%s\n", padded(program.name, 26).c_str(), padded(startup, 24).c_str(),
                        padded(rss, 24).c_str(), cpu.c_str());
    }
}

void print_ratios(const Options& options, const Program& love_empty, const Program& love_scene,
                  const Program& kiosk_scene) {
    auto median = [](const std::vector<double>& values) { return percentile(values, 0.5); };
    double startup = median(kiosk_scene.startup_s) / median(love_scene.startup_s);
    double floor = median(love_empty.peak_rss_mib);
    double rss =
        (median(kiosk_scene.peak_rss_mib) - floor) / (median(love_scene.peak_rss_mib) - floor);
    double cpu = median(kiosk_scene.cpu_per_frame_ms) / median(love_scene.cpu_per_frame_ms);
    struct Ratio {
        const char* name;
        double value, target;
    } ratios[] = {
        {"start-up, kiosk scene / LÖVE scene", startup, 0.9},
        {"peak RSS over LÖVE's empty window, kiosk scene / LÖVE scene", rss, 0.5},
        {"CPU per frame, kiosk scene / LÖVE scene", cpu, 0.5},
    };
    std::printf(options.markdown ? "\n| ratio | measured | target |\n|---|---|---|\n" : "\n");
    for (const Ratio& ratio : ratios) {
        const char* verdict = ratio.value <= ratio.target ? "met" : "NOT met";
        std::printf(options.markdown ? "| %s | %.2f | <= %.1f (%s) |\n"
                                     : "%s %5.2f   (target <= %.1f: %s)\n",
                    options.markdown ? ratio.name : padded(ratio.name, 61).c_str(), ratio.value,
                    ratio.target, verdict);
    }
}

bool parse(int argc, char** argv, Options& options) {
    for (int i = 1; i < argc; ++i) {
        std::string flag = argv[i];
        if (flag == "--markdown") {
            options.markdown = true;
            continue;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "bench-vs-love: %s needs a value\n", flag.c_str());
            return false;
        }
        std::string value = argv[++i];
        if (flag == "--kiosk")
            options.kiosk = value;
        else if (flag == "--love")
            options.love = value;
        else if (flag == "--config")
            options.config = value;
        else if (flag == "--runs")
            options.runs = std::max(1, std::atoi(value.c_str()));
        else if (flag == "--frames")
            options.frames = std::max(2, std::atoi(value.c_str()));
        else {
            std::fprintf(stderr, "bench-vs-love: unknown option %s\n", flag.c_str());
            return false;
        }
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    if (!parse(argc, argv, options)) return 2;
    if (!fs::exists("bench/vs-love/love-scene/main.lua")) {
        std::fprintf(stderr,
                     "bench-vs-love: run it from the source folder (bench/vs-love/run.sh)\n");
        return 2;
    }
    // Both runtimes draw with Mesa's llvmpipe, without vsync (LÖVE: its
    // conf.lua; the kiosk: SDL's hint over the config's window.vsync, and its
    // loop then still draws at most 60 frames a second), and play into their
    // library's null sound output (the measuring machine has no sound card).
    setenv("LIBGL_ALWAYS_SOFTWARE", "1", 1);
    setenv("SDL_RENDER_VSYNC", "0", 1);
    setenv("ALSOFT_DRIVERS", "null", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);

    std::string work = fs::temp_directory_path() / "kiosk-bench-vs-love";
    fs::remove_all(work);
    fs::create_directories(work);
    std::vector<Program> programs = {
        {"LÖVE, empty window", love_command, "empty", "", {}, {}, {}},
        {"LÖVE, scene", love_command, "scene", "", {}, {}, {}},
        {"kiosk, scene", kiosk_command, "bench/vs-love/kiosk-scene", "", {}, {}, {}},
        {"kiosk, home screen", kiosk_command, "", "", {}, {}, {}},
    };
    std::vector<fs::path> samples;
    for (const fs::directory_entry& entry : fs::directory_iterator("exhibits"))
        if (fs::exists(entry.path() / "manifest.lua")) samples.push_back(entry.path());
    std::sort(samples.begin(), samples.end());
    for (const fs::path& sample : samples)
        programs.push_back({"kiosk, " + sample.filename().string(),
                            kiosk_command,
                            sample.string(),
                            "",
                            {},
                            {},
                            {}});
    for (size_t i = 0; i < programs.size(); ++i)
        if (programs[i].command == kiosk_command)
            programs[i].data_dir = work + "/data-" + std::to_string(i);

    // A first run of each (its data folder made, files in the page cache) is not
    // counted; then the programs take turns, so a busy moment of the machine
    // falls on all of them alike.
    const std::string log = work + "/log.txt";
    Usage ignored;
    for (const Program& program : programs)
        if (!run(command_for(options, program, 1), log, ignored)) return 1;
    for (int round = 0; round < options.runs; ++round)
        for (Program& program : programs)
            if (!measure_once(options, log, program)) return 1;
    fs::remove_all(work);
    print_table(options, programs);
    print_ratios(options, programs[0], programs[1], programs[2]);
    return 0;
}
