-- Example: a button and a slider. The slider sets a circle's radius; the
-- button puts it back. A control does not remember its value: you keep it
-- in a local and pass it in again in every frame.

local START_RADIUS = 150

local radius = START_RADIUS
local resets = 0

local function reset()
  radius = START_RADIUS
  resets = resets + 1
end

function exhibit.draw()
  kiosk.clear("#10263F")
  kiosk.color("#FFFFFF")
  kiosk.text(kiosk.t{ zh = "滑块和按钮", en = "A slider and a button" },
    960, 60, { size = 60, align = "center" })

  -- The circle the slider sizes.
  kiosk.color("#33CC99")
  kiosk.circle("fill", 560, 600, radius)

  -- The slider's label is drawn in the current colour, 44 px above it.
  kiosk.color("#FFFFFF")
  local label = kiosk.t{ zh = "半径", en = "Radius" }
  radius = kiosk.slider(label, radius, 50, 300, 1100, 480, 640)
  kiosk.text(string.format("%.0f px", radius), 1100, 600, { size = 36 })

  -- What a tap does is written right where the button is drawn.
  local reset_label = kiosk.t{ zh = "恢复原样", en = "Reset" }
  if kiosk.button(reset_label, 1100, 760, 400, 120) then
    reset()
  end
  kiosk.text(kiosk.t{ zh = "已恢复次数：", en = "Resets: " } .. resets, 1100, 920,
    { size = 36 })
end
