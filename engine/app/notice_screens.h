// How an emergency notice looks (issue 18, part 3; docs/emergency-notices.md
// "Severity rules"): the takeover (Extreme, Severe: the whole screen, the
// event, the headline and the instruction in large type in both languages,
// "learn what to do" buttons for the linked content, a close button after
// 10 s), the banner on the home and attract screens and the strip on top of
// exhibits and quizzes (Moderate, Minor, Unknown, and a takeover the visitor
// closed). Exercise and Test carry the 演练 / 测试 label in large type on each.
// Sizes are logical pixels at 1080 lines: headline at least 64, instruction
// at least 44, touch targets 120 high; the app decides which notice shows.
#pragma once

#include "screen_context.h"
#include "sync/notice.h"

#include <string>
#include <vector>

namespace kiosk {

// A "learn what to do" target: a linked content id found in the catalog.
struct NoticeLink {
    std::string content_id;
    Bilingual title;
};

struct TakeoverAction {
    int open_link = -1; // index into the links
    bool close = false;
};

constexpr double kTakeoverCloseAfterS = 10;
constexpr float kNoticeMinHeadlinePx = 64;
constexpr float kNoticeMinInstructionPx = 44;
constexpr float kNoticeButtonHeight = 120;
constexpr size_t kMaxNoticeLinksShown = 3;

// The whole screen. `shown_for_s`: how long this takeover has been up.
TakeoverAction draw_notice_takeover(ScreenContext& context, const sync::Notice& notice,
                                    const std::vector<NoticeLink>& links, double shown_for_s);

// The banner across the bottom of home and attract: `notice`, and "+N" when
// `more` others are in force.
void draw_notice_banner(ScreenContext& context, const sync::Notice& notice, size_t more);

// The strip across the top of an exhibit or a quiz (beside the back button),
// drawn over it without taking its touches.
void draw_notice_strip(ScreenContext& context, const sync::Notice& notice);

// "演练" / "测试" (the strings table's notice_exercise / notice_test) or "".
std::string drill_label(const ScreenContext& context, const sync::Notice& notice,
                        Language language);

} // namespace kiosk
