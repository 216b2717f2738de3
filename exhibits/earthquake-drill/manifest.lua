-- Earthquake Safety Drill: the exhibit's manifest (data only).
return {
  id = "earthquake-drill",
  kind = "exhibit",
  version = "1.0.0",
  title = { zh = "地震避险演练", en = "Earthquake Safety Drill" },
  summary = {
    zh = "地震来了该躲在哪里？学会“趴下、掩护、抓牢”。",
    en = "Where do you shelter when the ground shakes? Learn drop, cover, hold on.",
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
