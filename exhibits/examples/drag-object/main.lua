-- Example: drag an object. Put a finger on the ball and move it. The ball
-- follows only the finger that picked it up: a second finger on the screen
-- (a family at the kiosk) does not steal it.

local BALL_RADIUS = 90
local TOUCH_EXTRA = 24        -- px of extra room around the ball for small fingers
local TOP_FREE = 160          -- keep out of the kiosk's Home button corner

local ball_x, ball_y = 500, 600
local holding_finger = nil    -- the id of the finger holding the ball, or nil

local function clamp(value, low, high)
  return math.max(low, math.min(high, value))
end

local function is_on_ball(x, y)
  local reach = BALL_RADIUS + TOUCH_EXTRA
  return (x - ball_x) ^ 2 + (y - ball_y) ^ 2 <= reach ^ 2
end

function exhibit.touchpressed(id, x, y)
  if holding_finger == nil and is_on_ball(x, y) then
    holding_finger = id
  end
end

function exhibit.touchmoved(id, x, y, dx, dy)
  if id ~= holding_finger then return end
  ball_x = clamp(ball_x + dx, BALL_RADIUS, 1920 - BALL_RADIUS)
  ball_y = clamp(ball_y + dy, TOP_FREE + BALL_RADIUS, 1080 - BALL_RADIUS)
end

function exhibit.touchreleased(id, x, y)
  if id == holding_finger then
    holding_finger = nil
  end
end

function exhibit.draw()
  kiosk.clear("#10263F")
  kiosk.color("#FFFFFF")
  kiosk.text(kiosk.t{ zh = "用手指拖动小球", en = "Drag the ball with a finger" },
    960, 60, { size = 60, align = "center" })
  -- A shadow, then the ball: orange while a finger holds it.
  kiosk.color(0, 0, 0, 0.3)
  kiosk.circle("fill", ball_x + 12, ball_y + 16, BALL_RADIUS)
  if holding_finger then
    kiosk.color("#FFB000")
  else
    kiosk.color("#3399FF")
  end
  kiosk.circle("fill", ball_x, ball_y, BALL_RADIUS)
  kiosk.color("#FFFFFF")
  kiosk.text(string.format("x = %.0f, y = %.0f", ball_x, ball_y), 960, 980,
    { size = 36, align = "center" })
end
