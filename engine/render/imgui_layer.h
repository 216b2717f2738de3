// The Dear ImGui frame on an SDL_Renderer: owns the ImGui context (the one
// allowed global), the SDL_Renderer backend compiled from libimgui-dev's
// source, the font-atlas texture, and the kiosk's touch-sized style.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

struct SDL_Renderer;
struct SDL_Texture;
struct ImGuiContext;
struct ImFontAtlas;

namespace kiosk {

class FontLibrary;
class PointerFeeder;

class ImGuiLayer {
public:
    // `atlas` was built by FontLibrary::build_atlas for `scale` (possibly on
    // another thread, while the display was being opened); the layer owns it and
    // uploads it on the first update_fonts.
    ImGuiLayer(SDL_Renderer* renderer, std::unique_ptr<ImFontAtlas> atlas, float scale);
    ~ImGuiLayer();
    ImGuiLayer(const ImGuiLayer&) = delete;
    ImGuiLayer& operator=(const ImGuiLayer&) = delete;

    // Rebuilds the atlas when `fonts` has new text or the scale changed, and
    // uploads it; between frames only. False + `error` if the font cannot be baked.
    bool update_fonts(FontLibrary& fonts, float scale, std::string& error);
    // Between frames: `atlas`, baked for `scale` by a FontLibrary copy whose
    // fonts the library took (FontLibrary::take_baked), replaces the current
    // one; the next update_fonts uploads it.
    void adopt_atlas(std::unique_ptr<ImFontAtlas> atlas, float scale);

    // Starts a frame of `width`x`height` pixels lasting `dt` seconds.
    void begin_frame(PointerFeeder& pointer, float dt, int width, int height);
    // Clears to `clear` (an ImU32, e.g. theme::kBackground; its alpha is
    // ignored: the screen is opaque) and draws ImGui's output.
    void end_frame(uint32_t clear);

    int atlas_width() const;
    int atlas_height() const;

private:
    SDL_Renderer* renderer_;
    bool upload_font_texture(std::string& error);

    std::unique_ptr<ImFontAtlas> atlas_;
    SDL_Texture* font_texture_ = nullptr; // ours, not the backend's: see upload
    ImGuiContext* context_; // made current by every call: several apps may coexist in tests
    float built_scale_;
};

} // namespace kiosk
