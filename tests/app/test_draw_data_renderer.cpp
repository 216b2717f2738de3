// DrawDataRenderer against SDL's own drawing: the same ImGui draw list (opaque
// and translucent rects, rounded cards, a picture scaled inside the screen,
// clipped, and past its edge) drawn by it and by one SDL_RenderGeometryRaw per
// command, as libimgui-dev's backend draws, on SDL's software renderer, must
// give the same bytes.
#include "render/draw_data_renderer.h"

#include <SDL.h>
#include <catch2/catch.hpp>
#include <imgui.h>
#include <imgui_internal.h>

#include <cstring>
#include <memory>
#include <vector>

namespace {

constexpr int kWidth = 320, kHeight = 200;

struct Canvas {
    SDL_Surface* surface =
        SDL_CreateRGBSurfaceWithFormat(0, kWidth, kHeight, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(surface);
    ~Canvas() {
        SDL_DestroyRenderer(renderer);
        SDL_FreeSurface(surface);
    }
    std::vector<unsigned char> bytes() const {
        const auto* pixels = static_cast<const unsigned char*>(surface->pixels);
        return std::vector<unsigned char>(pixels, pixels + surface->pitch * surface->h);
    }
};

// A 40 x 30 picture in the image cache's format, opaque or with a
// translucent band, with a ScaledCopy attached as ImageCache attaches one.
SDL_Texture* picture(SDL_Renderer* renderer, bool opaque, kiosk::ScaledCopy& copy) {
    std::vector<unsigned char> rgba(40 * 30 * 4);
    for (int i = 0; i < 40 * 30; ++i) {
        rgba[size_t(i) * 4 + 0] = (unsigned char)(i * 7);
        rgba[size_t(i) * 4 + 1] = (unsigned char)(i * 13);
        rgba[size_t(i) * 4 + 2] = (unsigned char)(i * 29);
        rgba[size_t(i) * 4 + 3] = opaque || i % 40 < 20 ? 255 : 90;
    }
    SDL_Texture* texture =
        SDL_CreateTexture(renderer, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, 40, 30);
    SDL_UpdateTexture(texture, nullptr, rgba.data(), 40 * 4);
    SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
    copy.opaque = opaque;
    SDL_SetTextureUserData(texture, &copy);
    return texture;
}

// What the draw list holds: rects in several colours, a rounded card with
// anti-aliased corners, and the pictures scaled, one of them under a clip.
void fill_draw_list(ImDrawList& draw, SDL_Texture* opaque, SDL_Texture* translucent,
                    SDL_Texture* white) {
    draw.PushTextureID(white);
    draw.AddRectFilled(ImVec2(10, 10), ImVec2(300, 190), IM_COL32(250, 250, 245, 255));
    draw.AddRectFilled(ImVec2(16, 20), ImVec2(306, 199), IM_COL32(0, 0, 0, 60));
    draw.AddRectFilled(ImVec2(20, 30), ImVec2(120, 90), IM_COL32(14, 38, 64, 255), 12);
    draw.AddCircleFilled(ImVec2(200, 60), 25, IM_COL32(0, 120, 128, 255), 24);
    draw.PopTextureID();
    draw.AddImage(opaque, ImVec2(30, 100), ImVec2(101, 151));       // inside the screen
    draw.AddImage(translucent, ImVec2(130, 100), ImVec2(201, 151)); // translucent: SDL's
    draw.AddImage(opaque, ImVec2(250, 150), ImVec2(331, 211));      // past the edge
    draw.PushClipRect(ImVec2(0, 0), ImVec2(160, 170));
    draw.AddImage(opaque, ImVec2(120, 140), ImVec2(191, 191)); // clipped: SDL's
    draw.PopClipRect();
}

std::vector<unsigned char> draw(bool with_renderer) {
    Canvas canvas;
    kiosk::ScaledCopy opaque_copy, translucent_copy;
    SDL_Texture* opaque = picture(canvas.renderer, true, opaque_copy);
    SDL_Texture* translucent = picture(canvas.renderer, false, translucent_copy);
    SDL_Texture* white =
        SDL_CreateTexture(canvas.renderer, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, 1, 1);
    const unsigned char white_pixel[4] = {255, 255, 255, 255};
    SDL_UpdateTexture(white, nullptr, white_pixel, 4);

    ImDrawListSharedData shared;
    shared.TexUvWhitePixel = ImVec2(0, 0);
    shared.ClipRectFullscreen = ImVec4(0, 0, kWidth, kHeight);
    shared.SetCircleTessellationMaxError(0.3f);
    ImDrawList list(&shared);
    list._ResetForNewFrame();
    list.PushClipRectFullScreen();
    list.Flags = ImDrawListFlags_AntiAliasedFill | ImDrawListFlags_AntiAliasedLines;
    fill_draw_list(list, opaque, translucent, white);
    list._PopUnusedDrawCmd();
    ImDrawList* lists[] = {&list};
    ImDrawData data;
    data.Valid = true;
    data.CmdLists = lists;
    data.CmdListsCount = 1;
    data.TotalVtxCount = list.VtxBuffer.Size;
    data.TotalIdxCount = list.IdxBuffer.Size;
    data.DisplaySize = ImVec2(kWidth, kHeight);
    data.FramebufferScale = ImVec2(1, 1);

    kiosk::DrawDataRenderer renderer(canvas.renderer);
    SDL_SetRenderDrawColor(canvas.renderer, 14, 38, 64, 255);
    for (int frame = 0; frame < 2; ++frame) { // the second frame draws from the copies
        SDL_RenderClear(canvas.renderer);
        if (with_renderer) {
            renderer.render(data);
            continue;
        }
        for (const ImDrawCmd& cmd : list.CmdBuffer) { // as libimgui-dev's backend draws
            const SDL_Rect clip{int(cmd.ClipRect.x), int(cmd.ClipRect.y),
                                int(cmd.ClipRect.z - cmd.ClipRect.x),
                                int(cmd.ClipRect.w - cmd.ClipRect.y)};
            SDL_RenderSetClipRect(canvas.renderer, &clip);
            const ImDrawVert* v = list.VtxBuffer.Data + cmd.VtxOffset;
            SDL_RenderGeometryRaw(
                canvas.renderer, static_cast<SDL_Texture*>(cmd.TextureId), &v->pos.x,
                sizeof(ImDrawVert), reinterpret_cast<const SDL_Color*>(&v->col), sizeof(ImDrawVert),
                &v->uv.x, sizeof(ImDrawVert), list.VtxBuffer.Size - int(cmd.VtxOffset),
                list.IdxBuffer.Data + cmd.IdxOffset, int(cmd.ElemCount), sizeof(ImDrawIdx));
        }
    }
    SDL_RenderFlush(canvas.renderer);
    std::vector<unsigned char> bytes = canvas.bytes();
    if (with_renderer) CHECK(opaque_copy.texture != nullptr); // the copy was used
    SDL_DestroyTexture(white);
    SDL_DestroyTexture(translucent);
    SDL_DestroyTexture(opaque);
    return bytes;
}

} // namespace

TEST_CASE("the draw-data renderer draws SDL's bytes, opaque rects and scaled pictures included",
          "[render]") {
    const std::vector<unsigned char> sdl = draw(false);
    const std::vector<unsigned char> ours = draw(true);
    REQUIRE(sdl.size() == ours.size());
    size_t differing = 0;
    for (size_t i = 0; i < sdl.size(); ++i)
        differing += sdl[i] != ours[i];
    CHECK(differing == 0);
}
