// The soak test (issue 7): a headless kiosk process plays a seeded script of
// simulated visitor days on the fixed time step and syncs to a real kiosk-hub
// process (soak_run.h says what is checked). CTest runs two simulated days
// with a few visitors; the week is hidden here and run by scripts/soak.sh.
#include "soak_run.h"

#include <catch2/catch.hpp>

using namespace kiosk::soak;

TEST_CASE("soak: two simulated days of visitors, synced to a hub, count exactly and leak nothing",
          "[soak]") {
    SoakSettings settings;
    settings.days = 2;
    settings.sessions_per_day = 3;
    settings.seed = 7;
    run_soak(settings);
}

// scripts/soak.sh [--days N] runs this one with KIOSK_SOAK_* set.
TEST_CASE("soak: the long version (KIOSK_SOAK_DAYS, default a week)", "[.soak-long]") {
    SoakSettings defaults;
    defaults.days = 7;
    defaults.sessions_per_day = 24;
    run_soak(settings_from_environment(defaults));
}
