// The shapes of ui_shapes.h, drawn on the Ui's draw list in screen pixels.
#include "render/ui_shapes.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace kiosk {
namespace {

ImVec2 add(ImVec2 a, ImVec2 b) {
    return ImVec2(a.x + b.x, a.y + b.y);
}

} // namespace

void draw_circle(Ui& ui, ImVec2 center, float radius, ImU32 color) {
    ui.draw_list().AddCircleFilled(ui.to_screen(center), ui.px(radius), color, 40);
}

void draw_ring(Ui& ui, ImVec2 center, float radius, ImU32 color, float thickness) {
    ui.draw_list().AddCircle(ui.to_screen(center), ui.px(radius), color, 40, ui.px(thickness));
}

void draw_tick(Ui& ui, ImVec2 center, float size, ImU32 color) {
    ImVec2 points[3] = {ui.to_screen(add(center, ImVec2(-0.45f * size, 0.02f * size))),
                        ui.to_screen(add(center, ImVec2(-0.12f * size, 0.34f * size))),
                        ui.to_screen(add(center, ImVec2(0.46f * size, -0.36f * size)))};
    ui.draw_list().AddPolyline(points, 3, color, ImDrawFlags_None, ui.px(size * 0.16f));
}

void draw_cross(Ui& ui, ImVec2 center, float size, ImU32 color) {
    const float h = size * 0.36f, thickness = ui.px(size * 0.16f);
    ui.draw_list().AddLine(ui.to_screen(add(center, ImVec2(-h, -h))),
                           ui.to_screen(add(center, ImVec2(h, h))), color, thickness);
    ui.draw_list().AddLine(ui.to_screen(add(center, ImVec2(-h, h))),
                           ui.to_screen(add(center, ImVec2(h, -h))), color, thickness);
}

void draw_star(Ui& ui, ImVec2 center, float radius, ImU32 color, bool filled) {
    constexpr float kPi = 3.14159265f;
    ImVec2 points[10];
    for (int i = 0; i < 10; ++i) {
        float angle = -kPi / 2 + float(i) * kPi / 5;
        float r = i % 2 == 0 ? radius : radius * 0.46f;
        points[i] =
            ui.to_screen(ImVec2(center.x + r * std::cos(angle), center.y + r * std::sin(angle)));
    }
    ImDrawList& draw = ui.draw_list();
    if (!filled) {
        draw.AddPolyline(points, 10, color, ImDrawFlags_Closed, ui.px(6));
        return;
    }
    // Flat pieces without anti-aliased edges (their seams would show), then
    // one smooth outline around the whole star.
    const ImDrawListFlags saved = draw.Flags;
    draw.Flags &= ~ImDrawListFlags_AntiAliasedFill;
    const ImVec2 inner[5] = {points[1], points[3], points[5], points[7], points[9]};
    draw.AddConvexPolyFilled(inner, 5, color);
    for (int i = 0; i < 10; i += 2)
        draw.AddTriangleFilled(points[(i + 9) % 10], points[i], points[i + 1], color);
    draw.Flags = saved;
    draw.AddPolyline(points, 10, color, ImDrawFlags_Closed, ui.px(2));
}

void draw_mark(Ui& ui, ImVec2 center, float radius, bool right, ImU32 disc) {
    draw_circle(ui, center, radius, disc);
    if (right)
        draw_tick(ui, center, radius * 1.2f, theme::kRight);
    else
        draw_cross(ui, center, radius * 1.2f, theme::kWrong);
}

void draw_number(Ui& ui, ImVec2 center, float radius, int number, ImU32 disc, ImU32 ink) {
    draw_circle(ui, center, radius, disc);
    const std::string digits = std::to_string(number);
    const float size = radius >= 30 ? 40 : 30;
    ImVec2 extent = ui.measure_sized(size, digits);
    ui.text_sized(size, ImVec2(center.x, center.y - extent.y * 0.52f), ink, digits, Align::Center);
}

void draw_card(Ui& ui, const LogicalRect& card, ImU32 fill, float rounding, float border,
               ImU32 border_color) {
    if (border > 0) {
        ui.rect(card, border_color, rounding);
        ui.rect(card.inset(border), fill, rounding - border);
    } else {
        ui.rect(card, fill, rounding);
    }
}

void draw_image_cover(Ui& ui, const Image& image, ImVec2 min, ImVec2 max, float rounding,
                      ImU32 backdrop, ImDrawFlags corners) {
    float box_aspect = (max.x - min.x) / std::max(1.0f, max.y - min.y);
    float image_aspect = float(image.width) / float(std::max(1, image.height));
    ImVec2 uv0(0, 0), uv1(1, 1);
    if (image_aspect > box_aspect) { // wider than the box: crop the sides
        float keep = box_aspect / image_aspect;
        uv0.x = (1 - keep) * 0.5f;
        uv1.x = 1 - uv0.x;
    } else {
        float keep = image_aspect / box_aspect;
        uv0.y = (1 - keep) * 0.5f;
        uv1.y = 1 - uv0.y;
    }
    // An axis-aligned quad is a fast blit in SDL's software renderer; a rounded
    // textured fan is not, so the corners are painted over instead.
    ui.draw_list().AddImage(image.texture, ui.to_screen(min), ui.to_screen(max), uv0, uv1);
    ui.round_corners(min, max, rounding, backdrop, corners);
}

void draw_image_contained(Ui& ui, const Image& image, const LogicalRect& box, float rounding,
                          ImU32 backdrop) {
    const float aspect = image.height > 0 ? float(image.width) / float(image.height) : 4.0f / 3;
    const LogicalRect fitted = fit_aspect(aspect, box);
    draw_image_cover(ui, image, as_imvec(fitted.min), as_imvec(fitted.max), rounding, backdrop);
}

} // namespace kiosk
