// What the visitor at the screen chose for themselves on the home screen:
// large text and sound (narration and effects) on or off. It belongs to the
// anonymous visitor session: the app resets it to the venue's defaults when a
// session ends, so the next visitor starts from the defaults. Nothing here is
// recorded per visitor (the statistics may count how often a choice was made,
// never who made it). Read by the screens (text scale), the exhibit host
// (kiosk.text scale, captions) and the audio output (sound on/off).
#pragma once

namespace kiosk {

struct VisitorPreferences {
    bool large_text = false; // every runtime text and kiosk.text scaled by kLargeTextScale
    bool sound_on = true;    // off: no sound at all; narration shows its captions instead
};

// How much larger "large text" is. Layouts must still fit 1920x1080 with it.
inline constexpr float kLargeTextScale = 1.25f;

} // namespace kiosk
