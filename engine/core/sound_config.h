// The kiosk config's `sound` section (read by kiosk_config.cpp):
//
//   sound = {                          -- absent: the defaults below
//     volume = 0.8,                    -- master volume, 0..1 (0: silent, captions still
//                                      --   follow the venue's choice below)
//     captions = "when_silent",        -- "when_silent": narration captions show when the
//                                      --   visitor turned sound off, in quiet hours, or with
//                                      --   no audio device; "always": they always show
//     quiet_hours = {                  -- 0..8 daily spans of local time ("HH:MM", 24 h) when
//       { from = "12:00", to = "14:00" }, -- nothing is played and captions show; a span may
//     },                               --   pass midnight ("22:00" to "07:00")
//   },
#pragma once

#include <vector>

namespace kiosk {

class DataReader;

enum class CaptionsMode { WhenSilent, Always };

struct QuietHours {
    int from_min = 0; // minutes after local midnight, 0..1439
    int to_min = 0;   // exclusive; before from_min when the span passes midnight
};

struct SoundConfig {
    double volume = 0.8;
    CaptionsMode captions = CaptionsMode::WhenSilent;
    std::vector<QuietHours> quiet_hours;
};

// Reads `sound` from the config's root table (errors name the field).
void read_sound_config(DataReader& root, SoundConfig& sound);

// Whether `minute_of_day` (local, 0..1439) is inside one of the quiet hours.
bool in_quiet_hours(const SoundConfig& sound, int minute_of_day);

} // namespace kiosk
