-- Pendulum Lab: the exhibit's manifest (data only).
return {
  id = "pendulum-lab",
  version = "1.0.0",
  title = { zh = "单摆实验室", en = "Pendulum Lab" },
  summary = {
    zh = "拖动摆锤，改变摆长和角度，看看在月球和火星上摆动有什么不同。",
    en = "Drag the bob to change length and angle, then swing it on the Moon and Mars.",
  },
  thumbnail = "thumbnail.png",
  entry = "main.lua",
}
