-- Benchmark exhibit: 2,000 animated shapes (bench-exhibits measures its frame time).
return {
  id = "bench-shapes-2000",
  version = "1.0.0",
  title = { zh = "两千个图形", en = "2,000 shapes" },
  summary = { zh = "基准测试：每帧移动两千个图形。", en = "Benchmark: 2,000 shapes moving every frame." },
  thumbnail = "thumbnail.png",
}
