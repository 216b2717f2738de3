// Where a visitor's finger must go to answer a quiz round as planned. The
// option cards' places depend on the question's words, the round's shuffle and
// the language, so the probe plays the round on the real QuizScreen in a small
// headless harness of the kiosk's size (display, fonts, ImGui, strings, built
// the way KioskApp builds them) and reads the touch targets of each frame. It
// taps exactly what the visitor script plans and hands back the answers the
// screen recorded, so the script checks its own plan before writing it down.
#pragma once

#include "app/quiz_screen.h"
#include "core/kiosk_config.h"
#include "core/strings_table.h"
#include "render/display.h"
#include "render/fonts.h"
#include "render/images.h"
#include "render/imgui_layer.h"
#include "render/input.h"
#include "render/ui.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::soak {

class QuizProbe {
public:
    // A harness of `width` x `height` with `config`'s font and strings table;
    // nullptr and `error` when one of them cannot be made.
    static std::unique_ptr<QuizProbe> create(const KioskConfig& config, int width, int height,
                                             std::string& error);
    ~QuizProbe();
    QuizProbe(const QuizProbe&) = delete;
    QuizProbe& operator=(const QuizProbe&) = delete;

    // Opens a round of the quiz pack in `folder` (manifest.lua + quiz.lua) drawn
    // with `seed`, shown in `language`, and draws its first frames.
    bool open(const std::string& folder, uint64_t seed, Language language, std::string& error);
    // Lets `seconds` pass on the screen's clock, then draws two frames.
    void wait(double seconds);
    // A finger down at a logical point and up 0.1 s later, as a replay `tap`.
    void tap(ImVec2 logical);
    // The centre of a touch target of the last frame (QuizScreen::target names).
    std::optional<ImVec2> target(std::string_view name) const;
    const QuizScreen& screen() const { return quiz_; }
    // The answers recorded since the last call, and whether "Home" was tapped.
    std::vector<QuizAnswerRecord> take_answers();
    bool home_tapped() const { return home_tapped_; }

private:
    QuizProbe();
    void frame(double dt);

    StringsTable strings_;
    FontLibrary fonts_;
    std::unique_ptr<Display> display_;
    std::unique_ptr<ImGuiLayer> imgui_;
    std::unique_ptr<ImageCache> images_;
    PointerFeeder pointer_;
    Ui ui_{fonts_};
    std::vector<QuizAnswerRecord> answers_;
    QuizScreen quiz_;
    Language language_ = Language::Zh;
    double time_s_ = 0;
    bool home_tapped_ = false;
    bool video_started_ = false;
};

} // namespace kiosk::soak
