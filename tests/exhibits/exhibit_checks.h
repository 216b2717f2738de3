// What the guide test and the examples test do to an exhibit folder, the way a
// curator would: `kioskctl validate`, luacheck with the repository's
// .luacheckrc, and a headless preview with the kiosk. Each returns "" when all
// is well, else what went wrong (the tool's own output).
#pragma once

#include <string>

namespace kiosk::test {

// `kioskctl validate FOLDER --config kiosk-config/county-museum.lua`.
std::string validate_problems(const std::string& folder);
std::string luacheck_problems(const std::string& folder);

// The clock examples run at: 10:00 Beijing time on a weekday, outside the
// sample config's quiet hours (12:00-13:30), so what they draw (a
// narration's caption) does not depend on when the test runs.
constexpr const char* kExampleStartTime = "2026-06-01T10:00:00+08:00";

// Runs `kiosk --exhibit FOLDER --headless` at 1920 x 1080, seed 1, with a
// fresh data folder `data` and the clock at `start_time`: `run` is "--frames
// N" or "--input FILE", and `screenshot` (optional) where the last frame goes.
// A problem is a non-zero exit or anything in the data folder's exhibit-errors.log.
std::string preview_problems(const std::string& folder, const std::string& data,
                             const std::string& run, const std::string& screenshot = "",
                             const std::string& start_time = kExampleStartTime);

// A 640 x 360 thumbnail, one colour, written as PNG to `path`.
void write_thumbnail(const std::string& path);

} // namespace kiosk::test
