-- The LÖVE side of the benchmark against LÖVE (bench/vs-love/run.sh): draws
-- N frames and quits. Usage: love love-scene MODE FRAMES [SCREENSHOT.png]
--   MODE "scene": a quiz question and four answers in Chinese at 36 and 28 px
--     over 500 bouncing particles, on a dark background. The same scene as
--     ../kiosk-scene (which draws it on the kiosk's 1920x1080 logical screen,
--     1.5 times these sizes); both use the same particle generator.
--   MODE "empty": the window alone, cleared each frame (the floor both pay).
-- The font is the kiosk's (kiosk-config/county-museum.lua's font.path).
local FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
local WIDTH, HEIGHT = 1280, 720
-- The kiosk's text size is the line's height, ascent to descent (as Dear ImGui
-- and stb_truetype's ScaleForPixelHeight have it); LÖVE's is the em. This font's
-- line is 1.173 em, so 36 and 28 px lines are LÖVE's sizes 31 and 24: the glyphs
-- of both runtimes are the same size on the screen.
local QUESTION_EM_PX, ANSWER_EM_PX = 31, 24
local QUESTION = "下列哪种现象是由地球自转引起的？"
local ANSWERS = { "A. 昼夜交替", "B. 四季变化", "C. 月相变化", "D. 潮汐涨落" }

local mode, frames_to_draw, screenshot_path
local frames_drawn = 0
local particles = {}
local question_font, answer_font

-- Park-Miller generator, exact in doubles: the same particles in both runtimes.
local seed = 20210
local function random()
  seed = (seed * 16807) % 2147483647
  return seed / 2147483647
end

-- A benchmark run that failed says why and exits, instead of LÖVE's error screen.
function love.errorhandler(message)
  io.stderr:write("love-scene: ", tostring(message), "\n", debug.traceback(), "\n")
  os.exit(1)
end

function love.load(args)
  mode = args[1]
  frames_to_draw = tonumber(args[2])
  screenshot_path = args[3]
  assert(mode == "scene" or mode == "empty", "MODE must be scene or empty")
  assert(frames_to_draw and frames_to_draw >= 1, "FRAMES must be 1 or more")
  if mode == "empty" then return end
  -- LÖVE's own file functions reach only the game's folder: the font file is
  -- read whole, as LÖVE reads any font, and both sizes share it.
  local file = assert(io.open(FONT_PATH, "rb"))
  local font_data = love.filesystem.newFileData(file:read("*a"), "wqy-microhei.ttc")
  file:close()
  question_font = love.graphics.newFont(font_data, QUESTION_EM_PX)
  answer_font = love.graphics.newFont(font_data, ANSWER_EM_PX)
  for i = 1, 500 do
    particles[i] = {
      x = random() * WIDTH, y = random() * HEIGHT,
      vx = (random() - 0.5) * 400, vy = (random() - 0.5) * 400,
      radius = 4 + random() * 6,
      r = 0.3 + random() * 0.7, g = 0.3 + random() * 0.7, b = 0.3 + random() * 0.7,
    }
  end
end

function love.update(dt)
  for _, p in ipairs(particles) do
    p.x = p.x + p.vx * dt
    p.y = p.y + p.vy * dt
    if p.x < 0 or p.x > WIDTH then p.vx = -p.vx end
    if p.y < 0 or p.y > HEIGHT then p.vy = -p.vy end
  end
end

local function save_screenshot(image)
  local file = assert(io.open(screenshot_path, "wb"))
  file:write(image:encode("png"):getString())
  file:close()
end

function love.draw()
  love.graphics.clear(0.06, 0.07, 0.12)
  if mode == "scene" then
    for _, p in ipairs(particles) do
      love.graphics.setColor(p.r, p.g, p.b)
      love.graphics.circle("fill", p.x, p.y, p.radius)
    end
    love.graphics.setColor(1, 1, 1)
    love.graphics.setFont(question_font)
    love.graphics.printf(QUESTION, 0, 200, WIDTH, "center")
    love.graphics.setFont(answer_font)
    for i, answer in ipairs(ANSWERS) do
      love.graphics.print(answer, 440, 280 + (i - 1) * 60)
    end
  end
  frames_drawn = frames_drawn + 1
  if frames_drawn == frames_to_draw then
    if screenshot_path then love.graphics.captureScreenshot(save_screenshot) end
    love.event.quit()
  end
end
