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
#pragma once

struct SDL_Renderer;
struct ImDrawData;

namespace kiosk {

class DrawDataRenderer {
public:
    explicit DrawDataRenderer(SDL_Renderer* renderer);

    // Draws `draw_data` over what the renderer holds; restores its viewport
    // and clip rect, draw colour and blend mode.
    void render(const ImDrawData& draw_data);

private:
    SDL_Renderer* renderer_;
    bool software_; // SDL_RENDERER_SOFTWARE: the headless renderer
};

} // namespace kiosk
