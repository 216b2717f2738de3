// Tests for the kiosk config's `sound` section (core/sound_config.h): its
// documented defaults, what it reads, the quiet hours (spans passing midnight
// too), and each mistake named with its field and what was expected.
#include "core/kiosk_config.h"
#include "minimal_config.h"
#include "temp_folder.h"

#include <catch2/catch.hpp>

#include <string>

using namespace kiosk;

using test::minimal_config;

TEST_CASE("the sound section has documented defaults and checked values", "[kiosk_config]") {
    test::TempFolder folder;
    SECTION("absent: volume 0.8, captions when silent, no quiet hours") {
        ConfigLoadResult result = load_kiosk_config(folder.write("kiosk.lua", minimal_config()));
        REQUIRE(result.ok());
        REQUIRE(result.config->sound.volume == 0.8);
        REQUIRE(result.config->sound.captions == CaptionsMode::WhenSilent);
        REQUIRE(result.config->sound.quiet_hours.empty());
    }
    SECTION("given: read as written, a span may pass midnight") {
        ConfigLoadResult result = load_kiosk_config(folder.write(
            "kiosk.lua",
            minimal_config("  sound = { volume = 0.5, captions = 'always',\n"
                           "    quiet_hours = { { from = '12:00', to = '14:30' },\n"
                           "                    { from = '22:00', to = '07:00' } } },\n")));
        REQUIRE(result.ok());
        const SoundConfig& sound = result.config->sound;
        REQUIRE(sound.volume == 0.5);
        REQUIRE(sound.captions == CaptionsMode::Always);
        REQUIRE(sound.quiet_hours.size() == 2);
        REQUIRE(in_quiet_hours(sound, 12 * 60));
        REQUIRE(in_quiet_hours(sound, 14 * 60 + 29));
        REQUIRE_FALSE(in_quiet_hours(sound, 14 * 60 + 30));
        REQUIRE(in_quiet_hours(sound, 23 * 60));
        REQUIRE(in_quiet_hours(sound, 6 * 60 + 59));
        REQUIRE_FALSE(in_quiet_hours(sound, 7 * 60));
        REQUIRE_FALSE(in_quiet_hours(sound, 9 * 60));
    }
    SECTION("mistakes: each named with its field and what was expected") {
        const std::string path = folder.write(
            "kiosk.lua", "return {\n"
                         "  sound = { volume = 1.5, captions = 'sometimes',\n"
                         "    quiet_hours = { { from = '12:00', to = '25:00' },\n"
                         "                    { from = '9:00', to = '10:00' },\n"
                         "                    { from = '08:00', to = '08:00' } } },\n" +
                             minimal_config().substr(9));
        ConfigLoadResult result = load_kiosk_config(path);
        REQUIRE_FALSE(result.ok());
        REQUIRE(result.errors ==
                std::vector<std::string>{
                    path + ":2: sound.volume: expected a number from 0 to 1, got 1.5",
                    path + ":2: sound.captions: expected \"when_silent\" or \"always\", got "
                           "\"sometimes\"",
                    path + ":3: sound.quiet_hours[1].to: expected a local time \"HH:MM\" from "
                           "\"00:00\" to \"23:59\", got \"25:00\"",
                    path + ":4: sound.quiet_hours[2].from: expected a local time \"HH:MM\" from "
                           "\"00:00\" to \"23:59\", got \"9:00\"",
                    path + ":5: sound.quiet_hours[3].to: must differ from `from` (a span of no "
                           "time, or of the whole day, is most likely a typo)",
                });
    }
}
