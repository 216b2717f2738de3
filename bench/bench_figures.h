// Shared by the benchmarks: a percentile of figures, and a kiosk's
// --frame-stats file read back.
#pragma once

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

namespace kiosk::bench {

// The value at `fraction` (0..1) of the sorted values, 0 when there are none.
inline double percentile(std::vector<double> values, double fraction) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(fraction * double(values.size() - 1) + 0.5))];
}

// The frame times (ms) of a kiosk's --frame-stats file, and its first present time.
inline std::vector<double> read_frame_stats(const std::string& path,
                                            long long* first_present_ns = nullptr) {
    std::ifstream in(path);
    std::string word;
    long long first = 0;
    in >> word >> first >> word;
    if (first_present_ns) *first_present_ns = first;
    std::vector<double> frame_ms;
    for (double ms; in >> ms;)
        frame_ms.push_back(ms);
    return frame_ms;
}

} // namespace kiosk::bench
