// The attract screen: what an idle kiosk shows to draw visitors in (an animated
// atom, the invitation in both languages, the venue's name). It asks nothing of
// the visitor: the app leaves it on the first touch.
#pragma once

#include "core/bilingual.h"
#include "screen_context.h"

namespace kiosk {

void draw_attract_screen(ScreenContext& context, const Bilingual& venue_name);

} // namespace kiosk
