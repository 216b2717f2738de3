-- Example: multi-touch. Each finger on the screen gets its own circle, in its
-- own colour, labelled with its id; lines join the fingers. A family can touch
-- the screen together: follow each finger by the `id` the kiosk gives it.

local COLOURS = { "#FF6B5B", "#FFB000", "#33CC99", "#3399FF", "#B57BFF" }
local CIRCLE_RADIUS = 70

local fingers = {}            -- fingers[id] = { x = ..., y = ... } while it touches

local function finger_ids()
  local ids = {}
  for id in pairs(fingers) do ids[#ids + 1] = id end
  table.sort(ids)             -- the same order every frame
  return ids
end

function exhibit.touchpressed(id, x, y)
  fingers[id] = { x = x, y = y }
end

function exhibit.touchmoved(id, x, y)
  if fingers[id] then
    fingers[id].x, fingers[id].y = x, y
  end
end

function exhibit.touchreleased(id)
  fingers[id] = nil
end

function exhibit.draw()
  kiosk.clear("#10263F")
  local ids = finger_ids()
  kiosk.color("#FFFFFF")
  kiosk.text(kiosk.t{ zh = "用几根手指同时触摸屏幕", en = "Touch the screen with several fingers" },
    960, 60, { size = 60, align = "center" })
  kiosk.text(kiosk.t{ zh = "手指数：", en = "Fingers: " } .. #ids, 960, 980,
    { size = 36, align = "center" })

  -- Lines from each finger to the next one.
  kiosk.color(1, 1, 1, 0.5)
  kiosk.linewidth(4)
  for i = 2, #ids do
    local a, b = fingers[ids[i - 1]], fingers[ids[i]]
    kiosk.line(a.x, a.y, b.x, b.y)
  end

  for _, id in ipairs(ids) do
    local finger = fingers[id]
    kiosk.color(COLOURS[id % #COLOURS + 1])
    kiosk.circle("fill", finger.x, finger.y, CIRCLE_RADIUS)
    kiosk.color("#10263F")
    kiosk.text(tostring(id), finger.x, finger.y - 24, { size = 40, align = "center" })
  end
end
