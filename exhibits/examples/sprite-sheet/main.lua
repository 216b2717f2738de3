-- Example: a sprite sheet. moon-phases.png holds eight pictures of the Moon
-- side by side, each 256 x 256 px; kiosk.image's opts.source picks one of
-- them. The Moon goes through its phases once every 8 seconds here (really
-- once every 29.5 days); drag across the screen to go through them by hand.

local SHEET = "moon-phases.png"
local FRAME = 256 -- px, the size of one picture in the sheet
local PHASES = {
  { zh = "新月", en = "new moon" }, { zh = "蛾眉月", en = "waxing crescent" },
  { zh = "上弦月", en = "first quarter" }, { zh = "盈凸月", en = "waxing gibbous" },
  { zh = "满月", en = "full moon" }, { zh = "亏凸月", en = "waning gibbous" },
  { zh = "下弦月", en = "third quarter" }, { zh = "残月", en = "waning crescent" },
}

local dragX -- where a finger is dragging, or nil

function exhibit.touchpressed(id, x, y) dragX = x end
function exhibit.touchmoved(id, x, y) dragX = x end
function exhibit.touchreleased(id, x, y) dragX = nil end

local function currentPhase()
  if dragX then
    return math.floor(kiosk.clamp(dragX / 1920 * #PHASES, 0, #PHASES - 1)) + 1
  end
  return math.floor(kiosk.time()) % #PHASES + 1
end

function exhibit.draw()
  kiosk.clear("#0B0C10")
  local phase = currentPhase()

  -- The whole sheet, small, with the current picture marked.
  local stripX, stripY, size = 960 - 4 * 160, 80, 160
  for i = 1, #PHASES do
    local x = stripX + (i - 1) * size
    kiosk.image(SHEET, x + 10, stripY, { source = { (i - 1) * FRAME, 0, FRAME, FRAME }, w = 140 })
  end
  kiosk.color("#FFD166")
  kiosk.linewidth(4)
  kiosk.rect("line", stripX + (phase - 1) * size, stripY - 10, size, size, 16)

  -- The current picture, big: the 256 px frame drawn at 520 px.
  kiosk.image(SHEET, 960, 620, { source = { (phase - 1) * FRAME, 0, FRAME, FRAME },
    w = 520, ox = 0.5, oy = 0.5 })

  kiosk.color("#0B0C10")
  kiosk.text(kiosk.t(PHASES[phase]), 960, 920,
    { size = 56, align = "center", background = "#FFD166", padding = 18 })
  kiosk.color("#C5C6C7")
  kiosk.text(kiosk.t{ zh = "左右拖动，看月相变化", en = "Drag left and right to change the phase" },
    960, 1020, { size = 32, align = "center" })
end
