// The family of misbehaving metamethods (issue 14), shared by script_tests
// (each case on an ExhibitHost) and app_tests (each case in the whole kiosk):
// every place where the kiosk's C++ touches a value the exhibit shaped, and
// every way the metamethod it sets off can misbehave.
#pragma once

#include <string>

namespace kiosk::test {

// How a metamethod misbehaves: the body of a Lua function.
struct Behaviour {
    const char* name;
    const char* body;
};

inline const Behaviour kBehaviours[] = {
    {"loops", "while true do end"},
    {"raises an error", "error('metamethod failed')"},
    {"raises an error whose __tostring loops",
     "error(setmetatable({}, {__tostring = function() while true do end end}))"},
    {"raises an error whose __tostring raises",
     "error(setmetatable({}, {__tostring = function() error('tostring failed') end}))"},
    {"raises an error whose __tostring returns a table",
     "error(setmetatable({}, {__tostring = function() return {} end}))"},
    {"yields", "coroutine.yield(1)"},
    {"returns a wrong type", "return 42"},
    {"allocates past the cap", "return string.rep('x', 1 << 26)"},
};

// Where the host touches an exhibit value. `main_lua` has BEHAVIOUR where the
// misbehaving metamethod's body goes; `trigger` says which host call sets it
// off; `names` is the text the error must contain when the host set it off
// (empty: the exhibit's own code ran it, any clean failure will do), except
// for a wrong type that an API function rather than the kiosk refuses;
// `may_survive`: the metamethod's failure may be swallowed by design (a
// finalizer's error is dropped by Lua, a wrong type may be a valid value).
enum class Trigger { Start, Update, Draw, Leave };

struct Place {
    const char* name;
    const char* main_lua;
    Trigger trigger;
    const char* names;
    bool may_survive;
};

inline const Place kPlaces[] = {
    {"exhibit.__index while the kiosk looks up exhibit.load",
     "exhibit = setmetatable({}, {__index = function(t, k) BEHAVIOUR end})\n", Trigger::Start,
     "exhibit.__index", false},
    {"exhibit.__index while the kiosk looks up exhibit.update",
     "function exhibit.load() end\n"
     "setmetatable(exhibit, {__index = function(t, k) if k == 'update' then BEHAVIOUR end end})\n",
     Trigger::Update, "exhibit.__index", false},
    {"exhibit.__index while the kiosk looks up exhibit.leave",
     "setmetatable(exhibit, {__index = function(t, k) if k == 'leave' then BEHAVIOUR end end})\n",
     Trigger::Leave, "exhibit.__index", false},
    {"the global table's __index while the kiosk looks up exhibit",
     "setmetatable(_G, {__index = function(t, k) if k == 'exhibit' then BEHAVIOUR end end})\n"
     "exhibit = nil\n",
     Trigger::Start, "_G.__index", false},
    {"a class-like exhibit whose base's __index misbehaves",
     "local Base = setmetatable({}, {__index = function(t, k) if k == 'update' then BEHAVIOUR "
     "end end})\nexhibit = setmetatable({}, {__index = Base})\n",
     Trigger::Update, "exhibit.__index", false},
    {"the table kiosk.t reads",
     "function exhibit.update()\n"
     "  kiosk.t(setmetatable({}, {__index = function(t, k) BEHAVIOUR end}))\nend\n",
     Trigger::Update, "text.__index", false},
    {"an error object the kiosk turns into text",
     "function exhibit.update()\n"
     "  error(setmetatable({}, {__tostring = function() BEHAVIOUR end}))\nend\n",
     Trigger::Update, "__tostring", false},
    {"a value print turns into text",
     "function exhibit.update()\n"
     "  print(setmetatable({}, {__tostring = function() BEHAVIOUR end}))\nend\n",
     Trigger::Update, "", true},
    {"the option table kiosk.text reads, inside exhibit.draw",
     "function exhibit.draw()\n"
     "  kiosk.text('x', 10, 10, setmetatable({}, {__index = function(t, k) BEHAVIOUR end}))\n"
     "end\n",
     Trigger::Draw, "opts.__index", false},
    {"the option table kiosk.image reads, inside exhibit.draw",
     "function exhibit.draw()\n"
     "  kiosk.image('thumbnail.png', 10, 10, setmetatable({}, {__index = function(t, k) "
     "BEHAVIOUR end}))\nend\n",
     Trigger::Draw, "opts.__index", false},
    {"the option table kiosk.sound reads",
     "function exhibit.update()\n"
     "  kiosk.sound('ping.wav', setmetatable({}, {__index = function(t, k) BEHAVIOUR end}))\n"
     "end\n",
     Trigger::Update, "opts.__index", false},
    {"a caption table kiosk.narrate reads",
     "function exhibit.update()\n"
     "  kiosk.narrate('voice.ogg', { setmetatable({}, {__index = function(t, k) BEHAVIOUR "
     "end}) })\nend\n",
     Trigger::Update, "caption.__index", false},
    {"a table with __tostring and __name where the API expects a string",
     "function exhibit.update()\n"
     "  kiosk.log(setmetatable({}, {__name = 'thing', __tostring = function() BEHAVIOUR end}))\n"
     "end\n",
     Trigger::Update, "string expected, got thing", false},
    {"a to-be-closed variable's __close",
     "function exhibit.update()\n"
     "  local handle <close> = setmetatable({}, {__close = function() BEHAVIOUR end})\nend\n",
     Trigger::Update, "", true},
    {"a finalizer run by a collection inside a callback",
     "function exhibit.update()\n"
     "  setmetatable({}, {__gc = function() BEHAVIOUR end})\n"
     "  for i = 1, 200000 do local garbage = {i} end\nend\n",
     Trigger::Update, "", true},
    {"a finalizer run when the exhibit's state is closed",
     "keep = setmetatable({}, {__gc = function() BEHAVIOUR end})\n", Trigger::Leave, "", true},
    {"a callback that is a table with __call",
     "exhibit.update = setmetatable({}, {__call = function() BEHAVIOUR end})\n", Trigger::Update,
     "must be a function", false},
    {"__newindex on the exhibit table",
     "setmetatable(exhibit, {__newindex = function() BEHAVIOUR end})\n"
     "function exhibit.update() end\n",
     Trigger::Start, "", true},
    {"arithmetic, comparison, length and concatenation metamethods",
     "local mm = function() BEHAVIOUR end\n"
     "local a = setmetatable({}, {__add = mm, __eq = mm, __lt = mm, __le = mm, __len = mm,\n"
     "                            __concat = mm, __unm = mm, __idiv = mm, __band = mm})\n"
     "local b = setmetatable({}, getmetatable(a))\n"
     "function exhibit.update()\n"
     "  local _ = a + 1, a == b, a < b, a <= b, #a, a .. 'x', -a, a // 2, a & 1\nend\n",
     Trigger::Update, "", true},
};

inline std::string with_behaviour(std::string main_lua, const char* body) {
    const std::string marker = "BEHAVIOUR";
    for (size_t at = main_lua.find(marker); at != std::string::npos;
         at = main_lua.find(marker, at + 1))
        main_lua.replace(at, marker.size(), body);
    return main_lua;
}

// The text the error must contain for this case ("" when any clean error will
// do): a wrong type from an option table's __index is refused by the API
// function that reads it, in its own words.
inline std::string expected_naming(const Place& place, const Behaviour& behaviour) {
    const std::string names = place.names;
    if (std::string(behaviour.name) == "returns a wrong type" &&
        (names == "text.__index" || names == "opts.__index" || names == "caption.__index"))
        return "";
    return names;
}

} // namespace kiosk::test
