// ImGuiLayer implementation.
#include "imgui_layer.h"

#include "fonts.h"
#include "input.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include <imgui_internal.h>

namespace kiosk {

ImGuiLayer::ImGuiLayer(SDL_Renderer* renderer) : renderer_(renderer) {
    IMGUI_CHECKVERSION();
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_); // CreateContext keeps an older context current
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // a kiosk keeps no window layout between runs
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    io.BackendPlatformName = "kiosk_pointer";
    ImGui_ImplSDLRenderer_Init(renderer_);
}

ImGuiLayer::~ImGuiLayer() {
    ImGui::SetCurrentContext(context_);
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui::DestroyContext(context_);
}

bool ImGuiLayer::update_fonts(FontLibrary& fonts, float scale, std::string& error) {
    if (!fonts.dirty() && scale == built_scale_) return true;
    ImGui::SetCurrentContext(context_);
    ImGui_ImplSDLRenderer_DestroyFontsTexture();
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    if (!fonts.build_atlas(atlas, scale, error)) return false;
    if (!ImGui_ImplSDLRenderer_CreateFontsTexture()) {
        error = std::string("cannot upload the font atlas: ") + SDL_GetError();
        return false;
    }
    atlas.ClearTexData(); // the texture holds the pixels now; keep RAM small
    built_scale_ = scale;
    return true;
}

void ImGuiLayer::begin_frame(PointerFeeder& pointer, float dt, int width, int height) {
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(width), float(height));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    pointer.begin_frame(io, dt > 0 ? dt : 1.0f / 60.0f);
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui::NewFrame();
}

void ImGuiLayer::end_frame(unsigned clear_rgba) {
    ImGui::SetCurrentContext(context_);
    ImGui::Render();
    SDL_SetRenderDrawColor(renderer_, Uint8(clear_rgba >> 24), Uint8(clear_rgba >> 16),
                           Uint8(clear_rgba >> 8), Uint8(clear_rgba));
    SDL_RenderClear(renderer_);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
}

int ImGuiLayer::atlas_width() const {
    return context_->IO.Fonts->TexWidth;
}
int ImGuiLayer::atlas_height() const {
    return context_->IO.Fonts->TexHeight;
}

} // namespace kiosk
