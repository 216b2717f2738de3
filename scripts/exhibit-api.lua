-- Derives the curators' copies of the exhibit API from its one list,
-- engine/script/exhibit_api.lua: this script owns the generated .luacheckrc
-- (its every line, the luacheck settings included) and the check that the
-- curators' guide, exhibits/README.md (Chinese) and its English twin
-- exhibits/README.en.md, shows exactly the listed API.
--
--   lua scripts/exhibit-api.lua write              # rewrites .luacheckrc
--   lua scripts/exhibit-api.lua check-luacheckrc   # fails while .luacheckrc is out of date
--   lua scripts/exhibit-api.lua check-guide        # fails while either guide disagrees
--
-- Runs on any Lua from 5.1 (Debian's luacheck brings lua5.1) to 5.4, from any
-- folder. ctest runs both checks (tests/script/CMakeLists.txt).

local script_dir = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local root = script_dir .. "/.."
local api_path = "engine/script/exhibit_api.lua"
local luacheckrc_path = ".luacheckrc"
local guide_paths = { "exhibits/README.md", "exhibits/README.en.md" }
-- How section 5 of each guide starts and ends its list of what the sandbox has.
local available_markers = { "^Available:", "^可以用：" }
local absent_markers = { "^Not available:", "^不能用：" }

local function starts_with_one_of(line, patterns)
  for _, pattern in ipairs(patterns) do
    if line:match(pattern) then return true end
  end
  return false
end

local function fail(message)
  io.stderr:write("exhibit-api.lua: " .. message .. "\n")
  os.exit(1)
end

local function read_file(path)
  local file, problem = io.open(root .. "/" .. path, "rb")
  if not file then fail("cannot read " .. path .. ": " .. tostring(problem)) end
  local text = file:read("*a")
  file:close()
  return text
end

-- The list, read as data: no libraries, an empty environment.
local function load_api()
  local env, chunk, problem = {}
  if setfenv then -- Lua 5.1
    chunk, problem = loadfile(root .. "/" .. api_path)
    if chunk then setfenv(chunk, env) end
  else
    chunk, problem = loadfile(root .. "/" .. api_path, "t", env)
  end
  if not chunk then fail(tostring(problem)) end
  local ok, api = pcall(chunk)
  if not ok or type(api) ~= "table" then
    fail(api_path .. ": must return a table (" .. tostring(api) .. ")")
  end
  -- The shape is checked with file:line messages by script_tests
  -- ("exhibit_api.lua is well formed"); here only what this script reads.
  for _, key in ipairs({ "kiosk", "callbacks", "base", "libraries", "unoffered", "absent" }) do
    if type(api[key]) ~= "table" then fail(api_path .. ": missing the list '" .. key .. "'") end
  end
  for _, list in ipairs({ "kiosk", "callbacks" }) do
    for i, entry in ipairs(api[list]) do
      if type(entry.name) ~= "string" or type(entry.forms) ~= "table" or
          type(entry.summary) ~= "table" then
        fail(api_path .. ": " .. list .. "[" .. i .. "] needs name, forms and summary")
      end
    end
  end
  return api
end

--------------------------------------------------------------------------------
-- .luacheckrc
--------------------------------------------------------------------------------

-- `items`, each written by `format` ("%q," or "%s"), joined by spaces into
-- lines of at most `width` characters, each starting with `indent`.
local function wrapped(items, format, indent, width)
  local lines, line = {}, indent
  for _, name in ipairs(items) do
    local item = string.format(format, name)
    if #line > #indent and #line + 1 + #item > width then
      lines[#lines + 1] = line
      line = indent
    end
    line = line .. (#line > #indent and " " or "") .. item
  end
  if #line > #indent then lines[#lines + 1] = line end
  return table.concat(lines, "\n")
end

-- Lines for kiosk functions or callbacks: each entry (as `entry_text` writes
-- it), then, in one column, how it is called and what it does.
local function documented_lines(entries, entry_text)
  local texts, width = {}, 0
  for i, entry in ipairs(entries) do
    texts[i] = entry_text(entry)
    if #texts[i] > width then width = #texts[i] end
  end
  local lines = {}
  for i, entry in ipairs(entries) do
    lines[i] = string.format("%-" .. width .. "s  -- %s  %s / %s", texts[i], entry.forms[1],
      entry.summary.zh, entry.summary.en)
  end
  return table.concat(lines, "\n")
end

local function luacheckrc(api)
  local out = {}
  local function add(line) out[#out + 1] = line end
  add([[
-- luacheck settings for exhibits. Run from the repo root:  luacheck exhibits/
--
-- GENERATED from engine/script/exhibit_api.lua (the exhibit API, listed once)
-- by `lua scripts/exhibit-api.lua write`. Edit those, not this file: ctest
-- luacheckrc_is_generated fails while this file is out of date.
--
-- Exhibits run in the kiosk's sandbox, not in plain Lua. So instead of
-- std = "lua54" this file describes the sandbox exactly (see exhibits/README.md):
-- only the names listed below exist. A typo like `kiosk.rectt`, or a name the
-- sandbox does not have (io, os, require, dofile, debug, string.dump...), is
-- reported here, before a visitor ever sees the "resting" card.

-- Every .lua file under the folders you name is an exhibit file, so this
-- config also works from outside the repository (exhibits/README.md, section 9:
-- luacheck --config PATH/.luacheckrc my-exhibit/). In the repository, the
-- runtime's own Lua, the kiosk configs and the test data are not exhibits.
include_files = { "**/*.lua" }
exclude_files = { "build/**", "build-asan/**", "build-fuzz/**", "tests/**", "kiosk-config/**",
                  "engine/**", "scripts/**", "content/**", "bench/**" }

-- Long bilingual sentences are normal in exhibits; don't nag about line length.
max_line_length = false
-- Callbacks get arguments you may not need (touchpressed's id): that is fine.
unused_args = false

-- The callbacks an exhibit may define. Listing them catches a misspelt
-- callback (`function exhibit.drwa()`), which would otherwise never run.
local writable = { read_only = false }

stds.kiosk_sandbox = {
  -- The global table `exhibit` holds the callbacks. main.lua may create it
  -- (`exhibit = {}`) and then fills in the callbacks.
  globals = {
    exhibit = { fields = {]])
  add(documented_lines(api.callbacks, function(callback)
    return "      " .. callback.name .. " = writable,"
  end))
  add([[
    } },
  },
  read_globals = {
    -- The kiosk API (the full list with arguments is in exhibits/README.md).
    kiosk = { fields = {]])
  add(documented_lines(api.kiosk, function(entry)
    return string.format("      %q,", entry.name)
  end))
  add([[
    } },
    -- Lua's base functions that the sandbox keeps. print goes to the kiosk log.]])
  add(wrapped(api.base, "%q,", "    ", 90))
  add("    -- Lua 5.4's libraries. They are read-only. No string.dump.")
  for _, library in ipairs(api.libraries) do
    add(string.format("    %s = { fields = {", library.name))
    add(wrapped(library.fields, "%q,", "      ", 90))
    add("    } },")
  end
  add("    -- Not here on purpose: " .. table.concat(api.absent, " ") .. ".")
  add("    -- In the sandbox, but not for exhibits (luacheck reports them):")
  add(wrapped(api.unoffered, "%s", "    --   ", 90))
  add([[
  },
}

std = "kiosk_sandbox"

-- manifest.lua is data (`return { ... }`) read in an empty environment:
-- no names at all are available there.
files["**/manifest.lua"] = { std = "none" }
]])
  return table.concat(out, "\n")
end

--------------------------------------------------------------------------------
-- The guide
--------------------------------------------------------------------------------

-- Text like `kiosk.NAME` in the guide that is no function on purpose: the
-- statistics file kiosk.db, and the typo sections 6 and 9 show as an example.
local not_functions = { db = true, circel = true }

local function set_of(list)
  local set = {}
  for _, item in ipairs(list) do set[item] = true end
  return set
end

-- The `code` spans in the first column of a table row ("| a | b |").
local function first_cell_code(line)
  local cell = line:match("^|([^|]*)|")
  local spans = {}
  if cell then
    for span in cell:gmatch("`([^`]+)`") do spans[#spans + 1] = span end
  end
  return spans
end

local function check_guide(api, guide_path)
  local problems = {}
  local function problem(line_number, message)
    problems[#problems + 1] = string.format("%s%s: %s", guide_path,
      line_number and (":" .. line_number) or "", message)
  end

  -- Every form of the list, and where the guide shows it.
  local forms, shown = {}, {}
  for _, list in ipairs({ api.kiosk, api.callbacks }) do
    for _, entry in ipairs(list) do
      for _, form in ipairs(entry.forms) do forms[form] = true end
    end
  end
  local functions = {}
  for _, entry in ipairs(api.kiosk) do functions[entry.name] = true end
  local callbacks = {}
  for _, entry in ipairs(api.callbacks) do callbacks[entry.name] = true end

  -- Section 5's table of what is available, and its "Not available:" line.
  local lua_names = set_of(api.base)
  lua_names.kiosk, lua_names.exhibit = true, true
  for _, library in ipairs(api.libraries) do lua_names[library.name] = true end
  local available, in_available, absent_line = {}, false, nil

  local line_number = 0
  for line in (read_file(guide_path) .. "\n"):gmatch("([^\n]*)\n") do
    line_number = line_number + 1
    if line:match("^| `kiosk%.") or line:match("^| `exhibit%.") then
      for _, span in ipairs(first_cell_code(line)) do
        if forms[span] then
          shown[span] = true
        else
          problem(line_number, "`" .. span .. "` is not in " .. api_path ..
            " (a function or form the kiosk does not have, or one not listed there yet)")
        end
      end
    end
    for name in line:gmatch("kiosk%.([%a_][%w_]*)") do
      if not functions[name] and not not_functions[name] then
        problem(line_number, "kiosk." .. name .. " is no function of the kiosk API (" ..
          api_path .. ")")
      end
    end
    for name in line:gmatch("exhibit%.([%a_][%w_]*)%(") do
      if not callbacks[name] then
        problem(line_number, "exhibit." .. name .. "() is no callback (" .. api_path .. ")")
      end
    end
    if starts_with_one_of(line, available_markers) then
      in_available = true
    elseif in_available and line:match("^| `") then
      for _, span in ipairs(first_cell_code(line)) do
        for name in span:gsub("%b()", ""):gmatch("[%a_][%w_%.]*") do
          if lua_names[name] then
            available[name] = true
          else
            problem(line_number, "'" .. name .. "' is not in the sandbox according to " .. api_path)
          end
        end
      end
    elseif in_available and starts_with_one_of(line, absent_markers) then
      in_available = false
      absent_line = line_number
      local listed = line:match("`([^`]*)`") or ""
      local named = {}
      for name in listed:gmatch("%S+") do named[#named + 1] = name end
      if table.concat(named, " ") ~= table.concat(api.absent, " ") then
        problem(line_number, "the names not available should be `" ..
          table.concat(api.absent, " ") .. "` (the list 'absent' in " .. api_path .. ")")
      end
    end
  end

  for _, list in ipairs({ api.kiosk, api.callbacks }) do
    for _, entry in ipairs(list) do
      for _, form in ipairs(entry.forms) do
        if not shown[form] then
          problem(nil, "no table row shows `" .. form .. "` (listed in " .. api_path .. ")")
        end
      end
    end
  end
  local sorted = {}
  for name in pairs(lua_names) do sorted[#sorted + 1] = name end
  table.sort(sorted)
  for _, name in ipairs(sorted) do
    if not available[name] then
      problem(nil, "section 5's table of what is available does not name '" .. name .. "'")
    end
  end
  if not absent_line then problem(nil, "section 5 has no line 'Not available: `...`'") end
  return problems
end

--------------------------------------------------------------------------------

local command = ...
local api = load_api()
if command == "write" then
  local file, problem = io.open(root .. "/" .. luacheckrc_path, "wb")
  if not file then fail("cannot write " .. luacheckrc_path .. ": " .. tostring(problem)) end
  file:write(luacheckrc(api))
  file:close()
  print("wrote " .. luacheckrc_path .. " from " .. api_path)
elseif command == "check-luacheckrc" then
  if read_file(luacheckrc_path) ~= luacheckrc(api) then
    fail(luacheckrc_path .. " is not what " .. api_path ..
      " gives: run `lua scripts/exhibit-api.lua write` and commit the result")
  end
  print(luacheckrc_path .. " is up to date with " .. api_path)
elseif command == "check-guide" then
  for _, guide_path in ipairs(guide_paths) do
    local problems = check_guide(api, guide_path)
    if #problems > 0 then fail("the guide disagrees with " .. api_path .. ":\n" ..
      table.concat(problems, "\n")) end
    print(guide_path .. " shows exactly the API in " .. api_path)
  end
else
  fail("usage: lua scripts/exhibit-api.lua write | check-luacheckrc | check-guide")
end
