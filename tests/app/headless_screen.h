// What KioskApp gives a screen's drawing, without KioskApp: a headless
// display (SDL's dummy driver, software renderer), the glyph cache on its
// renderer, an ImGui frame, a pointer and the Ui, plus screenshots compared
// with tests/app/goldens as compare_with_golden does for a KioskApp. Used by
// the tests of one screen (the quiz) and of the glyph cache.
#pragma once

#include "app_test_support.h"
#include "test_paths.h"

#include "render/display.h"
#include "render/fonts.h"
#include "render/imgui_layer.h"
#include "render/input.h"
#include "render/ui.h"

#include <SDL.h>

#include <catch2/catch.hpp>

#include <memory>
#include <string>

namespace kiosk::test {

class HeadlessScreen {
public:
    HeadlessScreen(int width, int height, const FontSpec& font) {
        std::string error;
        const bool font_loaded = fonts_.load(font, error);
        INFO(error);
        REQUIRE(font_loaded);
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
        REQUIRE(SDL_InitSubSystem(SDL_INIT_VIDEO) == 0);
        DisplayOptions options;
        options.width = width;
        options.height = height;
        options.headless = true;
        display_ = Display::create(options, error);
        INFO(error);
        REQUIRE(display_);
        fonts_.attach(display_->renderer(), display_->height());
        imgui_ = std::make_unique<ImGuiLayer>(display_->renderer(), fonts_);
        ui_.set_screen(display_->width(), display_->height());
        pointer_.set_drag_threshold(ui_.px(24));
    }
    ~HeadlessScreen() {
        imgui_.reset();
        fonts_.detach(); // its textures are the renderer's
        display_.reset();
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
    }
    HeadlessScreen(const HeadlessScreen&) = delete;
    HeadlessScreen& operator=(const HeadlessScreen&) = delete;

    FontLibrary& fonts() { return fonts_; }
    Ui& ui() { return ui_; }

    void screenshot(const std::string& path) {
        std::string error;
        const bool written = display_->write_screenshot(path, error);
        INFO(error);
        REQUIRE(written);
    }

    // Screenshots the last frame and compares it with tests/app/goldens/NAME.png
    // (KIOSK_UPDATE_GOLDENS=1 rewrites it).
    PngCompare golden(const std::string& name) {
        return compare_screenshot_with_golden(name,
                                              [&](const std::string& path, std::string& error) {
                                                  return display_->write_screenshot(path, error);
                                              });
    }

protected:
    FontLibrary fonts_;
    std::unique_ptr<Display> display_;
    std::unique_ptr<ImGuiLayer> imgui_;
    PointerFeeder pointer_;
    Ui ui_{fonts_};
};

} // namespace kiosk::test
