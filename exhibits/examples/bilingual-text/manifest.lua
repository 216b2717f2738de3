-- Example "bilingual-text": the manifest (data only). See exhibits/README.md.
return {
  id = "example-bilingual-text",
  kind = "exhibit",
  version = "1.0.0",
  title = { zh = "例子：中英文文字和换行", en = "Example: bilingual text with wrapping" },
  summary = { zh = "中英文两种文字，按宽度自动换行。", en = "Text in both languages, wrapped to a width." },
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
