// The sound output's end (issue 21's "process start to first frame and
// quit"): closing it quits SDL's audio driver, except when the process is
// about to end (leave_driver_for_exit), where quitting ALSA's driver waited
// up to 100 ms for its hotplug thread on every kiosk stop.
#include "audio/audio_output.h"

#include <SDL.h>
#include <catch2/catch.hpp>

#include <cstdlib>

using namespace kiosk;

TEST_CASE("closing the sound output quits SDL's audio driver unless the process is ending",
          "[audio][output]") {
    ::setenv("SDL_AUDIODRIVER", "dummy", 1);
    REQUIRE(SDL_WasInit(SDL_INIT_AUDIO) == 0);
    {
        AudioOutput output(false);
        CHECK(output.has_device());
        CHECK(SDL_WasInit(SDL_INIT_AUDIO) != 0);
    }
    CHECK(SDL_WasInit(SDL_INIT_AUDIO) == 0);
    {
        AudioOutput output(false);
        output.leave_driver_for_exit();
    }
    CHECK(SDL_WasInit(SDL_INIT_AUDIO) != 0); // left to the exit
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    CHECK(SDL_WasInit(SDL_INIT_AUDIO) == 0);
}
