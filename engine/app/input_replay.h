// Input replay files: timed visitor input for tests, benchmarks and demos,
// played on the fixed time step so a run is deterministic. Coordinates are in the
// logical 1920x1080 screen (scaled to the real one). The format, one command a
// line, '#' starts a comment:
//
//   wait SECONDS            advance the replay clock
//   tap X Y                 finger down, up 0.1 s later (advances 0.1 s)
//   down ID X Y             finger ID (0..1000) touches
//   move ID X Y             finger ID moves
//   up ID X Y               finger ID lifts
//   drag X1 Y1 X2 Y2 SECONDS one finger drags in a straight line (advances SECONDS)
//   screenshot FILE         write a PNG of the frame at this time
//   quit                    end the run here
#pragma once

#include "render/input.h"

#include <string>
#include <vector>

namespace kiosk {

struct ReplayStep {
    enum class Kind { Pointer, Screenshot, Quit };
    double at_s = 0; // replay clock, seconds from the start
    Kind kind = Kind::Pointer;
    PointerEvent pointer; // logical 1920x1080 coordinates
    std::string screenshot_path;
};

struct ReplayParseResult {
    std::vector<ReplayStep> steps; // sorted by time, stable
    double duration_s = 0;         // the replay clock at the end of the file
    std::string error;             // "file:line: message" when the file is bad
    bool ok() const { return error.empty(); }
};

ReplayParseResult parse_input_replay(const std::string& text, const std::string& file_name);
ReplayParseResult load_input_replay(const std::string& path);

} // namespace kiosk
