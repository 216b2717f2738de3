// The kiosk's drawing kit: a logical 1920x1080 screen (render/screen_geometry.h)
// letterboxed onto the real one, and touch-sized widgets (buttons at least 64 logical px
// high) built on Dear ImGui's draw lists, with every text scaled by the visitor's
// text scale (large text). Every string measured or drawn passes through
// the glyph cache first, so a character never drawn before is rasterized in
// the frame that first draws it.
#pragma once

#include "render/fonts.h"
#include "render/screen_geometry.h"
#include "render/theme.h"

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

struct ImRect; // imgui_internal.h

namespace kiosk {

inline ImVec2 as_imvec(LogicalPoint p) {
    return ImVec2(p.x, p.y);
}

enum class Align { Left, Center, Right };

struct ButtonStyle {
    ImU32 fill = theme::kAccent;
    ImU32 fill_pressed = theme::kAccentPressed;
    ImU32 ink = theme::kInk;
    FontRole font = FontRole::Button;
};

// Splits `utf8` into lines at most `width` pixels wide (0: only at newlines) for
// `font` at `pixel_size`: Latin text breaks at spaces, Chinese between any two
// characters, but never before closing punctuation (，。！？…) or after opening
// punctuation (（「《…), as Chinese typesetting requires.
std::vector<std::string_view> wrap_text_lines(const ImFont& font, float pixel_size,
                                              std::string_view utf8, float width);

// Ui::vertical_gradient paints kGradientBands flat bands (steps too small to
// see): band `band` of a screen `height` px high covers rows y0..y1 in `color`.
constexpr int kGradientBands = 48;
struct GradientBand {
    float y0 = 0, y1 = 0;
    ImU32 color = 0;
};
GradientBand gradient_band(int band, float height, ImU32 top, ImU32 bottom);

// One text as drawn, for tests that check layouts and colours: its logical box,
// the clip rectangle it was drawn in, its colour and logical pixel size.
struct DrawnText {
    LogicalRect box;
    LogicalRect clip;
    std::string text;
    ImU32 color = 0;
    float size = 0;
};

class Ui {
public:
    explicit Ui(FontLibrary& fonts) : fonts_(fonts) {}

    // Fits the logical screen into `width`x`height` pixels (letterboxed).
    void set_screen(int width, int height);
    float scale() const { return letterbox_.scale; }
    ImVec2 screen_size() const { return screen_; }
    ImVec2 to_screen(ImVec2 logical) const;
    ImVec2 to_logical(ImVec2 screen) const;
    float px(float logical) const { return logical * letterbox_.scale; }

    // Every text drawn or measured from now on is `scale` times its asked size
    // (the visitor's large text: kLargeTextScale; 1 otherwise), up to
    // kLargestTextSize (or the asked size, if larger).
    static constexpr float kLargestTextSize = 300;
    void set_text_scale(float scale) { text_scale_ = scale; }
    float text_scale() const { return text_scale_; }
    // The logical size `size` is drawn at under the text scale.
    float scaled_text_size(float size) const;

    // Opens the full-screen ImGui window every screen draws in.
    void begin_screen(const char* id);
    void end_screen();

    // Text at a logical position. `wrap_width` > 0 wraps (logical px).
    // Returns the logical size drawn.
    ImVec2 text(FontRole role, ImVec2 at, ImU32 color, std::string_view utf8,
                Align align = Align::Left, float wrap_width = 0);
    ImVec2 measure(FontRole role, std::string_view utf8, float wrap_width = 0);
    // The same at any logical pixel size (drawn at the nearest whole pixel size).
    ImVec2 text_sized(float size, ImVec2 at, ImU32 color, std::string_view utf8,
                      Align align = Align::Left, float wrap_width = 0);
    ImVec2 measure_sized(float size, std::string_view utf8, float wrap_width = 0);
    // The largest size from `preferred` down to `minimum` (in steps of 4) at
    // which `utf8` wrapped to `width` is at most `height` high (`minimum` when
    // none is).
    float fitting_text_size(std::string_view utf8, float preferred, float minimum, float width,
                            float height);

    // A rounded button over a logical rect; true on the frame it is tapped.
    bool button(const char* id, ImVec2 min, ImVec2 size, std::string_view label,
                const ButtonStyle& style = {});
    // A horizontal slider in a `width` x 88 box at `min`; true while it changes `value`.
    bool slider(const char* id, float* value, float min_value, float max_value, ImVec2 min,
                float width);
    // A switch (140 x 80) with `label` to its right; true on the frame it flips `on`.
    // `label_room` > 0: the label shrinks rather than be wider than that.
    bool toggle(const char* id, bool* on, ImVec2 min, std::string_view label,
                ImU32 label_color = theme::kOnDark, float label_room = 0);
    // A row of segmented buttons, `width` x 88; true when a new option was picked.
    bool choice(const char* id, int* selected, const std::string_view* options, int count,
                ImVec2 min, float width);
    // An invisible touch area; true when tapped. `pressed` reports the held state.
    bool touch_area(const char* id, ImVec2 min, ImVec2 size, bool* pressed = nullptr);

    // Filled rectangle, optionally with rounded `corners`. Software rendering
    // pays for each triangle's bounding box, so this draws three axis-aligned
    // rectangles (which SDL fills directly) and four small corner fans rather
    // than one fan across the whole shape.
    void rect(ImVec2 min, ImVec2 max, ImU32 color, float rounding = 0,
              ImDrawFlags corners = ImDrawFlags_RoundCornersAll);
    void rect(const LogicalRect& r, ImU32 color, float rounding = 0,
              ImDrawFlags corners = ImDrawFlags_RoundCornersAll) {
        rect(as_imvec(r.min), as_imvec(r.max), color, rounding, corners);
    }
    // The shadow of a card: the rounded rect min..max moved by `offset`, in a
    // translucent `color`, drawn just before the card, rect(min, max, ...) with
    // the same `rounding` in an opaque colour. Only what the card leaves
    // showing is drawn: the same pixels as the whole shadow under the card,
    // without blending the rows the card covers (a fifth of a headless frame
    // of the home screen).
    void card_shadow(ImVec2 min, ImVec2 max, float rounding, ImVec2 offset, ImU32 color);
    // Paints the outside of rounded `corners` of a rect in `backdrop`: how a
    // picture gets rounded corners without a textured fan.
    void round_corners(ImVec2 min, ImVec2 max, float rounding, ImU32 backdrop,
                       ImDrawFlags corners = ImDrawFlags_RoundCornersAll);
    // The whole screen, `top` colour fading to `bottom` in flat bands.
    void vertical_gradient(ImU32 top, ImU32 bottom);
    ImDrawList& draw_list() { return *ImGui::GetWindowDrawList(); }
    // Tests: every text drawn from now on is appended to `log` (nullptr: stop).
    void record_drawn_text(std::vector<DrawnText>* log) { drawn_text_ = log; }
    FontLibrary& fonts() { return fonts_; }

private:
    // rect(), leaving out of its flat parts what lies in `hole` (screen px).
    void rounded_rect(ImVec2 min, ImVec2 max, ImU32 color, float rounding, ImDrawFlags corners,
                      const ImRect& hole);
    float text_pixels(float size) const;
    ImVec2 layout_text(float size, std::string_view utf8, float wrap_width,
                       std::vector<std::string_view>* lines, ImFont** used);
    ImVec2 draw_text(float size, ImVec2 at, ImU32 color, std::string_view utf8, Align align,
                     float wrap_width);
    FontLibrary& fonts_;
    Letterbox letterbox_;
    ImVec2 screen_{kLogicalWidth, kLogicalHeight};
    float text_scale_ = 1;
    std::vector<DrawnText>* drawn_text_ = nullptr;
};

} // namespace kiosk
