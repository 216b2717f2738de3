-- The kiosk side of the benchmark against LÖVE (bench/vs-love/run.sh): a quiz
-- question and four answers in Chinese over 500 bouncing particles, on a dark
-- background. The same scene as ../love-scene in MODE "scene", drawn on the
-- kiosk's 1920x1080 logical screen: every size and position is 1.5 times
-- LÖVE's 1280x720 pixels, so in the benchmark's 1280x720 window the text is
-- 36 and 28 px and the particles' radii 4 to 10 px, as in LÖVE.
local SCALE = 1.5
local WIDTH, HEIGHT = 1280 * SCALE, 720 * SCALE
local QUESTION = "下列哪种现象是由地球自转引起的？"
local ANSWERS = { "A. 昼夜交替", "B. 四季变化", "C. 月相变化", "D. 潮汐涨落" }

local particles = {}

-- Park-Miller generator, exact in doubles: the same particles in both runtimes.
local seed = 20210
local function random()
  seed = (seed * 16807) % 2147483647
  return seed / 2147483647
end

function exhibit.load()
  for i = 1, 500 do
    particles[i] = {
      x = random() * WIDTH, y = random() * HEIGHT,
      vx = (random() - 0.5) * 400 * SCALE, vy = (random() - 0.5) * 400 * SCALE,
      radius = (4 + random() * 6) * SCALE,
      r = 0.3 + random() * 0.7, g = 0.3 + random() * 0.7, b = 0.3 + random() * 0.7,
    }
  end
end

function exhibit.update(dt)
  for _, p in ipairs(particles) do
    p.x = p.x + p.vx * dt
    p.y = p.y + p.vy * dt
    if p.x < 0 or p.x > WIDTH then p.vx = -p.vx end
    if p.y < 0 or p.y > HEIGHT then p.vy = -p.vy end
  end
end

function exhibit.draw()
  kiosk.clear(0.06, 0.07, 0.12)
  for _, p in ipairs(particles) do
    kiosk.color(p.r, p.g, p.b)
    kiosk.circle("fill", p.x, p.y, p.radius)
  end
  kiosk.color(1, 1, 1)
  kiosk.text(QUESTION, WIDTH / 2, 200 * SCALE, { size = 36 * SCALE, align = "center" })
  for i, answer in ipairs(ANSWERS) do
    kiosk.text(answer, 440 * SCALE, (280 + (i - 1) * 60) * SCALE, { size = 28 * SCALE })
  end
end
