// The glyph cache: glyphs rasterized the first time a text needs them, at
// exact pixel sizes from 8 to 300, into pages the GPU samples.
// - A page is an SDL texture, a shelf packer and an ImFontAtlas that serves
//   only as Dear ImGui's container of the page's fonts. Its fields are set
//   by hand; ImGui's own baker never runs.
// - Page 0 is `io.Fonts`. It also holds the white pixel that ImGui's shapes
//   sample and the disc that script/canvas draws small circles with.
// - Room is managed by shelves. When a page is full, the least recently used
//   shelf that no text of the current frame used is emptied. When nothing on
//   the page can go, the size gets a sibling font on another page (at most
//   kMaxPages). A page no text used for kIdlePageFrames frames is released.
// - No copy of a page is kept in RAM: each new glyph is uploaded on its own
//   rectangle (with the software renderer, the texture is itself the copy).
// See docs/runtime-costs.md.
#pragma once

#include "core/font_face.h"

#include <imgui.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

struct SDL_Renderer;
struct SDL_Texture;

namespace kiosk {

struct GlyphAtlasStats {
    int pages = 0;
    int page_side = 0;
    int fonts = 0;
    int glyphs = 0;
    int64_t rasterized = 0; // glyphs drawn into a page, ever
    int64_t evicted = 0;    // glyphs dropped to make room, ever
};

class GlyphAtlas {
public:
    static constexpr int kSmallestSize = 8;
    static constexpr int kLargestSize = 300;
    static constexpr int kMaxPages = 4;
    static constexpr int kIdlePageFrames = 600;
    static constexpr int kDiscTexels = 64;

    explicit GlyphAtlas(const FontFace& face);
    ~GlyphAtlas();
    GlyphAtlas(const GlyphAtlas&) = delete;
    GlyphAtlas& operator=(const GlyphAtlas&) = delete;

    // Makes page 0 with sides of `page_side` texels (a power of two), with
    // textures on `renderer`. With no renderer, glyphs are laid out and
    // measured but never uploaded (tests that only measure). Call it again
    // to start over, on another renderer: every glyph is dropped.
    void attach(SDL_Renderer* renderer, int page_side);
    // Drops every page and its texture (before the renderer goes).
    void detach();
    // Page 0's container: what ImGui's context uses as io.Fonts.
    ImFontAtlas* imgui_atlas();

    // Between frames: a new frame starts, and idle pages are released.
    void begin_frame();
    // The font of `pixel_size` (rounded, clamped to 8..300) in which every
    // character of `utf8` has its glyph, rasterized now if it was missing.
    // A character the face lacks is drawn as '?'. Text must be drawn with the
    // returned font's page texture, font->ContainerAtlas->TexID. Only when
    // every page is full of this frame's glyphs does it return a smaller
    // size's font (drawn scaled), and the glyphs are exact the next frame.
    ImFont* prepare(float pixel_size, std::string_view utf8);
    // True when `codepoint` at `pixel_size` is in a page now (tests).
    bool has_glyph(float pixel_size, uint32_t codepoint) const;
    bool has_glyph_at_any_size(uint32_t codepoint) const;

    ImVec2 disc_uv_min() const { return disc_uv_min_; }
    ImVec2 disc_uv_max() const { return disc_uv_max_; }
    GlyphAtlasStats stats() const;
    uint64_t frame() const { return frame_; }

private:
    struct Page;
    struct SizedFont;
    struct Shelf;

    static int clamp_size(float pixel_size);
    Page* new_page();
    void release_page(size_t index);
    SizedFont* new_font(Page& page, int pixel_size);
    bool complete(SizedFont& font, std::string_view utf8);
    bool add_glyph(SizedFont& font, uint32_t codepoint);
    bool allocate(Page& page, int width, int height, int& x, int& y, int& shelf);
    void evict_shelf(Shelf& shelf);
    void remove_glyph(SizedFont& font, ImWchar codepoint);
    void refresh_fallback(SizedFont& font);
    void upload(Page& page, int x, int y, int width, int height, const unsigned char* alpha);
    void paint_reserved(Page& page);

    const FontFace& face_;
    SDL_Renderer* renderer_ = nullptr;
    int page_side_ = 512;
    std::vector<std::unique_ptr<Page>> pages_;
    std::map<int, std::vector<SizedFont*>> by_size_; // pixel size: its fonts, primary first
    std::vector<uint64_t> face_lacks_ = std::vector<uint64_t>(0x10000 / 64, 0);
    uint64_t frame_ = 1;
    int64_t rasterized_ = 0, evicted_ = 0;
    ImVec2 disc_uv_min_{0, 0}, disc_uv_max_{0, 0};
    std::vector<unsigned char> coverage_; // one glyph's, reused
    std::vector<uint32_t> texels_;        // one glyph's upload, reused
};

} // namespace kiosk
