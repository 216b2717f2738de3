-- Example "sprite-sheet": the manifest (data only).
return {
  id = "example-sprite-sheet",
  kind = "exhibit",
  version = "1.0.0",
  title = { zh = "示例：精灵图：月相", en = "Example: A sprite sheet: phases of the Moon" },
  summary = {
    zh = "一张图里有八个月相，kiosk.image 的 source 选出其中一格来画。",
    en = "Eight Moon phases in one picture; kiosk.image's source picks one frame to draw.",
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
