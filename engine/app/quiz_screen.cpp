// QuizScreen implementation: the round's state machine (question -> feedback
// -> ... -> score), drawing the three phases where quiz_layout.h puts them, and
// text that always fits its box (wrapped, then shrunk through a short ladder of
// sizes, so few extra font sizes are ever baked).
//
// Index of this file:
// [SECTION] Helpers: text that fits its box
// [SECTION] The round: opening, answering, what tests observe
// [SECTION] A frame and its header
// [SECTION] The question: prompt, option cards, Check
// [SECTION] The feedback: banner, marked options, explanation, Next
// [SECTION] The score: stars, marks, Play again and Home

#include "quiz_screen.h"

#include "render/fonts.h"
#include "render/ui_shapes.h"

#include <algorithm>
#include <cmath>
#include <span>

namespace kiosk {

//-----------------------------------------------------------------------------
// [SECTION] Helpers: text that fits its box
//-----------------------------------------------------------------------------

namespace {

constexpr double kTapGuardS = 0.4; // a double tap must not answer the next question too

// Text sizes (logical px), largest first. Every ladder draws from the same few
// sizes: the font library bakes at most a handful of extra sizes.
constexpr float kPromptSizes[] = {72, 56, 48, 40, 36, 30};
constexpr float kOptionSizes[] = {56, 48, 40, 36, 30};
constexpr float kBigLabelSizes[] = {72, 56, 48, 40};
constexpr float kBodySizes[] = {56, 48, 40, 36, 30};
constexpr float kSmallSizes[] = {36, 30};

ImVec2 size_of(const LogicalRect& r) {
    return ImVec2(r.width(), r.height());
}

struct Fit {
    float size = 0;
    ImVec2 extent{0, 0};
};

// The largest size of `sizes` at which `text`, wrapped at `width`, is at most
// `max_height` high (the smallest size when none is).
Fit fit_text(Ui& ui, std::string_view text, std::span<const float> sizes, float width,
             float max_height) {
    Fit fit;
    for (float size : sizes) {
        fit = Fit{size, ui.measure_sized(size, text, width)};
        if (fit.extent.y <= max_height) break;
    }
    return fit;
}

// The height `text` takes when drawn by draw_fitted into `box`.
float fitted_height(Ui& ui, const LogicalRect& box, std::string_view text,
                    std::span<const float> sizes) {
    return std::min(fit_text(ui, text, sizes, box.width(), box.height()).extent.y, box.height());
}

// Draws `text` fitted into `box`: wrapped at its width, shrunk to its height,
// centred vertically (or at the top), and clipped to it as a last resort.
ImVec2 draw_fitted(Ui& ui, const LogicalRect& box, std::string_view text,
                   std::span<const float> sizes, ImU32 color, Align align,
                   bool center_vertically = true) {
    const float width = box.width(), height = box.height();
    Fit fit = fit_text(ui, text, sizes, width, height);
    float y =
        center_vertically ? box.min.y + std::max(0.0f, (height - fit.extent.y) * 0.5f) : box.min.y;
    float x = align == Align::Left     ? box.min.x
              : align == Align::Center ? (box.min.x + box.max.x) * 0.5f
                                       : box.max.x;
    const bool clip = fit.extent.y > height + 0.5f;
    if (clip)
        ImGui::PushClipRect(ui.to_screen(as_imvec(box.min)), ui.to_screen(as_imvec(box.max)), true);
    ui.text_sized(fit.size, ImVec2(x, y), color, text, align, width);
    if (clip) ImGui::PopClipRect();
    return ImVec2(fit.extent.x, std::min(fit.extent.y, height));
}

const char* hint_key(QuestionType type) {
    switch (type) {
    case QuestionType::Multiple:
        return "quiz_hint_multiple";
    case QuestionType::Order:
        return "quiz_hint_order";
    case QuestionType::ImageChoice:
        return "quiz_hint_image";
    default:
        return nullptr;
    }
}

bool has_captions(const QuizQuestion& question) {
    return std::any_of(question.options.begin(), question.options.end(),
                       [](const QuizOption& o) { return !o.text.zh.empty(); });
}

// The largest of `sizes` at which every text fits its box (wrapped at its
// width, no taller than it): the options of one question share one size.
float common_size(Ui& ui, const std::vector<std::pair<std::string_view, LogicalRect>>& texts,
                  std::span<const float> sizes) {
    for (float size : sizes) {
        bool fits = true;
        for (const auto& [text, box] : texts)
            if (ui.measure_sized(size, text, box.width()).y > box.height()) {
                fits = false;
                break;
            }
        if (fits) return size;
    }
    return sizes.back();
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] The round: opening, answering, what tests observe
//-----------------------------------------------------------------------------

const std::vector<std::string>& quiz_string_keys() {
    static const std::vector<std::string> keys = {
        "quiz_progress",    "quiz_true",   "quiz_false",  "quiz_hint_multiple", "quiz_hint_order",
        "quiz_hint_image",  "quiz_check",  "quiz_right",  "quiz_wrong",         "quiz_your_pick",
        "quiz_right_order", "quiz_learn",  "quiz_next",   "quiz_see_score",     "quiz_score",
        "quiz_band_0",      "quiz_band_1", "quiz_band_2", "quiz_band_3",        "quiz_play_again",
        "back_home",
    };
    return keys;
}

QuizScreen::QuizScreen(QuizAnswerHook on_answer) : on_answer_(std::move(on_answer)) {}

void QuizScreen::open(const ContentManifest& manifest, QuizPack pack,
                      std::shared_ptr<const FileSource> files, uint64_t seed) {
    manifest_ = manifest;
    pack_ = std::move(pack);
    files_ = std::move(files);
    start_round(seed);
}

void QuizScreen::close() {
    phase_ = QuizPhase::Closed;
    pack_ = QuizPack{};
    files_.reset();
    round_ = QuizRound{};
    results_.clear();
    targets_.clear();
    index_ = 0;
}

void QuizScreen::update(double dt) {
    clock_ += dt;
}

void QuizScreen::start_round(uint64_t seed) {
    round_ = draw_round(pack_, seed);
    index_ = 0;
    results_.clear();
    enter(round_.questions.empty() ? QuizPhase::Score : QuizPhase::Question);
}

void QuizScreen::enter(QuizPhase phase) {
    phase_ = phase;
    phase_started_ = clock_;
    if (phase == QuizPhase::Question) {
        shown_at_.reset();
        ticked_.assign(current_question()->options.size(), false);
        ordered_.clear();
    }
}

bool QuizScreen::taps_allowed() const {
    return clock_ - phase_started_ >= kTapGuardS - 1e-9;
}

const QuizQuestion* QuizScreen::current_question() const {
    if ((phase_ != QuizPhase::Question && phase_ != QuizPhase::Feedback) ||
        index_ >= round_.questions.size())
        return nullptr;
    return &pack_.questions[round_.questions[index_].question];
}

int QuizScreen::correct_count() const {
    return int(std::count(results_.begin(), results_.end(), true));
}

std::optional<LogicalRect> QuizScreen::target(std::string_view name) const {
    auto found = targets_.find(name);
    if (found == targets_.end()) return std::nullopt;
    return found->second;
}

void QuizScreen::answer(std::vector<std::string> chosen) {
    const QuizQuestion& question = *current_question();
    QuizAnswerRecord record;
    record.pack_id = manifest_.id;
    record.question_id = question.id;
    record.chosen = chosen;
    record.correct = is_correct(question, chosen);
    record.seconds_to_answer = clock_ - shown_at_.value_or(clock_);
    results_.push_back(record.correct);
    last_chosen_ = std::move(chosen);
    last_correct_ = record.correct;
    if (on_answer_) on_answer_(record);
    enter(QuizPhase::Feedback);
}

const std::string& QuizScreen::option_label(ScreenContext& context,
                                            const QuizOption& option) const {
    if (current_question()->type == QuestionType::TrueFalse)
        return context.text(option.id == "true" ? "quiz_true" : "quiz_false");
    return option.text.in(context.language);
}

//-----------------------------------------------------------------------------
// [SECTION] A frame and its header
//-----------------------------------------------------------------------------

QuizAction QuizScreen::draw(ScreenContext& context) {
    if (phase_ == QuizPhase::Closed) return QuizAction::None;
    Ui& ui = context.ui;
    targets_.clear();
    ui.begin_screen("##quiz");
    QuizAction action = QuizAction::None;
    ImGui::PushID(int(index_));
    draw_header(context);
    switch (phase_) {
    case QuizPhase::Question:
        draw_question(context);
        break;
    case QuizPhase::Feedback:
        draw_feedback(context);
        break;
    case QuizPhase::Score:
        action = draw_score(context);
        break;
    case QuizPhase::Closed:
        break;
    }
    ImGui::PopID();
    ui.end_screen();
    return action;
}

void QuizScreen::draw_header(ScreenContext& context) {
    Ui& ui = context.ui;
    std::optional<float> progress_width;
    if (phase_ == QuizPhase::Question || phase_ == QuizPhase::Feedback) {
        const int total = int(round_.questions.size());
        const QuizHeaderLayout layout = layout_quiz_header(total);
        std::string progress =
            fill_in(context.text("quiz_progress"), {{"n", int(index_) + 1}, {"total", total}});
        progress_width =
            ui.text_sized(40, as_imvec(layout.progress_at), theme::kOnDark, progress, Align::Right)
                .x;
        // One segment per question: answered right, wrong, current, to come.
        for (int i = 0; i < total; ++i) {
            ImU32 color = theme::kFaint;
            if (i < int(results_.size()))
                color = results_[size_t(i)] ? theme::kRight : theme::kWrong;
            else if (i == int(index_))
                color = theme::kAccent;
            ui.rect(layout.segments[size_t(i)], color, 7);
        }
    }
    if (std::optional<LogicalRect> title = quiz_title_box(progress_width))
        draw_fitted(ui, *title, manifest_.title.in(context.language), kSmallSizes,
                    theme::kOnDarkSoft, Align::Left);
}

//-----------------------------------------------------------------------------
// [SECTION] The question: prompt, option cards, Check
//-----------------------------------------------------------------------------

bool QuizScreen::draw_option(ScreenContext& context, const QuizQuestion& question, size_t option,
                             const QuizOptionCard& layout, float text_size) {
    Ui& ui = context.ui;
    const QuizOption& o = question.options[option];
    const LogicalRect& card = layout.card;
    targets_["option:" + o.id] = card;
    bool pressed = false;
    const std::string id = "##option" + std::to_string(option);
    const bool tapped = ui.touch_area(id.c_str(), as_imvec(card.min), size_of(card), &pressed);

    const bool ticked = question.type == QuestionType::Multiple && ticked_[option];
    auto place = std::find(ordered_.begin(), ordered_.end(), option);
    const bool numbered = question.type == QuestionType::Order && place != ordered_.end();
    ImU32 fill = pressed ? theme::kCardPressed : theme::kCard;
    if ((ticked || numbered) && !pressed) fill = theme::kCardSelected;
    ui.rect(ImVec2(card.min.x + 5, card.min.y + 8), ImVec2(card.max.x + 5, card.max.y + 8),
            theme::kCardShadow, kQuizCardRounding);
    draw_card(ui, card, fill, kQuizCardRounding, ticked || numbered ? 6 : 0, theme::kAccent);

    const float pad = 36, h = card.height();
    const std::span<const float> sized(&text_size, 1);
    const std::string& label = option_label(context, o);
    switch (question.type) {
    case QuestionType::TrueFalse: {
        // An icon for those who do not read yet, then the word.
        const bool is_true = o.id == "true";
        Fit fit = fit_text(ui, label, kBigLabelSizes, card.width() - 2 * pad - 140, h - 24);
        const float icon = std::min(44.0f, h * 0.3f);
        const float total = icon * 2 + 32 + fit.extent.x;
        const float left = card.center().x - total / 2;
        ImVec2 icon_center(left + icon, card.center().y);
        draw_circle(ui, icon_center, icon, is_true ? theme::kRight : theme::kWrong);
        if (is_true)
            draw_tick(ui, icon_center, icon * 1.2f, theme::kOnDark);
        else
            draw_cross(ui, icon_center, icon * 1.2f, theme::kOnDark);
        draw_fitted(ui,
                    LogicalRect{{left + icon * 2 + 32, card.min.y + 12},
                                {card.max.x - pad, card.max.y - 12}},
                    label, std::span<const float>(&fit.size, 1), theme::kInk, Align::Left);
        break;
    }
    case QuestionType::ImageChoice: {
        const Image& image = context.images.get(*files_, o.image_path);
        if (image.texture)
            draw_image_contained(ui, image, layout.picture, 16, fill);
        else
            ui.rect(layout.picture, theme::kTeal, 16);
        if (has_captions(question))
            draw_fitted(ui, layout.words, label, sized, theme::kInk,
                        layout.caption_beside ? Align::Left : Align::Center);
        break;
    }
    default: {
        if (question.type == QuestionType::Multiple) { // a tick box
            const float s = 52;
            const LogicalRect box{{card.min.x + pad, card.center().y - s / 2},
                                  {card.min.x + pad + s, card.center().y + s / 2}};
            if (ticked) {
                ui.rect(box, theme::kAccent, 10);
                draw_tick(ui, as_imvec(box.center()), s * 0.8f, theme::kInk);
            } else {
                ui.rect(box, theme::kInkSoft, 10);
                ui.rect(box.inset(5), fill, 6);
            }
        } else if (question.type == QuestionType::Order) { // the step's number, or a ring
            ImVec2 center(card.min.x + pad + 30, card.center().y);
            if (numbered)
                draw_number(ui, center, 32, int(place - ordered_.begin()) + 1, theme::kAccent,
                            theme::kInk);
            else
                draw_ring(ui, center, 30, theme::kInkSoft, 4);
        }
        draw_fitted(ui, layout.words, label, sized, theme::kInk, Align::Left);
        break;
    }
    }
    return tapped;
}

void QuizScreen::draw_question(ScreenContext& context) {
    Ui& ui = context.ui;
    const QuizQuestion& question = *current_question();
    const RoundQuestion& shown = round_.questions[index_];
    if (!shown_at_) shown_at_ = clock_;

    const char* hint = hint_key(question.type);
    const std::string_view hint_text = hint ? std::string_view(context.text(hint)) : "";
    const Image* picture = nullptr;
    if (!question.image_path.empty()) {
        const Image& image = context.images.get(*files_, question.image_path);
        if (image.texture) picture = &image;
    }
    const QuizQuestionShape shape{question.type, int(shown.option_order.size()), picture != nullptr,
                                  hint != nullptr, has_captions(question)};

    // The prompt, then the hint right under it; beside a picture they share its height.
    const LogicalRect prompt_room = quiz_prompt_room(shape);
    const std::string& prompt = question.prompt.in(context.language);
    Fit fit = fit_text(ui, prompt, kPromptSizes, prompt_room.width(), prompt_room.height());
    const QuizQuestionLayout layout = layout_quiz_question(shape, fit.extent.y);
    if (layout.picture)
        draw_image_cover(ui, *picture, as_imvec(layout.picture->min), as_imvec(layout.picture->max),
                         kQuizCardRounding, theme::kBackground);
    draw_fitted(ui, layout.prompt, prompt, std::span<const float>(&fit.size, 1), theme::kOnDark,
                Align::Left, false);
    if (layout.hint)
        draw_fitted(ui, *layout.hint, hint_text, kSmallSizes, theme::kAccent, Align::Left);

    std::vector<std::pair<std::string_view, LogicalRect>> texts;
    if (question.type != QuestionType::TrueFalse)
        for (size_t k = 0; k < shown.option_order.size(); ++k)
            texts.emplace_back(question.options[shown.option_order[k]].text.in(context.language),
                               layout.options[k].words);
    const float text_size = common_size(ui, texts, kOptionSizes);
    int tapped = -1;
    for (size_t k = 0; k < layout.options.size(); ++k)
        if (draw_option(context, question, shown.option_order[k], layout.options[k], text_size))
            tapped = int(k);
    if (tapped >= 0 && taps_allowed()) {
        const size_t option = shown.option_order[size_t(tapped)];
        switch (question.type) {
        case QuestionType::Multiple:
            ticked_[option] = !ticked_[option];
            break;
        case QuestionType::Order: {
            auto place = std::find(ordered_.begin(), ordered_.end(), option);
            if (place == ordered_.end())
                ordered_.push_back(option);
            else
                ordered_.erase(place); // the later steps move up one number
            break;
        }
        default:
            answer({question.options[option].id});
            return;
        }
    }

    if (layout.check) {
        std::vector<std::string> chosen;
        if (question.type == QuestionType::Multiple) {
            for (size_t i = 0; i < question.options.size(); ++i)
                if (ticked_[i]) chosen.push_back(question.options[i].id);
        } else if (ordered_.size() == question.options.size()) {
            for (size_t option : ordered_)
                chosen.push_back(question.options[option].id);
        }
        const bool ready = !chosen.empty();
        ButtonStyle style;
        if (!ready) {
            style.fill = style.fill_pressed = theme::kDisabled;
            style.ink = theme::kOnDarkSoft;
        }
        targets_["check"] = *layout.check;
        if (ui.button("##check", as_imvec(layout.check->min), size_of(*layout.check),
                      context.text("quiz_check"), style) &&
            ready && taps_allowed())
            answer(std::move(chosen));
    }
}

//-----------------------------------------------------------------------------
// [SECTION] The feedback: banner, marked options, explanation, Next
//-----------------------------------------------------------------------------

void QuizScreen::draw_feedback_options(ScreenContext& context, const QuizQuestion& question,
                                       LogicalRect area) {
    Ui& ui = context.ui;
    const RoundQuestion& shown = round_.questions[index_];
    const auto picked = [&](const std::string& id) {
        return std::find(last_chosen_.begin(), last_chosen_.end(), id) != last_chosen_.end();
    };
    const auto is_answer = [&](const std::string& id) {
        return std::find(question.answer.begin(), question.answer.end(), id) !=
               question.answer.end();
    };

    if (question.type == QuestionType::ImageChoice) {
        const std::vector<LogicalRect> cells =
            quiz_feedback_picture_cells(area, int(shown.option_order.size()));
        for (size_t k = 0; k < cells.size(); ++k) {
            const QuizOption& o = question.options[shown.option_order[k]];
            const LogicalRect& cell = cells[k];
            targets_["option:" + o.id] = cell;
            const bool right = is_answer(o.id), wrong_pick = !right && picked(o.id);
            draw_card(ui, cell, theme::kCard, kQuizCardRounding, right || wrong_pick ? 10 : 0,
                      right ? theme::kRight : theme::kWrong);
            const Image& image = context.images.get(*files_, o.image_path);
            if (image.texture) draw_image_contained(ui, image, cell.inset(12), 16, theme::kCard);
            if (!right && !wrong_pick) // not involved: faded
                ui.rect(cell, theme::kVeil, kQuizCardRounding);
            if (right || wrong_pick)
                draw_mark(ui, ImVec2(cell.max.x - 34, cell.min.y + 34), 26, right);
            if (picked(o.id)) {
                const std::string& pick = context.text("quiz_your_pick");
                ImVec2 size = ui.measure_sized(30, pick);
                const LogicalRect pill{{cell.center().x - size.x / 2 - 16, cell.max.y - 58},
                                       {cell.center().x + size.x / 2 + 16, cell.max.y - 14}};
                ui.rect(pill, right ? theme::kRight : theme::kWrong, 22);
                draw_fitted(ui, pill, pick, std::span<const float>(&kSmallSizes[1], 1),
                            theme::kOnDark, Align::Center);
            }
        }
        return;
    }

    // Text rows: every option, marked. Order questions list the right sequence,
    // green where the visitor put a step in its place, red where not.
    struct Row {
        const QuizOption* option;
        ImU32 fill = theme::kRowNeutral;
        ImU32 ink = theme::kOnDarkSoft;
        int mark = 0; // 1 right, -1 wrong, 0 none
        bool pick = false;
        float height = 0;
    };
    const bool order = question.type == QuestionType::Order;
    std::vector<Row> rows;
    for (size_t k = 0; k < question.options.size(); ++k) {
        Row row{&question.options[order ? k : shown.option_order[k]]};
        const std::string& id = row.option->id;
        if (order) {
            const bool placed = k < last_chosen_.size() && last_chosen_[k] == id;
            row.fill = placed ? theme::kRight : theme::kWrong;
            row.mark = placed ? 1 : -1;
        } else if (is_answer(id)) {
            row.fill = theme::kRight;
            row.mark = 1;
            row.pick = picked(id);
        } else if (picked(id)) {
            row.fill = theme::kWrong;
            row.mark = -1;
            row.pick = true;
        }
        if (row.mark != 0) row.ink = theme::kOnDark;
        rows.push_back(row);
    }
    if (order) {
        ImVec2 size = draw_fitted(ui, LogicalRect{area.min, {area.max.x, area.min.y + 48}},
                                  context.text("quiz_right_order"), kSmallSizes, theme::kOnDarkSoft,
                                  Align::Left);
        area.min.y += std::max(size.y, 40.0f) + 12;
    }

    // Where each row's words go: after the number or mark, before the pick label.
    const std::string& pick_label = context.text("quiz_your_pick");
    const float pick_width = ui.measure_sized(kSmallSizes[1], pick_label).x + 32;
    const float pad = 28, mark_radius = 26;
    const auto words_box = [&](const Row& row, const LogicalRect& r) {
        float left = area.min.x + pad + (order ? 60 : 2 * mark_radius) + 24;
        float right = area.max.x - pad;
        if (order) right -= 2 * mark_radius + 20;
        if (row.pick) right -= pick_width + 20;
        return LogicalRect{{left, r.min.y + 8}, {right, r.max.y - 8}};
    };
    // One text size for all rows, the largest at which they all fit the
    // column; each row is as tall as its words need.
    const float available = QuizFeedbackRows::room(area, rows.size());
    float text_size = kOptionSizes[std::size(kOptionSizes) - 1];
    for (float size : kOptionSizes) {
        float total = 0;
        for (Row& row : rows) {
            const float width = words_box(row, area).width();
            const std::string& words = option_label(context, *row.option);
            row.height = QuizFeedbackRows::row_height(ui.measure_sized(size, words, width).y);
            total += row.height;
        }
        text_size = size;
        if (total <= available) break;
    }
    std::vector<float> heights;
    for (const Row& row : rows)
        heights.push_back(row.height);
    const std::vector<LogicalRect> placed = QuizFeedbackRows::stack(area, heights);
    for (size_t k = 0; k < rows.size(); ++k) {
        const Row& row = rows[k];
        const LogicalRect& r = placed[k];
        targets_["option:" + row.option->id] = r;
        draw_card(ui, r, row.fill, kQuizCardRounding);
        if (order) {
            draw_number(ui, ImVec2(r.min.x + pad + 30, r.center().y), 30, int(k) + 1, theme::kCard,
                        theme::kInk);
            draw_mark(ui, ImVec2(r.max.x - pad - mark_radius, r.center().y), mark_radius,
                      row.mark > 0);
        } else if (row.mark != 0) {
            draw_mark(ui, ImVec2(r.min.x + pad + mark_radius, r.center().y), mark_radius,
                      row.mark > 0);
        }
        if (row.pick) {
            const LogicalRect pill{{r.max.x - pad - pick_width, r.center().y - 22},
                                   {r.max.x - pad, r.center().y + 22}};
            ui.rect(pill, theme::kPill, 22);
            draw_fitted(ui, pill, pick_label, std::span<const float>(&kSmallSizes[1], 1),
                        theme::kOnDark, Align::Center);
        }
        draw_fitted(ui, words_box(row, r), option_label(context, *row.option),
                    std::span<const float>(&text_size, 1), row.ink, Align::Left);
    }
}

void QuizScreen::draw_feedback(ScreenContext& context) {
    Ui& ui = context.ui;
    const QuizQuestion& question = *current_question();
    const LogicalRect prompt_room = quiz_feedback_prompt_room();
    const std::string& prompt = question.prompt.in(context.language);
    const QuizFeedbackLayout layout =
        layout_quiz_feedback(fitted_height(ui, prompt_room, prompt, kSmallSizes));

    // The banner: right or wrong, in colour, icon and words.
    ui.rect(layout.banner, last_correct_ ? theme::kRight : theme::kWrong, kQuizCardRounding);
    draw_mark(ui, as_imvec(layout.banner_mark), layout.banner_mark_radius, last_correct_);
    draw_fitted(ui, layout.banner_words, context.text(last_correct_ ? "quiz_right" : "quiz_wrong"),
                kBigLabelSizes, theme::kOnDark, Align::Left);

    // The question again, small, so the marks below make sense.
    draw_fitted(ui, prompt_room, prompt, kSmallSizes, theme::kOnDarkSoft, Align::Left, false);

    draw_feedback_options(context, question, layout.options);

    // The explanation: the moment the visitor learns, so it is large.
    const LogicalRect& card = layout.explanation;
    draw_card(ui, card, theme::kCard, kQuizCardRounding);
    const float pad = 36;
    ImVec2 heading = draw_fitted(
        ui, LogicalRect{{card.min.x + pad, card.min.y + 28}, {card.max.x - pad, card.min.y + 76}},
        context.text("quiz_learn"), kSmallSizes, theme::kTeal, Align::Left, false);
    draw_fitted(ui,
                LogicalRect{{card.min.x + pad, card.min.y + 28 + heading.y + 16},
                            {card.max.x - pad, card.max.y - pad}},
                question.explanation.in(context.language), kBodySizes, theme::kInk, Align::Left,
                false);

    const bool last = index_ + 1 >= round_.questions.size();
    targets_["next"] = layout.next;
    if (ui.button("##next", as_imvec(layout.next.min), size_of(layout.next),
                  context.text(last ? "quiz_see_score" : "quiz_next")) &&
        taps_allowed()) {
        ++index_;
        enter(index_ >= round_.questions.size() ? QuizPhase::Score : QuizPhase::Question);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] The score: stars, marks, Play again and Home
//-----------------------------------------------------------------------------

QuizAction QuizScreen::draw_score(ScreenContext& context) {
    Ui& ui = context.ui;
    const int total = int(round_.questions.size()), correct = correct_count();
    const int band = score_band(correct, total);
    const QuizScoreLayout layout = layout_quiz_score(total);

    // Stars pop in one after another: three for a perfect round, none below 40 %.
    const double since = clock_ - phase_started_;
    for (int i = 0; i < 3; ++i) {
        const QuizScoreLayout::Star& star = layout.stars[size_t(i)];
        draw_star(ui, as_imvec(star.center), star.radius, theme::kFaint, false);
        if (i < band) {
            float t = float(std::clamp((since - 0.15 - 0.25 * i) / 0.3, 0.0, 1.0));
            float pop = t < 1 ? t * (1.25f - 0.25f * t) : 1; // a little overshoot
            if (t > 0)
                draw_star(ui, as_imvec(star.center), star.radius * pop, theme::kAccent, true);
        }
    }

    std::string score =
        fill_in(context.text("quiz_score"), {{"correct", correct}, {"total", total}});
    draw_fitted(ui, layout.score, score, kPromptSizes, theme::kOnDark, Align::Center);

    // One mark per question of the round.
    for (int i = 0; i < total; ++i)
        draw_mark(ui, as_imvec(layout.marks[size_t(i)]), layout.mark_radius,
                  i < int(results_.size()) && results_[size_t(i)]);

    draw_fitted(ui, layout.band, context.text("quiz_band_" + std::to_string(band)), kPromptSizes,
                theme::kAccent, Align::Center);

    QuizAction action = QuizAction::None;
    targets_["play_again"] = layout.play_again;
    targets_["home"] = layout.home;
    const bool again = ui.button("##again", as_imvec(layout.play_again.min),
                                 size_of(layout.play_again), context.text("quiz_play_again"));
    ButtonStyle home_style;
    home_style.fill = theme::kCard;
    home_style.fill_pressed = theme::kCardPressed;
    const bool home = ui.button("##home", as_imvec(layout.home.min), size_of(layout.home),
                                context.text("back_home"), home_style);
    if (taps_allowed()) {
        if (again) start_round(round_.seed + 1); // a new round, never the same one again
        if (home) action = QuizAction::Home;
    }
    return action;
}

} // namespace kiosk
