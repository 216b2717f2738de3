// ImGuiLayer implementation.
#include "imgui_layer.h"

#include "fonts.h"
#include "input.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include <imgui_internal.h>

namespace kiosk {

ImGuiLayer::ImGuiLayer(SDL_Renderer* renderer, std::unique_ptr<ImFontAtlas> atlas, float scale)
    : renderer_(renderer), atlas_(std::move(atlas)), built_scale_(scale) {
    IMGUI_CHECKVERSION();
    context_ = ImGui::CreateContext(atlas_.get());
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
    if (font_texture_) SDL_DestroyTexture(font_texture_);
}

bool ImGuiLayer::update_fonts(FontLibrary& fonts, float scale, std::string& error) {
    bool rebuild = fonts.dirty() || scale != built_scale_;
    if (!rebuild && font_texture_) return true;
    ImGui::SetCurrentContext(context_);
    if (font_texture_) SDL_DestroyTexture(font_texture_);
    font_texture_ = nullptr;
    if (rebuild && !fonts.build_atlas(*atlas_, scale, error)) return false;
    built_scale_ = scale;
    return upload_font_texture(error);
}

void ImGuiLayer::adopt_atlas(std::unique_ptr<ImFontAtlas> atlas, float scale) {
    ImGui::SetCurrentContext(context_);
    ImGui::GetIO().Fonts = atlas.get(); // the context never owned the atlas it was given
    atlas_ = std::move(atlas);
    built_scale_ = scale;
    if (font_texture_) SDL_DestroyTexture(font_texture_);
    font_texture_ = nullptr;
}

// The backend's own upload converts the atlas to an RGBA copy and then copies
// that again; writing the white-with-alpha pixels straight into a streaming
// texture halves the work on the start-up path.
bool ImGuiLayer::upload_font_texture(std::string& error) {
    unsigned char* alpha = nullptr;
    int width = 0, height = 0;
    atlas_->GetTexDataAsAlpha8(&alpha, &width, &height);
    font_texture_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32,
                                      SDL_TEXTUREACCESS_STREAMING, width, height);
    void* pixels = nullptr;
    int pitch = 0;
    if (!font_texture_ || SDL_LockTexture(font_texture_, nullptr, &pixels, &pitch) != 0) {
        error = std::string("cannot upload the font atlas: ") + SDL_GetError();
        return false;
    }
    for (int y = 0; y < height; ++y) {
        auto* row = reinterpret_cast<uint32_t*>(static_cast<unsigned char*>(pixels) + y * pitch);
        const unsigned char* source = alpha + size_t(y) * size_t(width);
        for (int x = 0; x < width; ++x)
            row[x] = (uint32_t(source[x]) << 24) | 0x00FFFFFFu;
    }
    SDL_UnlockTexture(font_texture_);
    SDL_SetTextureBlendMode(font_texture_, SDL_BLENDMODE_BLEND);
    atlas_->SetTexID(font_texture_);
    atlas_->ClearTexData(); // the texture holds the pixels now; keep RAM small
    return true;
}

void ImGuiLayer::begin_frame(PointerFeeder& pointer, float dt, int width, int height) {
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(width), float(height));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    pointer.begin_frame(io, dt > 0 ? dt : 1.0f / 60.0f);
    // No ImGui_ImplSDLRenderer_NewFrame: all it does is create the font texture,
    // which update_fonts owns.
    ImGui::NewFrame();
}

void ImGuiLayer::end_frame(uint32_t clear) {
    ImGui::SetCurrentContext(context_);
    ImGui::Render();
    SDL_SetRenderDrawColor(renderer_, Uint8(clear >> IM_COL32_R_SHIFT),
                           Uint8(clear >> IM_COL32_G_SHIFT), Uint8(clear >> IM_COL32_B_SHIFT), 255);
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
