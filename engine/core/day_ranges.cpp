// Ranges of local days and the managers' quick ranges (day_ranges.h), on
// std::chrono's calendar through civil_time.h's parse_day/format_day.
#include "day_ranges.h"

#include "civil_time.h"

#include <array>

namespace kiosk {
namespace {

using namespace std::chrono;

constexpr std::array<std::string_view, 5> kPresetNames = {
    "this-month", "last-month", "this-quarter", "this-year", "last-30-days"};

bool is_digits(std::string_view text) {
    for (char c : text)
        if (c < '0' || c > '9') return false;
    return !text.empty();
}

// "YYYY-MM" as a year_month; nullopt when not exactly that form.
std::optional<year_month> parse_month(std::string_view text) {
    if (text.size() != 7 || text[4] != '-' || !is_digits(text.substr(0, 4)) ||
        !is_digits(text.substr(5, 2)))
        return std::nullopt;
    const int year_number = std::stoi(std::string(text.substr(0, 4)));
    const unsigned month_number = unsigned(std::stoi(std::string(text.substr(5, 2))));
    if (year_number < 1 || month_number < 1 || month_number > 12) return std::nullopt;
    return year{year_number} / month{month_number};
}

std::string format_month(year_month value) {
    const std::string first = format_day(sys_days{value / day{1}});
    return first.substr(0, 7);
}

DayRange days_between(sys_days from, sys_days to) {
    return {format_day(from), format_day(to)};
}

} // namespace

std::string_view range_preset_name(RangePreset preset) {
    return kPresetNames[size_t(preset)];
}

std::optional<RangePreset> parse_range_preset(std::string_view name) {
    for (RangePreset preset : kRangePresets)
        if (range_preset_name(preset) == name) return preset;
    return std::nullopt;
}

DayRange preset_range(RangePreset preset, sys_days today) {
    const year_month_day date{today};
    switch (preset) {
    case RangePreset::this_month:
        return days_between(sys_days{date.year() / date.month() / 1}, today);
    case RangePreset::last_month: {
        const year_month previous = date.year() / date.month() - months{1};
        return days_between(sys_days{previous / 1}, sys_days{previous / last});
    }
    case RangePreset::this_quarter: {
        const unsigned first_month = (unsigned(date.month()) - 1) / 3 * 3 + 1;
        return days_between(sys_days{date.year() / month{first_month} / 1}, today);
    }
    case RangePreset::this_year:
        return days_between(sys_days{date.year() / January / 1}, today);
    case RangePreset::last_30_days:
        return days_between(today - days{29}, today);
    }
    return days_between(today, today);
}

std::optional<DayRange> preset_range(RangePreset preset, std::string_view today) {
    const std::optional<sys_days> day = parse_day(today);
    if (!day) return std::nullopt;
    return preset_range(preset, *day);
}

bool is_valid_month(std::string_view text) {
    return parse_month(text).has_value();
}

std::optional<DayRange> month_range(std::string_view text) {
    const std::optional<year_month> value = parse_month(text);
    if (!value) return std::nullopt;
    return days_between(sys_days{*value / 1}, sys_days{*value / last});
}

std::optional<std::string> shift_month(std::string_view text, int delta) {
    const std::optional<year_month> value = parse_month(text);
    if (!value) return std::nullopt;
    const year_month shifted = *value + months{delta};
    if (int(shifted.year()) < 1 || int(shifted.year()) > 9999) return std::nullopt;
    return format_month(shifted);
}

std::optional<std::string> month_of_day(std::string_view text) {
    if (!parse_day(text)) return std::nullopt;
    return std::string(text.substr(0, 7));
}

std::optional<std::string> month_before(std::string_view day) {
    const std::optional<std::string> month = month_of_day(day);
    if (!month) return std::nullopt;
    return shift_month(*month, -1);
}

int64_t range_days(const DayRange& range) {
    const std::optional<sys_days> from = parse_day(range.from);
    const std::optional<sys_days> to = parse_day(range.to);
    if (!from || !to || *from > *to) return 0;
    return (*to - *from).count() + 1;
}

} // namespace kiosk
