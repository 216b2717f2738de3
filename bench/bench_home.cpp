// bench-home: the runtime foundation's benchmark. Starts `kiosk` headless on the
// home screen at 1280x720 with the sample config and content, and prints cold
// start to first presented frame, median and p99 frame time over 600 frames, and
// peak RSS, each beside its target (issue 21's: cold start <= 60 ms, peak RSS
// <= 40 MiB; p99 frame <= 8 ms). The first run starts with an empty data
// folder (a kiosk's first start: every package verified and every thumbnail
// decoded) and is printed on its own; the figures are the medians of the runs
// after it, each a new process on the data folder the first one left, as a
// kiosk starts every morning. Usage:
//   build/bin/bench-home [--kiosk build/bin/kiosk] [--config kiosk-config/county-museum.lua]
//   [--runs 5]
#include "bench_figures.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

using kiosk::bench::percentile;
using kiosk::bench::read_frame_stats;

namespace {

struct RunFigures {
    double cold_start_ms = 0;
    std::vector<double> frame_ms;
    double peak_rss_mib = 0;
};

int64_t monotonic_ns() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return int64_t(now.tv_sec) * 1000000000 + now.tv_nsec;
}

bool run_kiosk(const std::string& kiosk, const std::string& config, const std::string& work,
               RunFigures& figures) {
    std::string stats = work + "/frame-stats.txt";
    std::vector<std::string> args = {
        kiosk,  "--config", config, "--headless", "--frames",     "600",           "--width",
        "1280", "--height", "720",  "--data",     work + "/data", "--frame-stats", stats};
    std::vector<char*> argv;
    for (std::string& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);

    int64_t spawned_ns = monotonic_ns();
    pid_t pid = 0;
    posix_spawn_file_actions_t quiet; // the kiosk's log lines would drown the figures
    posix_spawn_file_actions_init(&quiet);
    posix_spawn_file_actions_addopen(&quiet, 2, "/dev/null", O_WRONLY, 0);
    int spawned = posix_spawn(&pid, kiosk.c_str(), &quiet, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&quiet);
    if (spawned != 0) {
        std::fprintf(stderr, "bench-home: cannot start %s\n", kiosk.c_str());
        return false;
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "bench-home: kiosk failed (status %d)\n", status);
        return false;
    }
    long long first_present_ns = 0;
    figures.frame_ms = read_frame_stats(stats, &first_present_ns);
    figures.cold_start_ms = double(first_present_ns - spawned_ns) / 1e6;
    figures.peak_rss_mib = double(usage.ru_maxrss) / 1024.0; // ru_maxrss is KiB on Linux
    return figures.frame_ms.size() == 600;
}

} // namespace

int main(int argc, char** argv) {
    std::string kiosk = "build/bin/kiosk", config = "kiosk-config/county-museum.lua";
    int runs = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--kiosk"))
            kiosk = argv[i + 1];
        else if (!std::strcmp(argv[i], "--config"))
            config = argv[i + 1];
        else if (!std::strcmp(argv[i], "--runs"))
            runs = std::max(1, std::atoi(argv[i + 1]));
    }
    std::string work = std::filesystem::temp_directory_path() / "kiosk-bench-home";
    std::filesystem::remove_all(work);
    std::filesystem::create_directories(work);

    RunFigures first;
    if (!run_kiosk(kiosk, config, work, first)) return 1;
    std::vector<double> cold, median, p99, rss;
    for (int run = 0; run < runs; ++run) {
        RunFigures figures;
        if (!run_kiosk(kiosk, config, work, figures)) return 1;
        cold.push_back(figures.cold_start_ms);
        median.push_back(percentile(figures.frame_ms, 0.5));
        p99.push_back(percentile(figures.frame_ms, 0.99));
        rss.push_back(figures.peak_rss_mib);
    }
    std::filesystem::remove_all(work);
    // Each figure is the median over the runs; the ratio is figure / target.
    double c = percentile(cold, 0.5), m = percentile(median, 0.5), p = percentile(p99, 0.5),
           r = percentile(rss, 0.5);
    std::printf("home screen, headless software rendering, 1280x720, 600 frames, median of %d runs "
                "after a first start\n",
                runs);
    std::printf("first start, empty data:   %7.1f ms   (peak RSS %.1f MiB)\n", first.cold_start_ms,
                first.peak_rss_mib);
    std::printf("cold start to first frame: %7.1f ms   (target <= 60 ms, ratio %.2f)\n", c, c / 60);
    std::printf("frame time median:         %7.2f ms\n", m);
    std::printf("frame time p99:            %7.2f ms   (target <= 8 ms, ratio %.2f)\n", p, p / 8);
    std::printf("peak RSS:                  %7.1f MiB  (target <= 40 MiB, ratio %.2f)\n", r,
                r / 40);
    return 0;
}
