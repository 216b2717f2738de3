// Exhibits that misbehave where the host touches their values, run in the real
// kiosk process (issue 14): the three reported main.lua files end the headless
// preview normally, with the error card (--dev) or the resting card (venue) on
// screen and exit code 4 (a preview whose exhibit failed, issue 19), and SIGTERM stops
// the kiosk within 2 s whatever the exhibit is doing (looping in Lua, in a C
// function, in a finalizer, in a metamethod the kiosk set off, in the message
// handler), with the interaction log flushed.
#include "app/app_test_support.h"
#include "app/preview_run.h"
#include "fault_support.h"
#include "kiosk_process.h"
#include "render/ui.h"
#include "signed_library.h"
#include "telemetry/telemetry_test_support.h"

#include <catch2/catch.hpp>
#include <signal.h>

#include <chrono>
#include <cstdlib>

using namespace kiosk;
using namespace kiosk::test;

namespace {

// The reported main.lua files, and what the kiosk must then say about them.
struct Reported {
    const char* main_lua;
    const char* says;
};

const Reported kReported[] = {
    {"exhibit = setmetatable({}, {__index = function() while true do end end})\n",
     "exhibit.__index looped while the kiosk looked up exhibit.load"},
    {"exhibit = setmetatable({}, {__index = function() error(\"x\") end})\n",
     "exhibit.__index raised an error while the kiosk looked up exhibit.load: x"},
    {"setmetatable(_G, {__index = function() error(\"x\") end})\nexhibit = nil\n",
     "_G.__index raised an error while the kiosk looked up _G.exhibit: x"},
};

// Milliseconds since `start`.
long long since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start)
        .count();
}

} // namespace

TEST_CASE("kiosk: the reported exhibits that hung or aborted the kiosk now rest, and it exits 4",
          "[faults][exhibit]") {
    for (const Reported& reported : kReported) {
        for (const bool dev : {true, false}) {
            INFO(reported.main_lua << (dev ? "with --dev" : "in venue mode"));
            TempFolder folder;
            write_test_exhibit(folder, "reported", reported.main_lua);
            KioskSetup setup;
            setup.data_dir = folder.file("data");
            const std::string config = write_kiosk_config(folder, setup);
            std::vector<std::string> arguments = {"--exhibit",    folder.file("reported"),
                                                  "--frames",     "240",
                                                  "--screenshot", folder.file("shot.png")};
            if (dev) arguments.insert(arguments.begin(), "--dev");
            KioskProcess run(config, arguments, folder.file("run.out"));
            const auto start = std::chrono::steady_clock::now();
            // Before the fix: a hang (killed here) or SIGABRT. A headless preview
            // whose exhibit failed exits kExitPreviewFailed (issue 19).
            CHECK(run.wait(60000) == kExitPreviewFailed);
            const std::string output = run.output();
            INFO(output);
            UNSCOPED_INFO("exited after " << since(start) << " ms");
            CHECK_THAT(output, Catch::Contains(reported.says));
            Png shot(folder.file("shot.png"));
            REQUIRE(shot.pixels);
            REQUIRE(shot.width == 640);
            if (dev) {
                CHECK(pixel_is(shot, 10, 10, IM_COL32(40, 12, 16, 255))); // the error card
            } else {
                CHECK(pixel_is(shot, 30, 330, theme::kBackground)); // the resting card
                CHECK(pixel_is(shot, 150, 100, theme::kCard));
                CHECK(pixel_is(shot, 300, 127, theme::kAccent)); // its sleeping moon
            }
        }
    }
}

namespace {

// Exhibits that print "looping now" and then keep the kiosk's main thread busy
// in one way each, under the longest budget a config allows (1 s).
struct Busy {
    const char* name;
    const char* main_lua;
};

const Busy kBusy[] = {
    {"a loop in exhibit.update", R"(
function exhibit.update(dt)
  print("looping now")
  while true do end
end
)"},
    {"a pattern stuck inside a C function", R"(
function exhibit.update(dt)
  print("looping now")
  string.find(("a"):rep(1e5), ".-.-.-.-b$")
end
)"},
    {"a finalizer that loops during a collection", R"(
function exhibit.update(dt)
  setmetatable({}, {__gc = function() print("looping now") while true do end end})
  for i = 1, 1e9 do local garbage = {i} end
end
)"},
    {"an exhibit.__index the kiosk's lookup set off", R"(
function exhibit.load() end
setmetatable(exhibit, {__index = function(t, k)
  if k == "update" then print("looping now") while true do end end
end})
)"},
    {"an error object's __tostring in the message handler", R"(
function exhibit.update(dt)
  error(setmetatable({}, {__tostring = function() print("looping now") while true do end end}))
end
)"},
};

} // namespace

TEST_CASE("kiosk: SIGTERM stops the kiosk within 2 s whatever an exhibit is doing, log flushed",
          "[faults][exhibit]") {
    for (const Busy& busy : kBusy) {
        INFO(busy.name);
        SignedLibrary library;
        TempFolder exhibits;
        write_test_exhibit(exhibits, "busy", busy.main_lua);
        library.add(exhibits.file("busy"), "busy");
        KioskSetup setup = library.setup(library.folder.file("data"));
        setup.time_budget_ms = 1000;
        const std::string config = write_kiosk_config(library.folder, setup);
        const std::string replay = library.folder.write("visit.replay", "wait 0.5\ntap 357 560\n");
        KioskProcess run(config, {"--input", replay, "--frames", "100000000"},
                         library.folder.file("run.out"));
        REQUIRE(run.wait_for_output("looping now"));
        REQUIRE(run.running());
        const auto start = std::chrono::steady_clock::now();
        REQUIRE(::kill(run.pid(), SIGTERM) == 0);
        CHECK(run.wait(2000) == 0); // FAILs when it has not exited within 2 s
        UNSCOPED_INFO("stopped " << since(start) << " ms after SIGTERM");
        INFO(run.output());
        Db db(library.folder.file("data/kiosk.db"));
        CHECK(db.integer("SELECT count(*) FROM events WHERE kind = 'shutdown'") == 1);
        CHECK(db.integer(
                  "SELECT value FROM rollups WHERE subject = 'busy' AND metric = 'visits'") == 1);
        // A stop by the shutdown is not the exhibit's error.
        CHECK(db.integer("SELECT count(*) FROM events WHERE kind = 'exhibit_error'") == 0);
    }
}
