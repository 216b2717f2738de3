// Input replay parser: strict, line-numbered errors, bounded values.
#include "input_replay.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace kiosk {
namespace {

constexpr double kTapHoldS = 0.1;
constexpr double kDragStepS = 1.0 / 60.0;
constexpr double kMaxWaitS = 30.0 * 24 * 3600; // a month of simulated time
constexpr double kMaxCoordinate = 100000;

struct LineReader {
    std::istringstream words;
    std::string file;
    int line;
    std::string error;

    bool fail(const std::string& message) {
        if (error.empty()) error = file + ":" + std::to_string(line) + ": " + message;
        return false;
    }
    bool number(const char* what, double min, double max, double& out) {
        std::string word;
        if (!(words >> word)) return fail(std::string("missing ") + what);
        char* end = nullptr;
        out = std::strtod(word.c_str(), &end);
        if (end == word.c_str() || *end != '\0' || !std::isfinite(out))
            return fail(std::string(what) + ": expected a number, got '" + word + "'");
        if (out < min || out > max) {
            std::ostringstream range;
            range << what << ": expected " << min << " to " << max << ", got " << word;
            return fail(range.str());
        }
        return true;
    }
    bool end_of_line() {
        std::string extra;
        if (words >> extra) return fail("unexpected '" + extra + "' at the end of the line");
        return true;
    }
};

ReplayStep pointer_step(double at, PointerPhase phase, int64_t id, double x, double y) {
    ReplayStep step;
    step.at_s = at;
    step.pointer = PointerEvent{phase, id, float(x), float(y)};
    return step;
}

} // namespace

ReplayParseResult parse_input_replay(const std::string& text, const std::string& file_name) {
    ReplayParseResult result;
    std::istringstream lines(text);
    std::string raw;
    double clock = 0;
    int line_number = 0;
    while (std::getline(lines, raw)) {
        ++line_number;
        if (auto hash = raw.find('#'); hash != std::string::npos) raw.erase(hash);
        LineReader in{std::istringstream(raw), file_name, line_number, {}};
        std::string command;
        if (!(in.words >> command)) continue;

        double x = 0, y = 0, id = 0, seconds = 0;
        const auto coordinates = [&](double& cx, double& cy) {
            return in.number("x", -kMaxCoordinate, kMaxCoordinate, cx) &&
                   in.number("y", -kMaxCoordinate, kMaxCoordinate, cy);
        };
        if (command == "wait") {
            if (in.number("seconds", 0, kMaxWaitS, seconds) && in.end_of_line()) clock += seconds;
        } else if (command == "tap") {
            if (coordinates(x, y) && in.end_of_line()) {
                result.steps.push_back(pointer_step(clock, PointerPhase::Down, 0, x, y));
                clock += kTapHoldS;
                result.steps.push_back(pointer_step(clock, PointerPhase::Up, 0, x, y));
            }
        } else if (command == "down" || command == "move" || command == "up") {
            if (in.number("finger id", 0, 1000, id) && coordinates(x, y) && in.end_of_line()) {
                PointerPhase phase = command == "down" ? PointerPhase::Down
                                     : command == "up" ? PointerPhase::Up
                                                       : PointerPhase::Move;
                result.steps.push_back(pointer_step(clock, phase, int64_t(id), x, y));
            }
        } else if (command == "drag") {
            double x2 = 0, y2 = 0;
            if (coordinates(x, y) && coordinates(x2, y2) &&
                in.number("seconds", kDragStepS, 60, seconds) && in.end_of_line()) {
                result.steps.push_back(pointer_step(clock, PointerPhase::Down, 0, x, y));
                int moves = std::max(1, int(std::lround(seconds / kDragStepS)));
                for (int i = 1; i <= moves; ++i) {
                    double f = double(i) / moves;
                    result.steps.push_back(pointer_step(clock + seconds * f, PointerPhase::Move, 0,
                                                        x + (x2 - x) * f, y + (y2 - y) * f));
                }
                clock += seconds;
                result.steps.push_back(pointer_step(clock, PointerPhase::Up, 0, x2, y2));
            }
        } else if (command == "screenshot") {
            std::string path;
            if (!(in.words >> path))
                in.fail("missing the PNG file name");
            else if (in.end_of_line()) {
                ReplayStep step;
                step.at_s = clock;
                step.kind = ReplayStep::Kind::Screenshot;
                step.screenshot_path = path;
                result.steps.push_back(step);
            }
        } else if (command == "quit") {
            if (in.end_of_line()) {
                ReplayStep step;
                step.at_s = clock;
                step.kind = ReplayStep::Kind::Quit;
                result.steps.push_back(step);
            }
        } else {
            in.fail("unknown command '" + command +
                    "' (expected wait, tap, down, move, up, drag, screenshot or quit)");
        }
        if (!in.error.empty()) {
            result.error = in.error;
            result.steps.clear();
            return result;
        }
    }
    result.duration_s = clock;
    std::stable_sort(result.steps.begin(), result.steps.end(),
                     [](const ReplayStep& a, const ReplayStep& b) { return a.at_s < b.at_s; });
    return result;
}

ReplayParseResult load_input_replay(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        ReplayParseResult result;
        result.error = path + ": cannot open the input replay file";
        return result;
    }
    std::ostringstream text;
    text << file.rdbuf();
    return parse_input_replay(text.str(), path);
}

} // namespace kiosk
