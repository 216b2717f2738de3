// Named counts, the currency of the soak's checks: events by key, rollups by
// "KIND|SUBJECT|METRIC" (or "DAY|KIND|SUBJECT|METRIC"), and how two sets of
// them differ, said key by key.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kiosk::soak {

using Counts = std::map<std::string, int64_t>;

// "KEY: expected E, got A" for every key whose values differ (a missing key
// counts 0), at most `max_lines` of them plus a line saying how many more.
inline std::vector<std::string> differences(const Counts& expected, const Counts& actual,
                                            size_t max_lines = 40) {
    std::vector<std::string> lines;
    size_t total = 0;
    const auto note = [&](const std::string& key, int64_t want, int64_t got) {
        if (want == got) return;
        if (++total <= max_lines)
            lines.push_back(key + ": expected " + std::to_string(want) + ", got " +
                            std::to_string(got));
    };
    for (const auto& [key, value] : expected) {
        auto found = actual.find(key);
        note(key, value, found == actual.end() ? 0 : found->second);
    }
    for (const auto& [key, value] : actual)
        if (!expected.count(key)) note(key, 0, value);
    if (total > max_lines)
        lines.push_back("... and " + std::to_string(total - max_lines) + " more");
    return lines;
}

inline int64_t sum_of(const Counts& counts) {
    int64_t sum = 0;
    for (const auto& [key, value] : counts)
        sum += value;
    return sum;
}

} // namespace kiosk::soak
