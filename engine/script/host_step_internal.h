// Exhibit code that the host sets off. The kiosk's own reads of exhibit values
// (looking up `exhibit` and its callbacks, the option tables of the drawing and
// widget functions) are raw, unless the table has an __index metamethod that
// the exhibit wrote. Then read_field() runs it in a nested protected call (the
// caller is already inside the sandbox's budgeted call) and, should it fail,
// raises an error that names the metamethod and what the kiosk was reading:
// "main.lua:3: exhibit.__index looped while the kiosk looked up exhibit.load".
// While the metamethod runs, ExhibitApi::host_step says the same, for the case
// where the watchdog jumps out of it and no error can be raised. Private to
// engine/script.
#pragma once

#include <lua.hpp>

#include <string>

namespace kiosk {

struct HostStep {
    const char* owner = nullptr;    // the table read: "exhibit", "_G", "opts"
    const char* key = nullptr;      // the key read: "load", "exhibit", "size"
    const char* function = nullptr; // the API function reading it, or null for the kiosk
    bool active() const { return owner != nullptr; }
};

// "exhibit.__index looped while the kiosk looked up exhibit.load", with
// `what_happened` = "looped".
std::string host_step_text(const HostStep& step, const char* what_happened);

// Pushes table[key] and returns its Lua type, as described above. `table` is
// any valid index of a table; `through_metamethod`, if given, says whether an
// __index gave the value.
int read_field(lua_State* L, int table, const char* key, const HostStep& step,
               bool* through_metamethod = nullptr);

} // namespace kiosk
