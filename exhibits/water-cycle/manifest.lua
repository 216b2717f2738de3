-- The Water Cycle: the exhibit's manifest (data only).
return {
  id = "water-cycle",
  version = "1.0.0",
  title = { zh = "水的旅行", en = "The Water Cycle" },
  summary = {
    zh = "跟着一滴水去旅行：蒸发、凝结、降水，再流回大海。",
    en = "Follow a drop of water: evaporation, condensation, rain and back to the sea.",
  },
  thumbnail = "thumbnail.png",
  entry = "main.lua",
}
