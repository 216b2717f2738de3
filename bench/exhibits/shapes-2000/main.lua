-- 2,000 animated shapes: 1,000 circles, 700 rectangles, 300 lines, each moving
-- every frame. Used by bench-exhibits to measure the frame time of drawing.
local shapes = {}

function exhibit.load()
  kiosk.seed(2000)
  for i = 1, 2000 do
    shapes[i] = {
      kind = i <= 1000 and "circle" or (i <= 1700 and "rect" or "line"),
      x = kiosk.random() * 1920, y = kiosk.random() * 1080,
      vx = (kiosk.random() - 0.5) * 400, vy = (kiosk.random() - 0.5) * 400,
      size = 6 + kiosk.random() * 10,
      r = kiosk.random(), g = kiosk.random(), b = kiosk.random(),
    }
  end
end

function exhibit.update(dt)
  for _, s in ipairs(shapes) do
    s.x = s.x + s.vx * dt
    s.y = s.y + s.vy * dt
    if s.x < 0 or s.x > 1920 then s.vx = -s.vx end
    if s.y < 0 or s.y > 1080 then s.vy = -s.vy end
  end
end

function exhibit.draw()
  kiosk.clear(0.05, 0.08, 0.15)
  for _, s in ipairs(shapes) do
    kiosk.color(s.r, s.g, s.b)
    if s.kind == "circle" then
      kiosk.circle("fill", s.x, s.y, s.size)
    elseif s.kind == "rect" then
      kiosk.rect("fill", s.x, s.y, s.size * 2, s.size * 2)
    else
      kiosk.line(s.x, s.y, s.x + s.vx * 0.1, s.y + s.vy * 0.1)
    end
  end
  kiosk.color(1, 1, 1)
  kiosk.text("2000", 1800, 1000, {size = 48, align = "right"})
end
