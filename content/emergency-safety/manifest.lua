-- Emergency Safety Quiz (应急科普问答): the quiz pack's manifest (data only).
-- The review record below is a SAMPLE for the demo build, not a real review.
return {
  id = "emergency-safety",
  kind = "quiz",
  version = "1.0.0",
  title = { zh = "应急科普问答", en = "Emergency Safety Quiz" },
  summary = {
    zh = "地震、洪水、火灾和用电安全：答一答，学会保护自己和家人。",
    en = "Earthquakes, floods, fire and electricity: learn to keep yourself and your family safe.",
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
