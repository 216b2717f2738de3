-- Benchmark exhibit: the scene bench/vs-love draws in both the kiosk and LÖVE.
return {
  id = "bench-vs-love-scene",
  kind = "exhibit",
  version = "1.0.0",
  title = { zh = "与 LÖVE 对比的场景", en = "The scene measured against LÖVE" },
  summary = {
    zh = "基准测试：一道中文问答题和五百个弹跳的粒子。",
    en = "Benchmark: a quiz question in Chinese and 500 bouncing particles.",
  },
  authors = { "kiosk benchmarks" },
  license = "CC-BY-4.0",
  min_runtime = "0.1.0",
  -- Not visitor content: a record so the benchmark runs in venue mode.
  review = {
    reviewer = "示例审核人 (sample reviewer)",
    organization = "示例科学技术协会 (sample review record)",
    reviewed = "2026-11-01",
    expires = "2030-12-31",
  },
  thumbnail = "thumbnail.png",
  entry = "main.lua",
}
