// The kiosk's data folder cannot be redirected (issue 15, break E), tested as
// the attack was made: kiosk.db a symbolic link to a path that does not exist
// (the kiosk must not create the target, and says why in the admin overlay's
// statistics row), kiosk.log a link to another file (that file stays as it
// was), a data folder any user can write (mode 0777) or that belongs to another
// user (refused: the kiosk does not start, names the folder and the fix, and
// writes nothing into it), and the modes of what the kiosk creates: folders
// 0700, files 0600 (kiosk.db and its -wal and -shm, kiosk.log,
// exhibit-errors.log, startup-error.txt).
#include "app/startup.h"
#include "app/startup_failure_screen.h"
#include "app_test_support.h"
#include "core/log.h"
#include "test_paths.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace kiosk;
using namespace kiosk::test;
namespace fs = std::filesystem;

namespace {

// The county museum sample, with no content (a start that fails for want of
// it), its data folder at `data` and its other paths absolute; written to DIR/kiosk.lua.
std::string write_contentless_config(const std::string& dir, const std::string& data) {
    std::string text = read_text(source_path("kiosk-config/county-museum.lua"));
    const auto replace = [&text](const std::string& prefix, const std::string& line) {
        const size_t at = text.find("\n  " + prefix);
        REQUIRE(at != std::string::npos);
        text.replace(at + 1, text.find('\n', at + 1) - at - 1, line);
    };
    fs::create_directories(dir + "/no-content");
    replace("data_dir =", "  data_dir = \"" + data + "\",");
    replace("content_dir =", "  content_dir = \"" + dir + "/no-content\",");
    replace("trusted_keys =",
            "  trusted_keys = { \"" + kiosk::test::binary_dir() + "/demo-keys/demo.pub\" },");
    replace("trusted_reviewers =", "  trusted_reviewers = { \"" + kiosk::test::binary_dir() +
                                       "/demo-keys/reviewer.pub\" },");
    replace("strings_file =", "  strings_file = \"" + source_path("content/strings.lua") + "\",");
    const std::string config = dir + "/kiosk.lua";
    write_text(config, text);
    return config;
}

// The permission bits of `path` itself (a link is not followed), or -1.
int mode_of(const std::string& path) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) return -1;
    return int(info.st_mode & 07777);
}

// The sample config with its data folder at `data` (which the test prepares).
KioskConfig config_with_data(const std::string& name, const std::string& data) {
    KioskConfig config = load_sample_config("kiosk-config/county-museum.lua", name);
    config.data_dir = data;
    return config;
}

std::unique_ptr<KioskApp> try_create(const KioskConfig& config, std::string& error) {
    AppOptions options;
    options.headless = true;
    options.width = 960;
    options.height = 540;
    return KioskApp::create(config, options, error);
}

} // namespace

TEST_CASE("kiosk.db a link to a path that does not exist: the kiosk does not create the target "
          "and the admin overlay says why",
          "[data-folder]") {
    const std::string dir = temp_dir("data-db-link"), data = dir + "/data";
    fs::create_directories(dir + "/elsewhere");
    fs::create_directory(data);
    fs::permissions(data, fs::perms::owner_all);
    const std::string target = dir + "/elsewhere/stolen.db";
    fs::create_symlink(target, data + "/kiosk.db");

    auto app = make_app_from(config_with_data("data-db-link-unused", data), AppOptions{});
    CHECK_FALSE(fs::exists(target));
    CHECK(fs::is_symlink(data + "/kiosk.db"));
    CHECK_THAT(app->statistics_problem(),
               Catch::Contains(data + "/kiosk.db: is a symbolic link, which is never followed"));
    CHECK_THAT(app->statistics_problem(), Catch::Contains("rm " + data + "/kiosk.db"));
    CHECK(app->admin_info().statistics_state_key == "admin_statistics_off");
    CHECK(app->admin_info().statistics_problem == app->statistics_problem());
}

TEST_CASE("kiosk.log a link to another file: that file is left unchanged", "[data-folder]") {
    const std::string dir = temp_dir("data-log-link"), data = dir + "/data";
    fs::create_directory(data);
    fs::permissions(data, fs::perms::owner_all);
    const std::string precious = dir + "/precious.txt";
    write_text(precious, "precious\n");
    fs::create_symlink(precious, data + "/kiosk.log");
    {
        auto app = make_app_from(config_with_data("data-log-link-unused", data), AppOptions{});
        log_info("a line that must not reach precious.txt");
    }
    CHECK(read_text(precious) == "precious\n");
    CHECK(fs::is_symlink(data + "/kiosk.log"));
}

TEST_CASE("a data folder any user can write is refused with the folder and the fix",
          "[data-folder]") {
    const std::string dir = temp_dir("data-0777"), data = dir + "/data";
    fs::create_directory(data);
    fs::permissions(data, fs::perms::all);
    std::string error;
    CHECK_FALSE(try_create(config_with_data("data-0777-unused", data), error));
    CHECK_THAT(error, Catch::StartsWith(data + ": the folder can be written by other users "
                                               "(mode 0777)"));
    CHECK_THAT(error, Catch::Contains("fix: chmod 700 " + data));
    for (const char* name : {"kiosk.db", "kiosk.log", ".write-test"})
        CHECK_FALSE(fs::exists(data + "/" + name));

    // Group-writable is no better.
    fs::permissions(data, fs::perms(0770), fs::perm_options::replace);
    CHECK_FALSE(try_create(config_with_data("data-0777-unused", data), error));
    CHECK_THAT(error, Catch::Contains("(mode 0770)"));
}

TEST_CASE("the kiosk refuses to start on an unsafe data folder, says so in the log and writes "
          "nothing into it",
          "[data-folder][startup]") {
    const std::string dir = temp_dir("data-0777-run"), data = dir + "/data";
    fs::create_directory(data);
    fs::permissions(data, fs::perms::all);
    const std::string config = write_contentless_config(dir, data);
    KioskRun run = run_kiosk("--config " + config + " --headless --width 960 --height 540 --data " +
                             data + " --screenshot " + dir + "/screen.png");
    INFO(run.output);
    CHECK(run.exit_code == kExitNotStarted);
    CHECK_THAT(run.output, Catch::Contains("not starting (DATA): " + data +
                                           ": the folder can be written by other users"));
    CHECK_THAT(run.output, Catch::Contains("chmod 700 " + data));
    CHECK(fs::is_empty(data)); // no kiosk.log, no startup-error.txt
    CHECK(fs::exists(dir + "/screen.png"));

    // In process: the failure names the folder for the screen's staff hint.
    StartRequest request;
    request.config_path = config;
    request.data_dir = data;
    request.options.headless = true;
    StartAttempt attempt = attempt_start(request);
    REQUIRE(attempt.failure);
    CHECK(attempt.failure->kind == StartupFailureKind::DataFolder);
    CHECK(attempt.failure->unsafe_folder == data);
}

TEST_CASE("a data folder that belongs to another user is refused", "[data-folder]") {
    if (geteuid() != 0) {
        WARN("not root: cannot give a folder to another user; skipped");
        return;
    }
    const std::string dir = temp_dir("data-other-user"), data = dir + "/data";
    fs::create_directory(data);
    fs::permissions(data, fs::perms::owner_all);
    REQUIRE(::chown(data.c_str(), 65534, 65534) == 0); // nobody
    std::string error;
    CHECK_FALSE(try_create(config_with_data("data-other-user-unused", data), error));
    CHECK_THAT(error, Catch::StartsWith(data + ": the folder belongs to user "));
    CHECK_THAT(error, Catch::Contains("uid 65534"));
    CHECK_THAT(error, Catch::Contains("fix: chown root " + data + " && chmod 700 " + data));
    CHECK(fs::is_empty(data));
}

TEST_CASE("the kiosk creates its folders 0700 and its files 0600", "[data-folder]") {
    const std::string dir = temp_dir("data-modes"), data = dir + "/new/data";
    {
        auto app = make_app_from(config_with_data("data-modes-unused", data), AppOptions{});
        log_info("a line for kiosk.log");
        CHECK(mode_of(dir + "/new") == 0700);
        CHECK(mode_of(data) == 0700);
        CHECK(mode_of(data + "/kiosk.db") == 0600);
        CHECK(mode_of(data + "/kiosk.db-wal") == 0600);
        CHECK(mode_of(data + "/kiosk.db-shm") == 0600);
        CHECK(mode_of(data + "/kiosk.log") == 0600);
    }

    // A kiosk.db and kiosk.log left readable by everyone (an older version) are narrowed.
    fs::permissions(data + "/kiosk.db", fs::perms(0644), fs::perm_options::replace);
    fs::permissions(data + "/kiosk.log", fs::perms(0644), fs::perm_options::replace);
    {
        auto app = make_app_from(config_with_data("data-modes-unused", data), AppOptions{});
        CHECK(app->statistics_problem().empty());
        CHECK(mode_of(data + "/kiosk.db") == 0600);
        CHECK(mode_of(data + "/kiosk.log") == 0600);
    }

    // startup-error.txt, from a start that fails for want of content.
    const std::string config = write_contentless_config(dir, data);
    KioskRun run = run_kiosk("--config " + config + " --headless --width 960 --height 540 --data " +
                             data + " --screenshot " + dir + "/screen.png");
    INFO(run.output);
    CHECK(run.exit_code == kExitNotStarted);
    CHECK_THAT(run.output, Catch::Contains("not starting (CONTENT)"));
    CHECK(mode_of(data + "/startup-error.txt") == 0600);
}

TEST_CASE("the resting screen for an unsafe data folder shows staff the fix", "[data-folder]") {
    const std::string dir = temp_dir("data-unsafe-screen");
    const auto screenshot = [&dir](const std::string& unsafe_folder, const std::string& name) {
        FailureScreenOptions options;
        options.headless = true;
        options.width = 960;
        options.height = 540;
        options.strings_files = {source_path("content/strings.lua")};
        options.fonts = {FontSpec{FontConfig{}.path, FontConfig{}.face}};
        options.code = "DATA";
        options.unsafe_data_folder = unsafe_folder;
        std::string error;
        auto screen = StartupFailureScreen::open(options, error);
        INFO(error);
        REQUIRE(screen);
        REQUIRE(screen->has_text());
        screen->draw();
        const std::string png = dir + "/" + name + ".png";
        REQUIRE(screen->screenshot(png, error));
        return png;
    };
    const std::string plain = screenshot("", "plain");
    const std::string with_fix = screenshot("/var/lib/kiosk", "with-fix");
    // Two more lines of small staff text: a small part of the picture, but not none.
    const double differing = png_difference(plain, with_fix);
    CHECK(differing > 0.002);
    CHECK(differing < 0.2);
}
