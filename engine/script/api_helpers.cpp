// The arithmetic helpers of the curator API, which draw nothing and work in
// any callback: kiosk.clamp, lerp, ease (the easing curves, after raylib's
// reasings / Robert Penner's equations), tween (a value moving between two
// numbers over a time), and the hit tests inrect, incircle, inpolygon (in the
// logical 1920x1080 coordinates touches arrive in).
#include "api_internal.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace kiosk {
namespace {

constexpr double kPi = 3.14159265358979323846;

double bounce_out(double t) {
    const double n = 7.5625, d = 2.75;
    const auto parabola = [n](double u, double top) { return n * u * u + top; };
    if (t < 1 / d) return parabola(t, 0);
    if (t < 2 / d) return parabola(t - 1.5 / d, 0.75);
    if (t < 2.5 / d) return parabola(t - 2.25 / d, 0.9375);
    return parabola(t - 2.625 / d, 0.984375);
}

double elastic_out(double t) {
    if (t <= 0 || t >= 1) return t;
    return std::pow(2, -10 * t) * std::sin((t * 10 - 0.75) * (2 * kPi / 3)) + 1;
}

// Each curve maps t in 0..1 to 0 at 0 and 1 at 1 (back and elastic overshoot between).
struct Easing {
    const char* name;
    double (*curve)(double t);
};

constexpr double kBack = 1.70158;

const Easing kEasings[] = {
    {"linear", [](double t) { return t; }},
    {"quad_in", [](double t) { return t * t; }},
    {"quad_out", [](double t) { return 1 - (1 - t) * (1 - t); }},
    {"quad_inout", [](double t) { return t < 0.5 ? 2 * t * t : 1 - 2 * (1 - t) * (1 - t); }},
    {"cubic_in", [](double t) { return t * t * t; }},
    {"cubic_out", [](double t) { return 1 - std::pow(1 - t, 3); }},
    {"cubic_inout",
     [](double t) { return t < 0.5 ? 4 * t * t * t : 1 - std::pow(2 - 2 * t, 3) / 2; }},
    {"sine_in", [](double t) { return 1 - std::cos(t * kPi / 2); }},
    {"sine_out", [](double t) { return std::sin(t * kPi / 2); }},
    {"sine_inout", [](double t) { return (1 - std::cos(t * kPi)) / 2; }},
    {"back_in", [](double t) { return t * t * ((kBack + 1) * t - kBack); }},
    {"back_out",
     [](double t) {
         const double u = t - 1;
         return 1 + u * u * ((kBack + 1) * u + kBack);
     }},
    {"back_inout",
     [](double t) {
         const double s = kBack * 1.525;
         return t < 0.5 ? (2 * t) * (2 * t) * ((s + 1) * 2 * t - s) / 2
                        : ((2 * t - 2) * (2 * t - 2) * ((s + 1) * (2 * t - 2) + s) + 2) / 2;
     }},
    {"elastic_in", [](double t) { return 1 - elastic_out(1 - t); }},
    {"elastic_out", elastic_out},
    {"bounce_in", [](double t) { return 1 - bounce_out(1 - t); }},
    {"bounce_out", bounce_out},
};

constexpr const char* kEasingNames =
    "linear, quad_in, quad_out, quad_inout, cubic_in, cubic_out, cubic_inout, sine_in, "
    "sine_out, sine_inout, back_in, back_out, back_inout, elastic_in, elastic_out, bounce_in, "
    "bounce_out";

// The easing named at `arg` ("linear" when absent).
const Easing& check_easing(lua_State* L, int arg) {
    if (lua_isnoneornil(L, arg)) return kEasings[0];
    const char* name = luaL_checkstring(L, arg);
    for (const Easing& easing : kEasings)
        if (std::strcmp(easing.name, name) == 0) return easing;
    luaL_error(L, "bad argument #%d (unknown easing \"%s\"; one of: %s)", arg, name, kEasingNames);
    return kEasings[0]; // not reached
}

// kiosk.clamp(x, lowest, highest)
int l_clamp(lua_State* L) {
    const double x = check_number(L, 1), lowest = check_number(L, 2), highest = check_number(L, 3);
    if (lowest > highest)
        return luaL_error(L, "kiosk.clamp: lowest (argument #2, %f) is above highest (#3, %f)",
                          lowest, highest);
    lua_pushnumber(L, std::clamp(x, lowest, highest));
    return 1;
}

// kiosk.lerp(a, b, t): a at t = 0, b at t = 1 (t is not clamped).
int l_lerp(lua_State* L) {
    const double a = check_number(L, 1), b = check_number(L, 2), t = check_number(L, 3);
    lua_pushnumber(L, a + (b - a) * t);
    return 1;
}

// kiosk.ease(name, t): the curve at t, t clamped to 0..1.
int l_ease(lua_State* L) {
    const Easing& easing = check_easing(L, 1);
    const double t = std::clamp(check_number(L, 2), 0.0, 1.0);
    lua_pushnumber(L, easing.curve(t));
    return 1;
}

// kiosk.tween(from, to, elapsed, duration [, easing]): from at elapsed <= 0, to
// at elapsed >= duration, the eased way between in between.
int l_tween(lua_State* L) {
    const double from = check_number(L, 1), to = check_number(L, 2), elapsed = check_number(L, 3);
    const double duration = check_in_range(L, 4, 0, 86400);
    const Easing& easing = check_easing(L, 5);
    const double t = duration > 0 ? std::clamp(elapsed / duration, 0.0, 1.0) : 1.0;
    const double eased = easing.curve(t);
    lua_pushnumber(L, t >= 1 ? to : from + (to - from) * eased);
    return 1;
}

// kiosk.inrect(px, py, x, y, w, h): edges included; a negative size counts
// from the other side, as kiosk.rect draws it.
int l_inrect(lua_State* L) {
    const float px = check_finite(L, 1), py = check_finite(L, 2), x = check_finite(L, 3),
                y = check_finite(L, 4), w = check_finite(L, 5), h = check_finite(L, 6);
    const float left = std::min(x, x + w), right = std::max(x, x + w);
    const float top = std::min(y, y + h), bottom = std::max(y, y + h);
    lua_pushboolean(L, px >= left && px <= right && py >= top && py <= bottom);
    return 1;
}

// kiosk.incircle(px, py, cx, cy, r): the edge included.
int l_incircle(lua_State* L) {
    const double px = check_finite(L, 1), py = check_finite(L, 2), cx = check_finite(L, 3),
                 cy = check_finite(L, 4), r = check_in_range(L, 5, 0, 100000);
    const double dx = px - cx, dy = py - cy;
    lua_pushboolean(L, dx * dx + dy * dy <= r * r);
    return 1;
}

// kiosk.inpolygon(px, py, points): even-odd rule, so concave and
// self-crossing outlines work as kiosk.polygon("line", points) shows them.
int l_inpolygon(lua_State* L) {
    const double px = check_finite(L, 1), py = check_finite(L, 2);
    const int count = check_points(L, 3, 3);
    const std::vector<float>& xy = api_of(L).points;
    bool inside = false;
    for (int i = 0, j = count - 1; i < count; j = i++) {
        const double xi = xy[2 * i], yi = xy[2 * i + 1], xj = xy[2 * j], yj = xy[2 * j + 1];
        if ((yi > py) != (yj > py) && px < (xj - xi) * (py - yi) / (yj - yi) + xi) inside = !inside;
    }
    lua_pushboolean(L, inside);
    return 1;
}

} // namespace

void add_helpers_api(lua_State* L) {
    const luaL_Reg functions[] = {
        {"clamp", l_clamp},         {"lerp", l_lerp},     {"ease", l_ease},
        {"tween", l_tween},         {"inrect", l_inrect}, {"incircle", l_incircle},
        {"inpolygon", l_inpolygon}, {nullptr, nullptr},
    };
    luaL_setfuncs(L, functions, 0);
}

} // namespace kiosk
