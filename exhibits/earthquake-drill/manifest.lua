-- Earthquake Safety Drill: the exhibit's manifest (data only).
return {
  id = "earthquake-drill",
  version = "1.0.0",
  title = { zh = "地震避险演练", en = "Earthquake Safety Drill" },
  summary = {
    zh = "地震来了该躲在哪里？学会“趴下、掩护、抓牢”。",
    en = "Where do you shelter when the ground shakes? Learn drop, cover, hold on.",
  },
  thumbnail = "thumbnail.png",
  entry = "main.lua",
}
