// How the monthly report writes its numbers (see report_numbers.h).
#include "report_numbers.h"

#include "core/manager_text.h"

#include <cmath>
#include <cstdio>

namespace kiosk::report {

const std::string& not_known(Language language) {
    return manager_text("monthly_not_known", language);
}

std::string format_count(int64_t value) {
    // Digits of the magnitude as unsigned, so INT64_MIN has one too.
    uint64_t magnitude = value < 0 ? uint64_t(0) - uint64_t(value) : uint64_t(value);
    std::string digits = std::to_string(magnitude);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return value < 0 ? "-" + out : out;
}

std::string format_one_decimal(double value) {
    if (!std::isfinite(value)) return "?";
    char text[64];
    std::snprintf(text, sizeof text, "%.1f", std::round(value * 10) / 10);
    std::string out = text;
    return out == "-0.0" ? "0.0" : out;
}

std::optional<double> ratio(int64_t part, int64_t whole) {
    if (whole <= 0 || part < 0) return std::nullopt;
    return double(part) / double(whole);
}

std::string format_percent(int64_t part, int64_t whole, Language language) {
    const std::optional<double> share = ratio(part, whole);
    if (!share) return not_known(language);
    return format_one_decimal(*share * 100) + "%";
}

std::string format_average_minutes(int64_t total_ms, int64_t count, Language language) {
    if (count <= 0 || total_ms < 0) return not_known(language);
    return format_one_decimal(double(total_ms) / double(count) / 60000.0);
}

std::string format_change(std::optional<double> now, std::optional<double> before,
                          Language language) {
    if (!now || !before || *before <= 0) return not_known(language);
    const std::string change = format_one_decimal((*now - *before) / *before * 100);
    return (change[0] == '-' || change == "0.0" ? change : "+" + change) + "%";
}

std::string format_point_change(std::optional<double> now_ratio, std::optional<double> before_ratio,
                                Language language) {
    if (!now_ratio || !before_ratio) return not_known(language);
    std::string change = format_one_decimal((*now_ratio - *before_ratio) * 100);
    if (change[0] != '-' && change != "0.0") change = "+" + change;
    return manager_text("monthly_change_points", language, {{"change", change}});
}

} // namespace kiosk::report
