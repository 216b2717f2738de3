-- luacheck settings for exhibits. Run from the repo root:  luacheck exhibits/
--
-- GENERATED from engine/script/exhibit_api.lua (the exhibit API, listed once)
-- by `lua scripts/exhibit-api.lua write`. Edit those, not this file: ctest
-- luacheckrc_is_generated fails while this file is out of date.
--
-- Exhibits run in the kiosk's sandbox, not in plain Lua. So instead of
-- std = "lua54" this file describes the sandbox exactly (see exhibits/README.md):
-- only the names listed below exist. A typo like `kiosk.rectt`, or a name the
-- sandbox does not have (io, os, require, dofile, debug, string.dump...), is
-- reported here, before a visitor ever sees the "resting" card.

-- Every .lua file under the folders you name is an exhibit file, so this
-- config also works from outside the repository (exhibits/README.md, section 9:
-- luacheck --config PATH/.luacheckrc my-exhibit/). In the repository, the
-- runtime's own Lua, the kiosk configs and the test data are not exhibits.
include_files = { "**/*.lua" }
exclude_files = { "build/**", "build-asan/**", "build-fuzz/**", "tests/**", "kiosk-config/**",
                  "engine/**", "scripts/**", "content/**", "bench/**" }

-- Long bilingual sentences are normal in exhibits; don't nag about line length.
max_line_length = false
-- Callbacks get arguments you may not need (touchpressed's id): that is fine.
unused_args = false

-- The callbacks an exhibit may define. Listing them catches a misspelt
-- callback (`function exhibit.drwa()`), which would otherwise never run.
local writable = { read_only = false }

stds.kiosk_sandbox = {
  -- The global table `exhibit` holds the callbacks. main.lua may create it
  -- (`exhibit = {}`) and then fills in the callbacks.
  globals = {
    exhibit = { fields = {
      load = writable,           -- exhibit.load()  main.lua 运行后调用一次 / once, after main.lua ran
      update = writable,         -- exhibit.update(dt)  每帧调用，在 draw 之前 / every frame, before draw
      draw = writable,           -- exhibit.draw()  每帧调用，在 update 之后 / every frame, after update
      touchpressed = writable,   -- exhibit.touchpressed(id, x, y)  手指按下 / a finger touches the screen
      touchmoved = writable,     -- exhibit.touchmoved(id, x, y, dx, dy)  手指移动 / that finger moves
      touchreleased = writable,  -- exhibit.touchreleased(id, x, y)  手指离开屏幕 / that finger leaves the screen
      leave = writable,          -- exhibit.leave()  观众离开；最后一次调用 / the visitor leaves; the last call
    } },
  },
  read_globals = {
    -- The kiosk API (the full list with arguments is in exhibits/README.md).
    kiosk = { fields = {
      "clear",      -- kiosk.clear(r, g, b [, a])  用一种颜色填满整个屏幕 / fills the whole screen with one colour
      "color",      -- kiosk.color(r, g, b [, a])  设置之后图形和文字的颜色 / sets the colour of the shapes and text that follow
      "linewidth",  -- kiosk.linewidth(w)  设置线宽（像素） / sets the line width in px
      "rect",       -- kiosk.rect(mode, x, y, w, h [, radius])  画矩形，可带圆角 / a rectangle, optionally with round corners
      "circle",     -- kiosk.circle(mode, x, y, radius)  画圆 / a circle
      "ellipse",    -- kiosk.ellipse(mode, x, y, rx, ry)  画椭圆 / an ellipse
      "arc",        -- kiosk.arc(mode, x, y, radius, from, to)  画圆弧（填充时为扇形） / an arc (a pie slice when filled)
      "line",       -- kiosk.line(x1, y1, x2, y2)  画一条直线 / a straight line
      "dashline",   -- kiosk.dashline(x1, y1, x2, y2, dash [, gap])  画一条虚线 / a dashed line
      "polyline",   -- kiosk.polyline(points)  画经过各点的折线 / an open line through the points
      "polygon",    -- kiosk.polygon(mode, points)  画多边形（填充时须为凸多边形） / a closed polygon (convex when filled)
      "text",       -- kiosk.text(str, x, y [, opts])  写文字，返回宽和高 / draws text; returns its width and height
      "measure",    -- kiosk.measure(str [, opts])  量文字的宽和高，不画出来 / the width and height of text, without drawing
      "image",      -- kiosk.image(file, x, y [, opts])  画展项文件夹里的图片 / draws a picture from the exhibit folder
      "imagesize",  -- kiosk.imagesize(file)  图片的原始宽和高 / a picture's natural width and height
      "push",       -- kiosk.push()  保存当前变换 / saves the current transform
      "pop",        -- kiosk.pop()  回到上次保存的变换 / goes back to the last saved transform
      "translate",  -- kiosk.translate(dx, dy)  移动原点 / moves the origin
      "rotate",     -- kiosk.rotate(radians)  绕原点顺时针旋转 / turns around the origin, clockwise
      "scale",      -- kiosk.scale(sx [, sy])  缩放 / scales
      "clip",       -- kiosk.clip(x, y, w, h)  之后只画在这个矩形里 / draws what follows only inside the rectangle
      "unclip",     -- kiosk.unclip()  取消上一次 kiosk.clip / undoes the last kiosk.clip
      "button",     -- kiosk.button(label, x, y, w, h)  按钮；被点的那一帧返回 true / a button; true in the frame it was tapped
      "slider",     -- kiosk.slider(label, value, min, max, x, y, w)  滑块；返回新值 / a slider; returns the new value
      "toggle",     -- kiosk.toggle(label, on, x, y)  开关；返回新的 true 或 false / a switch; returns the new true or false
      "choice",     -- kiosk.choice(options, selected, x, y, w)  分段选择；返回选中的序号 / a row of segments; returns the selected number
      "ease",       -- kiosk.ease(name, t)  缓动曲线在 t（0 到 1）处的值 / an easing curve's value at t (0 to 1)
      "tween",      -- kiosk.tween(from, to, elapsed, duration [, easing])  在一段时间里从 from 变到 to 的值 / a value going from `from` to `to` over a duration
      "lerp",       -- kiosk.lerp(a, b, t)  a 和 b 之间按 t 取值 / the value a part t of the way from a to b
      "clamp",      -- kiosk.clamp(x, lowest, highest)  把 x 限制在范围内 / x kept within a range
      "inrect",     -- kiosk.inrect(px, py, x, y, w, h)  点是否在矩形里 / whether a point is inside a rectangle
      "incircle",   -- kiosk.incircle(px, py, x, y, radius)  点是否在圆里 / whether a point is inside a circle
      "inpolygon",  -- kiosk.inpolygon(px, py, points)  点是否在多边形里 / whether a point is inside a polygon
      "time",       -- kiosk.time()  展项打开后经过的秒数 / seconds since the exhibit opened
      "random",     -- kiosk.random()  随机数（由 kiosk.seed 控制） / a random number (kiosk.seed controls it)
      "seed",       -- kiosk.seed(n)  重新设定 kiosk.random 的种子 / restarts kiosk.random from a seed
      "t",          -- kiosk.t{ zh = "...", en = "..." }  按观众选的语言取文字 / the text in the visitor's language
      "lang",       -- kiosk.lang()  观众的语言："zh" 或 "en" / the visitor's language: "zh" or "en"
      "log",        -- kiosk.log(name [, fields])  记录观众的操作，用于观众统计 / records what the visitor did, for the statistics
      "home",       -- kiosk.home()  回到首页 / goes back to the home screen
      "sound",      -- kiosk.sound(file [, opts])  播放展项文件夹里的短音效（.ogg 或 .wav） / plays a short effect from the exhibit folder (.ogg or .wav)
      "narrate",    -- kiosk.narrate(file, captions)  播放讲解，必须带中英文字幕 / plays a narration, which must come with captions
      "narrating",  -- kiosk.narrating()  讲解（或其字幕）是否还在进行 / whether a narration (or its captions) is still running
    } },
    -- Lua's base functions that the sandbox keeps. print goes to the kiosk log.
    "assert", "error", "ipairs", "next", "pairs", "pcall", "xpcall", "print", "rawequal",
    "rawget", "rawlen", "rawset", "select", "setmetatable", "getmetatable", "tonumber",
    "tostring", "type", "load", "collectgarbage",
    -- Lua 5.4's libraries. They are read-only. No string.dump.
    string = { fields = {
      "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "pack",
      "packsize", "rep", "reverse", "sub", "unpack", "upper",
    } },
    table = { fields = {
      "concat", "insert", "move", "pack", "remove", "sort", "unpack",
    } },
    math = { fields = {
      "abs", "acos", "asin", "atan", "ceil", "cos", "deg", "exp", "floor", "fmod", "huge",
      "log", "max", "maxinteger", "min", "mininteger", "modf", "pi", "rad", "random",
      "randomseed", "sin", "sqrt", "tan", "tointeger", "type", "ult",
    } },
    utf8 = { fields = {
      "char", "charpattern", "codepoint", "codes", "len", "offset",
    } },
    coroutine = { fields = {
      "close", "create", "isyieldable", "resume", "running", "status", "wrap", "yield",
    } },
    -- Not here on purpose: io os package require dofile loadfile debug string.dump.
    -- In the sandbox, but not for exhibits (luacheck reports them):
    --   _G _VERSION math.atan2 math.cosh math.frexp math.ldexp math.log10 math.pow
    --   math.sinh math.tanh
  },
}

std = "kiosk_sandbox"

-- manifest.lua is data (`return { ... }`) read in an empty environment:
-- no names at all are available there.
files["**/manifest.lua"] = { std = "none" }
