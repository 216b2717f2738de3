// bench-delivery: content delivery from the hub (issue 17, part 8). Prints,
// each beside its target:
//  1. delivery throughput: a library of PACKAGES signed and reviewed packages
//     (MEGABYTES in all, generated here with test keys) in a real kiosk-hub
//     process, assigned to KIOSKS kiosks; KIOSKS client threads (cpp-httplib,
//     each with its own kiosk token) fetch their snapshot and every file at
//     once over loopback, in MB/s; against the same files fetched by KIOSKS
//     `curl` processes in parallel from a plain static file server on the same
//     machine (`python3 -m http.server` on 127.0.0.1 serving the hub's library
//     folder); target ratio >= 0.5;
//  2. the kiosk's frame time p99 (headless, 1280x720, --paced: one frame each
//     1/60 s of real time, as on a 60 Hz screen; --frame-stats times each
//     frame's work) while its content updater downloads and verifies the whole
//     library in the background and the kiosk switches to it (the content scan
//     worker rescans, the frame thread swaps the catalog in), against the same
//     kiosk restarted afterwards with that set live and nothing to download
//     (so idle draws the same home screen, for the whole run); target within
//     10% of idle. Also each
//     run's worst frame and its frames over 16.7 ms (a missed 60 Hz tick). The
//     run fails loudly when the switch did not happen inside the measured
//     frames (kiosk.log's "content changed" line and live.json); the updater
//     starts with the kiosk, so its first moments come before the first frame:
//     the output says how long that was.
// The hub runs unpinned on the same cores as the kiosk unless --hub-cpus and
// --kiosk-cpus (taskset lists, e.g. 1 and 0) place them; the output says which.
// Each figure is the median of RUNS runs. It never fails on speed.
// Usage:
//   build/bin/bench-delivery [--kiosks 20] [--packages 20] [--megabytes 50] [--runs 3]
//                            [--frames 900] [--hub-cpus LIST] [--kiosk-cpus LIST] [--keep DIR]
//
// Index of this file:
// [SECTION] Helpers: options, commands, processes
// [SECTION] The library: generated packages, the hub's setup
// [SECTION] 1. Delivery: the hub against curl and a static file server
// [SECTION] 2. Frame time while downloading
// [SECTION] The command line and main
#include "bench_figures.h"
#include "bench_hub_server.h"

#include "content/package.h"
#include "content/review_attestation.h"
#include "core/kiosk_config.h"
#include "core/signing_keys.h"
#include "sync/content_snapshot.h"
#include "test_paths.h"

#include <fcntl.h>
#include <httplib.h>
#include <sodium.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

using namespace kiosk;
using bench::percentile;
using Clock_ = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers: options, commands, processes
//-----------------------------------------------------------------------------

struct Options {
    int kiosks = 20;
    int packages = 20;
    int megabytes = 50;
    int runs = 3;
    int frames = 900; // 15 s at 60 a second: the download through the switch, with room
    std::string keep; // a folder to keep the work in; "" = a temporary one, removed
    std::string hub_cpus, kiosk_cpus; // taskset CPU lists; "" = unpinned
};

[[noreturn]] void fail(const std::string& message) {
    std::fprintf(stderr, "bench-delivery: %s\n", message.c_str());
    std::exit(1);
}

double seconds_since(Clock_::time_point start) {
    return std::chrono::duration<double>(Clock_::now() - start).count();
}

// Runs `kiosk-hub ARGUMENTS`; its stdout. Exits the bench when it fails.
std::string hub_command(const std::string& arguments) {
    std::string out;
    if (!bench::run_hub_command(arguments, out))
        fail("kiosk-hub " + arguments + " failed:\n" + out);
    return out;
}

// Starts `argv` with stdout and stderr to `output` ("" = /dev/null); its pid.
pid_t spawn(std::vector<std::string> argv, const std::string& output = "") {
    std::vector<char*> pointers;
    for (std::string& part : argv)
        pointers.push_back(part.data());
    pointers.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    const char* target = output.empty() ? "/dev/null" : output.c_str();
    posix_spawn_file_actions_addopen(&files, 1, target, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&files, 1, 2);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, pointers[0], &files, nullptr, pointers.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    if (spawned != 0) fail("cannot start " + argv[0]);
    return pid;
}

int wait_exit_code(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

//-----------------------------------------------------------------------------
// [SECTION] The library: generated packages, the hub's setup
//-----------------------------------------------------------------------------

std::string package_id(int index) {
    char id[32];
    std::snprintf(id, sizeof id, "bench-%02d", index);
    return id;
}

std::string kiosk_name(int index) {
    char id[32];
    std::snprintf(id, sizeof id, "bench-kiosk-%02d", index);
    return id;
}

// An exhibit (the sample pendulum's script and thumbnail, its own manifest)
// with `bytes` of random data beside it, packed, signed and approved.
void make_package(const std::string& work, int index, int64_t bytes, const SecretKey& publisher,
                  const SecretKey& reviewer, const std::string& output) {
    const std::string id = package_id(index);
    const std::string source = work + "/sources/" + id;
    fs::create_directories(source + "/media");
    const std::string sample = kiosk::test::source_dir() + "/exhibits/pendulum-lab";
    fs::copy_file(sample + "/main.lua", source + "/main.lua", fs::copy_options::overwrite_existing);
    fs::copy_file(sample + "/thumbnail.png", source + "/thumbnail.png",
                  fs::copy_options::overwrite_existing);
    std::ofstream(source + "/manifest.lua")
        << "return {\n  id = \"" << id << "\",\n  kind = \"exhibit\",\n  version = \"1.0.0\",\n"
        << "  title = { zh = \"基准 " << index << "\", en = \"Bench " << index << "\" },\n"
        << "  summary = { zh = \"基准测试内容\", en = \"Benchmark content\" },\n"
        << "  authors = { \"bench-delivery\" },\n  license = \"CC-BY-4.0\",\n"
        << "  min_runtime = \"0.1.0\",\n"
        << "  review = { reviewer = \"Bench reviewer\", organization = \"Bench\",\n"
        << "             reviewed = \"2026-11-01\", expires = \"2030-12-31\" },\n"
        << "  thumbnail = \"thumbnail.png\",\n  entry = \"main.lua\",\n}\n";
    std::string noise(size_t(bytes), '\0');
    randombytes_buf(noise.data(), noise.size()); // incompressible: the package keeps its size
    std::ofstream(source + "/media/noise.bin", std::ios::binary) << noise;
    std::string error;
    PackageReview review;
    review.verdict = "approved";
    review.reviewed = "2026-11-01";
    review.expires = "2030-12-31";
    if (!write_package(source, output, error) ||
        !sign_package(output, publisher, PackageLimits{}, error) ||
        !add_review(output, reviewer, review, PackageLimits{}, error))
        fail(error);
}

struct Library {
    std::string data;                // the hub's data folder
    std::vector<std::string> tokens; // the delivery kiosks'
    std::string frames_token;        // the frame-time kiosk's
    std::string publisher_pub, reviewer_pub;
    int64_t total_bytes = 0;                // of the packages' files
    std::vector<std::string> library_files; // relative to DATA/library
};

std::string token_of(const std::string& out) {
    const size_t at = out.find("token: ");
    if (at == std::string::npos) fail("no token in: " + out);
    return out.substr(at + 7, out.find('\n', at) - at - 7);
}

Library make_library(const std::string& work, const Options& options) {
    Library library;
    library.data = work + "/hub";
    const std::string d = " --data " + bench::shell_quoted(library.data);
    const SecretKey publisher = generate_key(), reviewer = generate_key();
    library.publisher_pub = work + "/publisher.pub";
    library.reviewer_pub = work + "/reviewer.pub";
    std::string error;
    if (!write_public_key(library.publisher_pub, publisher.public_key(), error) ||
        !write_public_key(library.reviewer_pub, reviewer.public_key(), error))
        fail(error);
    hub_command("admin add-venue" + d +
                " --id bench-venue --name-zh 场馆 --name-en Venue --kind county_museum");
    for (int kiosk = 0; kiosk < options.kiosks; ++kiosk)
        library.tokens.push_back(token_of(
            hub_command("admin add-kiosk" + d + " --venue bench-venue --id " + kiosk_name(kiosk))));
    library.frames_token =
        token_of(hub_command("admin add-kiosk" + d + " --venue bench-venue --id bench-frames"));
    hub_command("admin content-key" + d);
    hub_command("admin add-publisher" + d + " --name Bench --public-key " +
                bench::shell_quoted(library.publisher_pub));
    hub_command("admin add-reviewer" + d +
                " --name Reviewer --organization Bench --field physics --public-key " +
                bench::shell_quoted(library.reviewer_pub));
    const int64_t bytes = int64_t(options.megabytes) * 1000000 / options.packages;
    std::string ids;
    fs::create_directories(work + "/packages");
    for (int index = 0; index < options.packages; ++index) {
        const std::string file = work + "/packages/" + package_id(index) + ".kpkg";
        make_package(work, index, bytes, publisher, reviewer, file);
        hub_command("content add" + d + " " + bench::shell_quoted(file));
        hub_command("content publish" + d + " " + package_id(index));
        ids += " " + package_id(index);
    }
    for (int kiosk = 0; kiosk < options.kiosks; ++kiosk)
        hub_command("content assign" + d + " --kiosk " + kiosk_name(kiosk) + ids);
    hub_command("content assign" + d + " --kiosk bench-frames" + ids);
    for (const auto& entry : fs::recursive_directory_iterator(library.data + "/library"))
        if (entry.is_regular_file() && entry.path().extension() == ".kpkg") {
            library.library_files.push_back(
                fs::relative(entry.path(), library.data + "/library").string());
            library.total_bytes += int64_t(entry.file_size());
        }
    if (int(library.library_files.size()) != options.packages)
        fail("the hub's library folder holds " + std::to_string(library.library_files.size()) +
             " packages, not " + std::to_string(options.packages));
    return library;
}

//-----------------------------------------------------------------------------
// [SECTION] 1. Delivery: the hub against curl and a static file server
//-----------------------------------------------------------------------------

// Every kiosk at once: its snapshot, then each file it names. MB/s (1e6 bytes).
double hub_delivery(int port, const Library& library, int64_t& bytes_fetched) {
    std::atomic<int64_t> bytes{0};
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    std::vector<std::string> problems(library.tokens.size());
    std::vector<std::thread> threads;
    for (size_t kiosk = 0; kiosk < library.tokens.size(); ++kiosk)
        threads.emplace_back([&, kiosk] {
            httplib::Client client("127.0.0.1", port);
            client.set_keep_alive(true);
            client.set_read_timeout(120, 0);
            const httplib::Headers headers{{"Authorization", "Bearer " + library.tokens[kiosk]}};
            ++ready;
            while (!go)
                std::this_thread::yield();
            auto answer = client.Get("/api/v1/content/snapshot", headers);
            std::string error;
            if (!answer || answer->status != 200) {
                problems[kiosk] =
                    "snapshot: " + (answer ? std::to_string(answer->status) + " " + answer->body
                                           : httplib::to_string(answer.error()));
                return;
            }
            bytes += int64_t(answer->body.size());
            std::optional<sync::SignedSnapshot> envelope =
                sync::parse_snapshot_envelope(answer->body, error);
            std::optional<sync::Snapshot> snapshot =
                envelope ? sync::parse_snapshot_document(envelope->document, error) : std::nullopt;
            if (!snapshot) {
                problems[kiosk] = "snapshot: " + error;
                return;
            }
            for (const sync::SnapshotPackage& package : snapshot->packages) {
                int64_t received = 0;
                auto file =
                    client.Get(package.url.c_str(), headers, [&](const char*, size_t length) {
                        received += int64_t(length);
                        return true;
                    });
                if (!file || file->status != 200 || received != package.size) {
                    problems[kiosk] = package.url + ": " +
                                      (file ? std::to_string(file->status) : "no answer") + ", " +
                                      std::to_string(received) + " bytes";
                    return;
                }
                bytes += received;
            }
        });
    while (ready < int(threads.size()))
        std::this_thread::yield();
    const auto start = Clock_::now();
    go = true;
    for (std::thread& thread : threads)
        thread.join();
    const double seconds = seconds_since(start);
    for (const std::string& problem : problems)
        if (!problem.empty()) fail(problem);
    bytes_fetched = bytes;
    return double(bytes) / 1e6 / seconds;
}

// `python3 -m http.server` on a free port of 127.0.0.1 serving `folder`.
struct StaticServer {
    pid_t pid = -1;
    int port = 0;
    std::string version; // "Python 3.11.2"

    void start(const std::string& folder) {
        FILE* pipe = popen("python3 --version", "r");
        char line[128] = {0};
        if (pipe && fgets(line, sizeof line, pipe)) version = line;
        if (pipe) pclose(pipe);
        while (!version.empty() && version.back() == '\n')
            version.pop_back();
        int fds[2];
        if (::pipe(fds) != 0) fail("pipe");
        pid = fork();
        if (pid == 0) {
            dup2(fds[1], STDOUT_FILENO);
            const int null = open("/dev/null", O_WRONLY);
            dup2(null, STDERR_FILENO); // one log line per request
            close(fds[0]);
            close(fds[1]);
            execlp("python3", "python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
                   "--directory", folder.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        close(fds[1]);
        std::string text;
        char c = 0;
        while (read(fds[0], &c, 1) == 1 && c != '\n')
            text += c;
        close(fds[0]);
        // "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
        const size_t at = text.find(" port ");
        if (at == std::string::npos) fail("python3 -m http.server said: " + text);
        port = std::stoi(text.substr(at + 6));
    }
    void stop() {
        if (pid <= 0) return;
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
        pid = -1;
    }
};

// One curl process per kiosk, each fetching every file in turn, all at once.
double curl_delivery(int port, const Library& library, int kiosks) {
    std::vector<std::string> argv = {"curl", "-s", "--fail"};
    for (const std::string& file : library.library_files) {
        argv.push_back("-o");
        argv.push_back("/dev/null");
        argv.push_back("http://127.0.0.1:" + std::to_string(port) + "/" + file);
    }
    const auto start = Clock_::now();
    std::vector<pid_t> pids;
    for (int kiosk = 0; kiosk < kiosks; ++kiosk)
        pids.push_back(spawn(argv));
    for (pid_t pid : pids)
        if (wait_exit_code(pid) != 0) fail("curl failed against the static file server");
    const double seconds = seconds_since(start);
    return double(library.total_bytes) * kiosks / 1e6 / seconds;
}

//-----------------------------------------------------------------------------
// [SECTION] 2. Frame time while downloading
//-----------------------------------------------------------------------------

std::string lua_string(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

// A config for a kiosk syncing to the hub with `token`, its folders under `dir`
// (new and empty).
std::string write_frames_config(const std::string& dir, const Library& library, int port,
                                const std::string& token) {
    const ConfigLoadResult sample =
        load_kiosk_config(kiosk::test::source_dir() + "/kiosk-config/county-museum.lua");
    if (!sample.ok()) fail("cannot read kiosk-config/county-museum.lua");
    const KioskConfig& config = *sample.config;
    fs::remove_all(dir);
    fs::create_directories(dir + "/data");
    fs::create_directories(dir + "/content");
    std::ofstream(dir + "/token") << token;
    chmod((dir + "/token").c_str(), 0600);
    std::ofstream out(dir + "/kiosk.lua");
    out << "return {\n"
        << "  venue = { name = { zh = " << lua_string(config.venue.name.zh)
        << ", en = " << lua_string(config.venue.name.en) << " }, kind = \"county_museum\" },\n"
        << "  kiosk_name = \"bench\",\n"
        << "  data_dir = " << lua_string(dir + "/data") << ",\n"
        << "  content_dir = " << lua_string(dir + "/content") << ",\n"
        << "  trusted_keys = { " << lua_string(library.publisher_pub) << " },\n"
        << "  trusted_reviewers = { " << lua_string(library.reviewer_pub) << " },\n"
        << "  trusted_content_keys = { " << lua_string(library.data + "/content.pub") << " },\n"
        << "  content_reserve_mb = 0,\n"
        << "  strings_file = " << lua_string(config.strings_file) << ",\n"
        << "  window = { width = 1280, height = 720, vsync = false },\n"
        << "  font = { path = " << lua_string(config.font.path) << ", face = " << config.font.face
        << " },\n"
        << "  sync = { hub_url = " << lua_string("http://127.0.0.1:" + std::to_string(port))
        << ", token_file = " << lua_string(dir + "/token") << ", interval_s = 60 },\n"
        << "  admin = { pin_hash = " << lua_string(config.admin.pin_hash) << " },\n"
        << "}\n";
    return dir + "/kiosk.lua";
}

struct FrameRun {
    double p99_ms = 0, median_ms = 0, worst_ms = 0;
    int over_one_tick = 0;          // frames over 16.7 ms
    double first_frame_after_s = 0; // from starting the kiosk to its first present
};

std::string file_text(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Runs a paced headless kiosk for `frames` frames with its folders under `dir`.
// Downloading (`packages` > 0): new folders; the run must show the whole
// downloaded set switched in during its frames: live.json names every package,
// and kiosk.log says the frame thread took the new catalog. Idle (0): the
// folders of a downloading run, whose set is live: the same home screen, with
// nothing to download.
FrameRun frame_run(const std::string& dir, const Library& library, int port,
                   const std::string& token, const Options& options, int packages) {
    const std::string config =
        packages > 0 ? write_frames_config(dir, library, port, token) : dir + "/kiosk.lua";
    const std::string stats = dir + "/frame-stats.txt";
    std::vector<std::string> argv;
    if (!options.kiosk_cpus.empty()) argv = {"taskset", "-c", options.kiosk_cpus};
    for (const std::string& part :
         {kiosk::test::program_path("kiosk"), std::string("--config"), config,
          std::string("--headless"), std::string("--paced"), std::string("--frames"),
          std::to_string(options.frames), std::string("--width"), std::string("1280"),
          std::string("--height"), std::string("720"), std::string("--frame-stats"), stats})
        argv.push_back(part);
    const auto started = Clock_::now();
    const pid_t pid = spawn(argv, dir + "/kiosk.out");
    if (wait_exit_code(pid) != 0) fail("the kiosk failed; see " + dir + "/kiosk.out");
    long long first_present_ns = 0;
    const std::vector<double> frame_ms = bench::read_frame_stats(stats, &first_present_ns);
    if (int(frame_ms.size()) != options.frames) fail("no frame statistics in " + stats);
    FrameRun run;
    run.p99_ms = percentile(frame_ms, 0.99);
    run.median_ms = percentile(frame_ms, 0.5);
    run.worst_ms = percentile(frame_ms, 1.0);
    for (double ms : frame_ms)
        run.over_one_tick += ms > 1000.0 / 60.0;
    // steady_clock is CLOCK_MONOTONIC on Linux, as the kiosk's first_present_ns.
    run.first_frame_after_s = double(first_present_ns) / 1e9 -
                              std::chrono::duration<double>(started.time_since_epoch()).count();
    // Kept beside the folders (--keep) for a look at what the run did.
    fs::rename(dir + "/data/kiosk.log", dir + (packages > 0 ? "/downloading.log" : "/idle.log"));
    if (packages == 0) return run;
    const std::string live = file_text(dir + "/content/live.json");
    int live_packages = 0;
    for (size_t at = live.find("\"file\""); at != std::string::npos;
         at = live.find("\"file\"", at + 1))
        ++live_packages;
    const std::string log = file_text(dir + "/downloading.log");
    const std::string switched = "content changed: " + std::to_string(packages) + " exhibits";
    if (live_packages != packages || log.find(switched) == std::string::npos)
        fail("the switch to the downloaded set did not happen inside the " +
             std::to_string(options.frames) + " measured frames (live.json names " +
             std::to_string(live_packages) + " of " + std::to_string(packages) +
             " packages; kiosk.log " + (log.find(switched) == std::string::npos ? "lacks" : "has") +
             " \"" + switched + "\"): run with more --frames; see " + dir);
    return run;
}

// Pins every thread of a running process (taskset -a -p); exits the bench when it cannot.
void pin_process(pid_t pid, const std::string& cpus) {
    const std::string command =
        "taskset -a -c -p " + bench::shell_quoted(cpus) + " " + std::to_string(pid) + " >/dev/null";
    if (std::system(command.c_str()) != 0) fail("cannot pin the hub: " + command);
}

//-----------------------------------------------------------------------------
// [SECTION] The command line and main
//-----------------------------------------------------------------------------

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; i += 2) {
        const std::string name = argv[i];
        if (i + 1 >= argc) fail(name + " needs a value");
        const std::string value = argv[i + 1];
        if (name == "--keep" || name == "--hub-cpus" || name == "--kiosk-cpus") {
            (name == "--keep"       ? options.keep
             : name == "--hub-cpus" ? options.hub_cpus
                                    : options.kiosk_cpus) = value;
            continue;
        }
        const int number = std::atoi(value.c_str());
        if (number < 1) fail(name + ": expected a number of 1 or more, got " + value);
        if (name == "--kiosks")
            options.kiosks = number;
        else if (name == "--packages")
            options.packages = number;
        else if (name == "--megabytes")
            options.megabytes = number;
        else if (name == "--runs")
            options.runs = number;
        else if (name == "--frames")
            options.frames = number;
        else
            fail("unknown option " + name);
    }
    return options;
}

} // namespace

int main(int argc, char** argv) {
    const Options options = parse_options(argc, argv);
    if (sodium_init() < 0) fail("libsodium cannot start");
    umask(077); // the hub and the kiosk refuse folders other users can write
    const std::string work = options.keep.empty()
                                 ? (fs::temp_directory_path() / "kiosk-bench-delivery").string()
                                 : options.keep;
    fs::remove_all(work);
    fs::create_directories(work);

    std::printf("generating %d packages (%d MB), signing and reviewing them, %d kiosks...\n",
                options.packages, options.megabytes, options.kiosks);
    std::fflush(stdout);
    const Library library = make_library(work, options);
    bench::HubServer hub;
    if (!hub.start(library.data)) fail("kiosk-hub serve did not start");
    StaticServer reference;
    reference.start(library.data + "/library");

    std::vector<double> hub_rates, curl_rates;
    int64_t bytes = 0;
    for (int run = 0; run < options.runs; ++run) {
        hub_rates.push_back(hub_delivery(hub.port, library, bytes));
        curl_rates.push_back(curl_delivery(reference.port, library, options.kiosks));
    }
    reference.stop();

    if (!options.hub_cpus.empty()) pin_process(hub.pid, options.hub_cpus);
    std::vector<FrameRun> idle_runs, busy_runs;
    for (int run = 0; run < options.runs; ++run) {
        const std::string dir = work + "/frames";
        busy_runs.push_back(
            frame_run(dir, library, hub.port, library.frames_token, options, options.packages));
        idle_runs.push_back(frame_run(dir, library, hub.port, library.frames_token, options, 0));
    }
    hub.stop();
    if (options.keep.empty()) fs::remove_all(work);

    const double hub_rate = percentile(hub_rates, 0.5), curl_rate = percentile(curl_rates, 0.5);
    const auto median_of = [](const std::vector<FrameRun>& runs, double FrameRun::*figure) {
        std::vector<double> values;
        for (const FrameRun& run : runs)
            values.push_back(run.*figure);
        return percentile(values, 0.5);
    };
    const double idle = median_of(idle_runs, &FrameRun::p99_ms);
    const double busy = median_of(busy_runs, &FrameRun::p99_ms);
    std::printf("\ncontent delivery over loopback: %d packages, %.1f MB, to %d kiosks at once "
                "(%.1f MB each round), median of %d runs\n",
                options.packages, double(library.total_bytes) / 1e6, options.kiosks,
                double(bytes) / 1e6, options.runs);
    std::printf("kiosk-hub (snapshot + files, %d cpp-httplib clients): %8.1f MB/s\n",
                options.kiosks, hub_rate);
    std::printf("reference: %d curl processes from python3 -m http.server (%s, "
                "ThreadingHTTPServer) on 127.0.0.1 serving the same folder: %8.1f MB/s\n",
                options.kiosks, reference.version.c_str(), curl_rate);
    std::printf("ratio hub / reference: %.2f   (target >= 0.5)\n\n", hub_rate / curl_rate);
    const unsigned cores = std::thread::hardware_concurrency();
    std::printf("kiosk frame time, headless software rendering, 1280x720, paced at 60 Hz, %d "
                "frames (%.0f s), median of %d runs\n",
                options.frames, options.frames / 60.0, options.runs);
    std::printf(
        "placement: kiosk-hub %s, the kiosk %s (%u cores)\n",
        options.hub_cpus.empty() ? "unpinned" : ("pinned to CPUs " + options.hub_cpus).c_str(),
        options.kiosk_cpus.empty() ? "unpinned" : ("pinned to CPUs " + options.kiosk_cpus).c_str(),
        cores);
    const auto print_runs = [](const char* label, const std::vector<FrameRun>& runs) {
        std::printf("  %s, each run: worst frame / frames over 16.7 ms / first frame after start:",
                    label);
        for (const FrameRun& run : runs)
            std::printf("  %.2f ms / %d / %.2f s", run.worst_ms, run.over_one_tick,
                        run.first_frame_after_s);
        std::printf("\n");
    };
    std::printf("idle (the same kiosk restarted with the set live, nothing to download): p99 "
                "%7.2f ms, median %6.2f ms\n",
                idle, median_of(idle_runs, &FrameRun::median_ms));
    print_runs("idle", idle_runs);
    std::printf("downloading, verifying and switching to %d packages: p99 %7.2f ms, median "
                "%6.2f ms (every run switched inside its frames)\n",
                options.packages, busy, median_of(busy_runs, &FrameRun::median_ms));
    print_runs("downloading", busy_runs);
    std::printf("ratio downloading / idle p99: %.2f   (target <= 1.10)\n", busy / idle);
    return 0;
}
