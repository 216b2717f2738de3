// Reading and judging the kiosk's resource log.
#include "resource_log.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace kiosk::soak {

std::optional<std::vector<ResourceSample>> read_resource_log(const std::string& path,
                                                             std::string& error) {
    std::ifstream in(path);
    if (!in) {
        error = path + ": cannot read the resource log";
        return std::nullopt;
    }
    std::vector<ResourceSample> samples;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line);
        ResourceSample sample;
        if (!(words >> sample.sim_s >> sample.rss_kb >> sample.hwm_kb >> sample.fds >>
              sample.frames)) {
            error = path + ":" + std::to_string(number) +
                    ": expected \"sim_s rss_kb hwm_kb fds frames\", got \"" + line + "\"";
            return std::nullopt;
        }
        samples.push_back(sample);
    }
    return samples;
}

ResourceFigures judge_resources(const std::vector<ResourceSample>& samples,
                                const std::vector<QuietWindow>& nights) {
    ResourceFigures figures;
    for (const ResourceSample& sample : samples) {
        figures.max_fds = std::max(figures.max_fds, sample.fds);
        figures.peak_hwm_kb = std::max(figures.peak_hwm_kb, sample.hwm_kb);
        figures.frames_drawn = std::max(figures.frames_drawn, sample.frames);
    }
    for (const QuietWindow& window : nights) {
        NightFigures night{window};
        for (const ResourceSample& sample : samples) {
            if (sample.sim_s < window.from_s || sample.sim_s > window.to_s) continue;
            night.fds_min = night.samples == 0 ? sample.fds : std::min(night.fds_min, sample.fds);
            night.fds_max = std::max(night.fds_max, sample.fds);
            night.rss_kb =
                night.samples == 0 ? sample.rss_kb : std::min(night.rss_kb, sample.rss_kb);
            ++night.samples;
        }
        if (night.samples > 0) figures.nights.push_back(night);
    }
    if (figures.nights.size() < 2) {
        figures.problem = "the resource log has samples in " +
                          std::to_string(figures.nights.size()) +
                          " night(s); the warm-up night and one more are needed";
        return figures;
    }
    const NightFigures& warm = figures.nights.front();
    const NightFigures& end = figures.nights.back();
    figures.warm_rss_kb = warm.rss_kb;
    figures.end_rss_kb = end.rss_kb;
    const auto growth = [&](int64_t kb) {
        return 100.0 * double(kb - warm.rss_kb) / double(std::max<int64_t>(1, warm.rss_kb));
    };
    figures.end_growth_pct = growth(end.rss_kb);
    figures.max_growth_pct = figures.end_growth_pct;
    for (size_t i = 1; i < figures.nights.size(); ++i)
        figures.max_growth_pct = std::max(figures.max_growth_pct, growth(figures.nights[i].rss_kb));
    figures.warm_fds = warm.fds_min;
    figures.end_fds = end.fds_min;
    figures.fds_steady =
        std::all_of(figures.nights.begin(), figures.nights.end(),
                    [&](const NightFigures& n) { return n.fds_min == warm.fds_min; });
    return figures;
}

} // namespace kiosk::soak
