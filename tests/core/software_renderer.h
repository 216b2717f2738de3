// Test helper for tests that make real SDL textures: a software renderer on a
// small surface, no window or video driver needed.
#pragma once

#include <SDL.h>

namespace kiosk::test {

struct SoftwareRenderer {
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer* renderer = surface ? SDL_CreateSoftwareRenderer(surface) : nullptr;
    ~SoftwareRenderer() {
        if (renderer) SDL_DestroyRenderer(renderer);
        if (surface) SDL_FreeSurface(surface);
    }
};

} // namespace kiosk::test
