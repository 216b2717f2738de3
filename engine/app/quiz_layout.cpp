// The quiz layout's numbers: margins, the finger-sized cards and buttons, and
// how option grids are shaped for each question type and option count.
#include "quiz_layout.h"

#include <algorithm>

namespace kiosk {
namespace {

constexpr float kMargin = 80;
constexpr float kRight = kLogicalWidth - kMargin;
constexpr float kHeaderLeft = 360; // the app's "back to home" corner (320x160) stays free
constexpr float kTop = 170;
constexpr float kBottom = 1040;
constexpr float kGap = 24;
constexpr float kMinCard = 120; // option cards: big finger targets
constexpr float kMinPictureCard = 220;
constexpr float kMaxTextCard = 220; // taller cards only spread the text thin
constexpr float kMaxTrueFalseCard = 340;
constexpr float kButtonWidth = 520;
constexpr float kButtonHeight = 110;
constexpr float kCardPad = 36;       // an option card's words from its sides
constexpr float kPictureInset = 16;  // an image option's picture from the card's edge
constexpr float kCaptionHeight = 76; // a caption under an image option's picture
constexpr float kHintHeight = 48;
constexpr float kHintGap = 16;
constexpr float kMarkSpacing = 76; // the score's marks, one per question

struct Grid {
    int columns = 1;
    int rows = 1;
};

Grid grid_for(QuestionType type, int n) {
    if (type == QuestionType::TrueFalse) return {2, 1};
    if (type == QuestionType::ImageChoice) {
        if (n <= 3) return {n, 1};
        if (n == 4) return {2, 2};
        return {3, (n + 2) / 3};
    }
    if (n >= 4) return {2, (n + 1) / 2};
    return {1, n};
}

float column_width(const LogicalRect& area, Grid grid) {
    return (area.width() - kGap * float(grid.columns - 1)) / float(grid.columns);
}

// Cell `index` of a grid laid out in `area`, each cell at most `max_height`.
LogicalRect grid_cell(const LogicalRect& area, Grid grid, int index, float max_height) {
    const float w = column_width(area, grid);
    const float h =
        std::min(max_height, (area.height() - kGap * float(grid.rows - 1)) / float(grid.rows));
    const int column = index % grid.columns, row = index / grid.columns;
    const LogicalPoint min{area.min.x + float(column) * (w + kGap),
                           area.min.y + float(row) * (h + kGap)};
    return rect_at(min, w, h);
}

// Where an option card's words go: after the tick box or step number.
LogicalRect words_box(QuestionType type, const LogicalRect& card) {
    float left = card.min.x + kCardPad;
    if (type == QuestionType::Multiple) left += 52 + 28;
    if (type == QuestionType::Order) left += 60 + 28;
    return {{left, card.min.y + 12}, {card.max.x - kCardPad, card.max.y - 12}};
}

// An image option: the picture, and its caption beside (a wide card) or under it.
QuizOptionCard picture_card(const LogicalRect& card, bool captions) {
    const LogicalRect box = card.inset(kPictureInset);
    QuizOptionCard layout{card, box, box};
    if (captions && box.width() / std::max(1.0f, box.height()) > 1.8f) {
        layout.picture.max.x = box.min.x + box.height() * 4 / 3;
        layout.words.min.x = layout.picture.max.x + 24;
        layout.caption_beside = true;
    } else if (captions) {
        layout.picture.max.y = box.max.y - kCaptionHeight;
        layout.words.min.y = layout.picture.max.y + 6;
    }
    return layout;
}

bool needs_check(QuestionType type) {
    return type == QuestionType::Multiple || type == QuestionType::Order;
}

float options_bottom(const QuizQuestionShape& shape) {
    return needs_check(shape.type) ? kBottom - kButtonHeight - kGap : kBottom;
}

// The prompt, hint and picture share what the option cards leave at their smallest;
// a question picture stays modest, the options under it need the room more.
float head_height(const QuizQuestionShape& shape) {
    const Grid grid = grid_for(shape.type, shape.options);
    const float min_card = shape.type == QuestionType::ImageChoice ? kMinPictureCard : kMinCard;
    const float cards_min = float(grid.rows) * min_card + float(grid.rows - 1) * kGap;
    const float head_max = options_bottom(shape) - kTop - 40 - cards_min;
    return std::min(shape.picture ? 340.0f : 290.0f, head_max);
}

std::optional<LogicalRect> picture_box(const QuizQuestionShape& shape) {
    if (!shape.picture) return std::nullopt;
    const float height = head_height(shape);
    return LogicalRect{{kMargin, kTop}, {kMargin + height * 4 / 3, kTop + height}};
}

float hint_height(const QuizQuestionShape& shape) {
    return shape.hint ? kHintHeight + kHintGap : 0;
}

} // namespace

QuizHeaderLayout layout_quiz_header(int questions) {
    QuizHeaderLayout layout;
    layout.progress_at = {kRight, 44};
    const float gap = 12, y0 = 114, y1 = 128;
    const float w =
        (kRight - kHeaderLeft - gap * float(questions - 1)) / float(std::max(1, questions));
    for (int i = 0; i < questions; ++i) {
        const float x = kHeaderLeft + float(i) * (w + gap);
        layout.segments.push_back({{x, y0}, {x + w, y1}});
    }
    return layout;
}

std::optional<LogicalRect> quiz_title_box(std::optional<float> progress_width) {
    const float right = progress_width ? kRight - *progress_width - 48 : kRight;
    if (right <= kHeaderLeft + 80) return std::nullopt;
    return LogicalRect{{kHeaderLeft, 44}, {right, 90}};
}

LogicalRect quiz_prompt_room(const QuizQuestionShape& shape) {
    const std::optional<LogicalRect> picture = picture_box(shape);
    const float left = picture ? picture->max.x + 48 : kMargin;
    return {{left, kTop}, {kRight, kTop + head_height(shape) - hint_height(shape)}};
}

QuizQuestionLayout layout_quiz_question(const QuizQuestionShape& shape, float prompt_height) {
    QuizQuestionLayout layout;
    layout.picture = picture_box(shape);
    layout.prompt = quiz_prompt_room(shape);
    layout.prompt.max.y = layout.prompt.min.y + std::min(prompt_height, layout.prompt.height());
    if (shape.hint) {
        const float hint_top = layout.prompt.max.y + kHintGap;
        layout.hint =
            LogicalRect{{layout.prompt.min.x, hint_top}, {kRight, hint_top + kHintHeight}};
    }
    const float head_bottom =
        layout.picture ? layout.picture->max.y : layout.prompt.max.y + hint_height(shape);

    const LogicalRect area{{kMargin, head_bottom + 36}, {kRight, options_bottom(shape)}};
    const Grid grid = grid_for(shape.type, shape.options);
    float max_card = kMaxTextCard;
    if (shape.type == QuestionType::TrueFalse) max_card = kMaxTrueFalseCard;
    if (shape.type == QuestionType::ImageChoice) {
        // Each picture card is no taller than its picture (4:3) and caption need.
        const float w = column_width(area, grid);
        max_card = (w - 2 * kPictureInset) * 3 / 4 + 2 * kPictureInset +
                   (shape.captions ? kCaptionHeight : 0);
    }
    for (int k = 0; k < shape.options; ++k) {
        const LogicalRect card = grid_cell(area, grid, k, max_card);
        if (shape.type == QuestionType::ImageChoice)
            layout.options.push_back(picture_card(card, shape.captions));
        else
            layout.options.push_back({card, words_box(shape.type, card), card});
    }
    if (needs_check(shape.type))
        layout.check = rect_at({(kLogicalWidth - kButtonWidth) / 2, kBottom - kButtonHeight},
                               kButtonWidth, kButtonHeight);
    return layout;
}

LogicalRect quiz_feedback_prompt_room() {
    const float top = kTop + 120 + 24; // under the banner
    return {{kMargin, top}, {kRight, top + 80}};
}

QuizFeedbackLayout layout_quiz_feedback(float prompt_height) {
    QuizFeedbackLayout layout;
    layout.banner = {{kMargin, kTop}, {kRight, kTop + 120}};
    layout.banner_mark = {layout.banner.min.x + 80, layout.banner.center().y};
    layout.banner_words = {{layout.banner.min.x + 150, layout.banner.min.y + 10},
                           {layout.banner.max.x - 40, layout.banner.max.y - 10}};
    const float top = layout.banner.max.y + 24 + prompt_height + 28;
    layout.options = {{kMargin, top}, {900, kBottom}};
    layout.explanation = {{960, top}, {kRight, kBottom - kButtonHeight - kGap}};
    layout.next =
        rect_at({kRight - kButtonWidth, kBottom - kButtonHeight}, kButtonWidth, kButtonHeight);
    return layout;
}

std::vector<LogicalRect> quiz_feedback_picture_cells(const LogicalRect& area, int count) {
    Grid grid{count <= 4 ? 2 : 3, 0};
    grid.rows = (count + grid.columns - 1) / grid.columns;
    const float w = column_width(area, grid);
    std::vector<LogicalRect> cells;
    for (int k = 0; k < count; ++k)
        cells.push_back(grid_cell(area, grid, k, (w - 24) * 3 / 4 + 24));
    return cells;
}

float QuizFeedbackRows::row_height(float words_height) {
    return std::max(kMinRow, words_height + 24);
}

float QuizFeedbackRows::room(const LogicalRect& area, size_t rows) {
    return area.height() - kGap * float(rows - 1);
}

std::vector<LogicalRect> QuizFeedbackRows::stack(const LogicalRect& area,
                                                 std::span<const float> heights) {
    float total = 0;
    for (float height : heights)
        total += height;
    const float spare = room(area, heights.size()) - total;
    std::vector<LogicalRect> rows;
    float y = area.min.y;
    for (float height : heights) {
        // Short rows share what is left, up to kMaxRow.
        if (spare > 0 && height < kMaxRow)
            height = std::min(kMaxRow, height + spare / float(heights.size()));
        rows.push_back({{area.min.x, y}, {area.max.x, y + height}});
        y += height + kGap;
    }
    return rows;
}

QuizScoreLayout layout_quiz_score(int questions) {
    QuizScoreLayout layout;
    for (int i = 0; i < 3; ++i)
        layout.stars[size_t(i)] = {
            {kLogicalWidth / 2 + float(i - 1) * 230, 290.0f - (i == 1 ? 30 : 0)},
            i == 1 ? 100.0f : 84.0f};
    layout.score = {{kMargin + 300, 430}, {kRight - 300, 520}};
    // One mark per question, closer together (and smaller) when a long round
    // would not fit the screen's width.
    const float spacing =
        std::min(kMarkSpacing, (kRight - kMargin) / float(std::max(1, questions)));
    layout.mark_radius = spacing < kMarkSpacing ? 28 * spacing / kMarkSpacing : 28;
    const float first = kLogicalWidth / 2 - spacing * float(questions - 1) / 2;
    for (int i = 0; i < questions; ++i)
        layout.marks.push_back({first + spacing * float(i), 575});
    layout.band = {{260, 640}, {kLogicalWidth - 260, 820}};
    const float y = kBottom - 140, w = kButtonWidth, h = 120;
    layout.play_again = rect_at({kLogicalWidth / 2 - 30 - w, y}, w, h);
    layout.home = rect_at({kLogicalWidth / 2 + 30, y}, w, h);
    return layout;
}

} // namespace kiosk
