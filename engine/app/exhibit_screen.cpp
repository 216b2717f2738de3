// ExhibitScreen implementation, the "resting" card, the dev error view and the
// runtime-drawn "back to home" control.
#include "exhibit_screen.h"

#include "caption_band.h"

#include "core/civil_time.h"
#include "core/log.h"
#include "core/private_files.h"
#include "core/utf8_text.h"
#include "render/fonts.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kiosk {
namespace {

constexpr double kPollIntervalS = 0.25; // dev mode: how often the files are checked
constexpr size_t kMaxWatchedFiles = 500;

std::string without_tabs(std::string text) {
    std::replace(text.begin(), text.end(), '\t', ' ');
    return text;
}

void draw_resting_card(ScreenContext& context, const ContentManifest& exhibit, double progress) {
    Ui& ui = context.ui;
    ui.rect(ImVec2(0, 0), ImVec2(kLogicalWidth, kLogicalHeight), theme::kBackground);
    // The texts stack (large text wraps to more lines); the card grows under them.
    const std::string& title = context.text("exhibit_resting_title");
    const std::string& body = context.text("exhibit_resting_body");
    const std::string& name = exhibit.title.in(context.language);
    const float top = 480;
    const float body_y = top + ui.measure(FontRole::Title, title, 1000).y + 20;
    const float name_y = std::max(700.0f, body_y + ui.measure(FontRole::Body, body, 900).y + 16);
    const float bar_y = std::max(780.0f, name_y + ui.measure(FontRole::Body, name, 900).y + 24);
    const ImVec2 min(410, 250), max(1510, bar_y + 50);
    ui.rect(min, max, theme::kCard, 36);
    // A sleeping moon: a warm disc with a bite taken out of it.
    ImDrawList& draw = ui.draw_list();
    draw.AddCircleFilled(ui.to_screen(ImVec2(960, 380)), ui.px(70), theme::kAccent, 48);
    draw.AddCircleFilled(ui.to_screen(ImVec2(995, 355)), ui.px(62), theme::kCard, 48);
    ui.text(FontRole::Title, ImVec2(960, top), theme::kInk, title, Align::Center, 1000);
    ui.text(FontRole::Body, ImVec2(960, body_y), theme::kInkSoft, body, Align::Center, 900);
    ui.text(FontRole::Body, ImVec2(960, name_y), theme::kInkSoft, name, Align::Center, 900);
    const float bar = float(std::clamp(progress, 0.0, 1.0)) * 700;
    ui.rect(ImVec2(610, bar_y), ImVec2(1310, bar_y + 12), theme::kCardPressed, 6);
    ui.rect(ImVec2(610, bar_y), ImVec2(610 + bar, bar_y + 12), theme::kTeal, 6);
}

void draw_dev_error(ScreenContext& context, const ExhibitError& error) {
    Ui& ui = context.ui;
    ui.rect(ImVec2(0, 0), ImVec2(kLogicalWidth, kLogicalHeight), theme::kDevErrorBackground);
    const float x = 80, width = 1760;
    float y = 180;
    y += ui.text(FontRole::Title, ImVec2(x, y), theme::kOnDark, context.text("dev_error_title"),
                 Align::Left, width)
             .y;
    y += 12;
    std::string where = std::string(exhibit_error_kind_name(error.kind)) + " · " + error.callback;
    y += ui.text(FontRole::Body, ImVec2(x, y), theme::kAccent, where, Align::Left, width).y + 16;
    y += ui.text(FontRole::Body, ImVec2(x, y), theme::kOnDark, error.message, Align::Left, width).y;
    if (!error.file.empty() && error.line > 0) {
        y += 24;
        std::string location = error.file + ":" + std::to_string(error.line);
        ui.rect(ImVec2(x, y), ImVec2(x + width, y + 120), theme::kShadeLight, 16);
        ui.text(FontRole::Body, ImVec2(x + 24, y + 12), theme::kAccent, location);
        ui.text(FontRole::Body, ImVec2(x + 24, y + 62), theme::kOnDark,
                without_tabs(error.source_line));
        y += 120;
    }
    y += 24;
    std::istringstream frames(error.traceback);
    std::string frame;
    constexpr float kHintY = 1000;
    for (int shown = 0; shown < 8 && std::getline(frames, frame); ++shown) {
        const std::string line = without_tabs(frame);
        if (y + ui.measure(FontRole::Body, line, width).y > kHintY - 8)
            break; // keeps the hint clear
        y += ui.text(FontRole::Body, ImVec2(x, y), theme::kOnDarkSoft, line, Align::Left, width).y;
    }
    ui.text(FontRole::Body, ImVec2(x, kHintY), theme::kAccent, context.text("dev_error_hint"),
            Align::Left, width);
}

} // namespace

bool in_back_home_button(float x, float y) {
    // Generous: a press just beside the button is not the exhibit's either.
    return x >= kBackHomeMin.x && y >= kBackHomeMin.y && x <= kBackHomeMin.x + kBackHomeSize.x &&
           y <= kBackHomeMin.y + kBackHomeSize.y;
}

bool draw_back_home_button(ScreenContext& context) {
    ButtonStyle style;
    style.fill = theme::kCard;
    style.fill_pressed = theme::kCardPressed;
    // Drawn last, in its own window, so it stays on top of whatever a screen draws.
    // The window covers only the button: a larger one would take the pointer from
    // the exhibit's own widgets beneath it.
    Ui& ui = context.ui;
    const std::string& label = context.text("back_home");
    const float width =
        std::max(kBackHomeSize.x, ui.measure(style.font, label).x + kBackHomeSize.y);
    ImGui::SetNextWindowPos(ui.to_screen(kBackHomeMin));
    ImGui::SetNextWindowSize(ImVec2(ui.px(width), ui.px(kBackHomeSize.y)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowMinSize, ImVec2(1, 1));
    ImGui::Begin("##back_home", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::PopStyleVar(2);
    bool tapped = ui.button("##home", kBackHomeMin, ImVec2(width, kBackHomeSize.y), label, style);
    ImGui::End();
    return tapped;
}

ExhibitScreen::~ExhibitScreen() {
    close();
}

void ExhibitScreen::open(const ContentManifest& exhibit, Language language) {
    close();
    exhibit_ = exhibit;
    language_ = language;
    start_host();
    if (options_.dev) files_ = snapshot_files();
}

void ExhibitScreen::start_host() {
    ExhibitSource source;
    source.id = exhibit_.id;
    // A fresh folder source on each start: a reload in dev mode reads the files anew.
    source.files =
        exhibit_.folder.empty() ? exhibit_.files : std::make_shared<FolderSource>(exhibit_.folder);
    source.entry = exhibit_.entry;
    if (options_.audio) options_.audio->reset();
    host_ =
        std::make_unique<ExhibitHost>(source, options_.limits, options_.seed, options_.renderer);
    host_->set_audio_sink(options_.audio);
    queued_.clear();
    touches_.clear();
    ignored_.clear();
    failed_for_s_ = 0;
    failure_recorded_ = false;
    host_->start(language_);
    if (host_->failed()) record_failure();
}

void ExhibitScreen::close() {
    if (!host_) return;
    host_->leave();
    if (host_->failed()) record_failure();
    deliver_interactions();
    host_.reset();
    if (options_.audio) options_.audio->reset();
}

void ExhibitScreen::set_language(Language language) {
    language_ = language;
    if (host_) host_->set_language(language);
}

void ExhibitScreen::touch(const PointerEvent& event) {
    TouchPhase phase = event.phase == PointerPhase::Down ? TouchPhase::Pressed
                       : event.phase == PointerPhase::Up ? TouchPhase::Released
                                                         : TouchPhase::Moved;
    queued_.emplace_back(phase, event);
}

bool ExhibitScreen::update(double dt) {
    if (!host_) return false;
    if (options_.dev) {
        since_poll_s_ += dt;
        if (since_poll_s_ >= kPollIntervalS) {
            since_poll_s_ = 0;
            if (files_changed()) {
                log_info("exhibit " + exhibit_.id + " changed on disk: reloading");
                host_.reset();
                start_host();
            }
        }
    }
    for (auto& [phase, event] : queued_) {
        if (phase == TouchPhase::Pressed) {
            if (in_back_home_button(event.x, event.y)) {
                ignored_[event.pointer_id] = true; // the runtime's button, not the exhibit's
                continue;
            }
            int id = 0; // the mouse
            if (event.pointer_id != kMousePointerId) {
                id = 1; // fingers: the smallest number not held by another finger
                while (std::any_of(touches_.begin(), touches_.end(),
                                   [id](const auto& held) { return held.second.id == id; }))
                    ++id;
            }
            touches_[event.pointer_id] = Touch{id, event.x, event.y};
            host_->touch(phase, id, event.x, event.y, 0, 0);
            continue;
        }
        if (ignored_.count(event.pointer_id)) {
            if (phase == TouchPhase::Released) ignored_.erase(event.pointer_id);
            continue;
        }
        auto found = touches_.find(event.pointer_id);
        if (found == touches_.end()) continue; // hover, or a press we never saw
        Touch& touch = found->second;
        float dx = event.x - touch.x, dy = event.y - touch.y;
        touch.x = event.x;
        touch.y = event.y;
        host_->touch(phase, touch.id, event.x, event.y, dx, dy);
        if (phase == TouchPhase::Released) touches_.erase(found);
    }
    queued_.clear();
    host_->update(dt);
    deliver_interactions();
    if (host_->failed()) {
        record_failure();
        failed_for_s_ += dt;
        return !options_.dev && failed_for_s_ >= options_.resting_card_s;
    }
    return host_->home_requested();
}

bool ExhibitScreen::draw(ScreenContext& context) {
    Ui& ui = context.ui;
    ui.begin_screen("##exhibit");
    clear_color_.reset();
    if (host_ && !host_->failed()) {
        ImDrawList& draw = ui.draw_list();
        draw.PushClipRect(ui.to_screen(ImVec2(0, 0)),
                          ui.to_screen(ImVec2(kLogicalWidth, kLogicalHeight)), true);
        clear_color_ = host_->draw(ui);
        draw.PopClipRect();
        if (const Caption* caption = options_.audio ? options_.audio->caption_to_show() : nullptr)
            draw_caption_band(context, *caption);
    }
    if (host_ && host_->failed()) {
        record_failure();
        clear_color_.reset();
        if (options_.dev)
            draw_dev_error(context, host_->error());
        else
            draw_resting_card(context, exhibit_, failed_for_s_ / options_.resting_card_s);
    }
    ui.end_screen();
    return draw_back_home_button(context);
}

// kiosk.log events (from any callback, draw included) go out once per update
// and when the exhibit closes.
void ExhibitScreen::deliver_interactions() {
    std::vector<ExhibitInteraction> interactions = host_->take_interactions();
    const int dropped = host_->take_dropped_interactions();
    if (options_.on_interaction)
        for (const ExhibitInteraction& interaction : interactions)
            options_.on_interaction(interaction);
    if (dropped && options_.on_dropped_interactions) options_.on_dropped_interactions(dropped);
}

void ExhibitScreen::record_failure() {
    if (failure_recorded_ || !host_ || !host_->failed()) return;
    failure_recorded_ = true;
    if (options_.audio) options_.audio->reset(); // the resting card is silent
    const ExhibitError& error = host_->error();
    if (error.kind == ExhibitErrorKind::Shutdown) { // the kiosk's stop, not the exhibit's fault
        log_info("exhibit " + exhibit_.id + ": " + error.message);
        return;
    }
    ++failures_;
    last_failure_ = error;
    if (options_.on_error) options_.on_error(error);
    log_warning("exhibit " + exhibit_.id + " stopped (" + exhibit_error_kind_name(error.kind) +
                " in " + error.callback + "): " + error.message);
    if (options_.data_dir.empty()) return;
    std::ostringstream out;
    out << iso_utc_seconds(now_utc_ms()) << " exhibit=" << exhibit_.id
        << " version=" << exhibit_.version << " kind=" << exhibit_error_kind_name(error.kind)
        << " callback=" << error.callback << "\n  message: " << error.message << "\n";
    if (!error.file.empty()) {
        out << "  at: " << error.file << ":" << error.line << "\n";
        if (!error.source_line.empty()) out << "  source: " << error.source_line << "\n";
    }
    if (!error.traceback.empty()) {
        std::istringstream frames(error.traceback);
        std::string frame;
        while (std::getline(frames, frame))
            out << "  | " << frame << "\n";
    }
    std::string write_error; // 0600, never through a link (core/private_files.h)
    if (!append_private_file(options_.data_dir + "/exhibit-errors.log", out.str(), write_error))
        log_warning("exhibit-errors.log not written: " + write_error);
}

std::map<std::string, std::pair<int64_t, int64_t>> ExhibitScreen::snapshot_files() const {
    std::map<std::string, std::pair<int64_t, int64_t>> files;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(exhibit_.folder, ec);
         !ec && it != std::filesystem::recursive_directory_iterator() &&
         files.size() < kMaxWatchedFiles;
         it.increment(ec)) {
        std::error_code entry_error;
        if (!it->is_regular_file(entry_error)) continue;
        auto time = it->last_write_time(entry_error).time_since_epoch();
        auto size = it->file_size(entry_error);
        if (entry_error) continue;
        files[it->path().string()] = {
            std::chrono::duration_cast<std::chrono::nanoseconds>(time).count(), int64_t(size)};
    }
    return files;
}

bool ExhibitScreen::files_changed() {
    auto now = snapshot_files();
    if (now == files_) return false;
    files_ = std::move(now);
    return true;
}

} // namespace kiosk
