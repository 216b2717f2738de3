// The kiosk application: wires config, display, fonts, input, visitor sessions
// and the screens into one frame step. The state machine: Home <-> Exhibit (a
// Lua exhibit, see exhibit_screen.h); any screen -> Attract after
// idle_timeout_s without input, which ends the visitor session and resets
// every screen; a touch on Attract starts a new session on Home. The admin
// overlay sits on top. In preview mode (--exhibit) the one exhibit opens at
// start and the kiosk never goes to Attract. With the config's sync section,
// usage counts go to kiosk-hub in the background (kiosk_sync.h), after each
// visitor session and on a schedule; with trusted_content_keys, hub content
// arrives in the background too (kiosk_content.h) and shows between visitors;
// with trusted_notice_keys, emergency notices arrive in the background
// (kiosk_notices.h): an Extreme or Severe one takes the screen over at once
// (ScreenId::Notice; a visit in progress is interrupted), others show as a
// banner on home and attract and a strip on exhibits and quizzes.
#pragma once

#include "admin_overlay.h"
#include "attract_screen.h"
#include "audio/audio_output.h"
#include "content/exhibit_catalog.h"
#include "content_scan_worker.h"
#include "core/kiosk_config.h"
#include "core/strings_table.h"
#include "core/visitor_preferences.h"
#include "exhibit_screen.h"
#include "home_screen.h"
#include "kiosk_content.h"
#include "kiosk_notices.h"
#include "kiosk_sync.h"
#include "notice_screens.h"
#include "quiz_screen.h"
#include "render/display.h"
#include "render/fonts.h"
#include "render/images.h"
#include "render/imgui_layer.h"
#include "render/input.h"
#include "render/ui.h"
#include "telemetry/interaction_log.h"
#include "visitor_session.h"

#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace kiosk {

struct AppOptions {
    bool headless = false;
    bool fullscreen = false;  // or the config's window.fullscreen
    int display_index = -1;   // -1: the config's window.display
    int width = 0;            // 0: from config
    int height = 0;           // 0: from config
    std::string exhibit_path; // preview one exhibit folder, skipping the home screen
    bool dev = false;         // curators: reload exhibits on save, show errors in full
    uint64_t seed = 0;        // exhibits' random seed; 0: random (headless: 1)
    // Headless runs keep event times on the fixed time step, starting here
    // (0: the real time at start).
    int64_t clock_start_utc_ms = 0;
    std::optional<int32_t> clock_utc_offset_min; // headless; default: the machine's
    // --sync-interval-s: seconds between sync rounds instead of the config's
    // sync.interval_s (which is 60 or more), for commissioning a kiosk and for
    // tests; 0: the config's.
    int sync_interval_s = 0;
    // Headless at 60 frames a second of real time (--paced), as a real kiosk
    // runs. Headless without it runs faster than real time, so the frame thread
    // waits for a background content scan when it asks for one: a replay sees
    // a content change at the same simulated moment on every run.
    bool paced = false;
};

enum class ScreenId { Attract, Home, Exhibit, Quiz, Notice };
const char* screen_name(ScreenId screen);

// The visitor-facing string keys the app needs from the strings table.
const std::vector<std::string>& required_string_keys();

class KioskApp {
public:
    // Loads strings, fonts and content, opens the display. Returns nullptr and a
    // message (naming the file and what is wrong) when the kiosk cannot start.
    static std::unique_ptr<KioskApp> create(const KioskConfig& config, const AppOptions& options,
                                            std::string& error);
    ~KioskApp();

    // Input in screen pixels (from SDL), or in logical 1920x1080 (from a replay).
    void push_input(const InputEvent& event);
    void push_logical_pointer(PointerEvent event);

    // Advances the simulation by one fixed step of `dt` seconds (idle timer,
    // long presses, animation clock).
    void update(double dt);
    // Draws one frame that lasted `frame_dt` seconds. Present separately.
    void render(double frame_dt);
    // One fixed step then one frame: what headless runs do.
    void step(double dt) {
        update(dt);
        render(dt);
    }
    void present() { display_->present(); }
    bool screenshot(const std::string& png_path, std::string& error) const;

    bool quit_requested() const { return quit_requested_; }
    // The process ends after this app: what only the exit needs is left to it
    // (AudioOutput::leave_driver_for_exit).
    void prepare_for_process_exit() {
        if (audio_) audio_->leave_driver_for_exit();
    }
    int exit_code() const { return exit_code_; }

    // Observation, for the admin overlay and tests.
    ScreenId screen() const { return screen_; }
    Language language() const { return language_; }
    const VisitorPreferences& preferences() const { return preferences_; }
    // What the home screen's switches do, for screens without them (a preview
    // run, tests); the next session end resets it all the same.
    void set_preferences(const VisitorPreferences& preferences) { preferences_ = preferences; }
    // Tests: every text drawn from now on is appended to `log` (nullptr: stop).
    void record_drawn_text(std::vector<DrawnText>* log) { ui_.record_drawn_text(log); }
    const std::string& session_id() const { return sessions_.id(); }
    int sessions_started() const { return sessions_.count(); }
    bool admin_visible() const { return admin_.visible(); }
    double time_s() const { return time_s_; }
    const FontLibrary& fonts() const { return fonts_; }
    FontLibrary& fonts() { return fonts_; }
    const ExhibitCatalog& catalog() const { return catalog_; }
    const ExhibitScreen& exhibit_screen() const { return *exhibit_screen_; }
    const QuizScreen& quiz_screen() const { return quiz_; }
    // What the home screen shows: the exhibits, then the quiz packs.
    const std::vector<ContentManifest>& home_items() const { return home_items_; }
    Display& display() { return *display_; }
    int64_t frames() const { return frames_; } // drawn so far (64 bits: years at 60 a second)
    // The interaction log's store (nullptr with statistics off or refused).
    telemetry::EventStore* event_store() { return store_.get(); }
    const std::string& statistics_problem() const { return statistics_problem_; }
    // What the admin overlay shows now, its statistics and sync rows read live.
    AdminInfo admin_info() const;
    // The link to kiosk-hub (nullptr when the config has no sync section).
    const KioskSync* hub_sync() const { return sync_.get(); }
    // Tests: blocks until the content scan worker has no check asked for or
    // running and no font bake for a new set is in flight; false at `deadline`.
    bool wait_for_content_scans(std::chrono::steady_clock::time_point deadline);
    // The hub content updater's link (nullptr when the config takes no hub content).
    const KioskContent* hub_content() const { return hub_content_.get(); }
    // The emergency notices (nullptr when the config trusts no notice key).
    KioskNotices* notices() { return notices_.get(); }
    // The notice taking the screen over ("" when none).
    const std::string& takeover() const { return takeover_id_; }
    // The notice on the banner (home, attract) or strip (exhibit, quiz) in the
    // last frame ("" when none).
    const std::string& notice_banner() const { return banner_id_; }
    // The open exhibit's sound and captions (exhibit_audio.h).
    const ExhibitAudio& exhibit_audio() const { return *exhibit_audio_; }

private:
    KioskApp(const KioskConfig& config, std::string pin_hash);
    // The steps of create(), in order; false with `error` when the kiosk cannot start.
    bool open_data_folder(const AppOptions& options, std::string& error);
    bool load_strings(std::string& error);
    void start_venue_scan(const AppOptions& options); // part of open_data_folder
    bool load_venue_content(const AppOptions& options, std::string& error);
    void take_venue_catalog();
    bool load_preview(const AppOptions& options, std::string& error);
    bool load_fonts(std::string& error);
    bool start_video(bool headless, std::string& error);
    bool open_display(const DisplayOptions& display, std::string& error);
    void start_audio(const AppOptions& options);
    void create_exhibit_screen(const AppOptions& options);
    int local_minute() const;

    void handle_pointer(const PointerEvent& event);
    void draw();
    void go_to_attract();
    void open_exhibit(size_t index);
    void open_home_item(size_t index);
    void open_quiz(const ContentManifest& pack);
    void close_quiz(bool go_home = true);
    void set_catalog(ExhibitCatalog catalog);
    void log_catalog();
    void set_screen(ScreenId screen);
    void track_quiz_round();
    void record_quiz_answer(const QuizAnswerRecord& answer);
    void open_statistics(const AppOptions& options);
    void pick_up_content_changes();
    void close_exhibit(bool go_home = true);
    void leave_attract();
    bool in_admin_corner(float x, float y) const;
    AdminInfo make_admin_info() const;
    void update_statistics_info(AdminInfo& info) const;
    void start_sync();
    void share_content_versions();
    void update_sync_info(AdminInfo& info) const;
    void refresh_notices();
    void start_takeover(const sync::BoardNotice& notice);
    void end_takeover();
    void count_takeover_viewer(const sync::Notice& notice);
    std::vector<NoticeLink> notice_links(const sync::Notice& notice) const;
    void draw_notice_overlays(ScreenContext& context);

    KioskConfig config_;
    // The interaction log: the clock (moved by update() when headless), the
    // store and the typed calls, destroyed in reverse order.
    std::unique_ptr<telemetry::Clock> clock_;
    telemetry::ManualClock* fixed_step_clock_ = nullptr;
    double fixed_step_carry_ms_ = 0;
    std::unique_ptr<telemetry::EventStore> store_;
    std::unique_ptr<telemetry::InteractionLog> interactions_;
    std::unique_ptr<KioskContent> hub_content_; // trusted_content_keys; after sync_ goes
    std::unique_ptr<KioskNotices> notices_;     // trusted_notice_keys; after sync_ goes
    std::unique_ptr<KioskSync> sync_;           // the config's sync section; before the store goes
    std::string statistics_problem_;
    bool quiz_round_open_ = false;
    StringsTable strings_;
    ExhibitCatalog catalog_;
    std::unique_ptr<Display> display_;
    std::unique_ptr<ImGuiLayer> imgui_;
    std::unique_ptr<ImageCache> images_;
    FontLibrary fonts_;
    PointerFeeder pointer_;
    Ui ui_{fonts_};
    AdminOverlay admin_;
    AdminInfo admin_info_;
    VisitorSessions sessions_;
    std::unique_ptr<AudioOutput> audio_;          // the one sound output; outlives the exhibits
    std::unique_ptr<ExhibitAudio> exhibit_audio_; // the open exhibit's sound, on audio_
    std::unique_ptr<ExhibitScreen> exhibit_screen_;
    QuizScreen quiz_;
    uint64_t fixed_seed_ = 0; // 0: quiz rounds seeded per visitor session
    int quiz_rounds_ = 0;
    std::vector<ContentManifest> home_items_;
    CatalogOptions catalog_options_;
    std::future<ExhibitCatalog> venue_scan_; // the first scan, while the statistics open
    std::string venue_scan_problem_;         // why it could not start (a trust key file)
    // Checks the content folder and scans it off the frame thread; the
    // finished catalog is swapped in between visitors (pick_up_content_changes).
    std::unique_ptr<ContentScanWorker> content_scans_;
    bool await_content_scans_ = false;       // headless, not paced: see AppOptions::paced
    std::optional<ScannedContent> incoming_; // between visitors: made ready, then shown
    static constexpr double kContentCheckIntervalS = 2;
    double content_checked_at_s_ = 0;
    bool preview_ = false;

    // Emergency notices: what is in force (refreshed on a change and twice a
    // second, for expiry), the takeover on screen, the takeovers this visitor
    // closed (back on attract), the notices this session was counted for.
    std::vector<sync::BoardNotice> notices_in_force_;
    int64_t notices_generation_ = -1;
    double notices_checked_at_s_ = -1;
    std::string takeover_id_;
    double takeover_since_s_ = 0;
    std::set<std::string> takeovers_closed_;
    std::set<std::string> viewers_counted_; // this visitor session's takeovers
    std::string banner_id_;

    ScreenId screen_ = ScreenId::Home;
    Language language_ = Language::Zh;
    HomeState home_;
    VisitorPreferences preferences_; // this visitor's; back to the defaults when the session ends
    double time_s_ = 0;
    double last_input_s_ = 0;
    int64_t frames_ = 0;
    std::set<int64_t> swallowed_pointers_; // touches that already did their job
    struct LongPress {
        int64_t pointer_id = 0;
        double since_s = 0;
        bool active = false;
    } corner_press_;
    bool sdl_video_started_ = false;
    bool quit_requested_ = false;
    int exit_code_ = 0;
};

} // namespace kiosk
