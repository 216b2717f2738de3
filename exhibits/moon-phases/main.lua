-- Phases of the Moon: drag the Moon around its orbit (seen from above the
-- North Pole, sunlight from the right) and see, on the right, how much of its
-- lit half faces the Earth. "Next phase" glides the Moon a step on (easing),
-- "Listen" plays the narration with captions, and the picture of each phase
-- comes from one sprite sheet (images/phases.png, 8 frames of 256 px).
--
-- How this file is organised: constants, state (set by reset), helpers, then
-- the callbacks. update() moves things, draw() only draws.

-- Constants -------------------------------------------------------------------

local EARTH_X, EARTH_Y, ORBIT_R = 600, 600, 280
local MOON_R, EARTH_R, GRAB_R = 40, 70, 110
local FRAME = 256 -- px of one phase in the sprite sheet (4 across, 2 down)
local STEP = math.pi / 4 -- one phase to the next: an eighth of the orbit

-- The eight phases in orbit order; the frame in the sheet is the same number.
local PHASES = {
  { key = "new", name = { zh = "新月", en = "New moon" }, note = { zh = "亮面背对我们，看不见。", en = "The lit half faces away from us." } },
  { key = "waxing_crescent", name = { zh = "蛾眉月", en = "Waxing crescent" }, note = { zh = "右边亮起细细一弯。", en = "A thin curve lit on the right." } },
  { key = "first_quarter", name = { zh = "上弦月", en = "First quarter" }, note = { zh = "右半边亮，傍晚在南方天空。", en = "The right half lit, high in the evening." } },
  { key = "waxing_gibbous", name = { zh = "盈凸月", en = "Waxing gibbous" }, note = { zh = "亮面一天天变大。", en = "The lit part grows day by day." } },
  { key = "full", name = { zh = "满月", en = "Full moon" }, note = { zh = "整个亮面对着我们。", en = "The whole lit half faces us." } },
  { key = "waning_gibbous", name = { zh = "亏凸月", en = "Waning gibbous" }, note = { zh = "亮面开始变小。", en = "The lit part starts to shrink." } },
  { key = "last_quarter", name = { zh = "下弦月", en = "Last quarter" }, note = { zh = "左半边亮，清晨在南方天空。", en = "The left half lit, high in the morning." } },
  { key = "waning_crescent", name = { zh = "残月", en = "Waning crescent" }, note = { zh = "左边剩下细细一弯。", en = "A thin curve lit on the left." } },
}

-- The narration's sentences, and when each is spoken in each recording
-- (sounds/narration-zh.ogg, narration-en.ogg; scripts/make-moon-phases-narration.py
-- prints the times). Each caption shows the sentence in the visitor's language.
local SENTENCES = {
  { zh = "月亮自己不发光，我们看到的月光，是它反射的太阳光。", en = "The Moon makes no light of its own. Moonlight is sunlight that it reflects." },
  { zh = "太阳总是照亮月球朝着它的那一半。", en = "The Sun always lights the half of the Moon that faces it." },
  { zh = "月球绕着地球转，我们看到的亮面时多时少，这就是月相。", en = "As the Moon goes around the Earth, we see more or less of that lit half. These are the phases." },
  { zh = "从一次新月到下一次新月，大约二十九天半。", en = "From one new moon to the next takes about twenty-nine and a half days." },
  { zh = "月相不是地球的影子造成的。地球的影子落到月亮上，那是月食。", en = "The phases are not the Earth's shadow. When the Earth's shadow falls on the Moon, that is a lunar eclipse." },
}
local SPOKEN = {
  zh = { { 0.0, 8.1 }, { 8.5, 13.8 }, { 14.2, 22.8 }, { 23.2, 29.3 }, { 29.7, 39.7 } },
  en = { { 0.0, 5.2 }, { 5.6, 9.2 }, { 9.6, 15.8 }, { 16.2, 21.2 }, { 21.6, 28.3 } },
}

-- The captions of the recording in language `lang`.
local function captions(lang)
  local list = {}
  for i, sentence in ipairs(SENTENCES) do
    list[i] = { from = SPOKEN[lang][i][1], to = SPOKEN[lang][i][2], zh = sentence.zh, en = sentence.en }
  end
  return list
end

-- State -----------------------------------------------------------------------

local angle     -- the Moon's place on its orbit, radians from the Sun's side, counterclockwise
local dragging  -- the finger holding the Moon, or nil
local glide     -- { from, to, t } while "Next phase" moves the Moon, else nil
local seen      -- seen[i] = true once phase i was shown this visit
local seen_all  -- logged "all_phases_seen" already

local function reset()
  angle, dragging, glide = math.pi, nil, nil -- start at full moon: the familiar one
  seen, seen_all = {}, false
end

-- Helpers ---------------------------------------------------------------------

local function moon_position()
  return EARTH_X + ORBIT_R * math.cos(angle), EARTH_Y - ORBIT_R * math.sin(angle)
end

local function phase_index() -- 1..8, the nearest of the eight phases
  return math.floor(angle / STEP + 0.5) % 8 + 1
end

local function note_phase()
  local i = phase_index()
  if seen[i] then return end
  seen[i] = true
  kiosk.log("phase_seen", { phase = PHASES[i].key })
  local count = 0
  for _ in pairs(seen) do count = count + 1 end
  if count == 8 and not seen_all then
    seen_all = true
    kiosk.log("all_phases_seen")
  end
end

-- A body lit from the right: its dark disc, then the lit right half on top.
local function lit_body(x, y, r, dark, light)
  kiosk.color(dark)
  kiosk.circle("fill", x, y, r)
  kiosk.color(light)
  kiosk.arc("fill", x, y, r, -math.pi / 2, math.pi / 2)
end

-- Callbacks -------------------------------------------------------------------

function exhibit.load()
  reset()
  note_phase()
end

function exhibit.update(dt)
  if glide then
    glide.t = math.min(1, glide.t + dt / 0.8)
    angle = kiosk.lerp(glide.from, glide.to, kiosk.ease("cubic_out", glide.t)) % (2 * math.pi)
    if glide.t == 1 then glide = nil end
  end
  note_phase()
end

function exhibit.draw()
  kiosk.clear("#0B1026")
  -- Sunlight from the right, and the orbit seen from above the North Pole.
  kiosk.color("#FFD75E")
  kiosk.linewidth(4)
  for row = 0, 4 do
    local y = 330 + row * 120
    kiosk.dashline(1100, y, 1020, y, 16, 10)
    kiosk.polygon("fill", { 1000, y, 1020, y - 10, 1020, y + 10 })
  end
  kiosk.text(kiosk.t{ zh = "阳光", en = "Sunlight" }, 1060, 250, { size = 36, align = "center" })
  kiosk.color("#5A6487")
  kiosk.circle("line", EARTH_X, EARTH_Y, ORBIT_R)
  lit_body(EARTH_X, EARTH_Y, EARTH_R, "#1C3A6B", "#4C9BE8")
  local mx, my = moon_position()
  lit_body(mx, my, MOON_R, "#3A3F55", "#ECE9DD")
  kiosk.color("#FFFFFF")
  kiosk.text(kiosk.t{ zh = "从北极上方看：拖动月球绕地球转", en = "Seen from above the North Pole: drag the Moon around the Earth" },
    EARTH_X, 170, { size = 36, align = "center", width = 720 })
  kiosk.text(kiosk.t{ zh = "地球", en = "Earth" }, EARTH_X, EARTH_Y + EARTH_R + 16, { size = 36, align = "center" })

  -- What we see from the Earth: one frame of the sprite sheet.
  local i = phase_index()
  local frame = i - 1
  kiosk.text(kiosk.t{ zh = "从地球上看", en = "Seen from the Earth" }, 1500, 125, { size = 40, align = "center" })
  kiosk.image("images/phases.png", 1500, 415, {
    w = 380, ox = 0.5, oy = 0.5,
    source = { (frame % 4) * FRAME, math.floor(frame / 4) * FRAME, FRAME, FRAME },
  })
  kiosk.text(kiosk.t(PHASES[i].name), 1500, 615, { size = 60, align = "center" })
  kiosk.text(kiosk.t(PHASES[i].note), 1500, 690, { size = 36, align = "center", width = 640 })
  for k = 1, 8 do
    kiosk.color(seen[k] and "#FFD75E" or "#3A3F55")
    kiosk.circle("fill", 1290 + (k - 1) * 60, 778, 14)
  end
  if seen_all then
    kiosk.color("#FFD75E")
    kiosk.text(kiosk.t{ zh = "你看全了一个月的月相！", en = "You saw a whole month of phases!" }, 1500, 180, { size = 36, align = "center" })
  end

  kiosk.color("#FFFFFF")
  if kiosk.button(kiosk.t{ zh = "下一个月相", en = "Next phase" }, 1190, 800, 330, 100) and not glide then
    local from = phase_index() * STEP - STEP
    glide = { from = from, to = from + STEP, t = 0 }
  end
  if kiosk.button(kiosk.t{ zh = "听讲解", en = "Listen" }, 1560, 800, 300, 100) then
    kiosk.narrate("sounds/narration-" .. kiosk.lang() .. ".ogg", captions(kiosk.lang()))
  end
end

function exhibit.touchpressed(id, x, y)
  local mx, my = moon_position()
  if not dragging and kiosk.incircle(x, y, mx, my, GRAB_R) then
    dragging, glide = id, nil
  end
end

function exhibit.touchmoved(id, x, y)
  if id == dragging then
    angle = math.atan(EARTH_Y - y, x - EARTH_X) % (2 * math.pi)
  end
end

function exhibit.touchreleased(id)
  if id == dragging then dragging = nil end
end
