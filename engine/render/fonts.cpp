// Font library implementation: a 64K-bit set of registered characters (ImGui 1.86
// uses 16-bit ImWchar, so the Basic Multilingual Plane) and the atlas build.
#include "fonts.h"

#include "core/utf8_text.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk {
namespace {

// Always present: printable ASCII, general punctuation (— “ ” … ·), CJK symbols
// and punctuation (、。「」《》), and the full-width punctuation (，！？：；（）).
const ImWchar kBaseRanges[] = {
    0x0020, 0x007E, 0x00B7, 0x00B7, 0x2010, 0x2027, 0x3000, 0x303F, 0xFF01,
    0xFF0F, 0xFF1A, 0xFF20, 0xFF3B, 0xFF40, 0xFF5B, 0xFF65, 0,
};

} // namespace

FontLibrary::~FontLibrary() {
    if (font_data_ && owns_font_data_) munmap(font_data_, font_size_);
}

std::unique_ptr<FontLibrary> FontLibrary::copy_for_baking() const {
    auto copy = std::make_unique<FontLibrary>();
    copy->spec_ = spec_;
    copy->font_data_ = font_data_;
    copy->font_size_ = font_size_;
    copy->owns_font_data_ = false;
    copy->registered_bits_ = registered_bits_;
    copy->registered_count_ = registered_count_;
    copy->dirty_ = dirty_;
    copy->extra_sizes_ = extra_sizes_;
    return copy;
}

void FontLibrary::take_baked(FontLibrary& baked) {
    bool newer = false; // registered here while the copy was baking
    registered_count_ = 0;
    for (size_t word = 0; word < registered_bits_.size(); ++word) {
        newer |= (registered_bits_[word] & ~baked.registered_bits_[word]) != 0;
        registered_bits_[word] |= baked.registered_bits_[word];
        registered_count_ += size_t(__builtin_popcountll(registered_bits_[word]));
    }
    // The baked sizes first, parallel to the baked extra fonts; sizes asked for
    // here since come after them, to be baked next.
    std::vector<int> sizes = baked.extra_sizes_;
    for (int size : extra_sizes_)
        if (std::find(sizes.begin(), sizes.end(), size) == sizes.end()) {
            sizes.push_back(size);
            newer = true;
        }
    extra_sizes_ = std::move(sizes);
    glyph_ranges_.swap(baked.glyph_ranges_); // the atlas's fonts point into these
    for (int role = 0; role < int(FontRole::Count); ++role)
        fonts_[role] = baked.fonts_[role];
    extra_fonts_ = baked.extra_fonts_;
    built_scale_ = baked.built_scale_;
    disc_uv_min_ = baked.disc_uv_min_;
    disc_uv_max_ = baked.disc_uv_max_;
    dirty_ = newer || baked.dirty_;
}

bool FontLibrary::load(const FontSpec& spec, std::string& error) {
    spec_ = spec;
    int fd = open(spec.path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat info {};
    if (fd < 0 || fstat(fd, &info) != 0) {
        error = spec.path + ": cannot open the font file (set font.path in the config): " +
                std::strerror(errno);
        if (fd >= 0) close(fd);
        return false;
    }
    void* data = info.st_size >= 12
                     ? mmap(nullptr, size_t(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0)
                     : MAP_FAILED;
    close(fd);
    if (data == MAP_FAILED) {
        error = spec.path + ": not a readable TrueType/OpenType font";
        return false;
    }
    if (font_data_) munmap(font_data_, font_size_);
    font_data_ = data;
    font_size_ = size_t(info.st_size);
    dirty_ = true;
    return true;
}

bool FontLibrary::mark(uint32_t codepoint) {
    if (codepoint >= 0x10000 || codepoint < 0x20) return false; // outside ImWchar16 or control
    uint64_t bit = uint64_t(1) << (codepoint % 64);
    uint64_t& word = registered_bits_[codepoint / 64];
    if (word & bit) return false;
    word |= bit;
    ++registered_count_;
    return true;
}

bool FontLibrary::add_text(std::string_view utf8) {
    bool added = false;
    for (size_t pos = 0; pos < utf8.size();)
        added |= mark(decode_utf8(utf8, pos));
    dirty_ |= added;
    return added;
}

std::vector<uint32_t> FontLibrary::registered_codepoints() const {
    std::vector<uint32_t> codepoints;
    codepoints.reserve(registered_count_);
    for (uint32_t word = 0; word < registered_bits_.size(); ++word)
        for (uint32_t bit = 0; bit < 64; ++bit)
            if (registered_bits_[word] & (uint64_t(1) << bit))
                codepoints.push_back(word * 64 + bit);
    return codepoints;
}

bool FontLibrary::build_atlas(ImFontAtlas& atlas, float scale, std::string& error) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(kBaseRanges);
    for (uint32_t codepoint : registered_codepoints())
        builder.AddChar(ImWchar(codepoint));
    glyph_ranges_.clear();
    builder.BuildRanges(&glyph_ranges_);

    atlas.Clear();
    // A power-of-two height keeps every glyph's texture coordinates exact in float:
    // with an odd height, the software renderer's sampling lost glyphs' bottom rows.
    atlas.Flags |= ImFontAtlasFlags_NoMouseCursors;
    for (int role = 0; role < int(FontRole::Count); ++role) {
        ImFontConfig config;
        config.FontDataOwnedByAtlas = false; // one copy of the file serves every size
        config.FontNo = spec_.face_index;
        config.OversampleH = 1; // CJK glyphs are dense; oversampling would triple the atlas
        config.OversampleV = 1;
        config.PixelSnapH = true;
        float pixels = std::max(8.0f, std::round(logical_size(FontRole(role)) * scale));
        // ImGui only reads the data (FontDataOwnedByAtlas is false) despite the void*.
        fonts_[role] = atlas.AddFontFromMemoryTTF(font_data_, int(font_size_), pixels, &config,
                                                  glyph_ranges_.Data);
        if (!fonts_[role]) {
            error = spec_.path + ": cannot read face " + std::to_string(spec_.face_index);
            return false;
        }
    }
    extra_fonts_.clear();
    for (int size : extra_sizes_) {
        ImFontConfig config;
        config.FontDataOwnedByAtlas = false;
        config.FontNo = spec_.face_index;
        config.OversampleH = 1;
        config.OversampleV = 1;
        config.PixelSnapH = true;
        extra_fonts_.push_back(atlas.AddFontFromMemoryTTF(
            font_data_, int(font_size_), std::max(8.0f, std::round(float(size) * scale)), &config,
            glyph_ranges_.Data));
    }
    built_scale_ = scale;
    const int disc = atlas.AddCustomRectRegular(kDiscTexels, kDiscTexels);
    if (!atlas.Build()) {
        error = spec_.path + ": the font atlas could not be built";
        return false;
    }
    paint_disc(atlas, disc);
    dirty_ = false;
    return true;
}

ImFont* FontLibrary::font_at(float logical_px) {
    const float pixels = std::max(8.0f, std::round(logical_px * built_scale_));
    ImFont* nearest = nullptr;
    float nearest_gap = FLT_MAX;
    const auto consider = [&](ImFont* font) {
        if (!font) return;
        // Scaling down looks better than scaling up: prefer larger fonts a little.
        float gap =
            font->FontSize >= pixels ? font->FontSize - pixels : (pixels - font->FontSize) * 2;
        if (gap < nearest_gap) {
            nearest = font;
            nearest_gap = gap;
        }
    };
    for (ImFont* font : fonts_)
        consider(font);
    for (ImFont* font : extra_fonts_)
        consider(font);
    if (nearest_gap == 0) return nearest;
    const int size = int(std::round(logical_px));
    if (size <= kLargestExtraSize && int(extra_sizes_.size()) < kMaxExtraSizes &&
        std::find(extra_sizes_.begin(), extra_sizes_.end(), size) == extra_sizes_.end()) {
        extra_sizes_.push_back(size);
        dirty_ = true;
    }
    return nearest;
}

void FontLibrary::paint_disc(ImFontAtlas& atlas, int rect_index) {
    const ImFontAtlasCustomRect* rect = atlas.GetCustomRectByIndex(rect_index);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &width, &height);
    // Coverage of a disc that leaves a one-texel clear border, so sampling at the
    // quad's edge finds nothing.
    const float centre = kDiscTexels / 2.0f, radius = centre - 1;
    for (int y = 0; y < kDiscTexels; ++y)
        for (int x = 0; x < kDiscTexels; ++x) {
            float dx = float(x) + 0.5f - centre, dy = float(y) + 0.5f - centre;
            float coverage = std::clamp(radius - std::sqrt(dx * dx + dy * dy) + 0.5f, 0.0f, 1.0f);
            pixels[(rect->Y + y) * width + rect->X + x] =
                static_cast<unsigned char>(coverage * 255);
        }
    atlas.CalcCustomRectUV(rect, &disc_uv_min_, &disc_uv_max_);
}

bool FontLibrary::has_glyph(FontRole role, uint32_t codepoint) const {
    const ImFont* font = fonts_[int(role)];
    return font && codepoint < 0x10000 && font->FindGlyphNoFallback(ImWchar(codepoint)) != nullptr;
}

float FontLibrary::pixel_size(FontRole role) const {
    const ImFont* font = fonts_[int(role)];
    return font ? font->FontSize : 0.0f;
}

float FontLibrary::logical_size(FontRole role) const {
    const float sizes[] = {spec_.title_px, spec_.body_px, spec_.button_px};
    return sizes[int(role)];
}

} // namespace kiosk
