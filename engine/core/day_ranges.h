// Ranges of local days, once: the inclusive "from..to" span every report,
// export and dashboard view covers, the quick ranges managers pick
// (本月 / 上月 / 本季度 / 本年 / 最近 30 天) and calendar months ("2026-11"),
// with the months a monthly report compares against (the previous month and
// the same month a year before). Days are the venue's local days; the caller
// gives "today" as local_day(now, the venue's offset) (civil_time.h), so the
// presets follow the venue's time zone, never the machine's.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

// An inclusive range of local days, "YYYY-MM-DD" each.
struct DayRange {
    std::string from, to;
    bool operator==(const DayRange&) const = default;
};

// The quick ranges. Each ends today except last_month (its last day).
enum class RangePreset {
    this_month,   // 本月: the 1st of this month .. today
    last_month,   // 上月: the whole previous month
    this_quarter, // 本季度: the 1st of this quarter .. today
    this_year,    // 本年: 1 January .. today
    last_30_days, // 最近 30 天: the 30 days ending today
};
constexpr RangePreset kRangePresets[] = {RangePreset::this_month, RangePreset::last_month,
                                         RangePreset::this_quarter, RangePreset::this_year,
                                         RangePreset::last_30_days};

// The presets' names in URLs and on command lines: "this-month", "last-month",
// "this-quarter", "this-year", "last-30-days". Their managers' words are the
// manager strings range_this_month, ... (looked up by literal keys).
std::string_view range_preset_name(RangePreset preset);
std::optional<RangePreset> parse_range_preset(std::string_view name);

DayRange preset_range(RangePreset preset, std::chrono::sys_days today);
// The same with `today` as "YYYY-MM-DD"; nullopt when it is not a day.
std::optional<DayRange> preset_range(RangePreset preset, std::string_view today);

// A calendar month as "YYYY-MM" (years 0001..9999, months 01..12), the form
// `--month` and `?month=` take.
bool is_valid_month(std::string_view text);
// Its first and last day; nullopt when `month` is not valid.
std::optional<DayRange> month_range(std::string_view month);
// The month `delta` months after (negative: before) `month`: "2026-01", -1
// gives "2025-12"; nullopt when either is outside 0001-01..9999-12.
std::optional<std::string> shift_month(std::string_view month, int delta);
// The month of a day: "2026-11-30" -> "2026-11"; nullopt when not a day.
std::optional<std::string> month_of_day(std::string_view day);
// The month before the one `day` is in: "2026-12-07" -> "2026-11" (the
// monthly report's default and a monthly schedule's period); nullopt when
// `day` is not a day or falls in 0001-01.
std::optional<std::string> month_before(std::string_view day);

// The number of days in a range (to - from + 1); 0 when either end is not a
// day or from is after to.
int64_t range_days(const DayRange& range);

} // namespace kiosk
