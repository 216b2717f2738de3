// Display implementation: window or surface creation, renderer choice, PNG output.
#include "display.h"

#include <SDL.h>
#include <stb_image_write.h>

#include <vector>

namespace kiosk {

bool start_sdl_video(bool headless, std::string& error) {
    if (headless) SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1"); // main() owns SIGTERM/SIGINT
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) == 0) return true;
    error = std::string("cannot start SDL video: ") + SDL_GetError();
    return false;
}

std::unique_ptr<Display> Display::create(const DisplayOptions& options, std::string& error) {
    std::unique_ptr<Display> display(new Display());
    if (options.headless) {
        display->surface_ = SDL_CreateRGBSurfaceWithFormat(0, options.width, options.height, 32,
                                                           SDL_PIXELFORMAT_ARGB8888);
        if (!display->surface_) {
            error = std::string("cannot create the headless surface: ") + SDL_GetError();
            return nullptr;
        }
        display->renderer_ = SDL_CreateSoftwareRenderer(display->surface_);
        if (!display->renderer_) {
            error = std::string("cannot create the software renderer: ") + SDL_GetError();
            return nullptr;
        }
        display->width_ = options.width;
        display->height_ = options.height;
        return display;
    }

    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    int x = int(SDL_WINDOWPOS_CENTERED_DISPLAY(options.display_index));
    int y = x;
    int width = options.width;
    int height = options.height;
    if (options.fullscreen) {
        SDL_Rect bounds;
        if (SDL_GetDisplayBounds(options.display_index, &bounds) != 0) {
            error = "display " + std::to_string(options.display_index) +
                    " does not exist: " + SDL_GetError();
            return nullptr;
        }
        flags |= SDL_WINDOW_BORDERLESS | SDL_WINDOW_FULLSCREEN_DESKTOP;
        x = bounds.x;
        y = bounds.y;
        width = bounds.w;
        height = bounds.h;
    } else {
        flags |= SDL_WINDOW_RESIZABLE;
    }
    // SDL's renderer never uses a depth buffer. Without one, Mesa's llvmpipe
    // draws axis-aligned quads (glyphs, discs, rectangles) as rectangles
    // instead of triangle pairs: about a third less CPU a frame.
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    display->window_ = SDL_CreateWindow(options.window_title.c_str(), x, y, width, height, flags);
    if (!display->window_) {
        error = std::string("cannot open the window: ") + SDL_GetError();
        return nullptr;
    }
    if (options.fullscreen) SDL_ShowCursor(SDL_DISABLE);

    Uint32 vsync = options.vsync ? SDL_RENDERER_PRESENTVSYNC : 0;
    display->renderer_ = SDL_CreateRenderer(display->window_, -1, SDL_RENDERER_ACCELERATED | vsync);
    display->accelerated_ = display->renderer_ != nullptr;
    if (!display->renderer_)
        display->renderer_ = SDL_CreateRenderer(display->window_, -1, SDL_RENDERER_SOFTWARE);
    if (!display->renderer_) {
        error = std::string("cannot create a renderer: ") + SDL_GetError();
        return nullptr;
    }
    display->refresh_size();
    return display;
}

Display::~Display() {
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (surface_) SDL_FreeSurface(surface_);
    if (window_) SDL_DestroyWindow(window_);
}

void Display::refresh_size() {
    if (surface_) return;
    SDL_GetRendererOutputSize(renderer_, &width_, &height_);
}

void Display::present() {
    SDL_RenderPresent(renderer_);
}

bool Display::write_screenshot(const std::string& png_path, std::string& error) const {
    std::vector<unsigned char> pixels(size_t(width_) * size_t(height_) * 4);
    // ABGR8888 on a little-endian machine is R,G,B,A in memory: what stb wants.
    if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, pixels.data(),
                             width_ * 4) != 0) {
        error = std::string("cannot read the frame back: ") + SDL_GetError();
        return false;
    }
    for (size_t i = 3; i < pixels.size(); i += 4)
        pixels[i] = 255; // a screen is opaque
    if (!stbi_write_png(png_path.c_str(), width_, height_, 4, pixels.data(), width_ * 4)) {
        error = "cannot write " + png_path;
        return false;
    }
    return true;
}

} // namespace kiosk
