// Fuzz target: input replay files (engine/app/input_replay.h), which tests,
// benchmarks, demos and the soak test feed to a headless kiosk. The input is
// the file's text, parsed by parse_input_replay. Checked: either steps or an
// error naming "file:line:", steps in time order within the replay's duration,
// fingers 0..1000, coordinates within the documented bound.
#include "fuzz_support.h"

#include "app/input_replay.h"

#include <cmath>
#include <cstdint>
#include <string>

using namespace kiosk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const ReplayParseResult result = parse_input_replay(text, "fuzz.replay");
    if (!result.ok()) {
        if (!result.steps.empty()) fuzz::broken("a refused replay kept its steps");
        if (result.error.rfind("fuzz.replay:", 0) != 0)
            fuzz::broken("the error does not name the file", result.error);
        return 0;
    }
    double previous = 0;
    for (const ReplayStep& step : result.steps) {
        if (!(step.at_s >= previous) || step.at_s > result.duration_s + 1e-6)
            fuzz::broken("steps out of time order or past the end");
        previous = step.at_s;
        if (step.kind != ReplayStep::Kind::Pointer) continue;
        const PointerEvent& pointer = step.pointer;
        if (pointer.pointer_id < 0 || pointer.pointer_id > 1000)
            fuzz::broken("a finger id outside 0..1000");
        if (!std::isfinite(pointer.x) || !std::isfinite(pointer.y) ||
            std::fabs(pointer.x) > 100000 || std::fabs(pointer.y) > 100000)
            fuzz::broken("a coordinate outside the bound");
    }
    return 0;
}
