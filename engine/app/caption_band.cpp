// Drawing the caption band (caption_band.h).
#include "caption_band.h"

#include "render/theme.h"

namespace kiosk {
namespace {

constexpr ImU32 kCaptionBox = IM_COL32(0, 0, 0, 215); // white text on it: well over 7:1
constexpr float kWrapWidth = 1560, kPadding = 28, kBottomMargin = 40;

} // namespace

void draw_caption_band(ScreenContext& context, const Caption& caption) {
    const std::string& text =
        context.language == Language::En && !caption.en.empty() ? caption.en : caption.zh;
    Ui& ui = context.ui;
    const ImVec2 size = ui.measure_sized(kCaptionPx, text, kWrapWidth);
    const float top = 1080 - kBottomMargin - size.y - 2 * kPadding;
    const float left = (1920 - size.x) / 2 - kPadding;
    ui.rect(ImVec2(left, top), ImVec2(1920 - left, 1080 - kBottomMargin), kCaptionBox, 16);
    ui.text_sized(kCaptionPx, ImVec2(left + kPadding, top + kPadding), theme::kOnDark, text,
                  Align::Left, kWrapWidth);
}

} // namespace kiosk
