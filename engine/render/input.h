// Touch-first input. Turns SDL finger and mouse events into one stream of pointer
// events in screen pixels (fingers keep their SDL id, the mouse is id -1), dropping
// the mouse events SDL synthesizes from touches so a tap is never counted twice.
// PointerFeeder then drives Dear ImGui from the primary pointer, adds what ImGui
// 1.86 lacks (drag-to-scroll with momentum), and never loses a tap shorter than a
// frame.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include <imgui.h>

union SDL_Event;
struct SDL_Window;

namespace kiosk {

enum class PointerPhase { Down, Move, Up };

struct PointerEvent {
    PointerPhase phase = PointerPhase::Down;
    int64_t pointer_id = -1; // -1: the mouse; otherwise an SDL finger id
    float x = 0;             // screen pixels
    float y = 0;
};

constexpr int64_t kMousePointerId = -1;

enum class InputKind { Pointer, KeyEscape, QuitRequest };

struct InputEvent {
    InputKind kind = InputKind::Pointer;
    PointerEvent pointer;
};

// Translates one SDL event; nullopt for events that are not input (or are
// touch-synthesized mouse events). `output_w/h` are the renderer's pixels;
// `window` maps window points to pixels (may be null in headless mode).
std::optional<InputEvent> translate_sdl_event(const SDL_Event& event, SDL_Window* window,
                                              int output_w, int output_h);

// Feeds ImGui from pointer events, one button transition per frame.
class PointerFeeder {
public:
    // `drag_threshold_px`: how far a finger moves before a press becomes a scroll.
    void set_drag_threshold(float pixels) { drag_threshold_ = pixels; }
    void push(const PointerEvent& event);
    // Applies queued events to `io` for the frame about to start.
    void begin_frame(ImGuiIO& io, float dt);
    // Forgets every pointer and scroll (a new visitor starts clean).
    void reset();
    // Releases the primary pointer without a click (its press was used for
    // something else, e.g. the admin long press) and drops its queued events.
    void cancel_pointer(int64_t pointer_id);

    // Call once a frame from inside a scrollable region with its screen rect:
    // returns how far to scroll it this frame (pixels, positive = content moves
    // up), from a finger drag that started inside it, or momentum after release.
    float drag_scroll(const ImVec2& min, const ImVec2& max);
    bool scrolling() const { return scrolling_; }

private:
    struct Rect {
        ImVec2 min, max;
    };
    bool inside_scroll_region(float x, float y) const;

    std::deque<PointerEvent> queue_;
    std::optional<int64_t> primary_;
    ImVec2 position_{-FLT_MAX, -FLT_MAX};
    bool button_down_ = false;
    ImVec2 press_position_{};
    bool press_in_region_ = false;
    bool scrolling_ = false;
    float pending_scroll_ = 0;
    float velocity_ = 0; // px per second, for momentum after release
    float drag_threshold_ = 16;
    std::vector<Rect> regions_this_frame_;
    std::vector<Rect> regions_last_frame_;
    Rect scrolling_region_{};
};

} // namespace kiosk
