-- Everyday Science Quiz (身边的科学问答): the questions, as data. The format is
-- described at the top of engine/content/quiz.h. Four themes at primary-school
-- level: physics (floating, light, sound, magnets, circuits), the water cycle,
-- astronomy (the Moon, the Sun, planets, day and night) and living things.
-- Pictures: images/NAME.svg, rendered to NAME.png by the build (content/README.md).
return {
  round = { questions = 6, shuffle_options = true },

  questions = {
    ------------------------------------------------------------------- physics
    {
      id = "float-or-sink", type = "single", difficulty = 1, tags = { "physics" },
      prompt = {
        zh = "把下面哪样东西放进水里，它会浮起来？",
        en = "Which of these floats when you put it in water?",
      },
      options = {
        { id = "a", text = { zh = "铁钉", en = "An iron nail" } },
        { id = "b", text = { zh = "石头", en = "A stone" } },
        { id = "c", text = { zh = "木块", en = "A block of wood" } },
        { id = "d", text = { zh = "玻璃弹珠", en = "A glass marble" } },
      },
      answer = "c",
      explanation = {
        zh = "木头的密度比水小，所以能浮在水面上；铁钉、石头和玻璃弹珠的密度比水大，会沉下去。",
        en = "Wood is less dense than water, so it floats. Iron, stone and glass are denser than water, so they sink.",
      },
    },
    {
      id = "rainbow", type = "single", difficulty = 2, tags = { "physics", "light" },
      image = "images/rainbow.png",
      prompt = {
        zh = "雨后天空中的彩虹是怎样形成的？",
        en = "How does a rainbow form after rain?",
      },
      options = {
        { id = "a", text = { zh = "阳光照进空中的小水滴", en = "Sunlight shines into raindrops" } },
        { id = "b", text = { zh = "云被染上了颜色", en = "The clouds get coloured" } },
        { id = "c", text = { zh = "月光照在云上", en = "Moonlight shines on clouds" } },
        { id = "d", text = { zh = "空气里飘着彩色灰尘", en = "Coloured dust floats in the air" } },
      },
      answer = "a",
      explanation = {
        zh = "阳光由多种颜色的光组成。阳光射进空中的小水滴，经过折射和反射，各种颜色分开，就成了彩虹。",
        en = "Sunlight is a mix of colours. Inside raindrops it is bent and reflected, the colours spread apart, and we see a rainbow.",
      },
    },
    {
      id = "sound-vacuum", type = "truefalse", difficulty = 2, tags = { "physics", "sound" },
      prompt = {
        zh = "声音可以在真空中传播。",
        en = "Sound can travel through a vacuum.",
      },
      answer = false,
      explanation = {
        zh = "声音靠空气、水等物质的振动来传播。真空里没有物质，声音传不过去，所以宇航员在舱外要用无线电通话。",
        en = "Sound travels as vibrations in air, water or other matter. A vacuum has none, so astronauts on a spacewalk talk by radio.",
      },
    },
    {
      id = "magnet", type = "multiple", difficulty = 1, tags = { "physics", "magnets" },
      prompt = {
        zh = "磁铁能吸起下面哪些东西？",
        en = "Which of these can a magnet pick up?",
      },
      options = {
        { id = "a", text = { zh = "铁钉", en = "An iron nail" } },
        { id = "b", text = { zh = "铝制易拉罐", en = "An aluminium can" } },
        { id = "c", text = { zh = "回形针", en = "A paper clip" } },
        { id = "d", text = { zh = "塑料尺", en = "A plastic ruler" } },
      },
      answer = { "a", "c" },
      explanation = {
        zh = "磁铁能吸引铁、钴、镍等金属。铁钉和回形针里有铁，铝和塑料不会被磁铁吸起。",
        en = "Magnets attract iron, cobalt and nickel. Nails and paper clips contain iron; aluminium and plastic are not attracted.",
      },
    },
    {
      id = "circuit", type = "image", difficulty = 2, tags = { "physics", "electricity" },
      prompt = {
        zh = "哪个电路能让小灯泡亮起来？",
        en = "Which circuit makes the bulb light up?",
      },
      options = {
        { id = "a", image = "images/circuit-open.png" },
        { id = "b", image = "images/circuit-one-end.png" },
        { id = "c", image = "images/circuit-closed.png" },
      },
      answer = "c",
      explanation = {
        zh = "电流要从电池的一端出发，经过灯泡，再回到电池的另一端，形成闭合的回路，灯泡才会亮。",
        en = "Current must flow from one end of the battery, through the bulb and back to the other end. Only a closed loop lights the bulb.",
      },
    },

    ------------------------------------------------------------- water cycle
    {
      id = "water-cycle", type = "order", difficulty = 2, tags = { "water-cycle" },
      prompt = {
        zh = "从海水蒸发开始，把水循环的过程排好顺序。",
        en = "Starting at the sea, put the water cycle in order.",
      },
      options = {
        { id = "evaporate", text = { zh = "太阳晒热海水，水蒸发", en = "The sun evaporates sea water" } },
        { id = "condense", text = { zh = "水蒸气上升，遇冷凝结成云", en = "Vapour rises, cools and forms clouds" } },
        { id = "rain", text = { zh = "云里的水滴变大，落下成雨", en = "Droplets grow and fall as rain" } },
        { id = "flow", text = { zh = "雨水汇入江河，流回大海", en = "Rivers carry the rain back to the sea" } },
      },
      explanation = {
        zh = "水在海洋、天空和陆地之间不停地循环：蒸发、凝结、降水、径流，周而复始。",
        en = "Water keeps moving between sea, sky and land: evaporation, condensation, rain and run-off, over and over again.",
      },
    },
    {
      id = "drying-clothes", type = "single", difficulty = 1, tags = { "water-cycle" },
      prompt = {
        zh = "晾在外面的湿衣服干了，水到哪里去了？",
        en = "Wet clothes on the line get dry. Where did the water go?",
      },
      options = {
        { id = "a", text = { zh = "藏进了布料里", en = "It hid inside the cloth" } },
        { id = "b", text = { zh = "变成水蒸气跑到空气里", en = "It became vapour in the air" } },
        { id = "c", text = { zh = "被阳光烧没了", en = "The sunshine burned it up" } },
      },
      answer = "b",
      explanation = {
        zh = "水受热会蒸发，变成看不见的水蒸气散到空气中。天气越热、风越大，衣服干得越快。",
        en = "Warmth makes water evaporate into invisible vapour that mixes into the air. The warmer and windier it is, the faster clothes dry.",
      },
    },
    {
      id = "clouds", type = "truefalse", difficulty = 1, tags = { "water-cycle" },
      prompt = {
        zh = "天上的云是由许多小水滴或小冰晶组成的。",
        en = "Clouds are made of tiny water droplets or ice crystals.",
      },
      answer = true,
      explanation = {
        zh = "水蒸气升到高空遇冷，凝结成许多小水滴或小冰晶，它们聚在一起就是我们看到的云。",
        en = "Water vapour rises, cools high up and condenses into tiny droplets or ice crystals. Together they make the clouds we see.",
      },
    },
    {
      id = "ice-floats", type = "truefalse", difficulty = 2, tags = { "water-cycle", "physics" },
      prompt = {
        zh = "把冰块放进水里，它会沉到杯底。",
        en = "An ice cube put in water sinks to the bottom.",
      },
      answer = false,
      explanation = {
        zh = "水结冰时体积变大，冰的密度比水小，所以冰会浮在水面上。冬天湖面结了冰，冰下的鱼还能游动。",
        en = "Water expands when it freezes, so ice is less dense than water and floats. That is why fish can still swim under a frozen lake.",
      },
    },
    {
      id = "solid-water", type = "image", difficulty = 1, tags = { "water-cycle" },
      prompt = {
        zh = "哪张图里的水是固态的？",
        en = "In which picture is the water solid?",
      },
      options = {
        { id = "a", image = "images/water-glass.png", text = { zh = "一杯水", en = "A glass of water" } },
        { id = "b", image = "images/water-ice.png", text = { zh = "冰块", en = "Ice cubes" } },
        { id = "c", image = "images/water-rain.png", text = { zh = "雨滴", en = "Raindrops" } },
      },
      answer = "b",
      explanation = {
        zh = "冰是固态的水。杯子里的水和雨滴是液态的；水蒸气是气态的，我们用眼睛看不见。",
        en = "Ice is water in solid form. Water in a glass and raindrops are liquid; water vapour is a gas, and we cannot see it.",
      },
    },

    ----------------------------------------------------------------- astronomy
    {
      id = "moonlight", type = "single", difficulty = 1, tags = { "astronomy" },
      prompt = {
        zh = "月亮为什么看起来亮亮的？",
        en = "Why does the Moon look bright?",
      },
      options = {
        { id = "a", text = { zh = "月亮自己会发光", en = "It makes its own light" } },
        { id = "b", text = { zh = "月亮是一团大火球", en = "It is a ball of fire" } },
        { id = "c", text = { zh = "月亮反射太阳光", en = "It reflects sunlight" } },
      },
      answer = "c",
      explanation = {
        zh = "月亮本身不发光，月光是它反射的太阳光。我们看到它被照亮部分的多少不同，就有了月相变化。",
        en = "The Moon makes no light of its own: moonlight is sunlight bouncing off it. How much of its sunlit side we see gives the Moon's phases.",
      },
    },
    {
      id = "moon-phases", type = "order", difficulty = 2, tags = { "astronomy" },
      prompt = {
        zh = "从新月开始，月相变化的顺序是怎样的？",
        en = "Starting from the new moon, put the Moon's phases in order.",
      },
      options = {
        { id = "new", text = { zh = "新月", en = "New moon" } },
        { id = "first-quarter", text = { zh = "上弦月", en = "First quarter" } },
        { id = "full", text = { zh = "满月", en = "Full moon" } },
        { id = "last-quarter", text = { zh = "下弦月", en = "Last quarter" } },
      },
      explanation = {
        zh = "月相大约每29.5天变化一轮：新月、上弦月、满月、下弦月，然后又回到新月。",
        en = "The phases repeat about every 29.5 days: new moon, first quarter, full moon, last quarter, then new again.",
      },
    },
    {
      id = "full-moon", type = "image", difficulty = 2, tags = { "astronomy" },
      prompt = {
        zh = "农历十五前后，夜晚的月亮是什么样子？",
        en = "Around the 15th day of the lunar month, what does the Moon look like at night?",
      },
      options = {
        { id = "a", image = "images/moon-crescent.png" },
        { id = "b", image = "images/moon-full.png" },
        { id = "c", image = "images/moon-half.png" },
      },
      answer = "b",
      explanation = {
        zh = "农历十五前后，月亮和太阳分别在地球两侧，月亮被照亮的一面正对着我们，就是圆圆的满月。",
        en = "Around the 15th of the lunar month, the Moon and the Sun are on opposite sides of the Earth, so we see the Moon's whole sunlit face: a full moon.",
      },
    },
    {
      id = "sun-is-a-star", type = "truefalse", difficulty = 1, tags = { "astronomy" },
      prompt = {
        zh = "太阳是一颗恒星。",
        en = "The Sun is a star.",
      },
      answer = true,
      explanation = {
        zh = "太阳是离地球最近的恒星，它自己发光发热。夜空中的许多星星也是恒星，只是离我们远得多。",
        en = "The Sun is the star closest to Earth and makes its own light and heat. Many stars in the night sky are suns too, just much farther away.",
      },
    },
    {
      id = "planets", type = "multiple", difficulty = 2, tags = { "astronomy" },
      prompt = {
        zh = "下面哪些是太阳系的行星？",
        en = "Which of these are planets of the Solar System?",
      },
      options = {
        { id = "a", text = { zh = "月球", en = "The Moon" } },
        { id = "b", text = { zh = "火星", en = "Mars" } },
        { id = "c", text = { zh = "太阳", en = "The Sun" } },
        { id = "d", text = { zh = "木星", en = "Jupiter" } },
      },
      answer = { "b", "d" },
      explanation = {
        zh = "太阳系有八颗行星：水星、金星、地球、火星、木星、土星、天王星和海王星。月球是地球的卫星，太阳是恒星。",
        en = "The Solar System has eight planets: Mercury, Venus, Earth, Mars, Jupiter, Saturn, Uranus and Neptune. The Moon is Earth's satellite and the Sun is a star.",
      },
    },
    {
      id = "day-and-night", type = "single", difficulty = 1, tags = { "astronomy" },
      image = "images/day-night.png",
      prompt = {
        zh = "为什么会有白天和黑夜？",
        en = "Why do we have day and night?",
      },
      options = {
        { id = "a", text = { zh = "太阳绕着地球转", en = "The Sun goes round the Earth" } },
        { id = "b", text = { zh = "地球在不停地自转", en = "The Earth keeps spinning" } },
        { id = "c", text = { zh = "太阳晚上会熄灭", en = "The Sun goes out at night" } },
      },
      answer = "b",
      explanation = {
        zh = "地球自西向东自转，朝着太阳的一面是白天，背着太阳的一面是黑夜。地球自转一圈大约是一天。",
        en = "The Earth spins from west to east. The side facing the Sun has day, the other side night, and one turn takes about a day.",
      },
    },

    ------------------------------------------------------------ living things
    {
      id = "photosynthesis", type = "multiple", difficulty = 3, tags = { "biology", "plants" },
      prompt = {
        zh = "绿色植物进行光合作用，要用到哪些东西？",
        en = "What does a green plant use for photosynthesis?",
      },
      options = {
        { id = "a", text = { zh = "阳光", en = "Sunlight" } },
        { id = "b", text = { zh = "水", en = "Water" } },
        { id = "c", text = { zh = "氧气", en = "Oxygen" } },
        { id = "d", text = { zh = "二氧化碳", en = "Carbon dioxide" } },
      },
      answer = { "a", "b", "d" },
      explanation = {
        zh = "植物的叶子利用阳光，把水和二氧化碳变成养分，同时放出氧气。氧气是光合作用产生的，不是用掉的。",
        en = "Leaves use sunlight to turn water and carbon dioxide into food, giving off oxygen. Oxygen is what photosynthesis makes, not what it uses.",
      },
    },
    {
      id = "butterfly-life", type = "order", difficulty = 2, tags = { "biology", "animals" },
      image = "images/butterfly.png",
      prompt = {
        zh = "蝴蝶的一生要经过哪几个阶段？按顺序排一排。",
        en = "The life of a butterfly: put the stages in order.",
      },
      options = {
        { id = "egg", text = { zh = "卵", en = "Egg" } },
        { id = "larva", text = { zh = "幼虫（毛毛虫）", en = "Caterpillar (larva)" } },
        { id = "pupa", text = { zh = "蛹", en = "Chrysalis (pupa)" } },
        { id = "adult", text = { zh = "成虫（蝴蝶）", en = "Butterfly (adult)" } },
      },
      explanation = {
        zh = "蝴蝶是完全变态发育：卵孵出毛毛虫，毛毛虫长大后化成蛹，最后从蛹里羽化成蝴蝶。",
        en = "Butterflies go through complete metamorphosis: an egg hatches into a caterpillar, the caterpillar becomes a chrysalis, and a butterfly comes out.",
      },
    },
    {
      id = "heart", type = "single", difficulty = 1, tags = { "biology", "human-body" },
      prompt = {
        zh = "人体中，把血液送到全身的器官是哪个？",
        en = "Which organ pumps blood around the body?",
      },
      options = {
        { id = "a", text = { zh = "肺", en = "The lungs" } },
        { id = "b", text = { zh = "胃", en = "The stomach" } },
        { id = "c", text = { zh = "肝脏", en = "The liver" } },
        { id = "d", text = { zh = "心脏", en = "The heart" } },
      },
      answer = "d",
      explanation = {
        zh = "心脏像一个不停工作的泵，把血液送到全身，为身体带去氧气和养分。肺负责呼吸，交换气体。",
        en = "The heart is a pump that never stops, sending blood with oxygen and nutrients all over the body. The lungs do the breathing.",
      },
    },
    {
      id = "whale", type = "truefalse", difficulty = 1, tags = { "biology", "animals" },
      image = "images/whale.png",
      prompt = {
        zh = "鲸鱼是鱼类。",
        en = "A whale is a fish.",
      },
      answer = false,
      explanation = {
        zh = "鲸用肺呼吸，生下小鲸后用乳汁喂养，所以鲸是哺乳动物，不是鱼。",
        en = "Whales breathe with lungs and feed their babies milk, so they are mammals, not fish.",
      },
    },
    {
      id = "insect", type = "image", difficulty = 2, tags = { "biology", "animals" },
      prompt = {
        zh = "下面哪种动物是昆虫？",
        en = "Which of these animals is an insect?",
      },
      options = {
        { id = "a", image = "images/bug-spider.png", text = { zh = "蜘蛛", en = "Spider" } },
        { id = "b", image = "images/bug-snail.png", text = { zh = "蜗牛", en = "Snail" } },
        { id = "c", image = "images/bug-ant.png", text = { zh = "蚂蚁", en = "Ant" } },
      },
      answer = "c",
      explanation = {
        zh = "昆虫的身体分头、胸、腹三部分，有六条腿。蜘蛛有八条腿，不是昆虫；蜗牛是软体动物。",
        en = "An insect's body has three parts (head, thorax and abdomen) and six legs. Spiders have eight legs, so they are not insects; snails are molluscs.",
      },
    },
  },
}
