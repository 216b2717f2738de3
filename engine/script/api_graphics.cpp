// The graphics part of the curator API: kiosk.clear, color, linewidth, rect,
// circle, ellipse, arc, line, dashline, polyline, polygon, text, measure, image,
// imagesize, push, pop, translate, rotate, scale, clip, unclip. Also the shared
// argument checks.
//
// Index of this file:
// [SECTION] Argument checks shared by the bindings
// [SECTION] Shapes: clear, color, linewidth, rect, circle, ellipse, arc, lines, polygons
// [SECTION] Text and pictures: text, measure, image, imagesize
// [SECTION] Transform and clip: push, pop, translate, rotate, scale, clip, unclip
// [SECTION] Asset names and the table of functions
#include "api_internal.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace kiosk {
namespace {

constexpr size_t kMaxTextBytes = 16384;

//-----------------------------------------------------------------------------
// [SECTION] Argument checks shared by the bindings
//-----------------------------------------------------------------------------

bool parse_hex_color(const char* text, size_t length, ImU32& color) {
    if ((length != 7 && length != 9) || text[0] != '#') return false;
    unsigned value[4] = {0, 0, 0, 255};
    for (size_t i = 0; i + 1 < length; i += 2) {
        unsigned byte = 0;
        for (size_t j = 1 + i; j < 3 + i; ++j) {
            char c = text[j];
            int digit = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                               : -1;
            if (digit < 0) return false;
            byte = byte * 16 + unsigned(digit);
        }
        value[i / 2] = byte;
    }
    color = IM_COL32(value[0], value[1], value[2], value[3]);
    return true;
}

bool check_mode(lua_State* L, int arg) {
    const char* mode = luaL_checkstring(L, arg);
    if (std::strcmp(mode, "fill") == 0) return true;
    if (std::strcmp(mode, "line") == 0) return false;
    return luaL_argerror(L, arg, "expected \"fill\" or \"line\"");
}

Align check_align(lua_State* L, int table, const char* function) {
    read_field(L, table, "align", HostStep{"opts", "align", function});
    const char* align = lua_tostring(L, -1);
    Align result = Align::Left;
    if (!lua_isnil(L, -1)) {
        if (align && std::strcmp(align, "center") == 0)
            result = Align::Center;
        else if (align && std::strcmp(align, "right") == 0)
            result = Align::Right;
        else if (!align || std::strcmp(align, "left") != 0)
            return Align(luaL_error(L, "%s: opts.align must be \"left\", \"center\" or \"right\"",
                                    function));
    }
    lua_pop(L, 1);
    return result;
}

// Reads the optional colour field `key` of the table at `table`: "#RRGGBB",
// "#RRGGBBAA" or {r, g, b [, a]}; `fallback` when absent.
ImU32 opt_color_field(lua_State* L, int table, const char* key, ImU32 fallback,
                      const char* function) {
    read_field(L, table, key, HostStep{"opts", key, function});
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return fallback;
    }
    if (lua_type(L, -1) == LUA_TSTRING) {
        size_t length = 0;
        const char* text = lua_tolstring(L, -1, &length);
        ImU32 color = 0;
        if (!parse_hex_color(text, length, color))
            return ImU32(
                luaL_error(L, "%s: opts.%s must be \"#RRGGBB\", \"#RRGGBBAA\" or {r, g, b, a}",
                           function, key));
        lua_pop(L, 1);
        return color;
    }
    if (!lua_istable(L, -1))
        return ImU32(luaL_error(L, "%s: opts.%s must be \"#RRGGBB\", \"#RRGGBBAA\" or {r, g, b, a}",
                                function, key));
    const int color_table = lua_gettop(L);
    for (int i = 1; i <= 4; ++i) {
        lua_rawgeti(L, color_table, i);
        if (i == 4 && lua_isnil(L, -1)) { // alpha is optional
            lua_pop(L, 1);
            lua_pushnumber(L, 1);
        }
        const double channel = lua_tonumber(L, -1);
        if (!lua_isnumber(L, -1) || !std::isfinite(channel) || std::fabs(channel) > 1e6)
            return ImU32(luaL_error(L, "%s: opts.%s[%d] must be a finite number (0 to 1)", function,
                                    key, i));
    }
    lua_remove(L, color_table);
    ImU32 color = check_color(L, lua_gettop(L) - 3);
    lua_pop(L, 4);
    return color;
}

struct TextOptions {
    float size;
    Align align;
    float width;
    ImU32 background;
    float padding;
};

TextOptions check_text_options(lua_State* L, int arg, const char* function) {
    TextOptions options{36, Align::Left, 0, 0, 0};
    if (lua_isnoneornil(L, arg)) return options;
    luaL_checktype(L, arg, LUA_TTABLE);
    options.size = opt_field(L, arg, "size", 36, 8, 300, function);
    options.align = check_align(L, arg, function);
    options.width = opt_field(L, arg, "width", 0, 0, 100000, function);
    options.background = opt_color_field(L, arg, "background", 0, function);
    options.padding = opt_field(L, arg, "padding", options.size / 4, 0, 200, function);
    return options;
}

std::string_view check_text(lua_State* L, int arg) {
    size_t length = 0;
    const char* text = luaL_checklstring(L, arg, &length);
    if (length > kMaxTextBytes) luaL_argerror(L, arg, "text longer than 16384 bytes");
    return std::string_view(text, length);
}

//-----------------------------------------------------------------------------
// [SECTION] Shapes: clear, color, linewidth, rect, circle, ellipse, arc, lines, polygons
//-----------------------------------------------------------------------------

int l_clear(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.clear");
    ImU32 color = check_color(L, 1);
    Sandbox::HostScope scope(*api_of(L).sandbox);
    canvas.clear(color);
    return 0;
}

int l_color(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.color");
    canvas.set_color(check_color(L, 1));
    return 0;
}

int l_linewidth(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.linewidth");
    canvas.set_line_width(check_in_range(L, 1, 0.5f, 200));
    return 0;
}

int l_rect(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.rect");
    bool fill = check_mode(L, 1);
    float x = check_finite(L, 2), y = check_finite(L, 3), w = check_finite(L, 4),
          h = check_finite(L, 5);
    float radius = lua_isnoneornil(L, 6) ? 0 : check_in_range(L, 6, 0, 100000);
    Sandbox::HostScope scope(*api_of(L).sandbox);
    canvas.rect(fill, x, y, w, h, radius);
    return 0;
}

int l_circle(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.circle");
    bool fill = check_mode(L, 1);
    float x = check_finite(L, 2), y = check_finite(L, 3), r = check_in_range(L, 4, 0, 100000);
    Sandbox::HostScope scope(*api_of(L).sandbox);
    canvas.ellipse(fill, x, y, r, r);
    return 0;
}

int l_ellipse(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.ellipse");
    bool fill = check_mode(L, 1);
    float x = check_finite(L, 2), y = check_finite(L, 3);
    float rx = check_in_range(L, 4, 0, 100000), ry = check_in_range(L, 5, 0, 100000);
    Sandbox::HostScope scope(*api_of(L).sandbox);
    canvas.ellipse(fill, x, y, rx, ry);
    return 0;
}

int l_arc(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.arc");
    bool fill = check_mode(L, 1);
    float x = check_finite(L, 2), y = check_finite(L, 3), r = check_in_range(L, 4, 0, 100000);
    float from = check_finite(L, 5), to = check_finite(L, 6);
    Sandbox::HostScope scope(*api_of(L).sandbox);
    canvas.arc(fill, x, y, r, from, to);
    return 0;
}

int l_dashline(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.dashline");
    float x1 = check_finite(L, 1), y1 = check_finite(L, 2), x2 = check_finite(L, 3),
          y2 = check_finite(L, 4);
    float dash = check_in_range(L, 5, 1, 100000);
    float gap = lua_isnoneornil(L, 6) ? dash : check_in_range(L, 6, 0, 100000);
    const double length = std::hypot(double(x2) - x1, double(y2) - y1);
    const double dashes = std::ceil(length / (double(dash) + gap));
    if (dashes > kMaxDashes)
        return luaL_error(L,
                          "kiosk.dashline: %d dashes, at most %d: make the dash (argument #5) or "
                          "the gap (argument #6) longer",
                          int(dashes), kMaxDashes);
    Sandbox::HostScope scope(*api_of(L).sandbox);
    canvas.dashed_line(x1, y1, x2, y2, dash, gap, int(dashes));
    return 0;
}

int l_line(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.line");
    float x1 = check_finite(L, 1), y1 = check_finite(L, 2), x2 = check_finite(L, 3),
          y2 = check_finite(L, 4);
    Sandbox::HostScope scope(*api_of(L).sandbox);
    canvas.line(x1, y1, x2, y2);
    return 0;
}

int l_polyline(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.polyline");
    int count = check_points(L, 1, 2);
    ExhibitApi& api = api_of(L);
    Sandbox::HostScope scope(*api.sandbox);
    canvas.polyline(api.points.data(), count);
    return 0;
}

int l_polygon(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.polygon");
    bool fill = check_mode(L, 1);
    int count = check_points(L, 2, 3);
    ExhibitApi& api = api_of(L);
    Sandbox::HostScope scope(*api.sandbox);
    canvas.polygon(fill, api.points.data(), count);
    return 0;
}

//-----------------------------------------------------------------------------
// [SECTION] Text and pictures: text, measure, image, imagesize
//-----------------------------------------------------------------------------

int l_text(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.text");
    std::string_view text = check_text(L, 1);
    float x = check_finite(L, 2), y = check_finite(L, 3);
    TextOptions options = check_text_options(L, 4, "kiosk.text");
    ImVec2 size;
    {
        Sandbox::HostScope scope(*api_of(L).sandbox);
        size = canvas.text(text, x, y, options.size, options.align, options.width,
                           options.background, options.padding);
    }
    lua_pushnumber(L, size.x);
    lua_pushnumber(L, size.y);
    return 2;
}

int l_measure(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.measure");
    std::string_view text = check_text(L, 1);
    TextOptions options = check_text_options(L, 2, "kiosk.measure");
    ImVec2 size;
    {
        Sandbox::HostScope scope(*api_of(L).sandbox);
        size = canvas.measure(text, options.size, options.width);
    }
    lua_pushnumber(L, size.x);
    lua_pushnumber(L, size.y);
    return 2;
}

int l_image(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.image");
    const Image& image = check_image(L, 1);
    float x = check_finite(L, 2), y = check_finite(L, 3);
    float w = float(image.width), h = float(image.height), rotation = 0, ox = 0, oy = 0;
    ImU32 tint = IM_COL32_WHITE;
    ImVec2 uv_min(0, 0), uv_max(1, 1);
    if (!lua_isnoneornil(L, 4)) {
        luaL_checktype(L, 4, LUA_TTABLE);
        // opts.source = {x, y, w, h}: a part of the picture (a sprite sheet's
        // frame), in the picture's pixels; its size becomes the natural size.
        read_field(L, 4, "source", HostStep{"opts", "source", "kiosk.image"});
        if (!lua_isnil(L, -1)) {
            if (!lua_istable(L, -1) || lua_rawlen(L, -1) != 4)
                return luaL_error(L, "kiosk.image: opts.source must be {x, y, w, h} in the "
                                     "picture's pixels");
            const int source_table = lua_gettop(L);
            const char* const names[] = {"x", "y", "w", "h"};
            const float extent[] = {float(image.width), float(image.height), float(image.width),
                                    float(image.height)};
            float part[4];
            for (int i = 0; i < 4; ++i) {
                lua_rawgeti(L, source_table, i + 1);
                int is_number = 0;
                double value = lua_tonumberx(L, -1, &is_number);
                lua_pop(L, 1);
                const double lowest = i < 2 ? 0 : 1;
                if (!is_number || std::isnan(value) || value < lowest || value > extent[i])
                    return luaL_error(L,
                                      "kiosk.image: opts.source %s must be a number from %d to %d "
                                      "(\"%s\" is %dx%d)",
                                      names[i], int(lowest), int(extent[i]), lua_tostring(L, 1),
                                      image.width, image.height);
                part[i] = float(value);
            }
            if (part[0] + part[2] > extent[0] || part[1] + part[3] > extent[1])
                return luaL_error(L,
                                  "kiosk.image: opts.source {%d, %d, %d, %d} reaches outside "
                                  "\"%s\" (%dx%d)",
                                  int(part[0]), int(part[1]), int(part[2]), int(part[3]),
                                  lua_tostring(L, 1), image.width, image.height);
            uv_min = ImVec2(part[0] / extent[0], part[1] / extent[1]);
            uv_max = ImVec2((part[0] + part[2]) / extent[0], (part[1] + part[3]) / extent[1]);
            w = part[2];
            h = part[3];
        }
        lua_pop(L, 1);
        bool has_w = read_field(L, 4, "w", HostStep{"opts", "w", "kiosk.image"}) != LUA_TNIL;
        bool has_h = read_field(L, 4, "h", HostStep{"opts", "h", "kiosk.image"}) != LUA_TNIL;
        lua_pop(L, 2);
        float natural_w = w, natural_h = h;
        w = opt_field(L, 4, "w", natural_w, 0, 100000, "kiosk.image");
        h = opt_field(L, 4, "h", natural_h, 0, 100000, "kiosk.image");
        if (has_w && !has_h && natural_w > 0) h = natural_h * w / natural_w;
        if (has_h && !has_w && natural_h > 0) w = natural_w * h / natural_h;
        rotation = opt_field(L, 4, "rotation", 0, -100000, 100000, "kiosk.image");
        ox = opt_field(L, 4, "ox", 0, -100, 100, "kiosk.image");
        oy = opt_field(L, 4, "oy", 0, -100, 100, "kiosk.image");
        tint = opt_color_field(L, 4, "tint", IM_COL32_WHITE, "kiosk.image");
    }
    Sandbox::HostScope scope(*api_of(L).sandbox);
    canvas.image(image, x, y, w, h, rotation, ox, oy, tint, uv_min, uv_max);
    return 0;
}

int l_imagesize(lua_State* L) {
    const Image& image = check_image(L, 1);
    lua_pushinteger(L, image.width);
    lua_pushinteger(L, image.height);
    return 2;
}

//-----------------------------------------------------------------------------
// [SECTION] Transform and clip: push, pop, translate, rotate, scale, clip, unclip
//-----------------------------------------------------------------------------

int l_push(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.push");
    if (!canvas.push())
        return luaL_error(L, "kiosk.push: more than %d pushes without a pop", kMaxTransformDepth);
    return 0;
}

int l_pop(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.pop");
    if (!canvas.pop()) return luaL_error(L, "kiosk.pop: no kiosk.push to undo");
    return 0;
}

int l_translate(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.translate");
    float dx = check_finite(L, 1), dy = check_finite(L, 2);
    canvas.translate(dx, dy);
    return 0;
}

int l_rotate(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.rotate");
    canvas.rotate(check_finite(L, 1));
    return 0;
}

int l_scale(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.scale");
    float sx = check_in_range(L, 1, -1000, 1000);
    float sy = lua_isnoneornil(L, 2) ? sx : check_in_range(L, 2, -1000, 1000);
    canvas.scale(sx, sy);
    return 0;
}

int l_clip(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.clip");
    float x = check_finite(L, 1), y = check_finite(L, 2), w = check_in_range(L, 3, 0, 100000),
          h = check_in_range(L, 4, 0, 100000);
    if (!canvas.clip(x, y, w, h))
        return luaL_error(L, "kiosk.clip: more than %d clips without kiosk.unclip", kMaxClipDepth);
    return 0;
}

int l_unclip(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.unclip");
    if (!canvas.unclip()) return luaL_error(L, "kiosk.unclip: no kiosk.clip to undo");
    return 0;
}

//-----------------------------------------------------------------------------
// [SECTION] Asset names and the table of functions
//-----------------------------------------------------------------------------

// A picture inside the exhibit folder: a safe path, a picture type.
const char* asset_name_problem(std::string_view file) {
    if (const char* problem = asset_path_problem(file)) return problem;
    std::string_view extension = file.substr(file.find_last_of('.') + 1);
    if (file.find('.') == std::string_view::npos ||
        (extension != "png" && extension != "jpg" && extension != "jpeg" && extension != "PNG" &&
         extension != "JPG" && extension != "JPEG"))
        return "must be a .png or .jpg file";
    return nullptr;
}

} // namespace

const char* asset_path_problem(std::string_view file) {
    if (file.empty() || file.size() > 255) return "must be 1 to 255 characters";
    if (file.front() == '/') return "must be relative to the exhibit folder";
    if (file.find('\\') != std::string_view::npos || file.find('\0') != std::string_view::npos)
        return "must use / between folders";
    // What is left for the shared rule to refuse are empty, "." and ".." parts.
    if (!relative_path_problem(std::string(file)).empty())
        return "must stay inside the exhibit folder (no empty, \".\" or \"..\" parts)";
    return nullptr;
}

float check_finite(lua_State* L, int arg, float limit) {
    double value = luaL_checknumber(L, arg);
    if (std::isnan(value)) return float(luaL_argerror(L, arg, "number is NaN"));
    if (!std::isfinite(value) || std::fabs(value) > limit)
        return float(luaL_error(L, "bad argument #%d (%f is out of range: +-%f at most)", arg,
                                value, double(limit)));
    return float(value);
}

int check_points(lua_State* L, int arg, int minimum) {
    luaL_checktype(L, arg, LUA_TTABLE);
    const lua_Unsigned length = lua_rawlen(L, arg);
    if (length % 2 != 0)
        return luaL_argerror(L, arg, "needs an even count of numbers (x, y pairs)");
    if (length < lua_Unsigned(minimum) * 2 || length > lua_Unsigned(kMaxPathPoints) * 2)
        return luaL_error(L, "bad argument #%d (needs %d to %d points, got %d)", arg, minimum,
                          kMaxPathPoints, int(std::min<lua_Unsigned>(length / 2, 1u << 30)));
    ExhibitApi& api = api_of(L);
    api.points.resize(length);
    for (lua_Unsigned i = 0; i < length; ++i) {
        lua_rawgeti(L, arg, lua_Integer(i + 1));
        int is_number = 0;
        double value = lua_tonumberx(L, -1, &is_number);
        lua_pop(L, 1);
        if (!is_number || !std::isfinite(value) || std::fabs(value) > 100000)
            return luaL_error(L,
                              "bad argument #%d (item %d must be a finite number within "
                              "+-100000)",
                              arg, int(i + 1));
        api.points[i] = float(value);
    }
    return int(length / 2);
}

double check_number(lua_State* L, int arg) {
    double value = luaL_checknumber(L, arg);
    if (std::isnan(value)) return luaL_argerror(L, arg, "number is NaN");
    if (!std::isfinite(value)) return luaL_argerror(L, arg, "number is infinite");
    return value;
}

float check_in_range(lua_State* L, int arg, float lowest, float highest) {
    double value = luaL_checknumber(L, arg);
    if (std::isnan(value)) return float(luaL_argerror(L, arg, "number is NaN"));
    if (value < lowest || value > highest)
        return float(luaL_error(L, "bad argument #%d (%f is out of range %f..%f)", arg, value,
                                double(lowest), double(highest)));
    return float(value);
}

float opt_field(lua_State* L, int table, const char* key, float fallback, float lowest,
                float highest, const char* function) {
    if (read_field(L, table, key, HostStep{"opts", key, function}) == LUA_TNIL) {
        lua_pop(L, 1);
        return fallback;
    }
    int is_number = 0;
    double value = lua_tonumberx(L, -1, &is_number);
    lua_pop(L, 1);
    if (!is_number || std::isnan(value) || value < lowest || value > highest)
        return float(luaL_error(L, "%s: opts.%s must be a number from %f to %f", function, key,
                                double(lowest), double(highest)));
    return float(value);
}

ImU32 check_color(lua_State* L, int first_arg, int* next_arg) {
    if (lua_type(L, first_arg) == LUA_TSTRING) {
        size_t length = 0;
        const char* text = lua_tolstring(L, first_arg, &length);
        ImU32 color = 0;
        if (!parse_hex_color(text, length, color))
            return ImU32(
                luaL_argerror(L, first_arg, "colour string must be \"#RRGGBB\" or \"#RRGGBBAA\""));
        if (lua_isnumber(L, first_arg + 1)) { // "#RRGGBB", alpha
            float alpha = check_in_range(L, first_arg + 1, -100000, 100000);
            color = (color & ~IM_COL32_A_MASK) |
                    (ImU32(std::clamp(alpha, 0.0f, 1.0f) * 255 + 0.5f) << IM_COL32_A_SHIFT);
            if (next_arg) *next_arg = first_arg + 2;
        } else if (next_arg) {
            *next_arg = first_arg + 1;
        }
        return color;
    }
    float channel[4] = {0, 0, 0, 1};
    for (int i = 0; i < 4; ++i) {
        int arg = first_arg + i;
        if (i == 3 && lua_isnoneornil(L, arg)) break;
        // Out-of-range colours clamp (harmless); NaN and infinity are mistakes.
        channel[i] = std::clamp(check_finite(L, arg, 1e6f), 0.0f, 1.0f);
    }
    if (next_arg) *next_arg = first_arg + 4;
    return IM_COL32(int(channel[0] * 255 + 0.5f), int(channel[1] * 255 + 0.5f),
                    int(channel[2] * 255 + 0.5f), int(channel[3] * 255 + 0.5f));
}

Canvas& drawing_canvas(lua_State* L, const char* function) {
    ExhibitApi& api = api_of(L);
    if (!api.canvas) luaL_error(L, "%s can only be used inside exhibit.draw()", function);
    return *api.canvas;
}

const Image& check_image(lua_State* L, int arg) {
    size_t length = 0;
    const char* name = luaL_checklstring(L, arg, &length);
    std::string_view file(name, length);
    ExhibitApi& api = api_of(L);
    // A name drawn before was checked then: drawing it every frame costs one lookup.
    if (auto found = api.image_by_file.find(file); found != api.image_by_file.end())
        return *found->second;
    if (const char* problem = asset_name_problem(file))
        luaL_error(L, "image \"%s\": the file name %s", name, problem);
    const Image* image = nullptr;
    {
        Sandbox::HostScope scope(*api.sandbox);
        std::string error;
        const std::string file_name(file);
        // Decoded pictures count against the exhibit's memory cap too (apart
        // from its Lua memory), so no exhibit can fill the kiosk with images.
        // The cache refuses a picture over what is left from its header,
        // before decoding it.
        const size_t cap = api.sandbox->limits().memory_bytes;
        const size_t left = cap > api.image_bytes ? cap - api.image_bytes : 0;
        image = &api.images->get(*api.files, file_name, &error, left);
        const size_t bytes = size_t(image->width) * size_t(image->height) * 4;
        if (!image->texture) {
            api.text = "image \"" + file_name + "\": " + error;
            if (bytes > left) // refused from its header, undecoded
                api.text += " (an exhibit's pictures share its memory cap of " +
                            std::to_string(cap >> 20) + " MiB)";
        } else if (bytes > left) {
            api.text = "image \"" + file_name +
                       "\": the exhibit's pictures would use more than its memory cap of " +
                       std::to_string(cap >> 20) + " MiB";
            image = nullptr;
        } else {
            api.image_bytes += bytes;
            api.image_by_file.emplace(file_name, image);
        }
    }
    if (!image || !image->texture) luaL_error(L, "%s", api.text.c_str());
    return *image;
}

void add_graphics_api(lua_State* L) {
    const luaL_Reg functions[] = {
        {"clear", l_clear},       {"color", l_color},         {"linewidth", l_linewidth},
        {"rect", l_rect},         {"circle", l_circle},       {"ellipse", l_ellipse},
        {"arc", l_arc},           {"line", l_line},           {"dashline", l_dashline},
        {"polyline", l_polyline}, {"polygon", l_polygon},     {"clip", l_clip},
        {"unclip", l_unclip},     {"text", l_text},           {"measure", l_measure},
        {"image", l_image},       {"imagesize", l_imagesize}, {"push", l_push},
        {"pop", l_pop},           {"translate", l_translate}, {"rotate", l_rotate},
        {"scale", l_scale},       {nullptr, nullptr},
    };
    luaL_setfuncs(L, functions, 0);
}

} // namespace kiosk
