-- Pendulum Lab: the exhibit's manifest (data only).
return {
  id = "pendulum-lab",
  kind = "exhibit",
  version = "1.0.0",
  title = { zh = "单摆实验室", en = "Pendulum Lab" },
  summary = {
    zh = "拖动摆锤，改变摆长和角度，看看在月球和火星上摆动有什么不同。",
    en = "Drag the bob to change length and angle, then swing it on the Moon and Mars.",
  },
  authors = { "青山县科技馆科普部 (sample)" },
  license = "CC-BY-4.0",
  min_runtime = "0.1.0",
  -- A SAMPLE review record, so the demo kiosk shows this exhibit. Real content
  -- needs a real scientific-accuracy review before it reaches visitors.
  review = {
    reviewer = "示例审核人 (sample reviewer)",
    organization = "示例科学技术协会 (sample review record)",
    reviewed = "2026-11-01",
    expires = "2030-12-31",
  },
  thumbnail = "thumbnail.png",
  entry = "main.lua",
}
