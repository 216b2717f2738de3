// The attract screen: what an idle kiosk shows to draw visitors in. An animated
// atom (orbits with moving electrons), the invitation in both languages at once
// (no visitor has chosen a language yet: the venue's default leads, the other
// follows smaller), and the venue's name.
#include "attract_screen.h"

#include <cmath>

namespace kiosk {
namespace {

constexpr float kPi = 3.14159265f;

void draw_orbit(Ui& ui, ImVec2 center, float radius_x, float radius_y, float tilt, ImU32 color) {
    constexpr int kSegments = 72;
    ImVec2 points[kSegments];
    for (int i = 0; i < kSegments; ++i) {
        float a = 2 * kPi * float(i) / kSegments;
        float x = radius_x * std::cos(a), y = radius_y * std::sin(a);
        points[i] = ui.to_screen(ImVec2(center.x + x * std::cos(tilt) - y * std::sin(tilt),
                                        center.y + x * std::sin(tilt) + y * std::cos(tilt)));
    }
    ui.draw_list().AddPolyline(points, kSegments, color, ImDrawFlags_Closed, ui.px(3));
}

ImVec2 orbit_point(ImVec2 center, float radius_x, float radius_y, float tilt, float angle) {
    float x = radius_x * std::cos(angle), y = radius_y * std::sin(angle);
    return ImVec2(center.x + x * std::cos(tilt) - y * std::sin(tilt),
                  center.y + x * std::sin(tilt) + y * std::cos(tilt));
}

} // namespace

void draw_attract_screen(ScreenContext& context, const Bilingual& venue_name) {
    Ui& ui = context.ui;
    ui.begin_screen("##attract");
    ImDrawList& draw = ui.draw_list();
    ui.vertical_gradient(theme::kBackgroundDeep, theme::kBackground);

    const float t = float(context.time_s);
    const ImVec2 atom(960, 320);
    const float tilts[] = {0.0f, kPi / 3, -kPi / 3};
    for (int i = 0; i < 3; ++i) {
        draw_orbit(ui, atom, 250, 84, tilts[i], theme::kOrbit);
        ImVec2 electron = orbit_point(atom, 250, 84, tilts[i], t * (1.1f + 0.35f * i) + i * 2.1f);
        draw.AddCircleFilled(ui.to_screen(electron), ui.px(22), theme::kElectronGlow);
        draw.AddCircleFilled(ui.to_screen(electron), ui.px(13), theme::kElectron);
    }
    float pulse = 0.5f + 0.5f * std::sin(t * 2.0f);
    draw.AddCircleFilled(ui.to_screen(atom), ui.px(70 + 8 * pulse), theme::kAtomGlow);
    draw.AddCircleFilled(ui.to_screen(atom), ui.px(54), theme::kAccent);

    const Bilingual& title = *context.strings.find("attract_title"); // required key
    const Bilingual& hint = *context.strings.find("attract_hint");
    const bool zh_first = context.language == Language::Zh;
    const std::string& title_first = zh_first ? title.zh : title.en;
    const std::string& title_second = zh_first ? title.en : title.zh;
    const std::string& hint_first = zh_first ? hint.zh : hint.en;
    const std::string& hint_second = zh_first ? hint.en : hint.zh;
    ui.text(FontRole::Title, ImVec2(960, 610), theme::kOnDark, title_first, Align::Center);
    ui.text(FontRole::Body, ImVec2(960, 710), theme::kOnDarkSoft, title_second, Align::Center);

    // The invitation breathes, so a passer-by sees that the screen is alive.
    ImU32 hint_color = theme::with_alpha(theme::kInvitation, int(150 + 105 * pulse));
    ui.text(FontRole::Button, ImVec2(960, 820), hint_color, hint_first, Align::Center);
    ui.text(FontRole::Body, ImVec2(960, 885), hint_color, hint_second, Align::Center);

    ui.text(FontRole::Body, ImVec2(960, 990), theme::kOnDarkSoft, venue_name.in(context.language),
            Align::Center);
    ui.end_screen();
}

} // namespace kiosk
