// Every folder under exhibits/examples/ is a small, complete exhibit: it passes
// `kioskctl validate` and luacheck, runs headless at 1920 x 1080 without an
// error (its preview-input.txt replay when it has one, else 120 frames), and
// draws its committed screenshot.png. Folders are found, not listed, so new
// examples are checked as they arrive. scripts/example-screenshots.sh makes
// the screenshots with the same command line.
#include "../app/app_test_support.h"
#include "exhibit_checks.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace kiosk::test;

namespace {

// The headless renderer is deterministic; a little room for a different
// compiler's rounding: at most 0.1% of pixels off by more than 24 in a channel.
constexpr double kMostDifferingPixels = 0.001;

std::vector<std::filesystem::path> example_folders() {
    std::vector<std::filesystem::path> folders;
    for (const auto& entry : std::filesystem::directory_iterator(source_path("exhibits/examples")))
        if (entry.is_directory()) folders.push_back(entry.path());
    std::sort(folders.begin(), folders.end());
    return folders;
}

int main_lua_lines(const std::filesystem::path& folder) {
    std::ifstream in(folder / "main.lua");
    return int(
        std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n'));
}

} // namespace

TEST_CASE("every example validates, passes luacheck and draws as its screenshot", "[examples]") {
    const std::vector<std::filesystem::path> folders = example_folders();
    CHECK(folders.size() >= 6);
    for (const std::filesystem::path& folder : folders) {
        const std::string name = folder.filename().string();
        INFO("exhibits/examples/" + name);
        for (const char* file : {"manifest.lua", "main.lua", "thumbnail.png", "screenshot.png"})
            CHECK(std::filesystem::is_regular_file(folder / file));
        const int lines = main_lua_lines(folder);
        INFO("main.lua has " << lines << " lines");
        CHECK((lines >= 30 && lines <= 80));
        CHECK(validate_problems(folder.string()) == "");
        CHECK(luacheck_problems(folder.string()) == "");

        const std::string replay = (folder / "preview-input.txt").string();
        const std::string run = std::filesystem::is_regular_file(replay)
                                    ? "--input '" + replay + "'"
                                    : std::string("--frames 120");
        TempFolder out;
        const std::string actual = out.file(name + ".png");
        CHECK(preview_problems(folder.string(), out.file("data"), run, actual) == "");
        const double differing = png_difference(actual, (folder / "screenshot.png").string());
        INFO(differing * 100 << "% of pixels differ from screenshot.png "
                                "(scripts/example-screenshots.sh "
                             << name << " remakes it)");
        CHECK(differing <= kMostDifferingPixels);
    }
}

// The example check above must not depend on the hour it runs at: the sample
// config's quiet hours (12:00-13:30) turn the narration example's sound off
// and so show its caption. --start-time fixes the clock the quiet hours read.
TEST_CASE("a headless run's --start-time is the clock quiet hours are read from", "[examples]") {
    const std::string folder = source_path("exhibits/examples/narration");
    const std::string replay = folder + "/preview-input.txt";
    const std::string run = std::filesystem::is_regular_file(replay) ? "--input '" + replay + "'"
                                                                     : std::string("--frames 120");
    TempFolder out;
    const std::string morning = out.file("morning.png"), lunch = out.file("lunch.png");
    REQUIRE(preview_problems(folder, out.file("d1"), run, morning) == "");
    REQUIRE(preview_problems(folder, out.file("d2"), run, lunch, "2026-06-01T12:30:00+08:00") ==
            "");
    CHECK(png_difference(morning, folder + "/screenshot.png") <= kMostDifferingPixels);
    CHECK(png_difference(lunch, morning) > kMostDifferingPixels); // the caption shows
}
