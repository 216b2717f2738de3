// Integer sums that cannot wrap: the one helper every total on the hub and the
// kiosk goes through (dashboard totals, hour-of-week cells, report sums). A sum
// is either exact or flagged as too large for 64 bits; it is never wrapped,
// saturated or turned into a rounded float without saying so.
#pragma once

#include <cstdint>
#include <optional>

namespace kiosk {

// `total + amount` when the exact result fits in int64_t; nullopt otherwise.
[[nodiscard]] constexpr std::optional<int64_t> checked_add(int64_t total, int64_t amount) {
    int64_t result = 0;
    if (__builtin_add_overflow(total, amount, &result)) return std::nullopt;
    return result;
}

// A running sum that remembers whether it ever overflowed. Once it has, its
// value is meaningless and value() is nullopt; further adds keep it so.
class CheckedSum {
public:
    constexpr CheckedSum() = default;
    constexpr explicit CheckedSum(int64_t start) : total_(start) {}

    constexpr CheckedSum& add(int64_t amount) {
        if (overflowed_) return *this;
        const std::optional<int64_t> next = checked_add(total_, amount);
        if (next)
            total_ = *next;
        else
            overflowed_ = true;
        return *this;
    }
    constexpr CheckedSum& operator+=(int64_t amount) { return add(amount); }

    constexpr bool overflowed() const { return overflowed_; }
    // The exact sum, or nullopt when it does not fit in int64_t.
    constexpr std::optional<int64_t> value() const {
        return overflowed_ ? std::nullopt : std::optional<int64_t>(total_);
    }

private:
    int64_t total_ = 0;
    bool overflowed_ = false;
};

} // namespace kiosk
