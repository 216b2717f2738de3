// Canvas implementation: shapes become screen-space paths filled or stroked by
// the ImGui draw list; axis-aligned filled rectangles take Ui::rect's fast path
// (software rendering pays for every triangle's bounding box). Clip rectangles
// go on ImGui's clip stack, so they cut drawing and the widgets' touch areas.
#include "canvas_internal.h"

#define IMGUI_DEFINE_MATH_OPERATORS // ImVec2 arithmetic, from imgui_internal.h
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

namespace kiosk {

Affine Affine::then(const Affine& inner) const {
    Affine out;
    out.a = a * inner.a + c * inner.b;
    out.b = b * inner.a + d * inner.b;
    out.c = a * inner.c + c * inner.d;
    out.d = b * inner.c + d * inner.d;
    out.tx = a * inner.tx + c * inner.ty + tx;
    out.ty = b * inner.tx + d * inner.ty + ty;
    return out;
}

float Affine::uniform_scale() const {
    return std::sqrt(std::fabs(a * d - b * c));
}

void Canvas::begin_frame() {
    frame_clear_.reset();
    vertices_at_begin_ = ui_.draw_list().VtxBuffer.Size;
    transform_ = Affine{};
    stack_.clear();
    color_ = IM_COL32_WHITE;
    line_width_ = 2;
    clip_depth_ = 0;
}

void Canvas::end_frame() {
    while (unclip()) {
    }
}

int Canvas::segments_for(float screen_radius) const {
    // Enough segments that the polygon strays at most about half a pixel from the curve.
    if (screen_radius <= 1) return 6;
    float step = std::acos(std::max(-1.0f, 1 - 0.5f / screen_radius)) * 2;
    return std::clamp(int(std::ceil(2 * IM_PI / step)), 8, 128);
}

void Canvas::stroke_or_fill(bool fill, bool closed) {
    ImDrawList& draw = ui_.draw_list();
    if (path_.size() >= 3 && fill)
        draw.AddConvexPolyFilled(path_.data(), int(path_.size()), color_);
    else if (path_.size() >= 2 && !fill)
        draw.AddPolyline(path_.data(), int(path_.size()), color_,
                         closed ? ImDrawFlags_Closed : ImDrawFlags_None,
                         std::max(0.5f, line_width_ * screen_scale()));
    path_.clear();
}

void Canvas::clear(ImU32 color) {
    if (clip_depth_ == 0 && ui_.draw_list().VtxBuffer.Size == vertices_at_begin_ &&
        (color >> IM_COL32_A_SHIFT) == 0xFF) {
        frame_clear_ = color;
        return;
    }
    ui_.draw_list().AddRectFilled(ui_.to_screen(ImVec2(0, 0)),
                                  ui_.to_screen(ImVec2(kLogicalWidth, kLogicalHeight)), color);
}

void Canvas::add_arc(ImVec2 centre, float rx, float ry, float from, float to, int segments) {
    for (int i = 0; i <= segments; ++i) {
        float angle = from + (to - from) * float(i) / float(segments);
        path_.push_back(
            to_screen(ImVec2(centre.x + std::cos(angle) * rx, centre.y + std::sin(angle) * ry)));
    }
}

void Canvas::rect(bool fill, float x, float y, float w, float h, float radius) {
    if (w < 0) {
        x += w;
        w = -w;
    }
    if (h < 0) {
        y += h;
        h = -h;
    }
    radius = std::clamp(radius, 0.0f, std::min(w, h) / 2);
    if (fill && transform_.axis_aligned()) {
        ImVec2 p = transform_.apply(ImVec2(x, y)), q = transform_.apply(ImVec2(x + w, y + h));
        ImVec2 min(std::min(p.x, q.x), std::min(p.y, q.y)),
            max(std::max(p.x, q.x), std::max(p.y, q.y));
        ui_.rect(min, max, color_, radius * transform_.uniform_scale());
        return;
    }
    if (radius <= 0) {
        for (ImVec2 corner :
             {ImVec2(x, y), ImVec2(x + w, y), ImVec2(x + w, y + h), ImVec2(x, y + h)})
            path_.push_back(to_screen(corner));
    } else {
        int quarter = std::max(2, segments_for(radius * screen_scale()) / 4);
        add_arc(ImVec2(x + radius, y + radius), radius, radius, IM_PI, IM_PI * 1.5f, quarter);
        add_arc(ImVec2(x + w - radius, y + radius), radius, radius, IM_PI * 1.5f, IM_PI * 2,
                quarter);
        add_arc(ImVec2(x + w - radius, y + h - radius), radius, radius, 0, IM_PI * 0.5f, quarter);
        add_arc(ImVec2(x + radius, y + h - radius), radius, radius, IM_PI * 0.5f, IM_PI, quarter);
    }
    stroke_or_fill(fill, true);
}

void Canvas::ellipse(bool fill, float x, float y, float rx, float ry) {
    rx = std::fabs(rx);
    ry = std::fabs(ry);
    const FontLibrary& fonts = ui_.fonts();
    if (fill && fonts.disc_uv_max().x > 0) {
        // Small filled ellipses are the atlas's disc on one quad: under any
        // transform the quad's corners carry the disc to the right ellipse.
        ImVec2 centre = to_screen(ImVec2(x, y));
        ImVec2 along_x = to_screen(ImVec2(x + rx, y)) - centre;
        ImVec2 along_y = to_screen(ImVec2(x, y + ry)) - centre;
        float largest = std::max(ImLengthSqr(along_x), ImLengthSqr(along_y));
        const float texels = FontLibrary::kDiscTexels / 2.0f;
        if (largest <= texels * texels) {
            // The disc has a clear one-texel border: grow the quad to match.
            const float grow = texels / (texels - 1);
            along_x = along_x * grow;
            along_y = along_y * grow;
            add_disc_quad(centre, along_x, along_y, fonts.disc_uv_min(), fonts.disc_uv_max());
            return;
        }
    }
    int segments = segments_for(std::max(rx, ry) * screen_scale());
    for (int i = 0; i < segments; ++i) {
        float angle = 2 * IM_PI * float(i) / float(segments);
        path_.push_back(to_screen(ImVec2(x + std::cos(angle) * rx, y + std::sin(angle) * ry)));
    }
    stroke_or_fill(fill, true);
}

void Canvas::add_disc_quad(ImVec2 centre, ImVec2 along_x, ImVec2 along_y, ImVec2 uv0, ImVec2 uv1) {
    // The quad is centre + s * along_x + t * along_y for s, t in [-1, 1]. Mesa's
    // llvmpipe (the renderer of a kiosk without a GPU) runs a whole batch
    // through its slow clipping path once one vertex lies off the screen, so an
    // upright quad is cut to the clip rectangle widened to whole pixels: the
    // scissor hides the part cut off anyway. About 0.5 ms a frame with 500
    // bouncing discs at 1280x720 (issue 21).
    float s0 = -1, s1 = 1, t0 = -1, t1 = 1;
    ImDrawList& draw = ui_.draw_list();
    if (along_x.y == 0 && along_y.x == 0 && along_x.x != 0 && along_y.y != 0) {
        const ImVec2 clip_min = ImFloor(draw.GetClipRectMin());
        const ImVec2 clip_max(std::ceil(draw.GetClipRectMax().x),
                              std::ceil(draw.GetClipRectMax().y));
        const auto narrow = [](float& lo, float& hi, float middle, float along, float min,
                               float max) {
            float a = (min - middle) / along, b = (max - middle) / along;
            if (a > b) std::swap(a, b);
            lo = std::max(lo, a);
            hi = std::min(hi, b);
        };
        narrow(s0, s1, centre.x, along_x.x, clip_min.x, clip_max.x);
        narrow(t0, t1, centre.y, along_y.y, clip_min.y, clip_max.y);
        if (s0 >= s1 || t0 >= t1) return; // wholly outside: nothing to draw
    }
    // Uncut corners keep the exact positions and coordinates of the whole quad.
    const auto at = [&](float s, float t) {
        const ImVec2 x = s == -1  ? centre - along_x
                         : s == 1 ? centre + along_x
                                  : centre + along_x * s;
        return t == -1 ? x - along_y : t == 1 ? x + along_y : x + along_y * t;
    };
    const auto uv = [&](float s, float t) {
        const auto lerp = [](float from, float to, float f) {
            return f == -1 ? from : f == 1 ? to : from + (to - from) * (f + 1) / 2;
        };
        return ImVec2(lerp(uv0.x, uv1.x, s), lerp(uv0.y, uv1.y, t));
    };
    draw.PrimReserve(6, 4);
    draw.PrimQuadUV(at(s0, t0), at(s1, t0), at(s1, t1), at(s0, t1), uv(s0, t0), uv(s1, t0),
                    uv(s1, t1), uv(s0, t1), color_);
}

void Canvas::line(float x1, float y1, float x2, float y2) {
    // Level and upright lines are plain rectangles: crisp, and no seam where the
    // software rasterizer splits a thin quad into two triangles.
    ImVec2 a = to_screen(ImVec2(x1, y1)), b = to_screen(ImVec2(x2, y2));
    float half = std::max(0.5f, line_width_ * screen_scale()) / 2;
    if (std::fabs(a.y - b.y) < 0.01f || std::fabs(a.x - b.x) < 0.01f) {
        ImVec2 min(std::min(a.x, b.x) - half, std::min(a.y, b.y) - half);
        ImVec2 max(std::max(a.x, b.x) + half, std::max(a.y, b.y) + half);
        if (std::fabs(a.y - b.y) < 0.01f)
            min.x += half, max.x -= half;
        else
            min.y += half, max.y -= half;
        ui_.draw_list().AddRectFilled(min, max, color_);
        return;
    }
    path_.push_back(to_screen(ImVec2(x1, y1)));
    path_.push_back(to_screen(ImVec2(x2, y2)));
    stroke_or_fill(false, false);
}

void Canvas::arc(bool fill, float x, float y, float r, float from, float to) {
    to = from + std::clamp(to - from, -2 * IM_PI, 2 * IM_PI);
    const float sweep = std::fabs(to - from);
    const int segments =
        std::max(2, int(std::ceil(float(segments_for(r * screen_scale())) * sweep / (2 * IM_PI))));
    if (!fill) {
        add_arc(ImVec2(x, y), r, r, from, to, segments);
        stroke_or_fill(false, false);
        return;
    }
    // A convex fill takes at most half a turn: a larger slice is two halves.
    const int pieces = sweep > IM_PI ? 2 : 1;
    for (int piece = 0; piece < pieces; ++piece) {
        const float a = from + (to - from) * float(piece) / float(pieces);
        const float b = from + (to - from) * float(piece + 1) / float(pieces);
        path_.push_back(to_screen(ImVec2(x, y)));
        add_arc(ImVec2(x, y), r, r, a, b, std::max(2, segments / pieces));
        stroke_or_fill(true, true);
    }
}

void Canvas::dashed_line(float x1, float y1, float x2, float y2, float dash, float gap, int count) {
    const float dx = x2 - x1, dy = y2 - y1;
    const float length = std::sqrt(dx * dx + dy * dy);
    if (length <= 0) return;
    const float ux = dx / length, uy = dy / length;
    for (int i = 0; i < count; ++i) {
        const float start = float(i) * (dash + gap);
        const float end = std::min(start + dash, length);
        if (start >= length) break;
        line(x1 + ux * start, y1 + uy * start, x1 + ux * end, y1 + uy * end);
    }
}

void Canvas::polyline(const float* xy, int count) {
    for (int i = 0; i < count; ++i)
        path_.push_back(to_screen(ImVec2(xy[2 * i], xy[2 * i + 1])));
    stroke_or_fill(false, false);
}

void Canvas::polygon(bool fill, const float* xy, int count) {
    for (int i = 0; i < count; ++i)
        path_.push_back(to_screen(ImVec2(xy[2 * i], xy[2 * i + 1])));
    stroke_or_fill(fill, true);
}

ImVec2 Canvas::measure(std::string_view utf8, float size, float wrap) {
    return ui_.measure_sized(size, utf8, wrap);
}

ImVec2 Canvas::text(std::string_view utf8, float x, float y, float size, Align align, float wrap,
                    ImU32 background, float padding) {
    // Text follows the transform's position and scale; it is never rotated,
    // and neither is its box.
    float scale = transform_.uniform_scale();
    ImVec2 at = transform_.apply(ImVec2(x, y));
    if ((background >> IM_COL32_A_SHIFT) != 0) {
        const ImVec2 size_drawn = ui_.measure_sized(size * scale, utf8, wrap * scale);
        const float left = align == Align::Center  ? at.x - size_drawn.x / 2
                           : align == Align::Right ? at.x - size_drawn.x
                                                   : at.x;
        const float pad = padding * scale;
        ui_.rect(ImVec2(left - pad, at.y - pad),
                 ImVec2(left + size_drawn.x + pad, at.y + size_drawn.y + pad), background);
    }
    ImVec2 drawn = ui_.text_sized(size * scale, at, color_, utf8, align, wrap * scale);
    return scale > 0 ? ImVec2(drawn.x / scale, drawn.y / scale) : ImVec2(0, 0);
}

void Canvas::image(const Image& image, float x, float y, float w, float h, float rotation, float ox,
                   float oy, ImU32 tint, ImVec2 uv_min, ImVec2 uv_max) {
    if (!image.texture) return;
    const float cos_r = std::cos(rotation), sin_r = std::sin(rotation);
    ImVec2 corners[4];
    const ImVec2 local[4] = {{-ox * w, -oy * h},
                             {(1 - ox) * w, -oy * h},
                             {(1 - ox) * w, (1 - oy) * h},
                             {-ox * w, (1 - oy) * h}};
    for (int i = 0; i < 4; ++i) {
        ImVec2 turned(local[i].x * cos_r - local[i].y * sin_r,
                      local[i].x * sin_r + local[i].y * cos_r);
        corners[i] = to_screen(ImVec2(x + turned.x, y + turned.y));
    }
    ui_.draw_list().AddImageQuad(ImTextureID(image.texture), corners[0], corners[1], corners[2],
                                 corners[3], uv_min, ImVec2(uv_max.x, uv_min.y), uv_max,
                                 ImVec2(uv_min.x, uv_max.y), tint);
}

bool Canvas::push() {
    if (int(stack_.size()) >= kMaxTransformDepth) return false;
    stack_.push_back(transform_);
    return true;
}

bool Canvas::pop() {
    if (stack_.empty()) return false;
    transform_ = stack_.back();
    stack_.pop_back();
    return true;
}

void Canvas::translate(float dx, float dy) {
    transform_ = transform_.then(Affine{1, 0, 0, 1, dx, dy});
}

void Canvas::rotate(float radians) {
    float c = std::cos(radians), s = std::sin(radians);
    transform_ = transform_.then(Affine{c, s, -s, c, 0, 0});
}

void Canvas::scale(float sx, float sy) {
    transform_ = transform_.then(Affine{sx, 0, 0, sy, 0, 0});
}

bool Canvas::clip(float x, float y, float w, float h) {
    if (clip_depth_ >= kMaxClipDepth) return false;
    ImVec2 min(FLT_MAX, FLT_MAX), max(-FLT_MAX, -FLT_MAX);
    for (ImVec2 corner : {ImVec2(x, y), ImVec2(x + w, y), ImVec2(x + w, y + h), ImVec2(x, y + h)}) {
        ImVec2 screen = to_screen(corner);
        min = ImMin(min, screen);
        max = ImMax(max, screen);
    }
    ImGui::PushClipRect(min, max, true); // within the clip before (and the window's)
    ++clip_depth_;
    return true;
}

bool Canvas::unclip() {
    if (clip_depth_ == 0) return false;
    ImGui::PopClipRect();
    --clip_depth_;
    return true;
}

} // namespace kiosk
