// engine/core/checked_sum.h: sums exact while they fit in 64 bits, flagged
// (never wrapped) when they do not, and staying flagged.
#include "core/checked_sum.h"

#include <catch2/catch.hpp>

#include <limits>

TEST_CASE("checked_add is exact or nullopt at both ends of int64", "[core][checked_sum]") {
    constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
    constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
    CHECK(kiosk::checked_add(2, 3) == 5);
    CHECK(kiosk::checked_add(kMax - 1, 1) == kMax);
    CHECK_FALSE(kiosk::checked_add(kMax, 1));
    CHECK(kiosk::checked_add(kMin + 1, -1) == kMin);
    CHECK_FALSE(kiosk::checked_add(kMin, -1));
    static_assert(kiosk::checked_add(40, 2) == 42);
}

TEST_CASE("CheckedSum: issue 15's 30 days x 35 x 2^53 is flagged, not wrapped",
          "[core][checked_sum]") {
    kiosk::CheckedSum sum;
    for (int day = 0; day < 30; ++day)
        sum += 35 * 9007199254740992LL;
    CHECK(sum.overflowed());
    CHECK_FALSE(sum.value());
    sum += -9000000000000000000LL; // once overflowed, it stays so
    CHECK(sum.overflowed());

    kiosk::CheckedSum exact(10);
    exact.add(5).add(-3);
    CHECK(exact.value() == 12);
    CHECK_FALSE(exact.overflowed());
}
