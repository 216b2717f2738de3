// The quiz screens: one round of a quiz pack, played by touch. Three phases:
// a question (progress, the prompt, the optional picture, the options as big
// touch targets in the round's order; multiple choice and ordering end with a
// "Check" button), its feedback (a right/wrong banner, the right answer marked
// on the options, the explanation, "Next"), and the score (stars, "4 of 5
// correct", a friendly message by score band, "Play again", "Home"). Every
// answer goes through the one QuizAnswerHook, exactly once per question. This
// file owns the quiz's interaction and drawing; where things go is
// quiz_layout.h's, the rules (what is right, how a round is drawn, the bands)
// are content/quiz.h's, storing answers is the hook's owner's, and the "back to
// home" corner (top left, 320x160 kept free) is the app's. QuizScreen does not
// know KioskApp: the app opens it, calls update/draw each frame, and goes home
// on QuizAction::Home.
#pragma once

#include "content/content_manifest.h"
#include "content/quiz.h"
#include "core/file_source.h"
#include "quiz_layout.h"
#include "screen_context.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {


// One answered question, as the hook receives it.
struct QuizAnswerRecord {
    std::string pack_id;
    std::string question_id;
    // Option ids. Single and image: the one tapped; true/false: "true" or
    // "false"; multiple: the ticked ones in the pack's (quiz.lua) order; order:
    // every id in the order the visitor put them.
    std::vector<std::string> chosen;
    bool correct = false;
    double seconds_to_answer = 0; // update(dt) clock, from the question's first frame
};
using QuizAnswerHook = std::function<void(const QuizAnswerRecord&)>; // the ONE recording hook

enum class QuizAction { None, Home };
enum class QuizPhase { Closed, Question, Feedback, Score };

class QuizScreen {
public:
    explicit QuizScreen(QuizAnswerHook on_answer);

    // Starts a round of `pack` (the manifest gives its id and title) drawn with
    // `seed`; pictures are read from `files` (the pack's folder or package).
    void open(const ContentManifest& manifest, QuizPack pack,
              std::shared_ptr<const FileSource> files, uint64_t seed);
    void close();
    bool is_open() const { return phase_ != QuizPhase::Closed; }

    // The screen's clock: time to answer, tap guards, animations.
    void update(double dt);
    // Draws the current phase in context.language; answers (and calls the hook)
    // when the visitor taps. Home when the score screen's "Home" was tapped.
    QuizAction draw(ScreenContext& context);

    // Observation, for the app, tests and demo replays.
    QuizPhase phase() const { return phase_; }
    const ContentManifest& manifest() const { return manifest_; }
    const QuizPack& pack() const { return pack_; }
    const QuizRound& round() const { return round_; }
    size_t question_number() const { return index_; } // 0-based, in the round
    // The question on screen (Question and Feedback phases), else nullptr.
    const QuizQuestion* current_question() const;
    int correct_count() const;
    int answered_count() const { return int(results_.size()); }
    // Where the last drawn frame put a touch target, in logical coordinates:
    // "option:ID" (question: the option; feedback: its marked row), "check",
    // "next", "play_again", "home".
    std::optional<LogicalRect> target(std::string_view name) const;

private:
    void start_round(uint64_t seed);
    void enter(QuizPhase phase);
    void answer(std::vector<std::string> chosen);
    bool taps_allowed() const;

    void draw_header(ScreenContext& context);
    void draw_question(ScreenContext& context);
    void draw_feedback(ScreenContext& context);
    QuizAction draw_score(ScreenContext& context);
    bool draw_option(ScreenContext& context, const QuizQuestion& question, size_t option,
                     const QuizOptionCard& layout, float text_size);
    void draw_feedback_options(ScreenContext& context, const QuizQuestion& question,
                               LogicalRect area);
    const std::string& option_label(ScreenContext& context, const QuizOption& option) const;

    QuizAnswerHook on_answer_;
    ContentManifest manifest_;
    QuizPack pack_;
    std::shared_ptr<const FileSource> files_;
    QuizRound round_;
    QuizPhase phase_ = QuizPhase::Closed;
    size_t index_ = 0;
    double clock_ = 0;
    double phase_started_ = 0;
    std::optional<double> shown_at_; // the current question's first frame

    std::vector<bool> ticked_;    // multiple choice: by option index (pack order)
    std::vector<size_t> ordered_; // ordering: option indices in the visitor's order
    std::vector<std::string> last_chosen_;
    bool last_correct_ = false;
    std::vector<bool> results_; // per answered question of the round

    std::map<std::string, LogicalRect, std::less<>> targets_;
};

// The string keys QuizScreen reads from the strings table (the app requires
// them at start, with required_string_keys()).
const std::vector<std::string>& quiz_string_keys();

} // namespace kiosk
