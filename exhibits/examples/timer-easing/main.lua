-- Example: a timer and easing. Five dots cross the screen in the same time,
-- each along a different easing curve (kiosk.tween), and an arc around the
-- button shows how much of the run is left. Tap the button to start again.

local RUN_TIME = 2.5 -- seconds for one run
local LEFT, RIGHT = 520, 1700
local CURVES = { "linear", "quad_inout", "cubic_out", "back_out", "bounce_out" }

local startedAt -- kiosk.time() when the run began

function exhibit.load()
  startedAt = kiosk.time()
end

function exhibit.draw()
  kiosk.clear("#14213D")
  local elapsed = kiosk.time() - startedAt

  for i, curve in ipairs(CURVES) do
    local y = 140 + i * 150
    kiosk.color("#FFFFFF", 0.25)
    kiosk.dashline(LEFT, y, RIGHT, y, 16, 12)
    kiosk.color("#FFFFFF")
    kiosk.text(curve, LEFT - 40, y - 20, { size = 36, align = "right" })
    local x = kiosk.tween(LEFT, RIGHT, elapsed, RUN_TIME, curve)
    kiosk.color("#FCA311")
    kiosk.circle("fill", x, y, 30)
  end

  -- The timer: a full ring at the start, nothing left at the end.
  local left = 1 - kiosk.clamp(elapsed / RUN_TIME, 0, 1)
  kiosk.color("#FFFFFF", 0.2)
  kiosk.linewidth(14)
  kiosk.circle("line", 200, 560, 80)
  kiosk.color("#FCA311")
  kiosk.arc("line", 200, 560, 80, -math.pi / 2, -math.pi / 2 + left * 2 * math.pi)
  if kiosk.button(kiosk.t{ zh = "再来", en = "Again" }, 90, 700, 220, 100) then
    startedAt = kiosk.time()
  end

  kiosk.color("#FFFFFF")
  kiosk.text(kiosk.t{ zh = "同样的时间，不同的走法", en = "Same time, different ways to move" },
    1110, 1000, { size = 40, align = "center" })
end
