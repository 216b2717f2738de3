// QuizScreen implementation: the round's state machine (question -> feedback
// -> ... -> score), the layouts of the three phases on the logical 1920x1080
// screen, and text that always fits its card (wrapped, then shrunk through a
// short ladder of sizes, so few extra font sizes are ever baked).
#include "quiz_screen.h"

#include "render/fonts.h"

#include <algorithm>
#include <cmath>
#include <span>

namespace kiosk {
namespace {

constexpr float kMargin = 80;
constexpr float kRight = kLogicalWidth - kMargin;
constexpr float kHeaderLeft = 360; // the app's "back to home" corner (320x160) stays free
constexpr float kTop = 170;
constexpr float kBottom = 1040;
constexpr float kGap = 24;
constexpr float kMinCard = 120;     // option cards: big finger targets
constexpr float kMaxTextCard = 220; // taller cards only spread the text thin
constexpr float kButtonWidth = 520;
constexpr float kButtonHeight = 110;
constexpr float kCardRounding = 24;
constexpr double kTapGuardS = 0.4; // a double tap must not answer the next question too

constexpr ImU32 kRightColor = IM_COL32(40, 156, 82, 255);
constexpr ImU32 kWrongColor = theme::kDanger;
constexpr ImU32 kNeutralRow = IM_COL32(36, 64, 94, 255);
constexpr ImU32 kSelectedFill = IM_COL32(255, 236, 196, 255);
constexpr ImU32 kDisabledFill = IM_COL32(70, 92, 118, 255);
constexpr ImU32 kFaint = IM_COL32(255, 255, 255, 40);

// Text sizes (logical px), largest first. Every ladder draws from the same few
// sizes: the font library bakes at most a handful of extra sizes.
constexpr float kPromptSizes[] = {72, 56, 48, 40, 36, 30};
constexpr float kOptionSizes[] = {56, 48, 40, 36, 30};
constexpr float kBigLabelSizes[] = {72, 56, 48, 40};
constexpr float kBodySizes[] = {56, 48, 40, 36, 30};
constexpr float kSmallSizes[] = {36, 30};

ImVec2 add(ImVec2 a, ImVec2 b) {
    return ImVec2(a.x + b.x, a.y + b.y);
}

float width_of(const LogicalRect& r) {
    return r.max.x - r.min.x;
}
float height_of(const LogicalRect& r) {
    return r.max.y - r.min.y;
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

// Draws `text` fitted into `box`: wrapped at its width, shrunk to its height,
// centred vertically (or at the top), and clipped to it as a last resort.
ImVec2 draw_fitted(Ui& ui, const LogicalRect& box, std::string_view text,
                   std::span<const float> sizes, ImU32 color, Align align,
                   bool center_vertically = true) {
    const float width = width_of(box), height = height_of(box);
    Fit fit = fit_text(ui, text, sizes, width, height);
    float y =
        center_vertically ? box.min.y + std::max(0.0f, (height - fit.extent.y) * 0.5f) : box.min.y;
    float x = align == Align::Left     ? box.min.x
              : align == Align::Center ? (box.min.x + box.max.x) * 0.5f
                                       : box.max.x;
    const bool clip = fit.extent.y > height + 0.5f;
    if (clip) ImGui::PushClipRect(ui.to_screen(box.min), ui.to_screen(box.max), true);
    ui.text_sized(fit.size, ImVec2(x, y), color, text, align, width);
    if (clip) ImGui::PopClipRect();
    return ImVec2(fit.extent.x, std::min(fit.extent.y, height));
}

void draw_circle(Ui& ui, ImVec2 center, float radius, ImU32 color) {
    ui.draw_list().AddCircleFilled(ui.to_screen(center), ui.px(radius), color, 40);
}

void draw_ring(Ui& ui, ImVec2 center, float radius, ImU32 color, float thickness) {
    ui.draw_list().AddCircle(ui.to_screen(center), ui.px(radius), color, 40, ui.px(thickness));
}

void draw_tick(Ui& ui, ImVec2 center, float size, ImU32 color) {
    ImVec2 points[3] = {ui.to_screen(add(center, ImVec2(-0.45f * size, 0.02f * size))),
                        ui.to_screen(add(center, ImVec2(-0.12f * size, 0.34f * size))),
                        ui.to_screen(add(center, ImVec2(0.46f * size, -0.36f * size)))};
    ui.draw_list().AddPolyline(points, 3, color, ImDrawFlags_None, ui.px(size * 0.16f));
}

void draw_cross(Ui& ui, ImVec2 center, float size, ImU32 color) {
    const float h = size * 0.36f, thickness = ui.px(size * 0.16f);
    ui.draw_list().AddLine(ui.to_screen(add(center, ImVec2(-h, -h))),
                           ui.to_screen(add(center, ImVec2(h, h))), color, thickness);
    ui.draw_list().AddLine(ui.to_screen(add(center, ImVec2(-h, h))),
                           ui.to_screen(add(center, ImVec2(h, -h))), color, thickness);
}

// A round badge with a tick (right) or a cross (wrong).
void draw_mark(Ui& ui, ImVec2 center, float radius, bool right, ImU32 disc = theme::kCard) {
    draw_circle(ui, center, radius, disc);
    if (right)
        draw_tick(ui, center, radius * 1.2f, kRightColor);
    else
        draw_cross(ui, center, radius * 1.2f, kWrongColor);
}

// A numbered disc: order questions' step numbers.
void draw_number(Ui& ui, ImVec2 center, float radius, int number, ImU32 disc, ImU32 ink) {
    draw_circle(ui, center, radius, disc);
    const std::string digits = std::to_string(number);
    const float size = radius >= 30 ? 40 : 30;
    ImVec2 extent = ui.measure_sized(size, digits);
    ui.text_sized(size, ImVec2(center.x, center.y - extent.y * 0.52f), ink, digits, Align::Center);
}

void draw_star(Ui& ui, ImVec2 center, float radius, ImU32 color, bool filled) {
    constexpr float kPi = 3.14159265f;
    ImVec2 points[10];
    for (int i = 0; i < 10; ++i) {
        float angle = -kPi / 2 + float(i) * kPi / 5;
        float r = i % 2 == 0 ? radius : radius * 0.46f;
        points[i] =
            ui.to_screen(ImVec2(center.x + r * std::cos(angle), center.y + r * std::sin(angle)));
    }
    ImDrawList& draw = ui.draw_list();
    if (!filled) {
        draw.AddPolyline(points, 10, color, ImDrawFlags_Closed, ui.px(6));
        return;
    }
    // Flat pieces without anti-aliased edges (their seams would show), then
    // one smooth outline around the whole star.
    const ImDrawListFlags saved = draw.Flags;
    draw.Flags &= ~ImDrawListFlags_AntiAliasedFill;
    const ImVec2 inner[5] = {points[1], points[3], points[5], points[7], points[9]};
    draw.AddConvexPolyFilled(inner, 5, color);
    for (int i = 0; i < 10; i += 2)
        draw.AddTriangleFilled(points[(i + 9) % 10], points[i], points[i + 1], color);
    draw.Flags = saved;
    draw.AddPolyline(points, 10, color, ImDrawFlags_Closed, ui.px(2));
}

// The biggest 4:3-or-image-shaped rect inside `box`, centred.
LogicalRect contain(const Image& image, const LogicalRect& box) {
    const float aspect = image.height > 0 ? float(image.width) / float(image.height) : 4.0f / 3;
    float w = width_of(box), h = height_of(box);
    if (w / std::max(1.0f, h) > aspect)
        w = h * aspect;
    else
        h = w / aspect;
    ImVec2 c = LogicalRect{box.min, box.max}.center();
    return LogicalRect{ImVec2(c.x - w / 2, c.y - h / 2), ImVec2(c.x + w / 2, c.y + h / 2)};
}

void draw_picture(Ui& ui, const Image& image, const LogicalRect& box, ImU32 backdrop) {
    LogicalRect fitted = contain(image, box);
    draw_image_cover(ui, image, fitted.min, fitted.max, 16, backdrop);
}

// A card with an optional border `border` px wide in `border_color`.
void draw_card(Ui& ui, const LogicalRect& r, ImU32 fill, float border = 0, ImU32 border_color = 0) {
    if (border > 0) {
        ui.rect(r.min, r.max, border_color, kCardRounding);
        ui.rect(add(r.min, ImVec2(border, border)), add(r.max, ImVec2(-border, -border)), fill,
                kCardRounding - border);
    } else {
        ui.rect(r.min, r.max, fill, kCardRounding);
    }
}

struct Grid {
    int columns = 1;
    int rows = 1;
};

Grid grid_for(const QuizQuestion& question) {
    const int n = int(question.options.size());
    if (question.type == QuestionType::TrueFalse) return {2, 1};
    if (question.type == QuestionType::ImageChoice) {
        if (n <= 3) return {n, 1};
        if (n == 4) return {2, 2};
        return {3, (n + 2) / 3};
    }
    if (n >= 4) return {2, (n + 1) / 2};
    return {1, n};
}

// Cell `index` of a grid laid out in `area`, each cell at most `max_height`.
LogicalRect grid_cell(const LogicalRect& area, Grid grid, int index, float max_height,
                      float gap = kGap) {
    const float w = (width_of(area) - gap * float(grid.columns - 1)) / float(grid.columns);
    const float h =
        std::min(max_height, (height_of(area) - gap * float(grid.rows - 1)) / float(grid.rows));
    const int column = index % grid.columns, row = index / grid.columns;
    ImVec2 min(area.min.x + float(column) * (w + gap), area.min.y + float(row) * (h + gap));
    return LogicalRect{min, ImVec2(min.x + w, min.y + h)};
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

// Where an option card's words go: after the tick box or step number, or
// beside or under the picture.
constexpr float kCardPad = 36;
constexpr float kPictureInset = 16;
constexpr float kCaptionHeight = 76;

LogicalRect text_box(QuestionType type, const LogicalRect& card) {
    float left = card.min.x + kCardPad;
    if (type == QuestionType::Multiple) left += 52 + 28;
    if (type == QuestionType::Order) left += 60 + 28;
    return LogicalRect{ImVec2(left, card.min.y + 12),
                       ImVec2(card.max.x - kCardPad, card.max.y - 12)};
}

struct PictureCard {
    LogicalRect picture, caption;
    bool caption_beside = false;
};

PictureCard picture_card(const LogicalRect& card, bool captions) {
    const LogicalRect box{add(card.min, ImVec2(kPictureInset, kPictureInset)),
                          add(card.max, ImVec2(-kPictureInset, -kPictureInset))};
    PictureCard layout{box, box};
    if (captions && width_of(box) / std::max(1.0f, height_of(box)) > 1.8f) {
        // A wide card: the picture on the left, its caption beside it.
        layout.picture.max.x = box.min.x + height_of(box) * 4 / 3;
        layout.caption.min.x = layout.picture.max.x + 24;
        layout.caption_beside = true;
    } else if (captions) {
        layout.picture.max.y = box.max.y - kCaptionHeight;
        layout.caption.min.y = layout.picture.max.y + 6;
    }
    return layout;
}

// The largest of `sizes` at which every text fits its box (wrapped at its
// width, no taller than it): the options of one question share one size.
float common_size(Ui& ui, const std::vector<std::pair<std::string_view, LogicalRect>>& texts,
                  std::span<const float> sizes) {
    for (float size : sizes) {
        bool fits = true;
        for (const auto& [text, box] : texts)
            if (ui.measure_sized(size, text, width_of(box)).y > height_of(box)) {
                fits = false;
                break;
            }
        if (fits) return size;
    }
    return sizes.back();
}

} // namespace

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
    text_registered_ = false;
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

void QuizScreen::register_text(FontLibrary& fonts) const {
    const auto both = [&](const Bilingual& text) {
        fonts.add_text(text.zh);
        fonts.add_text(text.en);
    };
    both(manifest_.title);
    for (const QuizQuestion& question : pack_.questions) {
        both(question.prompt);
        both(question.explanation);
        for (const QuizOption& option : question.options)
            both(option.text);
    }
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

QuizAction QuizScreen::draw(ScreenContext& context) {
    if (phase_ == QuizPhase::Closed) return QuizAction::None;
    Ui& ui = context.ui;
    targets_.clear();
    ui.begin_screen("##quiz");
    if (!text_registered_) {
        text_registered_ = true;
        const size_t before = ui.fonts().registered_count();
        register_text(ui.fonts());
        // Glyphs never seen before are baked between frames: one frame of
        // background beats one frame of missing characters.
        if (ui.fonts().registered_count() != before) {
            ui.end_screen();
            return QuizAction::None;
        }
    }
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
    float title_right = kRight;
    const bool in_round = phase_ == QuizPhase::Question || phase_ == QuizPhase::Feedback;
    if (in_round) {
        const int total = int(round_.questions.size());
        std::string progress =
            fill_in(context.text("quiz_progress"), {{"n", int(index_) + 1}, {"total", total}});
        ImVec2 size = ui.text_sized(40, ImVec2(kRight, 44), theme::kOnDark, progress, Align::Right);
        title_right = kRight - size.x - 48;

        // One segment per question: answered right, wrong, current, to come.
        const float gap = 12, y0 = 114, y1 = 128;
        const float w = (kRight - kHeaderLeft - gap * float(total - 1)) / float(std::max(1, total));
        for (int i = 0; i < total; ++i) {
            ImU32 color = kFaint;
            if (i < int(results_.size()))
                color = results_[size_t(i)] ? kRightColor : kWrongColor;
            else if (i == int(index_))
                color = theme::kAccent;
            float x = kHeaderLeft + float(i) * (w + gap);
            ui.rect(ImVec2(x, y0), ImVec2(x + w, y1), color, 7);
        }
    }
    if (title_right > kHeaderLeft + 80)
        draw_fitted(ui, LogicalRect{ImVec2(kHeaderLeft, 44), ImVec2(title_right, 90)},
                    manifest_.title.in(context.language), kSmallSizes, theme::kOnDarkSoft,
                    Align::Left);
}

bool QuizScreen::draw_option(ScreenContext& context, const QuizQuestion& question, size_t option,
                             LogicalRect card, float text_size) {
    Ui& ui = context.ui;
    const QuizOption& o = question.options[option];
    targets_["option:" + o.id] = card;
    bool pressed = false;
    const std::string id = "##option" + std::to_string(option);
    const bool tapped =
        ui.touch_area(id.c_str(), card.min, ImVec2(width_of(card), height_of(card)), &pressed);

    const bool ticked = question.type == QuestionType::Multiple && ticked_[option];
    auto place = std::find(ordered_.begin(), ordered_.end(), option);
    const bool numbered = question.type == QuestionType::Order && place != ordered_.end();
    ImU32 fill = pressed ? theme::kCardPressed : theme::kCard;
    if ((ticked || numbered) && !pressed) fill = kSelectedFill;
    ui.rect(add(card.min, ImVec2(5, 8)), add(card.max, ImVec2(5, 8)), IM_COL32(0, 0, 0, 60),
            kCardRounding); // shadow
    draw_card(ui, card, fill, ticked || numbered ? 6 : 0, theme::kAccent);

    const float pad = kCardPad, h = height_of(card);
    const std::span<const float> sized(&text_size, 1);
    const std::string& label = option_label(context, o);
    switch (question.type) {
    case QuestionType::TrueFalse: {
        // An icon for those who do not read yet, then the word.
        const bool is_true = o.id == "true";
        Fit fit = fit_text(ui, label, kBigLabelSizes, width_of(card) - 2 * pad - 140, h - 24);
        const float icon = std::min(44.0f, h * 0.3f);
        const float total = icon * 2 + 32 + fit.extent.x;
        const float left = card.center().x - total / 2;
        ImVec2 icon_center(left + icon, card.center().y);
        draw_circle(ui, icon_center, icon, is_true ? kRightColor : kWrongColor);
        if (is_true)
            draw_tick(ui, icon_center, icon * 1.2f, theme::kOnDark);
        else
            draw_cross(ui, icon_center, icon * 1.2f, theme::kOnDark);
        draw_fitted(ui,
                    LogicalRect{ImVec2(left + icon * 2 + 32, card.min.y + 12),
                                ImVec2(card.max.x - pad, card.max.y - 12)},
                    label, std::span<const float>(&fit.size, 1), theme::kInk, Align::Left);
        break;
    }
    case QuestionType::ImageChoice: {
        const Image& image = context.images.get(*files_, o.image_path);
        const bool captions = has_captions(question);
        const PictureCard layout = picture_card(card, captions);
        if (image.texture)
            draw_picture(ui, image, layout.picture, fill);
        else
            ui.rect(layout.picture.min, layout.picture.max, theme::kTeal, 16);
        if (captions)
            draw_fitted(ui, layout.caption, label, sized, theme::kInk,
                        layout.caption_beside ? Align::Left : Align::Center);
        break;
    }
    default: {
        if (question.type == QuestionType::Multiple) { // a tick box
            const float s = 52;
            LogicalRect box{ImVec2(card.min.x + pad, card.center().y - s / 2),
                            ImVec2(card.min.x + pad + s, card.center().y + s / 2)};
            if (ticked) {
                ui.rect(box.min, box.max, theme::kAccent, 10);
                draw_tick(ui, box.center(), s * 0.8f, theme::kInk);
            } else {
                ui.rect(box.min, box.max, theme::kInkSoft, 10);
                ui.rect(add(box.min, ImVec2(5, 5)), add(box.max, ImVec2(-5, -5)), fill, 6);
            }
        } else if (question.type == QuestionType::Order) { // the step's number, or a ring
            ImVec2 center(card.min.x + pad + 30, card.center().y);
            if (numbered)
                draw_number(ui, center, 32, int(place - ordered_.begin()) + 1, theme::kAccent,
                            theme::kInk);
            else
                draw_ring(ui, center, 30, theme::kInkSoft, 4);
        }
        draw_fitted(ui, text_box(question.type, card), label, sized, theme::kInk, Align::Left);
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

    const bool needs_check =
        question.type == QuestionType::Multiple || question.type == QuestionType::Order;
    const float options_bottom = needs_check ? kBottom - kButtonHeight - kGap : kBottom;
    const Grid grid = grid_for(question);
    const float min_card = question.type == QuestionType::ImageChoice ? 220 : kMinCard;
    const float cards_min = float(grid.rows) * min_card + float(grid.rows - 1) * kGap;
    const float head_max = options_bottom - kTop - 40 - cards_min; // prompt, picture, hint

    const char* hint = hint_key(question.type);
    const std::string_view hint_text = hint ? std::string_view(context.text(hint)) : "";
    const Image* picture = nullptr;
    if (!question.image_path.empty()) {
        const Image& image = context.images.get(*files_, question.image_path);
        if (image.texture) picture = &image;
    }

    float text_left = kMargin;
    // A question picture stays modest: the options under it need the room more.
    float head_height = std::min(picture ? 340.0f : 290.0f, head_max);
    if (picture) { // the picture on the left, the prompt beside it
        LogicalRect box{ImVec2(kMargin, kTop),
                        ImVec2(kMargin + head_height * 4 / 3, kTop + head_height)};
        draw_image_cover(ui, *picture, box.min, box.max, kCardRounding, theme::kBackground);
        text_left = box.max.x + 48;
    }
    // The prompt, then the hint right under it; beside a picture they share its height.
    const float hint_height = hint ? 48 + 16 : 0;
    LogicalRect prompt_box{ImVec2(text_left, kTop),
                           ImVec2(kRight, kTop + head_height - hint_height)};
    const std::string& prompt = question.prompt.in(context.language);
    Fit fit = fit_text(ui, prompt, kPromptSizes, width_of(prompt_box), height_of(prompt_box));
    prompt_box.max.y = prompt_box.min.y + std::min(fit.extent.y, height_of(prompt_box));
    draw_fitted(ui, prompt_box, prompt, std::span<const float>(&fit.size, 1), theme::kOnDark,
                Align::Left, false);
    if (hint) {
        const float hint_top = prompt_box.max.y + 16;
        draw_fitted(ui, LogicalRect{ImVec2(text_left, hint_top), ImVec2(kRight, hint_top + 48)},
                    hint_text, kSmallSizes, theme::kAccent, Align::Left);
    }
    const float head_bottom = picture ? kTop + head_height : prompt_box.max.y + hint_height;

    LogicalRect area{ImVec2(kMargin, head_bottom + 36), ImVec2(kRight, options_bottom)};
    float max_card = kMaxTextCard;
    if (question.type == QuestionType::TrueFalse) max_card = 340;
    if (question.type == QuestionType::ImageChoice) {
        // Each picture card is no taller than its picture (4:3) and caption need.
        const float w = (width_of(area) - kGap * float(grid.columns - 1)) / float(grid.columns);
        max_card = (w - 2 * kPictureInset) * 3 / 4 + 2 * kPictureInset +
                   (has_captions(question) ? kCaptionHeight : 0);
    }
    std::vector<LogicalRect> cards;
    std::vector<std::pair<std::string_view, LogicalRect>> texts;
    for (size_t k = 0; k < shown.option_order.size(); ++k) {
        cards.push_back(grid_cell(area, grid, int(k), max_card));
        const QuizOption& o = question.options[shown.option_order[k]];
        if (question.type == QuestionType::ImageChoice)
            texts.emplace_back(o.text.in(context.language),
                               picture_card(cards.back(), has_captions(question)).caption);
        else if (question.type != QuestionType::TrueFalse)
            texts.emplace_back(o.text.in(context.language), text_box(question.type, cards.back()));
    }
    const float text_size = common_size(ui, texts, kOptionSizes);
    int tapped = -1;
    for (size_t k = 0; k < cards.size(); ++k)
        if (draw_option(context, question, shown.option_order[k], cards[k], text_size))
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

    if (needs_check) {
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
            style.fill = style.fill_pressed = kDisabledFill;
            style.ink = theme::kOnDarkSoft;
        }
        const ImVec2 at((kLogicalWidth - kButtonWidth) / 2, kBottom - kButtonHeight);
        targets_["check"] = LogicalRect{at, add(at, ImVec2(kButtonWidth, kButtonHeight))};
        if (ui.button("##check", at, ImVec2(kButtonWidth, kButtonHeight),
                      context.text("quiz_check"), style) &&
            ready && taps_allowed())
            answer(std::move(chosen));
    }
}

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
        const int n = int(shown.option_order.size());
        Grid grid{n <= 4 ? 2 : 3, 0};
        grid.rows = (n + grid.columns - 1) / grid.columns;
        const float w = (width_of(area) - kGap * float(grid.columns - 1)) / float(grid.columns);
        for (int k = 0; k < n; ++k) {
            const QuizOption& o = question.options[shown.option_order[size_t(k)]];
            LogicalRect cell = grid_cell(area, grid, k, (w - 24) * 3 / 4 + 24);
            targets_["option:" + o.id] = cell;
            const bool right = is_answer(o.id), wrong_pick = !right && picked(o.id);
            draw_card(ui, cell, theme::kCard, right || wrong_pick ? 10 : 0,
                      right ? kRightColor : kWrongColor);
            const Image& image = context.images.get(*files_, o.image_path);
            LogicalRect box{add(cell.min, ImVec2(12, 12)), add(cell.max, ImVec2(-12, -12))};
            if (image.texture) draw_picture(ui, image, box, theme::kCard);
            if (!right && !wrong_pick) // not involved: faded
                ui.rect(cell.min, cell.max, IM_COL32(14, 38, 64, 130), kCardRounding);
            if (right || wrong_pick)
                draw_mark(ui, ImVec2(cell.max.x - 34, cell.min.y + 34), 26, right);
            if (picked(o.id)) {
                const std::string& pick = context.text("quiz_your_pick");
                ImVec2 size = ui.measure_sized(30, pick);
                LogicalRect pill{ImVec2(cell.center().x - size.x / 2 - 16, cell.max.y - 58),
                                 ImVec2(cell.center().x + size.x / 2 + 16, cell.max.y - 14)};
                ui.rect(pill.min, pill.max, right ? kRightColor : kWrongColor, 22);
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
        ImU32 fill = kNeutralRow;
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
            row.fill = placed ? kRightColor : kWrongColor;
            row.mark = placed ? 1 : -1;
        } else if (is_answer(id)) {
            row.fill = kRightColor;
            row.mark = 1;
            row.pick = picked(id);
        } else if (picked(id)) {
            row.fill = kWrongColor;
            row.mark = -1;
            row.pick = true;
        }
        if (row.mark != 0) row.ink = theme::kOnDark;
        rows.push_back(row);
    }
    if (order) {
        ImVec2 size = draw_fitted(ui, LogicalRect{area.min, ImVec2(area.max.x, area.min.y + 48)},
                                  context.text("quiz_right_order"), kSmallSizes, theme::kOnDarkSoft,
                                  Align::Left);
        area.min.y += std::max(size.y, 40.0f) + 12;
    }

    // Where each row's words go: after the number or mark, before the pick label.
    const std::string& pick_label = context.text("quiz_your_pick");
    const float pick_width = ui.measure_sized(kSmallSizes[1], pick_label).x + 32;
    const float pad = 28, mark_radius = 26;
    const auto words_box = [&](const Row& row, float top, float height) {
        float left = area.min.x + pad + (order ? 60 : 2 * mark_radius) + 24;
        float right = area.max.x - pad;
        if (order) right -= 2 * mark_radius + 20;
        if (row.pick) right -= pick_width + 20;
        return LogicalRect{ImVec2(left, top + 8), ImVec2(right, top + height - 8)};
    };
    // One text size for all rows, the largest at which they all fit the
    // column; each row is as tall as its words need (72..110 px).
    const float gap = 14, min_row = 72, max_row = 110;
    const float available = height_of(area) - gap * float(rows.size() - 1);
    float text_size = kOptionSizes[std::size(kOptionSizes) - 1];
    for (float size : kOptionSizes) {
        float total = 0;
        for (Row& row : rows) {
            const float width = width_of(words_box(row, 0, 100));
            const std::string& words = option_label(context, *row.option);
            row.height = std::max(min_row, ui.measure_sized(size, words, width).y + 24);
            total += row.height;
        }
        text_size = size;
        if (total <= available) break;
    }
    const float spare = available - [&] {
        float total = 0;
        for (const Row& row : rows)
            total += row.height;
        return total;
    }();
    float y = area.min.y;
    for (size_t k = 0; k < rows.size(); ++k) {
        Row& row = rows[k];
        // Short rows share what is left, up to max_row.
        if (spare > 0 && row.height < max_row)
            row.height = std::min(max_row, row.height + spare / float(rows.size()));
        const LogicalRect r{ImVec2(area.min.x, y), ImVec2(area.max.x, y + row.height)};
        targets_["option:" + row.option->id] = r;
        draw_card(ui, r, row.fill);
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
            LogicalRect pill{ImVec2(r.max.x - pad - pick_width, r.center().y - 22),
                             ImVec2(r.max.x - pad, r.center().y + 22)};
            ui.rect(pill.min, pill.max, IM_COL32(255, 255, 255, 60), 22);
            draw_fitted(ui, pill, pick_label, std::span<const float>(&kSmallSizes[1], 1),
                        theme::kOnDark, Align::Center);
        }
        draw_fitted(ui, words_box(row, r.min.y, row.height), option_label(context, *row.option),
                    std::span<const float>(&text_size, 1), row.ink, Align::Left);
        y += row.height + gap;
    }
}

void QuizScreen::draw_feedback(ScreenContext& context) {
    Ui& ui = context.ui;
    const QuizQuestion& question = *current_question();

    // The banner: right or wrong, in colour, icon and words.
    LogicalRect banner{ImVec2(kMargin, kTop), ImVec2(kRight, kTop + 120)};
    ui.rect(banner.min, banner.max, last_correct_ ? kRightColor : kWrongColor, kCardRounding);
    draw_mark(ui, ImVec2(banner.min.x + 80, banner.center().y), 40, last_correct_);
    draw_fitted(ui,
                LogicalRect{ImVec2(banner.min.x + 150, banner.min.y + 10),
                            ImVec2(banner.max.x - 40, banner.max.y - 10)},
                context.text(last_correct_ ? "quiz_right" : "quiz_wrong"), kBigLabelSizes,
                theme::kOnDark, Align::Left);

    // The question again, small, so the marks below make sense.
    ImVec2 prompt = draw_fitted(
        ui, LogicalRect{ImVec2(kMargin, banner.max.y + 24), ImVec2(kRight, banner.max.y + 24 + 80)},
        question.prompt.in(context.language), kSmallSizes, theme::kOnDarkSoft, Align::Left, false);
    const float top = banner.max.y + 24 + prompt.y + 28;

    draw_feedback_options(context, question,
                          LogicalRect{ImVec2(kMargin, top), ImVec2(900, kBottom)});

    // The explanation: the moment the visitor learns, so it is large.
    LogicalRect card{ImVec2(960, top), ImVec2(kRight, kBottom - kButtonHeight - kGap)};
    draw_card(ui, card, theme::kCard);
    const float pad = 36;
    ImVec2 heading = draw_fitted(
        ui, LogicalRect{add(card.min, ImVec2(pad, 28)), ImVec2(card.max.x - pad, card.min.y + 76)},
        context.text("quiz_learn"), kSmallSizes, theme::kTeal, Align::Left, false);
    draw_fitted(ui,
                LogicalRect{ImVec2(card.min.x + pad, card.min.y + 28 + heading.y + 16),
                            ImVec2(card.max.x - pad, card.max.y - pad)},
                question.explanation.in(context.language), kBodySizes, theme::kInk, Align::Left,
                false);

    const bool last = index_ + 1 >= round_.questions.size();
    const ImVec2 at(kRight - kButtonWidth, kBottom - kButtonHeight);
    targets_["next"] = LogicalRect{at, add(at, ImVec2(kButtonWidth, kButtonHeight))};
    if (ui.button("##next", at, ImVec2(kButtonWidth, kButtonHeight),
                  context.text(last ? "quiz_see_score" : "quiz_next")) &&
        taps_allowed()) {
        ++index_;
        enter(index_ >= round_.questions.size() ? QuizPhase::Score : QuizPhase::Question);
    }
}

QuizAction QuizScreen::draw_score(ScreenContext& context) {
    Ui& ui = context.ui;
    const int total = int(round_.questions.size()), correct = correct_count();
    const int band = score_band(correct, total);

    // Stars pop in one after another: three for a perfect round, none below 40 %.
    const double since = clock_ - phase_started_;
    for (int i = 0; i < 3; ++i) {
        ImVec2 center(kLogicalWidth / 2 + float(i - 1) * 230, 290 - (i == 1 ? 30 : 0));
        const float radius = i == 1 ? 100 : 84;
        draw_star(ui, center, radius, kFaint, false);
        if (i < band) {
            float t = float(std::clamp((since - 0.15 - 0.25 * i) / 0.3, 0.0, 1.0));
            float pop = t < 1 ? t * (1.25f - 0.25f * t) : 1; // a little overshoot
            if (t > 0) draw_star(ui, center, radius * pop, theme::kAccent, true);
        }
    }

    std::string score =
        fill_in(context.text("quiz_score"), {{"correct", correct}, {"total", total}});
    draw_fitted(ui, LogicalRect{ImVec2(kMargin + 300, 430), ImVec2(kRight - 300, 520)}, score,
                kPromptSizes, theme::kOnDark, Align::Center);

    // One mark per question of the round.
    const float spacing = 76;
    const float first = kLogicalWidth / 2 - spacing * float(total - 1) / 2;
    for (int i = 0; i < total; ++i)
        draw_mark(ui, ImVec2(first + spacing * float(i), 575), 28,
                  i < int(results_.size()) && results_[size_t(i)]);

    draw_fitted(ui, LogicalRect{ImVec2(260, 640), ImVec2(kLogicalWidth - 260, 820)},
                context.text("quiz_band_" + std::to_string(band)), kPromptSizes, theme::kAccent,
                Align::Center);

    QuizAction action = QuizAction::None;
    const float y = kBottom - 140, w = kButtonWidth, h = 120;
    const ImVec2 again_at(kLogicalWidth / 2 - 30 - w, y), home_at(kLogicalWidth / 2 + 30, y);
    targets_["play_again"] = LogicalRect{again_at, add(again_at, ImVec2(w, h))};
    targets_["home"] = LogicalRect{home_at, add(home_at, ImVec2(w, h))};
    const bool again =
        ui.button("##again", again_at, ImVec2(w, h), context.text("quiz_play_again"));
    ButtonStyle home_style;
    home_style.fill = theme::kCard;
    home_style.fill_pressed = theme::kCardPressed;
    const bool home =
        ui.button("##home", home_at, ImVec2(w, h), context.text("back_home"), home_style);
    if (taps_allowed()) {
        if (again) start_round(round_.seed + 1); // a new round, never the same one again
        if (home) action = QuizAction::Home;
    }
    return action;
}

} // namespace kiosk
