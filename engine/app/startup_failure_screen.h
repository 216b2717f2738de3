// The startup failure screen: what a visitor sees when the kiosk cannot start.
// A calm, still picture (a resting moon) that says in Chinese and English that
// this exhibit is resting and to try another one, plus a small staff line with
// the reason code and where the full reason is written. No buttons: nothing on
// it can be touched.
//
// The words come from the strings table (keys kStartupFailureKeys in
// content/strings.lua); when that table is unusable, from the fallback strings
// file shipped with the kiosk (kiosk-config/fallback-strings.lua, installed next
// to the binary as fallback-strings.lua, or in ../share/kiosk/); when that
// fails too, or no CJK font can be read, the screen is drawn without any text.
// It never fails for want of text: only for want of a display.
#pragma once

#include "core/strings_table.h"
#include "render/display.h"
#include "render/fonts.h"
#include "render/imgui_layer.h"
#include "render/input.h"
#include "render/ui.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

// startup_failed_title, startup_failed_body, startup_failed_staff ({code} and
// {where} filled in), startup_failed_log_only (the {where} when no report file),
// startup_failed_unsafe_data (the fix for an unsafe data folder, {folder}).
const std::vector<std::string>& startup_failure_string_keys();

// Where the fallback strings file may be: next to the running binary, then in
// ../share/kiosk/ beside its folder.
std::vector<std::string> fallback_strings_files();

struct FailureScreenOptions {
    bool headless = false;
    bool fullscreen = false;
    int display_index = 0;
    int width = 1280; // ignored in full screen (the display's size)
    int height = 720;
    // Tried in order; the first that loads with every startup_failure key wins.
    std::vector<std::string> strings_files;
    std::vector<FontSpec> fonts; // tried in order; sizes are the screen's own
    std::string code;            // "CONFIG" ...
    std::string report_path;     // "" when the reason is only in the log
    // The data folder when it was refused as unsafe: a staff line says how to fix it.
    std::string unsafe_data_folder;
};

class StartupFailureScreen {
public:
    // Opens the window (or the headless surface). nullptr + `error` only when
    // there is no display; missing words or fonts give a screen without text.
    static std::unique_ptr<StartupFailureScreen> open(const FailureScreenOptions& options,
                                                      std::string& error);
    ~StartupFailureScreen();
    StartupFailureScreen(const StartupFailureScreen&) = delete;
    StartupFailureScreen& operator=(const StartupFailureScreen&) = delete;

    void draw();
    void present() { display_->present(); }
    bool screenshot(const std::string& png_path, std::string& error) const {
        return display_->write_screenshot(png_path, error);
    }
    // Real time: waits up to `timeout_ms` for window events. False when the
    // window was asked to close (a windowed run; full screen has no way out).
    bool wait_events(int timeout_ms);

    bool has_text() const { return text_.has_value(); }
    const std::string& strings_source() const { return strings_source_; } // "" without text
    const FontLibrary& fonts() const { return fonts_; }
    const Display& display() const { return *display_; }

private:
    StartupFailureScreen() = default;
    bool prepare_text(const FailureScreenOptions& options, std::string& why_not);
    void draw_with_text();
    void draw_plain();

    struct Text {
        Bilingual title, body, staff;
        std::optional<Bilingual> fix; // above the staff line
    };
    std::optional<Text> text_;
    std::string strings_source_;
    bool sdl_video_started_ = false;
    bool fullscreen_ = false;
    std::unique_ptr<Display> display_;
    FontLibrary fonts_;
    std::unique_ptr<ImGuiLayer> imgui_;
    PointerFeeder pointer_; // nothing to touch, but ImGui's frame wants one
    Ui ui_{fonts_};
};

} // namespace kiosk
