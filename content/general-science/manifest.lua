-- Everyday Science Quiz (身边的科学问答): the quiz pack's manifest (data only).
-- The review record below is a SAMPLE for the demo build, not a real review.
return {
  id = "general-science",
  kind = "quiz",
  version = "1.0.0",
  title = { zh = "身边的科学问答", en = "Everyday Science Quiz" },
  summary = {
    zh = "电路与磁铁、水的旅行、日月星辰和奇妙的生命：边答边学。",
    en = "Circuits and magnets, the water cycle, the sky and living things: learn as you play.",
  },
  authors = { "青山县科技馆科普部 (sample)" },
  license = "CC-BY-4.0",
  min_runtime = "0.3.0",
  review = {
    reviewer = "示例审核人 (sample)",
    organization = "示例科协 (sample review record)",
    reviewed = "2026-11-01",
    expires = "2027-11-01",
  },
  thumbnail = "thumbnail.png", -- drawn as thumbnail.svg, rendered by the build (content/README.md)
  entry = "quiz.lua",
}
