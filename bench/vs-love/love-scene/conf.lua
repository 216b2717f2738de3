-- LÖVE's window for the benchmark against LÖVE (bench/vs-love): 1280x720,
-- vsync off, so a frame costs only its own work. Every module stays on, as a
-- curator's LÖVE program would have it.
function love.conf(t)
  t.identity = "kiosk-bench-vs-love"
  t.window.title = "bench vs-love"
  t.window.width = 1280
  t.window.height = 720
  t.window.vsync = 0
end
