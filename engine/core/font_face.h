// One TrueType/OpenType face read with stb_truetype straight from the mmap'd
// font file (no copy): which characters it has, the vertical metrics and the
// glyph boxes and coverage bitmaps at any pixel size. The numbers are the ones
// Dear ImGui 1.86 bakes (its stb_truetype builder, oversampling 1, PixelSnapH),
// so text laid out from these glyphs sits where ImGui's own atlas put it.
// Used by the kiosk's glyph cache (render/glyph_atlas.h) and by the content
// check that every character of a package is in the font.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kiosk {

// A font's line metrics at one pixel size, as ImGui computes them.
struct FaceMetrics {
    float scale = 0;   // font units to pixels
    float ascent = 0;  // ImGui's: floor(ascent * scale + 1)
    float descent = 0; // floor(descent * scale - 1)
};

// A glyph at one pixel size: its box relative to the pen on the baseline
// (x0, y0 may be negative) and its advance, rounded to whole pixels.
struct GlyphShape {
    int glyph_index = 0;
    int x0 = 0, y0 = 0, width = 0, height = 0;
    float advance = 0;
};

class FontFace {
public:
    FontFace();
    ~FontFace();
    FontFace(const FontFace&) = delete;
    FontFace& operator=(const FontFace&) = delete;

    // Maps `path` read-only and reads face `face_index`; false + `error`
    // naming the file otherwise.
    bool load(const std::string& path, int face_index, std::string& error);
    bool loaded() const { return data_ != nullptr; }

    // 0 when the face has no glyph for `codepoint`.
    int glyph_index(uint32_t codepoint) const;
    FaceMetrics metrics(float pixel_size) const;
    GlyphShape shape(int glyph_index, const FaceMetrics& metrics) const;
    // Coverage (0..255) of `shape`, `stride` bytes per row, into `out`
    // (at least stride * shape.height bytes).
    void rasterize(const GlyphShape& shape, const FaceMetrics& metrics, unsigned char* out,
                   int stride) const;

private:
    struct Info;
    std::unique_ptr<Info> info_;
    void* data_ = nullptr; // mmap'd font file
    size_t size_ = 0;
};

} // namespace kiosk
