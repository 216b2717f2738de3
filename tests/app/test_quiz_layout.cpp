// The quiz layout (engine/app/quiz_layout.h) as pure geometry, without a
// display: for every question type and option count the quiz allows, with and
// without a picture, hint and captions, and for short and very long prompts,
// every touch target is at least a finger (kMinTouchTarget) on both sides,
// nothing overlaps, everything stays on the logical screen and out of the app's
// "back to home" corner; and the letterbox keeps it all on 1920x1080, 1280x800
// and portrait displays.
#include "app/quiz_layout.h"
#include "content/quiz.h"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace kiosk {
namespace {

constexpr LogicalRect kScreen{{0, 0}, {kLogicalWidth, kLogicalHeight}};
constexpr LogicalRect kBackHomeCorner{{0, 0}, {320, 160}}; // the app's, kept free
constexpr int kMaxOptions = 6;                             // content/quiz.cpp
constexpr int kMaxRoundQuestions = 50;                     // content/quiz.cpp

std::string describe(const LogicalRect& r) {
    std::ostringstream out;
    out << "(" << r.min.x << "," << r.min.y << ")-(" << r.max.x << "," << r.max.y << ")";
    return out.str();
}

struct Named {
    std::string name;
    LogicalRect rect;
    bool target; // a touch target: at least a finger wide and high
};

// The checks every phase's layout passes: each rect on the screen and out of
// the corner, targets finger-sized, and no two overlapping.
void check_layout(const std::vector<Named>& rects) {
    for (size_t i = 0; i < rects.size(); ++i) {
        const Named& a = rects[i];
        INFO(a.name << " " << describe(a.rect));
        CHECK(kScreen.contains(a.rect));
        CHECK_FALSE(a.rect.overlaps(kBackHomeCorner));
        CHECK(a.rect.width() > 0);
        CHECK(a.rect.height() > 0);
        if (a.target) {
            CHECK(a.rect.width() >= kMinTouchTarget);
            CHECK(a.rect.height() >= kMinTouchTarget);
        }
        for (size_t j = i + 1; j < rects.size(); ++j) {
            INFO("and " << rects[j].name << " " << describe(rects[j].rect));
            CHECK_FALSE(a.rect.overlaps(rects[j].rect));
        }
    }
}

// Every question shape the quiz format allows.
std::vector<QuizQuestionShape> all_shapes() {
    std::vector<QuizQuestionShape> shapes;
    for (QuestionType type : {QuestionType::Single, QuestionType::Multiple, QuestionType::TrueFalse,
                              QuestionType::ImageChoice, QuestionType::Order}) {
        const int fewest = type == QuestionType::Order ? 3 : 2;
        const int most = type == QuestionType::TrueFalse ? 2 : kMaxOptions;
        for (int options = fewest; options <= most; ++options)
            for (bool picture : {false, true})
                for (bool hint : {false, true})
                    for (bool captions : {false, true}) {
                        if (captions && type != QuestionType::ImageChoice) continue;
                        shapes.push_back({type, options, picture, hint, captions});
                    }
    }
    return shapes;
}

std::vector<Named> question_rects(const QuizQuestionLayout& layout) {
    std::vector<Named> rects;
    if (layout.picture) rects.push_back({"picture", *layout.picture, false});
    rects.push_back({"prompt", layout.prompt, false});
    if (layout.hint) rects.push_back({"hint", *layout.hint, false});
    for (size_t k = 0; k < layout.options.size(); ++k)
        rects.push_back({"option " + std::to_string(k), layout.options[k].card, true});
    if (layout.check) rects.push_back({"check", *layout.check, true});
    return rects;
}

std::vector<LogicalRect> targets(const QuizQuestionLayout& layout) {
    std::vector<LogicalRect> rects;
    for (const QuizOptionCard& option : layout.options)
        rects.push_back(option.card);
    if (layout.check) rects.push_back(*layout.check);
    return rects;
}

} // namespace

TEST_CASE("quiz layout: every question's cards and buttons are finger-sized, on screen and "
          "apart",
          "[quiz][layout]") {
    for (const QuizQuestionShape& shape : all_shapes()) {
        const LogicalRect room = quiz_prompt_room(shape);
        // One line of the smallest size, and a prompt far taller than its room.
        for (float prompt_height : {30.0f, room.height() / 2, 10 * room.height()}) {
            INFO(question_type_name(shape.type)
                 << ", " << shape.options << " options, picture " << shape.picture << ", hint "
                 << shape.hint << ", captions " << shape.captions << ", prompt " << prompt_height);
            const QuizQuestionLayout layout = layout_quiz_question(shape, prompt_height);
            REQUIRE(int(layout.options.size()) == shape.options);
            CHECK(layout.check.has_value() ==
                  (shape.type == QuestionType::Multiple || shape.type == QuestionType::Order));
            CHECK(layout.picture.has_value() == shape.picture);
            CHECK(layout.hint.has_value() == shape.hint);
            CHECK(room.contains(layout.prompt));
            CHECK(layout.prompt.height() <= prompt_height);
            check_layout(question_rects(layout));
            for (const QuizOptionCard& option : layout.options) {
                INFO("card " << describe(option.card));
                CHECK(option.card.contains(option.words));
                CHECK(option.card.contains(option.picture));
                if (shape.type == QuestionType::ImageChoice) {
                    CHECK(option.picture.width() >= kMinTouchTarget);
                    CHECK(option.picture.height() >= kMinTouchTarget);
                    if (shape.captions) CHECK_FALSE(option.picture.overlaps(option.words));
                }
            }
        }
    }
}

TEST_CASE("quiz layout: option cards fill the room the prompt leaves, each no taller than it "
          "needs",
          "[quiz][layout]") {
    const QuizQuestionShape two{QuestionType::Single, 2};
    const QuizQuestionLayout short_prompt = layout_quiz_question(two, 60);
    // Two text cards in one column, 220 high at most (taller ones spread the words thin).
    REQUIRE(short_prompt.options.size() == 2);
    CHECK(short_prompt.options[0].card.height() == 220);
    CHECK(short_prompt.options[0].card.min.x == short_prompt.options[1].card.min.x);
    // A longer prompt pushes the cards down, never under the prompt.
    const QuizQuestionLayout long_prompt = layout_quiz_question(two, 200);
    CHECK(long_prompt.options[0].card.min.y > short_prompt.options[0].card.min.y);
    CHECK(long_prompt.options[0].card.min.y >= long_prompt.prompt.max.y);

    // Four or more text options: two columns.
    const QuizQuestionLayout four = layout_quiz_question({QuestionType::Single, 4}, 60);
    CHECK(four.options[0].card.min.y == four.options[1].card.min.y);
    CHECK(four.options[1].card.min.x > four.options[0].card.max.x);

    // A wide image card (two under a question picture) puts its caption beside
    // the picture; a narrow one under it.
    const QuizQuestionLayout wide =
        layout_quiz_question({QuestionType::ImageChoice, 2, true, true, true}, 60);
    const QuizQuestionLayout narrow =
        layout_quiz_question({QuestionType::ImageChoice, 6, false, true, true}, 60);
    CHECK(narrow.options[0].words.min.y >= narrow.options[0].picture.max.y);
    CHECK_FALSE(narrow.options[0].caption_beside);
    REQUIRE(wide.options[0].caption_beside);
    CHECK(wide.options[0].words.min.x >= wide.options[0].picture.max.x);
    CHECK(wide.options[0].picture.width() == Approx(wide.options[0].picture.height() * 4 / 3));
}

TEST_CASE("quiz layout: the feedback's banner, options, explanation and Next stay apart",
          "[quiz][layout]") {
    const LogicalRect room = quiz_feedback_prompt_room();
    for (float prompt_height : {30.0f, room.height() / 2, room.height()}) {
        INFO("prompt " << prompt_height);
        const QuizFeedbackLayout layout = layout_quiz_feedback(prompt_height);
        CHECK(layout.banner.contains(layout.banner_words));
        const LogicalRect prompt{room.min, {room.max.x, room.min.y + prompt_height}};
        check_layout({{"banner", layout.banner, false},
                      {"prompt", prompt, false},
                      {"options", layout.options, false},
                      {"explanation", layout.explanation, false},
                      {"next", layout.next, true}});

        for (int count = 2; count <= kMaxOptions; ++count) {
            INFO(count << " picture cells");
            std::vector<Named> cells;
            for (const LogicalRect& cell : quiz_feedback_picture_cells(layout.options, count)) {
                CHECK(layout.options.contains(cell));
                cells.push_back({"cell " + std::to_string(cells.size()), cell, true});
            }
            CHECK(int(cells.size()) == count);
            check_layout(cells);
        }
    }
}

TEST_CASE("quiz layout: feedback rows that fit stay in their column, finger-sized, and share what "
          "is left",
          "[quiz][layout]") {
    const LogicalRect area = layout_quiz_feedback(80).options;
    for (size_t count = 2; count <= size_t(kMaxOptions); ++count) {
        // Words of one line (short rows) and of three lines at 36 px.
        for (float words : {30.0f, 108.0f}) {
            std::vector<float> heights(count, QuizFeedbackRows::row_height(words));
            float total = 0;
            for (float height : heights)
                total += height;
            if (total > QuizFeedbackRows::room(area, count))
                continue; // the screen shrinks the words
            INFO(count << " rows of words " << words << " high");
            const std::vector<LogicalRect> rows = QuizFeedbackRows::stack(area, heights);
            REQUIRE(rows.size() == count);
            std::vector<Named> named;
            for (size_t k = 0; k < rows.size(); ++k) {
                CHECK(area.contains(rows[k]));
                CHECK(rows[k].height() >= heights[k] - 0.01f);
                CHECK(rows[k].height() <= std::max(heights[k], QuizFeedbackRows::kMaxRow));
                named.push_back({"row " + std::to_string(k), rows[k], true});
            }
            check_layout(named);
        }
    }
    CHECK(QuizFeedbackRows::row_height(0) == QuizFeedbackRows::kMinRow);
    CHECK(QuizFeedbackRows::kMinRow >= kMinTouchTarget);
}

TEST_CASE("quiz layout: the score's marks fit any round the quiz format allows", "[quiz][layout]") {
    for (int questions = 1; questions <= kMaxRoundQuestions; ++questions) {
        INFO(questions << " questions");
        const QuizScoreLayout layout = layout_quiz_score(questions);
        std::vector<Named> rects{{"score", layout.score, false},
                                 {"band", layout.band, false},
                                 {"play again", layout.play_again, true},
                                 {"home", layout.home, true}};
        for (const QuizScoreLayout::Star& star : layout.stars)
            CHECK(kScreen.contains({{star.center.x - star.radius, star.center.y - star.radius},
                                    {star.center.x + star.radius, star.center.y + star.radius}}));
        REQUIRE(int(layout.marks.size()) == questions);
        CHECK(layout.mark_radius >= 8); // still a visible tick or cross
        for (size_t i = 0; i < layout.marks.size(); ++i) {
            const LogicalPoint c = layout.marks[i];
            const float r = layout.mark_radius;
            rects.push_back(
                {"mark " + std::to_string(i), {{c.x - r, c.y - r}, {c.x + r, c.y + r}}, false});
        }
        check_layout(rects);
    }
}

TEST_CASE("quiz layout: the header's progress segments and title keep out of the corner",
          "[quiz][layout]") {
    for (int questions = 1; questions <= kMaxRoundQuestions; ++questions) {
        INFO(questions << " questions");
        const QuizHeaderLayout header = layout_quiz_header(questions);
        REQUIRE(int(header.segments.size()) == questions);
        std::vector<Named> rects;
        for (const LogicalRect& segment : header.segments)
            rects.push_back({"segment " + std::to_string(rects.size()), segment, false});
        check_layout(rects);
        CHECK(header.segments.back().max.x <= header.progress_at.x + 0.01f);
    }
    const std::optional<LogicalRect> title = quiz_title_box(200.0f);
    REQUIRE(title);
    CHECK(title->max.x <= layout_quiz_header(5).progress_at.x - 200);
    CHECK_FALSE(title->overlaps(kBackHomeCorner));
    CHECK(quiz_title_box(std::nullopt)->width() > title->width());
    CHECK_FALSE(quiz_title_box(1400.0f)); // no room left: no title
}

TEST_CASE("quiz layout: letterboxed onto 1920x1080, 1280x800 and portrait displays, every target "
          "stays on the display at the same proportions",
          "[quiz][layout]") {
    struct Display {
        float width, height;
        float scale; // what the letterbox must give
    };
    for (Display display : {Display{1920, 1080, 1.0f}, Display{1280, 800, 1280.0f / 1920},
                            Display{1080, 1920, 1080.0f / 1920}, Display{800, 1280, 800.0f / 1920},
                            Display{3840, 2160, 2.0f}}) {
        INFO("display " << display.width << "x" << display.height);
        const Letterbox box = Letterbox::fit(display.width, display.height);
        CHECK(box.scale == Approx(display.scale));
        // Centred: equal bars on the two sides that are too long.
        const LogicalPoint top_left = box.to_screen({0, 0});
        const LogicalPoint bottom_right = box.to_screen({kLogicalWidth, kLogicalHeight});
        CHECK(top_left.x == Approx(display.width - bottom_right.x).margin(0.01));
        CHECK(top_left.y == Approx(display.height - bottom_right.y).margin(0.01));
        const LogicalRect on_display{{0, 0}, {display.width, display.height}};
        for (const QuizQuestionShape& shape : all_shapes()) {
            const QuizQuestionLayout layout = layout_quiz_question(shape, 100);
            for (const LogicalRect& target : targets(layout)) {
                const LogicalRect shown{box.to_screen(target.min), box.to_screen(target.max)};
                INFO(question_type_name(shape.type)
                     << " target " << describe(target) << " shown at " << describe(shown));
                CHECK(on_display.contains(shown));
                CHECK(shown.width() == Approx(target.width() * box.scale));
                CHECK(shown.height() == Approx(target.height() * box.scale));
                const LogicalPoint back = box.to_logical(shown.center());
                CHECK(back.x == Approx(target.center().x).margin(0.01));
                CHECK(back.y == Approx(target.center().y).margin(0.01));
            }
        }
    }
}

} // namespace kiosk
