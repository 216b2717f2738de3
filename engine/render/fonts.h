// Font library: the config's CJK font (one face, mmap'd, never copied), its
// three role sizes (title, body, button, at a 1080-pixel-high screen), and
// the glyph cache (render/glyph_atlas.h) that rasterizes each character the
// first time it is drawn at a size. Nothing is baked at start: the first
// frame's text is rasterized as that frame lays it out, so a glyph is never
// missing from the frame that first draws it.
#pragma once

#include "core/font_face.h"
#include "render/glyph_atlas.h"

#include <cstdint>
#include <string>
#include <string_view>

#include <imgui.h>

struct SDL_Renderer;

namespace kiosk {

enum class FontRole { Title, Body, Button, Count };

struct FontSpec {
    std::string path;
    int face_index = 0;
    float title_px = 72; // sizes at a 1080-pixel-high screen; scaled with the screen
    float body_px = 36;
    float button_px = 40;
};

class FontLibrary {
public:
    FontLibrary() : atlas_(face_) {}
    FontLibrary(const FontLibrary&) = delete;
    FontLibrary& operator=(const FontLibrary&) = delete;

    // Maps the font file read-only and reads its face (only the glyphs used
    // are ever paged in); false + `error` naming the file otherwise.
    bool load(const FontSpec& spec, std::string& error);

    // Before the first frame: glyph pages on `renderer` (nullptr: measure
    // only, for tests), sized for a screen `screen_height` pixels high (512
    // texels a side at 720p, 1024 at 1080p, 2048 above), at most the
    // renderer's largest texture. Starts the cache over when called again.
    void attach(SDL_Renderer* renderer, int screen_height);
    // Drops every page and its texture: before the renderer goes.
    void detach() { atlas_.detach(); }
    // What ImGui's context uses as io.Fonts (page 0).
    ImFontAtlas* imgui_atlas() { return atlas_.imgui_atlas(); }
    // Between frames.
    void begin_frame() { atlas_.begin_frame(); }

    // The font in which `utf8` is drawn at `pixel_size`, every glyph in place
    // (see GlyphAtlas::prepare). Draw with the font's page texture.
    ImFont* prepare(float pixel_size, std::string_view utf8) {
        return atlas_.prepare(pixel_size, utf8);
    }
    // The size of `role` at a 1080-pixel-high screen (the FontSpec's).
    float logical_size(FontRole role) const;
    // True when the face has a glyph for `codepoint` (tests, checks).
    bool face_has(uint32_t codepoint) const { return face_.glyph_index(codepoint) != 0; }
    // True when `codepoint` at `pixel_size` is in the cache now (tests).
    bool has_glyph(float pixel_size, uint32_t codepoint) const {
        return atlas_.has_glyph(pixel_size, codepoint);
    }
    bool has_glyph_at_any_size(uint32_t codepoint) const {
        return atlas_.has_glyph_at_any_size(codepoint);
    }
    GlyphAtlasStats stats() const { return atlas_.stats(); }

    // Where page 0 holds an anti-aliased white disc (kDiscTexels across): small
    // filled circles are one textured quad from it rather than a fan of triangles,
    // which the software renderer draws several times faster.
    static constexpr int kDiscTexels = GlyphAtlas::kDiscTexels;
    ImVec2 disc_uv_min() const { return atlas_.disc_uv_min(); }
    ImVec2 disc_uv_max() const { return atlas_.disc_uv_max(); }

private:
    FontSpec spec_;
    FontFace face_;
    GlyphAtlas atlas_;
};

} // namespace kiosk
