// engine/core/day_ranges.h: the managers' quick ranges at month, quarter and
// year edges (leap days too), calendar months and their shifts, and what is
// refused.
#include "core/day_ranges.h"

#include <catch2/catch.hpp>

using namespace kiosk;

TEST_CASE("the quick ranges end today and start where a manager expects", "[core][day_ranges]") {
    const std::string today = "2026-12-07";
    CHECK(preset_range(RangePreset::this_month, today) == DayRange{"2026-12-01", "2026-12-07"});
    CHECK(preset_range(RangePreset::last_month, today) == DayRange{"2026-11-01", "2026-11-30"});
    CHECK(preset_range(RangePreset::this_quarter, today) == DayRange{"2026-10-01", "2026-12-07"});
    CHECK(preset_range(RangePreset::this_year, today) == DayRange{"2026-01-01", "2026-12-07"});
    CHECK(preset_range(RangePreset::last_30_days, today) == DayRange{"2026-11-08", "2026-12-07"});
}

TEST_CASE("the quick ranges across a year's start and a leap February", "[core][day_ranges]") {
    CHECK(preset_range(RangePreset::last_month, "2026-01-15") ==
          DayRange{"2025-12-01", "2025-12-31"});
    CHECK(preset_range(RangePreset::last_month, "2024-03-31") ==
          DayRange{"2024-02-01", "2024-02-29"});
    CHECK(preset_range(RangePreset::last_month, "2025-03-01") ==
          DayRange{"2025-02-01", "2025-02-28"});
    CHECK(preset_range(RangePreset::this_quarter, "2026-03-31") ==
          DayRange{"2026-01-01", "2026-03-31"});
    CHECK(preset_range(RangePreset::this_quarter, "2026-04-01") ==
          DayRange{"2026-04-01", "2026-04-01"});
    CHECK(preset_range(RangePreset::last_30_days, "2024-03-01") ==
          DayRange{"2024-02-01", "2024-03-01"});
    CHECK(range_days(*preset_range(RangePreset::last_30_days, "2024-03-01")) == 30);
    CHECK_FALSE(preset_range(RangePreset::this_month, "2026-02-30"));
}

TEST_CASE("preset names round-trip", "[core][day_ranges]") {
    for (RangePreset preset : kRangePresets)
        CHECK(parse_range_preset(range_preset_name(preset)) == preset);
    CHECK_FALSE(parse_range_preset("last-month "));
    CHECK_FALSE(parse_range_preset("本月"));
}

TEST_CASE("months: their days, shifts and what is not a month", "[core][day_ranges]") {
    CHECK(month_range("2026-11") == DayRange{"2026-11-01", "2026-11-30"});
    CHECK(month_range("2024-02") == DayRange{"2024-02-01", "2024-02-29"});
    CHECK(month_range("2100-02") == DayRange{"2100-02-01", "2100-02-28"});
    CHECK(shift_month("2026-01", -1) == std::optional<std::string>("2025-12"));
    CHECK(shift_month("2026-11", -12) == std::optional<std::string>("2025-11"));
    CHECK(shift_month("2026-11", 2) == std::optional<std::string>("2027-01"));
    CHECK_FALSE(shift_month("0001-01", -1));
    CHECK_FALSE(shift_month("9999-12", 1));
    CHECK(month_of_day("2026-11-30") == std::optional<std::string>("2026-11"));
    CHECK(month_before("2026-12-07") == std::optional<std::string>("2026-11"));
    CHECK(month_before("2026-01-31") == std::optional<std::string>("2025-12"));
    CHECK_FALSE(month_before("0001-01-15"));
    CHECK_FALSE(month_before("2026-02-30"));
    for (const char* bad : {"2026-13", "2026-00", "2026-1", "26-11", "2026/11", "0000-01",
                            "2026-11-01", "２０２６-11", ""}) {
        INFO(bad);
        CHECK_FALSE(is_valid_month(bad));
        CHECK_FALSE(month_range(bad));
    }
    CHECK(range_days({"2026-11-30", "2026-11-01"}) == 0);
    CHECK(range_days({"2026-11-01", "2026-11-30"}) == 30);
}
