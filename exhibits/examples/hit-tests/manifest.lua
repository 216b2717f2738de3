-- Example "hit-tests": the manifest (data only).
return {
  id = "example-hit-tests",
  kind = "exhibit",
  version = "1.0.0",
  title = { zh = "示例：点中了哪个形状", en = "Example: Which shape was tapped" },
  summary = {
    zh = "用 kiosk.inrect、incircle、inpolygon 判断手指点中了哪个形状。",
    en = "kiosk.inrect, incircle and inpolygon tell which shape a finger tapped.",
  },
  authors = { "kiosk examples" },
  license = "CC0-1.0",
  min_runtime = "0.1.0",
  -- A SAMPLE review record, so a demo kiosk shows the example.
  review = {
    reviewer = "示例审核人 (sample reviewer)",
    organization = "示例科学技术协会 (sample review record)",
    reviewed = "2026-12-01",
    expires = "2030-12-31",
  },
  thumbnail = "thumbnail.png",
  entry = "main.lua",
}
