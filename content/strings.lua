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
  -- The visitor's switches on the home screen (back off for the next visitor).
  home_large_text = { zh = "大字", en = "Big text" },
  home_sound = { zh = "声音", en = "Sound" },

  -- Attract screen: shown while nobody is using the kiosk.
  attract_title = { zh = "一起来玩科学！", en = "Come and play with science!" },
  attract_hint = { zh = "轻触屏幕开始探索", en = "Touch the screen to start" },

  -- An exhibit that stopped working: the visitor sees this card, then home.
  exhibit_resting_title = { zh = "这个展项正在休息", en = "This exhibit is taking a rest" },
  exhibit_resting_body = {
    zh = "工作人员会尽快让它恢复。先去看看别的展项吧！",
    en = "Our team will have it back soon. Taking you home to try another exhibit!",
  },
  -- The kiosk itself could not start (a broken setup): shown instead of the
  -- desktop until staff fix it. Nothing on it can be touched. The staff line
  -- is small, at the bottom: {code} is a short reason code (CONFIG, DATA,
  -- STRINGS, FONT, CONTENT, DISPLAY) and {where} the file with the full reason,
  -- or startup_failed_log_only when there is none. The same words are in
  -- kiosk-config/fallback-strings.lua, used when this file cannot be read.
  startup_failed_title = { zh = "这台展机正在休息", en = "This exhibit is resting" },
  startup_failed_body = {
    zh = "请先去看看旁边的展项吧，工作人员会尽快让它恢复。",
    en = "Please try another exhibit nearby. Our team will have this one back soon.",
  },
  startup_failed_staff = {
    zh = "工作人员：故障代码 {code}，详细原因见 {where}",
    en = "Staff: code {code}, full reason in {where}",
  },
  startup_failed_log_only = {
    zh = "系统日志（journalctl --user -u kiosk）",
    en = "the system log (journalctl --user -u kiosk)",
  },
  -- The data folder was refused as unsafe: other users could write it, or it
  -- belongs to another user. {folder} is its path. Shown above the staff line.
  startup_failed_unsafe_data = {
    zh = "工作人员：数据文件夹 {folder} 可被其他用户写入，或不属于运行展机的用户。请运行 chmod 700 {folder}（必要时先用 chown 交给该用户）",
    en = "Staff: the data folder {folder} can be written by other users, or belongs to another user. Run chmod 700 {folder} (and chown it to the kiosk's user if needed)",
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
  admin_statistics = { zh = "访客统计", en = "Statistics" },
  admin_statistics_recording = { zh = "正在记录", en = "Recording" },
  admin_statistics_disk_full = { zh = "磁盘已满：只保留计数", en = "Disk full: keeping counts only" },
  admin_statistics_not_writable = { zh = "数据文件夹无法写入：只保留计数", en = "Data folder cannot be written: keeping counts only" },
  admin_statistics_off = { zh = "未记录", en = "Not recording" },
  -- {stored} and {dropped}: events since the kiosk started
  admin_statistics_counts = { zh = "本次开机已记录 {stored} 条，丢弃 {dropped} 条", en = "{stored} events stored since start, {dropped} dropped" },
  -- Sending the counts to the venue's kiosk-hub (the config's sync section).
  admin_sync = { zh = "数据同步", en = "Hub sync" },
  admin_sync_off = { zh = "未配置：统计只保存在本机", en = "Not configured: statistics stay on this kiosk" },
  admin_sync_cannot_start = { zh = "无法启动", en = "Cannot start" },
  admin_sync_never = { zh = "尚未同步", en = "Not synced yet" },
  admin_sync_ok = { zh = "上次同步成功", en = "Last sync succeeded" },
  admin_sync_failed = { zh = "上次同步失败", en = "Last sync failed" },
  -- {s}: seconds until the next try
  admin_sync_retry = { zh = "{s} 秒后重试", en = "next try in {s} s" },
  admin_sync_last_success = { zh = "上次成功", en = "last success" },
  -- The hub content row (only on kiosks that take content from a hub).
  -- {have}/{need}: packages present of the assigned set; {reason}: the first problem.
  admin_hub_content = { zh = "中心内容", en = "Hub content" },
  admin_hub_content_none = { zh = "尚未收到内容分配", en = "No assignment received yet" },
  admin_hub_content_up_to_date = { zh = "已是最新", en = "Up to date" },
  admin_hub_content_downloading = { zh = "正在下载 {have}/{need}", en = "Downloading {have}/{need}" },
  admin_hub_content_failed = { zh = "失败：{reason}", en = "Failed: {reason}" },
  admin_hub_content_expired = { zh = "快照已过期", en = "Snapshot expired" },
  admin_notices = { zh = "应急通知", en = "Emergency notices" },
  admin_notices_held = { zh = "收到 {n} 条", en = "{n} held" },
  admin_notices_refused = { zh = "已拒绝 {n} 条", en = "{n} refused" },
  admin_sound = { zh = "声音", en = "Sound" },
  admin_sound_no_device = { zh = "没有音频设备：讲解只显示字幕", en = "No audio device: narration shows captions only" },

  -- Emergency notices from the hub (docs/emergency-notices.md): the
  -- takeover, the banner on home and attract, the strip on exhibits and
  -- quizzes. Drill labels are large on purpose: nobody may take a drill
  -- for a real alarm.
  notice_title = { zh = "应急通知", en = "Emergency notice" },
  notice_learn = { zh = "了解如何应对", en = "Learn what to do" },
  notice_close = { zh = "关闭", en = "Close" },
  notice_exercise = { zh = "演练", en = "EXERCISE" },
  notice_test = { zh = "测试", en = "TEST" },

  -- Quiz screens (engine/app/quiz_screen.cpp). {n}, {total} and {correct}
  -- are filled in by the kiosk: keep them, in any order the language needs.
  quiz_progress = { zh = "第 {n} 题 / 共 {total} 题", en = "Question {n} of {total}" },
  quiz_true = { zh = "对", en = "True" },    -- true/false questions' two answers
  quiz_false = { zh = "错", en = "False" },
  quiz_hint_multiple = {
    zh = "可以选多个答案，选好后点“确定”",
    en = "Choose all the right answers, then tap Check",
  },
  quiz_hint_order = {
    zh = "按正确的顺序依次点击，再点一次可以撤销",
    en = "Tap the steps in the right order. Tap a numbered step to undo it.",
  },
  quiz_hint_image = { zh = "点一点正确的图片", en = "Tap the right picture" },
  quiz_check = { zh = "确定", en = "Check" },
  quiz_right = { zh = "答对了！", en = "That's right!" },
  quiz_wrong = { zh = "答错了，看看正确答案", en = "Not quite. Here is the right answer" },
  quiz_your_pick = { zh = "你的选择", en = "Your pick" },
  quiz_right_order = { zh = "正确的顺序：", en = "The right order:" },
  quiz_learn = { zh = "小知识", en = "Good to know" },
  quiz_next = { zh = "下一题", en = "Next" },
  quiz_see_score = { zh = "看成绩", en = "See score" },
  quiz_score = { zh = "答对 {correct} / {total} 题", en = "{correct} of {total} correct" },
  -- The score screen's message by score band: under 40 %, under 70 %, under 100 %, all right.
  quiz_band_0 = {
    zh = "没关系，每答一题都能学到新知识。再来一次吧！",
    en = "No worries: every question teaches something new. Have another go!",
  },
  quiz_band_1 = {
    zh = "不错的开始！再玩一次，你会答得更好。",
    en = "A good start! Play again and you will do even better.",
  },
  quiz_band_2 = {
    zh = "真棒！大部分知识你都掌握了。",
    en = "Great job! You already know most of this.",
  },
  quiz_band_3 = {
    zh = "全部答对，你是科普小达人！",
    en = "All right! You are a science star!",
  },
  quiz_play_again = { zh = "再玩一次", en = "Play again" },
}
