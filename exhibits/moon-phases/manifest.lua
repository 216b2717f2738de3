-- Phases of the Moon: the exhibit's manifest (data only).
return {
  id = "moon-phases",
  kind = "exhibit",
  version = "1.0.0",
  title = { zh = "月相的秘密", en = "Phases of the Moon" },
  summary = {
    zh = "拖动月球绕地球转一圈，看看月亮为什么有圆有缺。",
    en = "Move the Moon around the Earth and see why it waxes and wanes.",
  },
  authors = { "青山县科技馆科普部 (sample)" },
  license = "CC-BY-4.0",
  min_runtime = "0.1.0",
  -- What the science rests on. Checked for this sample: the lit half always
  -- faces the Sun; the phase depends on the Sun-Earth-Moon angle; the synodic
  -- month is about 29.5 days; phases are not the Earth's shadow (that is a
  -- lunar eclipse); from the Northern Hemisphere the waxing Moon is lit on
  -- the right.
  sources = {
    "NASA Science, \"Moon Phases\": https://science.nasa.gov/moon/moon-phases/",
    "中华人民共和国教育部《义务教育科学课程标准（2022年版）》，学习内容“地球与宇宙科学”：月相变化",
    "Espenak, F., NASA GSFC, \"Six Millennium Catalog of Phases of the Moon\" (mean synodic month 29.530588 days)",
  },
  -- A SAMPLE review record, so the demo kiosk shows this exhibit. Real content
  -- needs a real scientific-accuracy review before it reaches visitors.
  review = {
    reviewer = "示例审核人 (sample reviewer)",
    organization = "示例科学技术协会 (sample review record)",
    reviewed = "2026-12-01",
    expires = "2030-12-31",
  },
  thumbnail = "thumbnail.png",
  entry = "main.lua",
}
