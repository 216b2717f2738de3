// read_field(): the host's reads of exhibit tables, with the exhibit's __index
// run under a nested protected call and its failures named (host_step_internal.h).
#include "host_step_internal.h"

#include "api_internal.h"

#include <cstring>

namespace kiosk {
namespace {

int get_table_field(lua_State* L) {
    lua_gettable(L, 1); // the table at 1, the key at 2
    return 1;
}

// The verb for a metamethod that failed, from why the sandbox stopped it.
const char* failure_verb(lua_State* L, int status) {
    switch (Sandbox::from(L).stop_reason()) {
    case StopReason::TimeBudget:
        return "looped";
    case StopReason::Memory:
        return "ran out of memory";
    case StopReason::Shutdown:
        return "was stopped by the kiosk shutting down";
    case StopReason::None:
        break;
    }
    return status == LUA_ERRMEM ? "ran out of memory" : "raised an error";
}

// Where "main.lua:12: message" says the error happened: the length of
// "main.lua:12: ", or 0 when the first line does not start so.
size_t location_prefix_length(const char* message) {
    const char* line_end = std::strchr(message, '\n');
    for (const char* colon = std::strchr(message, ':'); colon && (!line_end || colon < line_end);
         colon = std::strchr(colon + 1, ':')) {
        const char* digit = colon + 1;
        while (*digit >= '0' && *digit <= '9')
            ++digit;
        if (digit > colon + 1 && digit[0] == ':' && digit[1] == ' ')
            return size_t(digit + 2 - message);
    }
    return 0;
}

} // namespace

std::string host_step_text(const HostStep& step, const char* what_happened) {
    std::string text = std::string(step.owner) + ".__index " + what_happened +
                       " while the kiosk looked up " + step.owner + "." + step.key;
    if (step.function) text += std::string(" for ") + step.function;
    return text;
}

int read_field(lua_State* L, int table, const char* key, const HostStep& step,
               bool* through_metamethod) {
    table = lua_absindex(L, table);
    if (through_metamethod) *through_metamethod = false;
    lua_pushstring(L, key);
    const int type = lua_rawget(L, table);
    if (type != LUA_TNIL || luaL_getmetafield(L, table, "__index") == LUA_TNIL) return type;
    lua_pop(L, 2); // the nil and the metamethod
    if (through_metamethod) *through_metamethod = true;
    ExhibitApi& api = api_of(L);
    const HostStep outer = api.host_step; // a metamethod may call an API function in turn
    api.host_step = step;
    const int handler = lua_gettop(L) + 1;
    lua_pushcfunction(L, traceback_handler); // the traceback inside the metamethod
    lua_pushcfunction(L, get_table_field);
    lua_pushvalue(L, table);
    lua_pushstring(L, key);
    const int status = lua_pcall(L, 2, 1, handler);
    lua_remove(L, handler);
    if (status == LUA_OK) {
        api.host_step = outer;
        return lua_type(L, -1);
    }
    // Raise it again, naming the metamethod; should even that run out of memory,
    // host_step still names it for ExhibitHost. (Lua strings only from here on:
    // a C++ string would leak when an allocation raises.)
    const char* detail = error_object_text(L, -1);
    const size_t where = location_prefix_length(detail);
    lua_pushlstring(L, detail, where);
    lua_pushfstring(L, "%s.__index %s while the kiosk looked up %s.%s%s%s: %s", step.owner,
                    failure_verb(L, status), step.owner, step.key, step.function ? " for " : "",
                    step.function ? step.function : "", detail + where);
    lua_concat(L, 2);
    api.host_step = outer;
    return lua_error(L);
}

} // namespace kiosk
