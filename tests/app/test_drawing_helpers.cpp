// The drawing helpers of the curator API on screenshots of a previewed exhibit
// (a KioskApp at 960x540, so a logical pixel is half a screen pixel): arcs and
// pie slices, dashed lines, clip rectangles under the transform (and with
// kiosk.clear), a sprite sheet's frame through kiosk.image's opts.source, and
// text on a background box; discs cut to the screen and the clip (no vertex
// off the screen: Mesa's llvmpipe would clip the whole batch). Their argument checks are in
// tests/script (test_helpers_api.cpp) and in test_exhibits.cpp's bad-numbers test.
#include "app_test_support.h"

#include <catch2/catch.hpp>
#include <stb_image_write.h>

#include <vector>

using namespace kiosk;
using namespace kiosk::test;

namespace {

constexpr uint32_t kBlack = IM_COL32(0, 0, 0, 255), kRed = IM_COL32(255, 0, 0, 255),
                   kGreen = IM_COL32(0, 255, 0, 255), kBlue = IM_COL32(0, 0, 255, 255),
                   kYellow = IM_COL32(255, 255, 0, 255), kMagenta = IM_COL32(255, 0, 255, 255),
                   kWhite = IM_COL32(255, 255, 255, 255);

// A 64x16 sprite sheet of four 16x16 frames: red, green, blue, yellow.
void write_sprite_sheet(const std::string& path) {
    const unsigned char frames[4][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0}};
    std::vector<unsigned char> pixels(64 * 16 * 3);
    for (int y = 0; y < 16; ++y)
        for (int x = 0; x < 64; ++x)
            for (int c = 0; c < 3; ++c)
                pixels[size_t(y * 64 + x) * 3 + c] = frames[x / 16][c];
    REQUIRE(stbi_write_png(path.c_str(), 64, 16, 3, pixels.data(), 64 * 3));
}

// A kiosk previewing the exhibit `main_lua` (with sheet.png beside it).
struct Preview {
    TempFolder exhibits;
    std::unique_ptr<KioskApp> app;

    Preview(const std::string& name, const std::string& main_lua) {
        write_test_exhibit(exhibits, name, main_lua);
        write_sprite_sheet(exhibits.file(name + "/sheet.png"));
        AppOptions options;
        options.exhibit_path = exhibits.file(name);
        options.width = 960;
        options.height = 540;
        app = make_app_from(load_sample_config("kiosk-config/county-museum.lua", name), options);
        REQUIRE(app->screen() == ScreenId::Exhibit);
    }
    const ExhibitHost& host() const {
        const ExhibitHost* host = app->exhibit_screen().host();
        REQUIRE(host);
        return *host;
    }
};

// Previews the exhibit `main_lua` for a few frames and screenshots it to `png`.
void preview_and_screenshot(const std::string& name, const std::string& main_lua,
                            const std::string& png) {
    Preview preview(name, main_lua);
    run_frames(*preview.app, 3);
    INFO(preview.host().error().message);
    REQUIRE_FALSE(preview.host().failed());
    std::string error;
    INFO(error);
    REQUIRE(preview.app->screenshot(png, error));
}

// Whether the logical point (x, y) shows `colour` on the 960x540 screenshot.
bool shows(const Png& png, float x, float y, uint32_t colour) {
    return pixel_is(png, int(x / 2), int(y / 2), colour);
}

} // namespace

TEST_CASE("arcs, pie slices and dashed lines", "[exhibit][helpers]") {
    const std::string png = temp_dir("helpers-arcs") + "/shot.png";
    preview_and_screenshot("helpers-arcs", R"(
function exhibit.draw()
  kiosk.clear(0, 0, 0)
  kiosk.color(1, 0, 0)
  kiosk.arc("fill", 300, 300, 200, 0, math.pi / 2)      -- a quarter: right to down
  kiosk.arc("fill", 300, 800, 200, 0, math.pi * 1.5)    -- three quarters
  kiosk.color(0, 0, 1)
  kiosk.linewidth(12)
  kiosk.arc("line", 1000, 800, 200, math.pi, math.pi * 2) -- the upper half
  kiosk.color(0, 1, 0)
  kiosk.linewidth(20)
  kiosk.dashline(700, 100, 1300, 100, 50, 50)
  kiosk.dashline(1400, 100, 1400, 500, 40)               -- gap defaults to dash
end
)",
                           png);
    Png shot(png);
    REQUIRE(shot.pixels);
    CHECK(shows(shot, 400, 400, kRed));   // inside the quarter
    CHECK(shows(shot, 200, 400, kBlack)); // left of it
    CHECK(shows(shot, 400, 200, kBlack)); // above it
    CHECK(shows(shot, 400, 900, kRed));   // three quarters: down-right
    CHECK(shows(shot, 200, 700, kRed));   // up-left
    CHECK(shows(shot, 200, 900, kRed));   // down-left
    CHECK(shows(shot, 400, 700, kBlack)); // the missing quarter, up-right
    CHECK(shows(shot, 1000, 600, kBlue)); // the top of the upper half
    CHECK(shows(shot, 1000, 1000, kBlack));
    CHECK(shows(shot, 1000, 800, kBlack)); // an arc is not filled
    CHECK(shows(shot, 725, 100, kGreen));  // dash
    CHECK(shows(shot, 775, 100, kBlack));  // gap
    CHECK(shows(shot, 825, 100, kGreen));
    CHECK(shows(shot, 1275, 100, kBlack)); // the 6th gap
    CHECK(shows(shot, 1400, 120, kGreen));
    CHECK(shows(shot, 1400, 160, kBlack));
}

TEST_CASE("clip rectangles follow the transform, nest, and bound kiosk.clear",
          "[exhibit][helpers]") {
    const std::string png = temp_dir("helpers-clip") + "/shot.png";
    preview_and_screenshot("helpers-clip", R"(
function exhibit.draw()
  kiosk.clip(0, 0, 960, 540)
  kiosk.clear(1, 1, 1)            -- the top-left quarter only
  kiosk.unclip()
  kiosk.push()
  kiosk.translate(1100, 100)
  kiosk.scale(2)
  kiosk.clip(0, 0, 100, 100)      -- the screen's 1100..1300 x 100..300
  kiosk.color(0, 0, 1)
  kiosk.rect("fill", -500, -500, 2000, 2000)
  kiosk.clip(50, 50, 500, 500)    -- within the first: 1200..1300 x 200..300
  kiosk.color(1, 0, 0)
  kiosk.rect("fill", -500, -500, 2000, 2000)
  kiosk.unclip()
  kiosk.unclip()
  kiosk.pop()
  kiosk.color(0, 1, 0)
  kiosk.rect("fill", 1500, 700, 100, 100) -- after unclip: drawn
  kiosk.clip(1700, 700, 10, 10)   -- left set: the host undoes it after draw
end
)",
                           png);
    Png shot(png);
    REQUIRE(shot.pixels);
    CHECK(shows(shot, 400, 300, kWhite)); // (the home button covers the corner)
    CHECK(shows(shot, 900, 500, kWhite));
    CHECK_FALSE(shows(shot, 1000, 800, kWhite)); // kiosk.clear stayed inside the clip
    CHECK_FALSE(shows(shot, 100, 700, kWhite));
    CHECK(shows(shot, 1150, 150, kBlue));
    CHECK(shows(shot, 1250, 250, kRed));
    CHECK(shows(shot, 1150, 250, kBlue));
    CHECK_FALSE(shows(shot, 1350, 150, kBlue)); // outside the scaled clip
    CHECK_FALSE(shows(shot, 1350, 150, kRed));
    CHECK_FALSE(shows(shot, 1150, 350, kBlue));
    CHECK_FALSE(shows(shot, 1050, 150, kBlue));
    CHECK(shows(shot, 1550, 750, kGreen));
}

TEST_CASE("a control's part outside the clip cannot be tapped", "[exhibit][helpers][touch]") {
    Preview preview("helpers-clip-touch", R"(
function exhibit.draw()
  kiosk.clip(0, 0, 800, 1080)
  if kiosk.button("half hidden", 600, 400, 400, 200) then error("TAPPED", 0) end
  kiosk.unclip()
end
)");
    play(*preview.app, "tap 900 500\n"); // on the button, outside the clip
    INFO(preview.host().error().message);
    REQUIRE_FALSE(preview.host().failed());
    play(*preview.app, "tap 700 500\n"); // inside both
    CHECK(preview.host().failed());
    CHECK(preview.host().error().message == "TAPPED");
}

TEST_CASE("kiosk.image draws one frame of a sprite sheet with opts.source", "[exhibit][helpers]") {
    const std::string png = temp_dir("helpers-sprites") + "/shot.png";
    preview_and_screenshot("helpers-sprites", R"(
function exhibit.draw()
  kiosk.clear(0, 0, 0)
  kiosk.image("sheet.png", 100, 300, {source = {32, 0, 16, 16}, w = 160}) -- blue, 160x160
  kiosk.image("sheet.png", 400, 300, {source = {48, 0, 16, 16}})          -- yellow, 16x16
  kiosk.image("sheet.png", 600, 300, {w = 640})                           -- the whole sheet
end
)",
                           png);
    Png shot(png);
    REQUIRE(shot.pixels);
    CHECK(shows(shot, 120, 320, kBlue));
    CHECK(shows(shot, 180, 380, kBlue));
    CHECK(shows(shot, 240, 440, kBlue));
    CHECK(shows(shot, 280, 380, kBlack)); // the frame's natural size is 16, drawn at 160
    CHECK(shows(shot, 408, 308, kYellow));
    CHECK(shows(shot, 430, 308, kBlack));
    CHECK(shows(shot, 680, 380, kRed)); // the sheet's frames, left to right
    CHECK(shows(shot, 840, 380, kGreen));
    CHECK(shows(shot, 1000, 380, kBlue));
    CHECK(shows(shot, 1160, 380, kYellow));
}

TEST_CASE("kiosk.text draws a background box around the text, as aligned", "[exhibit][helpers]") {
    const std::string png = temp_dir("helpers-textbox") + "/shot.png";
    preview_and_screenshot("helpers-textbox", R"(
function exhibit.draw()
  kiosk.clear(0, 0, 0)
  kiosk.color(1, 1, 1)
  kiosk.text("Hi", 400, 300, {size = 48, background = "#FF00FF", padding = 20})
  kiosk.text("Hi", 1200, 300, {size = 48, align = "center", background = {1, 1, 0}, padding = 10})
  local w = kiosk.text("Hi", 1600, 300, {size = 48, align = "right", background = "#0000FF"})
  if w <= 20 then error("text too narrow for the checks: " .. w, 0) end
end
)",
                           png);
    Png shot(png);
    REQUIRE(shot.pixels);
    CHECK(shows(shot, 386, 286, kMagenta)); // in the padding, above and left of the text
    CHECK(shows(shot, 370, 270, kBlack));   // beyond the padding
    CHECK(shows(shot, 1180, 294, kYellow)); // centred: the box reaches left of x
    CHECK(shows(shot, 1200, 280, kBlack));  // 10 px padding, no more
    CHECK(shows(shot, 1580, 294, kBlue));   // right-aligned: the box ends at x + padding
    CHECK(shows(shot, 1630, 320, kBlack));  // (the default padding is a quarter of the size)
}

TEST_CASE("filled circles are cut to the screen and the clip, keeping every vertex on screen",
          "[exhibit][helpers]") {
    Preview preview("helpers-disc-edges", R"(
function exhibit.draw()
  kiosk.clear(0, 0, 0)
  kiosk.color(1, 0, 0)
  kiosk.circle("fill", 0, 600, 40)        -- half off the left edge
  kiosk.circle("fill", 1920, 1080, 40)    -- a quarter on screen, bottom right
  kiosk.circle("fill", -200, 600, 40)     -- wholly off the screen
  kiosk.clip(1000, 0, 100, 1080)
  kiosk.circle("fill", 1000, 600, 40)     -- its right half inside the clip
  kiosk.unclip()
end
)");
    run_frames(*preview.app, 3);
    INFO(preview.host().error().message);
    REQUIRE_FALSE(preview.host().failed());
    const ImDrawData* frame = ImGui::GetDrawData();
    REQUIRE(frame);
    int off_screen = 0;
    for (int list = 0; list < frame->CmdListsCount; ++list)
        for (const ImDrawVert& vertex : frame->CmdLists[list]->VtxBuffer)
            if (vertex.pos.x < 0 || vertex.pos.y < 0 || vertex.pos.x > 960 || vertex.pos.y > 540)
                ++off_screen;
    CHECK(off_screen == 0);
    const std::string png = temp_dir("helpers-disc-edges") + "/shot.png";
    std::string error;
    REQUIRE(preview.app->screenshot(png, error));
    Png shot(png);
    REQUIRE(shot.pixels);
    CHECK(shows(shot, 20, 600, kRed));    // the visible half of the first
    CHECK(shows(shot, 1900, 1060, kRed)); // the corner's quarter
    CHECK(shows(shot, 1020, 600, kRed));  // inside the clip
    CHECK(shows(shot, 980, 600, kBlack)); // cut off by it
    CHECK(shows(shot, 20, 660, kBlack));  // beyond the radius
}
