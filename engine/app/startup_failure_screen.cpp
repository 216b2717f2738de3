// Startup failure screen implementation: finding words and a font, the still
// picture, and the text over it. The picture is drawn with Dear ImGui shapes in
// both cases: without a font, ImGui's built-in font stands in for the atlas (no
// text is drawn) and shapes are plain coloured triangles.
#include "startup_failure_screen.h"

#include "core/log.h"

#include <SDL.h>

#include <algorithm>
#include <filesystem>

namespace kiosk {
namespace {

constexpr float kTitlePx = 64; // at 1080 logical pixels
constexpr float kBodyPx = 34;
constexpr float kStaffPx = 24; // the Button role carries the staff line

std::string replace_all(std::string text, std::string_view name, std::string_view value) {
    for (size_t at = text.find(name); at != std::string::npos;
         at = text.find(name, at + value.size()))
        text.replace(at, name.size(), value);
    return text;
}

} // namespace

const std::vector<std::string>& startup_failure_string_keys() {
    static const std::vector<std::string> keys = {
        "startup_failed_title",    "startup_failed_body",        "startup_failed_staff",
        "startup_failed_log_only", "startup_failed_unsafe_data",
    };
    return keys;
}

std::vector<std::string> fallback_strings_files() {
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    const std::filesystem::path folder = exe.parent_path();
    return {(folder / "fallback-strings.lua").string(),
            (folder.parent_path() / "share/kiosk/fallback-strings.lua").string()};
}

std::unique_ptr<StartupFailureScreen>
StartupFailureScreen::open(const FailureScreenOptions& options, std::string& error) {
    std::unique_ptr<StartupFailureScreen> screen(new StartupFailureScreen());
    if (!start_sdl_video(options.headless, error)) return nullptr;
    screen->sdl_video_started_ = true;

    DisplayOptions display;
    display.width = options.width;
    display.height = options.height;
    display.fullscreen = options.fullscreen;
    display.display_index = options.display_index;
    display.headless = options.headless; // full screen: Display takes the display's size
    screen->fullscreen_ = display.fullscreen && !display.headless;
    screen->display_ = Display::create(display, error);
    if (!screen->display_) return nullptr;
    screen->ui_.set_screen(screen->display_->width(), screen->display_->height());

    std::string why_not;
    if (!screen->prepare_text(options, why_not))
        log_warning("the startup failure screen has no text: " + why_not);
    // Without a font the glyph cache still gives ImGui its white texel: the
    // picture is drawn, and no text.
    screen->fonts_.attach(screen->display_->renderer(), screen->display_->height());
    screen->imgui_ = std::make_unique<ImGuiLayer>(screen->display_->renderer(), screen->fonts_);
    return screen;
}

StartupFailureScreen::~StartupFailureScreen() {
    imgui_.reset();
    fonts_.detach(); // its textures live in the renderer
    display_.reset();
    if (sdl_video_started_) SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

bool StartupFailureScreen::prepare_text(const FailureScreenOptions& options, std::string& why_not) {
    std::optional<StringsTable> strings;
    for (const std::string& file : options.strings_files) {
        StringsLoadResult loaded = load_strings_table(file, startup_failure_string_keys());
        if (loaded.ok()) {
            strings = std::move(loaded.table);
            strings_source_ = file;
            break;
        }
        why_not += (why_not.empty() ? "" : "; ") +
                   (loaded.errors.empty() ? file + ": unusable" : loaded.errors.front());
    }
    if (!strings) {
        if (options.strings_files.empty()) why_not = "no strings file to read";
        return false;
    }
    const Bilingual& where_log = *strings->find("startup_failed_log_only");
    Text text{*strings->find("startup_failed_title"), *strings->find("startup_failed_body"),
              *strings->find("startup_failed_staff")};
    for (std::string* line : {&text.staff.zh, &text.staff.en}) {
        const bool zh = line == &text.staff.zh;
        const std::string& where = !options.report_path.empty() ? options.report_path
                                   : zh                         ? where_log.zh
                                                                : where_log.en;
        *line = replace_all(replace_all(*line, "{code}", options.code), "{where}", where);
    }
    if (!options.unsafe_data_folder.empty()) {
        Bilingual fix = *strings->find("startup_failed_unsafe_data");
        for (std::string* line : {&fix.zh, &fix.en})
            *line = replace_all(*line, "{folder}", options.unsafe_data_folder);
        text.fix = std::move(fix);
    }

    for (const FontSpec& candidate : options.fonts) {
        FontSpec spec = candidate;
        spec.title_px = kTitlePx;
        spec.body_px = kBodyPx;
        spec.button_px = kStaffPx;
        std::string error;
        if (!fonts_.load(spec, error)) {
            why_not += (why_not.empty() ? "" : "; ") + error;
            continue;
        }
        text_ = std::move(text); // glyphs are rasterized as the first frame draws them
        return true;
    }
    if (options.fonts.empty()) why_not = "no font to read";
    return false;
}

void StartupFailureScreen::draw() {
    display_->refresh_size();
    ui_.set_screen(display_->width(), display_->height());
    imgui_->begin_frame(pointer_, 1.0f / 60.0f, display_->width(), display_->height());
    ui_.begin_screen("##startup-failure");
    draw_plain();
    if (text_) draw_with_text();
    ui_.end_screen();
    imgui_->end_frame(theme::kBackground);
}

// The picture: a crescent moon and three stars over the evening gradient. The
// crescent is a full moon with a circle of the sky's colour over it.
void StartupFailureScreen::draw_plain() {
    ui_.vertical_gradient(theme::kBackgroundDeep, theme::kBackground);
    ImDrawList& draw = ui_.draw_list();
    const ImVec2 moon(960, 290), shade(moon.x + 46, moon.y - 34);
    draw.AddCircleFilled(ui_.to_screen(moon), ui_.px(110), theme::kMoon, 96);
    // The shade is painted band by band in the gradient's own colours, so no
    // edge of it shows against the sky.
    const ImVec2 shade_at = ui_.to_screen(shade);
    const float shade_r = ui_.px(96), width = ui_.screen_size().x;
    for (int i = 0; i < kGradientBands; ++i) {
        const GradientBand sky =
            gradient_band(i, ui_.screen_size().y, theme::kBackgroundDeep, theme::kBackground);
        if (sky.y1 < shade_at.y - shade_r - 1 || sky.y0 > shade_at.y + shade_r + 1) continue;
        draw.PushClipRect(ImVec2(0, sky.y0), ImVec2(width, sky.y1));
        draw.AddCircleFilled(shade_at, shade_r, sky.color, 96);
        draw.PopClipRect();
    }
    const ImVec2 stars[] = {{1150, 200}, {1210, 330}, {780, 170}};
    const float radii[] = {8, 5, 6};
    for (int i = 0; i < 3; ++i)
        draw.AddCircleFilled(ui_.to_screen(stars[i]), ui_.px(radii[i]), theme::kStar, 24);
}

void StartupFailureScreen::draw_with_text() {
    constexpr float kCenter = kLogicalWidth / 2, kWrap = 1500;
    float y = 480;
    y += ui_.text(FontRole::Title, ImVec2(kCenter, y), theme::kOnDark, text_->title.zh,
                  Align::Center, kWrap)
             .y +
         14;
    y += ui_.text(FontRole::Body, ImVec2(kCenter, y), theme::kOnDarkSoft, text_->title.en,
                  Align::Center, kWrap)
             .y +
         56;
    y += ui_.text(FontRole::Body, ImVec2(kCenter, y), theme::kOnDark, text_->body.zh, Align::Center,
                  kWrap)
             .y +
         14;
    ui_.text(FontRole::Body, ImVec2(kCenter, y), theme::kOnDarkSoft, text_->body.en, Align::Center,
             kWrap);

    // The staff line sits at the bottom, small, out of a visitor's way.
    constexpr float kStaffWrap = 1800, kGap = 8, kBottom = kLogicalHeight - 36;
    const float zh_height = ui_.measure(FontRole::Button, text_->staff.zh, kStaffWrap).y;
    const float en_height = ui_.measure(FontRole::Button, text_->staff.en, kStaffWrap).y;
    float staff_y = kBottom - zh_height - kGap - en_height;
    ui_.text(FontRole::Button, ImVec2(kCenter, staff_y), theme::kStaffInk, text_->staff.zh,
             Align::Center, kStaffWrap);
    ui_.text(FontRole::Button, ImVec2(kCenter, staff_y + zh_height + kGap), theme::kStaffInk,
             text_->staff.en, Align::Center, kStaffWrap);
    if (!text_->fix) return;
    // The fix for an unsafe data folder stands just above, in the same small type.
    const float fix_en_height = ui_.measure(FontRole::Button, text_->fix->en, kStaffWrap).y;
    const float fix_zh_height = ui_.measure(FontRole::Button, text_->fix->zh, kStaffWrap).y;
    const float fix_y = staff_y - 3 * kGap - fix_en_height - kGap - fix_zh_height;
    ui_.text(FontRole::Button, ImVec2(kCenter, fix_y), theme::kStaffInk, text_->fix->zh,
             Align::Center, kStaffWrap);
    ui_.text(FontRole::Button, ImVec2(kCenter, fix_y + fix_zh_height + kGap), theme::kStaffInk,
             text_->fix->en, Align::Center, kStaffWrap);
}

bool StartupFailureScreen::wait_events(int timeout_ms) {
    SDL_Event event;
    if (!SDL_WaitEventTimeout(&event, timeout_ms)) return true;
    do {
        std::optional<InputEvent> input =
            translate_sdl_event(event, display_->window(), display_->width(), display_->height());
        const bool close =
            input && (input->kind == InputKind::KeyEscape || input->kind == InputKind::QuitRequest);
        if (close && !fullscreen_) return false; // full screen: no keyboard way out
    } while (SDL_PollEvent(&event));
    return true;
}

} // namespace kiosk
