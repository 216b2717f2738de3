// The takeover, the banner and the strip: layout in logical pixels, text
// shrunk towards (never below) its minimum size when a long notice needs
// room, and clipped to its box after that, so nothing overflows.
#include "notice_screens.h"

#include <imgui.h>

#include <algorithm>

namespace kiosk {
namespace {

constexpr float kMargin = 80;
constexpr float kTextWidth = kLogicalWidth - 2 * kMargin;

// An ImGui window over the whole screen on top of what was drawn, which takes
// no touches (the screen below keeps them).
void begin_overlay(Ui& ui, const char* id) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ui.screen_size());
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::PopStyleVar(2);
}

// Text in a box, clipped to it: returns the height used.
float boxed_text(Ui& ui, float size, ImVec2 at, float width, float max_height, ImU32 color,
                 std::string_view text, Align align = Align::Left) {
    if (text.empty() || max_height <= 0) return 0;
    ImGui::PushClipRect(ui.to_screen(at), ui.to_screen(ImVec2(at.x + width, at.y + max_height)),
                        true);
    const float x = align == Align::Center ? at.x + width / 2 : at.x;
    const float used = ui.text_sized(size, ImVec2(x, at.y), color, text, align, width).y;
    ImGui::PopClipRect();
    return std::min(used, max_height);
}

std::string both(const Bilingual& text, const char* separator = "  ") {
    if (text.en.empty()) return text.zh;
    if (text.zh.empty()) return text.en;
    return text.zh + separator + text.en;
}

} // namespace

std::string drill_label(const ScreenContext& context, const sync::Notice& notice,
                        Language language) {
    if (notice.status == sync::NoticeStatus::Exercise)
        return context.strings.get("notice_exercise", language);
    if (notice.status == sync::NoticeStatus::Test)
        return context.strings.get("notice_test", language);
    return "";
}

TakeoverAction draw_notice_takeover(ScreenContext& context, const sync::Notice& notice,
                                    const std::vector<NoticeLink>& links, double shown_for_s) {
    Ui& ui = context.ui;
    TakeoverAction action;
    ui.begin_screen("##notice_takeover");
    ui.rect(ImVec2(0, 0), ImVec2(kLogicalWidth, kLogicalHeight), theme::kAlert);

    float y = 40;
    const std::string drill = drill_label(context, notice, Language::Zh);
    if (!drill.empty()) {
        // The band no visitor can miss: a drill is never taken for a real alarm.
        ui.rect(ImVec2(0, 0), ImVec2(kLogicalWidth, 170), theme::kDrill);
        ui.text_sized(110, ImVec2(kLogicalWidth / 2, 22), theme::kInk,
                      drill + "  " + drill_label(context, notice, Language::En), Align::Center);
        y = 200;
    }
    const std::string title = context.strings.get("notice_title", Language::Zh) + "  " +
                              context.strings.get("notice_title", Language::En);
    ui.text_sized(44, ImVec2(kMargin, y), theme::kOnDarkSoft, title);
    y += 64;
    y += boxed_text(ui, 60, ImVec2(kMargin, y), kTextWidth, 80, theme::kOnDark,
                    both(notice.event, "  ·  ")) +
         16;

    // What is left above the buttons is shared by the headline and the
    // instruction, each in both languages.
    const float bottom = links.empty() ? 900 : 800;
    const float room = bottom - y;
    const float headline_zh =
        ui.fitting_text_size(notice.headline.zh, 96, kNoticeMinHeadlinePx, kTextWidth, room * 0.3f);
    y += boxed_text(ui, headline_zh, ImVec2(kMargin, y), kTextWidth, room * 0.3f, theme::kOnDark,
                    notice.headline.zh) +
         8;
    const float headline_en =
        ui.fitting_text_size(notice.headline.en, 72, kNoticeMinHeadlinePx, kTextWidth, room * 0.2f);
    y += boxed_text(ui, headline_en, ImVec2(kMargin, y), kTextWidth, room * 0.2f, theme::kOnDark,
                    notice.headline.en) +
         20;
    const float left = bottom - y;
    const float instruction_zh = ui.fitting_text_size(
        notice.instruction.zh, 72, kNoticeMinInstructionPx, kTextWidth, left * 0.55f);
    y += boxed_text(ui, instruction_zh, ImVec2(kMargin, y), kTextWidth, left * 0.55f,
                    theme::kOnDark, notice.instruction.zh) +
         8;
    const float instruction_en = ui.fitting_text_size(
        notice.instruction.en, 56, kNoticeMinInstructionPx, kTextWidth, bottom - y);
    boxed_text(ui, instruction_en, ImVec2(kMargin, y), kTextWidth, bottom - y, theme::kOnDark,
               notice.instruction.en);

    const float buttons_y = kLogicalHeight - 40 - kNoticeButtonHeight;
    if (!links.empty()) {
        ui.text_sized(44, ImVec2(kMargin, buttons_y - 70), theme::kOnDark,
                      context.strings.get("notice_learn", Language::Zh) + "  " +
                          context.strings.get("notice_learn", Language::En));
        const size_t count = std::min(links.size(), kMaxNoticeLinksShown);
        const float width = 470, gap = 30;
        ButtonStyle style;
        style.fill = theme::kCard;
        style.fill_pressed = theme::kCardPressed;
        style.ink = theme::kInk;
        for (size_t i = 0; i < count; ++i) {
            const std::string id = "##notice_link" + std::to_string(i);
            if (ui.button(id.c_str(), ImVec2(kMargin + float(i) * (width + gap), buttons_y),
                          ImVec2(width, kNoticeButtonHeight), links[i].title.in(context.language),
                          style))
                action.open_link = int(i);
        }
    }
    if (shown_for_s >= kTakeoverCloseAfterS) {
        ButtonStyle style;
        style.fill = theme::kKey;
        style.fill_pressed = theme::kKeyPressed;
        style.ink = theme::kInk;
        const std::string label = context.strings.get("notice_close", Language::Zh) + " " +
                                  context.strings.get("notice_close", Language::En);
        if (ui.button("##notice_close", ImVec2(kLogicalWidth - kMargin - 300, buttons_y),
                      ImVec2(300, kNoticeButtonHeight), label, style))
            action.close = true;
    }
    ui.end_screen();
    return action;
}

void draw_notice_banner(ScreenContext& context, const sync::Notice& notice, size_t more) {
    Ui& ui = context.ui;
    begin_overlay(ui, "##notice_banner");
    const float top = kLogicalHeight - 190;
    ui.rect(ImVec2(0, top), ImVec2(kLogicalWidth, kLogicalHeight), theme::kNoticeBanner);
    float x = 40;
    const std::string drill = drill_label(context, notice, Language::Zh);
    if (!drill.empty()) {
        const std::string label = drill + " " + drill_label(context, notice, Language::En);
        const float width = ui.measure_sized(64, label).x + 40;
        ui.rect(ImVec2(x, top + 20), ImVec2(x + width, kLogicalHeight - 20), theme::kInk, 16);
        ui.text_sized(64, ImVec2(x + 20, top + 55), theme::kDrill, label);
        x += width + 30;
    }
    const float width = kLogicalWidth - x - (more ? 160 : 40);
    boxed_text(ui, 52, ImVec2(x, top + 18), width, 74, theme::kInk,
               both(notice.event, " · ") + "  " + notice.headline.zh);
    boxed_text(ui, 44, ImVec2(x, top + 100), width, 70, theme::kInk, notice.headline.en);
    if (more)
        ui.text_sized(52, ImVec2(kLogicalWidth - 40, top + 60), theme::kInk,
                      "+" + std::to_string(more), Align::Right);
    ImGui::End();
}

void draw_notice_strip(ScreenContext& context, const sync::Notice& notice) {
    Ui& ui = context.ui;
    begin_overlay(ui, "##notice_strip");
    // Right of the back-home button, which keeps its corner (screen_context.h).
    const float left = kBackHomeMin.x + kBackHomeSize.x + 30, height = 100;
    ui.rect(ImVec2(left, 0), ImVec2(kLogicalWidth, height), theme::kNoticeBanner, 20,
            ImDrawFlags_RoundCornersBottomLeft);
    float x = left + 24;
    const std::string drill = drill_label(context, notice, context.language);
    if (!drill.empty()) {
        const float width = ui.measure_sized(56, drill).x + 28;
        ui.rect(ImVec2(x, 12), ImVec2(x + width, height - 12), theme::kInk, 12);
        ui.text_sized(56, ImVec2(x + 14, 18), theme::kDrill, drill);
        x += width + 20;
    }
    const Bilingual& headline = notice.headline;
    const std::string& text =
        context.language == Language::En && !headline.en.empty() ? headline.en : headline.zh;
    ImGui::PushClipRect(ui.to_screen(ImVec2(x, 0)),
                        ui.to_screen(ImVec2(kLogicalWidth - 24, height)), true);
    ui.text_sized(48, ImVec2(x, 22), theme::kInk, notice.event.in(context.language) + "  " + text);
    ImGui::PopClipRect();
    ImGui::End();
}

} // namespace kiosk
