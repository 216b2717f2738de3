// What the curator API bindings (api_graphics.cpp, api_widgets.cpp, api_audio.cpp,
// api_system.cpp, api_helpers.cpp) share for one exhibit: its files, the visitor's language, the
// simulated clock, the canvas while exhibit.draw() runs, images, the seeded
// random generator and what the exhibit recorded. Private to engine/script.
//
// Every function the add_*_api() tables register is listed, with how curators
// call it, in engine/script/exhibit_api.lua (the exhibit API, listed once);
// script_tests fails for a binding that is not.
//
// Binding rule: a Lua error is a longjmp, so a binding checks all of its
// arguments first (with nothing but plain values alive), and only then does
// its work inside a Sandbox::HostScope, where nothing raises and nothing
// allocates Lua objects (an allocation may run a __gc finalizer, which the
// watchdog could not cut off inside a HostScope). Fields of tables the exhibit
// passes in are read with read_field() (host_step_internal.h), never lua_getfield:
// that keeps reads raw unless the exhibit wrote an __index, and names the
// metamethod when it fails. See the host rule in sandbox.h.
#pragma once

#include "canvas_internal.h"
#include "exhibit_audio_sink.h"
#include "exhibit_host.h"
#include "host_step_internal.h"
#include "render/images.h"

#include <lua.hpp>

#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace kiosk {

struct ExhibitApi {
    Sandbox* sandbox = nullptr;
    std::string id;
    std::shared_ptr<const FileSource> files; // the exhibit's folder or package
    Language language = Language::Zh;
    double time_s = 0;
    Ui* ui = nullptr;         // set while exhibit.draw() runs
    Canvas* canvas = nullptr; // set while exhibit.draw() runs
    std::unique_ptr<ImageCache> images;
    std::map<std::string, const Image*, std::less<>> image_by_file; // checked names
    size_t image_bytes = 0; // decoded size of the pictures in image_by_file
    std::mt19937_64 random;
    bool home_requested = false;
    HostStep host_step; // set while an __index the host set off runs (host_step_internal.h)
    ExhibitAudioSink* audio = nullptr; // kiosk.sound and kiosk.narrate; none: checked, not played

    std::vector<ExhibitInteraction> interactions;
    int interactions_dropped = 0;
    double interaction_window_start_s = 0;
    int interactions_in_window = 0;
    double print_window_start_s = 0;
    int prints_in_window = 0;

    // Scratch space reused across calls (never a local: see the binding rule).
    std::vector<float> points;
    std::vector<std::string_view> labels;
    std::string text;
    std::vector<Caption> captions;
};

inline ExhibitApi& api_of(lua_State* L) {
    return *static_cast<ExhibitApi*>(Sandbox::from(L).owner());
}

// Each adds its functions to the table on top of the stack.
void add_graphics_api(lua_State* L);
void add_widget_api(lua_State* L);
void add_system_api(lua_State* L);
void add_helpers_api(lua_State* L);
void add_audio_api(lua_State* L);

// Argument checks shared by the bindings (they raise a Lua error naming the argument).
float check_finite(lua_State* L, int arg, float limit = 100000);
// A number of any size, but not NaN or an infinity (for arithmetic helpers).
double check_number(lua_State* L, int arg);
float check_in_range(lua_State* L, int arg, float lowest, float highest);
float opt_field(lua_State* L, int table, const char* key, float fallback, float lowest,
                float highest, const char* function);
ImU32 check_color(lua_State* L, int first_arg, int* next_arg = nullptr);
// Reads a flat {x1, y1, x2, y2, ...} table (at least `minimum` points) into
// api.points; returns the point count.
int check_points(lua_State* L, int arg, int minimum);
// Reads `index`'s file name argument as a path inside the exhibit folder and
// returns the image (or raises a Lua error saying why not).
const Image& check_image(lua_State* L, int arg);
// Why `file` is not a safe path inside the exhibit folder (nullptr when it is).
const char* asset_path_problem(std::string_view file);
// Enforces that a drawing function runs inside exhibit.draw().
Canvas& drawing_canvas(lua_State* L, const char* function);

} // namespace kiosk
