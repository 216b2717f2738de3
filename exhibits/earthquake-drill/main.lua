-- Earthquake Safety Drill (地震避险演练): a sample exhibit to copy.
--
-- Three screens (screen): "shelter" (step 1: the room shakes, touch where
-- you would shelter), "actions" (step 2: tap Drop, Cover, Hold on in order),
-- "summary" (what to remember, "try again"). The file goes: 1. content (all
-- visitor text), 2. state, 3. drawing helpers, 4. screens and callbacks.
-- The advice follows China's public earthquake-safety guidance: 伏地、遮挡、
-- 手抓牢; keep away from windows and tall furniture; no elevators, never jump;
-- when the shaking stops, walk calmly to open ground.

-- 1. Content -----------------------------------------------------------------
-- The places a visitor can touch. x, y, w, h is the touch area (at least
-- 88 px each way, so small fingers hit it); mx, my is where the mark goes.
local SPOTS = {
  { id = "window", safe = false, x = 150, y = 240, w = 350, h = 610, mx = 325, my = 790,
    name = { zh = "窗户边", en = "By the window" },
    why = { zh = "地震时玻璃会被震碎，碎片会伤人。要远离窗户和玻璃。",
            en = "Shaking can break the glass, and the pieces cut. Keep away from windows and glass." } },
  { id = "shelf", safe = false, x = 515, y = 240, w = 250, h = 610, mx = 640, my = 790,
    name = { zh = "高书架旁", en = "Next to the tall shelf" },
    why = { zh = "高大的书架容易倒下砸伤人，书也会掉下来。要远离高大家具。",
            en = "A tall shelf can fall on you, and books fly off it. Keep away from tall furniture." } },
  { id = "lamp", safe = false, x = 780, y = 170, w = 195, h = 680, mx = 878, my = 790,
    name = { zh = "吊灯下面", en = "Under the lamp" },
    why = { zh = "吊灯会摇晃，还可能掉下来。不要待在悬挂物的下面。",
            en = "A hanging lamp swings and can fall. Never stay under hanging things." } },
  { id = "table", safe = true, x = 990, y = 540, w = 385, h = 310, mx = 1180, my = 680,
    name = { zh = "结实的桌子下", en = "Under the sturdy table" },
    why = { zh = "躲到结实的桌子下，护住头和脖子，抓牢桌腿。",
            en = "Get under a sturdy table, protect your head and neck, and hold a table leg." } },
  { id = "corner", safe = true, x = 1390, y = 240, w = 180, h = 610, mx = 1432, my = 790,
    name = { zh = "内墙墙角", en = "The inner wall corner" },
    why = { zh = "内墙墙角比较牢固，又远离窗户。蹲下，护住头和脖子。",
            en = "An inner wall corner is strong and far from windows. Crouch and cover your head." } },
  { id = "door", safe = false, x = 1585, y = 240, w = 225, h = 610, mx = 1690, my = 790,
    name = { zh = "跑出门去坐电梯、走楼梯", en = "Run out to the elevator or stairs" },
    why = { zh = "摇晃时奔跑容易摔倒、被砸伤。不要乘电梯，更不能跳楼！先就近躲避，震后再撤离。",
            en = "Running while it shakes, you can fall or be hit. No elevators, never jump! Shelter first, leave after." } },
}

-- Step 2, in the right order. `pose` is the stick figure's pose (POSES below).
local ACTIONS = {
  { pose = "drop", name = { zh = "趴下", en = "Drop" },
    how = { zh = "伏地趴下，降低重心，防止摔倒。", en = "Get down on your hands and knees so you don't fall." } },
  { pose = "cover", name = { zh = "掩护", en = "Cover" },
    how = { zh = "躲到结实的桌子下，用手臂护住头颈。", en = "Get under the table; cover your head and neck." } },
  { pose = "hold", name = { zh = "抓牢", en = "Hold on" },
    how = { zh = "一手抓牢桌腿，直到震动停止。", en = "Hold a table leg tightly until the shaking stops." } },
}

local REMEMBER = {
  { zh = "伏地、遮挡、手抓牢：趴下，躲到结实的桌下或内墙墙角，护住头颈。",
    en = "Drop, cover, hold on: get down, shelter under a sturdy table or by an inner wall." },
  { zh = "远离窗户、玻璃、高大的家具和吊灯。",
    en = "Keep away from windows, glass, tall furniture and hanging lamps." },
  { zh = "摇晃时不要乱跑，不要乘电梯，千万不要跳楼。",
    en = "While it shakes: don't run, don't use the elevator, never jump from a building." },
  { zh = "震动停止后，走楼梯，有序撤离到空旷的地方。",
    en = "When the shaking stops, take the stairs and walk calmly to open ground." },
}

-- What the summary card says for 1, 2 or 3 stars.
local PRAISE = {
  { zh = "多练几次，遇到地震就不慌。", en = "Practise a few more times, and you will stay calm." },
  { zh = "很好！再练一次就全对了。", en = "Well done! One more try and it will be perfect." },
  { zh = "全对！你是避险小能手。", en = "All correct! You know how to stay safe." },
}

-- Colours in one place, so a curator can restyle the exhibit quickly.
local COLOUR = {
  bg = "#FFF8EC", wall = "#F3E9D2", floor = "#D2B48C", wood = "#A0522D", dark = "#5E3A1A",
  glass = "#9ED3F0", ink = "#2B2B2B", good = "#2E9E4F", bad = "#D64541", panel = "#FFFFFF",
  books = { "#C0392B", "#2980B9", "#27AE60", "#F39C12" },
}

-- 2. State -------------------------------------------------------------------
-- Everything about the current visitor; start() sets each afresh.
local screen, quake, shake_x, shake_y, chosen, found_safe, mistakes, placed
local order, hint, pose, prev_pose, pose_since, done_at, stars

-- Fisher-Yates shuffle with kiosk.random, so the order repeats with the seed.
local function shuffled(list)
  for i = #list, 2, -1 do
    local j = kiosk.random(i)
    list[i], list[j] = list[j], list[i]
  end
  return list
end

local function start()
  screen = "shelter"
  quake = 1            -- shaking strength, 0 (still) .. 1 (strong)
  shake_x, shake_y = 0, 0  -- this frame's shake offset, in px
  chosen = nil         -- the last SPOTS entry touched
  found_safe = false
  mistakes = 0         -- wrong spots + wrong order taps; sets the stars
  placed = 0           -- how many ACTIONS are in place (step 2)
  order = shuffled({ 1, 2, 3 }) -- button order on screen (step 2)
  hint = false         -- show the "wrong order" hint
  pose = "stand"       -- the stick figure's pose (step 2) ...
  prev_pose = "stand"  -- ... and the one it is moving from
  pose_since = 0       -- kiosk.time() when the pose changed
  done_at = nil        -- kiosk.time() when step 2 was finished
  stars = nil          -- set when step 2 is finished
end

-- 3. Drawing helpers ---------------------------------------------------------
local function say(text, x, y, size, align, width)
  return kiosk.text(text, x, y, { size = size, align = align or "left", width = width or 0 })
end

-- The title and the one-line prompt at the top of a step (clear of the Home button).
local function heading(title, prompt, prompt_color)
  kiosk.color(COLOUR.ink); say(kiosk.t(title), 960, 24, 60, "center")
  kiosk.color(prompt_color or COLOUR.ink); say(kiosk.t(prompt), 960, 104, 36, "center")
end

local function draw_room(t)
  local q = quake
  kiosk.color(COLOUR.wall); kiosk.rect("fill", 100, 170, 1720, 570)
  kiosk.color(COLOUR.floor); kiosk.rect("fill", 100, 740, 1720, 110)

  -- Window: white frame, blue glass, two shines.
  kiosk.color("#FFFFFF"); kiosk.rect("fill", 170, 270, 310, 320, 8)
  kiosk.color(COLOUR.glass); kiosk.rect("fill", 185, 285, 280, 290)
  kiosk.color("#FFFFFF"); kiosk.linewidth(12)
  kiosk.line(325, 285, 325, 575); kiosk.line(185, 430, 465, 430)
  kiosk.color(1, 1, 1, 0.7); kiosk.linewidth(6)
  kiosk.line(205, 400, 265, 305); kiosk.line(350, 555, 420, 450)

  -- Tall bookshelf. It rocks around the middle of its base: push, move the
  -- origin to that point, rotate, draw around (0, 0), pop.
  kiosk.push()
  kiosk.translate(640, 740)
  kiosk.rotate(math.sin(t * 9) * 0.04 * q)
  kiosk.color(COLOUR.wood); kiosk.rect("fill", -95, -490, 190, 490)
  for i = 0, 3 do
    local y = -470 + i * 118
    kiosk.color(COLOUR.dark); kiosk.rect("fill", -83, y, 166, 100)
    for b = 0, 5 do
      local h = 60 + ((i * 7 + b * 5) % 4) * 8
      kiosk.color(COLOUR.books[(i + b) % 4 + 1]); kiosk.rect("fill", -77 + b * 26, y + 100 - h, 22, h)
    end
  end
  kiosk.pop()

  -- Hanging lamp, swinging from the ceiling like a pendulum.
  kiosk.push()
  kiosk.translate(878, 170)
  kiosk.rotate(math.sin(t * 5) * 0.25 * q)
  kiosk.color("#444444"); kiosk.linewidth(4); kiosk.line(0, 0, 0, 150)
  kiosk.color("#FFF3B0"); kiosk.circle("fill", 0, 215, 22)
  kiosk.color("#E8B04A"); kiosk.polygon("fill", { -30, 150, 30, 150, 75, 215, -75, 215 })
  kiosk.pop()

  -- Sturdy table: a thick top and thick legs.
  kiosk.color(COLOUR.wood)
  kiosk.rect("fill", 1000, 560, 360, 36, 6)
  kiosk.rect("fill", 1020, 596, 30, 144); kiosk.rect("fill", 1310, 596, 30, 144)

  -- Inner wall corner: a partition wall coming towards us (darker = in shade).
  kiosk.color("#D9CCAE")
  kiosk.polygon("fill", { 1480, 170, 1560, 170, 1560, 850, 1480, 740 })
  kiosk.color("#B8A888"); kiosk.linewidth(4); kiosk.line(1480, 170, 1480, 740)

  -- Doorway to the stairs and the elevator, with a green exit sign.
  kiosk.color(COLOUR.dark); kiosk.rect("fill", 1590, 320, 200, 420)
  kiosk.color("#3B3B48"); kiosk.rect("fill", 1605, 335, 170, 405)
  kiosk.color("#8A8A9A"); kiosk.linewidth(8)
  kiosk.polyline({ 1605, 700, 1650, 700, 1650, 650, 1695, 650, 1695, 600, 1740, 600, 1740, 550, 1775, 550 })
  kiosk.color(COLOUR.good); kiosk.rect("fill", 1600, 230, 180, 70, 8)
  kiosk.color("#FFFFFF"); say(kiosk.t{ zh = "出口", en = "EXIT" }, 1690, 244, 36, "center")
end

-- A round mark: green tick for a safe spot, red cross for a dangerous one.
local function draw_mark(x, y, safe)
  kiosk.color("#FFFFFF"); kiosk.circle("fill", x, y, 46)
  kiosk.color(safe and COLOUR.good or COLOUR.bad); kiosk.linewidth(10); kiosk.circle("line", x, y, 46)
  if safe then kiosk.polyline({ x - 22, y, x - 6, y + 18, x + 24, y - 18 }) return end
  kiosk.line(x - 18, y - 18, x + 18, y + 18); kiosk.line(x - 18, y + 18, x + 18, y - 18)
end

-- Stick figure joints for each pose (side view, facing the table).
local POSES = {
  stand = { head = { 400, 450 }, neck = { 400, 495 }, hip = { 400, 640 }, knee = { 400, 720 },
            foot = { 400, 800 }, hand1 = { 425, 630 }, hand2 = { 375, 630 } },
  drop  = { head = { 605, 690 }, neck = { 565, 705 }, hip = { 470, 715 }, knee = { 470, 800 },
            foot = { 380, 800 }, hand1 = { 575, 800 }, hand2 = { 595, 800 } },
  cover = { head = { 945, 690 }, neck = { 900, 705 }, hip = { 800, 715 }, knee = { 800, 800 },
            foot = { 710, 800 }, hand1 = { 935, 648 }, hand2 = { 910, 800 } },
  hold  = { head = { 945, 690 }, neck = { 900, 705 }, hip = { 800, 715 }, knee = { 800, 800 },
            foot = { 710, 800 }, hand1 = { 935, 648 }, hand2 = { 1025, 730 } },
}

-- Draws the figure part way (k = 0..1) from pose a to pose b: a smooth move.
local function draw_figure(a, b, k)
  local p = {}
  for joint, from in pairs(POSES[a]) do
    local to = POSES[b][joint]
    p[joint] = { from[1] + (to[1] - from[1]) * k, from[2] + (to[2] - from[2]) * k }
  end
  kiosk.color("#3465A4"); kiosk.linewidth(24)
  kiosk.polyline({ p.neck[1], p.neck[2], p.hip[1], p.hip[2], p.knee[1], p.knee[2], p.foot[1], p.foot[2] })
  for _, j in ipairs({ p.hip, p.knee }) do kiosk.circle("fill", j[1], j[2], 12) end -- round joints
  kiosk.color("#24497A"); kiosk.linewidth(16) -- arms darker, so they stand out from the body
  kiosk.line(p.neck[1], p.neck[2], p.hand1[1], p.hand1[2])
  kiosk.line(p.neck[1], p.neck[2], p.hand2[1], p.hand2[2])
  kiosk.color("#F2C9A0"); kiosk.circle("fill", p.head[1], p.head[2], 32)
end

-- A filled polygon must be convex and a star is not. So: five convex "kites"
-- (point, inner corner, centre, inner corner), then the centre pentagon on top
-- to hide the joins between them.
local function draw_star(x, y, r)
  local function at(k, d) -- k even: a point of the star; k odd: an inner corner
    local angle = -math.pi / 2 + k * math.pi / 5
    return x + d * math.cos(angle), y + d * math.sin(angle)
  end
  local centre = {}
  for i = 0, 4 do
    local tx, ty = at(2 * i, r)
    local ax, ay = at(2 * i - 1, r * 0.45)
    local bx, by = at(2 * i + 1, r * 0.45)
    kiosk.polygon("fill", { tx, ty, bx, by, x, y, ax, ay })
    centre[#centre + 1], centre[#centre + 2] = bx, by
  end
  kiosk.polygon("fill", centre)
end

-- 4. Screens and callbacks ---------------------------------------------------
local function draw_shelter()
  heading({ zh = "第1步：地面在摇晃！", en = "Step 1: The ground is shaking!" },
          { zh = "你会躲在哪里？点一点房间里的地方。", en = "Where do you shelter? Touch a spot in the room." })

  -- Only the room shakes; text and buttons stay still so they stay readable.
  kiosk.push()
  kiosk.translate(shake_x, shake_y)
  draw_room(kiosk.time())
  if chosen then draw_mark(chosen.mx, chosen.my, chosen.safe) end
  kiosk.pop()

  kiosk.color(COLOUR.panel); kiosk.rect("fill", 100, 865, 1720, 200, 16)
  local spot = chosen
  if not spot then
    kiosk.color(COLOUR.ink)
    say(kiosk.t{ zh = "想一想：什么东西会倒下、掉落或者碎裂？",
                 en = "Think: what could fall over, drop down or break?" }, 140, 930, 40)
    return
  end
  local verdict = spot.safe and kiosk.t{ zh = "安全！", en = "safe!" }
                             or kiosk.t{ zh = "危险，再选一次", en = "not safe, try again" }
  kiosk.color(spot.safe and COLOUR.good or COLOUR.bad)
  say(kiosk.t(spot.name) .. kiosk.t{ zh = "：", en = ": " } .. verdict, 140, 878, 48)
  kiosk.color(COLOUR.ink)
  say(kiosk.t(spot.why), 140, 948, 36, "left", found_safe and 1260 or 1640) -- leave room for "Next"
  if found_safe and kiosk.button(kiosk.t{ zh = "下一步", en = "Next" }, 1450, 895, 340, 140) then
    screen, quake = "actions", 0.6 -- the drill goes on: it still shakes
  end
end

local function draw_actions()
  local title = { zh = "第2步：趴下、掩护、抓牢", en = "Step 2: Drop, Cover, Hold on" }
  if hint then
    heading(title, { zh = "还不对哦：先防止摔倒，再护住头颈，最后抓牢。",
                     en = "Not yet! First don't fall, then protect your head, then hold on." }, COLOUR.bad)
  else
    heading(title, { zh = "按正确的顺序点下面的三个动作。", en = "Tap the three actions below in the right order." })
  end

  -- Left: a small scene with the table and the figure acting out each step.
  kiosk.push()
  kiosk.translate(shake_x, shake_y)
  kiosk.color(COLOUR.wall); kiosk.rect("fill", 100, 180, 1000, 620)
  kiosk.color(COLOUR.floor); kiosk.rect("fill", 100, 800, 1000, 50)
  kiosk.color(COLOUR.wood); kiosk.rect("fill", 660, 560, 380, 40, 6)
  kiosk.rect("fill", 680, 600, 30, 200); kiosk.rect("fill", 1000, 600, 30, 200)
  draw_figure(prev_pose, pose, math.min(1, (kiosk.time() - pose_since) / 0.6))
  kiosk.pop()
  if placed > 0 then -- name the action being shown, big
    kiosk.color(COLOUR.good); say(kiosk.t(ACTIONS[placed].name), 600, 230, 72, "center")
  end

  -- Right: three numbered slots that fill in as the visitor gets them right.
  for i, action in ipairs(ACTIONS) do
    local y = 180 + (i - 1) * 225
    kiosk.color(COLOUR.panel); kiosk.rect("fill", 1150, y, 670, 205, 16)
    kiosk.color(i <= placed and COLOUR.good or "#BBBBBB"); kiosk.circle("fill", 1205, y + 55, 36)
    kiosk.color("#FFFFFF"); say(tostring(i), 1205, y + 32, 40, "center")
    kiosk.color(COLOUR.ink)
    if i <= placed then
      say(kiosk.t(action.name), 1265, y + 22, 48)
      say(kiosk.t(action.how), 1265, y + 88, 36, "left", 530)
    else
      kiosk.color("#BBBBBB"); say("?", 1265, y + 22, 48)
    end
  end

  -- Buttons work only inside draw(), so taps on them are handled right here.
  if placed < #ACTIONS then
    -- Big buttons in shuffled order; a button disappears once it is placed.
    for slot, index in ipairs(order) do
      local x = 160 + (slot - 1) * 560
      if index > placed and kiosk.button(kiosk.t(ACTIONS[index].name), x, 890, 480, 140) then
        if index == placed + 1 then
          placed, hint = index, false
          prev_pose, pose, pose_since = pose, ACTIONS[index].pose, kiosk.time()
          if index == #ACTIONS then done_at = kiosk.time() end
        else
          hint, mistakes = true, mistakes + 1
        end
      end
    end
  elseif kiosk.time() - done_at < 2.5 then
    kiosk.color(COLOUR.ink)
    say(kiosk.t{ zh = "保持不动，直到震动停止……", en = "Stay there until the shaking stops..." }, 160, 930, 40)
  else
    kiosk.color(COLOUR.good)
    say(kiosk.t{ zh = "震动停止了。走楼梯，有序撤离到空旷的地方。",
                 en = "The shaking has stopped. Take the stairs and walk calmly to open ground." },
        160, 905, 36, "left", 1150)
    if kiosk.button(kiosk.t{ zh = "看总结", en = "See summary" }, 1400, 890, 420, 140) then
      screen = "summary"
      stars = mistakes == 0 and 3 or (mistakes <= 2 and 2 or 1)
      kiosk.log("drill_completed", { score = stars, mistakes = mistakes })
    end
  end
end

local function draw_summary()
  kiosk.color(COLOUR.panel); kiosk.rect("fill", 360, 150, 1200, 900, 24)
  kiosk.color(COLOUR.ink)
  say(kiosk.t{ zh = "演练完成！", en = "Drill complete!" }, 960, 180, 64, "center")
  for i = 1, 3 do
    kiosk.color(i <= stars and "#F5B700" or "#DDDDDD")
    draw_star(840 + (i - 1) * 120, 330, 56)
  end
  kiosk.color(COLOUR.good)
  say(kiosk.t(PRAISE[stars]), 960, 405, 40, "center")
  kiosk.color(COLOUR.ink)
  say(kiosk.t{ zh = "记住这四点：", en = "Remember:" }, 440, 490, 40)
  local y = 555
  for _, point in ipairs(REMEMBER) do
    kiosk.color(COLOUR.good); kiosk.circle("fill", 455, y + 22, 10)
    kiosk.color(COLOUR.ink)
    local _, h = say(kiosk.t(point), 485, y, 36, "left", 1000)
    y = y + h + 24 -- kiosk.text returns the drawn size: stack the next point under it
  end
  if kiosk.button(kiosk.t{ zh = "再来一次", en = "Try again" }, 760, 905, 400, 120) then
    start()
  end
end

function exhibit.load()
  kiosk.seed(20080512) -- same seed, same shaking: screenshots are reproducible
  start()
end

function exhibit.update(dt)
  -- After a safe choice (step 1) or the last action (step 2), the quake calms down.
  if (screen == "shelter" and found_safe) or done_at then
    quake = math.max(0, quake - dt * 0.5)
  end
  local a = 12 * quake -- up to 12 px each way
  shake_x, shake_y = (kiosk.random() * 2 - 1) * a, (kiosk.random() * 2 - 1) * a
end

local SCREENS = { shelter = draw_shelter, actions = draw_actions, summary = draw_summary }

function exhibit.draw()
  kiosk.clear(COLOUR.bg)
  SCREENS[screen]()
end

function exhibit.touchpressed(_, x, y)
  if screen ~= "shelter" then return end -- the other screens use buttons
  for _, spot in ipairs(SPOTS) do
    if x >= spot.x and x < spot.x + spot.w and y >= spot.y and y < spot.y + spot.h then
      chosen = spot
      if not spot.safe and not found_safe then mistakes = mistakes + 1 end
      if spot.safe then found_safe = true end
      kiosk.log("shelter_chosen", { spot = spot.id, safe = spot.safe })
      return
    end
  end
end

-- The visitor went home or walked away. Each visit starts main.lua afresh, so
-- there is nothing to reset; note how far they got (where do people give up?).
function exhibit.leave()
  if screen ~= "summary" then kiosk.log("drill_left", { screen = screen }) end
end
