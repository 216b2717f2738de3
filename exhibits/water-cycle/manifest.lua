-- The Water Cycle: the exhibit's manifest (data only).
return {
  id = "water-cycle",
  kind = "exhibit",
  version = "1.0.0",
  title = { zh = "水的旅行", en = "The Water Cycle" },
  summary = {
    zh = "跟着一滴水去旅行：蒸发、凝结、降水，再流回大海。",
    en = "Follow a drop of water: evaporation, condensation, rain and back to the sea.",
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
