// Dates and times, once: the day strings "YYYY-MM-DD" every subsystem stores
// and checks, the UTC timestamps of logs, reports and exports, and local
// times at a fixed UTC offset, on std::chrono's calendar (the proleptic
// Gregorian one). Time zones in this product are fixed offsets in minutes: a
// kiosk stores each event's offset as its machine gave it, and the hub shows
// every time at one configured offset (kiosk-hub serve --utc-offset-min,
// Beijing time unless told otherwise). There is no zone database here (GCC 12
// has no std::chrono::tzdb), so no daylight-saving rules: an offset is what
// the caller says it is. Storage stays UTC; only text for people is local.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

constexpr int64_t kMsPerSecond = 1000;
constexpr int64_t kMsPerMinute = 60 * kMsPerSecond;
constexpr int64_t kMsPerHour = 60 * kMsPerMinute;
constexpr int64_t kMsPerDay = 24 * kMsPerHour;

// ---- days ------------------------------------------------------------------

// The one rule for a day string: exactly "YYYY-MM-DD", ASCII digits, a real
// date from 0001-01-01 to 9999-12-31 (so 2024-02-29 is one, 2025-02-29 and
// 1900-02-29 are not). Callers that need a narrower range check it themselves.
std::optional<std::chrono::sys_days> parse_day(std::string_view text);
bool is_valid_day(std::string_view text);

// "YYYY-MM-DD". Years 0000..9999 take four digits; others (only reached by
// times no clock of this product gives) are written whole with their sign.
std::string format_day(std::chrono::sys_days day);

// A date with a 64-bit year, for any day an int64 millisecond time reaches
// (std::chrono::year alone stops at ±32767).
struct CivilDate {
    int64_t year = 1970;
    unsigned month = 1; // 1..12
    unsigned day = 1;   // 1..31
};
CivilDate civil_date(int64_t days_since_1970);

// ---- UTC timestamps ----------------------------------------------------------

// Milliseconds since 1970-01-01T00:00:00Z by the machine's clock.
int64_t now_utc_ms();

// "2025-06-01T01:01:10.123Z" (ISO 8601, UTC, milliseconds; before 1970 too):
// reports' and exports' machine-readable times. write_iso_utc_ms writes it
// without allocating (for the events export), returning its length.
constexpr size_t kIsoTimeBufferBytes = 48;
size_t write_iso_utc_ms(int64_t utc_ms, char (&out)[kIsoTimeBufferBytes]);
std::string iso_utc_ms(int64_t utc_ms);

// "2025-06-01T01:01:10Z" (whole seconds, rounded down): log lines, the
// exhibit error log, the startup failure report, kiosk-hub admin list.
std::string iso_utc_seconds(int64_t utc_ms);
// The reverse of iso_utc_seconds: exactly "YYYY-MM-DDTHH:MM:SSZ" with a day
// parse_day accepts and a time 00:00:00..23:59:59 (no leap second, no
// fraction, no other zone), as milliseconds since 1970; nullopt otherwise.
std::optional<int64_t> parse_iso_utc_seconds(std::string_view text);
// "YYYY-MM-DDTHH:MM:SS+HH:MM" (or -HH:MM, or Z): a local time with its offset,
// as UTC milliseconds and the offset in minutes (an offset people use, see
// is_valid_utc_offset_min); nullopt otherwise.
struct ZonedTime {
    int64_t utc_ms = 0;
    int32_t utc_offset_min = 0;
};
std::optional<ZonedTime> parse_iso_zoned_seconds(std::string_view text);

// ---- fixed UTC offsets ---------------------------------------------------------

// China's one time zone, UTC+8, which managers call 北京时间 (Beijing time).
constexpr int32_t kBeijingUtcOffsetMin = 8 * 60;
// The venue offset when nothing says otherwise: the hub's default and a
// kiosk.db with no events. The product serves Chinese venues.
constexpr int32_t kDefaultVenueUtcOffsetMin = kBeijingUtcOffsetMin;
// The offsets a person may configure: UTC-12:00 .. UTC+14:00, the ones in use.
constexpr int32_t kMinUtcOffsetMin = -12 * 60;
constexpr int32_t kMaxUtcOffsetMin = 14 * 60;
bool is_valid_utc_offset_min(int64_t offset_min);

// "HH:MM" (00:00..23:59, exactly five characters) as minutes after midnight.
std::optional<int> parse_clock_time(std::string_view text);

// The machine's UTC offset (its TZ setting) at `utc_ms`.
int32_t machine_utc_offset_min(int64_t utc_ms);

// The local day "YYYY-MM-DD" and hour (0..23) of `utc_ms` at `offset_min`
// (local = UTC + offset). Any int64 time and int32 offset, without overflow.
std::string local_day(int64_t utc_ms, int32_t offset_min);
int local_hour(int64_t utc_ms, int32_t offset_min);

// The machine's local day now (content review expiry on a kiosk or a curator's PC).
std::string machine_local_day_today();

// "2025-06-01T09:01:10.123+08:00": a local time in ISO 8601 with its offset
// (the events export's local_time column).
size_t write_iso_local_ms(int64_t utc_ms, int32_t offset_min, char (&out)[kIsoTimeBufferBytes]);
std::string iso_local_ms(int64_t utc_ms, int32_t offset_min);

// "2025-06-01 09:01" at `offset_min`, without a zone (the kiosk's own admin
// overlay, which shows the kiosk's own clock).
std::string local_minute(int64_t utc_ms, int32_t offset_min);

// An offset as notation: "UTC" for 0, "UTC+8", "UTC-3:30", "UTC+5:45".
std::string utc_offset_name(int32_t offset_min);

// A zone as managers read it: at UTC+8 the word `beijing_time_word` (北京时间
// or "Beijing time", from the managers' strings), else utc_offset_name.
std::string zone_name(int32_t offset_min, std::string_view beijing_time_word);

// The one form of a time shown to managers (dashboard, reports, exports,
// kioskctl stats): the local minute and the zone named,
// "2026-11-29 05:00 北京时间", "2026-11-28 16:00 UTC-5".
std::string local_minute_with_zone(int64_t utc_ms, int32_t offset_min,
                                   std::string_view beijing_time_word);

} // namespace kiosk
