-- Fallback words for the startup failure screen (engine/app/startup_failure_screen.h):
-- used only when the kiosk cannot start AND its strings table (content/strings.lua,
-- or the config's strings_file) cannot be read either. Keep it tiny and keep it
-- the same as those keys in content/strings.lua; {code} and {where} are filled in
-- by the kiosk.
--
-- The build copies this file next to the kiosk binary (build/bin/fallback-strings.lua).
-- Install it beside the binary (/usr/local/bin/fallback-strings.lua) or in
-- /usr/local/share/kiosk/fallback-strings.lua. Without it, and without a readable
-- strings table, the failure screen is a calm picture with no words.
return {
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
}
