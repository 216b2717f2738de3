// ImGuiLayer implementation.
#include "imgui_layer.h"

#include "fonts.h"
#include "input.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_internal.h>

namespace kiosk {

ImGuiLayer::ImGuiLayer(SDL_Renderer* renderer, FontLibrary& fonts)
    : renderer_(renderer), fonts_(fonts), draw_data_renderer_(renderer) {
    IMGUI_CHECKVERSION();
    context_ = ImGui::CreateContext(fonts_.imgui_atlas());
    ImGui::SetCurrentContext(context_); // CreateContext keeps an older context current
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // a kiosk keeps no window layout between runs
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    io.BackendPlatformName = "kiosk_pointer";
    io.BackendRendererName = "kiosk_draw_data_renderer";
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset; // draw lists over 64k vertices
}

ImGuiLayer::~ImGuiLayer() {
    ImGui::SetCurrentContext(context_);
    ImGui::DestroyContext(context_);
}

void ImGuiLayer::begin_frame(PointerFeeder& pointer, float dt, int width, int height) {
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(width), float(height));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    pointer.begin_frame(io, dt > 0 ? dt : 1.0f / 60.0f);
    fonts_.begin_frame();
    ImGui::NewFrame();
}

void ImGuiLayer::end_frame(uint32_t clear) {
    ImGui::SetCurrentContext(context_);
    ImGui::Render();
    SDL_SetRenderDrawColor(renderer_, Uint8(clear >> IM_COL32_R_SHIFT),
                           Uint8(clear >> IM_COL32_G_SHIFT), Uint8(clear >> IM_COL32_B_SHIFT), 255);
    SDL_RenderClear(renderer_);
    draw_data_renderer_.render(*ImGui::GetDrawData());
}

} // namespace kiosk
