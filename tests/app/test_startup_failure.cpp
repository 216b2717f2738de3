// Tests of the startup failure screen and of what `kiosk` does when it cannot
// start (engine/app/startup.h): a broken config, a broken strings table, no
// content, a missing font and an unusable data folder each give the resting
// screen (checked by pixels, and one golden), exit code 2 when headless, and a
// reason that names the file (and line) in the log and in DATA/startup-error.txt.
// In real time (SDL's dummy video driver) the process stays up behind the
// screen and starts by itself once the broken file is fixed.
#include "app/startup.h"
#include "app/startup_failure_screen.h"
#include "app_test_support.h"
#include "core/log.h"
#include "core/utf8_text.h"
#include "test_paths.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

using namespace kiosk;
using namespace kiosk::test;
namespace fs = std::filesystem;

extern char** environ;

namespace {

// Replaces the line that starts with `prefix` (after its indentation); REQUIREs one.
std::string replace_line(std::string text, const std::string& prefix, const std::string& line) {
    size_t at = text.find("\n  " + prefix);
    REQUIRE(at != std::string::npos);
    size_t end = text.find('\n', at + 1);
    text.replace(at + 1, end - at - 1, line);
    return text;
}

int line_of(const std::string& text, const std::string& needle) {
    size_t at = text.find(needle);
    REQUIRE(at != std::string::npos);
    return 1 + int(std::count(text.begin(), text.begin() + long(at), '\n'));
}

// The mobile-truck sample with this build tree's content and key, data in `data`.
std::string sample_config_text(const std::string& data) {
    std::string text = read_text(source_path("kiosk-config/mobile-truck.lua"));
    const std::string build = kiosk::test::binary_dir();
    text = replace_line(text, "data_dir =", "  data_dir = \"" + data + "\",");
    text = replace_line(text, "content_dir =", "  content_dir = \"" + build + "/content\",");
    text = replace_line(
        text, "trusted_keys =", "  trusted_keys = { \"" + build + "/demo-keys/demo.pub\" },");
    text = replace_line(text, "trusted_reviewers =",
                        "  trusted_reviewers = { \"" + build + "/demo-keys/reviewer.pub\" },");
    return replace_line(
        text, "strings_file =", "  strings_file = \"" + source_path("content/strings.lua") + "\",");
}

// A headless run at 960x540 that writes DIR/screen.png.
KioskRun run_broken_headless(const std::string& config, const std::string& dir,
                             const std::string& data) {
    return run_kiosk("--config " + config + " --headless --width 960 --height 540 --data " + data +
                     " --screenshot " + dir + "/screen.png");
}

// Pixels of `png` in rows [top, bottom) (fractions of the height) and columns
// [left, right) (fractions of the width) for which `test` holds.
int count(const Png& png, double top, double bottom,
          const std::function<bool(const unsigned char*)>& test, double left = 0,
          double right = 1) {
    int n = 0;
    for (int y = int(top * png.height); y < int(bottom * png.height); ++y)
        for (int x = int(left * png.width); x < int(right * png.width); ++x)
            n += test(png.at(x, y)) ? 1 : 0;
    return n;
}

// White text (the titles and the Chinese body) and the staff line's grey-blue:
// the sky behind them is dark blue, the moon yellow (blue channel 120).
bool is_white(const unsigned char* p) {
    return p[0] > 200 && p[1] > 200 && p[2] > 200;
}
bool is_staff_ink(const unsigned char* p) {
    return p[0] > 100 && p[2] > 140 && p[0] + p[1] + p[2] > 360;
}
bool is_moon(const unsigned char* p) {
    return p[0] > 230 && p[1] > 190 && p[2] < 150;
}

// What every failure screen shows: the moon, and (with words) the title, the
// body and the staff line, nothing running off the sides.
void check_resting_screen(const std::string& png_path, bool with_text) {
    Png png(png_path);
    INFO(png_path);
    REQUIRE(png.pixels);
    CHECK(png.width == 960);
    CHECK(png.height == 540);
    CHECK(count(png, 0.1, 0.4, is_moon) > 2000); // a crescent of about 100x200 px
    const int title = count(png, 0.42, 0.56, is_white);
    const int body = count(png, 0.6, 0.8, is_white);
    const int staff = count(png, 0.86, 0.97, is_staff_ink);
    if (with_text) {
        CHECK(title > 500); // 1199 and 715 at 960x540 when written
        CHECK(body > 300);
        CHECK(staff > 300);
    } else {
        CHECK(count(png, 0, 1, is_white) == 0);
        CHECK(staff == 0);
    }
    CHECK(count(png, 0, 1, is_white, 0, 0.02) == 0); // nothing overflows the edges
    CHECK(count(png, 0, 1, is_white, 0.98, 1) == 0);
    CHECK(count(png, 0, 1, is_staff_ink, 0, 0.02) == 0);
    CHECK(count(png, 0, 1, is_staff_ink, 0.98, 1) == 0);
}

std::string report_of(const std::string& data) {
    REQUIRE(fs::exists(data + "/startup-error.txt"));
    return read_text(data + "/startup-error.txt");
}

FailureScreenOptions headless_screen(std::vector<std::string> strings_files) {
    FailureScreenOptions options;
    options.headless = true;
    options.width = 960;
    options.height = 540;
    options.strings_files = std::move(strings_files);
    options.fonts = {FontSpec{FontConfig{}.path, FontConfig{}.face}};
    options.code = "CONFIG";
    options.report_path = "/var/lib/kiosk/startup-error.txt";
    return options;
}

bool wait_until(const std::function<bool()>& done, double timeout_s = 90) {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

// `kiosk` in real time on SDL's dummy video driver, its output in `log_path`.
pid_t spawn_kiosk(const std::vector<std::string>& arguments, const std::string& log_path) {
    std::vector<std::string> argv_strings = {kiosk::test::binary_dir() + "/bin/kiosk"};
    argv_strings.insert(argv_strings.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (std::string& argument : argv_strings)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = -1;
    int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(spawned == 0);
    return pid;
}

bool running(pid_t pid) {
    int status = 0;
    return waitpid(pid, &status, WNOHANG) == 0;
}

int stop_and_wait(pid_t pid) {
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

TEST_CASE("a broken config shows the resting screen, exits 2 and says file:line", "[startup]") {
    const std::string dir = temp_dir("startup-config"), data = dir + "/data";
    fs::create_directories(data); // the report goes only into a data folder that exists
    std::string text = sample_config_text(data);
    text.insert(text.find("return {") + 8, "\n  idel_timeout_s = 30,");
    const std::string config = dir + "/typo.lua";
    write_text(config, text);
    const std::string where = config + ":" + std::to_string(line_of(text, "idel_timeout_s"));

    KioskRun run = run_broken_headless(config, dir, data);
    INFO(run.output);
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.output, Catch::Contains(where + ": unknown key 'idel_timeout_s'"));
    const std::string report = report_of(data);
    CHECK_THAT(report, Catch::Contains("code: CONFIG"));
    CHECK_THAT(report, Catch::Contains(where + ": unknown key 'idel_timeout_s'"));
    CHECK_THAT(read_text(data + "/kiosk.log"), Catch::Contains(where));
    check_resting_screen(dir + "/screen.png", true);
    // Only the report and the log: a broken config never starts half-way.
    CHECK_FALSE(fs::exists(data + "/kiosk.db"));
}

TEST_CASE("a config that is not Lua still gets the resting screen, without a data folder",
          "[startup]") {
    const std::string dir = temp_dir("startup-syntax");
    const std::string config = dir + "/broken.lua";
    write_text(config, "return {\n  venue = \n");
    KioskRun run = run_broken_headless(config, dir, dir + "/data");
    INFO(run.output);
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.output, Catch::Contains(config));
    CHECK_THAT(run.output, Catch::Contains("the reason is only in this log"));
    CHECK_FALSE(fs::exists(dir + "/data")); // never made for a config that does not load
    // The staff line then points at the system log, in the strings' own words.
    check_resting_screen(dir + "/screen.png", true);
}

TEST_CASE("a broken strings table shows the fallback words and names the line", "[startup]") {
    const std::string dir = temp_dir("startup-strings"), data = dir + "/data";
    std::string strings = read_text(source_path("content/strings.lua"));
    strings = replace_line(strings, "home_title =", "  home_title = { zh = \"探索科学\", en = },");
    const std::string strings_file = dir + "/strings.lua";
    write_text(strings_file, strings);
    std::string text = sample_config_text(data);
    text = replace_line(text, "strings_file =", "  strings_file = \"" + strings_file + "\",");
    const std::string config = dir + "/kiosk.lua";
    write_text(config, text);

    KioskRun run = run_broken_headless(config, dir, data);
    INFO(run.output);
    CHECK(run.exit_code == 2);
    const std::string report = report_of(data);
    CHECK_THAT(report, Catch::Contains("code: STRINGS"));
    CHECK_THAT(report, Catch::Contains(strings_file + ":" +
                                       std::to_string(line_of(strings, "home_title ="))));
    CHECK_THAT(run.output, Catch::Contains("its words from " + kiosk::test::binary_dir() +
                                           "/bin/fallback-strings.lua"));
    check_resting_screen(dir + "/screen.png", true);
}

TEST_CASE("no usable content shows the resting screen and names the refused package", "[startup]") {
    const std::string dir = temp_dir("startup-content"), data = dir + "/data";
    const std::string content = dir + "/content";
    fs::create_directories(content);
    write_text(content + "/broken.kpkg", "not a package at all");
    std::string text = sample_config_text(data);
    text = replace_line(text, "content_dir =", "  content_dir = \"" + content + "\",");
    const std::string config = dir + "/kiosk.lua";
    write_text(config, text);

    KioskRun run = run_broken_headless(config, dir, data);
    INFO(run.output);
    CHECK(run.exit_code == 2);
    const std::string report = report_of(data);
    CHECK_THAT(report, Catch::Contains("code: CONTENT"));
    CHECK_THAT(report, Catch::Contains(content + "/broken.kpkg"));
    CHECK_THAT(run.output, Catch::Contains("its words from " + source_path("content/strings.lua")));
    check_resting_screen(dir + "/screen.png", true);
}

TEST_CASE("a missing font falls back to the default font, and an unusable data folder "
          "leaves the reason in the log",
          "[startup]") {
    const std::string dir = temp_dir("startup-font"), data = dir + "/data";
    std::string text = sample_config_text(data);
    text = replace_line(text, "  path =", "    path = \"" + dir + "/no-such-font.ttc\",");
    write_text(dir + "/font.lua", text);
    KioskRun font = run_broken_headless(dir + "/font.lua", dir, data);
    INFO(font.output);
    CHECK(font.exit_code == 2);
    CHECK_THAT(report_of(data), Catch::Contains("code: FONT"));
    CHECK_THAT(report_of(data), Catch::Contains(dir + "/no-such-font.ttc"));
    check_resting_screen(dir + "/screen.png", true);

    // A data folder under a plain file can never be made.
    write_text(dir + "/plain-file", "");
    KioskRun no_data = run_broken_headless(dir + "/font.lua", dir, dir + "/plain-file/data");
    INFO(no_data.output);
    CHECK(no_data.exit_code == 2);
    CHECK_THAT(no_data.output, Catch::Contains("not starting (DATA): " + dir + "/plain-file/data"));
    CHECK_THAT(no_data.output, Catch::Contains("the reason is only in this log"));
    check_resting_screen(dir + "/screen.png", true);
}

TEST_CASE("the resting screen in Chinese and English matches its golden", "[startup][golden]") {
    log_set_quiet(true);
    std::string error;
    auto screen =
        StartupFailureScreen::open(headless_screen({source_path("content/strings.lua")}), error);
    INFO(error);
    REQUIRE(screen);
    REQUIRE(screen->has_text());
    CHECK(screen->strings_source() == source_path("content/strings.lua"));
    screen->draw();

    // The font has every character of the words (rasterized as drawn): no
    // boxes, no '?'.
    StringsLoadResult strings =
        load_strings_table(source_path("content/strings.lua"), startup_failure_string_keys());
    REQUIRE(strings.ok());
    for (const std::string& key : startup_failure_string_keys())
        for (Language language : {Language::Zh, Language::En}) {
            const std::string& line = strings.table->get(key, language);
            for (size_t at = 0; at < line.size();) {
                const uint32_t codepoint = decode_utf8(line, at);
                if (codepoint == ' ' || codepoint == '{' || codepoint == '}') continue;
                INFO(key << " U+" << std::hex << codepoint);
                CHECK(screen->fonts().face_has(codepoint));
            }
        }

    const std::string golden = source_path("tests/app/goldens/startup-failure.png");
    const std::string actual = kiosk::test::binary_dir() + "/test-tmp/startup-failure.actual.png";
    fs::create_directories(fs::path(actual).parent_path());
    REQUIRE(screen->screenshot(actual, error));
    if (std::getenv("KIOSK_UPDATE_GOLDENS"))
        fs::copy_file(actual, golden, fs::copy_options::overwrite_existing);
    INFO("actual frame: " << actual);
    CHECK(png_difference(actual, golden) <= 0.005);
    check_resting_screen(actual, true);
}

TEST_CASE("without readable words the resting screen is a picture without text", "[startup]") {
    log_set_quiet(true);
    const std::string dir = temp_dir("startup-plain");
    write_text(dir + "/broken.lua", "return { startup_failed_title = ");
    std::string error;
    auto screen = StartupFailureScreen::open(
        headless_screen({dir + "/broken.lua", dir + "/missing.lua"}), error);
    INFO(error);
    REQUIRE(screen);
    CHECK_FALSE(screen->has_text());
    CHECK(screen->strings_source().empty());
    screen->draw();
    REQUIRE(screen->screenshot(dir + "/plain.png", error));
    check_resting_screen(dir + "/plain.png", false);

    // No font either: the same picture.
    FailureScreenOptions no_font = headless_screen({source_path("content/strings.lua")});
    no_font.fonts = {FontSpec{dir + "/missing.ttc"}};
    screen = StartupFailureScreen::open(no_font, error);
    REQUIRE(screen);
    CHECK_FALSE(screen->has_text());
    screen->draw();
    REQUIRE(screen->screenshot(dir + "/no-font.png", error));
    CHECK(png_difference(dir + "/plain.png", dir + "/no-font.png") == 0);
}

TEST_CASE("the fallback words ship next to the binary and match the strings table", "[startup]") {
    const std::vector<std::string> files = fallback_strings_files();
    REQUIRE(files.size() == 2);
    // The tests run from build/bin, beside kiosk.
    CHECK(files[0] == kiosk::test::binary_dir() + "/bin/fallback-strings.lua");
    CHECK(read_text(files[0]) == read_text(source_path("kiosk-config/fallback-strings.lua")));
    StringsLoadResult fallback = load_strings_table(
        source_path("kiosk-config/fallback-strings.lua"), startup_failure_string_keys());
    StringsLoadResult table =
        load_strings_table(source_path("content/strings.lua"), startup_failure_string_keys());
    REQUIRE(fallback.ok());
    REQUIRE(table.ok());
    CHECK(fallback.table->size() == startup_failure_string_keys().size()); // nothing else
    for (const std::string& key : startup_failure_string_keys()) {
        INFO(key);
        CHECK(fallback.table->find(key)->zh == table.table->find(key)->zh);
        CHECK(fallback.table->find(key)->en == table.table->find(key)->en);
    }
}

TEST_CASE("in real time a kiosk that cannot start stays up, and starts once the file is fixed",
          "[startup][realtime]") {
    const std::string dir = temp_dir("startup-realtime"), data = dir + "/data";
    const std::string good = read_text(source_path("content/strings.lua"));
    const std::string strings_file = dir + "/strings.lua";
    write_text(strings_file, "return {\n  home_title = \n");
    std::string text = sample_config_text(data);
    text = replace_line(text, "strings_file =", "  strings_file = \"" + strings_file + "\",");
    write_text(dir + "/kiosk.lua", text);

    pid_t pid = spawn_kiosk({"--config", dir + "/kiosk.lua", "--width", "640", "--height", "360"},
                            dir + "/output.txt");
    const bool shown = wait_until([&] {
        return read_text(dir + "/output.txt")
                   .find("the startup failure screen shows code STRINGS") != std::string::npos;
    });
    INFO(read_text(dir + "/output.txt"));
    REQUIRE(shown);
    CHECK_THAT(read_text(data + "/startup-error.txt"), Catch::Contains("code: STRINGS"));
    CHECK_THAT(read_text(data + "/startup-error.txt"), Catch::Contains(strings_file + ":"));
    CHECK(running(pid)); // behind the resting screen, not exited for systemd to spin

    // Fixed the way an editor saves: a new file renamed over the old one.
    write_text(strings_file + ".new", good);
    fs::rename(strings_file + ".new", strings_file);
    const bool started = wait_until([&] {
        return !fs::exists(data + "/startup-error.txt") &&
               read_text(data + "/kiosk.log").find("kiosk started with") != std::string::npos;
    });
    CHECK(started);
    CHECK(running(pid));
    CHECK(stop_and_wait(pid) == 0);
    CHECK_THAT(read_text(dir + "/output.txt"),
               Catch::Contains("a file the kiosk reads has changed"));
}

TEST_CASE("in real time SIGTERM ends the resting screen with exit code 2", "[startup][realtime]") {
    const std::string dir = temp_dir("startup-sigterm");
    write_text(dir + "/broken.lua", "return {\n");
    pid_t pid = spawn_kiosk({"--config", dir + "/broken.lua", "--width", "640", "--height", "360"},
                            dir + "/output.txt");
    const bool shown = wait_until([&] {
        return read_text(dir + "/output.txt")
                   .find("the startup failure screen shows code CONFIG") != std::string::npos;
    });
    INFO(read_text(dir + "/output.txt"));
    REQUIRE(shown);
    CHECK(running(pid));
    CHECK(stop_and_wait(pid) == 2);
}

TEST_CASE("the setup's fingerprint changes with the files it reads, not with the kiosk's own "
          "writes",
          "[startup]") {
    const std::string dir = temp_dir("startup-fingerprint");
    StartupSetup setup;
    setup.config_path = dir + "/kiosk.lua";
    setup.data_dir = dir + "/data";
    setup.watched_files = {setup.config_path, dir + "/strings.lua"};
    setup.watched_folders = {dir + "/content"};
    write_text(setup.config_path, "return {}\n");
    const std::string missing_everything = setup_fingerprint(setup);

    fs::create_directories(setup.data_dir);
    fs::create_directories(dir + "/content");
    write_text(dir + "/strings.lua", "return {}\n");
    std::string before = setup_fingerprint(setup);
    CHECK(before != missing_everything);

    // What the kiosk itself writes while it waits must not look like a fix,
    // or it would retry every two seconds.
    write_text(setup.data_dir + "/kiosk.log", "a line\n");
    write_text(setup.data_dir + "/startup-error.txt", "why\n");
    CHECK(setup_fingerprint(setup) == before);
    // Nor does a package still being copied under a hidden name.
    write_text(dir + "/content/.pendulum.kpkg.part", "half");
    CHECK(setup_fingerprint(setup) == before);

    // Renaming the finished copy into place does.
    fs::rename(dir + "/content/.pendulum.kpkg.part", dir + "/content/pendulum.kpkg");
    std::string after = setup_fingerprint(setup);
    CHECK(after != before);
    // So does saving a file the setup reads (an editor's new file renamed over it).
    write_text(dir + "/strings.new", "return { }\n");
    fs::rename(dir + "/strings.new", dir + "/strings.lua");
    CHECK(setup_fingerprint(setup) != after);
    after = setup_fingerprint(setup);
    // And a data folder that becomes unwritable (or writable again).
    fs::permissions(setup.data_dir, fs::perms::owner_write, fs::perm_options::remove);
    CHECK(setup_fingerprint(setup) != after);
    fs::permissions(setup.data_dir, fs::perms::owner_write, fs::perm_options::add);
}
