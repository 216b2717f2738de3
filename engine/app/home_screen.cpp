// The home screen: the venue's name, a title, the visitor's switches (large
// text, sound), the language toggle, and a grid of exhibit tiles (thumbnail,
// title, summary) that scrolls by dragging a finger. With large text, a tile's
// summary shrinks (and at worst is cut at the tile's edge) rather than spill out.
#include "home_screen.h"

#include "render/ui_shapes.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace kiosk {
namespace {

constexpr float kMargin = 80;
constexpr float kGridTop = 290;
constexpr float kGridBottom = 1040;
constexpr int kColumns = 3;
constexpr float kGap = 48;
constexpr float kTileWidth = (kLogicalWidth - 2 * kMargin - (kColumns - 1) * kGap) / kColumns;
constexpr float kThumbHeight = kTileWidth * 9 / 16;
constexpr float kTileHeight = kThumbHeight + 230;
constexpr float kTileRounding = 24;
constexpr float kSmallestSummaryPx = 28; // before the text scale

bool draw_tile(ScreenContext& context, int index, const ContentManifest& exhibit, ImVec2 min,
               bool unreviewed) {
    Ui& ui = context.ui;
    ImVec2 max(min.x + kTileWidth, min.y + kTileHeight);
    bool pressed = false;
    std::string id = "##tile" + std::to_string(index);
    bool tapped = ui.touch_area(id.c_str(), min, ImVec2(kTileWidth, kTileHeight), &pressed);

    ui.card_shadow(min, max, kTileRounding, ImVec2(6, 10), theme::kCardShadow);
    ui.rect(min, max, pressed ? theme::kCardPressed : theme::kCard, kTileRounding);
    const ShownSize shown = home_thumbnail_size(ui);
    const Image& thumbnail = exhibit.files
                                 ? context.images.get(*exhibit.files, exhibit.thumbnail, nullptr,
                                                      kNoPictureBudget, shown)
                                 : context.images.get(exhibit.thumbnail_path, nullptr, shown);
    ImVec2 thumb_max(max.x, min.y + kThumbHeight);
    if (thumbnail.texture)
        draw_image_cover(ui, thumbnail, min, thumb_max, kTileRounding, theme::kBackground,
                         ImDrawFlags_RoundCornersTop);
    else
        ui.rect(min, thumb_max, theme::kTeal, kTileRounding, ImDrawFlags_RoundCornersTop);
    if (unreviewed) { // dev mode only: venue mode never shows unreviewed content
        const std::string& badge = context.text("badge_not_reviewed");
        ImVec2 size = ui.measure(FontRole::Body, badge);
        ImVec2 at(max.x - size.x - 56, min.y + 20);
        ui.rect(at, ImVec2(max.x - 20, at.y + size.y + 16), theme::kDanger, (size.y + 16) / 2);
        ui.text(FontRole::Body, ImVec2(at.x + 18, at.y + 8), theme::kOnDark, badge);
    }

    const float pad = 28, width = kTileWidth - 2 * pad;
    float y = min.y + kThumbHeight + 22;
    const std::string& title = exhibit.title.in(context.language);
    y += ui.text(FontRole::Button, ImVec2(min.x + pad, y), theme::kInk, title, Align::Left, width)
             .y +
         12;
    const std::string& summary = exhibit.summary.in(context.language);
    const float room = max.y - pad - y;
    const float body = ui.fonts().logical_size(FontRole::Body);
    const float size = ui.fitting_text_size(summary, body, kSmallestSummaryPx, width, room);
    ImGui::PushClipRect(ui.to_screen(ImVec2(min.x, y)), ui.to_screen(ImVec2(max.x, max.y - pad)),
                        true);
    ui.text_sized(size, ImVec2(min.x + pad, y), theme::kInkSoft, summary, Align::Left, width);
    ImGui::PopClipRect();
    return tapped;
}

} // namespace

// Decoded at the size the tile shows it (a 640 x 360 thumbnail is 370 x 208 at 720p).
ShownSize home_thumbnail_size(const Ui& ui) {
    return {int(std::ceil(ui.px(kTileWidth))), int(std::ceil(ui.px(kThumbHeight)))};
}

std::vector<ImageCache::Prefetched>
home_first_thumbnails(const Ui& ui, const std::vector<ContentManifest>& exhibits) {
    const int rows_shown = int(std::ceil((kLogicalHeight - kGridTop) / (kTileHeight + kGap)));
    const size_t first = std::min(exhibits.size(), size_t(rows_shown * kColumns));
    std::vector<ImageCache::Prefetched> pictures;
    for (size_t i = 0; i < first; ++i)
        if (exhibits[i].files)
            pictures.push_back({exhibits[i].files, exhibits[i].thumbnail, home_thumbnail_size(ui)});
    return pictures;
}

HomeAction draw_home_screen(ScreenContext& context, HomeState& state,
                            const std::vector<ContentManifest>& exhibits,
                            const Bilingual& venue_name, const VisitorPreferences& preferences,
                            const std::vector<std::string>& unreviewed_ids) {
    Ui& ui = context.ui;
    HomeAction action;
    ui.begin_screen("##home");

    ui.text(FontRole::Body, ImVec2(kMargin, 44), theme::kOnDarkSoft,
            venue_name.in(context.language));
    ui.text(FontRole::Title, ImVec2(kMargin, 96), theme::kOnDark, context.text("home_title"));
    ui.text(FontRole::Body, ImVec2(kMargin, 196), theme::kOnDarkSoft,
            context.text("home_subtitle"));

    const char* toggle_key =
        context.language == Language::Zh ? "language_toggle_to_en" : "language_toggle_to_zh";
    const std::string& toggle_label = context.text(toggle_key);
    float toggle_width = std::max(240.0f, ui.measure(FontRole::Button, toggle_label).x + 80);
    ButtonStyle toggle_style;
    toggle_style.fill = theme::kCard;
    toggle_style.fill_pressed = theme::kCardPressed;
    const float language_x = kLogicalWidth - kMargin - toggle_width;
    if (ui.button("##language", ImVec2(language_x, 60), ImVec2(toggle_width, 100), toggle_label,
                  toggle_style))
        action.toggle_language = true;

    // The visitor's switches: each label keeps clear of what is right of it.
    constexpr float kSwitchWidth = 140, kLabelGap = 24, kClearance = 40;
    bool large_text = preferences.large_text, sound_on = preferences.sound_on;
    action.toggle_large_text = ui.toggle("##large_text", &large_text, kLargeTextSwitchMin,
                                         context.text("home_large_text"), theme::kOnDark,
                                         kSoundSwitchMin.x - kClearance - kLargeTextSwitchMin.x -
                                             kSwitchWidth - kLabelGap);
    action.toggle_sound =
        ui.toggle("##sound", &sound_on, kSoundSwitchMin, context.text("home_sound"), theme::kOnDark,
                  language_x - kClearance - kSoundSwitchMin.x - kSwitchWidth - kLabelGap);

    // The tile grid: clipped to its region, scrolled by finger drags.
    const ImVec2 region_min(0, kGridTop - 20);
    const ImVec2 region_max(kLogicalWidth, kGridBottom);
    int rows = (int(exhibits.size()) + kColumns - 1) / kColumns;
    float content_height = rows * kTileHeight + std::max(0, rows - 1) * kGap + 40;
    float max_scroll = std::max(0.0f, content_height - (region_max.y - region_min.y));
    float drag = context.pointer.drag_scroll(ui.to_screen(region_min), ui.to_screen(region_max));
    state.scroll_y = std::clamp(state.scroll_y + drag / ui.scale(), 0.0f, max_scroll);

    if (exhibits.empty())
        ui.text(FontRole::Button, ImVec2(kLogicalWidth / 2, 560), theme::kOnDarkSoft,
                context.text("no_exhibits"), Align::Center);

    ImGui::PushClipRect(ui.to_screen(region_min), ui.to_screen(region_max), true);
    for (int i = 0; i < int(exhibits.size()); ++i) {
        int row = i / kColumns, column = i % kColumns;
        ImVec2 min(kMargin + column * (kTileWidth + kGap),
                   kGridTop + row * (kTileHeight + kGap) - state.scroll_y);
        if (min.y > region_max.y || min.y + kTileHeight < region_min.y) continue;
        const ContentManifest& exhibit = exhibits[size_t(i)];
        const bool unreviewed = std::find(unreviewed_ids.begin(), unreviewed_ids.end(),
                                          exhibit.id) != unreviewed_ids.end();
        if (draw_tile(context, i, exhibit, min, unreviewed)) action.open_exhibit = i;
    }
    ImGui::PopClipRect();

    if (max_scroll > 0) { // a slim bar shows there is more below
        float track = region_max.y - region_min.y - 40;
        float bar = track * (region_max.y - region_min.y) / content_height;
        float top = region_min.y + 20 + (track - bar) * (state.scroll_y / max_scroll);
        ui.rect(ImVec2(kLogicalWidth - 36, top), ImVec2(kLogicalWidth - 26, top + bar),
                theme::kScrollBar, 5);
    }
    ui.end_screen();
    return action;
}

} // namespace kiosk
