-- Example "image-rotation": the manifest (data only). See exhibits/README.md.
return {
  id = "example-image-rotation",
  kind = "exhibit",
  version = "1.0.0",
  title = { zh = "例子：旋转图片", en = "Example: an image with rotation" },
  summary = { zh = "一张图片绕着自己的中心转动。", en = "A picture turns around its own centre." },
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
