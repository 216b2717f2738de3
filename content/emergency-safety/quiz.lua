-- Emergency Safety Quiz (应急科普问答): the questions, as data. The format is
-- described at the top of engine/content/quiz.h. The advice follows China's
-- public guidance: 119 fire, 110 police, 120 ambulance; earthquakes: 伏地、
-- 遮挡、手抓牢; fire: escape by the stairs, never the elevator; floods: go up to
-- high ground, never wade through moving water; electricity: dry hands, cut the
-- power first. Pictures: images/*.svg, rendered to PNG by the build (content/README.md).
return {
  round = { questions = 6, shuffle_options = true },

  questions = {
    ---------------------------------------------------------------- earthquake
    {
      id = "quake-indoor", type = "single", difficulty = 1, tags = { "earthquake" },
      image = "images/quake-room.png",
      prompt = {
        zh = "地震来了，在楼里来不及跑出去，应该怎么做？",
        en = "An earthquake strikes and you can't get out of the building in time. What should you do?",
      },
      options = {
        { id = "a", text = { zh = "乘电梯赶快下楼", en = "Take the elevator down" } },
        { id = "b", text = { zh = "躲到结实的桌子下", en = "Get under a sturdy table" } },
        { id = "c", text = { zh = "从窗户跳出去", en = "Jump out of the window" } },
        { id = "d", text = { zh = "跑到阳台上", en = "Run out onto the balcony" } },
      },
      answer = "b",
      explanation = {
        zh = "来不及撤离时要就近躲避：伏地、遮挡、手抓牢，护住头颈。不要乘电梯，也不要跳楼或跑到阳台。",
        en = "If you can't get out, shelter where you are: drop, cover and hold on, protecting your head and neck. Never take the elevator, jump, or go onto a balcony.",
      },
    },
    {
      id = "quake-drop-cover-hold", type = "order", difficulty = 2, tags = { "earthquake" },
      prompt = {
        zh = "地震时就近避险，这些动作按什么顺序做？",
        en = "Sheltering in an earthquake: put these steps in order.",
      },
      options = {
        { id = "drop", text = { zh = "就地趴下或蹲下", en = "Drop to the floor" } },
        { id = "cover", text = { zh = "躲到桌下，护住头颈", en = "Get under a table, cover your head" } },
        { id = "hold", text = { zh = "抓牢桌腿，等震动停止", en = "Hold on until the shaking stops" } },
        { id = "leave", text = { zh = "震后有序撤到空旷处", en = "Then calmly move to open ground" } },
      },
      explanation = {
        zh = "记住“伏地、遮挡、手抓牢”。震动停止后，再有序撤离到空旷的地方，并当心余震。",
        en = "Remember: drop, cover, hold on. When the shaking stops, calmly leave for open ground and watch out for aftershocks.",
      },
    },
    {
      id = "quake-aftershock", type = "truefalse", difficulty = 2, tags = { "earthquake" },
      prompt = {
        zh = "地震一停下来，就可以马上回屋里拿东西。",
        en = "As soon as the shaking stops, it is safe to go back inside for your things.",
      },
      answer = false,
      explanation = {
        zh = "大地震后常有余震，受损的房屋可能再次倒塌。先待在空旷处，等确认安全后再回去。",
        en = "Big earthquakes are often followed by aftershocks that can bring damaged buildings down. Stay in the open until it is confirmed safe.",
      },
    },
    {
      id = "quake-safe-place", type = "image", difficulty = 1, tags = { "earthquake" },
      prompt = {
        zh = "地震时你在室外，哪里最安全？",
        en = "You are outdoors when an earthquake hits. Where is safest?",
      },
      options = {
        { id = "a", image = "images/tall-building.png", text = { zh = "高楼旁边", en = "Next to a tall building" } },
        { id = "b", image = "images/open-square.png", text = { zh = "空旷的广场", en = "An open square" } },
        { id = "c", image = "images/billboard.png", text = { zh = "广告牌下面", en = "Under a billboard" } },
        { id = "d", image = "images/power-pole.png", text = { zh = "电线杆旁边", en = "Beside a power pole" } },
      },
      answer = "b",
      explanation = {
        zh = "高楼的玻璃、广告牌和电线杆都可能倒下或掉落伤人。要跑到空旷的地方，并护住头部。",
        en = "Glass from tall buildings, billboards and power poles can fall on you. Move to open ground and protect your head.",
      },
    },
    {
      id = "quake-kit", type = "multiple", difficulty = 1, tags = { "earthquake", "preparedness" },
      prompt = {
        zh = "家庭应急包里应该准备哪些东西？",
        en = "What belongs in a family emergency kit?",
      },
      options = {
        { id = "a", text = { zh = "饮用水和食物", en = "Drinking water and food" } },
        { id = "b", text = { zh = "手电筒和哨子", en = "A flashlight and a whistle" } },
        { id = "c", text = { zh = "鞭炮和烟花", en = "Firecrackers and fireworks" } },
        { id = "d", text = { zh = "常用药和创可贴", en = "Medicine and bandages" } },
      },
      answer = { "a", "b", "d" },
      explanation = {
        zh = "应急包要备好水、食物、手电筒、哨子（被困时吹哨求救）和急救用品。易燃易爆的东西不能放。",
        en = "Pack water, food, a flashlight, a whistle (to call for help if trapped) and first-aid supplies. Never pack anything that can catch fire or explode.",
      },
    },

    --------------------------------------------------------------------- flood
    {
      id = "flood-higher", type = "single", difficulty = 1, tags = { "flood" },
      image = "images/flood.png",
      prompt = {
        zh = "洪水就要来了，应该往哪里转移？",
        en = "A flood is coming. Where should you go?",
      },
      options = {
        { id = "a", text = { zh = "地下室或地下车库", en = "A basement or underground garage" } },
        { id = "b", text = { zh = "低洼的河边", en = "The low riverbank" } },
        { id = "c", text = { zh = "附近的高地或楼房高层", en = "High ground or upper floors" } },
        { id = "d", text = { zh = "桥洞下面", en = "Under a bridge" } },
      },
      answer = "c",
      explanation = {
        zh = "水往低处流。洪水来时要向山坡、高地或坚固楼房的高层转移，远离地下室、桥洞等低洼处。",
        en = "Water flows downhill. Head for hills, high ground or the upper floors of a solid building, away from basements, underpasses and other low places.",
      },
    },
    {
      id = "flood-wade", type = "truefalse", difficulty = 1, tags = { "flood" },
      prompt = {
        zh = "洪水看起来不深，可以蹚水走过去。",
        en = "If floodwater looks shallow, it is fine to walk through it.",
      },
      answer = false,
      explanation = {
        zh = "流动的水力量很大，不到膝盖深也能把人冲倒，水下还可能有深坑和断落的电线。不要蹚过流动的水。",
        en = "Moving water is strong: even below the knee it can knock you over, and it can hide holes and fallen power lines. Never walk through moving water.",
      },
    },
    {
      id = "flood-warning", type = "multiple", difficulty = 2, tags = { "flood", "preparedness" },
      prompt = {
        zh = "收到暴雨洪水预警，哪些做法是对的？",
        en = "A flood warning is issued. Which are the right things to do?",
      },
      options = {
        { id = "a", text = { zh = "听从安排，及时转移", en = "Follow instructions and evacuate" } },
        { id = "b", text = { zh = "把贵重物品搬到高处", en = "Move valuables up high" } },
        { id = "c", text = { zh = "到河边看涨水", en = "Go and watch the river rise" } },
        { id = "d", text = { zh = "关掉电源和燃气阀门", en = "Turn off the power and gas" } },
      },
      answer = { "a", "b", "d" },
      explanation = {
        zh = "关注预警，听从转移安排；离家前把东西搬高，关掉电源和燃气。河边随时可能被淹，千万不要去看水。",
        en = "Follow the warnings and instructions. Before leaving, move things up high and turn off the power and gas. Riverbanks can flood at any moment, so never go to watch.",
      },
    },

    ---------------------------------------------------------------------- fire
    {
      id = "fire-call", type = "single", difficulty = 1, tags = { "fire", "emergency-numbers" },
      prompt = {
        zh = "发现火灾，应该拨打哪个电话报警？",
        en = "Which number do you call to report a fire?",
      },
      options = {
        { id = "a", text = { zh = "110", en = "110" } },
        { id = "b", text = { zh = "119", en = "119" } },
        { id = "c", text = { zh = "120", en = "120" } },
        { id = "d", text = { zh = "122", en = "122" } },
      },
      answer = "b",
      explanation = {
        zh = "119是火警电话。110是报警电话，120是急救电话，122是交通事故报警电话。",
        en = "119 is the fire number in China. 110 is the police, 120 an ambulance, and 122 is for traffic accidents.",
      },
    },
    {
      id = "fire-escape", type = "order", difficulty = 2, tags = { "fire" },
      image = "images/smoke-escape.png",
      prompt = {
        zh = "楼里着火了，到处是浓烟，逃生步骤怎么排？",
        en = "The building is on fire and full of smoke. Put the escape steps in order.",
      },
      options = {
        { id = "cover", text = { zh = "用湿毛巾捂住口鼻", en = "Wet towel over nose and mouth" } },
        { id = "low", text = { zh = "弯腰低姿，沿墙前进", en = "Stay low and follow the wall" } },
        { id = "stairs", text = { zh = "走楼梯逃到室外", en = "Take the stairs outside" } },
        { id = "call", text = { zh = "到安全处拨打119", en = "Call 119 from a safe place" } },
      },
      explanation = {
        zh = "浓烟比火更危险：捂住口鼻、低姿前进能少吸烟。走楼梯不乘电梯，逃到安全的地方后马上拨打119。",
        en = "Smoke is more dangerous than flames: covering your face and staying low keeps it out of your lungs. Use the stairs, never the elevator, and call 119 once you are safe.",
      },
    },
    {
      id = "fire-elevator", type = "truefalse", difficulty = 1, tags = { "fire" },
      prompt = {
        zh = "发生火灾时，乘电梯逃生最快。",
        en = "In a fire, taking the elevator is the fastest way out.",
      },
      answer = false,
      explanation = {
        zh = "火灾时电梯可能断电停住，电梯井还会灌进浓烟，困在里面非常危险。一定要走楼梯逃生。",
        en = "In a fire the elevator can lose power and stop, and its shaft fills with smoke, so being trapped inside is deadly. Always use the stairs.",
      },
    },
    {
      id = "fire-exit-sign", type = "image", difficulty = 1, tags = { "fire", "signs" },
      prompt = {
        zh = "着火了，要跟着哪个标志逃生？",
        en = "There is a fire. Which sign do you follow to get out?",
      },
      options = {
        { id = "a", image = "images/sign-no-smoking.png" },
        { id = "b", image = "images/sign-extinguisher.png" },
        { id = "c", image = "images/sign-exit.png" },
      },
      answer = "c",
      explanation = {
        zh = "绿色的“安全出口”标志上画着一个奔跑的人，跟着它走就能找到通往室外的出口。",
        en = "The green exit sign shows a running person. Follow it to find the way out.",
      },
    },
    {
      id = "fire-oil-pan", type = "image", difficulty = 2, tags = { "fire", "home" },
      prompt = {
        zh = "炒菜时油锅着火了，怎样灭火最好？",
        en = "The oil in a frying pan catches fire. What is the best way to put it out?",
      },
      options = {
        { id = "a", image = "images/pan-water.png", text = { zh = "用水浇", en = "Pour water on it" } },
        { id = "b", image = "images/pan-fan.png", text = { zh = "用扇子扇", en = "Fan the flames" } },
        { id = "c", image = "images/pan-lid.png", text = { zh = "盖上锅盖", en = "Put the lid on" } },
      },
      answer = "c",
      explanation = {
        zh = "油锅着火不能用水浇，燃烧的油会溅出来，火反而更大。要盖上锅盖隔绝空气，并关掉炉火。",
        en = "Never pour water on burning oil: it splatters and spreads the fire. Put the lid on to cut off the air, and turn off the stove.",
      },
    },
    {
      id = "fire-clothes", type = "single", difficulty = 2, tags = { "fire" },
      prompt = {
        zh = "身上的衣服着火了，应该怎么办？",
        en = "Your clothes catch fire. What should you do?",
      },
      options = {
        { id = "a", text = { zh = "就地躺倒打滚", en = "Drop and roll on the ground" } },
        { id = "b", text = { zh = "赶快奔跑去找人", en = "Run to find help" } },
        { id = "c", text = { zh = "对着火苗吹气", en = "Blow on the flames" } },
      },
      answer = "a",
      explanation = {
        zh = "奔跑会带来更多空气，火会烧得更旺。应立即躺倒，双手捂脸，来回打滚压灭火苗。",
        en = "Running feeds the fire with air. Stop, drop to the ground, cover your face with your hands and roll to smother the flames.",
      },
    },
    {
      id = "fire-extinguisher", type = "order", difficulty = 3, tags = { "fire" },
      image = "images/extinguisher.png",
      prompt = {
        zh = "使用手提式灭火器，步骤怎么排？",
        en = "Using a portable fire extinguisher: put the steps in order.",
      },
      options = {
        { id = "lift", text = { zh = "提起灭火器", en = "Lift the extinguisher" } },
        { id = "pin", text = { zh = "拔掉保险销", en = "Pull out the safety pin" } },
        { id = "aim", text = { zh = "握住喷管，对准火焰根部", en = "Aim the hose at the base of the fire" } },
        { id = "press", text = { zh = "用力压下压把", en = "Squeeze the handle" } },
      },
      explanation = {
        zh = "记住“提、拔、握、压”。人要站在上风处，对准火焰根部喷射，灭火效果最好。",
        en = "Remember: lift, pull, aim, squeeze. Stand upwind and spray at the base of the flames.",
      },
    },

    --------------------------------------------------------------- electricity
    {
      id = "power-wet-hands", type = "truefalse", difficulty = 1, tags = { "electricity" },
      image = "images/wet-hand-switch.png",
      prompt = {
        zh = "手湿的时候，不要去碰开关和插头。",
        en = "Never touch switches or plugs with wet hands.",
      },
      answer = true,
      explanation = {
        zh = "水能导电，湿手碰开关或插头容易触电。要先把手擦干，再用电器。",
        en = "Water conducts electricity, so wet hands on a switch or plug can give you a shock. Dry your hands first.",
      },
    },
    {
      id = "power-unplug", type = "truefalse", difficulty = 1, tags = { "electricity" },
      image = "images/plug-socket.png",
      prompt = {
        zh = "拔插头时，要捏住插头拔，不能拽电线。",
        en = "When unplugging, hold the plug itself, not the cord.",
      },
      answer = true,
      explanation = {
        zh = "拽电线会把里面的导线拉断或拉松，时间长了容易漏电、起火。要捏住插头再拔。",
        en = "Pulling the cord can break or loosen the wires inside, which can later cause shocks or fires. Hold the plug and pull.",
      },
    },
    {
      id = "power-rescue", type = "single", difficulty = 2, tags = { "electricity", "emergency-numbers" },
      prompt = {
        zh = "看到有人触电，首先应该怎么做？",
        en = "Someone is getting an electric shock. What should you do first?",
      },
      options = {
        { id = "a", text = { zh = "马上用手拉开他", en = "Pull them away by hand" } },
        { id = "b", text = { zh = "用铁棍挑开电线", en = "Move the wire with a metal rod" } },
        { id = "c", text = { zh = "往他身上泼水", en = "Throw water on them" } },
        { id = "d", text = { zh = "立即切断电源", en = "Cut off the power at once" } },
      },
      answer = "d",
      explanation = {
        zh = "人体、金属和水都能导电，直接去拉自己也会触电。要先切断电源（或用干燥的木棍挑开电线），再拨打120。",
        en = "Bodies, metal and water all conduct electricity, so grabbing the person can shock you too. Cut the power first (or push the wire away with a dry wooden stick), then call 120.",
      },
    },
    {
      id = "power-hazards", type = "multiple", difficulty = 2, tags = { "electricity", "fire" },
      prompt = {
        zh = "哪些做法容易引起触电或火灾？",
        en = "Which of these can cause an electric shock or a fire?",
      },
      options = {
        { id = "a", text = { zh = "一个插线板插满电器", en = "Overloading one power strip" } },
        { id = "b", text = { zh = "用湿抹布擦通电的插座", en = "Wiping a live socket with a wet cloth" } },
        { id = "c", text = { zh = "出门前关掉电器", en = "Switching things off before going out" } },
        { id = "d", text = { zh = "在电线附近放风筝", en = "Flying a kite near power lines" } },
      },
      answer = { "a", "b", "d" },
      explanation = {
        zh = "插线板插得太多会过热起火；湿抹布、碰到电线的风筝线都可能把电引到人身上。出门前关电器是好习惯。",
        en = "An overloaded power strip overheats and can start a fire; a wet cloth or a kite line touching a power line can carry current to you. Switching off before going out is a good habit.",
      },
    },
    {
      id = "power-warning-sign", type = "image", difficulty = 2, tags = { "electricity", "signs" },
      prompt = {
        zh = "哪个标志的意思是“当心触电”？",
        en = "Which sign means \"Danger: electricity\"?",
      },
      options = {
        { id = "a", image = "images/sign-fire-warning.png" },
        { id = "b", image = "images/sign-electric.png" },
        { id = "c", image = "images/sign-no-smoking.png" },
      },
      answer = "b",
      explanation = {
        zh = "黄色三角形是警告标志，里面画着闪电的表示“当心触电”。看到它要远离，不要触摸。",
        en = "A yellow triangle is a warning sign, and one with a lightning bolt means electrical danger. Keep away and don't touch.",
      },
    },
  },
}
