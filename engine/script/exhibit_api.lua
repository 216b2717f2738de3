-- The exhibit API, listed once: every name an exhibit's Lua can reach in the
-- kiosk's sandbox (the kiosk.* functions, the callbacks of `exhibit`, and the
-- parts of Lua 5.4 the sandbox keeps), with how the curators' guide writes each
-- kiosk function and callback and a one-line summary in zh and en.
--
-- Everything else follows from this file and is checked against it:
--   * script_tests ("[exhibit_api]"): the names a live exhibit can reach, and
--     the callbacks the host calls, are exactly the ones listed here. A binding
--     added in C++ (api_*.cpp, sandbox.cpp) without an entry here fails it.
--   * .luacheckrc is generated from this file: `lua scripts/exhibit-api.lua write`.
--     ctest luacheckrc_is_generated fails while it is out of date.
--   * exhibits/README.md (the guide): its function tables must show exactly the
--     `forms` below, and section 5 exactly the Lua names and `absent`
--     (ctest exhibit_guide_lists_the_api).
--
-- Data only (read with no libraries and an empty environment).
return {
  -- The global table `kiosk` (read-only), in the order of the guide's tables.
  -- forms: each way the guide writes the call, as in its tables' first column.
  kiosk = {
    -- Shapes and text (api_graphics.cpp)
    { name = "clear", forms = { "kiosk.clear(r, g, b [, a])", 'kiosk.clear("#RRGGBB")' },
      summary = { zh = "用一种颜色填满整个屏幕", en = "fills the whole screen with one colour" } },
    { name = "color", forms = { "kiosk.color(r, g, b [, a])", 'kiosk.color("#RRGGBB" [, a])' },
      summary = { zh = "设置之后图形和文字的颜色", en = "sets the colour of the shapes and text that follow" } },
    { name = "linewidth", forms = { "kiosk.linewidth(w)" },
      summary = { zh = "设置线宽（像素）", en = "sets the line width in px" } },
    { name = "rect", forms = { "kiosk.rect(mode, x, y, w, h [, radius])" },
      summary = { zh = "画矩形，可带圆角", en = "a rectangle, optionally with round corners" } },
    { name = "circle", forms = { "kiosk.circle(mode, x, y, radius)" },
      summary = { zh = "画圆", en = "a circle" } },
    { name = "ellipse", forms = { "kiosk.ellipse(mode, x, y, rx, ry)" },
      summary = { zh = "画椭圆", en = "an ellipse" } },
    { name = "arc", forms = { "kiosk.arc(mode, x, y, radius, from, to)" },
      summary = { zh = "画圆弧（填充时为扇形）", en = "an arc (a pie slice when filled)" } },
    { name = "line", forms = { "kiosk.line(x1, y1, x2, y2)" },
      summary = { zh = "画一条直线", en = "a straight line" } },
    { name = "dashline", forms = { "kiosk.dashline(x1, y1, x2, y2, dash [, gap])" },
      summary = { zh = "画一条虚线", en = "a dashed line" } },
    { name = "polyline", forms = { "kiosk.polyline(points)" },
      summary = { zh = "画经过各点的折线", en = "an open line through the points" } },
    { name = "polygon", forms = { "kiosk.polygon(mode, points)" },
      summary = { zh = "画多边形（填充时须为凸多边形）", en = "a closed polygon (convex when filled)" } },
    { name = "text", forms = { "kiosk.text(str, x, y [, opts])" },
      summary = { zh = "写文字，返回宽和高", en = "draws text; returns its width and height" } },
    { name = "measure", forms = { "kiosk.measure(str [, opts])" },
      summary = { zh = "量文字的宽和高，不画出来", en = "the width and height of text, without drawing" } },
    { name = "image", forms = { "kiosk.image(file, x, y [, opts])" },
      summary = { zh = "画展项文件夹里的图片", en = "draws a picture from the exhibit folder" } },
    { name = "imagesize", forms = { "kiosk.imagesize(file)" },
      summary = { zh = "图片的原始宽和高", en = "a picture's natural width and height" } },
    -- Transform (api_graphics.cpp)
    { name = "push", forms = { "kiosk.push()" },
      summary = { zh = "保存当前变换", en = "saves the current transform" } },
    { name = "pop", forms = { "kiosk.pop()" },
      summary = { zh = "回到上次保存的变换", en = "goes back to the last saved transform" } },
    { name = "translate", forms = { "kiosk.translate(dx, dy)" },
      summary = { zh = "移动原点", en = "moves the origin" } },
    { name = "rotate", forms = { "kiosk.rotate(radians)" },
      summary = { zh = "绕原点顺时针旋转", en = "turns around the origin, clockwise" } },
    { name = "scale", forms = { "kiosk.scale(sx [, sy])" },
      summary = { zh = "缩放", en = "scales" } },
    { name = "clip", forms = { "kiosk.clip(x, y, w, h)" },
      summary = { zh = "之后只画在这个矩形里", en = "draws what follows only inside the rectangle" } },
    { name = "unclip", forms = { "kiosk.unclip()" },
      summary = { zh = "取消上一次 kiosk.clip", en = "undoes the last kiosk.clip" } },
    -- Buttons and other controls (api_widgets.cpp)
    { name = "button", forms = { "kiosk.button(label, x, y, w, h)" },
      summary = { zh = "按钮；被点的那一帧返回 true", en = "a button; true in the frame it was tapped" } },
    { name = "slider", forms = { "kiosk.slider(label, value, min, max, x, y, w)" },
      summary = { zh = "滑块；返回新值", en = "a slider; returns the new value" } },
    { name = "toggle", forms = { "kiosk.toggle(label, on, x, y)" },
      summary = { zh = "开关；返回新的 true 或 false", en = "a switch; returns the new true or false" } },
    { name = "choice", forms = { "kiosk.choice(options, selected, x, y, w)" },
      summary = { zh = "分段选择；返回选中的序号", en = "a row of segments; returns the selected number" } },
    -- Easing, hit tests and arithmetic (api_helpers.cpp)
    { name = "ease", forms = { "kiosk.ease(name, t)" },
      summary = { zh = "缓动曲线在 t（0 到 1）处的值", en = "an easing curve's value at t (0 to 1)" } },
    { name = "tween", forms = { "kiosk.tween(from, to, elapsed, duration [, easing])" },
      summary = { zh = "在一段时间里从 from 变到 to 的值", en = "a value going from `from` to `to` over a duration" } },
    { name = "lerp", forms = { "kiosk.lerp(a, b, t)" },
      summary = { zh = "a 和 b 之间按 t 取值", en = "the value a part t of the way from a to b" } },
    { name = "clamp", forms = { "kiosk.clamp(x, lowest, highest)" },
      summary = { zh = "把 x 限制在范围内", en = "x kept within a range" } },
    { name = "inrect", forms = { "kiosk.inrect(px, py, x, y, w, h)" },
      summary = { zh = "点是否在矩形里", en = "whether a point is inside a rectangle" } },
    { name = "incircle", forms = { "kiosk.incircle(px, py, x, y, radius)" },
      summary = { zh = "点是否在圆里", en = "whether a point is inside a circle" } },
    { name = "inpolygon", forms = { "kiosk.inpolygon(px, py, points)" },
      summary = { zh = "点是否在多边形里", en = "whether a point is inside a polygon" } },
    -- Time, random numbers, language, logging (api_system.cpp)
    { name = "time", forms = { "kiosk.time()" },
      summary = { zh = "展项打开后经过的秒数", en = "seconds since the exhibit opened" } },
    { name = "random", forms = { "kiosk.random()", "kiosk.random(n)", "kiosk.random(m, n)" },
      summary = { zh = "随机数（由 kiosk.seed 控制）", en = "a random number (kiosk.seed controls it)" } },
    { name = "seed", forms = { "kiosk.seed(n)" },
      summary = { zh = "重新设定 kiosk.random 的种子", en = "restarts kiosk.random from a seed" } },
    { name = "t", forms = { 'kiosk.t{ zh = "...", en = "..." }' },
      summary = { zh = "按观众选的语言取文字", en = "the text in the visitor's language" } },
    { name = "lang", forms = { "kiosk.lang()" },
      summary = { zh = "观众的语言：\"zh\" 或 \"en\"", en = "the visitor's language: \"zh\" or \"en\"" } },
    { name = "log", forms = { "kiosk.log(name [, fields])" },
      summary = { zh = "记录观众的操作，用于观众统计", en = "records what the visitor did, for the statistics" } },
    { name = "home", forms = { "kiosk.home()" },
      summary = { zh = "回到首页", en = "goes back to the home screen" } },
    -- Sound and narration with captions (api_audio.cpp)
    { name = "sound", forms = { "kiosk.sound(file [, opts])" },
      summary = { zh = "播放展项文件夹里的短音效（.ogg 或 .wav）", en = "plays a short effect from the exhibit folder (.ogg or .wav)" } },
    { name = "narrate", forms = { "kiosk.narrate(file, captions)" },
      summary = { zh = "播放讲解，必须带中英文字幕", en = "plays a narration, which must come with captions" } },
    { name = "narrating", forms = { "kiosk.narrating()" },
      summary = { zh = "讲解（或其字幕）是否还在进行", en = "whether a narration (or its captions) is still running" } },
  },

  -- The callbacks an exhibit may define in the global table `exhibit`, which
  -- the kiosk makes empty before main.lua runs (exhibit_host.h: ExhibitCallback).
  callbacks = {
    { name = "load", forms = { "exhibit.load()" },
      summary = { zh = "main.lua 运行后调用一次", en = "once, after main.lua ran" } },
    { name = "update", forms = { "exhibit.update(dt)" },
      summary = { zh = "每帧调用，在 draw 之前", en = "every frame, before draw" } },
    { name = "draw", forms = { "exhibit.draw()" },
      summary = { zh = "每帧调用，在 update 之后", en = "every frame, after update" } },
    { name = "touchpressed", forms = { "exhibit.touchpressed(id, x, y)" },
      summary = { zh = "手指按下", en = "a finger touches the screen" } },
    { name = "touchmoved", forms = { "exhibit.touchmoved(id, x, y, dx, dy)" },
      summary = { zh = "手指移动", en = "that finger moves" } },
    { name = "touchreleased", forms = { "exhibit.touchreleased(id, x, y)" },
      summary = { zh = "手指离开屏幕", en = "that finger leaves the screen" } },
    { name = "leave", forms = { "exhibit.leave()" },
      summary = { zh = "观众离开；最后一次调用", en = "the visitor leaves; the last call" } },
  },

  -- Lua's base functions the sandbox keeps (sandbox.cpp). Changed there: load
  -- (text chunks only), collectgarbage ("count" only), rawset (refuses the
  -- read-only tables); print is the kiosk's (api_system.cpp: to the kiosk log).
  base = {
    "assert", "error", "ipairs", "next", "pairs", "pcall", "xpcall", "print",
    "rawequal", "rawget", "rawlen", "rawset", "select", "setmetatable",
    "getmetatable", "tonumber", "tostring", "type", "load", "collectgarbage",
  },

  -- Lua 5.4's libraries the sandbox keeps, read-only, with all their fields.
  libraries = {
    { name = "string", fields = { "byte", "char", "find", "format", "gmatch", "gsub", "len",
      "lower", "match", "pack", "packsize", "rep", "reverse", "sub", "unpack", "upper" } },
    { name = "table", fields = { "concat", "insert", "move", "pack", "remove", "sort", "unpack" } },
    { name = "math", fields = { "abs", "acos", "asin", "atan", "ceil", "cos", "deg", "exp",
      "floor", "fmod", "huge", "log", "max", "maxinteger", "min", "mininteger", "modf", "pi",
      "rad", "random", "randomseed", "sin", "sqrt", "tan", "tointeger", "type", "ult" } },
    { name = "utf8", fields = { "char", "charpattern", "codepoint", "codes", "len", "offset" } },
    { name = "coroutine", fields = { "close", "create", "isyieldable", "resume", "running",
      "status", "wrap", "yield" } },
  },

  -- Reachable in the sandbox, but not offered to exhibits: the guide does not
  -- name them and luacheck reports their use. _G and _VERSION are in every Lua;
  -- the math functions are Lua 5.3's, which Debian's Lua 5.4 still builds in
  -- (LUA_COMPAT_MATHLIB) and which exhibits should not start to rely on.
  unoffered = { "_G", "_VERSION", "math.atan2", "math.cosh", "math.frexp", "math.ldexp",
    "math.log10", "math.pow", "math.sinh", "math.tanh" },

  -- Never reachable in an exhibit, named so the guide and .luacheckrc can say so.
  absent = { "io", "os", "package", "require", "dofile", "loadfile", "debug", "string.dump" },
}
