// The exhibit's drawing surface, free of Lua: a logical 1920x1080 space with a
// transform stack, a current colour and line width, drawing shapes, text and
// images through the kiosk's Ui (so the letterboxing is the same as the
// runtime's own screens). Arguments are assumed checked by the binding layer
// (api_graphics.cpp): finite and within range.
#pragma once

#include "render/images.h"
#include "render/ui.h"

#include <imgui.h>

#include <optional>
#include <string_view>
#include <vector>

namespace kiosk {

// x' = a*x + c*y + tx, y' = b*x + d*y + ty
struct Affine {
    float a = 1, b = 0, c = 0, d = 1, tx = 0, ty = 0;
    ImVec2 apply(ImVec2 p) const { return ImVec2(a * p.x + c * p.y + tx, b * p.x + d * p.y + ty); }
    Affine then(const Affine& inner) const; // this * inner: inner applies first
    bool axis_aligned() const { return b == 0 && c == 0; }
    float uniform_scale() const;
};

constexpr int kMaxTransformDepth = 32;
constexpr int kMaxClipDepth = 32;
constexpr int kMaxDashes = 4096;
constexpr int kMaxPathPoints = 4096;

class Canvas {
public:
    explicit Canvas(Ui& ui) : ui_(ui) {}
    // Resets the transform, colour (white) and line width (2) for a new frame.
    void begin_frame();
    // Undoes the clip rectangles the exhibit left set (also after an error).
    void end_frame();

    void set_color(ImU32 color) { color_ = color; }
    ImU32 color() const { return color_; }
    void set_line_width(float width) { line_width_ = width; }
    // The first thing drawn in a frame: becomes the frame's clear colour (the
    // renderer's fast clear, which also paints any letterbox bars); later, a
    // rectangle over the logical screen.
    void clear(ImU32 color);
    std::optional<ImU32> frame_clear_color() const { return frame_clear_; }
    void rect(bool fill, float x, float y, float w, float h, float radius);
    void ellipse(bool fill, float x, float y, float rx, float ry);
    void line(float x1, float y1, float x2, float y2);
    // Part of the circle around (x, y) from angle `from` to `to` (radians,
    // clockwise from +x, as kiosk.rotate turns): a pie slice when filled.
    void arc(bool fill, float x, float y, float r, float from, float to);
    // `count` dashes of `dash` with `gap` between them from (x1, y1) towards (x2, y2).
    void dashed_line(float x1, float y1, float x2, float y2, float dash, float gap, int count);
    // `xy` holds `count` points as x, y pairs.
    void polyline(const float* xy, int count);
    void polygon(bool fill, const float* xy, int count);
    // With `background` (alpha > 0), a box `padding` px larger than the text
    // is filled first, following the text's position and scale.
    ImVec2 text(std::string_view utf8, float x, float y, float size, Align align, float wrap,
                ImU32 background = 0, float padding = 0);
    ImVec2 measure(std::string_view utf8, float size, float wrap);
    // Draws `image` at `w`x`h`, its origin (`ox`,`oy` as fractions of the size)
    // at (`x`,`y`), turned by `rotation` around that origin, multiplied by `tint`.
    // `uv_min`..`uv_max` is the part of the picture drawn (fractions of its size).
    void image(const Image& image, float x, float y, float w, float h, float rotation, float ox,
               float oy, ImU32 tint, ImVec2 uv_min = ImVec2(0, 0), ImVec2 uv_max = ImVec2(1, 1));

    bool push();
    bool pop();
    void translate(float dx, float dy);
    void rotate(float radians);
    void scale(float sx, float sy);

    // Clipping: what follows is drawn (and tapped) only inside the rectangle,
    // given in the current transform (its bounding box when turned) and within
    // any clip set before. unclip() goes back to the clip before.
    bool clip(float x, float y, float w, float h);
    bool unclip();

private:
    ImVec2 to_screen(ImVec2 logical) const { return ui_.to_screen(transform_.apply(logical)); }
    float screen_scale() const { return ui_.scale() * transform_.uniform_scale(); }
    int segments_for(float screen_radius) const;
    void stroke_or_fill(bool fill, bool closed);
    void add_arc(ImVec2 centre, float rx, float ry, float from, float to, int segments);
    // The atlas's disc (uv0..uv1) on the quad centre +- along_x +- along_y, an
    // upright one cut to the clip rectangle.
    void add_disc_quad(ImVec2 centre, ImVec2 along_x, ImVec2 along_y, ImVec2 uv0, ImVec2 uv1);

    Ui& ui_;
    Affine transform_;
    std::vector<Affine> stack_;
    ImU32 color_ = IM_COL32_WHITE;
    float line_width_ = 2;
    std::vector<ImVec2> path_; // screen points of the shape being built
    std::optional<ImU32> frame_clear_;
    int vertices_at_begin_ = 0; // the draw list's size when the frame began
    int clip_depth_ = 0;        // clip rectangles pushed on ImGui's stack this frame
};

} // namespace kiosk
