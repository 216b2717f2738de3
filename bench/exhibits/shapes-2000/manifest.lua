-- Benchmark exhibit: 2,000 animated shapes (bench-exhibits measures its frame time).
return {
  id = "bench-shapes-2000",
  kind = "exhibit",
  version = "1.0.0",
  title = { zh = "两千个图形", en = "2,000 shapes" },
  summary = { zh = "基准测试：每帧移动两千个图形。", en = "Benchmark: 2,000 shapes moving every frame." },
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
}
