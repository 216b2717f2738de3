// Draws Dear ImGui's draw data with an SDL_Renderer: what libimgui-dev's
// SDL_Renderer backend (imgui_impl_sdlrenderer.cpp) does, one
// SDL_RenderGeometryRaw per draw command under its clip rect, except that with
// SDL's software renderer (headless) the opaque flat rectangles are filled
// without blending.
//
// Why: SDL 2.26's software renderer turns each pair of triangles forming an
// axis-aligned rectangle into SDL_RenderFillRect, always with
// SDL_BLENDMODE_BLEND, which blends every pixel even when the colour is
// opaque. Blending an opaque colour gives exactly that colour, so filling it
// with SDL_BLENDMODE_NONE (SDL_FillRects) draws the same bytes at a fraction
// of the cost: the home screen's cards spent half of each headless frame
// there. Everything else is handed to SDL_RenderGeometryRaw in the same order
// and with the same triangle pairing, so SDL draws it as before.
//
// And, with the software renderer, a still picture drawn scaled is scaled
// once, into a ScaledCopy, and then copied pixel for pixel each frame: the
// scaling was most of what a headless home frame still cost. Only where the
// copy gives the bytes SDL's own scaled draw gives: the same nearest-pixel
// scaling, then either the draw is not clipped and the picture opaque (SDL
// blends while scaling, the copy after; the same for an opaque pixel), or the
// draw reaches past the screen's edge (SDL itself scales whole and then
// copies, clipped). Otherwise SDL draws it as before.
#pragma once

#include <cstdint>

struct SDL_Renderer;
struct SDL_Texture;
struct ImDrawData;

namespace kiosk {

// A still picture's copy at the size it was last drawn. Whoever owns a
// texture whose pixels never change after upload (ImageCache) attaches one
// with SDL_SetTextureUserData and keeps it as long as the texture; the copy
// is destroyed with it.
struct ScaledCopy {
    ScaledCopy() = default;
    ~ScaledCopy();
    ScaledCopy(const ScaledCopy&) = delete;
    ScaledCopy& operator=(const ScaledCopy&) = delete;

    bool opaque = false;            // every pixel's alpha is 255
    SDL_Texture* texture = nullptr; // the copy, or none yet
    int source_x = 0, source_y = 0, source_width = 0, source_height = 0; // what it scales
    uint64_t drawn_frame = 0; // DrawDataRenderer's frame that last drew it
};

class DrawDataRenderer {
public:
    explicit DrawDataRenderer(SDL_Renderer* renderer);

    // Draws `draw_data` over what the renderer holds; restores its viewport
    // and clip rect, draw colour and blend mode.
    void render(const ImDrawData& draw_data);

private:
    SDL_Renderer* renderer_;
    bool software_; // SDL_RENDERER_SOFTWARE: the headless renderer
    uint64_t frame_ = 0;
};

} // namespace kiosk
