// The dashboard labels' table. Its order must follow the DashboardText enum;
// a static_assert checks that, and that no label is empty.
#include "dashboard/dashboard_strings.h"

#include "core/strings_table.h"

#include <array>

namespace kiosk::dashboard {
namespace {

struct LabelRow {
    DashboardText key;
    const char* zh;
    const char* en;
};

constexpr LabelRow kLabels[] = {
    {DashboardText::AppTitle, "科普展项管理看板", "Science Kiosks · Managers' Dashboard"},
    {DashboardText::LanguageToggle, "English", "中文"},
    {DashboardText::LoginTitle, "登录", "Sign in"},
    {DashboardText::LoginIntro, "请使用场馆或省级管理员账号登录。",
     "Sign in with your venue or province account."},
    {DashboardText::Username, "用户名", "User name"},
    {DashboardText::Password, "密码", "Password"},
    {DashboardText::SignIn, "登录", "Sign in"},
    {DashboardText::SignOut, "退出登录", "Sign out"},
    {DashboardText::RoleProvinceAdmin, "省级管理员", "Province administrator"},
    {DashboardText::RoleVenueManager, "场馆管理员", "Venue manager"},
    {DashboardText::Venue, "场馆", "Venue"},
    {DashboardText::AllVenues, "全部场馆", "All venues"},
    {DashboardText::From, "开始日期", "From"},
    {DashboardText::To, "结束日期", "To"},
    {DashboardText::Apply, "查询", "Show"},
    {DashboardText::RangeTo, "至", "to"},
    {DashboardText::TotalVisitors, "访客人次", "Visitor sessions"},
    {DashboardText::AverageSession, "平均停留", "Average session"},
    {DashboardText::BusiestDay, "最忙的一天", "Busiest day"},
    {DashboardText::KiosksNeedingAttention, "需要关注的终端", "Kiosks needing attention"},
    {DashboardText::OfKiosks, "共 {n} 台", "of {n}"},
    {DashboardText::VisitorsPerDay, "每日访客", "Visitors per day"},
    {DashboardText::VisitorsAxis, "人次", "sessions"},
    {DashboardText::VisitsUnit, "人次", "sessions"},
    {DashboardText::HourOfWeek, "一周各时段访客", "Visitors by hour of the week"},
    {DashboardText::HourOfWeekNote, "按终端本地时间", "kiosk local time"},
    {DashboardText::Monday, "周一", "Mon"},
    {DashboardText::Tuesday, "周二", "Tue"},
    {DashboardText::Wednesday, "周三", "Wed"},
    {DashboardText::Thursday, "周四", "Thu"},
    {DashboardText::Friday, "周五", "Fri"},
    {DashboardText::Saturday, "周六", "Sat"},
    {DashboardText::Sunday, "周日", "Sun"},
    {DashboardText::Fewer, "少", "fewer"},
    {DashboardText::More, "多", "more"},
    {DashboardText::Peak, "最多", "peak"},
    {DashboardText::TopExhibits, "热门展项", "Top exhibits"},
    {DashboardText::Exhibit, "展项", "Exhibit"},
    {DashboardText::Visits, "访问次数", "Visits"},
    {DashboardText::DwellMinutes, "停留（分钟）", "Dwell (minutes)"},
    {DashboardText::QuizAccuracy, "测验正确率（最难的题在前）", "Quiz accuracy (hardest first)"},
    {DashboardText::Question, "题目", "Question"},
    {DashboardText::Pack, "题库", "Pack"},
    {DashboardText::Answers, "作答", "Answers"},
    {DashboardText::Correct, "答对", "Correct"},
    {DashboardText::Accuracy, "正确率", "Accuracy"},
    {DashboardText::KioskHealth, "终端状态", "Kiosks' health"},
    {DashboardText::Kiosk, "终端", "Kiosk"},
    {DashboardText::LastSeen, "最后联系", "Last seen"},
    {DashboardText::Version, "软件版本", "Version"},
    {DashboardText::DiskFree, "剩余磁盘", "Disk free"},
    {DashboardText::Errors, "错误", "Errors"},
    {DashboardText::ClockSkew, "时钟偏差", "Clock skew"},
    {DashboardText::Alerts, "提醒", "Alerts"},
    {DashboardText::AlertSilent, "超过 {n} 天未联系", "Silent for more than {n} days"},
    {DashboardText::AlertClockSkew, "时钟偏差超过 5 分钟", "Clock off by more than 5 minutes"},
    {DashboardText::AlertLowDisk, "磁盘空间不足", "Low disk space"},
    {DashboardText::AlertManyEpochs, "30 天内新建了 {n} 个数据纪元（重装）",
     "{n} new epochs (reinstalls) in 30 days"},
    {DashboardText::AlertManyEpochsRule, "30 天内新建至少 {n} 个数据纪元（频繁重装）",
     "{n} or more new epochs (reinstalls) in 30 days"},
    {DashboardText::AllGood, "正常", "OK"},
    {DashboardText::Never, "从未联系", "never"},
    {DashboardText::DaysAgo, "{n} 天前", "{n} days ago"},
    {DashboardText::OneDayAgo, "1 天前", "1 day ago"},
    {DashboardText::HoursAgo, "{n} 小时前", "{n} hours ago"},
    {DashboardText::OneHourAgo, "1 小时前", "1 hour ago"},
    {DashboardText::JustNow, "刚刚", "just now"},
    {DashboardText::NoDataForRange, "所选时间范围内没有数据。", "No data for this range."},
    {DashboardText::DataUnreadable,
     "这部分数据无法读取（数据库出错或总数过大），请稍后再试或联系中心管理员。",
     "This data could not be read (a database error, or a total too large). Try again later, "
     "or ask the hub's administrator."},
    {DashboardText::DataUnreadableNotice, "部分数据无法读取，本页的数字不完整。",
     "Some of the data could not be read: the figures on this page are incomplete."},
    {DashboardText::ExportUnreadable, "数据无法读取，没有导出任何内容：",
     "The data could not be read, so nothing was exported: "},
    {DashboardText::TotalTooLarge, "数值过大，无法准确显示", "too large to show exactly"},
    {DashboardText::NoKiosks, "还没有登记的终端。", "No kiosks registered yet."},
    {DashboardText::DataSection, "导出与导入", "Export and import"},
    {DashboardText::Export, "导出当前筛选的数据", "Export the data shown"},
    {DashboardText::ExportCsv, "CSV（Excel / WPS）", "CSV (Excel / WPS)"},
    {DashboardText::ExportXlsx, "XLSX 表格", "XLSX workbook"},
    {DashboardText::ExportJson, "JSON", "JSON"},
    {DashboardText::Import, "导入离线数据包", "Import an offline bundle"},
    {DashboardText::ImportHint,
     "流动展项终端用 kioskctl sync export 导出的数据包；重复导入不会重复计数。",
     "A bundle written by kioskctl sync export on a mobile exhibit; importing it twice counts "
     "nothing twice."},
    {DashboardText::ImportButton, "上传并导入", "Upload and import"},
    {DashboardText::GeneratedAt, "生成于", "Generated"},
    {DashboardText::BeijingTime, "北京时间", "Beijing time"},
    {DashboardText::UnitDay, "天", "d"},
    {DashboardText::UnitHour, "小时", "h"},
    {DashboardText::UnitMinute, "分", "min"},
    {DashboardText::UnitSecond, "秒", "s"},
};

constexpr bool labels_follow_enum() {
    if (std::size(kLabels) != static_cast<size_t>(DashboardText::Count)) return false;
    for (size_t i = 0; i < std::size(kLabels); ++i) {
        if (static_cast<size_t>(kLabels[i].key) != i) return false;
        if (kLabels[i].zh[0] == '\0' || kLabels[i].en[0] == '\0') return false;
    }
    return true;
}
static_assert(labels_follow_enum(), "kLabels must list every DashboardText, in enum order");

} // namespace

std::string_view dashboard_text(DashboardText key, Language language) {
    const LabelRow& row = kLabels[static_cast<size_t>(key)];
    return language == Language::En ? row.en : row.zh;
}

std::string dashboard_text(DashboardText key, Language language, int64_t n) {
    return fill_in(std::string(dashboard_text(key, language)), {{"n", n}});
}

} // namespace kiosk::dashboard
