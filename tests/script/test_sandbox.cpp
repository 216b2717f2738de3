// The sandbox attack suite: each case must end with the exhibit stopped or
// erroring cleanly (an ExhibitError of the expected kind, never a crash or a
// hang), while a second exhibit, alive the whole time, keeps working.
#include "core/utf8_text.h"
#include "script_test_support.h"

#include <catch2/catch.hpp>

using namespace kiosk;
using kiosk::test::ScriptedExhibit;

namespace {

const char* const kHealthy = R"(
local frames = 0
function exhibit.update(dt)
  frames = frames + 1
  assert(("abc"):upper() == "ABC", "string methods broken")
  assert(string.rep("x", 3) == "xxx", "string.rep broken")
  assert(math.floor(2.5) == 2 and table.concat({1, 2}, ",") == "1,2", "libraries broken")
  assert(getmetatable("") == false, "string metatable exposed")
end
)";

void expect_healthy(ScriptedExhibit& other) {
    other.update(3);
    INFO(other.host->error().message);
    REQUIRE_FALSE(other.host->failed());
}

// Runs `update_body` as exhibit.update and expects a failure of `kind`.
ExhibitError attack_in_update(const std::string& update_body, ExhibitErrorKind kind,
                              SandboxLimits limits = kiosk::test::small_limits()) {
    ScriptedExhibit other(kHealthy);
    ScriptedExhibit attacker("function exhibit.update(dt)\n" + update_body + "\nend\n", limits);
    REQUIRE_FALSE(attacker.host->failed());
    attacker.update(3);
    INFO(attacker.host->error().message);
    REQUIRE(attacker.host->failed());
    CHECK(attacker.host->error().kind == kind);
    CHECK(attacker.host->error().message.find("ESCAPED") == std::string::npos);
    attacker.host->update(1.0 / 60); // a failed exhibit is inert, not a crash
    expect_healthy(other);
    return attacker.host->error();
}

} // namespace

TEST_CASE("an endless loop is stopped by the time budget", "[sandbox]") {
    ExhibitError error = attack_in_update("while true do end", ExhibitErrorKind::TimeBudget);
    CHECK(error.callback == "exhibit.update");
    CHECK(error.file == "main.lua");
    CHECK(error.line == 2);
}

TEST_CASE("pcall cannot swallow the stop", "[sandbox]") {
    attack_in_update("while true do pcall(function() while true do end end) end",
                     ExhibitErrorKind::TimeBudget);
    attack_in_update("for i = 1, 1e12 do xpcall(function() while true do end end, "
                     "function(m) return m end) end",
                     ExhibitErrorKind::TimeBudget);
    attack_in_update("while true do local ok = pcall(error, 'x') end",
                     ExhibitErrorKind::TimeBudget);
}

TEST_CASE("a catastrophic pattern inside C is cut off", "[sandbox]") {
    ExhibitError error = attack_in_update(R"(string.find(("a"):rep(1e5), ".-.-.-.-b$"))",
                                          ExhibitErrorKind::TimeBudget);
    CHECK(error.message.find("time budget") != std::string::npos);
}

TEST_CASE("memory bombs hit the memory cap", "[sandbox]") {
    // A small cap and a long budget, so the cap is what stops them (at 64 MiB,
    // filling the memory takes longer than the 50 ms budget: time stops them first).
    SandboxLimits tight;
    tight.memory_bytes = size_t(4) << 20;
    tight.time_budget_s = 3; // generous: slow sanitizer builds on a busy machine
    attack_in_update(R"(local s = string.rep("x", 1e9))", ExhibitErrorKind::Memory, tight);
    attack_in_update(R"(local x = "x" while true do x = x .. x end)", ExhibitErrorKind::Memory,
                     tight);
    attack_in_update(R"(local t = {} for i = 1, 1e9 do t[i] = {i} end)", ExhibitErrorKind::Memory,
                     tight);
    attack_in_update(R"(local t = {} for i = 1, 1e9 do t[i] = ("x"):rep(100) .. i end)",
                     ExhibitErrorKind::Memory, tight);
    // Catching the memory error does not keep the exhibit alive either.
    attack_in_update(R"(local ok = pcall(string.rep, "x", 1e9) while true do end)",
                     ExhibitErrorKind::Memory, tight);
    attack_in_update(R"(local ok = pcall(function() local x = "x" while true do x = x .. x end end)
                        while true do end)",
                     ExhibitErrorKind::Memory, tight);
}

TEST_CASE("bytecode cannot be loaded", "[sandbox]") {
    ExhibitError dump = attack_in_update(
        "local f = function() return 1 end\nlocal code = string.dump(f)\nerror('ESCAPED')",
        ExhibitErrorKind::Runtime);
    CHECK(dump.message.find("dump") != std::string::npos);
    ExhibitError binary = attack_in_update(R"(assert(load("\27Lua\84\0\25\147\13\10\26\10")))",
                                           ExhibitErrorKind::Runtime);
    CHECK(binary.message.find("binary chunk") != std::string::npos);
    ExhibitError forced =
        attack_in_update(R"(assert(load("\27Lua", "x", "b")))", ExhibitErrorKind::Runtime);
    CHECK(forced.message.find("only text chunks") != std::string::npos);
}

TEST_CASE("no way out of the exhibit's own environment", "[sandbox]") {
    attack_in_update(
        "local io_ = load('return io')()\nif io_ then error('ESCAPED') end\nio_.open('x')",
        ExhibitErrorKind::Runtime);
    for (const char* name : {"io", "os", "package", "require", "dofile", "loadfile", "debug"}) {
        INFO(name);
        attack_in_update(std::string("if ") + name + " ~= nil then error('ESCAPED') end\n" + name +
                             "()",
                         ExhibitErrorKind::Runtime);
    }
    ExhibitError hook = attack_in_update("debug.sethook()", ExhibitErrorKind::Runtime);
    CHECK(hook.message.find("debug") != std::string::npos);
    attack_in_update("collectgarbage('stop')", ExhibitErrorKind::Runtime);
    attack_in_update("if collectgarbage('count') <= 0 then error('count broken') end\n"
                     "collectgarbage('collect')",
                     ExhibitErrorKind::Runtime);
}

TEST_CASE("library tables and the string metatable are read-only", "[sandbox]") {
    attack_in_update("getmetatable('').__index = {upper = function() return 'ESCAPED' end}",
                     ExhibitErrorKind::Runtime);
    ExhibitError write = attack_in_update("string.upper = nil", ExhibitErrorKind::Runtime);
    CHECK(write.message.find("read-only") != std::string::npos);
    attack_in_update("rawset(string, 'upper', print)", ExhibitErrorKind::Runtime);
    attack_in_update("setmetatable(math, {})", ExhibitErrorKind::Runtime);
    attack_in_update("kiosk.home = nil", ExhibitErrorKind::Runtime);
    attack_in_update("table.insert = function() end", ExhibitErrorKind::Runtime);
}

TEST_CASE("coroutines inherit the budget", "[sandbox]") {
    attack_in_update("local co = coroutine.wrap(function() while true do end end)\nco()",
                     ExhibitErrorKind::TimeBudget);
    attack_in_update("local co = coroutine.create(function() while true do end end)\n"
                     "while true do coroutine.resume(co) end",
                     ExhibitErrorKind::TimeBudget);
    attack_in_update(
        "local co = coroutine.create(function() while true do coroutine.yield() end end)\n"
        "while true do coroutine.resume(co) end",
        ExhibitErrorKind::TimeBudget);
    attack_in_update("local inner = coroutine.wrap(function() while true do pcall(function() "
                     "while true do end end) end end)\n"
                     "local outer = coroutine.wrap(function() inner() end)\nouter()",
                     ExhibitErrorKind::TimeBudget);
}

TEST_CASE("a looping __gc finalizer is stopped", "[sandbox]") {
    // During a collection Lua runs finalizers with hooks off: only the watchdog's jump helps.
    attack_in_update("setmetatable({}, {__gc = function() while true do end end})\n"
                     "for i = 1, 1e9 do local t = {i} end",
                     ExhibitErrorKind::TimeBudget);
}

TEST_CASE("a looping __gc finalizer cannot hang closing the exhibit", "[sandbox]") {
    ScriptedExhibit other(kHealthy);
    {
        ScriptedExhibit attacker(
            "keep = setmetatable({}, {__gc = function() while true do end end})\n");
        attacker.update(2);
        REQUIRE_FALSE(attacker.host->failed());
        attacker.host->leave();
    } // destroying the host closes the state, which runs the finalizer
    expect_healthy(other);
}

TEST_CASE("unbounded recursion is an error, not a crash", "[sandbox]") {
    SandboxLimits roomy;
    roomy.time_budget_s = 2; // at the default 64 MiB, the call frames fill the cap first
    attack_in_update("local function f() return 1 + f() end\nf()", ExhibitErrorKind::Memory, roomy);
    SandboxLimits huge;
    huge.memory_bytes = size_t(512) << 20;
    huge.time_budget_s = 5; // with room to spare, Lua's own stack limit ends it
    ExhibitError overflow = attack_in_update("local function f() return 1 + f() end\nf()",
                                             ExhibitErrorKind::Runtime, huge);
    CHECK(overflow.message.find("stack overflow") != std::string::npos);
    attack_in_update("local function f() return pcall(f) end\nf()\nerror('still running')",
                     ExhibitErrorKind::Runtime);
    attack_in_update("local t = setmetatable({}, {__index = function(t, k) return t[k] end})\n"
                     "local x = t.x",
                     ExhibitErrorKind::Runtime);
}

TEST_CASE("error messages are valid UTF-8 even when the script's strings are not", "[sandbox]") {
    ExhibitError error =
        attack_in_update("error('bad \\xff\\xfe bytes \\xe4\\xb8')", ExhibitErrorKind::Runtime);
    CHECK(make_valid_utf8(error.message) == error.message);
    CHECK(error.message.find("\xEF\xBF\xBD") != std::string::npos);
    CHECK(make_valid_utf8(error.traceback) == error.traceback);
    ExhibitError object = attack_in_update("error(setmetatable({}, {__tostring = function() "
                                           "return '\\xc3\\x28' end}))",
                                           ExhibitErrorKind::Runtime);
    CHECK(make_valid_utf8(object.message) == object.message);
}

TEST_CASE("the budget covers each callback, not the exhibit's lifetime", "[sandbox]") {
    // Many callbacks that each use a little time add up to far more than one budget.
    ScriptedExhibit busy(R"(
function exhibit.update(dt)
  local x = 0
  for i = 1, 20000 do x = x + math.sin(i) end
end
)");
    busy.update(120);
    INFO(busy.host->error().message);
    CHECK_FALSE(busy.host->failed());
}

TEST_CASE("the memory an exhibit holds is counted against its cap", "[sandbox]") {
    SandboxLimits roomy = kiosk::test::small_limits();
    roomy.time_budget_s = 2;
    ScriptedExhibit exhibit("big = {}\nfor i = 1, 100000 do big[i] = {i} end\n", roomy);
    REQUIRE_FALSE(exhibit.host->failed());
    CHECK(exhibit.host->memory_used() > size_t(1) << 20);
    CHECK(exhibit.host->memory_used() < kiosk::test::small_limits().memory_bytes);
}
