// App test helpers implementation.
#include "app_test_support.h"
#include "test_paths.h"

#include "app/frame_loop.h"
#include "app/input_replay.h"
#include "core/log.h"

#include <catch2/catch.hpp>
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

namespace kiosk::test {

std::string source_path(const std::string& relative) {
    return kiosk::test::source_dir() + "/" + relative;
}

namespace {

// Folders removed when the test process exits.
class RemovedAtExit {
public:
    ~RemovedAtExit() {
        std::error_code ignored;
        for (const std::string& folder : folders_)
            std::filesystem::remove_all(folder, ignored);
    }
    void add(const std::string& folder) { folders_.insert(folder); }

private:
    std::set<std::string> folders_;
};

} // namespace

std::string temp_dir(const std::string& name) {
    std::string dir = kiosk::test::binary_dir() + "/test-tmp/" + name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    // Owner-only whatever the umask: a data folder others can write is refused.
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace);
    return dir;
}

KioskConfig load_sample_config(const std::string& config_relative, const std::string& data_name) {
    log_set_quiet(true);
    ConfigLoadResult loaded = load_kiosk_config(source_path(config_relative));
    for (const std::string& e : loaded.errors)
        UNSCOPED_INFO(e);
    REQUIRE(loaded.ok());
    KioskConfig config = *loaded.config;
    config.data_dir = temp_dir(data_name);
    // The demo packages and keys of this build tree (the build makes, signs and reviews them).
    config.content_dir = kiosk::test::binary_dir() + "/content";
    config.trusted_keys = {kiosk::test::binary_dir() + "/demo-keys/demo.pub"};
    config.trusted_reviewers = {kiosk::test::binary_dir() + "/demo-keys/reviewer.pub"};
    return config;
}

std::unique_ptr<KioskApp> make_app(int width, int height, const std::string& config_relative,
                                   void (*adjust)(KioskConfig&)) {
    // One data folder per process: ctest runs test cases in parallel
    // processes, and two of them must not share (or delete) one folder.
    const std::string data_name = "data-" + std::to_string(width) + "x" + std::to_string(height) +
                                  "-" + std::to_string(getpid());
    static RemovedAtExit data_folders;
    data_folders.add(kiosk::test::binary_dir() + "/test-tmp/" + data_name);
    KioskConfig config = load_sample_config(config_relative, data_name);
    if (adjust) adjust(config);
    AppOptions options;
    options.width = width;
    options.height = height;
    return make_app_from(config, options);
}

std::unique_ptr<KioskApp> make_app_from(const KioskConfig& config, AppOptions options) {
    options.headless = true;
    std::string error;
    std::unique_ptr<KioskApp> app = KioskApp::create(config, options, error);
    INFO(error);
    REQUIRE(app);
    run_frames(*app, 2); // a kiosk has drawn its first frames long before anyone touches it
    return app;
}

void run_frames(KioskApp& app, int frames) {
    for (int i = 0; i < frames; ++i) {
        app.step(kFixedStepS);
        app.present();
    }
}

void play(KioskApp& app, const std::string& replay_text, int extra_frames) {
    ReplayParseResult replay = parse_input_replay(replay_text, "test.replay");
    INFO(replay.error);
    REQUIRE(replay.ok());
    double start = app.time_s();
    size_t next = 0;
    while (next < replay.steps.size() || app.time_s() < start + replay.duration_s - 1e-9) {
        while (next < replay.steps.size() &&
               replay.steps[next].at_s + start <= app.time_s() + 1e-9) {
            const ReplayStep& step = replay.steps[next++];
            if (step.kind == ReplayStep::Kind::Pointer) app.push_logical_pointer(step.pointer);
        }
        app.step(kFixedStepS);
        app.present();
    }
    run_frames(app, extra_frames);
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_text(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

void write_test_exhibit(const TempFolder& parent, const std::string& id,
                        const std::string& main_lua) {
    parent.write(
        id + "/manifest.lua",
        "return { id = \"" + id +
            "\", kind = \"exhibit\", version = \"1.0.0\",\n"
            "  title = { zh = \"测试 " +
            id + "\", en = \"Test " + id +
            "\" },\n"
            "  summary = { zh = \"测试\", en = \"A test\" }, thumbnail = \"thumbnail.png\",\n"
            "  authors = { \"Tests\" }, license = \"CC0-1.0\", min_runtime = \"0.1.0\",\n"
            "  review = { reviewer = \"R\", organization = \"O\", reviewed = \"2026-01-01\",\n"
            "             expires = \"2999-01-01\" } }\n");
    parent.write(id + "/main.lua", main_lua);
    std::filesystem::copy_file(source_path("exhibits/pendulum-lab/thumbnail.png"),
                               parent.file(id + "/thumbnail.png"),
                               std::filesystem::copy_options::overwrite_existing);
}

KioskRun run_kiosk(const std::string& arguments, const std::string& launcher) {
    const std::string command =
        launcher + " " + kiosk::test::binary_dir() + "/bin/kiosk " + arguments + " 2>&1";
    KioskRun run;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    char buffer[4096];
    while (size_t n = fread(buffer, 1, sizeof buffer, pipe))
        run.output.append(buffer, n);
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

namespace {

double difference(const Png& a, const Png& b) {
    if (!a.pixels || !b.pixels || a.width != b.width || a.height != b.height) return 1;
    size_t differing = 0, count = size_t(a.width) * size_t(a.height);
    for (size_t i = 0; i < count; ++i)
        for (int c = 0; c < 3; ++c)
            if (std::abs(int(a.pixels[i * 4 + c]) - int(b.pixels[i * 4 + c])) > 24) {
                ++differing;
                break;
            }
    return double(differing) / double(count);
}

} // namespace

double png_difference(const std::string& a_path, const std::string& b_path) {
    return difference(Png(a_path), Png(b_path));
}

PngCompare compare_screenshot_with_golden(
    const std::string& name,
    const std::function<bool(const std::string& path, std::string& error)>& write_screenshot) {
    PngCompare result;
    std::string golden = source_path("tests/app/goldens/" + name + ".png");
    std::string actual = kiosk::test::binary_dir() + "/test-tmp/" + name + ".actual.png";
    std::filesystem::create_directories(std::filesystem::path(actual).parent_path());
    std::string error;
    if (!write_screenshot(actual, error)) {
        result.message = error;
        return result;
    }
    if (std::getenv("KIOSK_UPDATE_GOLDENS"))
        std::filesystem::copy_file(actual, golden,
                                   std::filesystem::copy_options::overwrite_existing);
    result.differing_fraction = png_difference(actual, golden);
    result.same = result.differing_fraction <= 0.005;
    result.message = name + ": " + std::to_string(result.differing_fraction * 100) +
                     "% of pixels differ from " + golden + " (actual frame: " + actual + ")";
    return result;
}

PngCompare compare_with_golden(KioskApp& app, const std::string& name) {
    return compare_screenshot_with_golden(name, [&](const std::string& path, std::string& error) {
        return app.screenshot(path, error);
    });
}

} // namespace kiosk::test
