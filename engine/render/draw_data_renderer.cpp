// DrawDataRenderer: ImGui's draw lists on an SDL_Renderer (draw_data_renderer.h
// says what differs from libimgui-dev's backend, and why).
#include "render/draw_data_renderer.h"

#include <SDL.h>
#include <imgui.h>

#include <algorithm>

namespace kiosk {
namespace {

// One draw command's triangles: `vertices` from its VtxOffset on, `indices`
// from its IdxOffset on, drawn with `texture`.
struct CommandTriangles {
    SDL_Texture* texture = nullptr;
    int texture_width = 0, texture_height = 0;
    const ImDrawVert* vertices = nullptr;
    int vertex_count = 0;
    const ImDrawIdx* indices = nullptr;
    int index_count = 0;
};

// Hands `count` indices of `command` from `first` on to SDL, which draws them
// as it would draw them within the whole command. Only the vertices they use
// are passed: SDL checks every vertex's uv of each call.
void draw_geometry(SDL_Renderer* renderer, const CommandTriangles& command, int first, int count) {
    if (count <= 0) return;
    const ImDrawIdx* indices = command.indices + first;
    int used = 3;
    for (int i = 0; i < count; ++i)
        used = std::max(used, int(indices[i]) + 1);
    const ImDrawVert* v = command.vertices;
    static_assert(sizeof(SDL_Color) == sizeof(ImU32), "ImGui's colour is SDL's RGBA bytes");
    SDL_RenderGeometryRaw(renderer, command.texture, &v->pos.x, int(sizeof(ImDrawVert)),
                          reinterpret_cast<const SDL_Color*>(&v->col), int(sizeof(ImDrawVert)),
                          &v->uv.x, int(sizeof(ImDrawVert)), std::min(used, command.vertex_count),
                          indices, count, int(sizeof(ImDrawIdx)));
}

SDL_Color color_of(const ImDrawVert& vertex) {
    return SDL_Color{Uint8(vertex.col >> IM_COL32_R_SHIFT), Uint8(vertex.col >> IM_COL32_G_SHIFT),
                     Uint8(vertex.col >> IM_COL32_B_SHIFT), Uint8(vertex.col >> IM_COL32_A_SHIFT)};
}

// What SDL's software renderer makes of two consecutive triangles.
enum class Pair {
    Triangles,  // no rectangle: the first is drawn as a lone triangle
    Copy,       // a rectangle SDL copies the texture's `source` to
    Rectangle,  // a rectangle SDL fills blended, or skips (empty)
    OpaqueFill, // a rectangle SDL fills blended with an opaque colour
};

// The rectangle of a pair: where (`rect`), from where in the texture
// (`source`, for a copy) and in what colour (the texture's modulation).
struct PairRect {
    SDL_FRect rect{};
    SDL_Rect source{};
    SDL_Color color{};
};

// SDL 2.26's SDL_SW_RenderGeometryRaw (src/render/SDL_render.c), step by
// step: whether the triangle `k` and the one before it, `previous`, share two
// vertices and form an axis-aligned rectangle of one colour, and what SDL
// draws for them.
Pair pair_of(const CommandTriangles& command, const int previous[3], const int k[3],
             PairRect& pair) {
    int shared = 0;
    for (int j = 0; j < 3; ++j)
        if (previous[j] == k[0] || previous[j] == k[1] || previous[j] == k[2]) ++shared;
    if (shared != 2) return Pair::Triangles;
    const ImDrawVert* v = command.vertices;
    const auto x = [&](int i) { return v[i].pos.x; };
    const auto y = [&](int i) { return v[i].pos.y; };
    int a = 0, b = 0, c = 0, c2 = 0; // top left, bottom right, the others
    if (x(k[0]) <= x(k[1]) && y(k[0]) <= y(k[1]))
        a = x(k[0]) <= x(k[2]) && y(k[0]) <= y(k[2]) ? k[0] : k[2];
    else
        a = x(k[1]) <= x(k[2]) && y(k[1]) <= y(k[2]) ? k[1] : k[2];
    if (x(k[0]) >= x(k[1]) && y(k[0]) >= y(k[1]))
        b = x(k[0]) >= x(k[2]) && y(k[0]) >= y(k[2]) ? k[0] : k[2];
    else
        b = x(k[1]) >= x(k[2]) && y(k[1]) >= y(k[2]) ? k[1] : k[2];
    c = k[0] != a && k[0] != b ? k[0] : k[1] != a && k[1] != b ? k[1] : k[2];
    c2 = previous[0] != a && previous[0] != b   ? previous[0]
         : previous[1] != a && previous[1] != b ? previous[1]
                                                : previous[2];
    for (int corner : {c, c2})
        if (!((x(a) == x(corner) && y(b) == y(corner)) || (y(a) == y(corner) && x(b) == x(corner))))
            return Pair::Triangles;
    if (v[a].col != v[b].col || v[a].col != v[c].col || v[a].col != v[c2].col)
        return Pair::Triangles;
    pair.rect = SDL_FRect{x(a), y(a), x(b) - x(a), y(b) - y(a)};
    pair.color = color_of(v[k[0]]);
    if (command.texture) { // a copy of the texture unless its uv rect is empty
        SDL_Rect& source = pair.source;
        source.x = int(v[a].uv.x * float(command.texture_width));
        source.y = int(v[a].uv.y * float(command.texture_height));
        source.w = int(v[b].uv.x * float(command.texture_width) - float(source.x));
        source.h = int(v[b].uv.y * float(command.texture_height) - float(source.y));
        if (source.w != 0 && source.h != 0) return Pair::Copy;
    }
    if (pair.rect.w == 0 || pair.rect.h == 0 || pair.color.a != 255) return Pair::Rectangle;
    return Pair::OpaqueFill;
}

// The ScaledCopy to draw `pair` (a copy of `command`'s texture) from, made
// now if needed, when that draws the bytes SDL's scaled copy would
// (draw_data_renderer.h says when); else nullptr. `clip` is the command's clip
// rect, `screen` the renderer's output.
SDL_Texture* scaled_copy_for(SDL_Renderer* renderer, const CommandTriangles& command,
                             const PairRect& pair, const SDL_Rect& clip, const SDL_Rect& screen,
                             uint64_t frame) {
    auto* copy = static_cast<ScaledCopy*>(SDL_GetTextureUserData(command.texture));
    if (!copy) return nullptr;
    const SDL_Rect& source = pair.source;
    const SDL_Color& color = pair.color;
    if ((color.r & color.g & color.b & color.a) != 255) return nullptr; // modulated
    if (source.x < 0 || source.y < 0 || source.w <= 0 || source.h <= 0 ||
        source.x + source.w > command.texture_width || source.y + source.h > command.texture_height)
        return nullptr;
    // SDL_RenderCopyF skips a copy off the screen; SW_QueueCopy truncates.
    const SDL_FRect whole{0, 0, float(screen.w), float(screen.h)};
    if (!SDL_HasIntersectionF(&pair.rect, &whole)) return nullptr;
    const SDL_Rect to{int(pair.rect.x), int(pair.rect.y), int(pair.rect.w), int(pair.rect.h)};
    if (to.w <= 0 || to.h <= 0 || (to.w == source.w && to.h == source.h)) return nullptr;
    const bool past_edge = to.x < 0 || to.y < 0 || to.x + to.w > screen.w || to.y + to.h > screen.h;
    SDL_Rect visible{};
    SDL_IntersectRect(&clip, &screen, &visible);
    const bool unclipped = to.x >= visible.x && to.y >= visible.y &&
                           to.x + to.w <= visible.x + visible.w &&
                           to.y + to.h <= visible.y + visible.h;
    if (!past_edge && !(unclipped && copy->opaque)) return nullptr;

    int width = 0, height = 0;
    if (copy->texture) SDL_QueryTexture(copy->texture, nullptr, nullptr, &width, &height);
    const bool same = copy->texture && width == to.w && height == to.h &&
                      copy->source_x == source.x && copy->source_y == source.y &&
                      copy->source_width == source.w && copy->source_height == source.h;
    if (!same) {
        if (copy->drawn_frame == frame) return nullptr; // drawn at another size this frame
        if (copy->texture) SDL_DestroyTexture(copy->texture);
        copy->texture = nullptr;
        Uint32 format = 0;
        SDL_QueryTexture(command.texture, &format, nullptr, nullptr, nullptr);
        SDL_Texture* made =
            SDL_CreateTexture(renderer, format, SDL_TEXTUREACCESS_TARGET, to.w, to.h);
        if (!made) return nullptr;
        // SDL's own nearest-pixel scaling, as its scaled copy does it: the
        // picture unblended and unmodulated onto the whole of the copy.
        SDL_BlendMode blend = SDL_BLENDMODE_NONE;
        SDL_GetTextureBlendMode(command.texture, &blend);
        SDL_SetTextureBlendMode(command.texture, SDL_BLENDMODE_NONE);
        SDL_SetTextureColorMod(command.texture, 255, 255, 255);
        SDL_SetTextureAlphaMod(command.texture, 255);
        SDL_SetRenderTarget(renderer, made);
        const int drawn = SDL_RenderCopy(renderer, command.texture, &source, nullptr);
        SDL_SetRenderTarget(renderer, nullptr);
        SDL_SetTextureBlendMode(command.texture, blend);
        SDL_RenderSetClipRect(renderer, &clip);
        if (drawn != 0) {
            SDL_DestroyTexture(made);
            return nullptr;
        }
        SDL_SetTextureBlendMode(made, blend);
        copy->texture = made;
        copy->source_x = source.x;
        copy->source_y = source.y;
        copy->source_width = source.w;
        copy->source_height = source.h;
    }
    copy->drawn_frame = frame;
    return copy->texture;
}

// The software renderer's pass over one command: SDL's own pairing, with the
// opaque rectangles filled here, scaled pictures copied from their
// ScaledCopy, and each run of other triangles between them handed to SDL,
// which pairs them the same way (every run starts where SDL holds no unpaired
// triangle).
void draw_software(SDL_Renderer* renderer, const CommandTriangles& command, const SDL_Rect& clip,
                   const SDL_Rect& screen, uint64_t frame) {
    int previous[3] = {-1, -1, -1};
    int run_start = 0;
    for (int i = 0; i + 2 < command.index_count; i += 3) {
        const int k[3] = {command.indices[i], command.indices[i + 1], command.indices[i + 2]};
        if (previous[0] == -1) {
            std::copy(k, k + 3, previous);
            continue;
        }
        PairRect rect;
        const Pair pair = pair_of(command, previous, k, rect);
        if (pair == Pair::Triangles) {
            std::copy(k, k + 3, previous);
            continue;
        }
        previous[0] = -1;
        if (pair == Pair::Rectangle) continue; // SDL draws it within the run
        if (pair == Pair::Copy) {
            // Only pictures have a ScaledCopy (not glyphs, whose runs stay whole).
            if (!SDL_GetTextureUserData(command.texture)) continue; // SDL copies it in the run
            draw_geometry(renderer, command, run_start, i - 3 - run_start); // before the copy
            run_start = i - 3;
            SDL_Texture* copy = scaled_copy_for(renderer, command, rect, clip, screen, frame);
            if (!copy) continue; // SDL copies it within the run
            SDL_RenderCopyF(renderer, copy, nullptr, &rect.rect);
            run_start = i + 3;
            continue;
        }
        draw_geometry(renderer, command, run_start, i - 3 - run_start);
        SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_NONE);
        SDL_SetRenderDrawColor(renderer, rect.color.r, rect.color.g, rect.color.b, 255);
        SDL_RenderFillRectF(renderer, &rect.rect);
        run_start = i + 3;
    }
    draw_geometry(renderer, command, run_start, command.index_count - run_start);
}

} // namespace

ScaledCopy::~ScaledCopy() {
    if (texture) SDL_DestroyTexture(texture);
}

DrawDataRenderer::DrawDataRenderer(SDL_Renderer* renderer) : renderer_(renderer) {
    SDL_RendererInfo info{};
    software_ = SDL_GetRendererInfo(renderer_, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE);
}

void DrawDataRenderer::render(const ImDrawData& draw_data) {
    const float fb_width = draw_data.DisplaySize.x * draw_data.FramebufferScale.x;
    const float fb_height = draw_data.DisplaySize.y * draw_data.FramebufferScale.y;
    if (int(fb_width) == 0 || int(fb_height) == 0) return;

    SDL_Rect viewport{}, clip{};
    const bool clip_enabled = SDL_RenderIsClipEnabled(renderer_) == SDL_TRUE;
    SDL_RenderGetViewport(renderer_, &viewport);
    SDL_RenderGetClipRect(renderer_, &clip);
    SDL_BlendMode blend = SDL_BLENDMODE_NONE;
    SDL_GetRenderDrawBlendMode(renderer_, &blend);
    Uint8 r = 0, g = 0, b = 0, a = 0;
    SDL_GetRenderDrawColor(renderer_, &r, &g, &b, &a);
    SDL_RenderSetViewport(renderer_, nullptr);
    SDL_RenderSetClipRect(renderer_, nullptr);
    SDL_Rect screen{};
    SDL_GetRendererOutputSize(renderer_, &screen.w, &screen.h);
    ++frame_;

    const ImVec2 offset = draw_data.DisplayPos, scale = draw_data.FramebufferScale;
    for (int n = 0; n < draw_data.CmdListsCount; ++n) {
        const ImDrawList& list = *draw_data.CmdLists[n];
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            // The clip rect in framebuffer pixels, as the backend projects it.
            const float x0 = std::max(0.0f, (cmd.ClipRect.x - offset.x) * scale.x);
            const float y0 = std::max(0.0f, (cmd.ClipRect.y - offset.y) * scale.y);
            const float x1 = std::min(fb_width, (cmd.ClipRect.z - offset.x) * scale.x);
            const float y1 = std::min(fb_height, (cmd.ClipRect.w - offset.y) * scale.y);
            if (x1 <= x0 || y1 <= y0) continue;
            const SDL_Rect cmd_clip{int(x0), int(y0), int(x1 - x0), int(y1 - y0)};
            SDL_RenderSetClipRect(renderer_, &cmd_clip);

            CommandTriangles command;
            command.texture = static_cast<SDL_Texture*>(cmd.GetTexID());
            command.vertices = list.VtxBuffer.Data + cmd.VtxOffset;
            command.vertex_count = list.VtxBuffer.Size - int(cmd.VtxOffset);
            command.indices = list.IdxBuffer.Data + cmd.IdxOffset;
            command.index_count = int(cmd.ElemCount);
            if (!software_) {
                draw_geometry(renderer_, command, 0, command.index_count);
                continue;
            }
            if (command.texture)
                SDL_QueryTexture(command.texture, nullptr, nullptr, &command.texture_width,
                                 &command.texture_height);
            draw_software(renderer_, command, cmd_clip, screen, frame_);
        }
    }

    SDL_RenderSetViewport(renderer_, &viewport);
    SDL_RenderSetClipRect(renderer_, clip_enabled ? &clip : nullptr);
    SDL_SetRenderDrawBlendMode(renderer_, blend);
    SDL_SetRenderDrawColor(renderer_, r, g, b, a);
}

} // namespace kiosk
