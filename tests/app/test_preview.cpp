// Process-level tests of a preview (`kiosk --exhibit`, preview_run.h): its
// kiosk.log events land in DATA/preview.db (never kiosk.db) and on standard
// output as they happen; --lang chooses the starting language and refuses
// anything but zh and en; a headless preview's screenshot is 1920x1080 unless
// told otherwise; a windowed preview with --frames N draws N frames and quits;
// a headless preview whose exhibit failed, or whose data folder cannot be
// written, exits kExitPreviewFailed naming why.
#include "app/preview_run.h"
#include "app/startup.h"
#include "app_test_support.h"
#include "core/random_id.h"
#include "telemetry/telemetry_test_support.h"
#include "test_paths.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <regex>
#include <sstream>

using namespace kiosk;
using namespace kiosk::test;
namespace fs = std::filesystem;

namespace {

// Logs two events on its first update: a finding, and the visitor's language.
constexpr const char* kLoggingExhibit = R"(local logged = false
function exhibit.update(dt)
  if logged then return end
  logged = true
  kiosk.log("found_reflection", { angle = 42 })
  kiosk.log("language", { lang = kiosk.lang() })
end
function exhibit.draw() kiosk.clear(0.1, 0.2, 0.3) end
)";

// Fails in its third update, at main.lua:4.
constexpr const char* kFailingExhibit = R"(local frames = 0
function exhibit.update(dt)
  frames = frames + 1
  if frames == 3 then local t = nil; return t.x end
end
)";

// Logs one event in each draw.
constexpr const char* kCountingExhibit = R"(function exhibit.draw()
  kiosk.clear(0.1, 0.2, 0.3)
  kiosk.log("drawn", {})
end
)";

struct PreviewRun {
    int exit_code = -1;
    std::string out; // standard output alone
    std::string err; // standard error
};

// Runs build/bin/kiosk (after `prefix`, a command such as setpriv) on the
// county museum sample with `arguments`, headless unless told to open a window,
// keeping the two streams apart.
PreviewRun run_preview(const TempFolder& folder, const std::string& arguments,
                       const std::string& prefix = "", bool headless = true) {
    const std::string err_path = folder.file("stderr-" + make_random_id() + ".txt");
    const std::string command = prefix + program_path("kiosk") + " --config " +
                                source_path("kiosk-config/county-museum.lua") +
                                (headless ? " --headless " : " ") + arguments + " 2>" + err_path;
    PreviewRun run;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    char buffer[4096];
    while (size_t n = fread(buffer, 1, sizeof buffer, pipe))
        run.out.append(buffer, n);
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.err = read_text(err_path);
    return run;
}

// The event lines printed for exhibit `id`: "HH:MM:SS.mmm ID NAME {fields}".
std::vector<std::string> event_lines(const std::string& out, const std::string& id) {
    const std::regex line("^\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d " + id + " [a-z_.0-9]+ \\{.*\\}$");
    std::vector<std::string> lines;
    std::istringstream in(out);
    for (std::string text; std::getline(in, text);)
        if (std::regex_match(text, line)) lines.push_back(text.substr(13 + id.size() + 1));
    return lines;
}

} // namespace

TEST_CASE("a preview records its kiosk.log events in preview.db and prints each on stdout",
          "[preview][cli]") {
    TempFolder folder;
    write_test_exhibit(folder, "logger", kLoggingExhibit);
    const std::string data = folder.file("data");
    const std::string arguments =
        "--exhibit " + folder.file("logger") + " --frames 10 --data " + data;
    PreviewRun run = run_preview(folder, arguments);
    INFO(run.out << run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(
        event_lines(run.out, "logger") ==
        std::vector<std::string>{"found_reflection {\"angle\":42}", "language {\"lang\":\"zh\"}"});
    CHECK_FALSE(fs::exists(data + "/kiosk.db")); // the venue's statistics are never touched

    const auto check_database = [&data] {
        Db db(preview_database_path(data));
        CHECK(db.integer("SELECT count(*) FROM events WHERE kind = 'session_start'") == 1);
        CHECK(db.text("SELECT group_concat(fields, ' ') FROM (SELECT fields FROM events WHERE "
                      "kind = 'exhibit_event' AND subject = 'logger' ORDER BY seq)") ==
              R"({"event":"found_reflection","data":{"angle":42}} )"
              R"({"event":"language","data":{"lang":"zh"}})");
        CHECK(db.integer("SELECT value FROM rollups WHERE subject_kind = 'exhibit' AND subject = "
                         "'logger' AND metric = 'interactions'") == 2);
    };
    check_database();
    // A second run starts afresh: the database holds that run alone.
    PreviewRun again = run_preview(folder, arguments);
    REQUIRE(again.exit_code == 0);
    check_database();
}

TEST_CASE(
    "the --lang option chooses the language a run starts in, and anything but zh or en is refused",
    "[preview][cli]") {
    TempFolder folder;
    write_test_exhibit(folder, "logger", kLoggingExhibit);
    const std::string arguments =
        "--exhibit " + folder.file("logger") + " --frames 3 --data " + folder.file("data");
    PreviewRun english = run_preview(folder, arguments + " --lang en");
    INFO(english.out << english.err);
    REQUIRE(english.exit_code == 0);
    CHECK(event_lines(english.out, "logger").back() == "language {\"lang\":\"en\"}");

    for (const char* bad : {"xx", "ZH", "\"\""}) {
        PreviewRun refused =
            run_preview(folder, "--lang " + std::string(bad) + " --data " + folder.file("bad"));
        INFO(refused.err);
        CHECK(refused.exit_code == kExitNotStarted);
        CHECK_THAT(refused.err, Catch::Contains("--lang: expected zh (Chinese) or en (English)"));
        CHECK_FALSE(fs::exists(folder.file("bad"))); // nothing started
    }

    // In process: the request's language is where the kiosk starts and goes back to.
    StartRequest request;
    request.config_path = source_path("kiosk-config/county-museum.lua");
    request.data_dir = folder.file("in-process");
    request.options.headless = true;
    request.options.exhibit_path = folder.file("logger");
    request.language = Language::En;
    StartAttempt attempt = attempt_start(request);
    REQUIRE(attempt.app);
    CHECK(attempt.app->language() == Language::En);
}

TEST_CASE("a headless preview's screenshot is 1920x1080 unless --width/--height say otherwise",
          "[preview][cli]") {
    TempFolder folder;
    write_test_exhibit(folder, "logger", kLoggingExhibit);
    const std::string preview = "--exhibit " + folder.file("logger") + " --frames 2 --data " +
                                folder.file("data") + " --screenshot ";
    PreviewRun full = run_preview(folder, preview + folder.file("full.png"));
    INFO(full.err);
    REQUIRE(full.exit_code == 0);
    Png full_png(folder.file("full.png"));
    CHECK(full_png.width == 1920);
    CHECK(full_png.height == 1080);

    PreviewRun small =
        run_preview(folder, preview + folder.file("small.png") + " --width 640 --height 360");
    REQUIRE(small.exit_code == 0);
    Png small_png(folder.file("small.png"));
    CHECK(small_png.width == 640);
    CHECK(small_png.height == 360);
}

TEST_CASE("a windowed preview with --frames N draws N frames and quits", "[preview][cli]") {
    TempFolder folder;
    write_test_exhibit(folder, "counter", kCountingExhibit);
    // SDL's dummy video driver gives a window without an X display; `timeout`
    // ends a run that would never quit (it then exits 124).
    PreviewRun run =
        run_preview(folder,
                    "--exhibit " + folder.file("counter") +
                        " --frames 5 --width 640 --height 360 --data " + folder.file("data"),
                    "SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy timeout 60 ", false);
    INFO(run.out << run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(event_lines(run.out, "counter") == std::vector<std::string>(5, "drawn {}"));
}

TEST_CASE("a headless preview whose exhibit stopped with an error exits 4 naming the error",
          "[preview][cli]") {
    TempFolder folder;
    write_test_exhibit(folder, "broken", kFailingExhibit);
    const std::string arguments =
        "--exhibit " + folder.file("broken") + " --frames 10 --data " + folder.file("data");
    for (const char* mode : {"", " --dev"}) { // dev mode waits for a fix: still a failed run
        PreviewRun run = run_preview(folder, arguments + mode);
        INFO(mode << run.err);
        CHECK(run.exit_code == kExitPreviewFailed);
        CHECK_THAT(run.err, Catch::Contains("kiosk: exhibit broken stopped with an error "
                                            "(runtime in exhibit.update): "));
        CHECK_THAT(run.err, Catch::Contains("main.lua:4:"));
    }
}

TEST_CASE("a preview whose data folder cannot be written prints its events, says why, exits 4",
          "[preview][cli]") {
    TempFolder folder;
    write_test_exhibit(folder, "logger", kLoggingExhibit);
    const std::string data = folder.file("data");
    fs::create_directory(data);
    write_text(data + "/preview.db", "an earlier run's database\n");
    fs::permissions(data, fs::perms(0500), fs::perm_options::replace);
    // Root writes anywhere: the kiosk runs as nobody, whose folder it is.
    const bool root = geteuid() == 0;
    if (root) REQUIRE(::chown(data.c_str(), 65534, 65534) == 0);
    PreviewRun run =
        run_preview(folder, "--exhibit " + folder.file("logger") + " --frames 3 --data " + data,
                    root ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "");
    if (root) CHECK(::chown(data.c_str(), 0, 0) == 0);
    fs::permissions(data, fs::perms::owner_all, fs::perm_options::replace);
    INFO(run.out << run.err);
    CHECK(run.exit_code == kExitPreviewFailed);
    CHECK(event_lines(run.out, "logger").size() == 2);
    CHECK_THAT(run.err, Catch::Contains("the preview's events are not recorded in preview.db: " +
                                        data + ": the data folder cannot be written"));
    CHECK_THAT(run.err, Catch::Contains("kiosk: the events were not recorded in preview.db"));
    CHECK(read_text(data + "/preview.db") == "an earlier run's database\n");
}
