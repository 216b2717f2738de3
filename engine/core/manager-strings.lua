-- Managers' strings: every word the managers read (the reports of kioskctl
-- stats and their CSV, XLSX and JSON exports, the kiosk-hub dashboard and its
-- sign-in, refusal, upload and export messages), in Simplified Chinese (zh)
-- and English (en). Visitors' words are in content/strings.lua.
--
-- This file is compiled into kiosk-hub and kioskctl (engine/core/CMakeLists.txt
-- embeds it), so they need no content folder at run time; rebuild after an
-- edit. Each entry is  key = { zh = "...", en = "..." }  and both languages
-- are required. The terms follow docs/glossary.md (tests/strings checks it):
-- 展项, 测验, 人次, 时长, 停留, 汇总, 场馆, 终端, 数据包, 数据纪元. {n} and other
-- {names} are filled in by the program. Change the words freely; do not rename
-- keys (the programs look them up by name).
return {
  -- kioskctl stats summary/export: the "about" block ("report_" + the JSON name).
  report_about = { zh = "数据来源", en = "Source" },
  report_file = { zh = "数据库文件", en = "Database file" },
  report_epoch = { zh = "数据纪元（epoch）", en = "Database epoch" },
  report_schema_version = { zh = "结构版本", en = "Schema version" },
  report_created = { zh = "创建时间", en = "Created" },
  report_software_version = { zh = "最近开机的软件版本", en = "Software version at the last boot" },
  report_data_first_day = { zh = "最早有数据的日期", en = "First day with data" },
  report_data_last_day = { zh = "最晚有数据的日期", en = "Last day with data" },
  report_from = { zh = "报表起始日", en = "Report from" },
  report_to = { zh = "报表截止日", en = "Report to" },
  report_empty = { zh = "（无）", en = "(none)" },

  -- kioskctl stats: report titles (sheet names in XLSX, sections in CSV).
  report_visitors_per_day = { zh = "每日访客", en = "Visitors per day" },
  report_busiest_hours = { zh = "繁忙时段", en = "Busiest hours" },
  report_exhibits_by_visits = { zh = "展项（按访问次数）", en = "Exhibits by visits" },
  report_exhibits_by_dwell = { zh = "展项（按停留时间）", en = "Exhibits by dwell time" },
  report_quiz_rounds = { zh = "测验轮次", en = "Quiz rounds" },
  report_quiz_accuracy = { zh = "测验正确率（最难在前）", en = "Quiz accuracy, hardest first" },
  report_quiz_options = { zh = "选项选择次数", en = "Quiz option choices" },
  report_data_quality = { zh = "数据质量", en = "Data quality" },
  report_clock_jumps = { zh = "时钟跳变", en = "Clock jumps" },
  report_daily_rollups = { zh = "每日汇总", en = "Daily rollups" },

  -- kioskctl stats: column headers (also the dashboard's export, where the
  -- column is the same).
  report_day = { zh = "日期", en = "Day" },
  report_sessions = { zh = "访客人次", en = "Sessions" },
  report_average_session_s = { zh = "平均时长（秒）", en = "Average session (s)" },
  report_hour = { zh = "时段（点）", en = "Hour" },
  report_share_percent = { zh = "占比（%）", en = "Share (%)" },
  report_exhibit = { zh = "展项编号", en = "Exhibit" },
  report_title = { zh = "名称", en = "Title" },
  report_visits = { zh = "访问次数", en = "Visits" },
  report_dwell_total_min = { zh = "总停留（分钟）", en = "Total dwell (min)" },
  report_average_dwell_s = { zh = "平均停留（秒）", en = "Average dwell (s)" },
  report_errors = { zh = "出错次数", en = "Errors" },
  report_pack = { zh = "题库", en = "Quiz pack" },
  report_rounds_started = { zh = "开始轮次", en = "Rounds started" },
  report_rounds_completed = { zh = "完成轮次", en = "Rounds completed" },
  report_completion_percent = { zh = "完成率（%）", en = "Completed (%)" },
  report_average_score = { zh = "平均得分", en = "Average score" },
  report_question = { zh = "题目编号", en = "Question" },
  report_question_text = { zh = "题目", en = "Question text" },
  report_answers = { zh = "作答次数", en = "Answers" },
  report_correct = { zh = "答对次数", en = "Correct" },
  report_accuracy_percent = { zh = "正确率（%）", en = "Accuracy (%)" },
  report_option = { zh = "选项编号", en = "Option" },
  report_option_text = { zh = "选项", en = "Option text" },
  report_choices = { zh = "选择次数", en = "Choices" },
  report_check = { zh = "检查项", en = "Check" },
  report_description = { zh = "说明", en = "Description" },
  report_count = { zh = "数量", en = "Count" },
  report_seq = { zh = "事件序号", en = "Event seq" },
  report_time = { zh = "时间", en = "Time" },
  report_boot_id = { zh = "开机编号", en = "Boot id" },
  report_jump_s = { zh = "跳变（秒）", en = "Jump (s)" },
  report_subject_kind = { zh = "对象类别", en = "Subject kind" },
  report_subject = { zh = "对象", en = "Subject" },
  report_metric = { zh = "指标", en = "Metric" },
  report_value = { zh = "数值", en = "Value" },

  -- kioskctl stats: the data-quality checks.
  report_events_in_range = { zh = "范围内的事件", en = "Events in the range" },
  report_implausible_time = {
    zh = "时间不可信的事件（早于2025年或晚于2100年）",
    en = "Implausible time: before 2025 or after 2100",
  },
  report_clock_changed = { zh = "开机后时钟被改过的事件", en = "Clock changed earlier in the same boot" },
  report_clock_jump_events = { zh = "时钟跳变", en = "Clock jumps" },
  report_dropped_log_events = {
    zh = "超出限制未记录的展项日志事件",
    en = "Exhibit log events dropped by the limits",
  },
  report_dropped_raw_events = {
    zh = "磁盘满时未保存的原始事件（汇总中仍计入）",
    en = "Raw events lost on a full disk (still counted)",
  },
  report_implausible_time_all = { zh = "整个数据库中时间不可信的事件", en = "Implausible time, whole database" },

  -- Dashboard: the frame, sign-in and filter.
  app_title = { zh = "科普展项管理看板", en = "Science Kiosks · Managers' Dashboard" },
  -- The language link: written in the language it switches to.
  language_toggle = { zh = "English", en = "中文" },
  login_title = { zh = "登录", en = "Sign in" },
  login_intro = { zh = "请使用场馆或省级管理员账号登录。", en = "Sign in with your venue or province account." },
  username = { zh = "用户名", en = "User name" },
  password = { zh = "密码", en = "Password" },
  sign_in = { zh = "登录", en = "Sign in" },
  sign_out = { zh = "退出登录", en = "Sign out" },
  role_province_admin = { zh = "省级管理员", en = "Province administrator" },
  role_venue_manager = { zh = "场馆管理员", en = "Venue manager" },
  venue = { zh = "场馆", en = "Venue" },
  all_venues = { zh = "全部场馆", en = "All venues" },
  from = { zh = "开始日期", en = "From" },
  to = { zh = "结束日期", en = "To" },
  apply = { zh = "查询", en = "Show" },
  range_to = { zh = "至", en = "to" },

  -- Dashboard: headline figures and charts.
  total_visitors = { zh = "访客人次", en = "Visitor sessions" },
  average_session = { zh = "平均时长", en = "Average session" },
  busiest_day = { zh = "最忙的一天", en = "Busiest day" },
  kiosks_needing_attention = { zh = "需要关注的终端", en = "Kiosks needing attention" },
  of_kiosks = { zh = "共 {n} 台", en = "of {n}" },
  visitors_per_day = { zh = "每日访客", en = "Visitors per day" },
  visitors_axis = { zh = "人次", en = "sessions" },
  visits_unit = { zh = "人次", en = "sessions" },
  hour_of_week = { zh = "一周各时段访客", en = "Visitors by hour of the week" },
  hour_of_week_note = { zh = "按终端本地时间", en = "kiosk local time" },
  monday = { zh = "周一", en = "Mon" },
  tuesday = { zh = "周二", en = "Tue" },
  wednesday = { zh = "周三", en = "Wed" },
  thursday = { zh = "周四", en = "Thu" },
  friday = { zh = "周五", en = "Fri" },
  saturday = { zh = "周六", en = "Sat" },
  sunday = { zh = "周日", en = "Sun" },
  fewer = { zh = "少", en = "fewer" },
  more = { zh = "多", en = "more" },
  peak = { zh = "最多", en = "peak" },

  -- Dashboard: exhibits and quizzes.
  top_exhibits = { zh = "热门展项", en = "Top exhibits" },
  exhibit = { zh = "展项", en = "Exhibit" },
  visits = { zh = "访问次数", en = "Visits" },
  dwell_minutes = { zh = "停留（分钟）", en = "Dwell (minutes)" },
  quiz_accuracy = { zh = "测验正确率（最难的题在前）", en = "Quiz accuracy (hardest first)" },
  question = { zh = "题目", en = "Question" },
  pack = { zh = "题库", en = "Pack" },
  answers = { zh = "作答", en = "Answers" },
  correct = { zh = "答对", en = "Correct" },
  accuracy = { zh = "正确率", en = "Accuracy" },

  -- Dashboard: the kiosks' health and its alerts.
  kiosk_health = { zh = "终端状态", en = "Kiosks' health" },
  kiosk = { zh = "终端", en = "Kiosk" },
  last_seen = { zh = "最后联系", en = "Last seen" },
  version = { zh = "软件版本", en = "Version" },
  disk_free = { zh = "剩余磁盘", en = "Disk free" },
  errors = { zh = "错误", en = "Errors" },
  clock_skew = { zh = "时钟偏差", en = "Clock skew" },
  alerts = { zh = "提醒", en = "Alerts" },
  alert_silent = { zh = "超过 {n} 天未联系", en = "Silent for more than {n} days" },
  alert_clock_skew = { zh = "时钟偏差超过 5 分钟", en = "Clock off by more than 5 minutes" },
  alert_low_disk = { zh = "磁盘空间不足", en = "Low disk space" },
  alert_many_epochs = { zh = "30 天内新建了 {n} 个数据纪元（重装）", en = "{n} new epochs (reinstalls) in 30 days" },
  alert_many_epochs_rule = {
    zh = "30 天内新建至少 {n} 个数据纪元（频繁重装）",
    en = "{n} or more new epochs (reinstalls) in 30 days",
  },
  all_good = { zh = "正常", en = "OK" },
  never = { zh = "从未联系", en = "never" },
  days_ago = { zh = "{n} 天前", en = "{n} days ago" },
  one_day_ago = { zh = "1 天前", en = "1 day ago" },
  hours_ago = { zh = "{n} 小时前", en = "{n} hours ago" },
  one_hour_ago = { zh = "1 小时前", en = "1 hour ago" },
  just_now = { zh = "刚刚", en = "just now" },

  -- Dashboard: the kiosks' content (what its last sync said about its
  -- snapshot and packages). {n} is a snapshot version; {have}/{need} count
  -- packages; {reason} is one of the content_reason_* words or the kiosk's text.
  content_column = { zh = "内容", en = "Content" },
  content_up_to_date = { zh = "已是最新", en = "Up to date" },
  content_snapshot_version = { zh = "快照版本 {n}", en = "snapshot version {n}" },
  content_waiting = { zh = "待更新", en = "Update waiting" },
  content_waiting_for = { zh = "等待快照版本 {n}", en = "waiting for snapshot version {n}" },
  content_downloading = { zh = "正在下载 {have}/{need}", en = "Downloading {have} of {need}" },
  content_failed = { zh = "失败：{reason}", en = "Failed: {reason}" },
  content_failed_count = { zh = "共 {n} 个内容包失败", en = "{n} packages failed" },
  content_expired = { zh = "快照已过期", en = "Snapshot expired" },
  content_expired_shows = { zh = "仍在展示快照版本 {n}", en = "still shows snapshot version {n}" },
  content_none = { zh = "无内容", en = "No content" },
  content_not_reported = { zh = "未报告内容状态", en = "Content not reported" },
  content_unreadable = { zh = "内容状态无法读取", en = "Content state unreadable" },
  content_reason_signature = { zh = "签名", en = "signature" },
  content_reason_not_reviewed = { zh = "没有审查", en = "not reviewed" },
  content_reason_review_expired = { zh = "审查已过期", en = "review expired" },
  content_reason_sha256 = { zh = "文件校验不符", en = "file checksum" },
  content_reason_disk = { zh = "磁盘空间不足", en = "disk full" },
  content_reason_download = { zh = "下载", en = "download" },
  content_reason_unknown = { zh = "原因不明", en = "reason unknown" },
  content_reason_snapshot = { zh = "快照被拒绝", en = "snapshot refused" },

  -- Dashboard: empty and unreadable data.
  no_data_for_range = { zh = "所选时间范围内没有数据。", en = "No data for this range." },
  data_unreadable = {
    zh = "这部分数据无法读取（数据库出错或总数过大），请稍后再试或联系中心管理员。",
    en = "This data could not be read (a database error, or a total too large). Try again later, or ask the hub's administrator.",
  },
  data_unreadable_notice = {
    zh = "部分数据无法读取，本页的数字不完整。",
    en = "Some of the data could not be read: the figures on this page are incomplete.",
  },
  total_too_large = { zh = "数值过大，无法准确显示", en = "too large to show exactly" },
  no_kiosks = { zh = "还没有登记的终端。", en = "No kiosks registered yet." },

  -- Dashboard: export and import.
  data_section = { zh = "导出与导入", en = "Export and import" },
  export = { zh = "导出当前筛选的数据", en = "Export the data shown" },
  export_csv = { zh = "CSV（Excel / WPS）", en = "CSV (Excel / WPS)" },
  export_xlsx = { zh = "XLSX 表格", en = "XLSX workbook" },
  export_json = { zh = "JSON", en = "JSON" },
  import = { zh = "导入离线数据包", en = "Import an offline bundle" },
  import_hint = {
    zh = "流动展项终端用 kioskctl sync export 导出的数据包；重复导入不会重复计数。",
    en = "A bundle written by kioskctl sync export on a mobile exhibit; importing it twice counts nothing twice.",
  },
  import_button = { zh = "上传并导入", en = "Upload and import" },
  generated_at = { zh = "生成于", en = "Generated" },
  -- the zone UTC+8, named after a local time ("2026-12-06 20:15 北京时间")
  beijing_time = { zh = "北京时间", en = "Beijing time" },
  unit_day = { zh = "天", en = "d" },
  unit_hour = { zh = "小时", en = "h" },
  unit_minute = { zh = "分", en = "min" },
  unit_second = { zh = "秒", en = "s" },

  -- Dashboard export files: the about block and the columns the kioskctl
  -- reports do not have.
  export_about = { zh = "查询", en = "Query" },
  export_venue_name = { zh = "场馆名称", en = "Venue name" },
  export_weekday = { zh = "星期", en = "Weekday" },
  export_hour = { zh = "小时", en = "Hour" },

  -- kiosk-hub pages: a refused dashboard query.
  filter_bad_to = {
    zh = "结束日期无效，应为 YYYY-MM-DD 格式的真实日期。",
    en = "The end date is not valid: expected a real date, YYYY-MM-DD.",
  },
  filter_bad_from = {
    zh = "开始日期无效，应为 YYYY-MM-DD 格式的真实日期。",
    en = "The start date is not valid: expected a real date, YYYY-MM-DD.",
  },
  filter_from_after_to = { zh = "开始日期晚于结束日期。", en = "The start date is after the end date." },
  filter_range_too_long = {
    zh = "日期范围太长（最多约十年）。",
    en = "The date range is too long (at most about ten years).",
  },
  filter_not_your_venue = { zh = "您只能查看自己场馆的数据。", en = "You may only see your own venue's data." },
  filter_no_such_venue = { zh = "没有这个场馆。", en = "There is no such venue." },
  query_too_long = { zh = "查询参数太长。", en = "A query parameter is too long." },

  -- kiosk-hub pages: the refusal page, sign-in and forms.
  cannot_show = { zh = "无法显示", en = "Cannot show this" },
  back_to_dashboard = { zh = "返回数据看板", en = "Back to the dashboard" },
  login_form_expired = {
    zh = "登录表单已过期，请重新登录。",
    en = "The sign-in form has expired; please sign in again.",
  },
  login_too_long = { zh = "用户名或密码太长。", en = "The user name or password is too long." },
  login_too_many_failures = {
    zh = "登录失败次数过多，请 15 分钟后再试。",
    en = "Too many failed sign-ins; please try again in 15 minutes.",
  },
  login_wrong = { zh = "用户名或密码错误。", en = "Wrong user name or password." },
  form_expired = { zh = "表单已过期（CSRF 校验失败）。", en = "The form has expired (CSRF check failed)." },

  -- kiosk-hub pages: exports. The technical reason goes to the hub's log.
  export_bad_format = { zh = "导出格式应为 CSV、XLSX 或 JSON。", en = "The export format must be csv, xlsx or json." },
  export_unreadable = { zh = "数据无法读取，没有导出任何内容。", en = "The data could not be read, so nothing was exported." },
  export_failed = { zh = "导出失败，请稍后再试。", en = "The export failed; please try again later." },

  -- kiosk-hub pages: an uploaded offline bundle. {kiosk} is the kiosk's id,
  -- {buckets} the rollup rows in the bundle, {stored} those that changed anything.
  import_not_your_venue = {
    zh = "您只能导入自己场馆终端的数据包。",
    en = "You may only import bundles of your own venue's kiosks.",
  },
  import_done = {
    zh = "已导入终端 {kiosk} 的数据包：{buckets} 条汇总记录，其中 {stored} 条有更新。",
    en = "Imported the bundle of kiosk {kiosk}: {buckets} buckets, {stored} of them new or updated.",
  },
  -- Why an upload failed: import_failed and one entry per kind of failure
  -- (ImportFailure in hub/bundle_import.h). The technical reason goes to the hub's log.
  import_failed = { zh = "导入失败：", en = "The import failed: " },
  import_not_a_bundle = {
    zh = "这不是离线数据包，或文件已损坏。",
    en = "this is not an offline bundle, or the file is damaged.",
  },
  import_unknown_kiosk = { zh = "本中心没有登记这台终端。", en = "this hub has no such kiosk." },
  import_no_kiosk_key = {
    zh = "这台终端没有登记可用的数据包签名公钥，请联系中心管理员。",
    en = "the kiosk has no usable registered bundle key; ask the hub's administrator.",
  },
  import_bad_signature = {
    zh = "签名不符：数据包不是这台终端签发的，或签名后被改动过。",
    en = "the signature does not match the kiosk's registered key.",
  },
  import_bad_payload = { zh = "数据包的内容不完整或格式不对。", en = "the bundle's contents are incomplete or malformed." },
  import_refused = { zh = "数据包被拒绝，没有保存任何数据。", en = "the bundle was refused; nothing was stored." },
  import_store_failed = {
    zh = "中心暂时无法保存数据包，没有保存任何数据，请稍后再试。",
    en = "the hub could not store the bundle; nothing was stored.",
  },

  -- kiosk-hub pages: the 内容库 / Library page (dashboard/library_page.h).
  library_title = { zh = "内容库", en = "Library" },
  library_intro = {
    zh = "省里和各场馆的内容包：每个版本都保留；终端只展示有专家库有效审查的最新版本。",
    en = "The province's and the venues' packages: every version is kept; a kiosk shows the newest version with a current review by the expert pool.",
  },
  library_items = { zh = "内容包", en = "Packages" },
  library_empty = { zh = "内容库还没有内容包。", en = "The library has no packages yet." },
  library_col_title = { zh = "名称", en = "Title" },
  library_col_versions = { zh = "版本与审查", en = "Versions and reviews" },
  library_col_publisher = { zh = "发布者", en = "Publisher" },
  library_col_status = { zh = "归属与状态", en = "Owner and status" },
  library_col_kiosks = { zh = "正在展示的终端", en = "Shown on kiosks" },
  -- {reviewer} is the expert's name, {verdict} one of the two below, {expires} YYYY-MM-DD
  library_review_row = { zh = "{reviewer}：{verdict}，{expires} 到期", en = "{reviewer}: {verdict}, expires {expires}" },
  library_verdict_approved = { zh = "通过", en = "approved" },
  library_verdict_rejected = { zh = "不通过", en = "rejected" },
  library_review_not_pool = { zh = "不在专家库中", en = "not in the expert pool" },
  library_review_expiring = { zh = "审查将在 {n} 天后到期", en = "Review expires in {n} days" },
  library_no_approval = { zh = "没有有效审查，终端不会展示", en = "No current review: kiosks will not show it" },
  library_status_province = { zh = "省级内容", en = "The province's" },
  library_status_venue_own = { zh = "{venue} 自有内容", en = "{venue}'s own" },
  library_status_published = { zh = "已发布", en = "Published" },
  library_status_shared = { zh = "已共享", en = "Shared" },
  library_not_shown = { zh = "无", en = "none" },
  library_publish_button = { zh = "发布到所有场馆", en = "Publish to all venues" },
  library_share_button = { zh = "共享给其他场馆", en = "Share with other venues" },
  library_assign = { zh = "终端展示的内容", en = "What each kiosk shows" },
  library_assign_hint = {
    zh = "填写首页顺序（1 排在最前），留空表示不展示。",
    en = "Enter the home-screen order (1 comes first); leave empty to not show an item.",
  },
  library_assign_button = { zh = "保存", en = "Save" },
  library_nothing_assignable = {
    zh = "还没有这台终端可以展示的内容：需要省里发布、本场馆自有或已共享的内容包。",
    en = "Nothing this kiosk may show yet: packages must be published by the province, the venue's own, or shared.",
  },
  library_upload = { zh = "上传内容包", en = "Upload a package" },
  library_upload_hint = {
    zh = "必须由本中心信任的发布者签名；同一版本不能用不同的文件再次上传。最大 {mb} MB，更大的内容包请用 kiosk-hub content add。",
    en = "It must be signed by a publisher this hub trusts; a version cannot be uploaded again with other bytes. At most {mb} MB; add larger packages with kiosk-hub content add.",
  },
  library_upload_button = { zh = "上传", en = "Upload" },
  -- {id} and {version} name the package, {kiosk} a kiosk
  library_added = { zh = "已加入内容库：{id} {version}。", en = "Added to the library: {id} {version}." },
  library_already = {
    zh = "{id} {version} 已在内容库中（文件相同）。",
    en = "{id} {version} is already in the library (the same file).",
  },
  library_published = { zh = "已发布 {id}：所有场馆都可以展示。", en = "Published {id}: every venue may show it." },
  library_shared = { zh = "已共享 {id}：其他场馆也可以展示。", en = "Shared {id}: other venues may show it too." },
  library_assigned = { zh = "已保存终端 {kiosk} 展示的内容。", en = "Saved what kiosk {kiosk} shows." },
  -- Why an upload failed: library_upload_failed, the file's name, then one of these.
  library_upload_failed = { zh = "上传失败（{file}）：", en = "The upload failed ({file}): " },
  library_fail_not_package = { zh = "这不是内容包，或文件已损坏。", en = "this is not a package, or the file is damaged." },
  library_fail_unsigned = {
    zh = "没有本中心信任的发布者的有效签名（未签名、发布者不受信任，或签名后被改动过）。",
    en = "it has no valid signature by a publisher this hub trusts (unsigned, an unknown publisher, or changed after signing).",
  },
  library_fail_manifest = { zh = "内容包里的 manifest.lua 无效。", en = "the package's manifest.lua is not valid." },
  library_fail_conflict = {
    zh = "这个版本已用不同的文件上传过，或这个编号属于其他场馆；请提高版本号。",
    en = "this version was uploaded before with other bytes, or the id belongs to another owner; give it a new version.",
  },
  library_fail_too_large = { zh = "文件太大。", en = "the file is too large." },
  library_fail_store = { zh = "中心暂时无法保存，请稍后再试。", en = "the hub could not store it; please try again later." },
  -- Refused library actions.
  library_not_province_admin = {
    zh = "只有省级管理员可以发布或共享内容。",
    en = "Only a province administrator may publish or share packages.",
  },
  library_not_your_kiosk = { zh = "您只能安排自己场馆的终端。", en = "You may only arrange your own venue's kiosks." },
  library_unknown_item = { zh = "内容库里没有 {id}。", en = "The library has no {id}." },
  library_unknown_kiosk = { zh = "没有这台终端。", en = "There is no such kiosk." },
  library_not_assignable = {
    zh = "{id} 不能给这台终端展示：它还没有发布，或是其他场馆没有共享的内容。",
    en = "{id} cannot be shown on this kiosk: it is not published, or it is another venue's package that is not shared.",
  },
  library_share_province = {
    zh = "{id} 是省级内容，请用“发布”。",
    en = "{id} is the province's own package: publish it instead.",
  },
  library_bad_order = {
    zh = "顺序应为 1 到 200 的整数，且不能重复。",
    en = "The order must be whole numbers from 1 to 200, each used once.",
  },

  -- Emergency notices (应急通知): kiosk-hub notice commands and the dashboard page.
  notice_issued = {
    zh = "已发布应急通知 {id}（{type}），发往：{venues}，有效至 {expires}。",
    en = "Issued notice {id} ({type}) for {venues}, in force until {expires}.",
  },
  notice_list_row = {
    zh = "发往：{venues}；发布于 {sent}；有效至 {expires}；发布人 {author}",
    en = "for {venues}; sent {sent}; until {expires}; by {author}",
  },
  notice_exported = {
    zh = "已写入 {file}：场馆 {venue} 的 {n} 条通知。",
    en = "Wrote {file}: {n} notices for venue {venue}.",
  },
  division_set = { zh = "场馆 {venue} 的行政区划代码已设为 {code}。", en = "Venue {venue}'s division code is now {code}." },
  division_removed = { zh = "已删除场馆 {venue} 的行政区划代码。", en = "Removed venue {venue}'s division code." },
  area_mapped = { zh = "地区“{area}”的预警将发往场馆 {venue}。", en = "Alerts for \"{area}\" now reach venue {venue}." },
  area_unmapped = { zh = "地区“{area}”的预警不再发往场馆 {venue}。", en = "Alerts for \"{area}\" no longer reach venue {venue}." },
  notice_fail_no_key = { zh = "中心还没有通知密钥，无法签名通知。", en = "The hub has no notice key, so it cannot sign notices." },
  notice_fail_field = { zh = "通知未发布：{detail}", en = "The notice was not issued: {detail}" },
  notice_fail_too_long = { zh = "表单内容过长，通知未发布。", en = "A field of the form is too long; the notice was not issued." },
  notice_fail_venue = { zh = "没有场馆 {venue}。", en = "There is no venue {venue}." },
  notice_fail_content = { zh = "内容库里没有 {id}，不能作为应对内容。", en = "The library has no {id} to link as what to do." },
  notice_fail_reference = { zh = "没有编号为 {id} 的通知。", en = "There is no notice {id}." },
  notice_fail_retired = { zh = "通知 {id} 已被撤销或更新，不能再更改。", en = "Notice {id} is already cancelled or replaced." },
  notice_fail_not_your_venue = {
    zh = "您只能向本馆发布、更新或撤销通知。",
    en = "You may issue, update or cancel notices for your own venue only.",
  },
  notice_fail_store = { zh = "中心暂时无法保存通知：{detail}", en = "The hub could not store the notice: {detail}" },
  notices_title = { zh = "应急通知", en = "Emergency notices" },
  notices_intro = {
    zh = "特别严重和严重的通知会立即占满终端屏幕；较重和一般的通知以横幅显示。终端每 30 秒询问一次。",
    en = "Extreme and Severe notices take over the kiosks' screens at once; Moderate and Minor show as a banner. Kiosks ask every 30 seconds.",
  },
  notices_new = { zh = "发布新通知", en = "Issue a notice" },
  notices_history = { zh = "通知记录", en = "Notice history" },
  notices_empty = { zh = "还没有应急通知。", en = "No notices yet." },
  notices_venues_label = { zh = "发往场馆（不选即全部场馆）", en = "Venues (none ticked: every venue)" },
  notices_status_label = { zh = "性质", en = "Status" },
  notices_severity_label = { zh = "严重程度", en = "Severity" },
  notices_urgency_label = { zh = "紧急程度", en = "Urgency" },
  notices_certainty_label = { zh = "确定程度", en = "Certainty" },
  notices_category_label = { zh = "类别", en = "Category" },
  notices_event_label = { zh = "事件", en = "Event" },
  notices_headline_label = { zh = "标题", en = "Headline" },
  notices_description_label = { zh = "说明", en = "Description" },
  notices_instruction_label = { zh = "应对措施（大字显示）", en = "What to do (shown in large type)" },
  notices_expires_label = { zh = "有效期（小时数、天数或世界协调时，如 {examples}）", en = "Expires (hours, days or a UTC time, e.g. {examples})" },
  notices_content_label = { zh = "应对内容编号（可选，逗号分隔）", en = "Content that teaches what to do (ids, optional, comma separated)" },
  notices_in_chinese = { zh = "中文", en = "Chinese" },
  notices_in_english = { zh = "英文", en = "English" },
  notices_issue_button = { zh = "发布通知", en = "Issue notice" },
  notices_update_button = { zh = "更新", en = "Update" },
  notices_cancel_button = { zh = "撤销", en = "Cancel notice" },
  notices_update_hint = {
    zh = "只填写要更改的项目，其余沿用原通知。",
    en = "Fill in only what changes; the rest is kept from the notice.",
  },
  notices_issued = { zh = "已发布通知 {id}。", en = "Issued notice {id}." },
  notices_shown_on = { zh = "已在 {m} 台终端中的 {n} 台展示", en = "shown on {n} of {m} kiosks" },
  notices_not_reached = { zh = "未送达的终端", en = "Kiosks not reached" },
  notices_last_seen = { zh = "最后联系：{time}", en = "last seen {time}" },
  notices_never_seen = { zh = "从未联系", en = "never seen" },
  notices_counts = { zh = "观看人次 {viewers}，查看应对内容 {opened} 次", en = "{viewers} visitor sessions saw it, {opened} opened what to do" },
  notices_retired = { zh = "已撤销或更新", en = "cancelled or replaced" },
  notices_expired = { zh = "已过期", en = "expired" },
  notices_in_force = { zh = "生效中", en = "in force" },
  notices_col_notice = { zh = "通知", en = "Notice" },
  notices_col_when = { zh = "时间", en = "When" },
  notices_col_delivery = { zh = "送达情况", en = "Delivery" },
  notices_col_actions = { zh = "操作", en = "Actions" },
  notices_sent = { zh = "发布于 {time}", en = "sent {time}" },
  notices_until = { zh = "有效至 {time}", en = "until {time}" },
  notices_by = { zh = "发布人 {author}", en = "by {author}" },
  notice_type_alert = { zh = "警报", en = "Alert" },
  notice_type_update = { zh = "更新", en = "Update" },
  notice_type_cancel = { zh = "撤销", en = "Cancel" },
  notice_status_actual = { zh = "实际", en = "Actual" },
  notice_status_exercise = { zh = "演练", en = "EXERCISE" },
  notice_status_test = { zh = "测试", en = "TEST" },
  notice_severity_extreme = { zh = "特别严重", en = "Extreme" },
  notice_severity_severe = { zh = "严重", en = "Severe" },
  notice_severity_moderate = { zh = "较重", en = "Moderate" },
  notice_severity_minor = { zh = "一般", en = "Minor" },
  notice_severity_unknown = { zh = "未知", en = "Unknown" },
  notices_link = { zh = "应急通知", en = "Emergency notices" },
  -- kiosk-hub notice import: a CAP 1.2 alert from an alerting authority
  -- (engine/hub/notice_import.cpp). {detail} and {note} are the parser's
  -- technical text, naming the XML element and its line.
  notice_import_bad_hours = { zh = "默认有效时长应为 1 到 {max} 小时。", en = "The default expiry must be 1 to {max} hours." },
  notice_import_unreadable = { zh = "无法读取文件 {file}。", en = "Cannot read the file {file}." },
  notice_import_refused = {
    zh = "{file} 不是可导入的预警，未导入：{detail}",
    en = "{file} is not an alert that can be imported; nothing was stored: {detail}",
  },
  notice_import_expired = { zh = "预警 {id} 已于 {expires} 过期，未导入。", en = "Alert {id} expired at {expires}; nothing was stored." },
  notice_import_no_venue = {
    zh = "预警 {id} 的地区没有对应任何场馆，未导入。没有对应场馆的地区：{areas}。请登记场馆的行政区划代码（{set_division}），或把地区名称对应到场馆（{map_area}）。",
    en = "Alert {id} reaches no venue; nothing was stored. Areas that matched no venue: {areas}. Record the venues' division codes ({set_division}) or map the area names to venues ({map_area}).",
  },
  notice_import_no_areas = { zh = "（预警没有写地区）", en = "(the alert names no area)" },
  notice_import_by_issuer = {
    zh = "预警没有写地区，按编号中发布单位的行政区划代码 {code} 发送。",
    en = "The alert names no area: it is sent by its issuer's division code {code}, from its identifier.",
  },
  notice_import_duplicate = { zh = "预警 {id} 已经导入过，未重复保存。", en = "Alert {id} was already imported; nothing new was stored." },
  notice_import_stored = {
    zh = "已导入预警 {id}（{type}，{status}，{severity}），发往：{venues}，有效至 {expires}。",
    en = "Imported alert {id} ({type}, {status}, {severity}) for {venues}, in force until {expires}.",
  },
  notice_import_unmatched = { zh = "以下地区没有对应场馆：{areas}", en = "These areas matched no venue: {areas}" },
  notice_import_note = { zh = "说明：{note}", en = "Note: {note}" },
}
