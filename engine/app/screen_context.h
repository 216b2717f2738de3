// What every visitor-facing screen draws with (ScreenContext: the Ui, the
// strings, the language, the clock, the image cache, the pointer) and the
// runtime's own "back to home" control (drawn by exhibit_screen.cpp). The
// screens themselves are the *_screen.h files; each is drawn over a
// ScreenContext and returns what the visitor asked for, and the app
// (kiosk_app.cpp) owns the state machine between them.
#pragma once

#include "core/strings_table.h"
#include "render/images.h"
#include "render/input.h"
#include "render/ui.h"

#include <string>
#include <string_view>

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

// The always-visible, finger-sized control every non-home screen gets; true when
// tapped. Exhibits keep the top-left corner it sits in free.
inline const ImVec2 kBackHomeMin{40, 40};
inline const ImVec2 kBackHomeSize{260, 100};
bool draw_back_home_button(ScreenContext& context);
bool in_back_home_button(float x, float y); // logical coordinates

} // namespace kiosk
