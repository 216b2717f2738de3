-- The Water Cycle: an interactive diagram. Touch the sun to heat the sea (vapour
-- rises), watch the cloud grow as the vapour condenses, touch the cloud to make
-- it rain, and follow the rain down the mountain river back to the sea.
-- The four stage cards on the right light up while their stage is happening.
--
-- How this file is organised (a pattern worth copying):
--   1. constants (layout and rates), 2. state, set by reset_cycle(),
--   3. helpers, 4. load/leave/update (moves particles), 5. touch, 6. drawing.
-- Every moving thing is a "particle": a small table in a list. update() moves
-- the particles and removes the finished ones; draw() only draws them.

-- 1. Constants ---------------------------------------------------------------

local SCENE_W = 1360                  -- the action happens in x 0..1360; the cards sit to its right
local GROUND_Y = 780                  -- top of the flat land
local SEA_X, SEA_Y = 860, 800         -- where the sea starts, and its surface
local SUN_X, SUN_Y, SUN_R = 1200, 240, 80
local CLOUD_X, CLOUD_Y = 560, 330
local PEAK_X, PEAK_Y = 340, 420       -- the mountain is a triangle: peak and two base corners
local FOOT_LEFT, FOOT_RIGHT = 20, 700

local HEAT_TIME = 5                   -- seconds of sunshine per touch on the sun
local VAPOUR_RATE = 16                -- vapour puffs per second while the sun heats the sea
local RAIN_RATE = 24                  -- raindrops per second
local WATER_PER_PUFF = 3              -- one puff adds this much to the cloud (which holds 0..100)
local RAIN_NEEDS = 30                 -- the cloud must hold this much before it can rain
local RIVER_SPEED = 220               -- px per second along the river

-- The river, as x, y points from high on the mountain down into the sea.
local RIVER = { 385, 500, 420, 560, 455, 610, 440, 660, 520, 710, 600, 750,
                690, 785, 790, 792, 900, 812 }

-- Shown under the cloud when it is touched before it holds enough water.
local TIP = { zh = "云里的水还不够，先点一点太阳吧！", en = "Not enough water in the cloud yet. Touch the sun first!" }

local STAGES = {
  { title = { zh = "蒸发", en = "Evaporation" },
    text = { zh = "阳光把海水晒热，海水变成看不见的水蒸气，升上天空。",
             en = "The sun warms the sea. Water turns into vapour and rises." },
    mx = 1010, my = 730 },            -- where its number marker sits in the picture
  { title = { zh = "凝结", en = "Condensation" },
    text = { zh = "水蒸气升到高空变冷，凝结成许多小水滴，聚成云朵。",
             en = "High up, vapour cools into tiny droplets: the cloud grows." },
    mx = 790, my = 240 },
  { title = { zh = "降水", en = "Precipitation" },
    text = { zh = "云里的小水滴越聚越大、越来越重，就会落下来，这就是降雨。",
             en = "When the droplets get too heavy, they fall as rain." },
    mx = 740, my = 520 },
  { title = { zh = "径流与汇集", en = "Collection" },
    text = { zh = "雨水落到山上，顺着山坡汇成小河，最后流回大海。",
             en = "Rain runs down the mountain in a river, back to the sea." },
    mx = 800, my = 715 },
}

-- 2. State -------------------------------------------------------------------

local heat            -- seconds of sunshine left
local cloud_water      -- how much water the cloud holds, 0..100
local raining         -- true while the cloud lets its water fall
local vapour, drops, runoff   -- particle lists
local vapour_due, rain_due      -- fractions of a particle carried to the next frame
local condense_glow    -- seconds the condensation stage stays lit after a puff joined the cloud
local tip_time         -- seconds the TIP stays on screen
local river_length     -- total length of RIVER in px

local function reset_cycle()
  heat, cloud_water, raining = 0, 20, false
  vapour, drops, runoff = {}, {}, {}
  vapour_due, rain_due, condense_glow, tip_time = 0, 0, 0, 0
end

-- 3. Helpers -----------------------------------------------------------------

-- Height of the ground (mountain or flat land) at x: where raindrops land.
local function ground_y(x)
  if x > FOOT_LEFT and x <= PEAK_X then
    return GROUND_Y - (GROUND_Y - PEAK_Y) * (x - FOOT_LEFT) / (PEAK_X - FOOT_LEFT)
  elseif x > PEAK_X and x < FOOT_RIGHT then
    return GROUND_Y - (GROUND_Y - PEAK_Y) * (FOOT_RIGHT - x) / (FOOT_RIGHT - PEAK_X)
  end
  return GROUND_Y
end

-- Length of the river piece that starts at RIVER[i], RIVER[i + 1].
local function piece_length(i)
  return math.sqrt((RIVER[i + 2] - RIVER[i]) ^ 2 + (RIVER[i + 3] - RIVER[i + 1]) ^ 2)
end

-- The point `d` px along the river, walking from its first point.
local function river_point(d)
  for i = 1, #RIVER - 3, 2 do
    local len = piece_length(i)
    if d <= len then
      return RIVER[i] + (RIVER[i + 2] - RIVER[i]) * d / len,
             RIVER[i + 1] + (RIVER[i + 3] - RIVER[i + 1]) * d / len
    end
    d = d - len
  end
  return RIVER[#RIVER - 1], RIVER[#RIVER]
end

-- The cloud grows with its water: 0.55 (nearly empty) .. 1.0 (full).
local function cloud_scale()
  return 0.55 + 0.45 * cloud_water / 100
end

-- Which stage is happening right now (1..4).
local function stage_active(n)
  if n == 1 then return heat > 0 or #vapour > 0 end
  if n == 2 then return condense_glow > 0 end
  if n == 3 then return raining or #drops > 0 end
  return #runoff > 0
end

-- 4. Lifecycle and update ------------------------------------------------------

function exhibit.load()
  kiosk.seed(2024)          -- same "random" particles every run: reproducible screenshots
  river_length = 0
  for i = 1, #RIVER - 3, 2 do
    river_length = river_length + piece_length(i)
  end
  reset_cycle()
end

function exhibit.leave()
  reset_cycle()              -- the next visitor starts with a calm, small cloud
end

local function update_vapour(dt)
  -- New puffs rise from the sea while the sun shines.
  if heat > 0 then
    heat = math.max(0, heat - dt)
    vapour_due = vapour_due + VAPOUR_RATE * dt
    while vapour_due >= 1 do
      vapour_due = vapour_due - 1
      table.insert(vapour, { x = SEA_X + 60 + kiosk.random() * (SCENE_W - SEA_X - 100),
                             y = SEA_Y, speed = 70 + 50 * kiosk.random(),
                             phase = 6.28 * kiosk.random() })
    end
  end
  -- Each puff rises; the higher it gets, the more the wind blows it toward the
  -- cloud. At the cloud's height it joins the cloud.
  for i = #vapour, 1, -1 do            -- walk backwards so removing is safe
    local p = vapour[i]
    local height = (SEA_Y - p.y) / (SEA_Y - CLOUD_Y)   -- 0 at the sea, 1 at the cloud
    p.y = p.y - p.speed * dt
    p.x = p.x + (CLOUD_X - p.x) * 0.9 * height * dt
    if p.y < CLOUD_Y + 40 then
      table.remove(vapour, i)
      cloud_water = math.min(100, cloud_water + WATER_PER_PUFF)
      condense_glow = 0.8
    end
  end
  condense_glow = math.max(0, condense_glow - dt)
end

local function update_rain(dt)
  if raining then
    rain_due = rain_due + RAIN_RATE * dt
    while rain_due >= 1 and cloud_water >= 1 do
      rain_due = rain_due - 1
      cloud_water = cloud_water - 1
      local s = cloud_scale()
      table.insert(drops, { x = CLOUD_X + (kiosk.random() * 2 - 1) * 140 * s, y = CLOUD_Y + 50 * s })
    end
    if cloud_water < 1 then raining = false end
  end
  -- Drops fall; where one lands, a bit of water starts down the river.
  for i = #drops, 1, -1 do
    local d = drops[i]
    d.y = d.y + 650 * dt
    if d.y >= ground_y(d.x) then
      table.remove(drops, i)
      table.insert(runoff, { d = 0 })
    end
  end
  -- River water flows downhill; at the end of the river it is back in the sea.
  for i = #runoff, 1, -1 do
    local r = runoff[i]
    r.d = r.d + RIVER_SPEED * dt
    if r.d >= river_length then table.remove(runoff, i) end
  end
end

function exhibit.update(dt)
  update_vapour(dt)
  update_rain(dt)
  tip_time = math.max(0, tip_time - dt)
end

-- 5. Touch -------------------------------------------------------------------

function exhibit.touchpressed(_, x, y)
  -- The sun: a generous circle around it counts as a touch (big target).
  if (x - SUN_X) ^ 2 + (y - SUN_Y) ^ 2 <= (SUN_R + 40) ^ 2 then
    heat = HEAT_TIME
    kiosk.log("sun_touched", { cloud_water = math.floor(cloud_water) })
    return
  end
  -- The cloud: a box around it that grows with the cloud.
  local s = cloud_scale()
  if math.abs(x - CLOUD_X) < 200 * s and math.abs(y - CLOUD_Y) < 120 * s and not raining then
    if cloud_water >= RAIN_NEEDS then
      raining = true
      kiosk.log("rain_started", { cloud_water = math.floor(cloud_water) })
    else
      tip_time = 3
    end
  end
end

-- 6. Drawing -----------------------------------------------------------------

local function draw_sun()
  local glow = heat > 0 and 1 or 0          -- a heating sun looks bigger and brighter
  kiosk.color(glow == 1 and "#FFE08A" or "#FFF3C4")
  kiosk.circle("fill", SUN_X, SUN_Y, SUN_R + 25 + 20 * glow)
  kiosk.color("#FFB703")
  kiosk.linewidth(6)
  for i = 1, 12 do                          -- 12 slowly turning rays
    local a = i * math.pi / 6 + kiosk.time() * 0.2
    local r1, r2 = SUN_R + 12, SUN_R + 40 + 15 * glow
    kiosk.line(SUN_X + r1 * math.cos(a), SUN_Y + r1 * math.sin(a), SUN_X + r2 * math.cos(a), SUN_Y + r2 * math.sin(a))
  end
  kiosk.color("#FFD23F")
  kiosk.circle("fill", SUN_X, SUN_Y, SUN_R)
end

local function draw_land()
  -- Far mountain first, so the near one covers it.
  kiosk.color("#5E8C61")
  kiosk.polygon("fill", { -120, GROUND_Y, 130, 540, 400, GROUND_Y })
  kiosk.color("#8D6E4A")                    -- soil: under the land, and under the sea
  kiosk.rect("fill", 0, GROUND_Y, SEA_X - 40, 1080 - GROUND_Y)
  kiosk.rect("fill", SEA_X - 40, SEA_Y, 300, 1080 - SEA_Y)
  kiosk.color("#7CB342")                    -- grass
  kiosk.rect("fill", 0, GROUND_Y, SEA_X - 100, 24)
  kiosk.color("#E9D8A6")                    -- a sandy beach sloping down to the water
  kiosk.polygon("fill", { SEA_X - 100, GROUND_Y, SEA_X - 40, GROUND_Y, SEA_X + 10, SEA_Y + 4, SEA_X - 100, SEA_Y + 4 })
  kiosk.color("#6D9F71")
  kiosk.polygon("fill", { FOOT_LEFT, GROUND_Y, PEAK_X, PEAK_Y, FOOT_RIGHT, GROUND_Y })
  kiosk.color("#F5F7FA")                    -- snow cap: the top of the same triangle
  kiosk.polygon("fill", { 278, 490, PEAK_X, PEAK_Y, 410, 490 })
  -- The river: thin when quiet, wide and bright while water runs down it.
  local flowing = #runoff > 0
  kiosk.color(flowing and "#3498DB" or "#85C1E9")
  kiosk.linewidth(flowing and 12 or 6)
  kiosk.polyline(RIVER)
  kiosk.color("#2E86C1")                    -- the sea; its left side is the sloping sea bed
  kiosk.polygon("fill", { SEA_X, SEA_Y, 1920, SEA_Y, 1920, 1080, SEA_X + 240, 1080 })
  kiosk.color(1, 1, 1, 0.5)                 -- a few waves drifting along
  kiosk.linewidth(3)
  local shift = (kiosk.time() * 30) % 120
  for x = SEA_X + 40, SCENE_W - 60, 120 do
    kiosk.line(x + shift - 60, SEA_Y + 40, x + shift - 20, SEA_Y + 40)
  end
end

local function draw_cloud()
  local s, fill = cloud_scale(), cloud_water / 100
  -- A fuller cloud is greyer: it holds more water.
  kiosk.color(1 - 0.4 * fill, 1 - 0.38 * fill, 1 - 0.3 * fill)
  local puffs = { { -110, 20, 60 }, { -50, -20, 75 }, { 30, -40, 85 }, { 105, 0, 65 }, { 0, 30, 70 } }
  for _, p in ipairs(puffs) do
    kiosk.circle("fill", CLOUD_X + p[1] * s, CLOUD_Y + p[2] * s, p[3] * s)
  end
  kiosk.ellipse("fill", CLOUD_X, CLOUD_Y + 45 * s, 165 * s, 40 * s)
  -- A gentle pulse says "touch me" when the cloud is ready to rain.
  if cloud_water >= RAIN_NEEDS and not raining then
    kiosk.color(1, 1, 1, 0.6)
    kiosk.linewidth(4)
    local grow = 10 * math.sin(kiosk.time() * 4)
    kiosk.ellipse("line", CLOUD_X, CLOUD_Y, 215 * s + grow, 140 * s + grow)
  end
end

local function draw_particles()
  kiosk.color(1, 1, 1, 0.7)                 -- vapour: small wobbling puffs
  for _, p in ipairs(vapour) do
    kiosk.circle("fill", p.x + 8 * math.sin(kiosk.time() * 3 + p.phase), p.y, 7)
  end
  kiosk.color("#1F6FB2")                    -- rain: short streaks
  kiosk.linewidth(5)
  for _, d in ipairs(drops) do
    kiosk.line(d.x, d.y - 28, d.x, d.y)
  end
  kiosk.color("#D6EAF8")                    -- river water
  for _, r in ipairs(runoff) do
    local x, y = river_point(r.d)
    kiosk.circle("fill", x, y, 6)
  end
end

-- A numbered circle: orange when its stage is happening, white otherwise.
local function draw_marker(n, x, y)
  local on = stage_active(n)
  kiosk.color(on and "#FB8500" or "#FFFFFF")
  kiosk.circle("fill", x, y, 26)
  kiosk.color(on and "#FB8500" or "#34495E")
  kiosk.linewidth(3)
  kiosk.circle("line", x, y, 26)
  kiosk.color(on and "#FFFFFF" or "#34495E")
  kiosk.text(tostring(n), x, y - 20, { size = 34, align = "center" })
end

local function draw_cards()
  -- The cards sit on the sky: no big backdrop, because every filled pixel costs
  -- time on the kiosk's software renderer.
  local x, w = SCENE_W + 30, 1920 - SCENE_W - 60
  local y, h = 104, 200                     -- four cards of 200 px, 24 px apart, centred
  for n, stage in ipairs(STAGES) do
    local on = stage_active(n)
    kiosk.color(on and "#FFF3D6" or "#FFFFFF")
    kiosk.rect("fill", x, y, w, h, 20)
    if on then                              -- a thick orange frame on the live stage
      kiosk.color("#FB8500")
      kiosk.linewidth(6)
      kiosk.rect("line", x, y, w, h, 20)
    end
    draw_marker(n, x + 46, y + 46)
    kiosk.color(on and "#B35900" or "#1B3A57")
    kiosk.text(kiosk.t(stage.title), x + 88, y + 18, { size = 44 })
    kiosk.color("#2C3E50")
    kiosk.text(kiosk.t(stage.text), x + 24, y + 84, { size = 32, width = w - 48 })
    y = y + h + 24
  end
end

function exhibit.draw()
  kiosk.clear("#A8DAF5")
  draw_sun()
  draw_land()
  draw_particles()
  draw_cloud()
  for n, stage in ipairs(STAGES) do
    draw_marker(n, stage.mx, stage.my)
  end

  -- Title and what to do, in the sky (clear of the Home button's corner).
  kiosk.color("#12355B")
  kiosk.text(kiosk.t{ zh = "水的旅行", en = "The Water Cycle" }, 360, 44, { size = 60 })
  kiosk.text(kiosk.t{ zh = "点一点太阳，给海水加热。", en = "Touch the sun to heat the sea." },
             360, 116, { size = 32 })
  kiosk.text(kiosk.t{ zh = "云变大、变灰后，点一点云，让它下雨。", en = "When the cloud turns grey, touch it for rain." },
             360, 160, { size = 32 })

  if tip_time > 0 then                       -- the tip bubble under the cloud
    local tip = kiosk.t(TIP)
    local w, h = kiosk.measure(tip, { size = 32, width = 560 })
    kiosk.color(1, 1, 1, 0.95)
    kiosk.rect("fill", CLOUD_X - w / 2 - 24, CLOUD_Y + 110, w + 48, h + 32, 16)
    kiosk.color("#B35900")
    kiosk.text(tip, CLOUD_X - w / 2, CLOUD_Y + 126, { size = 32, width = 560 })
  end

  draw_cards()
end
