-- Example "button-slider": the manifest (data only). See exhibits/README.md.
return {
  id = "example-button-slider",
  kind = "exhibit",
  version = "1.0.0",
  title = { zh = "例子：按钮和滑块", en = "Example: a button and a slider" },
  summary = { zh = "用滑块改变圆的大小，用按钮恢复原样。", en = "A slider sizes a circle; a button resets it." },
  authors = { "kiosk examples" },
  license = "CC0-1.0",
  min_runtime = "0.3.0",
  -- A SAMPLE review record, so validate passes. Real content needs a real
  -- scientific-accuracy review (exhibits/README.md, section 2).
  review = {
    reviewer = "示例审查人 (sample reviewer)",
    organization = "示例科学技术协会 (sample review record)",
    reviewed = "2026-11-01",
    expires = "2030-12-31",
  },
  thumbnail = "thumbnail.png",
  entry = "main.lua",
}
