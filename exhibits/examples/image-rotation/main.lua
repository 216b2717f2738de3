-- Example: an image with rotation. A compass needle turns around its own
-- centre: opts.ox and opts.oy = 0.5 put the picture's origin in its middle,
-- and x, y is where that middle lands. Angles are radians, clockwise.

local NEEDLE = "images/needle.png"
local CENTRE_X, CENTRE_Y = 960, 600
local TURNS_PER_SECOND = 0.125       -- one whole turn in 8 seconds

local angle = 0

function exhibit.update(dt)
  angle = (angle + 2 * math.pi * TURNS_PER_SECOND * dt) % (2 * math.pi)
end

function exhibit.draw()
  kiosk.clear("#10263F")
  kiosk.color("#FFFFFF")
  kiosk.text(kiosk.t{ zh = "旋转的指针", en = "A turning needle" },
    960, 60, { size = 60, align = "center" })

  -- The dial behind the needle.
  kiosk.color("#24496E")
  kiosk.circle("fill", CENTRE_X, CENTRE_Y, 330)
  kiosk.color("#FFFFFF")
  kiosk.linewidth(6)
  kiosk.circle("line", CENTRE_X, CENTRE_Y, 330)

  -- The picture's natural size, and the needle drawn 600 px long (the height
  -- follows, keeping its shape), turned around its centre.
  local w, h = kiosk.imagesize(NEEDLE)
  kiosk.image(NEEDLE, CENTRE_X, CENTRE_Y, { w = 600, rotation = angle, ox = 0.5, oy = 0.5 })

  -- A second copy, small and tinted, turning the other way.
  kiosk.image(NEEDLE, 1600, 880, { w = 300, rotation = -angle, ox = 0.5, oy = 0.5,
    tint = { 1, 0.7, 0.2 } })

  kiosk.color("#FFFFFF")
  kiosk.text(string.format("%d x %d px, %.0f°", w, h, math.deg(angle)), 960, 980,
    { size = 36, align = "center" })
end
