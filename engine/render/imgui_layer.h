// The Dear ImGui frame on an SDL_Renderer: owns the ImGui context (the one
// allowed global) and draws its output with a DrawDataRenderer. The fonts and
// their textures are the FontLibrary's glyph cache.
#pragma once

#include "render/draw_data_renderer.h"

#include <cstdint>
#include <memory>
#include <string>

struct SDL_Renderer;
struct ImGuiContext;

namespace kiosk {

class FontLibrary;
class PointerFeeder;

class ImGuiLayer {
public:
    // `fonts` was attached to `renderer` (FontLibrary::attach) and outlives
    // the layer: its page 0 is the context's io.Fonts.
    ImGuiLayer(SDL_Renderer* renderer, FontLibrary& fonts);
    ~ImGuiLayer();
    ImGuiLayer(const ImGuiLayer&) = delete;
    ImGuiLayer& operator=(const ImGuiLayer&) = delete;

    // Starts a frame of `width`x`height` pixels lasting `dt` seconds.
    void begin_frame(PointerFeeder& pointer, float dt, int width, int height);
    // Clears to `clear` (an ImU32, e.g. theme::kBackground; its alpha is
    // ignored: the screen is opaque) and draws ImGui's output.
    void end_frame(uint32_t clear);

private:
    SDL_Renderer* renderer_;
    FontLibrary& fonts_;
    DrawDataRenderer draw_data_renderer_;
    ImGuiContext* context_; // made current by every call: several apps may coexist in tests
};

} // namespace kiosk
