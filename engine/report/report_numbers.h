// How the monthly report writes its numbers: counts with thousands
// separators ("12,345"), shares and accuracies as percentages with one
// decimal ("87.5%"), minutes with one decimal, and the change of a figure
// against another month ("+12.5%", "-3.0%"), which is "—" (the managers'
// monthly_not_known) whenever the other month is not known or its figure is 0:
// a change from nothing is never shown as +100 %. Pure functions, no pango.
#pragma once

#include "core/bilingual.h"

#include <cstdint>
#include <optional>
#include <string>

namespace kiosk::report {

std::string format_count(int64_t value);
// One decimal, rounded half away from zero ("3.2"); no exponent, no locale.
std::string format_one_decimal(double value);
// `part` / `whole` as "87.5%"; "—" when `whole` is not positive or either is negative.
std::string format_percent(int64_t part, int64_t whole, Language language);
// The ratio part / whole, nullopt when it is not defined (see format_percent).
std::optional<double> ratio(int64_t part, int64_t whole);
// `total_ms` / `count` in minutes, one decimal; "—" when count is not positive.
std::string format_average_minutes(int64_t total_ms, int64_t count, Language language);
// The relative change from `before` to `now` ("+12.5%"); "—" when there is no
// `before`, or it is not positive.
std::string format_change(std::optional<double> now, std::optional<double> before,
                          Language language);
// The change of a percentage in points ("+2.1 个百分点"); "—" without both.
std::string format_point_change(std::optional<double> now_ratio, std::optional<double> before_ratio,
                                Language language);
const std::string& not_known(Language language);

} // namespace kiosk::report
