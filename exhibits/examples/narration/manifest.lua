-- Example "narration": the exhibit's manifest (data only).
return {
  id = "example-narration",
  kind = "exhibit",
  version = "1.0.0",
  title = { zh = "示例：讲解和字幕", en = "Example: narration with captions" },
  summary = {
    zh = "用 kiosk.narrate 播放一段讲解，并给出中英文字幕。",
    en = "Plays a spoken explanation with kiosk.narrate, with captions in zh and en.",
  },
  authors = { "青山县科技馆科普部 (example)" },
  license = "CC0-1.0",
  min_runtime = "0.3.0",
  -- The recordings were made with espeak-ng 1.51 (Debian) and oggenc.
  review = {
    reviewer = "示例审核人 (sample reviewer)",
    organization = "示例科学技术协会 (sample review record)",
    reviewed = "2026-12-01",
    expires = "2030-12-31",
  },
  thumbnail = "thumbnail.png",
  entry = "main.lua",
}
