// GlyphAtlas implementation: pages, shelves, ImGui's glyph tables kept by
// hand (no BuildLookupTable: a glyph added or dropped updates its own
// entries), and the uploads.
#include "glyph_atlas.h"

#include "core/utf8_text.h"

#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace kiosk {

namespace {

constexpr ImWchar kNoGlyph = ImWchar(-1);
constexpr ImWchar kFallbackChar = '?';
// Page 0's reserved band: the disc at (1, 1) and two white texels after it.
constexpr int kReservedBand = GlyphAtlas::kDiscTexels + 2;
constexpr int kWhiteX = GlyphAtlas::kDiscTexels + 2;

// ImGui 1.86 decodes UTF-8 to 16-bit characters: anything past the Basic
// Multilingual Plane (and bad bytes) becomes U+FFFD, as here.
ImWchar as_imgui_char(uint32_t codepoint) {
    return codepoint < 0x10000 ? ImWchar(codepoint) : ImWchar(0xFFFD);
}

} // namespace

struct GlyphAtlas::Shelf {
    int y = 0, height = 0, x = 0;
    uint64_t last_used = 0;
    std::vector<std::pair<SizedFont*, ImWchar>> glyphs;
};

struct GlyphAtlas::Page {
    std::unique_ptr<ImFontAtlas> container = std::make_unique<ImFontAtlas>();
    SDL_Texture* texture = nullptr;
    int next_y = 0;
    std::vector<Shelf> shelves;
    std::vector<std::unique_ptr<SizedFont>> fonts;
    uint64_t last_used = 0;
    ~Page() {
        container->Fonts.clear(); // the SizedFonts own their ImFonts
        if (texture) SDL_DestroyTexture(texture);
    }
};

struct GlyphAtlas::SizedFont {
    ImFont font;
    Page* page = nullptr;
    int pixel_size = 0;
    FaceMetrics metrics;
    std::vector<int> shelf_of; // parallel to font.Glyphs: its shelf, -1 for blank glyphs
};

GlyphAtlas::GlyphAtlas(const FontFace& face) : face_(face) {}

GlyphAtlas::~GlyphAtlas() = default;

int GlyphAtlas::clamp_size(float pixel_size) {
    if (!(pixel_size == pixel_size)) return kSmallestSize; // NaN
    return std::clamp(int(std::lround(std::clamp(pixel_size, 0.0f, 10000.0f))), kSmallestSize,
                      kLargestSize);
}

void GlyphAtlas::detach() {
    by_size_.clear();
    pages_.clear();
    renderer_ = nullptr;
}

void GlyphAtlas::attach(SDL_Renderer* renderer, int page_side) {
    detach();
    renderer_ = renderer;
    page_side_ = page_side;
    new_page();
}

ImFontAtlas* GlyphAtlas::imgui_atlas() {
    return pages_.empty() ? nullptr : pages_[0]->container.get();
}

GlyphAtlas::Page* GlyphAtlas::new_page() {
    auto page = std::make_unique<Page>();
    ImFontAtlas& atlas = *page->container;
    atlas.Flags |= ImFontAtlasFlags_NoMouseCursors | ImFontAtlasFlags_NoBakedLines;
    atlas.TexWidth = atlas.TexHeight = page_side_;
    atlas.TexUvScale = ImVec2(1.0f / float(page_side_), 1.0f / float(page_side_));
    atlas.TexReady = true;
    atlas.TexUvWhitePixel =
        ImVec2((float(kWhiteX) + 1.0f) * atlas.TexUvScale.x, 1.0f * atlas.TexUvScale.y);
    if (renderer_) {
        page->texture = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32,
                                          SDL_TEXTUREACCESS_STATIC, page_side_, page_side_);
        if (page->texture) {
            SDL_SetTextureBlendMode(page->texture, SDL_BLENDMODE_BLEND);
            // A new texture's texels are undefined: clear them, a band at a time.
            const int band = 32;
            std::vector<uint32_t> zeros(size_t(page_side_) * band, 0);
            for (int y = 0; y < page_side_; y += band) {
                SDL_Rect rect{0, y, page_side_, std::min(band, page_side_ - y)};
                SDL_UpdateTexture(page->texture, &rect, zeros.data(), page_side_ * 4);
            }
        }
    }
    atlas.SetTexID(page->texture);
    page->last_used = frame_;
    pages_.push_back(std::move(page));
    Page* made = pages_.back().get();
    if (pages_.size() == 1) paint_reserved(*made);
    return made;
}

// The disc (coverage of a circle with a one-texel clear border, so sampling
// at the quad's edge finds nothing) and a 2x2 white block for ImGui's shapes.
void GlyphAtlas::paint_reserved(Page& page) {
    page.next_y = kReservedBand;
    std::vector<unsigned char> disc(size_t(kDiscTexels) * kDiscTexels);
    const float centre = kDiscTexels / 2.0f, radius = centre - 1;
    for (int y = 0; y < kDiscTexels; ++y)
        for (int x = 0; x < kDiscTexels; ++x) {
            float dx = float(x) + 0.5f - centre, dy = float(y) + 0.5f - centre;
            float coverage = std::clamp(radius - std::sqrt(dx * dx + dy * dy) + 0.5f, 0.0f, 1.0f);
            disc[size_t(y) * kDiscTexels + size_t(x)] = static_cast<unsigned char>(coverage * 255);
        }
    upload(page, 1, 1, kDiscTexels, kDiscTexels, disc.data());
    const unsigned char white[4] = {255, 255, 255, 255};
    upload(page, kWhiteX, 0, 2, 2, white);
    const ImVec2 scale = page.container->TexUvScale;
    disc_uv_min_ = ImVec2(1.0f * scale.x, 1.0f * scale.y);
    disc_uv_max_ = ImVec2(float(1 + kDiscTexels) * scale.x, float(1 + kDiscTexels) * scale.y);
}

void GlyphAtlas::release_page(size_t index) {
    Page& page = *pages_[index];
    for (auto& [size, fonts] : by_size_)
        fonts.erase(std::remove_if(fonts.begin(), fonts.end(),
                                   [&](SizedFont* font) { return font->page == &page; }),
                    fonts.end());
    std::erase_if(by_size_, [](const auto& entry) { return entry.second.empty(); });
    pages_.erase(pages_.begin() + std::ptrdiff_t(index));
}

void GlyphAtlas::begin_frame() {
    ++frame_;
    for (size_t i = pages_.size(); i-- > 1;)
        if (pages_[i]->last_used + kIdlePageFrames < frame_) release_page(i);
}

GlyphAtlas::SizedFont* GlyphAtlas::new_font(Page& page, int pixel_size) {
    auto sized = std::make_unique<SizedFont>();
    sized->page = &page;
    sized->pixel_size = pixel_size;
    sized->metrics = face_.metrics(float(pixel_size));
    ImFont& font = sized->font;
    font.FontSize = float(pixel_size);
    font.ContainerAtlas = page.container.get();
    font.Ascent = sized->metrics.ascent;
    font.Descent = sized->metrics.descent;
    font.FallbackChar = kFallbackChar;
    font.DirtyLookupTables = false;
    // Glyph 0 is the space and 1 the tab (four spaces, as ImGui makes it):
    // blank, on no shelf, never dropped, the fallback until '?' is added.
    const GlyphShape space = face_.shape(face_.glyph_index(' '), sized->metrics);
    for (ImWchar c : {ImWchar(' '), ImWchar('\t')}) {
        ImFontGlyph glyph{};
        glyph.Codepoint = c;
        glyph.Visible = 0;
        glyph.AdvanceX = c == ' ' ? space.advance : space.advance * 4;
        font.Glyphs.push_back(glyph);
        sized->shelf_of.push_back(-1);
    }
    font.GrowIndex(' ' + 1);
    font.IndexLookup['\t'] = 1;
    font.IndexAdvanceX['\t'] = font.Glyphs[1].AdvanceX;
    font.IndexLookup[' '] = 0;
    font.IndexAdvanceX[' '] = font.Glyphs[0].AdvanceX;
    refresh_fallback(*sized);
    for (int c = 0; c < font.IndexAdvanceX.Size; ++c)
        if (font.IndexLookup[c] == kNoGlyph) font.IndexAdvanceX[c] = font.FallbackAdvanceX;
    page.container->Fonts.push_back(&font);
    SizedFont* made = sized.get();
    page.fonts.push_back(std::move(sized));
    by_size_[pixel_size].push_back(made);
    return made;
}

// FallbackGlyph points into Glyphs, which moves when it grows or shrinks.
void GlyphAtlas::refresh_fallback(SizedFont& sized) {
    ImFont& font = sized.font;
    const bool has_fallback =
        kFallbackChar < font.IndexLookup.Size && font.IndexLookup[kFallbackChar] != kNoGlyph;
    font.FallbackGlyph = &font.Glyphs[has_fallback ? font.IndexLookup[kFallbackChar] : 0];
    font.FallbackAdvanceX = font.FallbackGlyph->AdvanceX;
}

ImFont* GlyphAtlas::prepare(float pixel_size, std::string_view utf8) {
    if (pages_.empty()) return nullptr;
    const int size = clamp_size(pixel_size);
    // The fonts this size had when called (new_font appends siblings to the
    // same list): no copy, since this runs for every text of every frame.
    std::vector<SizedFont*>& fonts = by_size_[size];
    const auto known = std::ptrdiff_t(fonts.size());
    for (std::ptrdiff_t i = 0; i < known; ++i)
        if (complete(*fonts[size_t(i)], utf8)) return &fonts[size_t(i)]->font;
    // No font of this size can take the text on its page: a sibling on a
    // page that has none yet, then on a new page.
    for (const auto& page : pages_) {
        const bool has_sibling =
            std::any_of(fonts.begin(), fonts.begin() + known,
                        [&](SizedFont* font) { return font->page == page.get(); });
        if (has_sibling) continue;
        SizedFont* font = new_font(*page, size);
        if (complete(*font, utf8)) return &font->font;
    }
    if (int(pages_.size()) < kMaxPages) {
        SizedFont* font = new_font(*new_page(), size);
        if (complete(*font, utf8)) return &font->font;
    }
    // Every page is full of this frame's glyphs: a smaller size, scaled.
    if (size > kSmallestSize) return prepare(float(size / 2), utf8);
    return known == 0 ? nullptr : &fonts.front()->font;
}

// Every character of `utf8` gets its glyph in `sized`; each one used is
// marked as used this frame, so nothing of this frame's is dropped.
bool GlyphAtlas::complete(SizedFont& sized, std::string_view utf8) {
    ImFont& font = sized.font;
    Page& page = *sized.page;
    page.last_used = frame_;
    bool needs_fallback = false;
    for (size_t pos = 0; pos < utf8.size();) {
        const ImWchar c = as_imgui_char(decode_utf8(utf8, pos));
        if (c < 0x20) continue; // newlines and controls are ImGui's
        if (face_lacks_[c / 64] & (uint64_t(1) << (c % 64))) {
            needs_fallback = true;
            continue;
        }
        const ImWchar index = c < font.IndexLookup.Size ? font.IndexLookup[c] : kNoGlyph;
        if (index != kNoGlyph) {
            const int shelf = sized.shelf_of[index];
            if (shelf >= 0) page.shelves[size_t(shelf)].last_used = frame_;
            continue;
        }
        if (!add_glyph(sized, c)) return false;
        if (face_lacks_[c / 64] & (uint64_t(1) << (c % 64))) needs_fallback = true;
    }
    if (needs_fallback) {
        const ImWchar index =
            kFallbackChar < font.IndexLookup.Size ? font.IndexLookup[kFallbackChar] : kNoGlyph;
        if (index != kNoGlyph) {
            page.shelves[size_t(sized.shelf_of[index])].last_used = frame_;
        } else if (!add_glyph(sized, kFallbackChar)) {
            return false;
        }
    }
    return true;
}

// Rasterizes `codepoint` into the font's page. False when the page has no
// room this frame; a character the face lacks is recorded instead.
bool GlyphAtlas::add_glyph(SizedFont& sized, uint32_t codepoint) {
    const int index = face_.glyph_index(codepoint);
    if (index == 0) {
        face_lacks_[codepoint / 64] |= uint64_t(1) << (codepoint % 64);
        return true;
    }
    const GlyphShape shape = face_.shape(index, sized.metrics);
    Page& page = *sized.page;
    int x = 0, y = 0, shelf = -1;
    if (shape.width > 0 && shape.height > 0) {
        if (!allocate(page, shape.width + 1, shape.height + 1, x, y, shelf)) return false;
        coverage_.assign(size_t(shape.width + 1) * size_t(shape.height + 1), 0);
        face_.rasterize(shape, sized.metrics, coverage_.data(), shape.width + 1);
        upload(page, x, y, shape.width + 1, shape.height + 1, coverage_.data());
        page.shelves[size_t(shelf)].glyphs.emplace_back(&sized, ImWchar(codepoint));
        page.shelves[size_t(shelf)].last_used = frame_;
        ++rasterized_;
    }
    ImFont& font = sized.font;
    const ImVec2 uv = page.container->TexUvScale;
    ImFontGlyph glyph{};
    glyph.Codepoint = codepoint;
    glyph.Visible = shape.width > 0 && shape.height > 0;
    glyph.AdvanceX = shape.advance;
    glyph.X0 = float(shape.x0);
    glyph.Y0 = float(shape.y0) + std::round(font.Ascent);
    glyph.X1 = glyph.X0 + float(shape.width);
    glyph.Y1 = glyph.Y0 + float(shape.height);
    glyph.U0 = float(x) * uv.x;
    glyph.V0 = float(y) * uv.y;
    glyph.U1 = float(x + shape.width) * uv.x;
    glyph.V1 = float(y + shape.height) * uv.y;
    font.Glyphs.push_back(glyph);
    sized.shelf_of.push_back(shelf);
    const int old_size = font.IndexLookup.Size;
    if (int(codepoint) >= old_size) {
        font.GrowIndex(int(codepoint) + 1);
        for (int c = old_size; c < font.IndexAdvanceX.Size; ++c)
            font.IndexAdvanceX[c] = font.FallbackAdvanceX;
    }
    font.IndexLookup[int(codepoint)] = ImWchar(font.Glyphs.Size - 1);
    font.IndexAdvanceX[int(codepoint)] = glyph.AdvanceX;
    refresh_fallback(sized);
    if (codepoint == kFallbackChar) // characters the face lacks advance as '?'
        for (int c = 0; c < font.IndexAdvanceX.Size; ++c)
            if (font.IndexLookup[c] == kNoGlyph) font.IndexAdvanceX[c] = font.FallbackAdvanceX;
    return true;
}

// A `width` x `height` slot (padding included): on a shelf of about that
// height with room, on a new shelf, or on the least recently used shelf
// that no text of this frame used, emptied.
bool GlyphAtlas::allocate(Page& page, int width, int height, int& x, int& y, int& shelf) {
    if (width > page_side_ || height > page_side_) return false;
    const auto take = [&](size_t index) {
        Shelf& chosen = page.shelves[index];
        x = chosen.x;
        y = chosen.y;
        chosen.x += width;
        shelf = int(index);
        return true;
    };
    const int fitting_height = (height + 3) / 4 * 4;
    for (size_t i = 0; i < page.shelves.size(); ++i) {
        const Shelf& candidate = page.shelves[i];
        if (candidate.height >= height && candidate.height <= fitting_height + height / 4 &&
            candidate.x + width <= page_side_)
            return take(i);
    }
    if (page.next_y + fitting_height <= page_side_) {
        page.shelves.push_back({page.next_y, fitting_height, 0, frame_, {}});
        page.next_y += fitting_height;
        return take(page.shelves.size() - 1);
    }
    size_t oldest = page.shelves.size();
    for (size_t i = 0; i < page.shelves.size(); ++i) {
        const Shelf& candidate = page.shelves[i];
        if (candidate.height < height || candidate.last_used >= frame_) continue;
        if (oldest == page.shelves.size() || candidate.last_used < page.shelves[oldest].last_used)
            oldest = i;
    }
    if (oldest == page.shelves.size()) {
        // No shelf tall enough is free: neighbouring shelves that no text of
        // this frame used become one, the run least recently used first.
        size_t best_first = 0, best_end = 0;
        uint64_t best_used = UINT64_MAX;
        for (size_t first = 0; first < page.shelves.size(); ++first) {
            int total = 0;
            uint64_t used = 0;
            for (size_t end = first; end < page.shelves.size(); ++end) {
                const Shelf& next = page.shelves[end];
                if (next.height > 0 && next.last_used >= frame_) break;
                total += next.height;
                used = std::max(used, next.last_used);
                if (total >= height) {
                    if (used < best_used) {
                        best_used = used;
                        best_first = first;
                        best_end = end + 1;
                    }
                    break;
                }
            }
        }
        if (best_used == UINT64_MAX) return false;
        int total = 0;
        for (size_t i = best_first; i < best_end; ++i) {
            evict_shelf(page.shelves[i]);
            total += std::exchange(page.shelves[i].height, 0); // merged away: never chosen
        }
        page.shelves[best_first].height = total;
        return take(best_first);
    }
    evict_shelf(page.shelves[oldest]);
    return take(oldest);
}

void GlyphAtlas::evict_shelf(Shelf& shelf) {
    for (auto& [font, codepoint] : shelf.glyphs)
        remove_glyph(*font, codepoint);
    evicted_ += int64_t(shelf.glyphs.size());
    shelf.glyphs.clear();
    shelf.x = 0;
}

void GlyphAtlas::remove_glyph(SizedFont& sized, ImWchar codepoint) {
    ImFont& font = sized.font;
    const ImWchar index = font.IndexLookup[codepoint];
    const int last = font.Glyphs.Size - 1;
    if (index != last) {
        font.Glyphs[index] = font.Glyphs[last];
        sized.shelf_of[index] = sized.shelf_of[size_t(last)];
        font.IndexLookup[ImWchar(font.Glyphs[index].Codepoint)] = index;
    }
    font.Glyphs.pop_back();
    sized.shelf_of.pop_back();
    font.IndexLookup[codepoint] = kNoGlyph;
    refresh_fallback(sized);
    font.IndexAdvanceX[codepoint] = font.FallbackAdvanceX;
}

// White texels with the coverage as alpha, as ImGui's SDL backend expects.
void GlyphAtlas::upload(Page& page, int x, int y, int width, int height,
                        const unsigned char* alpha) {
    if (!page.texture) return;
    texels_.resize(size_t(width) * size_t(height));
    for (size_t i = 0; i < texels_.size(); ++i)
        texels_[i] = (uint32_t(alpha[i]) << 24) | 0x00FFFFFFu;
    SDL_Rect rect{x, y, width, height};
    SDL_UpdateTexture(page.texture, &rect, texels_.data(), width * 4);
}

bool GlyphAtlas::has_glyph(float pixel_size, uint32_t codepoint) const {
    const auto found = by_size_.find(clamp_size(pixel_size));
    if (found == by_size_.end() || codepoint >= 0x10000) return false;
    for (const SizedFont* sized : found->second)
        if (sized->font.FindGlyphNoFallback(ImWchar(codepoint))) return true;
    return false;
}

bool GlyphAtlas::has_glyph_at_any_size(uint32_t codepoint) const {
    for (const auto& [size, fonts] : by_size_)
        if (has_glyph(float(size), codepoint)) return true;
    return false;
}

GlyphAtlasStats GlyphAtlas::stats() const {
    GlyphAtlasStats stats;
    stats.pages = int(pages_.size());
    stats.page_side = page_side_;
    for (const auto& page : pages_)
        for (const auto& font : page->fonts) {
            ++stats.fonts;
            stats.glyphs += font->font.Glyphs.Size - 2; // not the space and tab
        }
    stats.rasterized = rasterized_;
    stats.evicted = evicted_;
    return stats;
}

} // namespace kiosk
