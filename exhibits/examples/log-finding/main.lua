-- Example: logging a finding. The visitor picks the largest planet. Each
-- choice is logged with kiosk.log (for the visitor statistics), and the first
-- right answer is logged once as the finding the exhibit is about. Log what a
-- visitor does, never every frame, and never anything personal.

local PLANETS = {
  { key = "earth", zh = "地球", en = "Earth", colour = "#3399FF", r = 60 },
  { key = "jupiter", zh = "木星", en = "Jupiter", colour = "#E0A060", r = 150 },
  { key = "mars", zh = "火星", en = "Mars", colour = "#D0553A", r = 45 },
}
local ANSWER = "jupiter"
local ROW_Y = 560

local chosen = nil            -- the key of the last planet tapped
local found = false           -- the right answer was found (logged once)

local function planet_x(i)
  return 480 * i
end

function exhibit.touchpressed(id, x, y)
  for i, planet in ipairs(PLANETS) do
    local reach = math.max(planet.r, 88) + 20      -- small planets still get a big target
    if (x - planet_x(i)) ^ 2 + (y - ROW_Y) ^ 2 <= reach ^ 2 then
      chosen = planet.key
      kiosk.log("planet_chosen", { planet = planet.key, right = planet.key == ANSWER })
      if planet.key == ANSWER and not found then
        found = true
        kiosk.log("largest_planet_found", { tries = 1 })
      end
    end
  end
end

function exhibit.leave()
  if not found then kiosk.log("left_without_finding") end
end

function exhibit.draw()
  kiosk.clear("#0B1830")
  kiosk.color("#FFFFFF")
  kiosk.text(kiosk.t{ zh = "哪颗行星最大？点一点。", en = "Which planet is largest? Tap it." },
    960, 60, { size = 60, align = "center" })
  for i, planet in ipairs(PLANETS) do
    kiosk.color(planet.colour)
    kiosk.circle("fill", planet_x(i), ROW_Y, planet.r)
    kiosk.color("#FFFFFF")
    kiosk.text(kiosk.t{ zh = planet.zh, en = planet.en }, planet_x(i), ROW_Y + 180, { size = 36, align = "center" })
  end
  if chosen then
    local right = chosen == ANSWER
    kiosk.color(right and "#33CC99" or "#FFB000")
    kiosk.text(right and kiosk.t{ zh = "对了！木星是太阳系最大的行星。", en = "Yes! Jupiter is the largest planet." }
      or kiosk.t{ zh = "再看看，哪一个最大？", en = "Look again: which one is biggest?" },
      960, 900, { size = 40, align = "center" })
  end
end
