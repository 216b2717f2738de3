// The boundary between host code and exhibit values (issue 14): a generated
// family of cases, one for each place where the kiosk's C++ touches a value the
// exhibit shaped, crossed with each way a metamethod can misbehave. Every case
// must end with the exhibit stopped or erroring cleanly (never an abort, never a
// hang), an error that names the metamethod where the kiosk set it off, the
// failed exhibit inert, and a second exhibit then working normally. Also: the
// panic handler, the last line of defence when a Lua error escapes anyway.
#include "misbehaving_metamethods.h"
#include "script_test_support.h"

#include "script/sandbox.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace kiosk;
using namespace kiosk::test;

namespace {

const char* const kHealthy = R"(
local frames = 0
function exhibit.update(dt)
  frames = frames + 1
  assert(("abc"):upper() == "ABC" and math.floor(2.5) == 2, "libraries broken")
end
)";

} // namespace

TEST_CASE("every place the host touches an exhibit value survives every misbehaving metamethod",
          "[sandbox][boundary]") {
    int cases = 0, failed_cleanly = 0;
    for (const Place& place : kPlaces)
        for (const Behaviour& behaviour : kBehaviours) {
            if (place.trigger == Trigger::Draw) continue; // no Ui here: app_tests runs these
            const std::string main_lua = with_behaviour(place.main_lua, behaviour.body);
            INFO(place.name << " / the metamethod " << behaviour.name << "\n" << main_lua);
            ++cases;
            {
                ScriptedExhibit exhibit(main_lua);
                ExhibitHost& host = *exhibit.host;
                switch (place.trigger) {
                case Trigger::Start:
                    break;          // start() ran main.lua and exhibit.load
                case Trigger::Draw: // skipped above
                case Trigger::Update:
                    exhibit.update(3);
                    break;
                case Trigger::Leave:
                    exhibit.update(1);
                    host.leave();
                    break;
                }
                INFO("error: " << host.error().message);
                if (!place.may_survive) REQUIRE(host.failed());
                if (host.failed()) {
                    ++failed_cleanly;
                    const ExhibitError& error = host.error();
                    CHECK(error.kind != ExhibitErrorKind::Shutdown);
                    CHECK_FALSE(error.message.empty());
                    CHECK(error.message.find("error in error handling") == std::string::npos);
                    if (const std::string names = expected_naming(place, behaviour); !names.empty())
                        CHECK_THAT(error.message, Catch::Contains(names));
                    host.update(1.0 / 60); // a failed exhibit is inert
                    host.touch(TouchPhase::Pressed, 1, 10, 10, 0, 0);
                    CHECK(host.failed());
                }
            } // closing the state runs what finalizers are left
            ScriptedExhibit next(kHealthy);
            next.update(3);
            INFO("the next exhibit: " << next.host->error().message);
            REQUIRE_FALSE(next.host->failed());
        }
    CHECK(cases > 100);
    CHECK(failed_cleanly > cases / 2); // most cases end in an error, not silently
}

TEST_CASE("the error names the metamethod and what the kiosk was looking up", "[sandbox]") {
    SECTION("a looping exhibit.__index, as reported") {
        ScriptedExhibit exhibit(
            "exhibit = setmetatable({}, {__index = function() while true do end end})\n");
        REQUIRE(exhibit.host->failed());
        const ExhibitError& error = exhibit.host->error();
        CHECK(error.kind == ExhibitErrorKind::TimeBudget);
        CHECK(error.callback == "exhibit.load");
        CHECK_THAT(error.message, Catch::StartsWith("main.lua:1: exhibit.__index looped while the "
                                                    "kiosk looked up exhibit.load"));
        CHECK(error.file == "main.lua");
        CHECK(error.line == 1);
    }
    SECTION("an exhibit.__index that raises, as reported") {
        ScriptedExhibit exhibit("exhibit = setmetatable({}, {__index = function() error('x') "
                                "end})\n");
        REQUIRE(exhibit.host->failed());
        const ExhibitError& error = exhibit.host->error();
        CHECK(error.kind == ExhibitErrorKind::Runtime);
        CHECK(error.message ==
              "main.lua:1: exhibit.__index raised an error while the kiosk looked up "
              "exhibit.load: x");
    }
    SECTION("the global table's __index") {
        ScriptedExhibit exhibit("setmetatable(_G, {__index = function() error('y') end})\n"
                                "exhibit = nil\n");
        REQUIRE(exhibit.host->failed());
        CHECK(exhibit.host->error().message ==
              "main.lua:1: _G.__index raised an error while the kiosk looked up _G.exhibit: y");
    }
    SECTION("an __index that returns something that is not a function") {
        ScriptedExhibit exhibit("exhibit = setmetatable({}, {__index = function() return 42 "
                                "end})\n");
        REQUIRE(exhibit.host->failed());
        CHECK(exhibit.host->error().message ==
              "main.lua: exhibit.load must be a function (it is a number, returned by "
              "exhibit.__index)");
    }
    SECTION("an option table read by kiosk.t") {
        ScriptedExhibit exhibit("function exhibit.update()\n"
                                "  kiosk.t(setmetatable({}, {__index = function() error('z') "
                                "end}))\nend\n");
        exhibit.update();
        REQUIRE(exhibit.host->failed());
        CHECK_THAT(exhibit.host->error().message,
                   Catch::Contains("text.__index raised an error while the kiosk looked up "
                                   "text.zh for kiosk.t: z"));
        CHECK(exhibit.host->error().callback == "exhibit.update");
    }
    SECTION("an error object whose __tostring loops") {
        ScriptedExhibit exhibit("function exhibit.update()\n"
                                "  error(setmetatable({}, {__tostring = function() while true do "
                                "end end}))\nend\n");
        exhibit.update();
        REQUIRE(exhibit.host->failed());
        CHECK(exhibit.host->error().kind == ExhibitErrorKind::TimeBudget);
        CHECK_THAT(exhibit.host->error().message,
                   Catch::Contains("error object is a table value whose __tostring failed"));
    }
    SECTION("a class-like exhibit works: callbacks found through __index run") {
        ScriptedExhibit exhibit(R"(
local Base = {}
function Base.update(dt) Base.ticks = (Base.ticks or 0) + 1 end
function Base.leave() if Base.ticks ~= 3 then error("ticks: " .. tostring(Base.ticks)) end end
exhibit = setmetatable({}, {__index = Base})
)");
        exhibit.update(3);
        exhibit.host->leave();
        INFO(exhibit.host->error().message);
        CHECK_FALSE(exhibit.host->failed());
    }
}

namespace {

void raise_outside_protection(lua_State* L, void*) {
    lua_pushliteral(L, "raised where no pcall catches it");
    lua_error(L);
}

void allocate_outside_protection(lua_State* L, void*) {
    lua_newuserdatauv(L, size_t(2) << 20, 0); // past the 1 MiB cap, with no pcall to catch it
}

void push_and_pop(lua_State* L, void* context) {
    lua_pushinteger(L, 42);
    *static_cast<lua_Integer*>(context) = lua_tointeger(L, -1);
    lua_pop(L, 1);
}

} // namespace

TEST_CASE("the panic handler abandons the state instead of aborting the process", "[sandbox]") {
    SandboxLimits limits = kiosk::test::small_limits();
    limits.memory_bytes = size_t(1) << 20;
    for (auto step : {raise_outside_protection, allocate_outside_protection}) {
        Sandbox sandbox(limits, 1, nullptr);
        REQUIRE(sandbox.state());
        lua_Integer value = 0;
        CHECK(sandbox.run_raw(push_and_pop, &value) == LUA_OK);
        CHECK(value == 42);
        // Without the handler, Lua calls abort() here and the test process dies.
        CHECK(sandbox.run_raw(step, nullptr) == kSandboxPanicked);
        CHECK(sandbox.abandoned());
        CHECK(sandbox.state() == nullptr);
        CHECK(sandbox.memory_used() == 0); // freed block by block
        CHECK(sandbox.run_raw(push_and_pop, &value) == kSandboxAbandoned);
    }
    ScriptedExhibit next(kHealthy);
    next.update(3);
    CHECK_FALSE(next.host->failed());
}
