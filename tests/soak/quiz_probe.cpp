// QuizProbe: the headless harness (as KioskApp::create and KioskApp::render
// build and drive it) and the quiz round played on it.
#include "quiz_probe.h"

#include "content/content_manifest.h"
#include "core/file_source.h"

#include <SDL.h>

#include <utility>

namespace kiosk::soak {
namespace {

constexpr double kDt = 1.0 / 60;

} // namespace

QuizProbe::QuizProbe()
    : quiz_([this](const QuizAnswerRecord& answer) { answers_.push_back(answer); }) {}

QuizProbe::~QuizProbe() {
    quiz_.close();
    images_.reset();
    imgui_.reset();
    fonts_.detach();
    display_.reset();
    if (video_started_) SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

std::unique_ptr<QuizProbe> QuizProbe::create(const KioskConfig& config, int width, int height,
                                             std::string& error) {
    std::unique_ptr<QuizProbe> probe(new QuizProbe());
    StringsLoadResult strings = load_strings_table(config.strings_file, quiz_string_keys());
    if (!strings.ok()) {
        error = config.strings_file + ": the strings table cannot be used";
        for (const std::string& message : strings.errors)
            error += "\n" + message;
        return nullptr;
    }
    probe->strings_ = std::move(*strings.table);
    FontSpec font{config.font.path, config.font.face, float(config.font.title_px),
                  float(config.font.body_px), float(config.font.button_px)};
    if (!probe->fonts_.load(font, error)) return nullptr;

    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        error = std::string("cannot start SDL video: ") + SDL_GetError();
        return nullptr;
    }
    probe->video_started_ = true;
    DisplayOptions display;
    display.width = width;
    display.height = height;
    display.headless = true;
    probe->display_ = Display::create(display, error);
    if (!probe->display_) return nullptr;
    probe->ui_.set_screen(probe->display_->width(), probe->display_->height());
    probe->fonts_.attach(probe->display_->renderer(), probe->display_->height());
    probe->imgui_ = std::make_unique<ImGuiLayer>(probe->display_->renderer(), probe->fonts_);
    probe->images_ = std::make_unique<ImageCache>(probe->display_->renderer());
    probe->pointer_.set_drag_threshold(probe->ui_.px(24));
    return probe;
}

bool QuizProbe::open(const std::string& folder, uint64_t seed, Language language,
                     std::string& error) {
    ManifestLoadResult manifest = load_content_manifest(folder);
    QuizLoadResult quiz = load_quiz_folder(folder);
    if (!manifest.ok() || !quiz.ok()) {
        error = folder + ": the quiz pack does not load";
        for (const auto* messages : {&manifest.errors, &quiz.errors})
            for (const std::string& message : *messages)
                error += "\n" + message;
        return false;
    }
    language_ = language;
    home_tapped_ = false;
    answers_.clear();
    pointer_.reset();
    quiz_.open(*manifest.manifest, std::move(*quiz.pack), std::make_shared<FolderSource>(folder),
               seed);
    for (int i = 0; i < 3; ++i)
        frame(kDt);
    return true;
}

void QuizProbe::wait(double seconds) {
    quiz_.update(seconds);
    time_s_ += seconds;
    frame(kDt);
    frame(kDt);
}

void QuizProbe::tap(ImVec2 logical) {
    const ImVec2 at = ui_.to_screen(logical);
    pointer_.push(PointerEvent{PointerPhase::Down, 0, at.x, at.y});
    for (int i = 0; i < 6; ++i)
        frame(kDt);
    pointer_.push(PointerEvent{PointerPhase::Up, 0, at.x, at.y});
    for (int i = 0; i < 3; ++i)
        frame(kDt);
}

std::optional<ImVec2> QuizProbe::target(std::string_view name) const {
    std::optional<LogicalRect> rect = quiz_.target(name);
    if (!rect) return std::nullopt;
    return as_imvec(rect->center());
}

std::vector<QuizAnswerRecord> QuizProbe::take_answers() {
    return std::exchange(answers_, {});
}

void QuizProbe::frame(double dt) {
    time_s_ += dt;
    quiz_.update(dt);
    imgui_->begin_frame(pointer_, float(dt), display_->width(), display_->height());
    ScreenContext context{ui_, strings_, language_, time_s_, *images_, pointer_};
    if (quiz_.draw(context) == QuizAction::Home) home_tapped_ = true;
    imgui_->end_frame(theme::kBackground);
}

} // namespace kiosk::soak
