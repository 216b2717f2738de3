// The kiosk's colours, each named once, as ImU32 (Dear ImGui's packed colour,
// 0xAABBGGRR): every screen of engine/app and every widget of engine/render
// takes its colours from here. Every text colour meets WCAG AA on the
// backgrounds it is drawn on (tests/app/test_accessibility.cpp lists the pairs). A frame's clear
// colour is an ImU32 too; ImGuiLayer::end_frame is the one place that hands it to SDL.
#pragma once

#include <imgui.h>

namespace kiosk::theme {

// `color` with its alpha replaced by `alpha` (0..255).
constexpr ImU32 with_alpha(ImU32 color, int alpha) {
    return (color & ~IM_COL32_A_MASK) | (ImU32(alpha) << IM_COL32_A_SHIFT);
}

// Surfaces.
constexpr ImU32 kBackground = IM_COL32(14, 38, 64, 255); // every screen's clear colour
constexpr ImU32 kBackgroundDeep = IM_COL32(6, 20, 38, 255);
constexpr ImU32 kCard = IM_COL32(250, 250, 245, 255);
constexpr ImU32 kCardPressed = IM_COL32(214, 228, 240, 255);
constexpr ImU32 kCardSelected = IM_COL32(255, 236, 196, 255); // a ticked or numbered option
constexpr ImU32 kCardShadow = IM_COL32(0, 0, 0, 60);
constexpr ImU32 kKey = IM_COL32(226, 232, 240, 255); // the admin PIN pad
constexpr ImU32 kKeyPressed = IM_COL32(190, 200, 214, 255);
constexpr ImU32 kDisabled = IM_COL32(70, 92, 118, 255);  // a button not ready to be tapped
constexpr ImU32 kRowNeutral = IM_COL32(36, 64, 94, 255); // quiz feedback: an option not involved

// Ink.
constexpr ImU32 kInk = IM_COL32(24, 32, 44, 255);
constexpr ImU32 kInkSoft = IM_COL32(84, 96, 112, 255);
constexpr ImU32 kOnDark = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kOnDarkSoft = IM_COL32(190, 210, 230, 255);
constexpr ImU32 kStaffInk = IM_COL32(150, 170, 190, 255); // the startup failure's staff lines

// Signals.
constexpr ImU32 kAccent = IM_COL32(255, 176, 32, 255);
constexpr ImU32 kAccentPressed = IM_COL32(220, 140, 10, 255);
constexpr ImU32 kTeal =
    IM_COL32(0, 120, 128, 255); // also the quiz's "learn" heading on kCard (5.0:1)
constexpr ImU32 kDanger = IM_COL32(210, 64, 56, 255);
constexpr ImU32 kDangerPressed = IM_COL32(170, 40, 36, 255);
constexpr ImU32 kRight = IM_COL32(28, 128, 64, 255); // a right answer (white on it 5.0:1)
constexpr ImU32 kWrong = kDanger;                    // a wrong one

// Overlays.
constexpr ImU32 kShade = IM_COL32(0, 0, 0, 170); // behind the admin overlay
constexpr ImU32 kShadeLight = IM_COL32(0, 0, 0, 120);
constexpr ImU32 kFaint = with_alpha(kOnDark, 40); // an empty star, a question to come
constexpr ImU32 kPill =
    with_alpha(kBackgroundDeep, 140); // "your pick": white on it over kRight 9:1
constexpr ImU32 kScrollBar = with_alpha(kOnDark, 120);
constexpr ImU32 kVeil = with_alpha(kBackground, 130); // fades a picture not involved

// Emergency notices (docs/emergency-notices.md): contrast at least 7:1 for
// every text on them (white on kAlert 12.6:1, kInk on kDrill 11.6:1, kInk on
// kAccent 8.9:1).
constexpr ImU32 kAlert = IM_COL32(110, 0, 0, 255);   // the takeover's background
constexpr ImU32 kDrill = IM_COL32(255, 214, 0, 255); // the 演练 / 测试 label's band
constexpr ImU32 kNoticeBanner = kAccent;             // banner and strip, ink kInk

// Scenes: the attract screen's atom, the startup failure's night sky, the
// curator's error page.
constexpr ImU32 kOrbit = IM_COL32(120, 200, 230, 110);
constexpr ImU32 kElectron = IM_COL32(170, 235, 255, 255);
constexpr ImU32 kElectronGlow = IM_COL32(120, 220, 255, 60);
constexpr ImU32 kAtomGlow = with_alpha(kAccent, 70);
constexpr ImU32 kInvitation = IM_COL32(255, 200, 90, 255); // its alpha breathes
constexpr ImU32 kMoon = IM_COL32(255, 214, 120, 255);
constexpr ImU32 kStar = with_alpha(kOnDarkSoft, 200);
constexpr ImU32 kDevErrorBackground = IM_COL32(40, 12, 16, 255);

} // namespace kiosk::theme
