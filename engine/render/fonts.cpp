// Font library implementation: the face, the role sizes and the page size.
#include "fonts.h"

#include <SDL.h>

#include <algorithm>

namespace kiosk {

bool FontLibrary::load(const FontSpec& spec, std::string& error) {
    if (!face_.load(spec.path, spec.face_index, error)) return false;
    spec_ = spec;
    return true;
}

void FontLibrary::attach(SDL_Renderer* renderer, int screen_height) {
    int side = 512;
    while (side * 2 <= screen_height && side < 2048)
        side *= 2;
    SDL_RendererInfo info{};
    if (renderer && SDL_GetRendererInfo(renderer, &info) == 0 && info.max_texture_width > 0)
        side = std::min({side, info.max_texture_width, info.max_texture_height});
    atlas_.attach(renderer, side);
    // ImGui's default font (page 0's first): the body size.
    const float scale = float(screen_height) / 1080.0f;
    atlas_.prepare(logical_size(FontRole::Body) * scale, "");
}

float FontLibrary::logical_size(FontRole role) const {
    const float sizes[] = {spec_.title_px, spec_.body_px, spec_.button_px};
    return sizes[int(role)];
}

} // namespace kiosk
