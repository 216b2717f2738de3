// Shapes for screens to draw with, on the logical screen through a Ui: discs,
// rings, ticks, crosses, stars, round badges (a tick or a cross, a number),
// cards (optionally bordered) and pictures (cropped to fill a rect, or shown
// whole inside one). Everything is in logical px; colours come from
// render/theme.h. The widgets (buttons, sliders, ...) and plain rects are Ui's.
#pragma once

#include "render/images.h"
#include "render/ui.h"

namespace kiosk {

void draw_circle(Ui& ui, ImVec2 center, float radius, ImU32 color);
void draw_ring(Ui& ui, ImVec2 center, float radius, ImU32 color, float thickness);
// A tick or a cross about `size` wide, its strokes size * 0.16 thick.
void draw_tick(Ui& ui, ImVec2 center, float size, ImU32 color);
void draw_cross(Ui& ui, ImVec2 center, float size, ImU32 color);
// A five-pointed star, its points `radius` from the centre; outlined unless `filled`.
void draw_star(Ui& ui, ImVec2 center, float radius, ImU32 color, bool filled);

// A round badge on a `disc`: a tick in theme::kRight (`right`) or a cross in
// theme::kWrong.
void draw_mark(Ui& ui, ImVec2 center, float radius, bool right, ImU32 disc = theme::kCard);
// A disc with `number` centred on it in `ink`.
void draw_number(Ui& ui, ImVec2 center, float radius, int number, ImU32 disc, ImU32 ink);

// A rounded card, with a `border` px wide in `border_color` when border > 0.
void draw_card(Ui& ui, const LogicalRect& card, ImU32 fill, float rounding, float border = 0,
               ImU32 border_color = 0);

// Draws `image` into the logical rect, cropped to fill it, its `corners`
// rounded against the `backdrop` colour behind it.
void draw_image_cover(Ui& ui, const Image& image, ImVec2 min, ImVec2 max, float rounding,
                      ImU32 backdrop, ImDrawFlags corners = ImDrawFlags_RoundCornersAll);
// Draws the whole of `image` as large as fits inside `box`, centred (4:3 when
// its size is unknown), its corners rounded against `backdrop`.
void draw_image_contained(Ui& ui, const Image& image, const LogicalRect& box, float rounding,
                          ImU32 backdrop);

} // namespace kiosk
