// One soak run, shared by the CTest case and scripts/soak.sh: a real kiosk-hub
// process with the kiosk registered, the visitor script written for the
// kiosk's window size, the headless kiosk process playing it with
// --fast-idle, --resource-log and a sync section pointing at the hub, a final
// sync round, and every check (Catch assertions). Its figures go to
// OUT/soak-report.txt and standard output.
#pragma once

#include <cstdint>
#include <string>

namespace kiosk::soak {

struct SoakSettings {
    int days = 2;
    int sessions_per_day = 3;
    uint64_t seed = 1;
    int width = 640, height = 360; // the kiosk's window (and the quiz probe's)
    std::string out_dir;           // "": a temporary folder, removed afterwards
};

// Reads KIOSK_SOAK_DAYS, KIOSK_SOAK_SESSIONS, KIOSK_SOAK_SEED, KIOSK_SOAK_WIDTH,
// KIOSK_SOAK_HEIGHT and KIOSK_SOAK_OUT over `defaults`.
SoakSettings settings_from_environment(SoakSettings defaults);

void run_soak(const SoakSettings& settings);

} // namespace kiosk::soak
