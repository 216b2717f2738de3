// The drawing surface of the kiosk: an SDL window with an SDL_Renderer
// (accelerated when available, software otherwise), or, in headless mode, a
// software renderer over an in-memory surface (SDL's dummy video driver, no
// display needed). Also presents frames and writes PNG screenshots.
#pragma once

#include <memory>
#include <string>

struct SDL_Renderer;
struct SDL_Window;
struct SDL_Surface;

namespace kiosk {

struct DisplayOptions {
    int width = 1280;
    int height = 720;
    bool fullscreen = false; // borderless on `display_index`, cursor hidden
    int display_index = 0;
    bool vsync = true;
    bool headless = false;
    std::string window_title = "kiosk";
};

// Starts SDL's video subsystem (the dummy driver when `headless`), leaving
// SIGTERM and SIGINT to main(). false + `error` when it cannot; the caller
// stops it with SDL_QuitSubSystem(SDL_INIT_VIDEO) after a success.
bool start_sdl_video(bool headless, std::string& error);

class Display {
public:
    // Returns nullptr and fills `error` when SDL cannot give us a surface.
    static std::unique_ptr<Display> create(const DisplayOptions& options, std::string& error);
    ~Display();
    Display(const Display&) = delete;
    Display& operator=(const Display&) = delete;

    SDL_Renderer* renderer() const { return renderer_; }
    SDL_Window* window() const { return window_; } // nullptr when headless
    int width() const { return width_; }
    int height() const { return height_; }
    bool headless() const { return surface_ != nullptr; }
    bool accelerated() const { return accelerated_; }

    // Re-reads the output size (the window may have been resized).
    void refresh_size();
    void present();
    // Writes the current frame (before present) as PNG; false + `error` on failure.
    bool write_screenshot(const std::string& png_path, std::string& error) const;

private:
    Display() = default;
    SDL_Window* window_ = nullptr;
    SDL_Surface* surface_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    int width_ = 0;
    int height_ = 0;
    bool accelerated_ = false;
};

} // namespace kiosk
