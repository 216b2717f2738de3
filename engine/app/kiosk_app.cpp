// KioskApp implementation: start-up checks, input routing, the idle/attract
// state machine and the per-frame draw.
//
// Index of this file:
// [SECTION] Helpers: the data folder, the display to open, seeds
// [SECTION] Screen names and the strings the app needs
// [SECTION] Start-up: create() and its steps; shutdown
// [SECTION] Input: touches, the admin corner, waking from attract
// [SECTION] The fixed step: idle timeout, long presses, back to attract
// [SECTION] Content: the catalog, its changes, what the hub is told
// [SECTION] Screens: opening and closing quizzes and exhibits
// [SECTION] Statistics and the admin overlay's rows
// [SECTION] Emergency notices: the takeover, the banner and the strip
// [SECTION] Drawing a frame

#include "kiosk_app.h"

#include "core/civil_time.h"
#include "core/idle_priority.h"
#include "core/log.h"
#include "core/private_files.h"
#include "preview_run.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <SDL.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <future>

namespace kiosk {

//-----------------------------------------------------------------------------
// [SECTION] Helpers: the data folder, the display to open, seeds
//-----------------------------------------------------------------------------

namespace {

constexpr float kAdminCornerSize = 160; // logical px
// Workers decoding the first home thumbnails while the kiosk starts: the
// kiosk's machines have two cores or more, and the main thread keeps one busy.
constexpr int kPrefetchThreads = 2;

// What the admin overlay says about the content: the files, each home item,
// and what is hidden or left out.
AdminInfo describe_content(const KioskConfig& config,
                           const std::vector<ContentManifest>& home_items,
                           const ExhibitCatalog& catalog) {
    AdminInfo info;
    info.version = KIOSK_VERSION;
    info.config_file = config.source_path;
    info.data_dir = config.data_dir;
    for (const ContentManifest& exhibit : home_items)
        info.content_lines.push_back(exhibit.id + " " + exhibit.version + "  " + exhibit.title.zh);
    for (const HiddenContent& hidden : catalog.hidden)
        info.problem_lines.push_back(hidden.id + ": " + hidden.reason);
    info.problem_lines.insert(info.problem_lines.end(), catalog.problems.begin(),
                              catalog.problems.end());
    return info;
}

// The venue's catalog: signed packages only; unsigned exhibit folders are for
// curators (options.show_unreviewed: --dev). Any thread: it reads only its
// arguments and the files.
ExhibitCatalog scan_venue_content(const std::vector<std::string>& exhibit_dirs,
                                  const CatalogOptions& options) {
    const bool folders = options.show_unreviewed; // --dev
    ExhibitCatalog catalog =
        scan_exhibit_dirs(folders ? exhibit_dirs : std::vector<std::string>{}, options);
    if (!folders)
        for (const std::string& dir : exhibit_dirs)
            catalog.problems.push_back(dir + ": unsigned exhibit folders are shown only with "
                                             "--dev; pack and sign them for visitors");
    return catalog;
}

// False with `error` when the data folder cannot be made or is not safe (others
// could read it, or redirect what the kiosk writes: core/private_files.h). A
// safe folder that cannot be written (a disk gone read-only) still serves
// visitors: `not_writable` says why nothing is recorded.
bool prepare_data_dir(const std::string& data_dir, std::string& error, std::string& not_writable) {
    if (!make_private_folder(data_dir, error)) return false;
    const std::string probe = data_dir + "/.write-test";
    std::string probe_error;
    const int fd = open_private_file(probe, O_WRONLY | O_CREAT | O_TRUNC, probe_error);
    const bool written = fd >= 0 && ::write(fd, "ok", 2) == 2;
    const int write_errno = errno;
    if (fd >= 0) ::close(fd);
    ::unlink(probe.c_str()); // a link in its place goes too, never what it points at
    if (!written) {
        not_writable = data_dir + ": the data folder cannot be written (" +
                       (fd < 0 ? probe_error : std::strerror(write_errno)) + ")";
        return true;
    }
    std::string log_problem;
    if (!log_open_file(data_dir + "/kiosk.log", log_problem))
        log_error("kiosk.log is not written (stderr only): " + log_problem);
    return true;
}

// The window or screen to open: the command line's choices over the config's;
// full screen takes the whole display's size. Needs SDL's video started.
DisplayOptions choose_display(const KioskConfig& config, const AppOptions& options) {
    DisplayOptions display;
    display.width = options.width > 0 ? options.width : config.window.width;
    display.height = options.height > 0 ? options.height : config.window.height;
    display.fullscreen = options.fullscreen || config.window.fullscreen;
    display.display_index =
        options.display_index >= 0 ? options.display_index : config.window.display;
    display.vsync = config.window.vsync;
    display.headless = options.headless;
    SDL_Rect bounds;
    if (display.fullscreen && !display.headless &&
        SDL_GetDisplayBounds(display.display_index, &bounds) == 0) {
        display.width = bounds.w;
        display.height = bounds.h;
    }
    return display;
}

uint64_t random_seed() {
    uint64_t seed = 0;
    randombytes_buf(&seed, sizeof seed);
    return seed | 1;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Screen names and the strings the app needs
//-----------------------------------------------------------------------------

const char* screen_name(ScreenId screen) {
    switch (screen) {
    case ScreenId::Attract:
        return "attract";
    case ScreenId::Home:
        return "home";
    case ScreenId::Exhibit:
        return "exhibit";
    case ScreenId::Quiz:
        return "quiz";
    case ScreenId::Notice:
        return "notice";
    }
    return "?";
}

const std::vector<std::string>& required_string_keys() {
    static const std::vector<std::string> keys = {
        "home_title",
        "home_subtitle",
        "language_toggle_to_en",
        "language_toggle_to_zh",
        "home_large_text",
        "home_sound",
        "attract_title",
        "attract_hint",
        "exhibit_resting_title",
        "exhibit_resting_body",
        "dev_error_title",
        "dev_error_hint",
        "back_home",
        "no_exhibits",
        "admin_title",
        "admin_enter_pin",
        "admin_wrong_pin",
        "admin_locked",
        "admin_cancel",
        "admin_delete",
        "admin_ok",
        "admin_exit",
        "admin_close",
        "admin_version",
        "admin_config_file",
        "admin_data_dir",
        "admin_content",
        "admin_statistics",
        "admin_statistics_recording",
        "admin_statistics_disk_full",
        "admin_statistics_not_writable",
        "admin_statistics_off",
        "admin_statistics_counts",
        "admin_sync",
        "admin_sync_off",
        "admin_sync_cannot_start",
        "admin_sync_never",
        "admin_sync_ok",
        "admin_sync_failed",
        "admin_sync_retry",
        "admin_sync_last_success",
        "admin_hub_content",
        "admin_hub_content_none",
        "admin_hub_content_up_to_date",
        "admin_hub_content_downloading",
        "admin_hub_content_failed",
        "admin_hub_content_expired",
        "admin_notices",
        "admin_sound",
        "admin_sound_no_device",
        "admin_notices_held",
        "admin_notices_refused",
        "notice_title",
        "notice_learn",
        "notice_close",
        "notice_exercise",
        "notice_test",
    };
    return keys;
}

//-----------------------------------------------------------------------------
// [SECTION] Start-up: create() and its steps; shutdown
//-----------------------------------------------------------------------------

KioskApp::KioskApp(const KioskConfig& config, std::string pin_hash)
    : config_(config), admin_(std::move(pin_hash)),
      quiz_([this](const QuizAnswerRecord& answer) { record_quiz_answer(answer); }) {}

KioskApp::~KioskApp() {
    sync_.reset();          // a round in flight is cut short; the next start sends the rest
    notices_.reset();       // a poll in flight is cut short; the board is saved
    hub_content_.reset();   // a download in flight is cut short; the next start resumes it
    content_scans_.reset(); // a scan in progress finishes first
    if (exhibit_screen_) close_exhibit(false);
    close_quiz(false);
    if (interactions_) interactions_->screen_left();
    if (sessions_.end(time_s_, SessionEndReason::Shutdown) && interactions_)
        interactions_->session_ended("shutdown");
    if (interactions_) interactions_->shutdown();
    exhibit_screen_.reset(); // before the renderer its images live in
    images_.reset();
    imgui_.reset();
    fonts_.detach(); // its textures are the renderer's
    display_.reset();
    if (sdl_video_started_) SDL_QuitSubSystem(SDL_INIT_VIDEO);
    log_close_file();
}

std::unique_ptr<KioskApp> KioskApp::create(const KioskConfig& config, const AppOptions& options,
                                           std::string& error) {
    std::unique_ptr<KioskApp> app(new KioskApp(config, config.admin.pin_hash));
    if (!app->open_data_folder(options, error)) return nullptr;
    if (!app->load_strings(error)) return nullptr;
    const bool content = options.exhibit_path.empty() ? app->load_venue_content(options, error)
                                                      : app->load_preview(options, error);
    if (!content || !app->load_fonts(error)) return nullptr;
    if (!app->start_video(options.headless, error)) return nullptr;
    app->language_ = config.default_language;
    // The venue's content scan (started by open_data_folder) goes on while the
    // display opens; the home screen's first thumbnails are decoded on worker
    // threads while the rest starts and the first frame lays out its text.
    if (!app->open_display(choose_display(config, options), error)) return nullptr;
    if (options.exhibit_path.empty()) app->take_venue_catalog();
    app->images_->prefetch(home_first_thumbnails(app->ui_, app->home_items_), kPrefetchThreads);
    app->admin_info_ = app->make_admin_info();
    app->start_audio(options);
    app->create_exhibit_screen(options);
    app->interactions_->screen_entered(screen_name(app->screen_));
    if (app->preview_) { // one visitor at the exhibit, counted as the venue would count them
        app->leave_attract();
        app->open_exhibit(0);
    }
    app->start_sync();
    log_info("kiosk started with " + config.source_path + " (" +
             std::to_string(app->catalog_.exhibits.size()) + " exhibits, " +
             std::to_string(app->catalog_.quizzes.size()) + " quiz packs)");
    return app;
}

// The data folder, then the visitor statistics in it (off, with the reason kept
// for the admin overlay, when the folder cannot be written). The venue's first
// content scan needs neither, so it runs meanwhile (load_venue_content takes it).
bool KioskApp::open_data_folder(const AppOptions& options, std::string& error) {
    if (!prepare_data_dir(config_.data_dir, error, statistics_problem_)) return false;
    if (options.exhibit_path.empty()) start_venue_scan(options);
    if (!statistics_problem_.empty() && options.exhibit_path.empty())
        log_error("visitor statistics are off: " + statistics_problem_);
    open_statistics(options);
    return true;
}

bool KioskApp::load_strings(std::string& error) {
    std::vector<std::string> keys = required_string_keys();
    keys.insert(keys.end(), quiz_string_keys().begin(), quiz_string_keys().end());
    StringsLoadResult strings = load_strings_table(config_.strings_file, keys);
    if (!strings.ok()) {
        error = config_.strings_file + ": the strings table cannot be used";
        for (const std::string& message : strings.errors)
            error += "\n" + message;
        return false;
    }
    strings_ = std::move(*strings.table);
    return true;
}

// The venue's content: signed packages from the content folder (watched for
// changes), and with --dev the unsigned exhibit folders too. Scanned on another
// thread (the trust roots first: a key file that cannot be read stops the start
// in load_venue_content, as before, and nothing is scanned).
void KioskApp::start_venue_scan(const AppOptions& options) {
    catalog_options_.show_unreviewed = options.dev;
    catalog_options_.content_dir = config_.content_dir;
    catalog_options_.package_limits.max_file_bytes = int64_t(config_.package_limits.max_file_mb)
                                                     << 20;
    catalog_options_.package_limits.max_total_bytes = int64_t(config_.package_limits.max_package_mb)
                                                      << 20;
    if (!load_trust_roots(config_, catalog_options_.trust, venue_scan_problem_)) return;
    catalog_options_.verify_cache =
        std::make_shared<PackageVerifyCache>(config_.data_dir + "/package-verify-cache");
    if (!config_.content_dir.empty()) {
        // The watcher takes its first look before the scan below reads anything.
        auto watcher = std::make_unique<ContentDirWatcher>(config_.content_dir);
        content_scans_ = std::make_unique<ContentScanWorker>(
            std::move(watcher), [dirs = config_.exhibit_dirs, catalog_options = catalog_options_] {
                return ScannedContent{scan_venue_content(dirs, catalog_options)};
            });
        await_content_scans_ = options.headless && !options.paced;
    }
    venue_scan_ =
        std::async(std::launch::async, scan_venue_content, config_.exhibit_dirs, catalog_options_);
}

// Whether the venue's content scan could start (its trust roots read); the
// catalog itself is taken after the display opens (take_venue_catalog).
bool KioskApp::load_venue_content(const AppOptions& options, std::string& error) {
    if (!venue_scan_problem_.empty()) {
        error = venue_scan_problem_;
        return false;
    }
    if (!options.dev && config_.trusted_reviewers.empty())
        log_warning(config_.source_path +
                    ": trusted_reviewers lists no reviewer key, so no package can show to "
                    "visitors (each needs an approval by a trusted reviewer); list the province's "
                    "reviewer keys there, or run with --dev to try content out");
    return true;
}

// The first scan's catalog, once it is done.
void KioskApp::take_venue_catalog() {
    set_catalog(venue_scan_.get());
    log_catalog();
}

// One exhibit folder or package (--exhibit), the whole catalog of a preview.
bool KioskApp::load_preview(const AppOptions& options, std::string& error) {
    ManifestLoadResult manifest;
    std::error_code ec;
    if (std::filesystem::is_regular_file(options.exhibit_path, ec)) {
        // A package: previewed as the venue would get it, signature included
        // (--dev previews an unsigned or untrusted one anyway).
        std::shared_ptr<Package> package =
            Package::open(options.exhibit_path, PackageLimits{}, error);
        if (!package) return false;
        TrustRoots trust;
        if (!load_trust_roots(config_, trust, error)) return false;
        const PackageTrust judged = check_package_trust(*package, trust, machine_local_day_today());
        if (!judged.trusted() && !options.dev) {
            error = options.exhibit_path + ": refused: " + judged.problem +
                    " (--dev previews it anyway)";
            return false;
        }
        manifest = load_content_manifest(*package, package->describe("manifest.lua"));
        if (manifest.manifest) manifest.manifest->files = std::move(package);
    } else {
        manifest = load_content_manifest(options.exhibit_path);
    }
    if (!manifest.ok()) {
        error = options.exhibit_path + ": cannot preview this exhibit";
        for (const std::string& message : manifest.errors)
            error += "\n" + message;
        return false;
    }
    ExhibitCatalog preview;
    preview.home_order.push_back(manifest.manifest->id);
    preview.exhibits.push_back(std::move(*manifest.manifest));
    set_catalog(std::move(preview));
    catalog_.warnings = manifest.warnings;
    preview_ = true;
    return true;
}

bool KioskApp::load_fonts(std::string& error) {
    FontSpec font{config_.font.path, config_.font.face, float(config_.font.title_px),
                  float(config_.font.body_px), float(config_.font.button_px)};
    return fonts_.load(font, error);
}

bool KioskApp::start_video(bool headless, std::string& error) {
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0"); // taps arrive once, as touches
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    if (!start_sdl_video(headless, error)) return false;
    sdl_video_started_ = true;
    return true;
}

// The display, the glyph cache on its renderer and the picture cache: glyphs
// and thumbnails are made when the first frame draws them.
bool KioskApp::open_display(const DisplayOptions& display, std::string& error) {
    display_ = Display::create(display, error);
    if (!display_) return false;
    images_ = std::make_unique<ImageCache>(display_->renderer(), kMaxScreenPictureSide);
    images_->keep_thumbnails_in(config_.data_dir + "/thumbnails");
    fonts_.attach(display_->renderer(), display_->height());
    imgui_ = std::make_unique<ImGuiLayer>(display_->renderer(), fonts_);
    ui_.set_screen(display_->width(), display_->height());
    pointer_.set_drag_threshold(ui_.px(24));
    return true;
}

// The sound output (headless: SDL's dummy driver unless SDL_AUDIODRIVER names
// one, as tests do with "disk"). Without a device the kiosk runs on, captions
// only, and the admin overlay says why.
void KioskApp::start_audio(const AppOptions& options) {
    if (options.headless) SDL_SetHint(SDL_HINT_AUDIODRIVER, "dummy"); // the variable wins
    audio_ = std::make_unique<AudioOutput>(!options.headless);
    exhibit_audio_ =
        std::make_unique<ExhibitAudio>(*audio_, config_.sound, options.headless && !options.paced);
    admin_info_.sound_problem = audio_->problem();
}

// Minutes after local midnight on the kiosk's clock (the fixed step's, headless).
int KioskApp::local_minute() const {
    const telemetry::ClockReading now = clock_->now();
    const int64_t minutes = now.utc_ms / 60000 + now.utc_offset_min;
    return int(((minutes % 1440) + 1440) % 1440);
}

// The exhibit screen, its interactions and failures reported to the
// interaction log (and failures counted for the hub).
void KioskApp::create_exhibit_screen(const AppOptions& options) {
    ExhibitScreenOptions exhibit_options;
    exhibit_options.audio = exhibit_audio_.get();
    exhibit_options.limits.memory_bytes = size_t(config_.exhibit_limits.memory_mb) << 20;
    exhibit_options.limits.time_budget_s = config_.exhibit_limits.time_budget_ms / 1000.0;
    exhibit_options.dev = options.dev;
    exhibit_options.seed = options.seed ? options.seed : options.headless ? 1 : random_seed();
    fixed_seed_ = options.seed ? options.seed : options.headless ? 1 : 0;
    exhibit_options.data_dir = config_.data_dir;
    exhibit_options.renderer = display_->renderer();
    telemetry::InteractionLog* interactions = interactions_.get();
    exhibit_options.on_interaction = [interactions, this](const ExhibitInteraction& interaction) {
        const bool counted = interactions->exhibit_event(interaction.name, interaction.fields_json);
        if (preview_)
            print_preview_event(clock_->now(), exhibit_screen_->exhibit().id, interaction,
                                counted || !interactions->enabled());
    };
    exhibit_options.on_dropped_interactions = [interactions, this](int count) {
        interactions->exhibit_events_dropped(count);
        if (preview_)
            log_warning(std::to_string(count) + " kiosk.log event(s) dropped: over the rate limit");
    };
    exhibit_options.on_error = [interactions, this](const ExhibitError& failure) {
        interactions->exhibit_error(exhibit_error_kind_name(failure.kind), failure.callback,
                                    failure.file, failure.line, failure.message);
        if (sync_) sync_->count_error();
    };
    exhibit_screen_ = std::make_unique<ExhibitScreen>(exhibit_options);
}

//-----------------------------------------------------------------------------
// [SECTION] Input: touches, the admin corner, waking from attract
//-----------------------------------------------------------------------------

void KioskApp::push_input(const InputEvent& event) {
    switch (event.kind) {
    case InputKind::Pointer:
        handle_pointer(event.pointer);
        break;
    case InputKind::KeyEscape:
    case InputKind::QuitRequest:
        // A kiosk in full screen has no keyboard way out: only the admin overlay.
        if (!display_->headless() &&
            SDL_GetWindowFlags(display_->window()) & SDL_WINDOW_FULLSCREEN_DESKTOP)
            break;
        quit_requested_ = true;
        break;
    }
}

void KioskApp::push_logical_pointer(PointerEvent event) {
    ImVec2 at = ui_.to_screen(ImVec2(event.x, event.y));
    event.x = at.x;
    event.y = at.y;
    handle_pointer(event);
}

bool KioskApp::in_admin_corner(float x, float y) const {
    ImVec2 at = ui_.to_logical(ImVec2(x, y));
    AdminCorner corner = config_.admin.corner;
    bool left = corner == AdminCorner::TopLeft || corner == AdminCorner::BottomLeft;
    bool top = corner == AdminCorner::TopLeft || corner == AdminCorner::TopRight;
    bool in_x = left ? at.x < kAdminCornerSize : at.x > kLogicalWidth - kAdminCornerSize;
    bool in_y = top ? at.y < kAdminCornerSize : at.y > kLogicalHeight - kAdminCornerSize;
    return in_x && in_y;
}

void KioskApp::handle_pointer(const PointerEvent& event) {
    last_input_s_ = time_s_;
    if (event.phase == PointerPhase::Down) {
        if (screen_ == ScreenId::Attract) {
            // The touch that wakes the kiosk only wakes it: it must not also
            // press whatever lies under the finger on the home screen.
            leave_attract();
            swallowed_pointers_.insert(event.pointer_id);
            return;
        }
        if (sessions_.begin_if_idle(time_s_)) interactions_->session_started(sessions_.id());
        if (!admin_.visible() && !corner_press_.active && in_admin_corner(event.x, event.y))
            corner_press_ = LongPress{event.pointer_id, time_s_, true};
    } else if (corner_press_.active && corner_press_.pointer_id == event.pointer_id &&
               (event.phase == PointerPhase::Up || !in_admin_corner(event.x, event.y))) {
        corner_press_.active = false;
    }
    if (swallowed_pointers_.contains(event.pointer_id)) {
        if (event.phase == PointerPhase::Up) swallowed_pointers_.erase(event.pointer_id);
        return;
    }
    pointer_.push(event);
    if (screen_ == ScreenId::Exhibit && !admin_.visible()) {
        PointerEvent logical = event;
        ImVec2 at = ui_.to_logical(ImVec2(event.x, event.y));
        logical.x = at.x;
        logical.y = at.y;
        exhibit_screen_->touch(logical);
    }
}

void KioskApp::leave_attract() {
    if (sessions_.begin_if_idle(time_s_)) interactions_->session_started(sessions_.id());
    set_screen(ScreenId::Home);
}

//-----------------------------------------------------------------------------
// [SECTION] The fixed step: idle timeout, long presses, back to attract
//-----------------------------------------------------------------------------

void KioskApp::update(double dt) {
    time_s_ += dt;
    if (fixed_step_clock_) { // whole milliseconds, carrying the rest to the next step
        fixed_step_carry_ms_ += dt * 1000;
        const auto whole = int64_t(fixed_step_carry_ms_);
        fixed_step_carry_ms_ -= double(whole);
        fixed_step_clock_->advance_ms(whole);
    }
    if (corner_press_.active && time_s_ - corner_press_.since_s >= config_.admin.long_press_s) {
        corner_press_.active = false;
        admin_.open_pin_pad();
        pointer_.cancel_pointer(corner_press_.pointer_id);
        swallowed_pointers_.insert(corner_press_.pointer_id);
    }
    if (screen_ == ScreenId::Quiz) quiz_.update(dt);
    if (screen_ == ScreenId::Exhibit && exhibit_screen_->update(dt)) close_exhibit();
    exhibit_audio_->update(dt, preferences_.sound_on, local_minute());
    // A takeover with nobody in front of it stands in for the attract screen.
    const bool unattended_takeover = screen_ == ScreenId::Notice && !sessions_.active();
    if (!preview_ && screen_ != ScreenId::Attract && !unattended_takeover &&
        time_s_ - last_input_s_ >= config_.idle_timeout_s)
        go_to_attract();
    refresh_notices();
    pick_up_content_changes();
}

// The visitor has gone: everything they opened closes inside their session,
// then the session ends and the attract screen (outside any session) shows.
void KioskApp::go_to_attract() {
    close_exhibit(false);
    close_quiz(false);
    interactions_->screen_left();
    if (sessions_.end(time_s_, SessionEndReason::Idle)) {
        interactions_->session_ended("idle");
        if (sync_) sync_->session_ended();
    }
    // A takeover the visitor closed comes back for the next one.
    takeovers_closed_.clear();
    viewers_counted_.clear();
    takeover_id_.clear();
    set_screen(ScreenId::Attract);
    home_ = HomeState{};
    language_ = config_.default_language;
    preferences_ = VisitorPreferences{};
    admin_.close();
    pointer_.reset();
    swallowed_pointers_.clear();
    corner_press_.active = false;
}

//-----------------------------------------------------------------------------
// [SECTION] Content: the catalog, its changes, what the hub is told
//-----------------------------------------------------------------------------

void KioskApp::log_catalog() {
    for (const std::string& problem : catalog_.problems) {
        log_warning(problem);
        interactions_->content_refused(problem.substr(0, problem.find(": ")), problem);
    }
    for (const std::string& warning : catalog_.warnings)
        log_warning(warning);
    for (const HiddenContent& hidden : catalog_.hidden) {
        log_warning("content " + hidden.id + " is hidden from visitors: " + hidden.reason);
        interactions_->content_refused(hidden.id, hidden.reason);
    }
}

// A package added, replaced or removed in the content folder is checked for
// every kContentCheckIntervalS and scanned on the content scan worker, during
// a visit too. Between visitors, a finished scan is made ready while the old
// set stays on screen: its new characters are baked into a font atlas on
// another thread. Then the whole set is swapped in at once, never in the
// middle of a visit; its thumbnails are decoded when the home screen draws them.
void KioskApp::pick_up_content_changes() {
    if (!content_scans_) return;
    if (time_s_ - content_checked_at_s_ >= kContentCheckIntervalS) {
        content_checked_at_s_ = time_s_;
        content_scans_->check();
        if (await_content_scans_ &&
            !content_scans_->wait_until_idle(std::chrono::steady_clock::now() +
                                             std::chrono::minutes(10)))
            log_warning("content scan: still running after 10 minutes; the frames go on");
    }
    if (sessions_.active() || screen_ == ScreenId::Exhibit) return;
    if (!incoming_) {
        incoming_ = content_scans_->take();
        if (!incoming_) return;
    }
    ExhibitCatalog catalog = std::move(incoming_->catalog);
    incoming_.reset();
    set_catalog(std::move(catalog));
    // Between frames: a package replaced under the same name must not keep its
    // old thumbnail; the new set's pictures are decoded when first drawn.
    images_->clear();
    home_ = HomeState{};
    admin_info_ = make_admin_info();
    log_info("content changed: " + std::to_string(catalog_.exhibits.size()) + " exhibits");
    interactions_->content_changed(int(catalog_.exhibits.size()), int(catalog_.quizzes.size()));
    log_catalog();
}

bool KioskApp::wait_for_content_scans(std::chrono::steady_clock::time_point deadline) {
    return !content_scans_ || content_scans_->wait_until_idle(deadline);
}

void KioskApp::set_catalog(ExhibitCatalog catalog) {
    catalog_ = std::move(catalog);
    home_items_ = catalog_.home_items();
    share_content_versions();
}

// The heartbeat tells the hub which content versions the kiosk shows.
void KioskApp::share_content_versions() {
    if (!sync_) return;
    std::vector<sync::ContentVersion> content;
    for (const ContentManifest& item : home_items_)
        content.push_back({item.id, item.version});
    sync_->set_content(std::move(content));
}

// Previewing one exhibit (--exhibit) is a curator at work: nothing to send
// or receive. Hub content starts first: the sync's heartbeat reports it.
void KioskApp::start_sync() {
    if (preview_) return;
    if (KioskContent::wanted(config_))
        hub_content_ = std::make_unique<KioskContent>(config_, catalog_options_.trust,
                                                      catalog_options_.package_limits);
    if (KioskNotices::wanted(config_)) {
        const telemetry::Clock* clock = clock_.get();
        notices_ = std::make_unique<KioskNotices>(
            config_, [clock] { return clock->now().utc_ms; },
            [clock] { return clock->now().mono_ms; });
        refresh_notices();
    }
    if (!config_.sync) return;
    sync_ = std::make_unique<KioskSync>(config_, store_.get(), hub_content_.get(), notices_.get());
    share_content_versions();
}

//-----------------------------------------------------------------------------
// [SECTION] Screens: opening and closing quizzes and exhibits
//-----------------------------------------------------------------------------

void KioskApp::set_screen(ScreenId screen) {
    if (screen == screen_) return;
    screen_ = screen;
    interactions_->screen_entered(screen_name(screen));
}

void KioskApp::open_home_item(size_t index) {
    const ContentManifest& item = home_items_[index];
    if (item.kind == ContentKind::Quiz) {
        open_quiz(item);
        return;
    }
    for (size_t i = 0; i < catalog_.exhibits.size(); ++i)
        if (catalog_.exhibits[i].id == item.id) open_exhibit(i);
}

void KioskApp::open_quiz(const ContentManifest& pack) {
    std::string text, error;
    QuizLoadResult quiz;
    if (pack.files && pack.files->read(pack.entry, text, error))
        quiz = load_quiz(text, pack.files->describe(pack.entry),
                         [&pack](const std::string& name) { return pack.files->exists(name); });
    if (!quiz.ok()) { // checked when the catalog was made: only a file changed since
        log_warning("quiz " + pack.id +
                    " cannot be opened: " + (quiz.errors.empty() ? error : quiz.errors.front()));
        return;
    }
    // One seed per visitor and round, so the same visitor's next round differs;
    // with a fixed seed (headless runs, --seed) every run draws the same rounds.
    const uint64_t seed = fixed_seed_
                              ? fixed_seed_ + uint64_t(quiz_rounds_++)
                              : std::hash<std::string>{}(sessions_.id()) + uint64_t(frames_);
    log_info("quiz " + pack.id + " opened");
    set_screen(ScreenId::Quiz);
    pointer_.reset();
    quiz_.open(pack, std::move(*quiz.pack), pack.files, seed);
    track_quiz_round();
}

// A round starts when its first question shows (also after "play again") and
// finishes when the score shows; a round left early has a start and no finish.
void KioskApp::track_quiz_round() {
    const QuizPhase phase = quiz_.phase();
    if (!quiz_round_open_ && phase == QuizPhase::Question) {
        quiz_round_open_ = true;
        interactions_->quiz_started(quiz_.manifest().id, quiz_.manifest().version,
                                    quiz_.manifest().title, int(quiz_.round().questions.size()));
    } else if (quiz_round_open_ && phase != QuizPhase::Question && phase != QuizPhase::Feedback) {
        quiz_round_open_ = false;
        if (phase == QuizPhase::Score)
            interactions_->quiz_finished(quiz_.correct_count(), quiz_.answered_count());
    }
}

void KioskApp::record_quiz_answer(const QuizAnswerRecord& answer) {
    const QuizQuestion* question = quiz_.current_question();
    if (!question) return;
    std::vector<std::pair<std::string, Bilingual>> labels;
    for (const QuizOption& option : question->options)
        labels.emplace_back(option.id,
                            option.text.zh.empty() ? Bilingual{option.id, option.id} : option.text);
    interactions_->quiz_answered(answer.question_id, question->prompt, labels, answer.chosen,
                                 answer.correct, int64_t(answer.seconds_to_answer * 1000 + 0.5));
}

void KioskApp::close_quiz(bool go_home) {
    if (go_home && screen_ == ScreenId::Quiz) set_screen(ScreenId::Home);
    quiz_.close();
    track_quiz_round();
}

void KioskApp::open_exhibit(size_t index) {
    const ContentManifest& exhibit = catalog_.exhibits[index];
    log_info("exhibit " + exhibit.id + " opened");
    set_screen(ScreenId::Exhibit);
    interactions_->exhibit_entered(exhibit.id, exhibit.version, exhibit.title);
    pointer_.reset(); // the tap that opened it is not the exhibit's first touch
    exhibit_screen_->open(exhibit, language_);
}

void KioskApp::close_exhibit(bool go_home) {
    const bool was_open = exhibit_screen_->is_open();
    exhibit_screen_->close(); // its last kiosk.log events, then the leave
    if (was_open) interactions_->exhibit_left();
    if (go_home && screen_ == ScreenId::Exhibit) set_screen(ScreenId::Home);
}

//-----------------------------------------------------------------------------
// [SECTION] Statistics and the admin overlay's rows
//-----------------------------------------------------------------------------

void KioskApp::open_statistics(const AppOptions& options) {
    if (options.headless) {
        const telemetry::ClockReading now = telemetry::SystemClock().now();
        auto clock = std::make_unique<telemetry::ManualClock>(
            options.clock_start_utc_ms ? options.clock_start_utc_ms : now.utc_ms,
            options.clock_utc_offset_min.value_or(now.utc_offset_min));
        fixed_step_clock_ = clock.get();
        clock_ = std::move(clock);
    } else {
        clock_ = std::make_unique<telemetry::SystemClock>();
    }
    // Previewing one exhibit (--exhibit) is a curator at work, not a visit: its
    // events go to preview.db, afresh each run (preview_run.h).
    const bool preview = !options.exhibit_path.empty();
    if (preview && statistics_problem_.empty())
        remove_preview_database(preview_database_path(config_.data_dir), statistics_problem_);
    if ((config_.statistics.enabled || preview) && statistics_problem_.empty()) {
        telemetry::EventStoreOptions store_options;
        store_options.path =
            preview ? preview_database_path(config_.data_dir) : config_.data_dir + "/kiosk.db";
        store_options.software_version = KIOSK_VERSION;
        store_options.clock = clock_.get();
        store_options.retention_days = config_.statistics.retention_days;
        // Syncing: raw events go only once the hub has their counts.
        store_options.prune_only_synced = config_.sync.has_value();
        std::string store_error;
        store_ = telemetry::EventStore::open(store_options, store_error);
        if (!store_) {
            // Visitors are still served; the admin overlay and the log say why
            // nothing is recorded.
            statistics_problem_ = store_error;
            if (!preview) log_error("visitor statistics are off: " + store_error);
        }
    }
    if (preview && !statistics_problem_.empty())
        log_error("the preview's events are not recorded in preview.db: " + statistics_problem_);
    telemetry::InteractionLimits limits;
    limits.exhibit_events_per_session = config_.statistics.log_events_per_session;
    interactions_ = std::make_unique<telemetry::InteractionLog>(store_.get(), *clock_, limits);
    interactions_->boot(KIOSK_VERSION);
    interactions_->config_loaded(config_.kiosk_name, config_.source_path, config_.venue.name.zh);
}

// The statistics row of the admin overlay, read live while it is open.
void KioskApp::update_statistics_info(AdminInfo& info) const {
    if (!store_) {
        info.statistics_state_key = "admin_statistics_off";
        info.statistics_problem =
            statistics_problem_.empty() ? "statistics.enabled = false" : statistics_problem_;
        return;
    }
    const telemetry::EventStoreHealth health = store_->health();
    info.statistics_state_key = !health.disk_full      ? "admin_statistics_recording"
                                : health.write_refused ? "admin_statistics_not_writable"
                                                       : "admin_statistics_disk_full";
    info.events_stored = health.events_stored;
    info.events_dropped = health.raw_dropped;
}

void KioskApp::update_sync_info(AdminInfo& info) const {
    if (sync_)
        info.sync = sync_->info();
    else
        info.sync = AdminSyncInfo{"admin_sync_off"};
    if (hub_content_) info.hub_content = hub_content_->info();
    if (notices_) info.notices = notices_->info();
}

AdminInfo KioskApp::admin_info() const {
    AdminInfo info = admin_info_;
    update_statistics_info(info);
    update_sync_info(info);
    return info;
}

AdminInfo KioskApp::make_admin_info() const {
    AdminInfo info = describe_content(config_, home_items_, catalog_);
    if (audio_) info.sound_problem = audio_->problem();
    return info;
}

//-----------------------------------------------------------------------------
// [SECTION] Emergency notices: the takeover, the banner and the strip
//-----------------------------------------------------------------------------

// What is in force, read again when the board changed and twice a second (a
// notice becomes effective or expires by the clock). A takeover not yet on
// screen, and not closed by this visitor, takes the screen at once.
void KioskApp::refresh_notices() {
    if (!notices_) return;
    // Each visitor session in front of a takeover is counted once (a touch on
    // it starts one).
    if (screen_ == ScreenId::Notice && sessions_.active())
        for (const sync::BoardNotice& held : notices_in_force_)
            if (held.notice.identifier == takeover_id_) count_takeover_viewer(held.notice);
    const int64_t generation = notices_->generation();
    if (generation == notices_generation_ && time_s_ - notices_checked_at_s_ < 0.5) return;
    notices_generation_ = generation;
    notices_checked_at_s_ = time_s_;
    notices_in_force_ = notices_->showing();

    const auto in_force = [&](const std::string& identifier) {
        for (const sync::BoardNotice& held : notices_in_force_)
            if (held.notice.identifier == identifier) return true;
        return false;
    };
    if (screen_ == ScreenId::Notice && !in_force(takeover_id_)) {
        log_info("emergency notice " + takeover_id_ + " is no longer in force");
        end_takeover();
    }
    if (screen_ != ScreenId::Notice)
        for (const sync::BoardNotice& held : notices_in_force_)
            if (sync::presentation_of(held.notice) == sync::NoticePresentation::Takeover &&
                !takeovers_closed_.contains(held.notice.identifier)) {
                start_takeover(held);
                break;
            }
}

void KioskApp::count_takeover_viewer(const sync::Notice& notice) {
    if (!viewers_counted_.insert(notice.identifier).second) return;
    notices_->count_viewer(notice.identifier);
    interactions_->notice_takeover(notice.identifier, sync::to_cap(notice.status),
                                   sync::to_cap(notice.severity));
}

// At once, even during a visit: the exhibit or quiz is left through its
// usual exit (the exhibit's leave hook runs), and the visitor session ends
// as interrupted, counted as having seen the takeover.
void KioskApp::start_takeover(const sync::BoardNotice& held) {
    const sync::Notice& notice = held.notice;
    log_warning("emergency notice " + notice.identifier + " (" + sync::to_cap(notice.severity) +
                ", " + sync::to_cap(notice.status) + ") takes the screen over");
    close_exhibit(false);
    close_quiz(false);
    if (sessions_.active()) {
        count_takeover_viewer(notice);
        interactions_->screen_left();
        sessions_.end(time_s_, SessionEndReason::Interrupted);
        interactions_->session_ended("interrupted");
        viewers_counted_.clear();
        if (sync_) sync_->session_ended();
    }
    takeover_id_ = notice.identifier;
    takeover_since_s_ = time_s_;
    last_input_s_ = time_s_;
    set_screen(ScreenId::Notice);
    pointer_.reset();
    swallowed_pointers_.clear();
}

// The visitor closed it or asked to learn what to do: home, and the
// takeover stays away until the kiosk returns to attract.
void KioskApp::end_takeover() {
    takeovers_closed_.insert(takeover_id_);
    takeover_id_.clear();
    // The session ended with the takeover: the next visitor starts from the defaults.
    if (!sessions_.active()) preferences_ = VisitorPreferences{};
    set_screen(sessions_.active() ? ScreenId::Home : ScreenId::Attract);
    pointer_.reset();
}

// The linked content the catalog has, in the notice's order; ids it does
// not have are not offered.
std::vector<NoticeLink> KioskApp::notice_links(const sync::Notice& notice) const {
    std::vector<NoticeLink> links;
    for (const std::string& id : notice.content_ids)
        for (const ContentManifest& item : home_items_)
            if (item.id == id && links.size() < kMaxNoticeLinksShown)
                links.push_back({item.id, item.title});
    return links;
}

// Home and attract: a banner (the attract screen cycles every notice in
// force); exhibits and quizzes: a strip. A takeover closed by this visitor
// shows there too while it is in force.
void KioskApp::draw_notice_overlays(ScreenContext& context) {
    banner_id_.clear();
    if (screen_ == ScreenId::Notice || notices_in_force_.empty()) return;
    constexpr double kAttractCycleS = 6;
    size_t index = 0;
    if (screen_ == ScreenId::Attract)
        index = size_t(time_s_ / kAttractCycleS) % notices_in_force_.size();
    const sync::Notice& notice = notices_in_force_[index].notice;
    banner_id_ = notice.identifier;
    notices_->mark_shown(banner_id_);
    if (screen_ == ScreenId::Home || screen_ == ScreenId::Attract)
        draw_notice_banner(context, notice,
                           screen_ == ScreenId::Home ? notices_in_force_.size() - 1 : 0);
    else
        draw_notice_strip(context, notice);
}

//-----------------------------------------------------------------------------
// [SECTION] Drawing a frame
//-----------------------------------------------------------------------------

void KioskApp::draw() {
    ScreenContext context{ui_, strings_, language_, time_s_, *images_, pointer_};
    // The visitor's large text: every visitor screen and the exhibit's kiosk.text
    // (drawn through the same Ui); not the staff's admin overlay.
    ui_.set_text_scale(preferences_.large_text ? kLargeTextScale : 1.0f);
    switch (screen_) {
    case ScreenId::Attract:
        draw_attract_screen(context, config_.venue.name);
        break;
    case ScreenId::Home: {
        HomeAction action = draw_home_screen(context, home_, home_items_, config_.venue.name,
                                             preferences_, catalog_.unreviewed);
        if (action.toggle_language)
            language_ = language_ == Language::Zh ? Language::En : Language::Zh;
        if (action.toggle_large_text) preferences_.large_text = !preferences_.large_text;
        if (action.toggle_sound) preferences_.sound_on = !preferences_.sound_on;
        if (action.open_exhibit >= 0) open_home_item(size_t(action.open_exhibit));
        break;
    }
    case ScreenId::Quiz: {
        const bool done = quiz_.draw(context) == QuizAction::Home;
        track_quiz_round();
        if (draw_back_home_button(context) || done) close_quiz();
        break;
    }
    case ScreenId::Exhibit:
        if (exhibit_screen_->draw(context)) close_exhibit();
        break;
    case ScreenId::Notice:
        for (const sync::BoardNotice& held : notices_in_force_) {
            if (held.notice.identifier != takeover_id_) continue;
            notices_->mark_shown(takeover_id_);
            const std::vector<NoticeLink> links = notice_links(held.notice);
            const TakeoverAction action =
                draw_notice_takeover(context, held.notice, links, time_s_ - takeover_since_s_);
            if (action.open_link >= 0) {
                const std::string& content = links[size_t(action.open_link)].content_id;
                log_info("emergency notice " + takeover_id_ + ": learn what to do: " + content);
                notices_->count_opened(takeover_id_);
                interactions_->notice_opened(takeover_id_, content);
                end_takeover();
                for (size_t i = 0; i < home_items_.size(); ++i)
                    if (home_items_[i].id == content) open_home_item(i);
            } else if (action.close) {
                end_takeover();
            }
            break;
        }
        break;
    }
    draw_notice_overlays(context);
    ui_.set_text_scale(1);
    if (admin_.visible()) {
        update_statistics_info(admin_info_);
        update_sync_info(admin_info_);
    }
    if (admin_.draw(context, admin_info_) == AdminAction::Exit) {
        log_info("exit requested from the admin overlay");
        quit_requested_ = true;
        exit_code_ = 0;
    }
}

void KioskApp::render(double frame_dt) {
    display_->refresh_size();
    ui_.set_screen(display_->width(), display_->height());
    images_->release_unused(time_s_); // between frames: the last one is drawn
    imgui_->begin_frame(pointer_, float(frame_dt), display_->width(), display_->height());
    draw();
    ImU32 clear = theme::kBackground;
    if (screen_ == ScreenId::Exhibit) clear = exhibit_screen_->clear_color().value_or(clear);
    imgui_->end_frame(clear);
    ++frames_;
}

bool KioskApp::screenshot(const std::string& png_path, std::string& error) const {
    return display_->write_screenshot(png_path, error);
}

} // namespace kiosk
