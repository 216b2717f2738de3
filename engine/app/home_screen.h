// The home screen: the venue's name, a title, the language toggle and the grid
// of exhibit and quiz tiles, scrolled by dragging a finger. It reports what the
// visitor tapped; the app opens it.
#pragma once

#include "content/content_manifest.h"
#include "core/bilingual.h"
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
};

HomeAction draw_home_screen(ScreenContext& context, HomeState& state,
                            const std::vector<ContentManifest>& exhibits,
                            const Bilingual& venue_name,
                            const std::vector<std::string>& unreviewed_ids = {});

} // namespace kiosk
