// The dashboard's own labels in Simplified Chinese and English: every word the
// managers' pages show that does not come from data. Managers, not visitors,
// read these, and the hub must render with no content folder around it, so
// they live here as a table checked at compile time (every key, in order, with
// both languages). {n} marks a number filled in with fill_in() (core/strings_table.h).
#pragma once

#include "core/bilingual.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk::dashboard {

enum class DashboardText {
    AppTitle,
    LanguageToggle,
    LoginTitle,
    LoginIntro,
    Username,
    Password,
    SignIn,
    SignOut,
    RoleProvinceAdmin,
    RoleVenueManager,
    Venue,
    AllVenues,
    From,
    To,
    Apply,
    RangeTo,
    TotalVisitors,
    AverageSession,
    BusiestDay,
    KiosksNeedingAttention,
    OfKiosks,
    VisitorsPerDay,
    VisitorsAxis,
    VisitsUnit,
    HourOfWeek,
    HourOfWeekNote,
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
    Fewer,
    More,
    Peak,
    TopExhibits,
    Exhibit,
    Visits,
    DwellMinutes,
    QuizAccuracy,
    Question,
    Pack,
    Answers,
    Correct,
    Accuracy,
    KioskHealth,
    Kiosk,
    LastSeen,
    Version,
    DiskFree,
    Errors,
    ClockSkew,
    Alerts,
    AlertSilent,
    AlertClockSkew,
    AlertLowDisk,
    AlertManyEpochs,
    AlertManyEpochsRule,
    AllGood,
    Never,
    DaysAgo,
    OneDayAgo,
    HoursAgo,
    OneHourAgo,
    JustNow,
    NoDataForRange,
    DataUnreadable,
    DataUnreadableNotice,
    ExportUnreadable,
    TotalTooLarge,
    NoKiosks,
    DataSection,
    Export,
    ExportCsv,
    ExportXlsx,
    ExportJson,
    Import,
    ImportHint,
    ImportButton,
    GeneratedAt,
    BeijingTime, // the zone UTC+8, after a time
    UnitDay,
    UnitHour,
    UnitMinute,
    UnitSecond,
    Count // not a label: the number of labels
};

// The label in `language` (never empty).
std::string_view dashboard_text(DashboardText key, Language language);

// The label with {n} replaced by `n` ("超过 {n} 天未联系" -> "超过 7 天未联系").
std::string dashboard_text(DashboardText key, Language language, int64_t n);

} // namespace kiosk::dashboard
