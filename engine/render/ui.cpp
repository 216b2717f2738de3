// Ui implementation: letterbox maths, text with wrapping, touch widgets.
#include "render/ui.h"

#include <imgui_internal.h>

#include "core/utf8_text.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

namespace kiosk {

void Ui::set_screen(int width, int height) {
    screen_ = ImVec2(float(width), float(height));
    letterbox_ = Letterbox::fit(screen_.x, screen_.y);
}

ImVec2 Ui::to_screen(ImVec2 logical) const {
    return as_imvec(letterbox_.to_screen({logical.x, logical.y}));
}

ImVec2 Ui::to_logical(ImVec2 screen) const {
    return as_imvec(letterbox_.to_logical({screen.x, screen.y}));
}

void Ui::begin_screen(const char* id) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(screen_);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar(2);
}

void Ui::end_screen() {
    ImGui::End();
}

namespace {

bool is_wide(uint32_t c) {
    return c >= 0x2E80; // CJK and full-width forms: a line may break between any two
}

// Never at the start of a line (closing punctuation) ...
bool no_line_start(uint32_t c) {
    static constexpr std::u32string_view kClosing = U"，。！？、；：）」』》〉】〕”’…·,.!?;:)]}%";
    return kClosing.find(char32_t(c)) != std::u32string_view::npos;
}

// ... and never at the end of one (opening punctuation).
bool no_line_end(uint32_t c) {
    static constexpr std::u32string_view kOpening = U"（「『《〈【〔“‘([{";
    return kOpening.find(char32_t(c)) != std::u32string_view::npos;
}

} // namespace

std::vector<std::string_view> wrap_text_lines(const ImFont& font, float pixel_size,
                                              std::string_view utf8, float width) {
    std::vector<std::string_view> lines;
    const float scale = pixel_size / font.FontSize;
    size_t line_start = 0, break_at = std::string_view::npos;
    float line_width = 0, width_at_break = 0;
    uint32_t previous = 0;
    const auto emit = [&](size_t end) {
        std::string_view line = utf8.substr(line_start, end - line_start);
        while (!line.empty() && line.back() == ' ')
            line.remove_suffix(1);
        lines.push_back(line);
    };
    for (size_t pos = 0; pos < utf8.size();) {
        const size_t at = pos;
        const uint32_t c = decode_utf8(utf8, pos);
        if (c == '\n') {
            emit(at);
            line_start = pos;
            line_width = 0;
            break_at = std::string_view::npos;
            previous = 0;
            continue;
        }
        const bool can_break =
            at > line_start && (previous == ' ' || ((is_wide(c) || is_wide(previous)) && c != ' ' &&
                                                    !no_line_start(c) && !no_line_end(previous)));
        if (can_break) {
            break_at = at;
            width_at_break = line_width;
        }
        const float advance = font.GetCharAdvance(ImWchar(c <= 0xFFFF ? c : 0xFFFD)) * scale;
        if (width > 0 && line_width + advance > width && at > line_start && c != ' ') {
            if (break_at != std::string_view::npos && break_at > line_start) {
                emit(break_at);
                line_start = break_at;
                line_width -= width_at_break;
            } else { // one word wider than the line: cut it here
                emit(at);
                line_start = at;
                line_width = 0;
            }
            while (line_start < at && utf8[line_start] == ' ') { // no leading spaces
                line_width -= font.GetCharAdvance(' ') * scale;
                ++line_start;
            }
            break_at = std::string_view::npos;
        }
        line_width += advance;
        previous = c;
    }
    emit(utf8.size());
    return lines;
}

// The pixel size text of logical size `size` is rasterized and drawn at:
// whole pixels, so glyphs land on texels, within the glyph cache's sizes.
float Ui::text_pixels(float size) const {
    return std::clamp(std::round(px(size)), float(GlyphAtlas::kSmallestSize),
                      float(GlyphAtlas::kLargestSize));
}

ImVec2 Ui::layout_text(float size, std::string_view utf8, float wrap_width,
                       std::vector<std::string_view>* lines, ImFont** used) {
    const float pixel_size = text_pixels(size);
    ImFont* font = fonts_.prepare(pixel_size, utf8); // every glyph in place before ImGui looks
    if (used) *used = font;
    if (!font) return ImVec2(0, 0);
    std::vector<std::string_view> wrapped =
        wrap_text_lines(*font, pixel_size, utf8, wrap_width > 0 ? px(wrap_width) : 0);
    float widest = 0;
    for (std::string_view line : wrapped)
        widest = std::max(
            widest,
            font->CalcTextSizeA(pixel_size, FLT_MAX, 0, line.data(), line.data() + line.size()).x);
    const float height = pixel_size * float(wrapped.size());
    if (lines) *lines = std::move(wrapped);
    return ImVec2(widest / scale(), height / scale());
}

ImVec2 Ui::draw_text(float size, ImVec2 at, ImU32 color, std::string_view utf8, Align align,
                     float wrap_width) {
    std::vector<std::string_view> lines;
    ImFont* font = nullptr;
    ImVec2 drawn = layout_text(size, utf8, wrap_width, &lines, &font);
    if (!font) return drawn;
    const float pixel_size = text_pixels(size);
    if (drawn_text_) {
        const float left = align == Align::Center  ? at.x - drawn.x * 0.5f
                           : align == Align::Right ? at.x - drawn.x
                                                   : at.x;
        const ImVec2 clip_min = to_logical(draw_list().GetClipRectMin());
        const ImVec2 clip_max = to_logical(draw_list().GetClipRectMax());
        drawn_text_->push_back({{{left, at.y}, {left + drawn.x, at.y + drawn.y}},
                                {{clip_min.x, clip_min.y}, {clip_max.x, clip_max.y}},
                                std::string(utf8),
                                color,
                                size});
    }
    // The glyphs may be on another page of the cache than the shapes' texture.
    ImDrawList& draw = draw_list();
    const bool other_page = font->ContainerAtlas->TexID != draw._CmdHeader.TextureId;
    if (other_page) draw.PushTextureID(font->ContainerAtlas->TexID);
    // Each line is aligned on its own: centred text stays centred line by line.
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string_view line = lines[i];
        float line_width =
            font->CalcTextSizeA(pixel_size, FLT_MAX, 0, line.data(), line.data() + line.size()).x /
            scale();
        ImVec2 origin(at.x, at.y + float(i) * pixel_size / scale());
        if (align == Align::Center) origin.x -= line_width * 0.5f;
        if (align == Align::Right) origin.x -= line_width;
        ImVec2 screen = to_screen(origin);
        screen = ImVec2(std::round(screen.x), std::round(screen.y)); // crisp glyphs
        draw.AddText(font, pixel_size, screen, color, line.data(), line.data() + line.size());
    }
    if (other_page) draw.PopTextureID();
    return drawn;
}

float Ui::scaled_text_size(float size) const {
    if (text_scale_ == 1) return size;
    // Whole pixels, so the size asked of the glyph cache is the one it draws.
    const float largest = std::max(size, kLargestTextSize);
    return std::min(std::round(size * text_scale_), largest);
}

ImVec2 Ui::measure(FontRole role, std::string_view utf8, float wrap_width) {
    return measure_sized(fonts_.logical_size(role), utf8, wrap_width);
}

ImVec2 Ui::text(FontRole role, ImVec2 at, ImU32 color, std::string_view utf8, Align align,
                float wrap_width) {
    return text_sized(fonts_.logical_size(role), at, color, utf8, align, wrap_width);
}

ImVec2 Ui::measure_sized(float size, std::string_view utf8, float wrap_width) {
    return layout_text(scaled_text_size(size), utf8, wrap_width, nullptr, nullptr);
}

ImVec2 Ui::text_sized(float size, ImVec2 at, ImU32 color, std::string_view utf8, Align align,
                      float wrap_width) {
    return draw_text(scaled_text_size(size), at, color, utf8, align, wrap_width);
}

float Ui::fitting_text_size(std::string_view utf8, float preferred, float minimum, float width,
                            float height) {
    for (float size = preferred; size > minimum; size -= 4)
        if (measure_sized(size, utf8, width).y <= height) return size;
    return minimum;
}

bool Ui::slider(const char* id, float* value, float min_value, float max_value, ImVec2 min,
                float width) {
    constexpr float kHeight = 88, kThumb = 36;
    width = std::max(width, kThumb * 4);
    bool pressed = false;
    touch_area(id, min, ImVec2(width, kHeight), &pressed);
    const float left = min.x + kThumb, right = min.x + width - kThumb, mid = min.y + kHeight / 2;
    const float range = max_value - min_value;
    bool changed = false;
    if (ImGui::IsItemActive() && range != 0) {
        float x = to_logical(ImGui::GetIO().MousePos).x;
        float t = std::clamp((x - left) / (right - left), 0.0f, 1.0f);
        float next = min_value + t * range;
        changed = next != *value;
        *value = next;
    }
    float t = range != 0 ? std::clamp((*value - min_value) / range, 0.0f, 1.0f) : 0;
    float thumb_x = left + t * (right - left);
    rect(ImVec2(left, mid - 6), ImVec2(right, mid + 6), theme::kOnDarkSoft, 6);
    rect(ImVec2(left, mid - 6), ImVec2(thumb_x, mid + 6), theme::kAccent, 6);
    ImDrawList& draw = draw_list();
    draw.AddCircleFilled(to_screen(ImVec2(thumb_x, mid)), px(kThumb),
                         pressed ? theme::kAccentPressed : theme::kCard, 32);
    draw.AddCircle(to_screen(ImVec2(thumb_x, mid)), px(kThumb), theme::kAccent, 32, px(4));
    return changed;
}

bool Ui::toggle(const char* id, bool* on, ImVec2 min, std::string_view label, ImU32 label_color,
                float label_room) {
    constexpr float kWidth = 140, kHeight = 80;
    float label_px = fonts_.logical_size(FontRole::Body);
    ImVec2 label_size = measure_sized(label_px, label);
    if (label_room > 0 && label_size.x > label_room) {
        label_px = std::max(16.0f, std::floor(label_px * label_room / label_size.x));
        label_size = measure_sized(label_px, label);
    }
    float total = kWidth + (label.empty() ? 0 : 24 + label_size.x);
    bool tapped = touch_area(id, min, ImVec2(total, kHeight));
    if (tapped) *on = !*on;
    rect(min, ImVec2(min.x + kWidth, min.y + kHeight), *on ? theme::kTeal : theme::kInkSoft,
         kHeight / 2);
    float knob_x = *on ? min.x + kWidth - kHeight / 2 : min.x + kHeight / 2;
    draw_list().AddCircleFilled(to_screen(ImVec2(knob_x, min.y + kHeight / 2)), px(kHeight / 2 - 8),
                                theme::kCard, 32);
    if (!label.empty())
        text_sized(label_px, ImVec2(min.x + kWidth + 24, min.y + (kHeight - label_size.y) / 2),
                   label_color, label);
    return tapped;
}

bool Ui::choice(const char* id, int* selected, const std::string_view* options, int count,
                ImVec2 min, float width) {
    constexpr float kHeight = 88, kGap = 8;
    if (count <= 0) return false;
    const float segment = (width - kGap * float(count - 1)) / float(count);
    bool picked = false;
    ImGui::PushID(id);
    for (int i = 0; i < count; ++i) {
        ImVec2 at(min.x + float(i) * (segment + kGap), min.y);
        bool pressed = false;
        ImGui::PushID(i);
        if (touch_area("##option", at, ImVec2(segment, kHeight), &pressed) && *selected != i) {
            *selected = i;
            picked = true;
        }
        ImGui::PopID();
        const bool is_selected = *selected == i;
        ImU32 fill = is_selected ? theme::kAccent : (pressed ? theme::kCardPressed : theme::kCard);
        rect(at, ImVec2(at.x + segment, at.y + kHeight), fill, 20);
        // The label shrinks rather than spill out of its segment.
        float size = fonts_.logical_size(FontRole::Button);
        float fits = measure_sized(size, options[i]).x;
        if (fits > segment - 16 && fits > 0) size = std::max(16.0f, size * (segment - 16) / fits);
        ImVec2 label = measure_sized(size, options[i]);
        text_sized(size, ImVec2(at.x + segment / 2, at.y + (kHeight - label.y) / 2), theme::kInk,
                   options[i], Align::Center);
    }
    ImGui::PopID();
    return picked;
}

bool Ui::touch_area(const char* id, ImVec2 min, ImVec2 size, bool* pressed) {
    ImGui::SetCursorScreenPos(to_screen(min));
    bool tapped = ImGui::InvisibleButton(id, ImVec2(px(size.x), px(size.y)));
    if (pressed) *pressed = ImGui::IsItemActive() && ImGui::IsItemHovered();
    return tapped;
}

bool Ui::button(const char* id, ImVec2 min, ImVec2 size, std::string_view label,
                const ButtonStyle& style) {
    size.y = std::max(size.y, kMinTouchTarget);
    // A label never overflows: the button grows to fit it with side padding.
    ImVec2 label_size = measure(style.font, label);
    size.x = std::max({size.x, kMinTouchTarget, label_size.x + size.y * 0.6f});
    bool pressed = false;
    bool tapped = touch_area(id, min, size, &pressed);
    ImVec2 max(min.x + size.x, min.y + size.y);
    rect(min, max, pressed ? style.fill_pressed : style.fill, size.y * 0.25f);
    text(style.font, ImVec2(min.x + size.x * 0.5f, min.y + (size.y - label_size.y) * 0.5f),
         style.ink, label, Align::Center);
    return tapped;
}

namespace {

struct Corner {
    ImDrawFlags flag;
    float angle; // where the quarter arc starts (ImGui angles: 0 = +x, y down)
};
// Each corner's arc centre sits `r` inside the corner, towards the rect's middle.
constexpr Corner kCorners[] = {
    {ImDrawFlags_RoundCornersTopLeft, IM_PI},
    {ImDrawFlags_RoundCornersTopRight, IM_PI * 1.5f},
    {ImDrawFlags_RoundCornersBottomRight, 0},
    {ImDrawFlags_RoundCornersBottomLeft, IM_PI * 0.5f},
};

ImVec2 snap(ImVec2 p) {
    return ImVec2(std::round(p.x), std::round(p.y));
}

ImVec2 arc_centre(int corner, ImVec2 a, ImVec2 b, float r) {
    bool right = corner == 1 || corner == 2, bottom = corner >= 2;
    return ImVec2(right ? b.x - r : a.x + r, bottom ? b.y - r : a.y + r);
}

int arc_segments(float r) {
    return std::clamp(int(r / 2.5f), 3, 24);
}

// Fills the axis-aligned rect p0..p1 (whole screen pixels) except where it
// meets `hole`: the parts of it above, below, left and right of the hole.
// Every pixel is filled once either way, so the bytes drawn are the same.
void fill_outside(ImDrawList& draw, ImVec2 p0, ImVec2 p1, ImU32 color, const ImRect& hole) {
    const ImRect cut(ImMax(p0, hole.Min), ImMin(p1, hole.Max));
    if (cut.Min.x >= cut.Max.x || cut.Min.y >= cut.Max.y) {
        draw.AddRectFilled(p0, p1, color);
        return;
    }
    const auto fill = [&](ImVec2 a, ImVec2 b) {
        if (a.x < b.x && a.y < b.y) draw.AddRectFilled(a, b, color); // an empty one is not drawn
    };
    fill(p0, ImVec2(p1.x, cut.Min.y));
    fill(ImVec2(p0.x, cut.Max.y), p1);
    fill(ImVec2(p0.x, cut.Min.y), ImVec2(cut.Min.x, cut.Max.y));
    fill(ImVec2(cut.Max.x, cut.Min.y), ImVec2(p1.x, cut.Max.y));
}

} // namespace

void Ui::rect(ImVec2 min, ImVec2 max, ImU32 color, float rounding, ImDrawFlags corners) {
    rounded_rect(min, max, color, rounding, corners, ImRect());
}

void Ui::card_shadow(ImVec2 min, ImVec2 max, float rounding, ImVec2 offset, ImU32 color) {
    // The rows of the card that rect() fills edge to edge with an opaque colour.
    const ImVec2 a = snap(to_screen(min)), b = snap(to_screen(max));
    const float r = std::floor(std::min({px(rounding), (b.x - a.x) / 2, (b.y - a.y) / 2}));
    const ImRect covered = r < 1 ? ImRect(a, b) : ImRect(a.x, a.y + r - 1, b.x, b.y - r + 1);
    rounded_rect(ImVec2(min.x + offset.x, min.y + offset.y),
                 ImVec2(max.x + offset.x, max.y + offset.y), color, rounding,
                 ImDrawFlags_RoundCornersAll, covered);
}

void Ui::rounded_rect(ImVec2 min, ImVec2 max, ImU32 color, float rounding, ImDrawFlags corners,
                      const ImRect& hole) {
    ImDrawList& draw = draw_list();
    ImVec2 a = snap(to_screen(min)), b = snap(to_screen(max));
    float r = std::floor(std::min({px(rounding), (b.x - a.x) / 2, (b.y - a.y) / 2}));
    if (r < 1 || (corners & ImDrawFlags_RoundCornersMask_) == 0) {
        fill_outside(draw, a, b, color, hole);
        return;
    }
    const auto rounded = [&](ImDrawFlags flag) { return (corners & flag) != 0; };
    // Opaque bands reach one pixel under the corner fans, so the fans' anti-aliased
    // straight edges blend over the same colour instead of leaving a seam.
    const bool opaque = ((color >> IM_COL32_A_SHIFT) & 0xFF) == 0xFF;
    const float o = opaque ? 1.0f : 0.0f;
    const auto inset = [&](ImDrawFlags flag) { return rounded(flag) ? r - o : 0.0f; };
    fill_outside(draw, ImVec2(a.x, a.y + r - o), ImVec2(b.x, b.y - r + o), color, hole);
    fill_outside(draw, ImVec2(a.x + inset(ImDrawFlags_RoundCornersTopLeft), a.y),
                 ImVec2(b.x - inset(ImDrawFlags_RoundCornersTopRight), a.y + r), color, hole);
    fill_outside(draw, ImVec2(a.x + inset(ImDrawFlags_RoundCornersBottomLeft), b.y - r),
                 ImVec2(b.x - inset(ImDrawFlags_RoundCornersBottomRight), b.y), color, hole);
    // Translucent fans must not blend their anti-aliased fringe over the bands.
    ImDrawListFlags saved = draw.Flags;
    if (((color >> IM_COL32_A_SHIFT) & 0xFF) != 0xFF)
        draw.Flags &= ~ImDrawListFlags_AntiAliasedFill;
    for (int i = 0; i < 4; ++i) {
        ImVec2 centre = arc_centre(i, a, b, r);
        if (!rounded(kCorners[i].flag)) {
            fill_outside(draw,
                         ImVec2(std::min(centre.x, i == 0 || i == 3 ? a.x : b.x),
                                std::min(centre.y, i < 2 ? a.y : b.y)),
                         ImVec2(std::max(centre.x, i == 0 || i == 3 ? a.x : b.x),
                                std::max(centre.y, i < 2 ? a.y : b.y)),
                         color, hole);
            continue;
        }
        draw.PathLineTo(centre);
        draw.PathArcTo(centre, r, kCorners[i].angle, kCorners[i].angle + IM_PI / 2,
                       arc_segments(r));
        draw.PathFillConvex(color);
    }
    draw.Flags = saved;
}

void Ui::round_corners(ImVec2 min, ImVec2 max, float rounding, ImU32 backdrop,
                       ImDrawFlags corners) {
    ImDrawList& draw = draw_list();
    ImVec2 a = snap(to_screen(min)), b = snap(to_screen(max));
    float r = std::floor(std::min({px(rounding), (b.x - a.x) / 2, (b.y - a.y) / 2}));
    if (r < 1) return;
    const ImVec2 uv = draw._Data->TexUvWhitePixel;
    const int segments = arc_segments(r);
    for (int i = 0; i < 4; ++i) {
        if (!(corners & kCorners[i].flag)) continue;
        ImVec2 centre = arc_centre(i, a, b, r);
        ImVec2 outer(i == 0 || i == 3 ? a.x : b.x, i < 2 ? a.y : b.y);
        // A fan from the rect's own corner to the arc covers exactly what lies
        // outside the rounding.
        draw.PrimReserve(segments * 3, segments * 3);
        for (int s = 0; s < segments; ++s) {
            float a0 = kCorners[i].angle + IM_PI / 2 * float(s) / float(segments);
            float a1 = kCorners[i].angle + IM_PI / 2 * float(s + 1) / float(segments);
            ImDrawIdx base = ImDrawIdx(draw._VtxCurrentIdx);
            draw.PrimWriteVtx(outer, uv, backdrop);
            draw.PrimWriteVtx(ImVec2(centre.x + std::cos(a0) * r, centre.y + std::sin(a0) * r), uv,
                              backdrop);
            draw.PrimWriteVtx(ImVec2(centre.x + std::cos(a1) * r, centre.y + std::sin(a1) * r), uv,
                              backdrop);
            draw.PrimWriteIdx(base);
            draw.PrimWriteIdx(ImDrawIdx(base + 1));
            draw.PrimWriteIdx(ImDrawIdx(base + 2));
        }
    }
}

GradientBand gradient_band(int band, float height, ImU32 top, ImU32 bottom) {
    const float t = (float(band) + 0.5f) / kGradientBands;
    ImVec4 from = ImGui::ColorConvertU32ToFloat4(top), to = ImGui::ColorConvertU32ToFloat4(bottom);
    ImVec4 c(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t,
             from.z + (to.z - from.z) * t, 1);
    return {std::round(height * float(band) / kGradientBands),
            std::round(height * float(band + 1) / kGradientBands),
            ImGui::ColorConvertFloat4ToU32(c)};
}

void Ui::vertical_gradient(ImU32 top, ImU32 bottom) {
    for (int i = 0; i < kGradientBands; ++i) {
        const GradientBand band = gradient_band(i, screen_.y, top, bottom);
        draw_list().AddRectFilled(ImVec2(0, band.y0), ImVec2(screen_.x, band.y1), band.color);
    }
}

} // namespace kiosk
