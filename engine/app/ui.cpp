// Ui implementation: letterbox maths, text with wrapping, touch widgets.
#include "ui.h"

#include <algorithm>
#include <string>

namespace kiosk {

void Ui::set_screen(int width, int height) {
    screen_ = ImVec2(float(width), float(height));
    scale_ = std::min(screen_.x / kLogicalWidth, screen_.y / kLogicalHeight);
    offset_ = ImVec2((screen_.x - kLogicalWidth * scale_) * 0.5f,
                     (screen_.y - kLogicalHeight * scale_) * 0.5f);
}

ImVec2 Ui::to_screen(ImVec2 logical) const {
    return ImVec2(offset_.x + logical.x * scale_, offset_.y + logical.y * scale_);
}

ImVec2 Ui::to_logical(ImVec2 screen) const {
    return ImVec2((screen.x - offset_.x) / scale_, (screen.y - offset_.y) / scale_);
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

ImVec2 Ui::measure(FontRole role, std::string_view utf8, float wrap_width) {
    fonts_.add_text(utf8);
    ImFont* font = fonts_.font(role);
    if (!font) return ImVec2(0, 0);
    ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap_width > 0 ? px(wrap_width) : 0,
                                      utf8.data(), utf8.data() + utf8.size());
    return ImVec2(size.x / scale_, size.y / scale_);
}

ImVec2 Ui::text(FontRole role, ImVec2 at, ImU32 color, std::string_view utf8, Align align,
                float wrap_width) {
    ImVec2 size = measure(role, utf8, wrap_width);
    ImFont* font = fonts_.font(role);
    if (!font) return size;
    ImVec2 origin = at;
    if (align == Align::Center) origin.x -= size.x * 0.5f;
    if (align == Align::Right) origin.x -= size.x;
    ImVec2 screen = to_screen(origin);
    screen = ImVec2(float(int(screen.x)), float(int(screen.y))); // crisp glyphs
    draw_list().AddText(font, font->FontSize, screen, color, utf8.data(), utf8.data() + utf8.size(),
                        wrap_width > 0 ? px(wrap_width) : 0.0f);
    return size;
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

void Ui::rect(ImVec2 min, ImVec2 max, ImU32 color, float rounding) {
    draw_list().AddRectFilled(to_screen(min), to_screen(max), color, px(rounding));
}

} // namespace kiosk
