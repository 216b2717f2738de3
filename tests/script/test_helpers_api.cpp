// The arithmetic helpers of the curator API (api_helpers.cpp) on ExhibitHost
// alone: kiosk.clamp, lerp, ease, tween and the hit tests inrect, incircle,
// inpolygon give the right values outside exhibit.draw(), and refuse NaN,
// infinities and out-of-range arguments with a message naming the argument.
// (The drawing helpers are checked on screenshots in tests/app.)
#include "script_test_support.h"

#include <catch2/catch.hpp>

using namespace kiosk;
using kiosk::test::ScriptedExhibit;

namespace {

// Runs `checks` (Lua that calls check(condition, what)) as main.lua and
// returns the failures reported ("" when every check held).
std::string failures_of(const std::string& checks) {
    ScriptedExhibit exhibit(R"(
local failed = {}
local function check(ok, what) if not ok then failed[#failed + 1] = what end end
local function near(a, b) return math.abs(a - b) < 1e-9 end
)" + checks + R"(
if #failed > 0 then error("FAILED: " .. table.concat(failed, "; "), 0) end
)");
    return exhibit.host->failed() ? exhibit.host->error().message : "";
}

} // namespace

TEST_CASE("kiosk.clamp and kiosk.lerp", "[exhibit][helpers]") {
    CHECK(failures_of(R"lua(
check(kiosk.clamp(5, 0, 1) == 1, "clamp above")
check(kiosk.clamp(-1, 0, 1) == 0, "clamp below")
check(kiosk.clamp(0.25, 0, 1) == 0.25, "clamp inside")
check(kiosk.clamp(1e300, 0, 1e200) == 1e200, "clamp of large numbers")
check(kiosk.lerp(10, 20, 0.25) == 12.5, "lerp a quarter")
check(kiosk.lerp(0, 10, 2) == 20, "lerp beyond 1 is not clamped")
check(kiosk.lerp(5, 5, 0.7) == 5, "lerp of equal ends")
)lua") == "");
}

TEST_CASE("kiosk.ease: every curve runs from 0 to 1, with the known shapes between",
          "[exhibit][helpers]") {
    CHECK(failures_of(R"lua(
local names = {"linear", "quad_in", "quad_out", "quad_inout", "cubic_in", "cubic_out",
  "cubic_inout", "sine_in", "sine_out", "sine_inout", "back_in", "back_out", "back_inout",
  "elastic_in", "elastic_out", "bounce_in", "bounce_out"}
for _, name in ipairs(names) do
  check(near(kiosk.ease(name, 0), 0), name .. " at 0")
  check(near(kiosk.ease(name, 1), 1), name .. " at 1")
  check(near(kiosk.ease(name, -3), 0), name .. " below 0 is clamped")
  check(near(kiosk.ease(name, 7), 1), name .. " above 1 is clamped")
end
check(near(kiosk.ease("linear", 0.3), 0.3), "linear")
check(near(kiosk.ease("quad_in", 0.5), 0.25), "quad_in")
check(near(kiosk.ease("quad_out", 0.5), 0.75), "quad_out")
check(near(kiosk.ease("quad_inout", 0.25), 0.125), "quad_inout")
check(near(kiosk.ease("cubic_in", 0.5), 0.125), "cubic_in")
check(near(kiosk.ease("cubic_out", 0.5), 0.875), "cubic_out")
check(near(kiosk.ease("cubic_inout", 0.25), 0.0625), "cubic_inout")
check(near(kiosk.ease("sine_inout", 0.5), 0.5), "sine_inout")
check(near(kiosk.ease("sine_out", 1/3), 0.5), "sine_out")
check(kiosk.ease("back_in", 0.3) < 0, "back_in pulls back first")
check(kiosk.ease("back_out", 0.8) > 1, "back_out overshoots")
check(near(kiosk.ease("bounce_out", 0.5), 0.765625), "bounce_out")
check(kiosk.ease("elastic_out", 0.2) > 1, "elastic_out overshoots")
check(near(kiosk.ease("bounce_in", 0.5), 1 - kiosk.ease("bounce_out", 0.5)), "bounce_in mirrors")
)lua") == "");
}

TEST_CASE("kiosk.tween: from, to and the eased way between", "[exhibit][helpers]") {
    CHECK(failures_of(R"lua(
check(kiosk.tween(0, 100, 0, 2) == 0, "at the start")
check(kiosk.tween(0, 100, -1, 2) == 0, "before the start")
check(kiosk.tween(0, 100, 1, 2) == 50, "halfway, linear by default")
check(kiosk.tween(0, 100, 1, 2, "quad_in") == 25, "halfway, quad_in")
check(kiosk.tween(100, 0, 1, 2, "quad_in") == 75, "downwards")
check(kiosk.tween(0, 100, 2, 2, "back_out") == 100, "exactly to at the end")
check(kiosk.tween(0, 100, 50, 2, "elastic_out") == 100, "stays at to")
check(kiosk.tween(3, 7, 0, 0) == 7, "no duration: at once")
)lua") == "");
}

TEST_CASE("hit tests: point in rectangle, circle and polygon", "[exhibit][helpers]") {
    CHECK(failures_of(R"lua(
check(kiosk.inrect(5, 5, 0, 0, 10, 10), "inside the rectangle")
check(kiosk.inrect(10, 10, 0, 0, 10, 10), "on its corner")
check(not kiosk.inrect(10.5, 5, 0, 0, 10, 10), "right of it")
check(not kiosk.inrect(5, -0.5, 0, 0, 10, 10), "above it")
check(kiosk.inrect(-5, 5, 0, 0, -10, 10), "a negative width counts leftwards, as kiosk.rect")
check(kiosk.incircle(3, 4, 0, 0, 5), "on the circle")
check(not kiosk.incircle(3.1, 4, 0, 0, 5), "just outside it")
check(kiosk.incircle(960, 540, 960, 540, 0), "the centre of a zero circle")
local l_shape = {0, 0, 100, 0, 100, 40, 40, 40, 40, 100, 0, 100}
check(kiosk.inpolygon(20, 80, l_shape), "in the L's foot")
check(kiosk.inpolygon(80, 20, l_shape), "in the L's arm")
check(not kiosk.inpolygon(80, 80, l_shape), "in the L's notch")
check(not kiosk.inpolygon(-1, 50, l_shape), "left of the L")
check(kiosk.inpolygon(50, 30, {0, 0, 100, 0, 50, 100}), "in a triangle")
check(not kiosk.inpolygon(90, 90, {0, 0, 100, 0, 50, 100}), "beside a triangle")
)lua") == "");
}

TEST_CASE("the helpers refuse NaN, infinities and bad ranges, naming the argument",
          "[exhibit][helpers][sandbox]") {
    CHECK(failures_of(R"lua(
local square = {0, 0, 10, 0, 10, 10, 0, 10}
local calls = {
  {"clamp", {1, 0, 2}}, {"lerp", {0, 1, 0.5}}, {"ease", {"linear", 0.5}},
  {"tween", {0, 1, 0.5, 1, "linear"}}, {"inrect", {1, 1, 0, 0, 10, 10}},
  {"incircle", {1, 1, 0, 0, 5}}, {"inpolygon", {1, 1, square}},
}
for _, call in ipairs(calls) do
  local name, args = call[1], call[2]
  check(pcall(kiosk[name], table.unpack(args)), name .. " with good arguments")
  for i = 1, #args do
    if type(args[i]) == "number" then
      for _, value in ipairs({0/0, math.huge, -math.huge}) do
        local copy = {table.unpack(args)}
        copy[i] = value
        local ok, message = pcall(kiosk[name], table.unpack(copy))
        check(not ok and message:find("#" .. i, 1, true),
              name .. " arg " .. i .. " = " .. tostring(value) .. ": " .. tostring(message))
      end
    end
  end
end
local function refused(pattern, f, ...)
  local ok, message = pcall(f, ...)
  check(not ok and message:find(pattern, 1, true), pattern .. ": " .. tostring(message))
end
refused("(number is NaN)", kiosk.lerp, 0, 0/0, 1)
refused("lowest (argument #2", kiosk.clamp, 1, 2, 0)
refused('unknown easing "wobble"; one of: linear, quad_in', kiosk.ease, "wobble", 0.5)
refused('#5 (unknown easing "quad"', kiosk.tween, 0, 1, 0.5, 1, "quad")
refused("#4 (-1.0 is out of range 0.0..86400.0)", kiosk.tween, 0, 1, 0.5, -1)
refused("#5 (-1.0 is out of range 0.0..100000.0)", kiosk.incircle, 0, 0, 0, 0, -1)
refused("#1 (1e+300 is out of range", kiosk.inrect, 1e300, 0, 0, 0, 1, 1)
refused("#3 (item 2 must be a finite number", kiosk.inpolygon, 0, 0, {0, 0/0, 1, 1, 2, 0})
refused("#3 (needs 3 to 4096 points, got 2)", kiosk.inpolygon, 0, 0, {0, 0, 1, 1})
refused("(needs an even count of numbers", kiosk.inpolygon, 0, 0, {0, 0, 1, 1, 2})
refused("number expected, got table", kiosk.clamp, {}, 0, 2)
refused("kiosk.arc can only be used inside exhibit.draw()", kiosk.arc, "fill", 0, 0, 1, 0, 1)
refused("kiosk.dashline can only be used inside exhibit.draw()", kiosk.dashline, 0, 0, 1, 1, 1)
refused("kiosk.clip can only be used inside exhibit.draw()", kiosk.clip, 0, 0, 1, 1)
refused("kiosk.unclip can only be used inside exhibit.draw()", kiosk.unclip)
)lua") == "");
}
