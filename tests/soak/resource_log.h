// The kiosk's resource log (kiosk --resource-log FILE, written by the headless
// frame loop on the simulated clock: "sim_s rss_kb hwm_kb fds frames" lines)
// read back and judged night by night. A night is a QuietWindow of the
// visitor script: nobody at the kiosk, the attract screen showing, so its
// figures are the kiosk at rest. The first day and its night are the
// warm-up: every exhibit, quiz pack, font size and SQLite page cache has been
// used by then. Each night gives its lowest RSS and its fewest open
// descriptors: the attract loop holds a picture decoded while it shows it and
// a sync round in flight holds a socket and kiosk.db open for a moment, but a
// leak stays, so it raises the night's floor.
#pragma once

#include "visitor_script.h"

#include <optional>
#include <string>
#include <vector>

namespace kiosk::soak {

struct ResourceSample {
    double sim_s = 0;
    int64_t rss_kb = 0, hwm_kb = 0;
    int fds = 0;
    int64_t frames = 0; // frames drawn so far
};

std::optional<std::vector<ResourceSample>> read_resource_log(const std::string& path,
                                                             std::string& error);

struct NightFigures {
    QuietWindow window;
    int samples = 0;
    int64_t rss_kb = 0; // the night's lowest sample
    int fds_min = 0, fds_max = 0;
};

struct ResourceFigures {
    std::vector<NightFigures> nights; // those with samples, in order
    int64_t warm_rss_kb = 0;          // the first night's
    int64_t end_rss_kb = 0;           // the last night's
    double end_growth_pct = 0;        // end over warm
    double max_growth_pct = 0;        // the highest night after the warm-up over warm
    int warm_fds = 0, end_fds = 0;    // the fewest of the first and the last night
    bool fds_steady = false;          // every night's fewest equals the first night's
    int max_fds = 0;                  // any sample's
    int64_t peak_hwm_kb = 0;          // the process's peak RSS
    int64_t frames_drawn = 0;
    std::string problem; // why no verdict can be given ("" when one can)
};

// Needs at least two nights with samples.
ResourceFigures judge_resources(const std::vector<ResourceSample>& samples,
                                const std::vector<QuietWindow>& nights);

} // namespace kiosk::soak
