// Where the quiz screen puts things on the logical 1920x1080 screen, as pure
// geometry (no ImGui, no SDL): the header's progress bar and title, the
// question's picture, prompt, hint, option cards (inside each: its words, or
// its picture and caption) and "Check"; the feedback's banner, marked options
// (rows, or picture cells) and explanation and "Next"; the score's stars, marks
// and buttons. Text is measured by the screen (quiz_screen.cpp) and its height
// passed in; the rest follows from the question's shape. The top-left corner
// (320x160, the app's "back to home") is never used. Tested in
// tests/app/test_quiz_layout.cpp.
#pragma once

#include "content/quiz.h"
#include "render/screen_geometry.h"

#include <array>
#include <optional>
#include <span>
#include <vector>

namespace kiosk {

constexpr float kQuizCardRounding = 24;

// The header: one segment per question of the round under the progress text
// ("2 / 5", right-aligned at `progress_at`), the pack's title to its left.
struct QuizHeaderLayout {
    LogicalPoint progress_at; // the progress text's top right corner
    std::vector<LogicalRect> segments;
};
QuizHeaderLayout layout_quiz_header(int questions);
// The title's box, left of a progress text `progress_width` wide (none on the
// score screen); none when too little room is left.
std::optional<LogicalRect> quiz_title_box(std::optional<float> progress_width);

// What the question layout needs to know about a question.
struct QuizQuestionShape {
    QuestionType type = QuestionType::Single;
    int options = 0;
    bool picture = false;  // a question picture that decoded
    bool hint = false;     // a hint line under the prompt ("tick all that apply")
    bool captions = false; // image options: words under or beside the pictures
};

struct QuizOptionCard {
    LogicalRect card;    // the touch target
    LogicalRect words;   // its words (image options: the caption; true/false: unused)
    LogicalRect picture; // image options: the picture's room; else the card
    bool caption_beside = false;
};

struct QuizQuestionLayout {
    std::optional<LogicalRect> picture; // the question's picture, top left
    LogicalRect prompt;                 // the prompt's room, cut to its text's height
    std::optional<LogicalRect> hint;
    std::vector<QuizOptionCard> options; // in the order shown
    std::optional<LogicalRect> check;    // multiple choice and ordering
};
// The most room the prompt may take; the screen fits the prompt's text in it.
LogicalRect quiz_prompt_room(const QuizQuestionShape& shape);
// The question with its prompt `prompt_height` high (as fitted in quiz_prompt_room).
QuizQuestionLayout layout_quiz_question(const QuizQuestionShape& shape, float prompt_height);

struct QuizFeedbackLayout {
    LogicalRect banner; // right or wrong
    LogicalPoint banner_mark;
    float banner_mark_radius = 40;
    LogicalRect banner_words;
    LogicalRect options;     // the marked options
    LogicalRect explanation; // its card
    LogicalRect next;
};
// Where the question is shown again (small) under the banner.
LogicalRect quiz_feedback_prompt_room();
// The feedback, the question shown again `prompt_height` high.
QuizFeedbackLayout layout_quiz_feedback(float prompt_height);
// Image options in the feedback: `count` picture cells in `area`.
std::vector<LogicalRect> quiz_feedback_picture_cells(const LogicalRect& area, int count);
// Text options in the feedback: one row each, stacked down `area`. A row's
// height is its words' height plus padding, at least kMinRow; what the rows
// leave free is shared out among them, none growing past kMaxRow.
struct QuizFeedbackRows {
    static constexpr float kGap = 14, kMinRow = 72, kMaxRow = 110;
    static float row_height(float words_height);
    // The height the rows may take together, gaps excluded.
    static float room(const LogicalRect& area, size_t rows);
    static std::vector<LogicalRect> stack(const LogicalRect& area, std::span<const float> heights);
};

struct QuizScoreLayout {
    struct Star {
        LogicalPoint center;
        float radius = 0;
    };
    std::array<Star, 3> stars;
    LogicalRect score; // "4 of 5 correct"
    std::vector<LogicalPoint> marks;
    float mark_radius = 28;
    LogicalRect band; // the message for the score band
    LogicalRect play_again, home;
};
QuizScoreLayout layout_quiz_score(int questions);

} // namespace kiosk
