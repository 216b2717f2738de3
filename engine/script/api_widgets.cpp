// The widget part of the curator API, on Dear ImGui through the kiosk's Ui:
// kiosk.button, slider, toggle, choice. Touch sized; they ignore the transform.
// A label's text after "##" is not shown but keeps two widgets apart.
#include "api_internal.h"

#include <algorithm>

namespace kiosk {
namespace {

std::string_view visible_part(std::string_view label) {
    size_t hidden = label.find("##");
    return hidden == std::string_view::npos ? label : label.substr(0, hidden);
}

const char* check_label(lua_State* L, int arg) {
    size_t length = 0;
    const char* label = luaL_checklstring(L, arg, &length);
    if (length == 0 || length > 256) luaL_argerror(L, arg, "label must be 1 to 256 bytes");
    return label;
}

// The guide's touch target for visitors (exhibits/README.md): an exhibit's
// button is never smaller than this either way, like its sliders and choices.
constexpr float kExhibitTouchTarget = 88;

int l_button(lua_State* L) {
    drawing_canvas(L, "kiosk.button");
    const char* label = check_label(L, 1);
    float x = check_finite(L, 2), y = check_finite(L, 3);
    float w = std::max(check_in_range(L, 4, 0, 1920), kExhibitTouchTarget);
    float h = std::max(check_in_range(L, 5, 0, 1080), kExhibitTouchTarget);
    ExhibitApi& api = api_of(L);
    bool tapped = false;
    {
        Sandbox::HostScope scope(*api.sandbox);
        tapped = api.ui->button(label, ImVec2(x, y), ImVec2(w, h), visible_part(label));
    }
    lua_pushboolean(L, tapped);
    return 1;
}

int l_slider(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.slider");
    const char* label = check_label(L, 1);
    float value = check_finite(L, 2, 1e9f);
    float lowest = check_finite(L, 3, 1e9f), highest = check_finite(L, 4, 1e9f);
    if (!(lowest < highest)) return luaL_error(L, "kiosk.slider: min must be less than max");
    float x = check_finite(L, 5), y = check_finite(L, 6), w = check_in_range(L, 7, 0, 1920);
    ExhibitApi& api = api_of(L);
    {
        Sandbox::HostScope scope(*api.sandbox);
        value = std::clamp(value, lowest, highest);
        std::string_view shown = visible_part(label);
        if (!shown.empty()) api.ui->text_sized(32, ImVec2(x, y - 44), canvas.color(), shown);
        api.ui->slider(label, &value, lowest, highest, ImVec2(x, y), w);
    }
    lua_pushnumber(L, value);
    return 1;
}

int l_toggle(lua_State* L) {
    Canvas& canvas = drawing_canvas(L, "kiosk.toggle");
    const char* label = check_label(L, 1);
    bool on = lua_toboolean(L, 2);
    float x = check_finite(L, 3), y = check_finite(L, 4);
    ExhibitApi& api = api_of(L);
    {
        Sandbox::HostScope scope(*api.sandbox);
        api.ui->toggle(label, &on, ImVec2(x, y), visible_part(label), canvas.color());
    }
    lua_pushboolean(L, on);
    return 1;
}

int l_choice(lua_State* L) {
    drawing_canvas(L, "kiosk.choice");
    luaL_checktype(L, 1, LUA_TTABLE);
    const lua_Unsigned count = lua_rawlen(L, 1);
    if (count < 2 || count > 8) return luaL_argerror(L, 1, "needs 2 to 8 options");
    ExhibitApi& api = api_of(L);
    api.labels.resize(count);
    for (lua_Unsigned i = 0; i < count; ++i) {
        lua_rawgeti(L, 1, lua_Integer(i + 1));
        size_t length = 0;
        const char* option =
            lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &length) : nullptr;
        if (!option || length > 256)
            return luaL_error(L, "kiosk.choice: option %d must be a string of at most 256 bytes",
                              int(i + 1));
        api.labels[i] = std::string_view(option, length); // anchored by the options table
        lua_pop(L, 1);
    }
    lua_Integer selected = luaL_checkinteger(L, 2);
    float x = check_finite(L, 3), y = check_finite(L, 4), w = check_in_range(L, 5, 0, 1920);
    int index = int(std::clamp<lua_Integer>(selected, 1, lua_Integer(count))) - 1;
    {
        Sandbox::HostScope scope(*api.sandbox);
        ImGui::PushID(int(x) * 4096 + int(y)); // two rows may share their first option
        api.ui->choice(api.labels[0].data(), &index, api.labels.data(), int(count), ImVec2(x, y),
                       w);
        ImGui::PopID();
    }
    lua_pushinteger(L, index + 1);
    return 1;
}

} // namespace

void add_widget_api(lua_State* L) {
    const luaL_Reg functions[] = {
        {"button", l_button}, {"slider", l_slider}, {"toggle", l_toggle},
        {"choice", l_choice}, {nullptr, nullptr},
    };
    luaL_setfuncs(L, functions, 0);
}

} // namespace kiosk
