// SystemClock and ManualClock, and the local-day arithmetic every event uses.
#include "clock.h"

#include <climits>
#include <cstdio>
#include <ctime>

namespace kiosk::telemetry {
namespace {

// 2025-01-01T00:00:00Z and 2100-01-01T00:00:00Z.
constexpr int64_t kPlausibleFromMs = 1735689600000;
constexpr int64_t kPlausibleUntilMs = 4102444800000;

int64_t local_ms(const ClockReading& time) {
    return time.utc_ms + int64_t(time.utc_offset_min) * 60000;
}

// Floor division, so times before 1970 land on the right day.
int64_t floor_div(int64_t a, int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

} // namespace

ClockReading SystemClock::now() const {
    using namespace std::chrono;
    ClockReading reading;
    reading.utc_ms = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    reading.mono_ms = duration_cast<milliseconds>(steady_clock::now() - started_).count();
    const int64_t minute = floor_div(reading.utc_ms, 60000);
    if (offset_minute_.load(std::memory_order_acquire) != minute) {
        std::time_t seconds = std::time_t(minute * 60);
        std::tm local{};
        if (localtime_r(&seconds, &local)) offset_min_ = int32_t(local.tm_gmtoff / 60);
        offset_minute_.store(minute, std::memory_order_release);
    }
    reading.utc_offset_min = offset_min_.load();
    return reading;
}

ClockReading ManualClock::now() const {
    return ClockReading{utc_ms_.load(), offset_.load(), mono_ms_.load()};
}

void ManualClock::advance_ms(int64_t ms) {
    utc_ms_ += ms;
    mono_ms_ += ms;
}

void ManualClock::set_utc_ms(int64_t utc_ms) {
    utc_ms_ = utc_ms;
}

CivilDate civil_from_days(int64_t days) {
    const int64_t z = days + 719468;
    const int64_t era = floor_div(z, 146097);
    const int64_t day_of_era = z - era * 146097;
    const int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const int64_t day_of_year =
        day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const int64_t mp = (5 * day_of_year + 2) / 153;
    CivilDate date;
    date.day = int(day_of_year - (153 * mp + 2) / 5 + 1);
    date.month = int(mp < 10 ? mp + 3 : mp - 9);
    date.year = year_of_era + era * 400 + (date.month <= 2);
    return date;
}

bool is_valid_day(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (text[i] < '0' || text[i] > '9') return false;
    auto number = [&](size_t from, size_t count) {
        int value = 0;
        for (size_t i = from; i < from + count; ++i)
            value = value * 10 + (text[i] - '0');
        return value;
    };
    const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
    if (year < 1 || month < 1 || month > 12 || day < 1) return false;
    static constexpr int kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= kDaysInMonth[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::string local_day(const ClockReading& time) {
    const CivilDate date = civil_from_days(floor_div(local_ms(time), 86400000));
    char text[64];
    std::snprintf(text, sizeof text, "%04lld-%02d-%02d", static_cast<long long>(date.year),
                  date.month, date.day);
    return text;
}

int local_hour(const ClockReading& time) {
    const int64_t ms_of_day = local_ms(time) - floor_div(local_ms(time), 86400000) * 86400000;
    return int(ms_of_day / 3600000);
}

bool plausible_utc_ms(int64_t utc_ms) {
    return utc_ms >= kPlausibleFromMs && utc_ms < kPlausibleUntilMs;
}

} // namespace kiosk::telemetry
