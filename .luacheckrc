-- luacheck settings for exhibits. Run from the repo root:  luacheck exhibits/
--
-- Exhibits run in the kiosk's sandbox, not in plain Lua. So instead of
-- std = "lua54" this file describes the sandbox exactly (see exhibits/README.md):
-- only the names listed below exist. A typo like `kiosk.rectt`, or a name the
-- sandbox does not have (io, os, require, dofile, debug, string.dump...), is
-- reported here, before a visitor ever sees the "resting" card.

-- Only exhibit folders are checked: the kiosk config and the runtime's test
-- data are plain data files with their own checker (the kiosk itself).
include_files = { "exhibits/**/*.lua" }
exclude_files = { "build/**", "build-asan/**", "tests/**", "kiosk-config/**" }

-- Long bilingual sentences are normal in exhibits; don't nag about line length.
max_line_length = false
-- Callbacks get arguments you may not need (touchpressed's id): that is fine.
unused_args = false

local function fields(names)
  local out = {}
  for name in names:gmatch("%S+") do out[#out + 1] = name end
  return { fields = out }
end

-- The callbacks an exhibit may define. Listing them catches a misspelt
-- callback (`function exhibit.drwa()`), which would otherwise never run.
local writable = { read_only = false }
local callbacks = {
  load = writable, update = writable, draw = writable, leave = writable,
  touchpressed = writable, touchmoved = writable, touchreleased = writable,
}

stds.kiosk_sandbox = {
  -- The global table `exhibit` holds the callbacks. main.lua may create it
  -- (`exhibit = {}`) and then fills in the callbacks.
  globals = { exhibit = { fields = callbacks } },
  read_globals = {
    -- The kiosk API (the full list with arguments is in exhibits/README.md).
    kiosk = fields([[
      clear color linewidth rect circle ellipse line polyline polygon
      text measure image imagesize push pop translate rotate scale
      button slider toggle choice
      time random seed t lang log home
    ]]),
    -- Lua's base functions that the sandbox keeps. print goes to the kiosk log.
    "assert", "error", "ipairs", "next", "pairs", "pcall", "xpcall", "print",
    "rawequal", "rawget", "rawlen", "rawset", "select", "setmetatable",
    "getmetatable", "tonumber", "tostring", "type", "load", "collectgarbage",
    -- Lua 5.4's libraries. They are read-only. No string.dump.
    string = fields([[byte char find format gmatch gsub len lower match pack
      packsize rep reverse sub unpack upper]]),
    table = fields("concat insert move pack remove sort unpack"),
    math = fields([[abs acos asin atan ceil cos deg exp floor fmod huge log max
      maxinteger min mininteger modf pi rad random randomseed sin sqrt tan
      tointeger type ult]]),
    utf8 = fields("char charpattern codepoint codes len offset"),
    coroutine = fields("close create isyieldable resume running status wrap yield"),
    -- Not here on purpose: io os package require dofile loadfile debug.
  },
}

std = "kiosk_sandbox"

-- manifest.lua is data (`return { ... }`) read in an empty environment:
-- no names at all are available there.
files["exhibits/*/manifest.lua"] = { std = "none" }
