// The system part of the curator API: kiosk.time, random, seed, t, lang, log,
// home, and the sandbox's print (to the kiosk log, rate limited).
#include "api_internal.h"

#include "core/json_text.h"
#include "core/log.h"
#include "core/utf8_text.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace kiosk {
namespace {

constexpr int kMaxInteractionsPerSecond = 20;
constexpr int kMaxPrintsPerSecond = 20;
constexpr int kMaxFields = 16;
constexpr size_t kMaxPayloadBytes = 1024;

int l_time(lua_State* L) {
    lua_pushnumber(L, api_of(L).time_s);
    return 1;
}

int l_random(lua_State* L) {
    ExhibitApi& api = api_of(L);
    const int args = lua_gettop(L);
    if (args == 0) {
        lua_pushnumber(L, std::generate_canonical<double, 53>(api.random));
        return 1;
    }
    lua_Integer low = 1, high = 0;
    if (args == 1) {
        high = luaL_checkinteger(L, 1);
    } else {
        low = luaL_checkinteger(L, 1);
        high = luaL_checkinteger(L, 2);
    }
    if (low > high)
        return luaL_error(L, "kiosk.random: interval is empty (%d > %d)", int(low), int(high));
    std::uniform_int_distribution<lua_Integer> pick(low, high);
    lua_pushinteger(L, pick(api.random));
    return 1;
}

int l_seed(lua_State* L) {
    lua_Integer seed = luaL_checkinteger(L, 1);
    api_of(L).random.seed(uint64_t(seed));
    return 0;
}

int l_t(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    const bool english = api_of(L).language == Language::En;
    const char* first = english ? "en" : "zh";
    read_field(L, 1, first, HostStep{"text", first, "kiosk.t"});
    if (lua_type(L, -1) == LUA_TSTRING && lua_rawlen(L, -1) > 0) return 1;
    lua_pop(L, 1);
    const char* other = english ? "zh" : "en"; // the other language rather than nothing
    read_field(L, 1, other, HostStep{"text", other, "kiosk.t"});
    if (lua_type(L, -1) == LUA_TSTRING) return 1;
    return luaL_error(L, "kiosk.t: needs a table with zh and en strings, e.g. kiosk.t{zh = "
                         "\"你好\", en = \"Hello\"}");
}

int l_lang(lua_State* L) {
    lua_pushstring(L, api_of(L).language == Language::En ? "en" : "zh");
    return 1;
}

int l_home(lua_State* L) {
    api_of(L).home_requested = true;
    return 0;
}

// kiosk.log(name [, fields]): checked completely before anything is kept.
int l_log(lua_State* L) {
    size_t name_length = 0;
    const char* name = luaL_checklstring(L, 1, &name_length);
    if (!valid_event_name(std::string_view(name, name_length)))
        return luaL_error(L,
                          "kiosk.log: event name must be 1 to 48 characters of a-z, 0-9, _ and .");
    const bool has_fields = !lua_isnoneornil(L, 2);
    if (has_fields) luaL_checktype(L, 2, LUA_TTABLE);
    int fields = 0;
    size_t payload = name_length;
    if (has_fields) {
        lua_pushnil(L);
        while (lua_next(L, 2)) {
            if (lua_type(L, -2) != LUA_TSTRING)
                return luaL_error(L, "kiosk.log: field names must be strings");
            size_t key_length = 0;
            const char* key = lua_tolstring(L, -2, &key_length);
            if (!valid_event_name(std::string_view(key, key_length)))
                return luaL_error(
                    L,
                    "kiosk.log: field name \"%s\" must be 1 to 48 characters of a-z, 0-9, _ and .",
                    key);
            int type = lua_type(L, -1);
            if (type != LUA_TSTRING && type != LUA_TNUMBER && type != LUA_TBOOLEAN)
                return luaL_error(
                    L, "kiosk.log: field \"%s\" must be a string, number or boolean, not a %s", key,
                    luaL_typename(L, -1));
            if (type == LUA_TNUMBER && !std::isfinite(lua_tonumber(L, -1)))
                return luaL_error(L, "kiosk.log: field \"%s\" is not a finite number", key);
            payload += key_length + (type == LUA_TSTRING ? lua_rawlen(L, -1) : 8);
            ++fields;
            lua_pop(L, 1);
        }
    }
    if (fields > kMaxFields)
        return luaL_error(L, "kiosk.log: at most %d fields, got %d", kMaxFields, fields);
    if (payload > kMaxPayloadBytes)
        return luaL_error(L, "kiosk.log: fields too large (%d bytes, at most %d)", int(payload),
                          int(kMaxPayloadBytes));

    ExhibitApi& api = api_of(L);
    // A runaway loop must not flood the log: beyond the rate, events are counted, not kept.
    if (api.time_s - api.interaction_window_start_s >= 1) {
        api.interaction_window_start_s = api.time_s;
        api.interactions_in_window = 0;
    }
    if (++api.interactions_in_window > kMaxInteractionsPerSecond) {
        ++api.interactions_dropped;
        return 0;
    }
    {
        Sandbox::HostScope scope(*api.sandbox);
        ExhibitInteraction interaction;
        interaction.name.assign(name, name_length);
        interaction.fields_json = "{";
        if (has_fields) {
            lua_pushnil(L);
            bool first = true;
            while (lua_next(L, 2)) {
                if (!first) interaction.fields_json += ",";
                first = false;
                size_t length = 0;
                const char* key = lua_tolstring(L, -2, &length);
                append_json_string(interaction.fields_json, std::string_view(key, length));
                interaction.fields_json += ":";
                if (lua_type(L, -1) == LUA_TBOOLEAN) {
                    interaction.fields_json += lua_toboolean(L, -1) ? "true" : "false";
                } else if (lua_type(L, -1) == LUA_TNUMBER) {
                    // The shortest text that reads back as the same number (0.55, not
                    // 0.55000000000000004).
                    char number[40];
                    auto written =
                        lua_isinteger(L, -1)
                            ? std::to_chars(number, number + sizeof number, lua_tointeger(L, -1))
                            : std::to_chars(number, number + sizeof number, lua_tonumber(L, -1));
                    interaction.fields_json.append(number, written.ptr);
                } else {
                    const char* value = lua_tolstring(L, -1, &length);
                    append_json_string(interaction.fields_json, std::string_view(value, length));
                }
                lua_pop(L, 1);
            }
        }
        interaction.fields_json += "}";
        api.interactions.push_back(std::move(interaction));
    }
    return 0;
}

int l_print(lua_State* L) {
    const int args = lua_gettop(L);
    luaL_Buffer buffer;
    luaL_buffinit(L, &buffer);
    for (int i = 1; i <= args; ++i) {
        if (i > 1) luaL_addchar(&buffer, '\t');
        luaL_tolstring(L, i, nullptr);
        luaL_addvalue(&buffer);
    }
    luaL_pushresult(&buffer);
    ExhibitApi& api = api_of(L);
    if (api.time_s - api.print_window_start_s >= 1) {
        api.print_window_start_s = api.time_s;
        api.prints_in_window = 0;
    }
    if (++api.prints_in_window > kMaxPrintsPerSecond) return 0;
    size_t length = 0;
    const char* text = lua_tolstring(L, -1, &length);
    Sandbox::HostScope scope(*api.sandbox);
    log_info("exhibit " + api.id +
             " print: " + make_valid_utf8(std::string_view(text, std::min<size_t>(length, 2000))));
    return 0;
}

} // namespace

void add_system_api(lua_State* L) {
    const luaL_Reg functions[] = {
        {"time", l_time}, {"random", l_random}, {"seed", l_seed}, {"t", l_t},
        {"lang", l_lang}, {"log", l_log},       {"home", l_home}, {nullptr, nullptr},
    };
    luaL_setfuncs(L, functions, 0);
    lua_pushcfunction(L, l_print);
    lua_setglobal(L, "print");
}

} // namespace kiosk
