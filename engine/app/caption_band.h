// Narration captions as the runtime draws them over an exhibit: one line of
// the visitor's language (zh when the caption has no en), wrapped, at
// kCaptionPx (readable from a step back), white on a dark box in a band at
// the bottom of the screen.
#pragma once

#include "screen_context.h"
#include "script/exhibit_audio_sink.h"

namespace kiosk {

inline constexpr float kCaptionPx = 44;

void draw_caption_band(ScreenContext& context, const Caption& caption);

} // namespace kiosk
