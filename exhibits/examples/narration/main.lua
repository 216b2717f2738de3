-- Narration with captions: kiosk.narrate(file, captions) plays a spoken
-- explanation and hands the kiosk its captions, timed in seconds. The kiosk
-- draws them itself when the visitor turned sound off, in quiet hours, with
-- no speaker, or when the venue shows captions always.

exhibit = {}

-- One recording per language, each with captions timed to that recording.
local NARRATIONS = {
  zh = {
    file = "narration-zh.ogg",
    captions = {
      { from = 0.0, to = 5.0, zh = "光从空气斜着射入水中，传播方向会偏折。",
        en = "Light going from air into water at an angle changes direction." },
      { from = 5.0, to = 7.4, zh = "这就是光的折射。", en = "This is the refraction of light." },
    },
  },
  en = {
    file = "narration-en.ogg",
    captions = {
      { from = 0.0, to = 3.6, zh = "光从空气斜着射入水中时会偏折。",
        en = "When light passes from air into water at an angle, it bends." },
      { from = 3.6, to = 5.6, zh = "这叫做折射。", en = "This is called refraction." },
    },
  },
}

local function tell()
  local narration = NARRATIONS[kiosk.lang()]
  kiosk.narrate(narration.file, narration.captions)
end

function exhibit.load()
  tell()
end

function exhibit.draw()
  kiosk.clear("#0E2640")
  kiosk.color("#1E5A8C")
  kiosk.rect("fill", 0, 600, 1920, 480)       -- water
  kiosk.color(1, 1, 1, 0.5)
  kiosk.linewidth(3)
  kiosk.line(960, 380, 960, 820)              -- the normal to the surface
  kiosk.color("#FFD54A")
  kiosk.linewidth(8)
  kiosk.line(560, 160, 960, 600)              -- in air: 42° from the normal
  kiosk.line(960, 600, 1195, 1000)            -- in water: 30° (n = 1.33)
  kiosk.color(1, 1, 1)
  kiosk.text(kiosk.t{ zh = "光的折射", en = "Refraction of light" }, 120, 200, { size = 72 })
  local label = kiosk.narrating() and kiosk.t{ zh = "正在讲解…", en = "Narrating…" }
    or kiosk.t{ zh = "再听一遍", en = "Play again" }
  if kiosk.button(label, 1480, 100, 320, 110) then
    tell()
  end
end
