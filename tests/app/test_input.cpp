// Input tests: the replay format (and its errors), SDL translation that drops
// touch-synthesized mouse events, and the ImGui feeder's tap and drag handling.
#include "app/frame_loop.h"
#include "app/input_replay.h"
#include "render/input.h"

#include <SDL.h>
#include <catch2/catch.hpp>

using namespace kiosk;

TEST_CASE("input replay: commands become timed pointer steps", "[replay]") {
    ReplayParseResult replay = parse_input_replay(
        "# a visitor\nwait 1.5\ntap 100 200\ndown 3 10 20  # second finger\nmove 3 15 25\n"
        "up 3 15 25\ndrag 0 0 0 100 0.5\nscreenshot out.png\nquit\n",
        "visit.replay");
    REQUIRE(replay.ok());
    REQUIRE(replay.steps.size() > 8);
    const ReplayStep& tap_down = replay.steps[0];
    CHECK(tap_down.at_s == Approx(1.5));
    CHECK(tap_down.pointer.phase == PointerPhase::Down);
    CHECK(tap_down.pointer.x == 100);
    CHECK(tap_down.pointer.y == 200);
    CHECK(replay.steps[1].pointer.phase == PointerPhase::Up);
    CHECK(replay.steps[1].at_s == Approx(1.6));
    CHECK(replay.steps[2].pointer.pointer_id == 3);
    CHECK(replay.steps.back().kind == ReplayStep::Kind::Quit);
    CHECK(replay.steps.back().at_s == Approx(2.1));
    CHECK(replay.steps[replay.steps.size() - 2].screenshot_path == "out.png");
}

TEST_CASE("input replay: bad lines are reported with file and line", "[replay]") {
    struct Case {
        const char* text;
        const char* expected;
    } cases[] = {
        {"wait 1\njump 1 2\n", "visit.replay:2: unknown command 'jump'"},
        {"tap 10\n", "visit.replay:1: missing y"},
        {"tap ten 10\n", "visit.replay:1: x: expected a number, got 'ten'"},
        {"wait -1\n", "visit.replay:1: seconds: expected 0 to"},
        {"wait nan\n", "visit.replay:1: seconds: expected a number, got 'nan'"},
        {"down 5000 1 1\n", "visit.replay:1: finger id: expected 0 to 1000"},
        {"\n\ntap 1 2 3\n", "visit.replay:3: unexpected '3' at the end of the line"},
        {"screenshot\n", "visit.replay:1: missing the PNG file name"},
        {"drag 0 0 1 1 0\n", "visit.replay:1: seconds: expected"},
    };
    for (const Case& c : cases) {
        ReplayParseResult replay = parse_input_replay(c.text, "visit.replay");
        INFO(c.text);
        CHECK_FALSE(replay.ok());
        CHECK(replay.steps.empty());
        CHECK_THAT(replay.error, Catch::StartsWith(c.expected));
    }
    CHECK_THAT(load_input_replay("/nonexistent/x.replay").error,
               Catch::Contains("/nonexistent/x.replay: cannot open"));
}

TEST_CASE("input replay: a replay of 450 simulated days runs to its end", "[replay]") {
    std::string text = "tap 10 10\n";
    for (int month = 0; month < 15; ++month)
        text += "wait 2592000\n"; // 30 days, the longest wait
    LoopOptions options;
    options.replay = parse_input_replay(text, "long.replay");
    REQUIRE(options.replay.error.empty());
    // More frames than an int holds (2^31 frames at 60 a second is 414 days).
    const int64_t days_450 = 450LL * 86400 * 60;
    CHECK(headless_frame_count(options) >= days_450 + 2);
    CHECK(headless_frame_count(options) <= days_450 + 2 + 60); // the tap takes under a second
    options.frames = 7;
    CHECK(headless_frame_count(options) == 7);
    options = LoopOptions{};
    CHECK(headless_frame_count(options) == 1);
}

TEST_CASE("SDL translation drops mouse events synthesized from touches", "[touch]") {
    SDL_Event event{};
    event.type = SDL_MOUSEBUTTONDOWN;
    event.button.which = SDL_TOUCH_MOUSEID;
    event.button.button = SDL_BUTTON_LEFT;
    CHECK_FALSE(translate_sdl_event(event, nullptr, 1920, 1080).has_value());
    event.type = SDL_MOUSEMOTION;
    event.motion.which = SDL_TOUCH_MOUSEID;
    CHECK_FALSE(translate_sdl_event(event, nullptr, 1920, 1080).has_value());

    event = SDL_Event{};
    event.type = SDL_MOUSEBUTTONDOWN;
    event.button.which = 0;
    event.button.button = SDL_BUTTON_LEFT;
    event.button.x = 40;
    event.button.y = 50;
    auto mouse = translate_sdl_event(event, nullptr, 1920, 1080);
    REQUIRE(mouse);
    CHECK(mouse->pointer.pointer_id == kMousePointerId);
    CHECK(mouse->pointer.x == 40);

    event = SDL_Event{};
    event.type = SDL_FINGERDOWN;
    event.tfinger.fingerId = 7;
    event.tfinger.x = 0.5f;
    event.tfinger.y = 0.25f;
    auto finger = translate_sdl_event(event, nullptr, 1920, 1080);
    REQUIRE(finger);
    CHECK(finger->pointer.pointer_id == 7);
    CHECK(finger->pointer.x == Approx(960));
    CHECK(finger->pointer.y == Approx(270));
}

namespace {

struct ImGuiFixture {
    ImGuiFixture() {
        ImGui::CreateContext();
        unsigned char* pixels;
        int w, h;
        ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
        ImGui::GetIO().DisplaySize = ImVec2(800, 600);
        ImGui::GetIO().IniFilename = nullptr;
    }
    ~ImGuiFixture() { ImGui::DestroyContext(); }
};

// Runs one frame with a 100x100 button at (100,100) and a scroll region over
// the whole screen; returns whether the button was clicked; `scroll` collects.
bool frame(PointerFeeder& feeder, float* scroll = nullptr) {
    feeder.begin_frame(ImGui::GetIO(), 1.0f / 60.0f);
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(800, 600));
    ImGui::Begin("w", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::SetCursorScreenPos(ImVec2(100, 100));
    bool clicked = ImGui::InvisibleButton("b", ImVec2(100, 100));
    float dy = feeder.drag_scroll(ImVec2(0, 0), ImVec2(800, 600));
    if (scroll) *scroll += dy;
    ImGui::End();
    ImGui::Render();
    return clicked;
}

} // namespace

TEST_CASE("a tap shorter than a frame is still exactly one click", "[touch]") {
    ImGuiFixture imgui;
    PointerFeeder feeder;
    frame(feeder);
    feeder.push({PointerPhase::Down, 1, 150, 150});
    feeder.push({PointerPhase::Up, 1, 150, 150});
    int clicks = 0;
    for (int i = 0; i < 5; ++i)
        clicks += frame(feeder);
    CHECK(clicks == 1);
}

TEST_CASE("a second finger does not press ImGui buttons", "[touch]") {
    ImGuiFixture imgui;
    PointerFeeder feeder;
    frame(feeder);
    feeder.push({PointerPhase::Down, 1, 500, 500});
    feeder.push({PointerPhase::Down, 2, 150, 150});
    feeder.push({PointerPhase::Up, 2, 150, 150});
    feeder.push({PointerPhase::Up, 1, 500, 500});
    int clicks = 0;
    for (int i = 0; i < 5; ++i)
        clicks += frame(feeder);
    CHECK(clicks == 0);
}

TEST_CASE("dragging a finger scrolls and does not click", "[touch]") {
    ImGuiFixture imgui;
    PointerFeeder feeder;
    feeder.set_drag_threshold(16);
    frame(feeder); // registers the scroll region
    float scroll = 0;
    int clicks = 0;
    feeder.push({PointerPhase::Down, 1, 150, 180});
    clicks += frame(feeder, &scroll);
    for (int y = 170; y >= 110; y -= 10) {
        feeder.push({PointerPhase::Move, 1, 150, float(y)});
        clicks += frame(feeder, &scroll);
    }
    CHECK(scroll == Approx(70)); // content follows the finger: 180 -> 110
    feeder.push({PointerPhase::Up, 1, 150, 110});
    for (int i = 0; i < 60; ++i)
        clicks += frame(feeder, &scroll);
    CHECK(clicks == 0);
    CHECK(scroll > 70);              // momentum carried it further after release
    CHECK_FALSE(feeder.scrolling()); // and then it stopped
}
