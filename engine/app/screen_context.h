// The visitor-facing screens: attract, home (exhibit tiles), and the runtime's
// own "back to home" control (the exhibit screen is exhibit_screen.h). Each screen is a
// draw function over a ScreenContext that returns what the visitor asked for;
// the app (kiosk_app.cpp) owns the state machine between them.
#pragma once

#include "content/content_manifest.h"
#include "core/bilingual.h"
#include "core/strings_table.h"
#include "render/images.h"
#include "render/input.h"
#include "render/ui.h"

#include <string_view>
#include <vector>

namespace kiosk {

struct ScreenContext {
    Ui& ui;
    const StringsTable& strings;
    Language language;
    double time_s; // simulated seconds since boot, for animation
    ImageCache& images;
    PointerFeeder& pointer;

    const std::string& text(std::string_view key) const { return strings.get(key, language); }
};

void draw_attract_screen(ScreenContext& context, const Bilingual& venue_name);

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

// The always-visible, finger-sized control every non-home screen gets; true when
// tapped. Exhibits keep the top-left corner it sits in free.
inline const ImVec2 kBackHomeMin{40, 40};
inline const ImVec2 kBackHomeSize{260, 100};
bool draw_back_home_button(ScreenContext& context);
bool in_back_home_button(float x, float y); // logical coordinates

// Draws `image` into the logical rect, cropped to fill it, its `corners`
// rounded against the `backdrop` colour behind it.
void draw_image_cover(Ui& ui, const Image& image, ImVec2 min, ImVec2 max, float rounding,
                      ImU32 backdrop, ImDrawFlags corners = ImDrawFlags_RoundCornersAll);

} // namespace kiosk
