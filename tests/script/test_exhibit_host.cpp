// The exhibit lifecycle and the non-drawing curator API, on ExhibitHost alone:
// callback order and arguments, optional callbacks, errors with file:line and
// source line, kiosk.t / lang / time / random / seed / log / home.
#include "script_test_support.h"

#include <catch2/catch.hpp>

using namespace kiosk;
using kiosk::test::ScriptedExhibit;

namespace {

// An exhibit that records each callback into `trace` and fails with the trace
// when asked to (a press with id 99), which is how the test reads it back.
const char* const kTracer = R"(
local trace = {}
local function add(s) trace[#trace + 1] = s end
function exhibit.load() add("load") end
function exhibit.update(dt) add(string.format("update %.4f", dt)) end
function exhibit.touchpressed(id, x, y) add(string.format("pressed %d %g %g", id, x, y)) end
function exhibit.touchmoved(id, x, y, dx, dy) add(string.format("moved %d %g %g %g %g", id, x, y, dx, dy)) end
function exhibit.touchreleased(id, x, y) add(string.format("released %d %g %g", id, x, y)) end
function exhibit.leave() add("leave") end
function exhibit.report() error("TRACE:" .. table.concat(trace, "|"), 0) end
)";

} // namespace

TEST_CASE("lifecycle callbacks run in order with their arguments", "[exhibit]") {
    ScriptedExhibit exhibit(std::string(kTracer) + R"(
local real_pressed = exhibit.touchpressed
function exhibit.touchpressed(id, x, y)
  if id == 99 then exhibit.report() end
  real_pressed(id, x, y)
end
)");
    REQUIRE_FALSE(exhibit.host->failed());
    exhibit.host->update(0.5);
    exhibit.host->touch(TouchPhase::Pressed, 1, 100, 200, 0, 0);
    exhibit.host->touch(TouchPhase::Moved, 1, 110, 230, 10, 30);
    exhibit.host->touch(TouchPhase::Released, 1, 110, 230, 0, 0);
    exhibit.host->touch(TouchPhase::Pressed, 99, 0, 0, 0, 0); // asks for the trace
    REQUIRE(exhibit.host->failed());
    CHECK(exhibit.host->error().message ==
          "TRACE:load|update 0.5000|pressed 1 100 200|moved 1 110 230 10 30|released 1 110 230");
}

TEST_CASE("every callback is optional", "[exhibit]") {
    ScriptedExhibit exhibit("-- nothing at all\n");
    exhibit.update(5);
    exhibit.host->touch(TouchPhase::Pressed, 0, 1, 2, 0, 0);
    exhibit.host->leave();
    CHECK_FALSE(exhibit.host->failed());
}

TEST_CASE("leave runs once and the exhibit is inert after it", "[exhibit]") {
    ScriptedExhibit exhibit(
        "n = 0\nfunction exhibit.leave() n = n + 1 if n > 1 then error('twice') end end\n"
        "function exhibit.update() if n > 0 then error('update after leave') end end");
    exhibit.host->leave();
    exhibit.host->leave();
    exhibit.update(2);
    CHECK_FALSE(exhibit.host->failed());
}

TEST_CASE("a syntax error names file, line and source line", "[exhibit]") {
    ScriptedExhibit exhibit("local a = 1\nlocal b = = 2\n");
    REQUIRE(exhibit.host->failed());
    const ExhibitError& error = exhibit.host->error();
    CHECK(error.kind == ExhibitErrorKind::Syntax);
    CHECK(error.file == "main.lua");
    CHECK(error.line == 2);
    CHECK(error.source_line == "local b = = 2");
}

TEST_CASE("a runtime error carries a traceback", "[exhibit]") {
    ScriptedExhibit exhibit("local function inner() local t = nil; return t.x end\n"
                            "function exhibit.update() inner() end\n");
    exhibit.update();
    REQUIRE(exhibit.host->failed());
    const ExhibitError& error = exhibit.host->error();
    CHECK(error.kind == ExhibitErrorKind::Runtime);
    CHECK(error.callback == "exhibit.update");
    CHECK(error.line == 1);
    CHECK(error.message.find("attempt to index a nil value") != std::string::npos);
    CHECK(error.traceback.find("main.lua:2") != std::string::npos);
}

TEST_CASE("a missing entry file and a non-function callback are load errors", "[exhibit]") {
    kiosk::test::TempFolder folder;
    ExhibitHost host(
        ExhibitSource{"none", std::make_shared<FolderSource>(folder.path().string()), "main.lua"},
        kiosk::test::small_limits(), 1, nullptr);
    CHECK_FALSE(host.start(Language::Zh));
    CHECK(host.error().kind == ExhibitErrorKind::Load);
    CHECK(host.error().message.find("main.lua") != std::string::npos);

    ScriptedExhibit bad("exhibit.update = 42\n");
    bad.update();
    REQUIRE(bad.host->failed());
    CHECK(bad.host->error().message.find("exhibit.update must be a function") != std::string::npos);

    ScriptedExhibit replaced("exhibit = 'oops'\n");
    REQUIRE(replaced.host->failed());
    CHECK(replaced.host->error().message.find("must stay a table") != std::string::npos);
}

TEST_CASE("kiosk.t and kiosk.lang follow the visitor's language", "[exhibit]") {
    const char* script = R"(
function exhibit.update()
  error(kiosk.lang() .. ":" .. kiosk.t{zh = "你好", en = "Hello"} .. ":" .. kiosk.t{zh = "只有中文"}, 0)
end
)";
    ScriptedExhibit zh(script);
    zh.update();
    CHECK(zh.host->error().message == "zh:你好:只有中文");
    ScriptedExhibit en(script);
    en.host->set_language(Language::En);
    en.update();
    CHECK(en.host->error().message == "en:Hello:只有中文");
    ScriptedExhibit bad("function exhibit.update() kiosk.t{} end");
    bad.update();
    CHECK(bad.host->error().message.find("kiosk.t: needs") != std::string::npos);
}

TEST_CASE("kiosk.time follows the simulated clock; kiosk.random repeats with its seed",
          "[exhibit]") {
    ScriptedExhibit exhibit(R"(
function exhibit.update()
  if kiosk.time() >= 1 then
    kiosk.seed(42)
    local a = {kiosk.random(), kiosk.random(6), kiosk.random(10, 20)}
    kiosk.seed(42)
    local b = {kiosk.random(), kiosk.random(6), kiosk.random(10, 20)}
    assert(a[1] == b[1] and a[2] == b[2] and a[3] == b[3], "seed does not repeat")
    assert(a[1] >= 0 and a[1] < 1 and a[2] >= 1 and a[2] <= 6 and a[3] >= 10 and a[3] <= 20)
    error(string.format("time %.3f", kiosk.time()), 0)
  end
end
)");
    exhibit.update(59);
    CHECK_FALSE(exhibit.host->failed());
    exhibit.update(1);
    REQUIRE(exhibit.host->failed());
    CHECK(exhibit.host->error().message == "time 1.000");
}

TEST_CASE("kiosk.log records validated interactions, bounded in rate", "[exhibit]") {
    ScriptedExhibit exhibit(R"(
function exhibit.update()
  kiosk.log("gravity_changed", {planet = "moon", g = 1.62, first = true, length_m = 0.55})
  kiosk.log("tap")
  for i = 1, 100 do kiosk.log("flood", {i = i}) end
end
)");
    exhibit.update();
    std::vector<ExhibitInteraction> logged = exhibit.host->take_interactions();
    REQUIRE(logged.size() == 20); // the per-second bound
    CHECK(logged[0].name == "gravity_changed");
    CHECK(logged[0].fields_json.find("\"planet\":\"moon\"") != std::string::npos);
    CHECK(logged[0].fields_json.find("\"g\":1.62") != std::string::npos);
    CHECK(logged[0].fields_json.find("\"first\":true") != std::string::npos);
    CHECK(logged[0].fields_json.find("\"length_m\":0.55") != std::string::npos);
    CHECK(logged[0].fields_json.find("0.55000") == std::string::npos);
    CHECK(logged[1].name == "tap");
    CHECK(logged[1].fields_json == "{}");

    for (const char* bad :
         {"kiosk.log('Bad Name')", "kiosk.log('x', {nested = {}})", "kiosk.log('x', {[1] = 2})",
          "kiosk.log('x', {v = 0/0})", "kiosk.log('x', {v = string.rep('y', 2000)})"}) {
        INFO(bad);
        ScriptedExhibit misuse(std::string("function exhibit.update() ") + bad + " end");
        misuse.update();
        CHECK(misuse.host->failed());
        CHECK(misuse.host->error().message.find("kiosk.log") != std::string::npos);
    }
}

TEST_CASE("kiosk.home asks the runtime to leave", "[exhibit]") {
    ScriptedExhibit exhibit("function exhibit.touchreleased() kiosk.home() end");
    CHECK_FALSE(exhibit.host->home_requested());
    exhibit.host->touch(TouchPhase::Released, 0, 5, 5, 0, 0);
    CHECK(exhibit.host->home_requested());
}

TEST_CASE("drawing outside exhibit.draw is an error that says so", "[exhibit]") {
    ScriptedExhibit exhibit("function exhibit.update() kiosk.rect('fill', 0, 0, 10, 10) end");
    exhibit.update();
    REQUIRE(exhibit.host->failed());
    CHECK(exhibit.host->error().message.find("only be used inside exhibit.draw") !=
          std::string::npos);
}
