// Input implementation: SDL translation, synthesized-event filtering, and the
// ImGui feeder with drag-to-scroll.
#include "input.h"

#include <SDL.h>

#include <cmath>

namespace kiosk {
namespace {

constexpr float kMomentumFriction = 4.0f; // 1/s: momentum fades over about half a second
constexpr float kMomentumStop = 20.0f;    // px/s below which momentum stops

ImVec2 window_to_pixels(SDL_Window* window, int output_w, int output_h, int x, int y) {
    if (!window) return ImVec2(float(x), float(y));
    int window_w = 0, window_h = 0;
    SDL_GetWindowSize(window, &window_w, &window_h);
    if (window_w <= 0 || window_h <= 0) return ImVec2(float(x), float(y));
    return ImVec2(float(x) * float(output_w) / float(window_w),
                  float(y) * float(output_h) / float(window_h));
}

InputEvent pointer(PointerPhase phase, int64_t id, ImVec2 at) {
    InputEvent event;
    event.pointer = PointerEvent{phase, id, at.x, at.y};
    return event;
}

} // namespace

std::optional<InputEvent> translate_sdl_event(const SDL_Event& event, SDL_Window* window,
                                              int output_w, int output_h) {
    switch (event.type) {
    case SDL_QUIT:
        return InputEvent{InputKind::QuitRequest, {}};
    case SDL_KEYDOWN:
        if (event.key.keysym.sym == SDLK_ESCAPE) return InputEvent{InputKind::KeyEscape, {}};
        return std::nullopt;
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
        // Finger coordinates are normalized to the window: 0..1.
        ImVec2 at(event.tfinger.x * float(output_w), event.tfinger.y * float(output_h));
        PointerPhase phase = event.type == SDL_FINGERDOWN ? PointerPhase::Down
                             : event.type == SDL_FINGERUP ? PointerPhase::Up
                                                          : PointerPhase::Move;
        return pointer(phase, int64_t(event.tfinger.fingerId), at);
    }
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT)
            return std::nullopt;
        return pointer(
            event.type == SDL_MOUSEBUTTONDOWN ? PointerPhase::Down : PointerPhase::Up,
            kMousePointerId,
            window_to_pixels(window, output_w, output_h, event.button.x, event.button.y));
    case SDL_MOUSEMOTION:
        if (event.motion.which == SDL_TOUCH_MOUSEID) return std::nullopt;
        return pointer(
            PointerPhase::Move, kMousePointerId,
            window_to_pixels(window, output_w, output_h, event.motion.x, event.motion.y));
    default:
        return std::nullopt;
    }
}

void PointerFeeder::push(const PointerEvent& event) {
    queue_.push_back(event);
}

void PointerFeeder::reset() {
    queue_.clear();
    primary_.reset();
    position_ = ImVec2(-FLT_MAX, -FLT_MAX);
    button_down_ = false;
    scrolling_ = false;
    pending_scroll_ = 0;
    velocity_ = 0;
}

void PointerFeeder::cancel_pointer(int64_t pointer_id) {
    std::erase_if(queue_, [&](const PointerEvent& e) { return e.pointer_id == pointer_id; });
    if (primary_ && *primary_ == pointer_id) {
        primary_.reset();
        button_down_ = false;
        scrolling_ = false;
        velocity_ = 0;
        position_ = ImVec2(-FLT_MAX, -FLT_MAX); // released far from any item: no click
    }
}

bool PointerFeeder::inside_scroll_region(float x, float y) const {
    for (const Rect& r : regions_last_frame_)
        if (x >= r.min.x && x < r.max.x && y >= r.min.y && y < r.max.y) return true;
    return false;
}

void PointerFeeder::begin_frame(ImGuiIO& io, float dt) {
    regions_last_frame_.swap(regions_this_frame_);
    regions_this_frame_.clear();
    float scroll_before = pending_scroll_;

    // Apply queued events until one changes the button state: ImGui 1.86 reads the
    // button once a frame, so a press and release in one frame would be lost.
    while (!queue_.empty()) {
        PointerEvent event = queue_.front();
        bool is_primary = primary_ && *primary_ == event.pointer_id;
        if (event.phase == PointerPhase::Down) {
            if (primary_) { // a second finger: not ImGui's business
                queue_.pop_front();
                continue;
            }
            if (button_down_) break; // the release of the last tap needs its own frame
            primary_ = event.pointer_id;
            position_ = ImVec2(event.x, event.y);
            press_position_ = position_;
            press_in_region_ = inside_scroll_region(event.x, event.y);
            scrolling_ = false;
            velocity_ = 0;
            button_down_ = true;
            queue_.pop_front();
            break;
        }
        if (event.phase == PointerPhase::Move) {
            queue_.pop_front();
            if (primary_ && !is_primary) continue;
            if (!primary_) { // hover (mouse only)
                position_ = ImVec2(event.x, event.y);
                continue;
            }
            float dy = event.y - position_.y;
            position_ = ImVec2(event.x, event.y);
            if (!scrolling_ && press_in_region_ &&
                std::fabs(event.y - press_position_.y) >= drag_threshold_) {
                scrolling_ = true;
                dy = event.y - press_position_.y;
            }
            if (scrolling_) pending_scroll_ -= dy;
            continue;
        }
        // Up
        if (!is_primary) {
            queue_.pop_front();
            continue;
        }
        if (!button_down_) break;
        position_ = ImVec2(event.x, event.y);
        button_down_ = false;
        primary_.reset();
        queue_.pop_front();
        break;
    }

    if (scrolling_ && dt > 0) {
        float moved = pending_scroll_ - scroll_before;
        if (button_down_) velocity_ = 0.5f * velocity_ + 0.5f * (moved / dt);
    }
    if (!button_down_ && scrolling_) {
        // Released after a drag: keep gliding, then stop.
        pending_scroll_ += velocity_ * dt;
        velocity_ *= std::exp(-kMomentumFriction * dt);
        if (std::fabs(velocity_) < kMomentumStop) {
            velocity_ = 0;
            scrolling_ = false;
        }
    }

    // While a finger scrolls, ImGui sees the pointer far away: the press that
    // started the drag must not turn into a click on release.
    io.MousePos = scrolling_ ? ImVec2(-FLT_MAX, -FLT_MAX) : position_;
    io.MouseDown[0] = button_down_;
    io.DeltaTime = dt;
}

float PointerFeeder::drag_scroll(const ImVec2& min, const ImVec2& max) {
    regions_this_frame_.push_back(Rect{min, max});
    if (!press_in_region_ || pending_scroll_ == 0) return 0;
    float scroll = pending_scroll_;
    pending_scroll_ = 0;
    return scroll;
}

} // namespace kiosk
