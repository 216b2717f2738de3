// The home screen: the venue's name, a title, the visitor's switches (large
// text, sound), the language toggle and the grid of exhibit and quiz tiles,
// scrolled by dragging a finger. It reports what the visitor tapped; the app
// opens it or changes the choice.
#pragma once

#include "content/content_manifest.h"
#include "core/bilingual.h"
#include "core/visitor_preferences.h"
#include "screen_context.h"

#include <string>
#include <vector>

namespace kiosk {

struct HomeState {
    float scroll_y = 0; // logical px the tile grid is scrolled by
};

struct HomeAction {
    int open_exhibit = -1; // index into the exhibit list, or -1
    bool toggle_language = false;
    bool toggle_large_text = false;
    bool toggle_sound = false;
};

// Where the visitor's switches sit (logical px, the switch itself, 140 x 80):
// fixed, so a switch does not move when the text grows or the language changes.
inline const ImVec2 kLargeTextSwitchMin{860, 70};
inline const ImVec2 kSoundSwitchMin{1210, 70};

// The size a tile shows its thumbnail at on `ui`'s screen, in pixels: what
// the tile asks the picture cache for, and what a prefetch must decode for.
ShownSize home_thumbnail_size(const Ui& ui);

// The home tiles' thumbnails that `ui`'s screen shows first (the top rows),
// for ImageCache::prefetch while the kiosk starts.
std::vector<ImageCache::Prefetched>
home_first_thumbnails(const Ui& ui, const std::vector<ContentManifest>& exhibits);

HomeAction draw_home_screen(ScreenContext& context, HomeState& state,
                            const std::vector<ContentManifest>& exhibits,
                            const Bilingual& venue_name, const VisitorPreferences& preferences,
                            const std::vector<std::string>& unreviewed_ids = {});

} // namespace kiosk
