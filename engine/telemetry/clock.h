// Clocks for event times: the UTC wall clock (which may be wrong), the local
// UTC offset, and a monotonic offset since the boot began (which is never
// wrong, only relative). SystemClock reads the machine; ManualClock is moved by
// hand (headless runs on the fixed time step, tests). Both are thread-safe.
// An event's local day and hour come from core/civil_time.h (local_day,
// local_hour of utc_ms and utc_offset_min).
#pragma once

#include <atomic>
#include <chrono>
#include <climits>
#include <cstdint>

namespace kiosk::telemetry {

struct ClockReading {
    int64_t utc_ms = 0;
    int32_t utc_offset_min = 0; // local = utc + offset
    int64_t mono_ms = 0;        // since the clock was made (the boot)
};

class Clock {
public:
    virtual ~Clock() = default;
    virtual ClockReading now() const = 0;
};

class SystemClock final : public Clock {
public:
    ClockReading now() const override;

private:
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    // The UTC offset is looked up once a minute (a time-zone lookup per event
    // would cost more than the rest of the event).
    mutable std::atomic<int64_t> offset_minute_{INT64_MIN};
    mutable std::atomic<int32_t> offset_min_{0};
};

class ManualClock final : public Clock {
public:
    ManualClock(int64_t utc_ms, int32_t utc_offset_min)
        : utc_ms_(utc_ms), offset_(utc_offset_min) {}
    ClockReading now() const override;
    // Moves both clocks forward (a fixed time step).
    void advance_ms(int64_t ms);
    // Moves the wall clock only, as when someone sets the time.
    void set_utc_ms(int64_t utc_ms);

private:
    std::atomic<int64_t> utc_ms_;
    std::atomic<int32_t> offset_;
    std::atomic<int64_t> mono_ms_{0};
};

// Whether a wall-clock time can be right for a kiosk of this software (2025..2099).
bool plausible_utc_ms(int64_t utc_ms);

} // namespace kiosk::telemetry
