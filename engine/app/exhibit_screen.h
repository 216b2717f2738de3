// The exhibit screen: runs the open exhibit's ExhibitHost, routes touches to it
// (mouse = id 0, fingers = 1, 2, ... while down), draws it clipped to the
// logical screen with the runtime's "back to home" control on top. When the
// exhibit fails, the visitor sees a friendly bilingual "resting" card and goes
// home after a few seconds, and the error (file:line, source line, traceback)
// is appended to DATA_DIR/exhibit-errors.log for curators. In dev mode the
// exhibit's files are watched: a save reloads it, and a failure shows the
// curator file:line and the source line until the next save fixes it.
#pragma once

#include "content/content_manifest.h"
#include "exhibit_audio.h"
#include "render/input.h"
#include "screen_context.h"
#include "script/exhibit_host.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct SDL_Renderer;

namespace kiosk {


struct ExhibitScreenOptions {
    SandboxLimits limits;
    bool dev = false;
    uint64_t seed = 1;
    std::string data_dir;
    SDL_Renderer* renderer = nullptr;
    double resting_card_s = 6; // how long the visitor sees the card before going home
    // Where the exhibit's kiosk.log events and its failure go (the interaction log).
    std::function<void(const ExhibitInteraction&)> on_interaction;
    std::function<void(int count)> on_dropped_interactions;
    std::function<void(const ExhibitError&)> on_error;
    // Where kiosk.sound and kiosk.narrate play (nullptr: nowhere); stopped
    // whenever an exhibit starts, fails or ends, and its captions drawn over it.
    ExhibitAudio* audio = nullptr;
};

class ExhibitScreen {
public:
    explicit ExhibitScreen(ExhibitScreenOptions options) : options_(std::move(options)) {}
    ~ExhibitScreen();

    void open(const ContentManifest& exhibit, Language language);
    // Calls exhibit.leave() and forgets the exhibit.
    void close();
    bool is_open() const { return host_ != nullptr; }
    const ExhibitHost* host() const { return host_.get(); }
    const ContentManifest& exhibit() const { return exhibit_; }

    void set_language(Language language);
    // A pointer event in logical coordinates.
    void touch(const PointerEvent& event);
    // Delivers queued touches and calls exhibit.update(dt); true when the visitor
    // should go home (kiosk.home(), or the resting card has been shown long enough).
    bool update(double dt);
    // Draws the exhibit (or its error card); true when "back to home" was tapped.
    bool draw(ScreenContext& context);

    // The exhibit's kiosk.clear colour for the frame last drawn (ImU32), if any.
    std::optional<uint32_t> clear_color() const { return clear_color_; }

    int failures() const { return failures_; }
    // The last failure recorded (a kiosk's stop is none), kept after the exhibit closes.
    const std::optional<ExhibitError>& last_failure() const { return last_failure_; }

private:
    struct Touch {
        int id;
        float x, y;
    };
    void start_host();
    void record_failure();
    void deliver_interactions();
    bool files_changed();
    std::map<std::string, std::pair<int64_t, int64_t>> snapshot_files() const;

    ExhibitScreenOptions options_;
    ContentManifest exhibit_;
    std::unique_ptr<ExhibitHost> host_;
    Language language_ = Language::Zh;
    std::vector<std::pair<TouchPhase, PointerEvent>> queued_;
    std::map<int64_t, Touch> touches_; // by pointer id, while down
    std::map<int64_t, bool> ignored_;  // presses that began on the home button
    double failed_for_s_ = 0;
    bool failure_recorded_ = false;
    int failures_ = 0;
    std::optional<ExhibitError> last_failure_;
    std::optional<uint32_t> clear_color_;
    double since_poll_s_ = 0;
    std::map<std::string, std::pair<int64_t, int64_t>> files_; // path -> (mtime ns, size)
};

} // namespace kiosk
