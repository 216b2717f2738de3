// The curator's three checks of an exhibit folder, run as the curator runs them.
#include "exhibit_checks.h"

#include "../app/app_test_support.h"
#include "test_paths.h"

#include <stb_image_write.h>

#include <cstdio>
#include <sys/wait.h>
#include <vector>

namespace kiosk::test {
namespace {

std::string quoted(const std::string& text) {
    return "'" + text + "'";
}

// Runs a shell command line; "" when it exits 0, else its exit and output.
std::string command_problems(const std::string& command) {
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe) return "cannot run: " + command;
    std::string output;
    char buffer[4096];
    while (size_t n = fread(buffer, 1, sizeof buffer, pipe))
        output.append(buffer, n);
    const int status = pclose(pipe);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return "";
    return command + "\n" + output;
}

} // namespace

std::string validate_problems(const std::string& folder) {
    // With the sample config: its font is the one every character must be in.
    return command_problems(quoted(program_path("kioskctl")) + " validate " + quoted(folder) +
                            " --config " + quoted(source_path("kiosk-config/county-museum.lua")));
}

std::string luacheck_problems(const std::string& folder) {
    return command_problems("luacheck --no-color --config " + quoted(source_path(".luacheckrc")) +
                            " " + quoted(folder));
}

std::string preview_problems(const std::string& folder, const std::string& data,
                             const std::string& run, const std::string& screenshot,
                             const std::string& start_time) {
    const KioskRun kiosk = run_kiosk(
        "--config " + quoted(source_path("kiosk-config/county-museum.lua")) + " --exhibit " +
        quoted(folder) + " --headless --width 1920 --height 1080 --seed 1 --start-time " +
        start_time + " --data " + quoted(data) + " " + run +
        (screenshot.empty() ? "" : " --screenshot " + quoted(screenshot)));
    if (kiosk.exit_code != 0)
        return "kiosk exited with " + std::to_string(kiosk.exit_code) + ":\n" + kiosk.output;
    return read_text(data + "/exhibit-errors.log");
}

void write_thumbnail(const std::string& path) {
    constexpr int kWidth = 640, kHeight = 360;
    std::vector<unsigned char> pixels(size_t(kWidth) * kHeight * 3);
    for (size_t i = 0; i < pixels.size(); i += 3) {
        pixels[i] = 16;
        pixels[i + 1] = 38;
        pixels[i + 2] = 63;
    }
    stbi_write_png(path.c_str(), kWidth, kHeight, 3, pixels.data(), kWidth * 3);
}

} // namespace kiosk::test
