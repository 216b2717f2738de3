// Screen tests: goldens of the home and attract screens in zh and en, a replay
// that taps a tile and the language toggle, the idle timeout ending a visitor
// session, and every glyph of the loaded text being in the font atlas.
#include "../home_tiles.h"
#include "app_test_support.h"
#include "test_paths.h"

#include "core/utf8_text.h"
#include "render/fonts.h"

#include <catch2/catch.hpp>

#include <set>

using namespace kiosk;
using namespace kiosk::test;

namespace {

const char* kTapFirstTile = "tap 357 560\n";
const char* kTapLanguageToggle = "tap 1720 110\n";
const char* kTapBackHome = "tap 170 90\n";

void short_idle(KioskConfig& config) {
    config.idle_timeout_s = 10;
}
void english_default(KioskConfig& config) {
    config.idle_timeout_s = 10;
    config.default_language = Language::En;
}

} // namespace

TEST_CASE("home and attract screens match their goldens in zh and en", "[golden]") {
    auto app = make_app(960, 540, "kiosk-config/county-museum.lua", short_idle);
    run_frames(*app, 3);
    REQUIRE(app->screen() == ScreenId::Home);
    PngCompare home_zh = compare_with_golden(*app, "home-zh");
    INFO(home_zh.message);
    CHECK(home_zh.same);

    play(*app, kTapLanguageToggle);
    REQUIRE(app->language() == Language::En);
    PngCompare home_en = compare_with_golden(*app, "home-en");
    INFO(home_en.message);
    CHECK(home_en.same);

    play(*app, "wait 10.5\n");
    REQUIRE(app->screen() == ScreenId::Attract);
    PngCompare attract_zh = compare_with_golden(*app, "attract-zh");
    INFO(attract_zh.message);
    CHECK(attract_zh.same);

    auto english = make_app(960, 540, "kiosk-config/county-museum.lua", english_default);
    play(*english, "wait 10.5\n");
    REQUIRE(english->screen() == ScreenId::Attract);
    PngCompare attract_en = compare_with_golden(*english, "attract-en");
    INFO(attract_en.message);
    CHECK(attract_en.same);
    // The two attract screens lead with different languages.
    CHECK(png_difference(kiosk::test::binary_dir() + "/test-tmp/attract-zh.actual.png",
                         kiosk::test::binary_dir() + "/test-tmp/attract-en.actual.png") > 0.01);
}

TEST_CASE("a replay taps a tile, goes back, and toggles the language", "[replay]") {
    auto app = make_app(960, 540);
    run_frames(*app, 2);
    std::string before = temp_dir("replay") + "/before.png", error;
    REQUIRE(app->screenshot(before, error));
    REQUIRE(app->catalog().exhibits.size() >= 1);

    play(*app, kTapFirstTile);
    CHECK(app->screen() == ScreenId::Exhibit);
    std::string exhibit = temp_dir("replay-exhibit") + "/exhibit.png";
    REQUIRE(app->screenshot(exhibit, error));
    CHECK(png_difference(before, exhibit) > 0.2);

    play(*app, kTapBackHome);
    CHECK(app->screen() == ScreenId::Home);
    CHECK(app->language() == Language::Zh);
    play(*app, kTapLanguageToggle);
    CHECK(app->language() == Language::En);
    std::string after = temp_dir("replay-after") + "/after.png";
    REQUIRE(app->screenshot(after, error));
    CHECK(png_difference(before, after) > 0.005);
    play(*app, kTapLanguageToggle);
    CHECK(app->language() == Language::Zh);
}

TEST_CASE("a drag scrolls without opening the tile under the finger", "[replay][touch]") {
    auto app = make_app(960, 540);
    run_frames(*app, 2);
    play(*app, "drag 357 700 357 500 0.3\nwait 1\n");
    CHECK(app->screen() == ScreenId::Home);
    // The grid moved up: the first column's second row is under the finger now.
    play(*app, kTapFirstTile);
    REQUIRE(app->screen() == ScreenId::Exhibit);
    REQUIRE(app->exhibit_screen().host());
    CHECK(app->exhibit_screen().host()->source().id == kDemoHomeOrder[3]);
}

TEST_CASE("idle past the timeout shows attract and the next touch is a new session", "[idle]") {
    auto app = make_app(640, 360, "kiosk-config/county-museum.lua", short_idle);
    CHECK(app->session_id().empty()); // nobody has touched the kiosk yet
    play(*app, kTapFirstTile);
    REQUIRE(app->screen() == ScreenId::Exhibit);
    std::string first = app->session_id();
    REQUIRE(first.size() == 32);

    play(*app, "wait 9\n");
    CHECK(app->screen() == ScreenId::Exhibit); // not yet
    play(*app, "wait 1.5\n");
    CHECK(app->screen() == ScreenId::Attract);
    CHECK(app->session_id().empty());

    // The waking touch lands on where a tile is, but only wakes the kiosk.
    play(*app, kTapFirstTile);
    CHECK(app->screen() == ScreenId::Home);
    std::string second = app->session_id();
    CHECK(second.size() == 32);
    CHECK(second != first);
    CHECK(app->sessions_started() == 2);
}

TEST_CASE("attract resets the language and every screen", "[idle]") {
    auto app = make_app(640, 360, "kiosk-config/county-museum.lua", short_idle);
    play(*app, kTapLanguageToggle);
    play(*app, kTapFirstTile);
    REQUIRE(app->language() == Language::En);
    REQUIRE(app->screen() == ScreenId::Exhibit);
    play(*app, "wait 11\ntap 960 540\n");
    CHECK(app->screen() == ScreenId::Home);
    CHECK(app->language() == Language::Zh);
}

TEST_CASE("every character the first frame draws is in the glyph cache, and nothing else",
          "[fonts]") {
    auto app = make_app(1280, 720);
    std::vector<DrawnText> texts;
    app->record_drawn_text(&texts);
    run_frames(*app, 1);
    app->record_drawn_text(nullptr);
    const FontLibrary& fonts = app->fonts();
    const float scale = 720.0f / 1080.0f;
    std::set<uint32_t> drawn;
    std::set<std::pair<float, uint32_t>> drawn_at_size;
    int missing = 0;
    for (const DrawnText& text : texts)
        for (size_t at = 0; at < text.text.size();) {
            const uint32_t codepoint = decode_utf8(text.text, at);
            if (codepoint <= ' ') continue;
            drawn.insert(codepoint);
            drawn_at_size.insert({std::round(text.size * scale), codepoint});
            if (!fonts.has_glyph(std::round(text.size * scale), codepoint)) {
                UNSCOPED_INFO("U+" << std::hex << codepoint << " missing at " << std::dec
                                   << text.size << " px: " << text.text);
                ++missing;
            }
        }
    // The home screen is Chinese: a hundred distinct characters and more.
    REQUIRE(drawn.size() > 100);
    CHECK(missing == 0);
    // Only what was shown is rasterized: a common character the sample never
    // shows is absent, and the glyphs are at most twice the characters drawn
    // at each of their sizes (layouts also measure at sizes they then drop).
    CHECK_FALSE(fonts.has_glyph_at_any_size(0x9F8D)); // 龍 (traditional form)
    CHECK(fonts.stats().rasterized >= int64_t(drawn_at_size.size()));
    CHECK(fonts.stats().rasterized <= 2 * int64_t(drawn_at_size.size()));
    CHECK(fonts.stats().pages == 1);
}

TEST_CASE("Chinese wraps between characters but never before closing punctuation", "[text]") {
    auto app = make_app();
    FontLibrary& fonts = app->fonts();
    const float size = 36;
    const ImFont* font = fonts.prepare(size, "触摸任意展，项开（）drop cover hold\non");
    REQUIRE(font);
    REQUIRE(fonts.has_glyph(size, U'触'));
    const float glyph = font->GetCharAdvance(U'触');
    // Room for five characters: "，" would start the second line; "展" goes with it.
    auto lines = wrap_text_lines(*font, size, "触摸任意展，项开", glyph * 5.5f);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "触摸任意");
    CHECK(lines[1] == "展，项开");
    // Opening punctuation stays with what follows it.
    lines = wrap_text_lines(*font, size, "触摸任意（展项）", glyph * 5.5f);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "触摸任意");
    CHECK(lines[1] == "（展项）");
    // English breaks at spaces, a newline always breaks, and nothing is lost.
    lines = wrap_text_lines(*font, size, "drop cover hold\non",
                            font->CalcTextSizeA(size, FLT_MAX, 0, "drop cover ").x);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "drop cover");
    CHECK(lines[1] == "hold");
    CHECK(lines[2] == "on");
}
