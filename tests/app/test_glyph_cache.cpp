// The glyph cache (render/glyph_atlas.h) on a real headless renderer:
// glyphs in the very frame that first draws them (pixel-compared with the
// next frame and with a golden), sizes 8 to 300 px, CJK punctuation, the
// '?' for characters the face lacks, eviction of the least recently used
// glyphs without touching the current frame's, a second page when one frame
// needs more than a page holds, and idle pages released.
#include "app_test_support.h"
#include "headless_screen.h"
#include "png_pixels.h"
#include "test_paths.h"

#include "core/utf8_text.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

using namespace kiosk;
using kiosk::test::png_difference;
using kiosk::test::source_path;

namespace {

const char* const kFontPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

// A headless screen with the glyph cache on its renderer, drawing what a
// test asks for in frames of its own.
class GlyphScreen : public kiosk::test::HeadlessScreen {
public:
    explicit GlyphScreen(int width = 960, int height = 540)
        : HeadlessScreen(width, height, FontSpec{kFontPath, 0, 72, 36, 40}) {}
    // One frame: `draw` with the Ui, then the screenshot to `png` if named.
    template <typename Draw> void frame(Draw draw, const std::string& png = "") {
        imgui_->begin_frame(pointer_, 1.0f / 60, display_->width(), display_->height());
        ui_.begin_screen("##glyphs");
        draw(ui_);
        ui_.end_screen();
        imgui_->end_frame(theme::kBackground);
        if (!png.empty()) screenshot(png);
        display_->present();
    }
};

std::string temp_png(const std::string& name) {
    const std::string folder = kiosk::test::binary_dir() + "/test-tmp/glyph-cache";
    std::filesystem::create_directories(folder);
    return folder + "/" + name + ".png";
}

// The fraction of pixels in a logical-to-pixel box that are not the background.
double ink_in(const std::string& png_path, int x0, int y0, int x1, int y1) {
    kiosk::test::Png png(png_path);
    REQUIRE(png.pixels);
    int64_t ink = 0, all = 0;
    for (int y = y0; y < y1 && y < png.height; ++y)
        for (int x = x0; x < x1 && x < png.width; ++x, ++all)
            ink += !kiosk::test::pixel_is(png, x, y, theme::kBackground);
    return all ? double(ink) / double(all) : 0;
}

const char* const kPunctuation = "，。、；：？！（）《》「」“”‘’…—·";

} // namespace

TEST_CASE("glyph cache: a character is drawn in the frame that first draws it", "[fonts]") {
    GlyphScreen screen;
    const auto draw = [](Ui& ui) {
        ui.text_sized(72, ImVec2(80, 80), theme::kOnDark, "光合作用与蒸腾");
        ui.text_sized(36, ImVec2(80, 300), theme::kOnDark, kPunctuation);
        ui.text_sized(24, ImVec2(80, 500), theme::kOnDark, "Drop, cover and hold on!");
    };
    REQUIRE_FALSE(screen.fonts().has_glyph_at_any_size(U'蒸'));
    const std::string first = temp_png("first-frame"), second = temp_png("second-frame");
    screen.frame(draw, first);
    screen.frame(draw, second);
    // The first frame is the second: nothing missing, nothing late.
    CHECK(png_difference(first, second) == 0);
    CHECK(ink_in(first, 40, 40, 290, 80) > 0.1); // 72 logical px at 540 high: 36 px
    // And it is the text as it should look (tests/app/goldens/glyph-cache.png).
    const kiosk::test::PngCompare golden = screen.golden("glyph-cache");
    INFO(golden.message);
    CHECK(golden.same);
}

TEST_CASE("glyph cache: every size from 8 to 300 px is rasterized at that size", "[fonts]") {
    GlyphScreen screen(1920, 1080);
    FontLibrary& fonts = screen.fonts();
    screen.frame([&](Ui&) {
        float previous_advance = 0;
        for (int size : {8, 9, 12, 16, 24, 36, 48, 72, 96, 128, 200, 256, 300}) {
            INFO(size << " px");
            const ImFont* font = fonts.prepare(float(size), "科，A");
            REQUIRE(font);
            CHECK(font->FontSize == float(size));
            CHECK(fonts.has_glyph(float(size), U'科'));
            const ImFontGlyph* glyph = font->FindGlyphNoFallback(U'科');
            REQUIRE(glyph);
            // An ideograph fills most of the line: WenQuanYi's em is 1/1.17 of it.
            CHECK(glyph->AdvanceX == Approx(float(size) / 1.17f).margin(1.5));
            CHECK(glyph->Y1 - glyph->Y0 <= float(size));
            CHECK(glyph->Y1 - glyph->Y0 >= float(size) * 0.6f);
            CHECK(glyph->AdvanceX > previous_advance);
            previous_advance = glyph->AdvanceX;
        }
    });
    // Outside the range: the nearest size there is.
    screen.frame([&](Ui&) {
        CHECK(fonts.prepare(4, "科")->FontSize == 8);
        CHECK(fonts.prepare(1000, "科")->FontSize == 300);
    });
}

TEST_CASE("glyph cache: CJK punctuation is drawn full width and inked", "[fonts]") {
    GlyphScreen screen;
    FontLibrary& fonts = screen.fonts();
    const std::string shot = temp_png("punctuation");
    screen.frame([&](Ui& ui) { ui.text_sized(72, ImVec2(40, 200), theme::kOnDark, kPunctuation); },
                 shot);
    const ImFont* font = fonts.prepare(36, kPunctuation); // 72 logical at 540 px high
    REQUIRE(font);
    const float ideograph = fonts.prepare(36, "科")->FindGlyphNoFallback(U'科')->AdvanceX;
    std::string_view text = kPunctuation;
    for (size_t at = 0; at < text.size();) {
        const uint32_t c = decode_utf8(text, at);
        INFO("U+" << std::hex << c);
        const ImFontGlyph* glyph = font->FindGlyphNoFallback(ImWchar(c));
        REQUIRE(glyph);
        CHECK(glyph->Visible);
        if (c != U'·' && c != U'—' && c != U'…') CHECK(glyph->AdvanceX == ideograph);
    }
    CHECK(ink_in(shot, 20, 100, 940, 136) > 0.02);
}

TEST_CASE("glyph cache: a character the face lacks is drawn as '?'", "[fonts]") {
    GlyphScreen screen;
    FontLibrary& fonts = screen.fonts();
    screen.frame([&](Ui& ui) {
        // U+0E01 (Thai) is not in WenQuanYi; U+1F600 is past ImGui's 16-bit characters.
        ui.text_sized(36, ImVec2(40, 40), theme::kOnDark, "科\u0E01\U0001F600");
    });
    CHECK_FALSE(fonts.face_has(0x0E01));
    const float pixels = 18; // 36 logical at 540 px high
    CHECK(fonts.has_glyph(pixels, '?'));
    const ImFont* font = fonts.prepare(pixels, "\u0E01");
    CHECK(font->FindGlyph(ImWchar(0x0E01))->Codepoint == '?');
    CHECK(font->GetCharAdvance(ImWchar(0x0E01)) == font->FindGlyph('?')->AdvanceX);
}

TEST_CASE("glyph cache: the least recently used glyphs make room; this frame's stay", "[fonts]") {
    GlyphScreen screen; // 540 px high: pages of 512 texels a side
    FontLibrary& fonts = screen.fonts();
    REQUIRE(fonts.stats().page_side == 512);
    // 64 px glyphs: six shelves of seven on a page (below page 0's disc).
    // Twenty new characters a frame, ten frames: older frames' glyphs must go.
    std::vector<std::string> batches;
    std::string all;
    for (int frame = 0; frame < 10; ++frame) {
        std::string batch;
        for (uint32_t c = 0x4E00 + uint32_t(frame) * 20; c < 0x4E00 + uint32_t(frame + 1) * 20; ++c)
            if (fonts.face_has(c)) append_utf8(batch, c);
        batches.push_back(batch);
    }
    const std::string kept = "水的旅行";
    for (const std::string& batch : batches)
        screen.frame([&](Ui& ui) {
            ui.text_sized(128, ImVec2(0, 0), theme::kOnDark, kept); // 64 px
            ui.text_sized(128, ImVec2(0, 200), theme::kOnDark, batch);
            // Every glyph drawn this frame is still in place at its end.
            for (std::string_view text : {std::string_view(kept), std::string_view(batch)})
                for (size_t at = 0; at < text.size();)
                    CHECK(fonts.has_glyph(64, decode_utf8(text, at)));
        });
    const GlyphAtlasStats stats = fonts.stats();
    CHECK(stats.evicted > 0);
    CHECK(stats.pages == 1);
    // The first batch went, but for glyphs sharing a shelf with the title
    // (which every frame uses: room is managed a shelf at a time) or on short
    // shelves not needed yet; the title and the last batch stayed.
    int first_batch_left = 0, first_batch = 0;
    for (size_t at = 0; at < batches[0].size(); ++first_batch)
        first_batch_left += fonts.has_glyph(64, decode_utf8(batches[0], at));
    CHECK(first_batch_left < first_batch / 2);
    for (size_t at = 0; at < batches[9].size();)
        CHECK(fonts.has_glyph(64, decode_utf8(batches[9], at)));
    size_t at = 0;
    CHECK(fonts.has_glyph(64, decode_utf8(kept, at)));

    // A glyph dropped and drawn again looks as it did.
    const std::string before = temp_png("evicted-before"), after = temp_png("evicted-after");
    screen.frame([&](Ui& ui) { ui.text_sized(128, ImVec2(40, 40), theme::kOnDark, batches[1]); },
                 before);
    for (int i = 0; i < 3; ++i)
        screen.frame(
            [&](Ui& ui) { ui.text_sized(128, ImVec2(40, 40), theme::kOnDark, batches[5]); });
    screen.frame([&](Ui& ui) { ui.text_sized(128, ImVec2(40, 40), theme::kOnDark, batches[1]); },
                 after);
    CHECK(png_difference(before, after) == 0);
}

TEST_CASE("glyph cache: one frame needing more than a page gets a second page, released idle",
          "[fonts]") {
    GlyphScreen screen;
    FontLibrary& fonts = screen.fonts();
    // 150 px glyphs (300 logical at 540 px high): a 512 page holds nine.
    std::string many;
    for (uint32_t c = 0x5000; c < 0x5000 + 24; ++c)
        if (fonts.face_has(c)) append_utf8(many, c);
    const std::string shot = temp_png("two-pages");
    screen.frame(
        [&](Ui& ui) {
            for (size_t i = 0, at = 0; at < many.size(); ++i) {
                const size_t start = at;
                decode_utf8(many, at);
                ui.text_sized(300, ImVec2(float(i % 6) * 160, float(i / 6) * 135), theme::kOnDark,
                              std::string_view(many).substr(start, at - start));
            }
        },
        shot);
    CHECK(fonts.stats().pages >= 2);
    // Every one of them was drawn: each cell of the grid has ink.
    for (int i = 0; i < 24; ++i) {
        const int x = (i % 6) * 80, y = (i / 6) * 67;
        INFO("cell " << i);
        CHECK(ink_in(shot, x, y, x + 80, y + 67) > 0.02);
    }
    for (int i = 0; i < GlyphAtlas::kIdlePageFrames + 2; ++i)
        screen.frame([&](Ui& ui) { ui.text_sized(36, ImVec2(40, 40), theme::kOnDark, "科"); });
    CHECK(fonts.stats().pages == 1);
}
