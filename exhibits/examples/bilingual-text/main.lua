-- Example: bilingual text with wrapping. Every text a visitor sees is written
-- with kiosk.t{ zh = ..., en = ... }, Chinese first; the kiosk picks the
-- visitor's language. `width` wraps the lines; kiosk.measure tells how tall
-- the wrapped text will be, so the card behind it fits both languages.

local CARD_X, CARD_Y, CARD_W = 360, 260, 1200
local PADDING = 48

local TITLE = { zh = "为什么天空是蓝色的？", en = "Why is the sky blue?" }
local BODY = {
  zh = "太阳光里有各种颜色的光。阳光穿过大气时，蓝光比红光更容易被空气分子散射到四面八方，"
    .. "所以我们抬头看，天空到处都是蓝色的。傍晚阳光斜着穿过更厚的大气，蓝光在路上被散射掉了，"
    .. "剩下的红光和橙光让晚霞变红。",
  en = "Sunlight holds light of every colour. As it crosses the air, blue light is scattered "
    .. "in all directions by air molecules much more than red light, so the whole sky looks "
    .. "blue. At sunset the light travels through more air; the blue is scattered away on the "
    .. "way, and the red and orange light that is left colours the evening sky.",
}

function exhibit.draw()
  kiosk.clear("#10263F")
  local title_style = { size = 60, align = "center" }
  local body_style = { size = 36, width = CARD_W - 2 * PADDING }

  -- Measure first, then draw the card, then the text on top of it.
  local title = kiosk.t(TITLE)
  local body = kiosk.t(BODY)
  local _, title_h = kiosk.measure(title, title_style)
  local _, body_h = kiosk.measure(body, body_style)
  local card_h = PADDING + title_h + 32 + body_h + PADDING

  kiosk.color("#F4F1E8")
  kiosk.rect("fill", CARD_X, CARD_Y, CARD_W, card_h, 24)
  kiosk.color("#1B2A3A")
  kiosk.text(title, CARD_X + CARD_W / 2, CARD_Y + PADDING, title_style)
  kiosk.color("#33475B")
  kiosk.text(body, CARD_X + PADDING, CARD_Y + PADDING + title_h + 32, body_style)

  -- The other language, small, under the card (kiosk.lang() says which one is shown).
  local other = kiosk.lang() == "zh" and TITLE.en or TITLE.zh
  kiosk.color("#FFFFFF")
  kiosk.text(other, 960, CARD_Y + card_h + 40, { size = 36, align = "center" })
end
