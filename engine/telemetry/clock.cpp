// SystemClock and ManualClock, and the plausibility rule for a wall-clock time.
#include "clock.h"

#include "core/civil_time.h"

namespace kiosk::telemetry {
namespace {

// 2025-01-01T00:00:00Z and 2100-01-01T00:00:00Z.
constexpr int64_t kPlausibleFromMs = 1735689600000;
constexpr int64_t kPlausibleUntilMs = 4102444800000;

} // namespace

ClockReading SystemClock::now() const {
    using namespace std::chrono;
    ClockReading reading;
    reading.utc_ms = now_utc_ms();
    reading.mono_ms = duration_cast<milliseconds>(steady_clock::now() - started_).count();
    const int64_t minute = floor<minutes>(milliseconds{reading.utc_ms}).count();
    if (offset_minute_.load(std::memory_order_acquire) != minute) {
        offset_min_ = machine_utc_offset_min(minute * kMsPerMinute);
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

bool plausible_utc_ms(int64_t utc_ms) {
    return utc_ms >= kPlausibleFromMs && utc_ms < kPlausibleUntilMs;
}

} // namespace kiosk::telemetry
