// FontFace implementation: stb_truetype from Debian's libstb (the shared
// library content_check also uses), reading the mapped file in place.
#include "font_face.h"

#include <cerrno>
#include <cmath>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stb_truetype.h>

namespace kiosk {

struct FontFace::Info {
    stbtt_fontinfo font{};
};

FontFace::FontFace() : info_(std::make_unique<Info>()) {}

FontFace::~FontFace() {
    if (data_) munmap(data_, size_);
}

bool FontFace::load(const std::string& path, int face_index, std::string& error) {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat status {};
    if (fd < 0 || fstat(fd, &status) != 0) {
        error = path + ": cannot open the font file (set font.path in the config): " +
                std::strerror(errno);
        if (fd >= 0) close(fd);
        return false;
    }
    void* data = status.st_size >= 12
                     ? mmap(nullptr, size_t(status.st_size), PROT_READ, MAP_PRIVATE, fd, 0)
                     : MAP_FAILED;
    close(fd);
    if (data == MAP_FAILED) {
        error = path + ": not a readable TrueType/OpenType font";
        return false;
    }
    const auto* bytes = static_cast<const unsigned char*>(data);
    const int offset = stbtt_GetFontOffsetForIndex(bytes, face_index);
    Info info;
    if (offset < 0 || size_t(offset) >= size_t(status.st_size) ||
        !stbtt_InitFont(&info.font, bytes, offset)) {
        munmap(data, size_t(status.st_size));
        error = path + ": cannot read face " + std::to_string(face_index) +
                " (not a TrueType/OpenType font, or no such face)";
        return false;
    }
    if (data_) munmap(data_, size_);
    data_ = data;
    size_ = size_t(status.st_size);
    info_->font = info.font;
    return true;
}

int FontFace::glyph_index(uint32_t codepoint) const {
    return data_ ? stbtt_FindGlyphIndex(&info_->font, int(codepoint)) : 0;
}

FaceMetrics FontFace::metrics(float pixel_size) const {
    FaceMetrics metrics;
    if (!data_) return metrics;
    metrics.scale = stbtt_ScaleForPixelHeight(&info_->font, pixel_size);
    int ascent = 0, descent = 0, line_gap = 0;
    stbtt_GetFontVMetrics(&info_->font, &ascent, &descent, &line_gap);
    metrics.ascent = std::floor(float(ascent) * metrics.scale + (ascent > 0 ? 1.0f : -1.0f));
    metrics.descent = std::floor(float(descent) * metrics.scale + (descent > 0 ? 1.0f : -1.0f));
    return metrics;
}

GlyphShape FontFace::shape(int glyph_index, const FaceMetrics& metrics) const {
    GlyphShape shape;
    shape.glyph_index = glyph_index;
    if (!data_) return shape;
    int advance = 0, left_bearing = 0;
    stbtt_GetGlyphHMetrics(&info_->font, glyph_index, &advance, &left_bearing);
    shape.advance = std::round(float(advance) * metrics.scale); // ImGui's PixelSnapH
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    stbtt_GetGlyphBitmapBox(&info_->font, glyph_index, metrics.scale, metrics.scale, &x0, &y0, &x1,
                            &y1);
    shape.x0 = x0;
    shape.y0 = y0;
    shape.width = std::max(0, x1 - x0);
    shape.height = std::max(0, y1 - y0);
    return shape;
}

void FontFace::rasterize(const GlyphShape& shape, const FaceMetrics& metrics, unsigned char* out,
                         int stride) const {
    if (!data_ || shape.width <= 0 || shape.height <= 0) return;
    stbtt_MakeGlyphBitmap(&info_->font, out, shape.width, shape.height, stride, metrics.scale,
                          metrics.scale, shape.glyph_index);
}

} // namespace kiosk
