// engine/core/civil_time.h: the one day-string rule, UTC and local
// timestamps (before 1970 and at both ends of int64 too), day boundaries at
// offsets either side of UTC, and the zone names managers read.
#include "core/civil_time.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <limits>

using namespace kiosk;
namespace chrono = std::chrono;

namespace {

constexpr int64_t k2026_11_28_0130_utc = 1795829400000; // 09:30 in Beijing
constexpr int64_t k2024_02_29_1600_utc = 1709222400000; // 2024-03-01 00:00 in Beijing
constexpr int64_t k2024_12_31_1600_utc = 1735660800000; // 2025-01-01 00:00 in Beijing
constexpr int64_t k1900_01_01_utc = -2208988800000;
constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();

} // namespace

TEST_CASE("milliseconds per day has one name and the right value", "[core][civil_time]") {
    static_assert(kMsPerDay == 86'400'000);
    static_assert(kMsPerHour * 24 == kMsPerDay && kMsPerMinute * 60 == kMsPerHour);
}

TEST_CASE("a day string is YYYY-MM-DD and a real date from 0001 to 9999", "[core][civil_time]") {
    CHECK(is_valid_day("2025-06-01"));
    CHECK(is_valid_day("2024-02-29")); // leap year
    CHECK(is_valid_day("2000-02-29")); // divisible by 400
    CHECK(is_valid_day("1970-01-01"));
    CHECK(is_valid_day("1969-12-31"));
    CHECK(is_valid_day("0001-01-01"));
    CHECK(is_valid_day("9999-12-31"));
    CHECK_FALSE(is_valid_day("2025-02-29"));
    CHECK_FALSE(is_valid_day("1900-02-29")); // divisible by 100, not 400
    CHECK_FALSE(is_valid_day("2025-13-01"));
    CHECK_FALSE(is_valid_day("2025-00-10"));
    CHECK_FALSE(is_valid_day("2025-04-31"));
    CHECK_FALSE(is_valid_day("2025-04-00"));
    CHECK_FALSE(is_valid_day("0000-01-01"));
    CHECK_FALSE(is_valid_day("2025-6-1"));
    CHECK_FALSE(is_valid_day("2025/06/01"));
    CHECK_FALSE(is_valid_day("2025-06-01x"));
    CHECK_FALSE(is_valid_day(" 2025-06-01"));
    CHECK_FALSE(is_valid_day("+025-06-01"));
    CHECK_FALSE(is_valid_day("２０２５-06-01")); // full-width digits are not digits here
    CHECK_FALSE(is_valid_day(""));

    const auto day = parse_day("2024-02-29");
    REQUIRE(day);
    CHECK(*day == chrono::sys_days{chrono::year{2024} / chrono::February / 29});
    CHECK(*parse_day("1970-01-01") == chrono::sys_days{});
    CHECK((*parse_day("2024-03-01") - *day).count() == 1);
}

TEST_CASE("format_day writes four-digit years and round-trips with parse_day",
          "[core][civil_time]") {
    CHECK(format_day(chrono::sys_days{}) == "1970-01-01");
    CHECK(format_day(chrono::sys_days{chrono::days{-1}}) == "1969-12-31");
    CHECK(format_day(chrono::sys_days{chrono::year{1} / 1 / 1}) == "0001-01-01");
    CHECK(format_day(chrono::sys_days{chrono::year{0} / 12 / 31}) == "0000-12-31");
    CHECK(format_day(chrono::sys_days{chrono::year{-1} / 12 / 31}) == "-1-12-31");
    CHECK(format_day(chrono::sys_days{chrono::year{10000} / 1 / 1}) == "10000-01-01");
    for (const char* text : {"0001-01-01", "1900-03-01", "2000-02-29", "2024-12-31", "9999-12-31"})
        CHECK(format_day(*parse_day(text)) == text);
}

TEST_CASE("civil_date covers every day an int64 millisecond time reaches", "[core][civil_time]") {
    const CivilDate epoch = civil_date(0);
    CHECK((epoch.year == 1970 && epoch.month == 1 && epoch.day == 1));
    const CivilDate leap = civil_date(11016); // 2000-02-29
    CHECK((leap.year == 2000 && leap.month == 2 && leap.day == 29));
    const CivilDate latest = civil_date(106751991167);
    CHECK((latest.year == 292278994 && latest.month == 8 && latest.day == 17));
    const CivilDate earliest = civil_date(-106751991168);
    CHECK((earliest.year == -292275055 && earliest.month == 5 && earliest.day == 16));
}

TEST_CASE("iso_utc_ms writes UTC with milliseconds, before 1970 too", "[core][civil_time]") {
    CHECK(iso_utc_ms(0) == "1970-01-01T00:00:00.000Z");
    CHECK(iso_utc_ms(5000) == "1970-01-01T00:00:05.000Z");
    CHECK(iso_utc_ms(-1) == "1969-12-31T23:59:59.999Z");
    CHECK(iso_utc_ms(951782400000) == "2000-02-29T00:00:00.000Z");
    CHECK(iso_utc_ms(1748739670123) == "2025-06-01T01:01:10.123Z");
    CHECK(iso_utc_ms(253402300799999) == "9999-12-31T23:59:59.999Z");
    CHECK(iso_utc_ms(253402300800000) == "10000-01-01T00:00:00.000Z");
    CHECK(iso_utc_ms(k1900_01_01_utc) == "1900-01-01T00:00:00.000Z");
    CHECK(iso_utc_ms(kInt64Max) == "292278994-08-17T07:12:55.807Z");
    CHECK(iso_utc_ms(kInt64Min) == "-292275055-05-16T16:47:04.192Z");

    char buffer[kIsoTimeBufferBytes];
    const size_t length = write_iso_utc_ms(1748739670123, buffer);
    CHECK(std::string(buffer, length) == "2025-06-01T01:01:10.123Z");
}

TEST_CASE("iso_utc_seconds is the log lines' form, rounded down", "[core][civil_time]") {
    CHECK(iso_utc_seconds(0) == "1970-01-01T00:00:00Z");
    CHECK(iso_utc_seconds(1748739670999) == "2025-06-01T01:01:10Z");
    CHECK(iso_utc_seconds(-1) == "1969-12-31T23:59:59Z");
    // The form strftime("%Y-%m-%dT%H:%M:%SZ") gave for the machine's clock.
    const std::string now = iso_utc_seconds(now_utc_ms());
    CHECK(now.size() == 20);
    CHECK(now.back() == 'Z');
}

TEST_CASE("the local day and hour follow the offset either side of UTC, before 1970 too",
          "[core][civil_time]") {
    CHECK(local_day(k2026_11_28_0130_utc, kBeijingUtcOffsetMin) == "2026-11-28");
    CHECK(local_hour(k2026_11_28_0130_utc, kBeijingUtcOffsetMin) == 9);
    CHECK(local_day(k2026_11_28_0130_utc, -300) == "2026-11-27");
    CHECK(local_hour(k2026_11_28_0130_utc, -300) == 20);
    CHECK(local_day(0, 0) == "1970-01-01");
    CHECK(local_day(-1, 0) == "1969-12-31");
    CHECK(local_hour(-1, 0) == 23);
    CHECK(local_day(951782400000, 0) == "2000-02-29");
    // Day boundaries: the last millisecond of a local day and the first of the next.
    CHECK(local_day(k2024_02_29_1600_utc - 1, kBeijingUtcOffsetMin) == "2024-02-29");
    CHECK(local_hour(k2024_02_29_1600_utc - 1, kBeijingUtcOffsetMin) == 23);
    CHECK(local_day(k2024_02_29_1600_utc, kBeijingUtcOffsetMin) == "2024-03-01");
    CHECK(local_hour(k2024_02_29_1600_utc, kBeijingUtcOffsetMin) == 0);
    CHECK(local_day(k2024_12_31_1600_utc, kBeijingUtcOffsetMin) == "2025-01-01");
    CHECK(local_day(k2024_12_31_1600_utc, 0) == "2024-12-31");
    CHECK(local_day(0, -1) == "1969-12-31");
    CHECK(local_hour(0, 14 * 60) == 14);
    CHECK(local_day(0, -12 * 60) == "1969-12-31");
    // Any stored value, without overflow (UBSan would stop here).
    CHECK(local_day(kInt64Max, kBeijingUtcOffsetMin) == "292278994-08-17");
    CHECK(local_day(kInt64Min, kBeijingUtcOffsetMin) == "-292275055-05-17");
    CHECK(local_day(kInt64Min, std::numeric_limits<int32_t>::min()).size() > 10);
}

TEST_CASE("a local time in ISO 8601 carries its offset", "[core][civil_time]") {
    CHECK(iso_local_ms(1748739670123, 480) == "2025-06-01T09:01:10.123+08:00");
    CHECK(iso_local_ms(1748739670123, 0) == "2025-06-01T01:01:10.123+00:00");
    CHECK(iso_local_ms(1748739670123, -210) == "2025-05-31T21:31:10.123-03:30");
    CHECK(iso_local_ms(1748739670123, 345) == "2025-06-01T06:46:10.123+05:45");
    CHECK(iso_local_ms(5000, 480) == "1970-01-01T08:00:05.000+08:00");
    CHECK(iso_local_ms(-1, -60) == "1969-12-31T22:59:59.999-01:00");
    CHECK(iso_local_ms(kInt64Max, 480) == "292278994-08-17T15:12:55.807+08:00");
    CHECK(iso_local_ms(0, 100 * 60) == "1970-01-05T04:00:00.000+100:00");
}

TEST_CASE("offsets are named as notation, and UTC+8 with the managers' word",
          "[core][civil_time]") {
    CHECK(utc_offset_name(0) == "UTC");
    CHECK(utc_offset_name(480) == "UTC+8");
    CHECK(utc_offset_name(-300) == "UTC-5");
    CHECK(utc_offset_name(-210) == "UTC-3:30");
    CHECK(utc_offset_name(345) == "UTC+5:45");
    CHECK(utc_offset_name(-5) == "UTC-0:05");
    CHECK(zone_name(480, "北京时间") == "北京时间");
    CHECK(zone_name(480, "Beijing time") == "Beijing time");
    CHECK(zone_name(540, "北京时间") == "UTC+9");
    CHECK(zone_name(0, "北京时间") == "UTC");
}

TEST_CASE("managers read a local minute with its zone named", "[core][civil_time]") {
    constexpr int64_t k2026_11_28_2100_utc = 1'795'899'600'000;
    CHECK(local_minute_with_zone(k2026_11_28_2100_utc, 480, "北京时间") ==
          "2026-11-29 05:00 北京时间");
    CHECK(local_minute_with_zone(k2026_11_28_2100_utc + 59'999, 480, "Beijing time") ==
          "2026-11-29 05:00 Beijing time");
    CHECK(local_minute_with_zone(k2026_11_28_2100_utc, -300, "北京时间") ==
          "2026-11-28 16:00 UTC-5");
    // At offset 0 it is the dashboard's old UTC form, byte for byte.
    CHECK(local_minute_with_zone(0, 0, "北京时间") == "1970-01-01 00:00 UTC");
    CHECK(local_minute_with_zone(-1, 0, "北京时间") == "1969-12-31 23:59 UTC");
    CHECK(local_minute(k2026_11_28_2100_utc, 480) == "2026-11-29 05:00");
}

TEST_CASE("configurable offsets run from UTC-12 to UTC+14", "[core][civil_time]") {
    CHECK(is_valid_utc_offset_min(0));
    CHECK(is_valid_utc_offset_min(480));
    CHECK(is_valid_utc_offset_min(-720));
    CHECK(is_valid_utc_offset_min(840));
    CHECK_FALSE(is_valid_utc_offset_min(-721));
    CHECK_FALSE(is_valid_utc_offset_min(841));
    CHECK_FALSE(is_valid_utc_offset_min(int64_t(1) << 40));
}

TEST_CASE("the machine's offset is its TZ setting", "[core][civil_time]") {
    // localtime_r reads TZ as tzset() last saw it; put it back afterwards.
    const char* before = std::getenv("TZ");
    const std::string saved = before ? before : "";
    ::setenv("TZ", "CST-8", 1);
    ::tzset();
    CHECK(machine_utc_offset_min(k2026_11_28_0130_utc) == 480);
    ::setenv("TZ", "EST+5", 1);
    ::tzset();
    CHECK(machine_utc_offset_min(k2026_11_28_0130_utc) == -300);
    CHECK(machine_local_day_today().size() == 10);
    if (before)
        ::setenv("TZ", saved.c_str(), 1);
    else
        ::unsetenv("TZ");
    ::tzset();
}

TEST_CASE("a local time with its offset is read as UTC and the offset, or refused") {
    const std::optional<kiosk::ZonedTime> beijing =
        kiosk::parse_iso_zoned_seconds("2026-06-01T10:00:00+08:00");
    REQUIRE(beijing);
    CHECK(beijing->utc_ms == *kiosk::parse_iso_utc_seconds("2026-06-01T02:00:00Z"));
    CHECK(beijing->utc_offset_min == 480);
    const std::optional<kiosk::ZonedTime> west =
        kiosk::parse_iso_zoned_seconds("2026-06-01T10:00:00-05:30");
    REQUIRE(west);
    CHECK(west->utc_ms == *kiosk::parse_iso_utc_seconds("2026-06-01T15:30:00Z"));
    CHECK(west->utc_offset_min == -330);
    REQUIRE(kiosk::parse_iso_zoned_seconds("2026-06-01T10:00:00Z"));
    CHECK(kiosk::parse_iso_zoned_seconds("2026-06-01T10:00:00Z")->utc_offset_min == 0);
    for (const char* bad :
         {"", "2026-06-01T10:00:00", "2026-06-01T10:00:00+8:00", "2026-06-01T10:00:00+15:00",
          "2026-06-01 10:00:00+08:00", "2026-02-30T10:00:00+08:00", "2026-06-01T24:00:00+08:00",
          "2026-06-01T10:00:00*08:00"}) {
        INFO(bad);
        CHECK_FALSE(kiosk::parse_iso_zoned_seconds(bad));
    }
}
