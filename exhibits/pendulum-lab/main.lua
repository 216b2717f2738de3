-- Pendulum Lab: drag the bob to set the string length and the starting angle,
-- let go, and compare the measured swing time (the period) with the textbook
-- formula T = 2π√(L/g) on the Earth, the Moon and Mars.
--
-- How this file is organised (a pattern worth copying):
--   1. constants (layout, scale, physics settings)
--   2. state (everything that changes), set by reset_lab()
--   3. small helper functions
--   4. the lifecycle callbacks: load, update, draw, touch..., leave
-- update() does the physics, draw() only draws, touch callbacks only change state.

-- 1. Constants ---------------------------------------------------------------

local PX_PER_M = 400                -- scale: 1 metre of string = 400 px on screen
local MIN_LEN, MAX_LEN = 0.2, 1.8   -- string length range, metres
local PIVOT_X, PIVOT_Y = 700, 230   -- where the string hangs from
local BOB_R = 38                    -- bob radius, px
local GRAB_R = 110                  -- a finger this close to the bob grabs it (big target)
local MAX_REACH = 560               -- px left/right of the pivot: keeps the bob off the panel
local MAX_ANGLE = math.rad(80)      -- steepest starting angle we allow
local PANEL_X, PANEL_Y, PANEL_W, PANEL_H = 1330, 180, 540, 860

local STEP = 1 / 1000               -- physics substep, s: small steps keep the swing accurate
local TRAIL_LEN = 36                -- how many recent bob positions the trail shows

local PLANETS = {
  { key = "earth", g = 9.81, name = { zh = "地球", en = "Earth" } },
  { key = "moon",  g = 1.62, name = { zh = "月球", en = "Moon" } },
  { key = "mars",  g = 3.71, name = { zh = "火星", en = "Mars" } },
}

-- 2. State -------------------------------------------------------------------

local planet          -- index into PLANETS
local length          -- string length, metres
local angle, speed    -- angle from straight down (rad, + = right) and its rate (rad/s)
local release_angle    -- the angle the visitor let go at (rad)
local dragging        -- id of the finger holding the bob, or nil
local sim_time         -- simulated seconds since the last release
local leftover        -- part of dt not yet simulated (less than one STEP)
local last_crossing    -- sim_time of the last left-to-right pass through the bottom
local period          -- measured period, s (nil until one full swing was seen)
local trail           -- recent bob positions, newest first: { {x=, y=}, ... }

-- 3. Helpers -----------------------------------------------------------------

local function clamp(v, lo, hi)
  return math.max(lo, math.min(hi, v))
end

local function gravity()
  return PLANETS[planet].g
end

-- The small-angle formula every textbook prints.
local function formula_period()
  return 2 * math.pi * math.sqrt(length / gravity())
end

local function bob_position()
  local r = length * PX_PER_M
  return PIVOT_X + r * math.sin(angle), PIVOT_Y + r * math.cos(angle)
end

-- Starts a fresh swing from angle `a` at rest and forgets the old measurement.
local function start_swing(a)
  angle, speed = a, 0
  release_angle = a
  sim_time, leftover = 0, 0
  last_crossing, period = nil, nil
  trail = {}
end

-- Every visitor starts from the same friendly setup: 1 m on Earth, 30 degrees.
local function reset_lab()
  planet = 1
  length = 1.0
  dragging = nil
  start_swing(math.rad(30))
end

-- One physics step of the real (not small-angle) pendulum equation
--     theta'' = -(g / L) * sin(theta)
-- using semi-implicit Euler: update the speed first, then the angle with the
-- new speed. This simple order keeps the swing from slowly growing or dying.
local function step(h)
  local before = angle
  speed = speed - (gravity() / length) * math.sin(angle) * h
  angle = angle + speed * h
  sim_time = sim_time + h
  -- Passing the bottom from left to right again means one full period passed.
  if before < 0 and angle >= 0 then
    -- Find where inside this step the crossing happened, for a sharper reading.
    local t = sim_time - h + h * (-before) / (angle - before)
    if last_crossing then
      period = t - last_crossing
    end
    last_crossing = t
  end
end

-- Turns a finger position into a string length and angle, kept in range.
local function hold_bob_at(x, y)
  local dx, dy = x - PIVOT_X, y - PIVOT_Y
  local a = clamp(math.atan(dx, dy), -MAX_ANGLE, MAX_ANGLE)
  local r = clamp(math.sqrt(dx * dx + dy * dy), MIN_LEN * PX_PER_M, MAX_LEN * PX_PER_M)
  -- A long string at a steep angle would reach the panel: limit the angle.
  if r * math.abs(math.sin(a)) > MAX_REACH then
    local limit = math.asin(MAX_REACH / r)
    a = (a > 0) and limit or -limit
  end
  length = r / PX_PER_M
  angle, speed = a, 0
  release_angle = a       -- the panel shows the angle while the visitor drags
  trail = {}
end

local function degrees(a)
  return math.floor(math.deg(a) + 0.5)
end

-- 4. Lifecycle callbacks -----------------------------------------------------

function exhibit.load()
  reset_lab()
end

function exhibit.leave()
  reset_lab()   -- the next visitor must not inherit this one's pendulum
end

function exhibit.update(dt)
  if dragging then return end          -- the visitor is holding the bob still
  -- Simulate in fixed small steps, whatever the frame time. The cap stops a
  -- long hiccup (a slow frame) from making the kiosk catch up for seconds.
  leftover = leftover + math.min(dt, 0.1)
  while leftover >= STEP do
    step(STEP)
    leftover = leftover - STEP
  end
  -- Remember where the bob was, newest first, for the fading trail.
  local x, y = bob_position()
  table.insert(trail, 1, { x = x, y = y })
  trail[TRAIL_LEN + 1] = nil
end

function exhibit.touchpressed(id, x, y)
  local bx, by = bob_position()
  local dx, dy = x - bx, y - by
  if dragging == nil and dx * dx + dy * dy <= GRAB_R * GRAB_R then
    dragging = id
    hold_bob_at(x, y)
  end
end

function exhibit.touchmoved(id, x, y)
  if id == dragging then
    hold_bob_at(x, y)
  end
end

function exhibit.touchreleased(id)
  if id == dragging then
    dragging = nil
    start_swing(angle)
    kiosk.log("released", {
      length_m = math.floor(length * 100 + 0.5) / 100,
      angle_deg = degrees(angle),
    })
  end
end

-- Drawing ----------------------------------------------------------------------

local function draw_title()
  kiosk.color("#FFFFFF")
  kiosk.text(kiosk.t{ zh = "单摆实验室", en = "Pendulum Lab" }, 360, 44, { size = 60 })
  kiosk.color("#A9C4E4")
  kiosk.text(kiosk.t{ zh = "拖动摆锤，改变摆长和角度；松手，让它摆起来。",
                      en = "Drag the bob to set length and angle, then let go." },
             360, 120, { size = 32 })
end

local function draw_pendulum()
  local bx, by = bob_position()
  local r = length * PX_PER_M

  -- The beam the pendulum hangs from.
  kiosk.color("#4A6A90")
  kiosk.rect("fill", PIVOT_X - 220, PIVOT_Y - 30, 440, 26, 8)

  -- Dashed "straight down" line, the zero of the angle.
  kiosk.color(1, 1, 1, 0.3)
  kiosk.linewidth(3)
  for d = 10, 250, 30 do
    kiosk.line(PIVOT_X, PIVOT_Y + d, PIVOT_X, PIVOT_Y + d + 15)
  end

  -- Angle arc between the dashed line and the string, with the angle in degrees.
  if math.abs(angle) > math.rad(2) then
    local arc_r = clamp(r - BOB_R - 20, 40, 140)
    local points = {}
    for i = 0, 16 do
      local a = angle * i / 16
      points[#points + 1] = PIVOT_X + arc_r * math.sin(a)
      points[#points + 1] = PIVOT_Y + arc_r * math.cos(a)
    end
    kiosk.color("#FFD166")
    kiosk.linewidth(5)
    kiosk.polyline(points)
    -- The number goes on the other side of the dashed line, so the string never covers it.
    local label = math.abs(degrees(angle)) .. "°"
    if angle > 0 then
      kiosk.text(label, PIVOT_X - 16, PIVOT_Y + arc_r - 24, { size = 32, align = "right" })
    else
      kiosk.text(label, PIVOT_X + 16, PIVOT_Y + arc_r - 24, { size = 32 })
    end
  end

  -- Fading trail: older positions are smaller and more transparent.
  for i, p in ipairs(trail) do
    local fade = 1 - i / (TRAIL_LEN + 1)
    kiosk.color(0.96, 0.64, 0.38, 0.45 * fade)
    kiosk.circle("fill", p.x, p.y, 4 + 14 * fade)
  end

  -- String and pivot.
  kiosk.color("#E8EEF5")
  kiosk.linewidth(3)
  kiosk.line(PIVOT_X, PIVOT_Y, bx, by)
  kiosk.color("#C9D6E3")
  kiosk.circle("fill", PIVOT_X, PIVOT_Y, 11)

  -- Length label beside the middle of the string, on the side away from the dashed line.
  local side = (angle >= 0) and 1 or -1
  kiosk.color("#FFFFFF")
  kiosk.text(string.format("%.2f m", length),
             (PIVOT_X + bx) / 2 + side * 70 * math.cos(angle),
             (PIVOT_Y + by) / 2 - side * 70 * math.sin(angle) - 20, { size = 32, align = "center" })

  -- The bob: a shadow, the ball, a rim and a shiny highlight.
  kiosk.color(0, 0, 0, 0.25)
  kiosk.circle("fill", bx + 5, by + 7, BOB_R)
  kiosk.color("#F4A261")
  kiosk.circle("fill", bx, by, BOB_R)
  kiosk.color("#B5652A")
  kiosk.circle("line", bx, by, BOB_R)
  kiosk.color(1, 1, 1, 0.6)
  kiosk.circle("fill", bx - 12, by - 13, 10)

  -- A gently pulsing ring says "you can grab me".
  if not dragging then
    kiosk.color(1, 1, 1, 0.35)
    kiosk.circle("line", bx, by, BOB_R + 16 + 6 * math.sin(kiosk.time() * 3))
  end
end

local function draw_panel()
  local x, w = PANEL_X + 30, PANEL_W - 60
  kiosk.color("#1C3352")
  kiosk.rect("fill", PANEL_X, PANEL_Y, PANEL_W, PANEL_H, 24)

  -- Gravity switch.
  kiosk.color("#A9C4E4")
  kiosk.text(kiosk.t{ zh = "重力", en = "Gravity" }, x, PANEL_Y + 20, { size = 36 })
  local names = {}
  for i, p in ipairs(PLANETS) do
    names[i] = kiosk.t(p.name)
  end
  local picked = kiosk.choice(names, planet, x, PANEL_Y + 70, w)
  if picked ~= planet then
    planet = picked
    start_swing(release_angle)   -- same swing again, so the planets compare fairly
    kiosk.log("gravity_changed", { planet = PLANETS[planet].key })
  end

  kiosk.color("#FFFFFF")
  local start_deg = math.abs(degrees(release_angle))
  kiosk.text(string.format("g = %.2f m/s²", gravity()), x, PANEL_Y + 172, { size = 32 })
  kiosk.text(kiosk.t{ zh = string.format("摆长 %.2f m    起摆角 %d°", length, start_deg),
                      en = string.format("Length %.2f m    Angle %d°", length, start_deg) },
             x, PANEL_Y + 214, { size = 32 })
  kiosk.color("#A9C4E4")
  local _, def_h = kiosk.text(kiosk.t{ zh = "周期 T：摆过去再摆回来所用的时间。",
                                      en = "Period T: the time the bob takes to swing there and back." },
                             x, PANEL_Y + 262, { size = 32, width = w })

  -- Measured period and formula side by side.
  local box_y, half = PANEL_Y + 280 + def_h, w / 2
  kiosk.color("#28476E")
  kiosk.rect("fill", x, box_y, w, 200, 16)
  kiosk.color("#A9C4E4")
  kiosk.text(kiosk.t{ zh = "实测周期", en = "Measured" }, x + half / 2, box_y + 16, { size = 32, align = "center" })
  kiosk.text("2π√(L/g)", x + half * 1.5, box_y + 16, { size = 32, align = "center" })
  kiosk.color("#F4A261")
  local measured = period and string.format("%.2f s", period) or "…"
  kiosk.text(measured, x + half / 2, box_y + 66, { size = 60, align = "center" })
  kiosk.color("#7FDBCA")
  kiosk.text(string.format("%.2f s", formula_period()), x + half * 1.5, box_y + 66, { size = 60, align = "center" })
  kiosk.color("#A9C4E4")
  local note
  if dragging then
    note = kiosk.t{ zh = "松手，让它摆起来", en = "Let go to start the swing" }
  elseif math.abs(release_angle) < math.rad(1) then
    note = kiosk.t{ zh = "把摆锤拉到一边再松手", en = "Pull the bob aside, then let go" }
  elseif period then
    local diff = (period / formula_period() - 1) * 100
    note = kiosk.t{ zh = string.format("相差 %+.1f%%", diff), en = string.format("Difference %+.1f%%", diff) }
  else
    note = kiosk.t{ zh = "正在测量一次完整摆动…", en = "Timing one full swing…" }
  end
  kiosk.text(note, x + w / 2, box_y + 146, { size = 32, align = "center" })

  -- What to notice. Each line is drawn below the previous one.
  local lines = {
    kiosk.t{ zh = "• 摆绳越长，摆得越慢。", en = "• Longer string: slower swing." },
    kiosk.t{ zh = "• 重力越弱，摆得越慢。", en = "• Weaker gravity: slower swing." },
    kiosk.t{ zh = "• 摆锤轻重不影响周期。", en = "• The mass of the bob does not matter." },
    kiosk.t{ zh = "• 摆角大时，实测周期比公式略长。",
             en = "• At big angles the real period is a bit longer than the formula." },
  }
  local y = box_y + 230
  kiosk.color("#FFFFFF")
  for _, line in ipairs(lines) do
    local _, h = kiosk.text(line, x, y, { size = 32, width = w })
    y = y + h + 14
  end
end

function exhibit.draw()
  kiosk.clear("#12233B")
  draw_title()
  draw_pendulum()
  draw_panel()
end
