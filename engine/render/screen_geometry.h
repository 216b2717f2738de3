// The logical screen every kiosk screen is laid out on, as pure geometry (no
// ImGui, no SDL, so layouts are unit-testable): 1920x1080 logical px, the
// smallest finger target, points and rects on it, and the letterbox that fits it
// onto a real display of any size or orientation (scaled evenly, centred, bars
// on the sides that are too long).
#pragma once

#include <algorithm>

namespace kiosk {

constexpr float kLogicalWidth = 1920;
constexpr float kLogicalHeight = 1080;
constexpr float kMinTouchTarget = 64; // logical px: the smallest finger target

struct LogicalPoint {
    float x = 0, y = 0;
};

// A rectangle in logical coordinates, `min` its top left corner.
struct LogicalRect {
    LogicalPoint min, max;

    float width() const { return max.x - min.x; }
    float height() const { return max.y - min.y; }
    LogicalPoint center() const { return {(min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f}; }
    // `min` moved right and down by `by`, `max` left and up (negative: grown).
    LogicalRect inset(float by) const {
        return {{min.x + by, min.y + by}, {max.x - by, max.y - by}};
    }
    bool contains(const LogicalRect& other) const {
        return other.min.x >= min.x && other.min.y >= min.y && other.max.x <= max.x &&
               other.max.y <= max.y;
    }
    // True when the two share more than an edge.
    bool overlaps(const LogicalRect& other) const {
        return min.x < other.max.x && other.min.x < max.x && min.y < other.max.y &&
               other.min.y < max.y;
    }
};

// The rect `width` x `height` at `min`.
constexpr LogicalRect rect_at(LogicalPoint min, float width, float height) {
    return {min, {min.x + width, min.y + height}};
}

// The largest rect of `aspect` (width / height) inside `box`, centred in it.
inline LogicalRect fit_aspect(float aspect, const LogicalRect& box) {
    float w = box.width(), h = box.height();
    if (w / std::max(1.0f, h) > aspect)
        w = h * aspect;
    else
        h = w / aspect;
    const LogicalPoint c = box.center();
    return {{c.x - w / 2, c.y - h / 2}, {c.x + w / 2, c.y + h / 2}};
}

// The logical screen on a display `width` x `height` pixels: scaled evenly to
// fit, centred.
struct Letterbox {
    float scale = 1;
    LogicalPoint offset; // screen pixels

    static Letterbox fit(float width, float height) {
        Letterbox box;
        box.scale = std::min(width / kLogicalWidth, height / kLogicalHeight);
        box.offset = {(width - kLogicalWidth * box.scale) * 0.5f,
                      (height - kLogicalHeight * box.scale) * 0.5f};
        return box;
    }
    LogicalPoint to_screen(LogicalPoint logical) const {
        return {offset.x + logical.x * scale, offset.y + logical.y * scale};
    }
    LogicalPoint to_logical(LogicalPoint screen) const {
        return {(screen.x - offset.x) / scale, (screen.y - offset.y) / scale};
    }
};

} // namespace kiosk
