-- Example "timer-easing": the manifest (data only).
return {
  id = "example-timer-easing",
  kind = "exhibit",
  version = "1.0.0",
  title = { zh = "示例：计时与缓动", en = "Example: A timer and easing" },
  summary = {
    zh = "kiosk.tween 让圆点按不同的缓动曲线移动，圆弧显示计时。",
    en = "kiosk.tween moves dots along different easing curves; an arc shows the timer.",
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
