-- Visitor strings: every piece of text the kiosk itself shows (titles,
-- buttons, the admin panel), in Simplified Chinese (zh) and English (en).
-- Exhibits bring their own text; this file is only the frame around them.
--
-- Each entry is  key = { zh = "...", en = "..." }  and both languages are
-- required. Keep the text short and warm: visitors are children and elderly
-- people reading at arm's length. Change the words freely; do not rename
-- keys (the kiosk looks them up by name).
return {
  -- Home screen: the list of exhibits.
  home_title = { zh = "探索科学", en = "Explore Science" },
  home_subtitle = { zh = "触摸任意展项开始", en = "Touch any exhibit to begin" },
  kind_exhibit = { zh = "展项", en = "Exhibit" },
  no_exhibits = { zh = "暂无展项", en = "No exhibits yet" },

  -- Language button: always written in the language it switches to.
  language_toggle_to_en = { zh = "English", en = "English" },
  language_toggle_to_zh = { zh = "中文", en = "中文" },

  -- Attract screen: shown while nobody is using the kiosk.
  attract_title = { zh = "一起来玩科学！", en = "Come and play with science!" },
  attract_hint = { zh = "轻触屏幕开始探索", en = "Touch the screen to start" },

  -- An exhibit that stopped working: the visitor sees this card, then home.
  exhibit_resting_title = { zh = "这个展项正在休息", en = "This exhibit is taking a rest" },
  exhibit_resting_body = {
    zh = "工作人员会尽快让它恢复。先去看看别的展项吧！",
    en = "Our team will have it back soon. Taking you home to try another exhibit!",
  },
  -- Only curators see these (kiosk --dev): content without a current
  -- scientific review (never shown to visitors), and an exhibit error in full.
  badge_not_reviewed = { zh = "未经审核", en = "Not reviewed" },
  dev_error_title = { zh = "展项出错了", en = "The exhibit has an error" },
  dev_error_hint = {
    zh = "修改并保存文件后，展项会自动重新加载。",
    en = "Fix the file and save it: the exhibit reloads by itself.",
  },
  back_home = { zh = "返回首页", en = "Home" },

  -- Admin panel: for venue staff only.
  admin_title = { zh = "管理", en = "Admin" },
  admin_enter_pin = { zh = "请输入管理密码", en = "Enter admin PIN" },
  admin_wrong_pin = { zh = "密码不正确，请重试", en = "Wrong PIN, please try again" },
  admin_locked = { zh = "尝试次数过多，请稍后再试", en = "Too many attempts, try again later" },
  admin_cancel = { zh = "取消", en = "Cancel" },
  admin_delete = { zh = "删除", en = "Delete" },  -- PIN pad: remove the last digit
  admin_ok = { zh = "确定", en = "OK" },          -- PIN pad: check the PIN
  admin_exit = { zh = "退出程序", en = "Exit kiosk" },
  admin_close = { zh = "关闭", en = "Close" },
  admin_version = { zh = "版本", en = "Version" },
  admin_config_file = { zh = "配置文件", en = "Config file" },
  admin_data_dir = { zh = "数据目录", en = "Data folder" },
  admin_content = { zh = "展项内容", en = "Content" },
}
