// The exhibit placeholder: what a tile opens until exhibits run as Lua (the
// exhibit platform issue), and the runtime-drawn "back to home" control.
#include "screens.h"

namespace kiosk {

bool draw_back_home_button(ScreenContext& context) {
    ButtonStyle style;
    style.fill = theme::kCard;
    style.fill_pressed = theme::kCardPressed;
    // Drawn last, in its own window, so it stays on top of whatever a screen draws.
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(context.ui.screen_size());
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##back_home", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::PopStyleVar();
    bool tapped = context.ui.button("##home", ImVec2(40, 40), ImVec2(260, 100),
                                    context.text("back_home"), style);
    ImGui::End();
    return tapped;
}

void draw_exhibit_placeholder(ScreenContext& context, const ExhibitManifest& exhibit) {
    Ui& ui = context.ui;
    ui.begin_screen("##placeholder");
    const ImVec2 image_min(120, 220), image_max(1000, 715);
    const Image& thumbnail = context.images.get(exhibit.thumbnail_path);
    if (thumbnail.texture)
        draw_image_cover(ui, thumbnail, image_min, image_max, 28, theme::kBackground);
    else
        ui.rect(image_min, image_max, theme::kTeal, 28);

    const float x = 1080, width = 720;
    float y = 220;
    y += ui.text(FontRole::Title, ImVec2(x, y), theme::kOnDark, exhibit.title.in(context.language),
                 Align::Left, width)
             .y;
    y += 24;
    y += ui.text(FontRole::Body, ImVec2(x, y), theme::kOnDarkSoft,
                 exhibit.summary.in(context.language), Align::Left, width)
             .y;
    y += 60;
    ui.rect(ImVec2(x, y), ImVec2(x + width, y + 4), theme::kAccent);
    y += 36;
    y += ui.text(FontRole::Button, ImVec2(x, y), theme::kAccent, context.text("placeholder_title"),
                 Align::Left, width)
             .y;
    ui.text(FontRole::Body, ImVec2(x, y + 20), theme::kOnDarkSoft, context.text("placeholder_body"),
            Align::Left, width);
    ui.end_screen();
}

} // namespace kiosk
