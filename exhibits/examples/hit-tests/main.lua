-- Example: which shape did the finger touch? kiosk.inrect, kiosk.incircle and
-- kiosk.inpolygon answer in the same coordinates the shapes are drawn in.
-- The touched shape gets a dashed outline and its name on a label.

local SHAPES = {
  { name = { zh = "矩形", en = "rectangle" }, kind = "rect", x = 200, y = 300, w = 440, h = 320 },
  { name = { zh = "圆", en = "circle" }, kind = "circle", x = 960, y = 460, r = 190 },
  { name = { zh = "L 形：凹多边形", en = "L shape: a concave polygon" }, kind = "polygon",
    points = { 1300, 270, 1440, 270, 1440, 520, 1720, 520, 1720, 660, 1300, 660 } },
}

local touched -- the shape the last touch landed in, or nil

local function contains(shape, x, y)
  if shape.kind == "rect" then return kiosk.inrect(x, y, shape.x, shape.y, shape.w, shape.h) end
  if shape.kind == "circle" then return kiosk.incircle(x, y, shape.x, shape.y, shape.r) end
  return kiosk.inpolygon(x, y, shape.points)
end

function exhibit.touchpressed(id, x, y)
  touched = nil
  for _, shape in ipairs(SHAPES) do
    if contains(shape, x, y) then touched = shape end
  end
end

local function outline(shape)
  if shape.kind == "rect" then
    local x, y, w, h = shape.x, shape.y, shape.w, shape.h
    return { x, y, x + w, y, x + w, y + h, x, y + h }
  end
  if shape.kind == "polygon" then return shape.points end
  return nil
end

function exhibit.draw()
  kiosk.clear("#1B2631")
  kiosk.color("#5DADE2")
  kiosk.rect("fill", SHAPES[1].x, SHAPES[1].y, SHAPES[1].w, SHAPES[1].h)
  kiosk.circle("fill", SHAPES[2].x, SHAPES[2].y, SHAPES[2].r)
  kiosk.polygon("fill", { 1300, 270, 1440, 270, 1440, 660, 1300, 660 }) -- filled polygons
  kiosk.polygon("fill", { 1440, 520, 1720, 520, 1720, 660, 1440, 660 }) -- must be convex

  local message = kiosk.t{ zh = "点一个形状", en = "Touch a shape" }
  if touched then
    kiosk.color("#F7DC6F")
    kiosk.linewidth(6)
    local points = outline(touched)
    if points then
      for i = 1, #points, 2 do
        local j = i + 2 > #points and 1 or i + 2
        kiosk.dashline(points[i], points[i + 1], points[j], points[j + 1], 24, 14)
      end
    else
      kiosk.circle("line", touched.x, touched.y, touched.r + 14)
    end
    message = kiosk.t(touched.name)
  end
  kiosk.color("#1B2631")
  kiosk.text(message, 960, 860, { size = 48, align = "center", background = "#F7DC6F", padding = 20 })
end
