// Admin overlay tests: the long press in the configured corner, the PIN keypad
// (right PIN unlocks, wrong PINs lock out), and Exit.
#include "app_test_support.h"

#include <catch2/catch.hpp>

using namespace kiosk;
using namespace kiosk::test;

namespace {

// Centre of keypad key `index` (0..11: 1-9, delete, 0, OK), logical px; mirrors
// the layout in admin_overlay.cpp.
std::string tap_key(int index) {
    const float key_w = 190, key_h = 118, gap = 22;
    const float left = 960 - (3 * key_w + 2 * gap) / 2;
    float x = left + float(index % 3) * (key_w + gap) + key_w / 2;
    float y = 300 + float(index / 3) * (key_h + gap) + key_h / 2;
    return "tap " + std::to_string(x) + " " + std::to_string(y) + "\n";
}

std::string type_pin(const std::string& digits) {
    std::string replay;
    for (char digit : digits)
        replay += tap_key(digit == '0' ? 10 : digit - '1');
    return replay + tap_key(11);
}

const char* kLongPressCorner = "down 1 30 30\nwait 5.2\nup 1 30 30\n";

} // namespace

TEST_CASE("a long press in the admin corner opens the PIN pad; a short one does not", "[admin]") {
    auto app = make_app(960, 540);
    play(*app, "down 1 30 30\nwait 2\nup 1 30 30\n");
    CHECK_FALSE(app->admin_visible());
    play(*app, "down 1 30 30\nmove 1 400 400\nwait 5.5\nup 1 400 400\n");
    CHECK_FALSE(app->admin_visible()); // the finger left the corner
    play(*app, kLongPressCorner);
    CHECK(app->admin_visible());
    CHECK(app->screen() == ScreenId::Home);
}

TEST_CASE("the right PIN unlocks the overlay and Exit quits", "[admin]") {
    auto app = make_app(960, 540);
    play(*app, kLongPressCorner);
    REQUIRE(app->admin_visible());
    play(*app, type_pin("2468"));
    REQUIRE(app->admin_visible());
    CHECK_FALSE(app->quit_requested());
    play(*app, "tap 530 900\n"); // Exit
    CHECK(app->quit_requested());
    CHECK(app->exit_code() == 0);
}

TEST_CASE("a wrong PIN keeps the overlay locked and the kiosk running", "[admin]") {
    auto app = make_app(960, 540);
    play(*app, kLongPressCorner);
    play(*app, type_pin("1111"));
    CHECK(app->admin_visible());
    play(*app, "tap 530 900\n"); // where Exit would be: nothing
    CHECK_FALSE(app->quit_requested());
    play(*app, "tap 960 930\n"); // Cancel
    CHECK_FALSE(app->admin_visible());
}

TEST_CASE("five wrong PINs lock the keypad even against the right PIN", "[admin]") {
    auto app = make_app(960, 540);
    play(*app, kLongPressCorner);
    for (int i = 0; i < 5; ++i)
        play(*app, type_pin("9999"));
    play(*app, type_pin("2468"));
    play(*app, "tap 530 900\n");
    CHECK_FALSE(app->quit_requested());
}
