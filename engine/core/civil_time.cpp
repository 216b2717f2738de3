// Days, timestamps and fixed UTC offsets (see civil_time.h). Calendar
// arithmetic is std::chrono's; this file adds 64-bit years (by whole 400-year
// cycles, which repeat exactly), splitting a time into a local day and a time
// of day without overflow, and writing digits without printf (the events
// export writes a timestamp per row).
#include "civil_time.h"

#include <charconv>
#include <ctime>

namespace kiosk {
namespace {

namespace chrono = std::chrono;

constexpr int64_t kDaysPer400Years = 146097; // the Gregorian calendar repeats after this

int64_t floor_div(int64_t a, int64_t b) {
    const int64_t quotient = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient;
}

// A time as a day since 1970-01-01 (negative before) and the milliseconds
// into that day, at `offset_min` from UTC.
struct DayAndTime {
    int64_t days = 0;
    int64_t ms_of_day = 0; // 0 .. kMsPerDay - 1
};

DayAndTime split(int64_t utc_ms, int32_t offset_min) {
    // Remainders first, so that no step leaves int64 for any input.
    DayAndTime split{utc_ms / kMsPerDay, utc_ms % kMsPerDay};
    if (split.ms_of_day < 0) {
        split.ms_of_day += kMsPerDay;
        --split.days;
    }
    const int64_t local_ms = split.ms_of_day + int64_t(offset_min) * kMsPerMinute;
    split.days += floor_div(local_ms, kMsPerDay);
    split.ms_of_day = local_ms - floor_div(local_ms, kMsPerDay) * kMsPerDay;
    return split;
}

void put_digits(char*& out, int64_t value, int digits) {
    for (int i = digits - 1; i >= 0; --i) {
        out[i] = char('0' + value % 10);
        value /= 10;
    }
    out += digits;
}

// At least `digits` digits; more when the value needs them.
void put_number(char*& out, int64_t value, int digits) {
    int64_t limit = 1;
    for (int i = 0; i < digits; ++i)
        limit *= 10;
    if (value >= 0 && value < limit) return put_digits(out, value, digits);
    out = std::to_chars(out, out + 24, value).ptr;
}

void put_date(char*& out, int64_t days) {
    const CivilDate date = civil_date(days);
    put_number(out, date.year, 4);
    *out++ = '-';
    put_digits(out, date.month, 2);
    *out++ = '-';
    put_digits(out, date.day, 2);
}

// "HH:MM", then ":SS.mmm" when `with_ms`.
void put_time_of_day(char*& out, int64_t ms_of_day, bool with_ms) {
    const chrono::hh_mm_ss<chrono::milliseconds> time{chrono::milliseconds{ms_of_day}};
    put_digits(out, time.hours().count(), 2);
    *out++ = ':';
    put_digits(out, time.minutes().count(), 2);
    if (!with_ms) return;
    *out++ = ':';
    put_digits(out, time.seconds().count(), 2);
    *out++ = '.';
    put_digits(out, time.subseconds().count(), 3);
}

} // namespace

// ---- days ------------------------------------------------------------------

std::optional<chrono::sys_days> parse_day(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int parts[3] = {0, 0, 0};
    const size_t starts[3] = {0, 5, 8}, ends[3] = {4, 7, 10};
    for (int part = 0; part < 3; ++part)
        for (size_t i = starts[part]; i < ends[part]; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            parts[part] = parts[part] * 10 + (text[i] - '0');
        }
    if (parts[0] < 1) return std::nullopt; // there was no year 0000 in the calendar people write
    const chrono::year_month_day date{chrono::year{parts[0]}, chrono::month{unsigned(parts[1])},
                                      chrono::day{unsigned(parts[2])}};
    if (!date.ok()) return std::nullopt;
    return chrono::sys_days{date};
}

bool is_valid_day(std::string_view text) {
    return parse_day(text).has_value();
}

std::string format_day(chrono::sys_days day) {
    char text[kIsoTimeBufferBytes];
    char* out = text;
    put_date(out, day.time_since_epoch().count());
    return std::string(text, out);
}

CivilDate civil_date(int64_t days_since_1970) {
    const int64_t cycles = floor_div(days_since_1970, kDaysPer400Years);
    const chrono::year_month_day date{
        chrono::sys_days{chrono::days{days_since_1970 - cycles * kDaysPer400Years}}};
    return CivilDate{int64_t(int(date.year())) + cycles * 400, unsigned(date.month()),
                     unsigned(date.day())};
}

// ---- UTC timestamps ----------------------------------------------------------

int64_t now_utc_ms() {
    return chrono::duration_cast<chrono::milliseconds>(
               chrono::system_clock::now().time_since_epoch())
        .count();
}

size_t write_iso_utc_ms(int64_t utc_ms, char (&out)[kIsoTimeBufferBytes]) {
    const DayAndTime time = split(utc_ms, 0);
    char* end = out;
    put_date(end, time.days);
    *end++ = 'T';
    put_time_of_day(end, time.ms_of_day, true);
    *end++ = 'Z';
    return size_t(end - out);
}

std::string iso_utc_ms(int64_t utc_ms) {
    char text[kIsoTimeBufferBytes];
    return std::string(text, write_iso_utc_ms(utc_ms, text));
}

std::string iso_utc_seconds(int64_t utc_ms) {
    std::string text = iso_utc_ms(utc_ms);
    return text.substr(0, text.size() - 5) + "Z"; // without ".mmm"
}

std::optional<int64_t> parse_iso_utc_seconds(std::string_view text) {
    constexpr size_t kLength = 20; // YYYY-MM-DDTHH:MM:SSZ
    if (text.size() != kLength || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
        text[19] != 'Z')
        return std::nullopt;
    const std::optional<chrono::sys_days> day = parse_day(text.substr(0, 10));
    if (!day) return std::nullopt;
    const auto two_digits = [&](size_t at) -> int {
        const char high = text[at], low = text[at + 1];
        if (high < '0' || high > '9' || low < '0' || low > '9') return -1;
        return (high - '0') * 10 + (low - '0');
    };
    const int hour = two_digits(11), minute = two_digits(14), second = two_digits(17);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
        return std::nullopt;
    return int64_t(day->time_since_epoch().count()) * kMsPerDay + hour * kMsPerHour +
           minute * kMsPerMinute + second * kMsPerSecond;
}

std::optional<ZonedTime> parse_iso_zoned_seconds(std::string_view text) {
    if (text.size() == 20) { // ...Z
        const std::optional<int64_t> utc = parse_iso_utc_seconds(text);
        return utc ? std::optional<ZonedTime>(ZonedTime{*utc, 0}) : std::nullopt;
    }
    if (text.size() != 25 || (text[19] != '+' && text[19] != '-')) return std::nullopt;
    const std::optional<int64_t> local =
        parse_iso_utc_seconds(std::string(text.substr(0, 19)) + "Z");
    const std::optional<int> offset = parse_clock_time(text.substr(20));
    if (!local || !offset) return std::nullopt;
    const int32_t offset_min = text[19] == '-' ? -*offset : *offset;
    if (!is_valid_utc_offset_min(offset_min)) return std::nullopt;
    return ZonedTime{*local - int64_t(offset_min) * kMsPerMinute, offset_min};
}

// ---- fixed UTC offsets ---------------------------------------------------------

std::optional<int> parse_clock_time(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    for (size_t i : {0, 1, 3, 4})
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    const int hours = (text[0] - '0') * 10 + (text[1] - '0');
    const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (hours > 23 || minutes > 59) return std::nullopt;
    return hours * 60 + minutes;
}

bool is_valid_utc_offset_min(int64_t offset_min) {
    return offset_min >= kMinUtcOffsetMin && offset_min <= kMaxUtcOffsetMin;
}

int32_t machine_utc_offset_min(int64_t utc_ms) {
    const std::time_t seconds = std::time_t(floor_div(utc_ms, kMsPerSecond));
    std::tm local{};
    if (!localtime_r(&seconds, &local)) return 0;
    return int32_t(local.tm_gmtoff / 60);
}

std::string local_day(int64_t utc_ms, int32_t offset_min) {
    return format_day(chrono::sys_days{chrono::days{split(utc_ms, offset_min).days}});
}

int local_hour(int64_t utc_ms, int32_t offset_min) {
    return int(split(utc_ms, offset_min).ms_of_day / kMsPerHour);
}

std::string machine_local_day_today() {
    const int64_t now = now_utc_ms();
    return local_day(now, machine_utc_offset_min(now));
}

size_t write_iso_local_ms(int64_t utc_ms, int32_t offset_min, char (&out)[kIsoTimeBufferBytes]) {
    const DayAndTime time = split(utc_ms, offset_min);
    char* end = out;
    put_date(end, time.days);
    *end++ = 'T';
    put_time_of_day(end, time.ms_of_day, true);
    const int64_t magnitude = offset_min < 0 ? -int64_t(offset_min) : int64_t(offset_min);
    *end++ = offset_min < 0 ? '-' : '+';
    put_number(end, magnitude / 60, 2);
    *end++ = ':';
    put_digits(end, magnitude % 60, 2);
    return size_t(end - out);
}

std::string iso_local_ms(int64_t utc_ms, int32_t offset_min) {
    char text[kIsoTimeBufferBytes];
    return std::string(text, write_iso_local_ms(utc_ms, offset_min, text));
}

std::string local_minute(int64_t utc_ms, int32_t offset_min) {
    const DayAndTime time = split(utc_ms, offset_min);
    char text[kIsoTimeBufferBytes];
    char* end = text;
    put_date(end, time.days);
    *end++ = ' ';
    put_time_of_day(end, time.ms_of_day, false);
    return std::string(text, end);
}

std::string utc_offset_name(int32_t offset_min) {
    if (offset_min == 0) return "UTC";
    const int64_t magnitude = offset_min < 0 ? -int64_t(offset_min) : int64_t(offset_min);
    std::string name =
        std::string("UTC") + (offset_min < 0 ? "-" : "+") + std::to_string(magnitude / 60);
    if (magnitude % 60 != 0) {
        char minutes[3];
        char* end = minutes;
        put_digits(end, magnitude % 60, 2);
        name += ":" + std::string(minutes, end);
    }
    return name;
}

std::string zone_name(int32_t offset_min, std::string_view beijing_time_word) {
    return offset_min == kBeijingUtcOffsetMin ? std::string(beijing_time_word)
                                              : utc_offset_name(offset_min);
}

std::string local_minute_with_zone(int64_t utc_ms, int32_t offset_min,
                                   std::string_view beijing_time_word) {
    return local_minute(utc_ms, offset_min) + " " + zone_name(offset_min, beijing_time_word);
}

} // namespace kiosk
