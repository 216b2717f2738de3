// Font library: one CJK font file (read once) baked into Dear ImGui's atlas at
// three sizes (title, body, button), holding only the glyphs of the text that was
// actually loaded, plus ASCII and CJK punctuation. New text marks the atlas dirty;
// the caller rebuilds it between frames (ImGuiLayer::update_fonts). Baking takes
// tens of milliseconds, so new content's text can be baked off the frame
// thread: a copy of the library (copy_for_baking) takes the new text and
// builds its own atlas on another thread; the frame thread then takes the
// baked fonts (take_baked) and hands the atlas to ImGuiLayer::adopt_atlas.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

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
    FontLibrary() = default;
    ~FontLibrary();
    FontLibrary(const FontLibrary&) = delete;
    FontLibrary& operator=(const FontLibrary&) = delete;

    // Maps the font file read-only (only the glyphs used are ever paged in);
    // false + `error` naming the file otherwise.
    bool load(const FontSpec& spec, std::string& error);

    // Registers every character of `utf8` (invalid bytes are skipped). Returns true
    // when a character was new, which makes the atlas dirty.
    bool add_text(std::string_view utf8);
    bool dirty() const { return dirty_; }

    // Rebuilds `atlas` for a screen `scale` (screen height / 1080). The caller owns
    // the GPU texture (see ImGuiLayer). False + `error` if the font cannot be baked.
    bool build_atlas(ImFontAtlas& atlas, float scale, std::string& error);

    // A copy to bake on another thread: the registered text and sizes, sharing
    // this library's font file (which must stay loaded while the copy lives).
    std::unique_ptr<FontLibrary> copy_for_baking() const;
    // Frame thread: the fonts `baked` (a copy_for_baking whose atlas the caller
    // now hands to ImGuiLayer::adopt_atlas) replace this library's. Text or
    // sizes registered here since the copy was made are kept and leave the
    // atlas dirty, so the next update_fonts bakes them.
    void take_baked(FontLibrary& baked);

    ImFont* font(FontRole role) const { return fonts_[int(role)]; }
    // True when `codepoint` was baked into the atlas for `role` (no fallback '?').
    bool has_glyph(FontRole role, uint32_t codepoint) const;
    // Every character registered so far, ascending (for tests and tools).
    std::vector<uint32_t> registered_codepoints() const;
    size_t registered_count() const { return registered_count_; }
    // The baked pixel size of `role` at the last build.
    float pixel_size(FontRole role) const;
    // The size of `role` at a 1080-pixel-high screen (the FontSpec's).
    float logical_size(FontRole role) const;
    // The font baked at `logical_px` (a 1080p size), or the nearest one to scale:
    // a size not baked yet is requested (up to kMaxExtraSizes, at most
    // kLargestExtraSize) and baked by the next atlas build, because glyphs scaled
    // from another size get uneven letter spacing. Large text (Ui::set_text_scale)
    // asks for a second set of sizes, hence room for twice a screen's handful.
    static constexpr int kMaxExtraSizes = 16;
    static constexpr int kLargestExtraSize = 128;
    ImFont* font_at(float logical_px);
    // Where the atlas holds an anti-aliased white disc (kDiscTexels across): small
    // filled circles are one textured quad from it rather than a fan of triangles,
    // which the software renderer draws several times faster.
    static constexpr int kDiscTexels = 64;
    ImVec2 disc_uv_min() const { return disc_uv_min_; }
    ImVec2 disc_uv_max() const { return disc_uv_max_; }

private:
    bool mark(uint32_t codepoint);
    void paint_disc(ImFontAtlas& atlas, int rect_index);

    FontSpec spec_;
    void* font_data_ = nullptr;  // mmap'd font file
    bool owns_font_data_ = true; // false in a copy_for_baking
    size_t font_size_ = 0;
    std::vector<uint64_t> registered_bits_ = std::vector<uint64_t>(0x10000 / 64, 0);
    size_t registered_count_ = 0;
    bool dirty_ = true;
    ImVector<ImWchar> glyph_ranges_;
    ImFont* fonts_[int(FontRole::Count)] = {};
    std::vector<int> extra_sizes_;     // logical px, requested by text of those sizes
    std::vector<ImFont*> extra_fonts_; // baked, parallel to the sizes built so far
    float built_scale_ = 1;
    ImVec2 disc_uv_min_{0, 0}, disc_uv_max_{0, 0};
};

} // namespace kiosk
