// The kiosk's picture cache over time (issue 21): a picture is decoded when
// first asked for, released by release_unused once no frame drew it for
// kUnusedPictureS, decoded again when next drawn, never released in a frame
// that drew it; and a picture shown smaller than it is decoded at the size
// shown. Real textures in a software renderer.
#include "../core/software_renderer.h"
#include "../core/temp_folder.h"
#include "../core/tiny_png.h"
#include "render/images.h"

#include <catch2/catch.hpp>

using namespace kiosk;
using kiosk::test::SoftwareRenderer;
using kiosk::test::TempFolder;
using kiosk::test::tiny_png;

TEST_CASE("a picture no frame drew for 30 s is released, and decoded again when next drawn",
          "[pictures][release]") {
    SoftwareRenderer software;
    REQUIRE(software.renderer);
    TempFolder folder;
    folder.write("thumbnail.png", tiny_png(16, 8));
    FolderSource source(folder.path().string());
    ImageCache images(software.renderer, kMaxScreenPictureSide);

    CHECK(images.get(source, "thumbnail.png").width == 16); // drawn in the frame ending at 0 s
    CHECK(images.release_unused(0) == 0);
    CHECK(images.release_unused(kUnusedPictureS - 0.5) == 0); // not drawn since: kept for now
    CHECK(images.size() == 1);
    CHECK(images.release_unused(kUnusedPictureS) == 1);
    CHECK(images.size() == 0);

    // Decoded again from the file: the new one shows.
    folder.write("thumbnail.png", tiny_png(32, 8));
    std::string error;
    const Image& again = images.get(source, "thumbnail.png", &error);
    INFO(error);
    CHECK(again.texture);
    CHECK(again.width == 32);
}

TEST_CASE("a picture drawn in the current frame is never released, however long the frame",
          "[pictures][release]") {
    SoftwareRenderer software;
    REQUIRE(software.renderer);
    TempFolder folder;
    folder.write("shown.png", tiny_png(16, 8));
    folder.write("hidden.png", tiny_png(16, 8));
    FolderSource source(folder.path().string());
    ImageCache images(software.renderer, kMaxScreenPictureSide);

    const SDL_Texture* shown = images.get(source, "shown.png").texture;
    images.get(source, "hidden.png");
    CHECK(images.release_unused(0) == 0);
    // Drawn every frame, and the clock jumps 10 minutes between two frames.
    for (double now : {10.0, 20.0, 600.0, 1200.0}) {
        CHECK(images.release_unused(now) <= 1);                  // at most hidden.png
        CHECK(images.get(source, "shown.png").texture == shown); // the same texture, not redone
    }
    CHECK(images.size() == 1);               // hidden.png went at 600 s
    CHECK(images.release_unused(1300) == 0); // shown.png was drawn in the frame it ends
    // Asked for after the last release and not yet ended by one: this frame's.
    images.get(source, "hidden.png");
    CHECK(images.release_unused(1e6) == 1); // shown.png, last drawn in the frame ended at 1300 s
    CHECK(images.size() == 1);
    CHECK(images.get(source, "hidden.png").texture);
}

TEST_CASE("a picture shown smaller than it is is decoded at the size it is shown",
          "[pictures][release]") {
    SoftwareRenderer software;
    REQUIRE(software.renderer);
    TempFolder folder;
    folder.write("thumbnail.png", tiny_png(1280, 720));
    FolderSource source(folder.path().string());
    ImageCache images(software.renderer, kMaxScreenPictureSide);

    // A 720p tile (370 x 208): 1280 x 720 shrinks to it, so the renderer
    // copies it pixel for pixel instead of scaling it each frame.
    const Image& tile = images.get(source, "thumbnail.png", nullptr, kNoPictureBudget, {370, 208});
    CHECK(tile.texture);
    CHECK(tile.width == 370);
    CHECK(tile.height == 208);
    // Another aspect: the smallest size that covers it, the picture's aspect kept.
    const Image& tall = images.get(source, "thumbnail.png", nullptr, kNoPictureBudget, {700, 400});
    CHECK(tall.width == 711);
    CHECK(tall.height == 400);
    // Shown larger on a side, or at its own size: as it is, each its own entry.
    CHECK(images.get(source, "thumbnail.png", nullptr, kNoPictureBudget, {1920, 1080}).width ==
          1280);
    CHECK(images.get(source, "thumbnail.png", nullptr, kNoPictureBudget, {1300, 200}).width ==
          1280);
    CHECK(images.get(source, "thumbnail.png").width == 1280);
    CHECK(images.get(source, "thumbnail.png", nullptr, kNoPictureBudget, {370, 208}).texture ==
          tile.texture);
}
