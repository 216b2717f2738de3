// Opening hours against the contact history (availability_days.h).
#include "availability_days.h"

#include "core/civil_time.h"

#include <algorithm>
#include <chrono>

namespace kiosk::hub {
namespace {

int64_t floor_divide(int64_t value, int64_t divisor) {
    return value / divisor - (value % divisor < 0 ? 1 : 0);
}

// The local clock hours (bit 0 = 00:00-01:00 .. bit 23) a venue is open on a
// day it opens: each hour that overlaps open_minute..close_minute, so 09:30 to
// 17:00 is the eight hours from 09:00.
uint32_t opening_hour_bits(const OpeningHours& hours) {
    uint32_t bits = 0;
    for (int hour = 0; hour < 24; ++hour)
        if (hour * 60 < hours.close_minute && (hour + 1) * 60 > hours.open_minute)
            bits |= uint32_t(1) << hour;
    return bits;
}

} // namespace

ContactDays contact_days_of(const QueryScope& scope, int32_t utc_offset_min) {
    const auto first = parse_day(scope.from), last = parse_day(scope.to);
    if (!first || !last || *first > *last)
        throw StoreReadError("kiosk availability: expected from <= to, both YYYY-MM-DD, got \"" +
                             scope.from + "\" .. \"" + scope.to + "\"");
    if (!is_valid_utc_offset_min(utc_offset_min))
        throw StoreReadError("kiosk availability: no such UTC offset, " +
                             std::to_string(utc_offset_min) + " minutes");
    const int64_t offset_ms = int64_t(utc_offset_min) * 60000;
    const int64_t first_days = first->time_since_epoch().count();
    const int64_t last_days = last->time_since_epoch().count();
    return {floor_divide(first_days * kMsPerDay - offset_ms, kMsPerDay),
            floor_divide((last_days + 1) * kMsPerDay - offset_ms - 1, kMsPerDay)};
}

// An opening hour counts once the kiosk was added (the hour it was added in
// counts) and before it was revoked. It is available when the hub heard from
// the kiosk in the UTC hour holding the local hour's middle (the same hour for
// whole-hour offsets; for +05:30 the later of the two it overlaps).
std::vector<AvailabilityDay>
availability_days(const QueryScope& scope, int32_t utc_offset_min,
                  const std::vector<KioskPeriod>& kiosks,
                  const std::function<void(const std::string& kiosk, const ContactDays& days,
                                           std::vector<uint32_t>& heard)>& read_contacts) {
    const ContactDays range = contact_days_of(scope, utc_offset_min);
    const int64_t offset_ms = int64_t(utc_offset_min) * 60000;
    const int64_t first_days = parse_day(scope.from)->time_since_epoch().count();
    const int64_t last_days = parse_day(scope.to)->time_since_epoch().count();
    std::vector<AvailabilityDay> days;
    std::vector<uint32_t> heard(size_t(range.last_utc_day - range.first_utc_day + 1));
    for (const KioskPeriod& kiosk : kiosks) {
        std::fill(heard.begin(), heard.end(), 0);
        read_contacts(kiosk.id, range, heard);
        const bool any_contact =
            std::any_of(heard.begin(), heard.end(), [](uint32_t hours) { return hours != 0; });
        if (kiosk.revoked_utc_ms && !any_contact) continue;
        const uint32_t open_bits = opening_hour_bits(kiosk.hours);
        for (int64_t day = first_days; day <= last_days; ++day) {
            AvailabilityDay row{kiosk.id,
                                format_day(std::chrono::sys_days{std::chrono::days{day}})};
            const unsigned weekday =
                std::chrono::weekday{std::chrono::sys_days{std::chrono::days{day}}}.iso_encoding() -
                1;
            const bool closed = kiosk.hours.closed_weekdays & (1u << weekday);
            for (int hour = 0; hour < 24 && !closed; ++hour) {
                if (!(open_bits & (uint32_t(1) << hour))) continue;
                const int64_t start_ms = (day * 24 + hour) * kMsPerHour - offset_ms;
                if (start_ms + kMsPerHour <= kiosk.created_utc_ms) continue;
                if (kiosk.revoked_utc_ms && start_ms >= kiosk.revoked_utc_ms) continue;
                ++row.open_hours;
                const int64_t utc_hour = floor_divide(start_ms + kMsPerHour / 2, kMsPerHour);
                const int64_t utc_day = floor_divide(utc_hour, 24);
                if (heard[size_t(utc_day - range.first_utc_day)] &
                    (uint32_t(1) << (utc_hour - utc_day * 24)))
                    ++row.available_hours;
            }
            days.push_back(std::move(row));
        }
    }
    return days;
}

} // namespace kiosk::hub
