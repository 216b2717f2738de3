// Accessibility tests (issue 19, part 7): the visitor's switches on the home
// screen (large text, sound) tapped by an input replay and back to the
// defaults when the visitor session ends; large text growing every runtime
// text and the exhibit's kiosk.text while every screen still fits 1920x1080
// in zh and en (each text inside the screen, its clip, its card or button, and
// clear of its neighbours); and the runtime's text colours against WCAG AA,
// computed from the theme's constants and checked on screenshots against the
// pixels each text was really drawn with.
//
// Index of this file:
// [SECTION] Taps, frames and their texts
// [SECTION] WCAG 2 contrast
// [SECTION] The switches
// [SECTION] Large text still fits
// [SECTION] Contrast
#include "../home_tiles.h"
#include "app_test_support.h"
#include "test_paths.h"

#include "app/home_screen.h"
#include "app/screen_context.h"
#include "core/visitor_preferences.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

using namespace kiosk;
using namespace kiosk::test;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Taps, frames and their texts
//-----------------------------------------------------------------------------

std::string tap_at(float x, float y) {
    return "tap " + std::to_string(int(x)) + " " + std::to_string(int(y)) + "\nwait 0.6\n";
}
std::string tap_at(const LogicalRect& rect) {
    return tap_at(rect.center().x, rect.center().y);
}
// The middle of a switch (140 x 80) whose corner is `min`.
std::string tap_switch(ImVec2 min) {
    return tap_at(min.x + 70, min.y + 40);
}
const std::string kTapLanguage = "tap 1720 110\nwait 0.6\n";
const std::string kOpenFirstQuiz = "wait 0.5\n" + open_home_tile("emergency-safety") + "wait 1\n";

void short_idle(KioskConfig& config) {
    config.idle_timeout_s = 10;
}

// The texts the next frame draws.
std::vector<DrawnText> next_frame_texts(KioskApp& app) {
    std::vector<DrawnText> texts;
    app.record_drawn_text(&texts);
    run_frames(app, 1);
    app.record_drawn_text(nullptr);
    return texts;
}

std::string shot(KioskApp& app, const std::string& name) {
    std::string path = temp_dir("access-" + name) + "/" + name + ".png", error;
    INFO(error);
    REQUIRE(app.screenshot(path, error));
    return path;
}

const DrawnText* find_text(const std::vector<DrawnText>& texts, const std::string& text) {
    for (const DrawnText& drawn : texts)
        if (drawn.text == text) return &drawn;
    return nullptr;
}

// The rightmost column (screenshot px) in rows y0..y1, columns x0..x1, holding `colour`.
int rightmost(const Png& png, int x0, int x1, int y0, int y1, ImU32 colour) {
    int right = -1;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x)
            if (pixel_is(png, x, y, colour)) right = std::max(right, x);
    return right;
}

std::string describe(const DrawnText& t) {
    std::ostringstream out;
    out << '"' << t.text << "\" at " << t.size << " px, box (" << t.box.min.x << ", " << t.box.min.y
        << ")-(" << t.box.max.x << ", " << t.box.max.y << "), clip (" << t.clip.min.x << ", "
        << t.clip.min.y << ")-(" << t.clip.max.x << ", " << t.clip.max.y << ")";
    return out.str();
}

bool inside(const LogicalRect& inner, const LogicalRect& outer, float slack = 1) {
    return inner.min.x >= outer.min.x - slack && inner.min.y >= outer.min.y - slack &&
           inner.max.x <= outer.max.x + slack && inner.max.y <= outer.max.y + slack;
}

bool overlap(const LogicalRect& a, const LogicalRect& b) {
    return a.min.x < b.max.x - 1 && b.min.x < a.max.x - 1 && a.min.y < b.max.y - 1 &&
           b.min.y < a.max.y - 1;
}

const LogicalRect kScreen{{0, 0}, {kLogicalWidth, kLogicalHeight}};

// Every text is on the screen and not cut by the clip it was drawn in.
void check_every_text_fits(const std::vector<DrawnText>& texts, const std::string& screen) {
    INFO(screen);
    for (const DrawnText& t : texts) {
        if (t.text.empty()) continue;
        INFO(describe(t));
        CHECK(inside(t.box, kScreen));
        CHECK(inside(t.box, t.clip));
    }
}

// No two texts whose boxes start inside `region` overlap.
void check_no_overlaps(const std::vector<DrawnText>& texts, const LogicalRect& region,
                       const std::string& screen) {
    INFO(screen);
    for (size_t i = 0; i < texts.size(); ++i)
        for (size_t j = i + 1; j < texts.size(); ++j) {
            const DrawnText &a = texts[i], &b = texts[j];
            if (a.text.empty() || b.text.empty()) continue;
            if (!inside(a.box, region, 0) || !inside(b.box, region, 0)) continue;
            INFO(describe(a) << "\n  and " << describe(b));
            CHECK_FALSE(overlap(a.box, b.box));
        }
}

//-----------------------------------------------------------------------------
// [SECTION] WCAG 2 contrast
//-----------------------------------------------------------------------------

double channel(int value) {
    const double c = value / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
double luminance(ImU32 c) {
    return 0.2126 * channel(int(c & 0xff)) + 0.7152 * channel(int((c >> 8) & 0xff)) +
           0.0722 * channel(int((c >> 16) & 0xff));
}
double contrast(ImU32 a, ImU32 b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}
// `top` (with its alpha) painted over the opaque `bottom`.
ImU32 over(ImU32 top, ImU32 bottom) {
    const int alpha = int(top >> IM_COL32_A_SHIFT);
    ImU32 out = IM_COL32_A_MASK;
    for (int shift : {0, 8, 16}) {
        const int t = int((top >> shift) & 0xff), b = int((bottom >> shift) & 0xff);
        out |= ImU32((t * alpha + b * (255 - alpha) + 127) / 255) << shift;
    }
    return out;
}
// AA: 4.5:1, or 3:1 for large text (32 px and up; the kiosk's font is regular weight).
constexpr float kLargeTextPx = 32;
double required_contrast(float size_px) {
    return size_px >= kLargeTextPx ? 3.0 : 4.5;
}
bool same_rgb(ImU32 a, ImU32 b, int tolerance = 8) {
    for (int shift : {0, 8, 16})
        if (std::abs(int((a >> shift) & 0xff) - int((b >> shift) & 0xff)) > tolerance) return false;
    return true;
}

// Every text colour the runtime draws on every background it draws it on,
// with the smallest size it is drawn at (before large text).
struct TextPair {
    const char* where;
    ImU32 ink;
    ImU32 background;
    ImU32 background_to = 0; // a gradient's other end (attract), 0: none
    float smallest_px = 0;
};
const ImU32 kAttractHintDimmest = theme::with_alpha(theme::kInvitation, 150); // it breathes
const ImU32 kDevLocationBox = over(theme::kShadeLight, theme::kDevErrorBackground);
const std::vector<TextPair>& runtime_text_pairs() {
    using namespace theme;
    static const std::vector<TextPair> pairs = {
        {"home title", kOnDark, kBackground, 0, 72},
        {"home venue, subtitle", kOnDarkSoft, kBackground, 0, 36},
        {"home switch labels", kOnDark, kBackground, 0, 16},
        {"tile title, language and back-home buttons", kInk, kCard, 0, 28},
        {"tile summary", kInkSoft, kCard, 0, 28},
        {"pressed card", kInk, kCardPressed, 0, 30},
        {"not-reviewed badge", kOnDark, kDanger, 0, 36},
        {"attract title", kOnDark, kBackgroundDeep, kBackground, 36},
        {"attract subtitle, venue", kOnDarkSoft, kBackgroundDeep, kBackground, 36},
        {"attract invitation", kAttractHintDimmest, kBackgroundDeep, kBackground, 36},
        {"resting card", kInkSoft, kCard, 0, 36},
        {"dev error title, message", kOnDark, kDevErrorBackground, 0, 36},
        {"dev error where, hint", kAccent, kDevErrorBackground, 0, 36},
        {"dev error trace", kOnDarkSoft, kDevErrorBackground, 0, 36},
        {"dev error location", kAccent, kDevLocationBox, 0, 36},
        {"dev error source line", kOnDark, kDevLocationBox, 0, 36},
        {"quiz prompt, progress", kOnDark, kBackground, 0, 30},
        {"quiz hint", kAccent, kBackground, 0, 30},
        {"quiz option", kInk, kCardSelected, 0, 30},
        {"quiz buttons", kInk, kAccent, 0, 30},
        {"quiz check, not ready", kOnDarkSoft, kDisabled, 0, 40},
        {"feedback: right", kOnDark, kRight, 0, 30},
        {"feedback: wrong", kOnDark, kWrong, 0, 30},
        {"feedback: not involved", kOnDarkSoft, kRowNeutral, 0, 30},
        {"feedback: your pick on right", kOnDark, over(kPill, kRight), 0, 30},
        {"feedback: your pick on wrong", kOnDark, over(kPill, kWrong), 0, 30},
        {"feedback: your pick on not involved", kOnDark, over(kPill, kRowNeutral), 0, 30},
        {"feedback: learn", kTeal, kCard, 0, 30},
        {"notice banner", kInk, kNoticeBanner, 0, 44},
        {"notice label", kDrill, kInk, 0, 56},
        {"notice takeover", kOnDark, kAlert, 0, 44},
        {"notice takeover soft", kOnDarkSoft, kAlert, 0, 44},
        {"notice takeover band", kInk, kDrill, 0, 110},
    };
    return pairs;
}

double pair_contrast(const TextPair& pair) {
    const auto on = [&](ImU32 background) {
        return contrast(over(pair.ink, background | IM_COL32_A_MASK), background);
    };
    return pair.background_to ? std::min(on(pair.background), on(pair.background_to))
                              : on(pair.background);
}

// Whether `background` (sampled) is the pair's, or between a gradient's ends.
bool pair_background_is(const TextPair& pair, ImU32 background) {
    if (!pair.background_to) return same_rgb(background, pair.background);
    for (int shift : {0, 8, 16}) {
        const int a = int((pair.background >> shift) & 0xff),
                  b = int((pair.background_to >> shift) & 0xff),
                  v = int((background >> shift) & 0xff);
        if (v < std::min(a, b) - 8 || v > std::max(a, b) + 8) return false;
    }
    return true;
}

// Checks every text of the next frame on a screenshot of it: its background
// is the most common colour under its box; pixels of its colour (blended by
// its alpha) are there; the two contrast enough for its size; and the pair is
// one of runtime_text_pairs(), so the theme check covers what is drawn.
// Returns how many texts were checked.
int check_drawn_contrast(KioskApp& app, const std::string& name) {
    const std::vector<DrawnText> texts = next_frame_texts(app);
    const std::string path = shot(app, name);
    Png png(path);
    REQUIRE(png.pixels);
    REQUIRE(png.width == 1920);
    int checked = 0;
    for (const DrawnText& t : texts) {
        const int x0 = std::max({0, int(t.box.min.x), int(t.clip.min.x)});
        const int y0 = std::max({0, int(t.box.min.y), int(t.clip.min.y)});
        const int x1 = std::min({png.width, int(t.box.max.x), int(t.clip.max.x)});
        const int y1 = std::min({png.height, int(t.box.max.y), int(t.clip.max.y)});
        if (t.text.find_first_not_of(' ') == std::string::npos || x1 - x0 < 4 || y1 - y0 < 4)
            continue;
        INFO(name << ": " << describe(t) << " (screenshot " << path << ")");
        std::map<ImU32, int> counts;
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x) {
                const unsigned char* p = png.at(x, y);
                ++counts[IM_COL32(p[0], p[1], p[2], 255)];
            }
        const ImU32 background =
            std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
                return a.second < b.second;
            })->first;
        const ImU32 ink = over(t.color, background);
        int inked = 0;
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x)
                inked += pixel_is(png, x, y, ink);
        INFO("background " << std::hex << background << ", ink " << ink << std::dec << ", " << inked
                           << " px of the ink");
        CHECK(inked >= 4);
        CHECK(contrast(ink, background) >= required_contrast(t.size));
        const bool listed = std::any_of(
            runtime_text_pairs().begin(), runtime_text_pairs().end(), [&](const TextPair& pair) {
                return same_rgb(pair.ink, t.color, 0) && pair_background_is(pair, background);
            });
        CHECK(listed);
        ++checked;
    }
    return checked;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] The switches
//-----------------------------------------------------------------------------

TEST_CASE("the home screen's switches turn large text and sound on and off; the next visitor "
          "starts from the defaults",
          "[access][replay]") {
    auto app = make_app(1920, 1080, "kiosk-config/county-museum.lua", short_idle);
    run_frames(*app, 2);
    REQUIRE(app->screen() == ScreenId::Home);
    const VisitorPreferences defaults;
    CHECK(app->preferences().large_text == defaults.large_text);
    CHECK(app->preferences().sound_on == defaults.sound_on);
    // The title's white letters: how far right they reach (x 80 onwards, rows 96..200).
    const auto title_right = [&](const std::string& name) {
        Png png(shot(*app, name));
        REQUIRE(png.pixels);
        return rightmost(png, 80, 860, 96, 200, theme::kOnDark);
    };
    const int normal = title_right("normal");
    REQUIRE(normal > 80);

    play(*app, tap_switch(kLargeTextSwitchMin));
    CHECK(app->preferences().large_text);
    CHECK(app->preferences().sound_on == defaults.sound_on);
    const int large = title_right("large");
    INFO("title reaches x " << normal << " normal, " << large << " large");
    CHECK(float(large - 80) / float(normal - 80) == Approx(kLargeTextScale).epsilon(0.04));

    play(*app, tap_switch(kSoundSwitchMin));
    CHECK_FALSE(app->preferences().sound_on);
    CHECK(app->preferences().large_text);
    play(*app, tap_switch(kSoundSwitchMin));
    CHECK(app->preferences().sound_on);
    play(*app, tap_switch(kSoundSwitchMin));
    CHECK_FALSE(app->preferences().sound_on);

    // The visitor leaves: attract, and the next one sees the defaults.
    play(*app, "wait 10.5\n");
    REQUIRE(app->screen() == ScreenId::Attract);
    play(*app, "tap 960 540\nwait 0.5\n");
    REQUIRE(app->screen() == ScreenId::Home);
    CHECK(app->preferences().large_text == defaults.large_text);
    CHECK(app->preferences().sound_on == defaults.sound_on);
    CHECK(title_right("next-visitor") == normal);

    // The switches stay where they are in English, with large text too.
    play(*app, kTapLanguage + tap_switch(kLargeTextSwitchMin));
    CHECK(app->language() == Language::En);
    CHECK(app->preferences().large_text);
    play(*app, tap_switch(kLargeTextSwitchMin));
    CHECK_FALSE(app->preferences().large_text);
}

TEST_CASE("large text grows the exhibit's kiosk.text and the back-home button too",
          "[access][exhibit]") {
    // The same exhibit (the first tile) opened without and with large text.
    const auto exhibit_texts = [](bool large) {
        auto app = make_app(1920, 1080);
        play(*app, (large ? tap_switch(kLargeTextSwitchMin) : "") + "tap 357 560\nwait 1\n");
        REQUIRE(app->screen() == ScreenId::Exhibit);
        REQUIRE(app->preferences().large_text == large);
        return next_frame_texts(*app);
    };
    const std::vector<DrawnText> normal = exhibit_texts(false), large = exhibit_texts(true);
    int compared = 0;
    for (const DrawnText& n : normal) {
        const DrawnText* l = find_text(large, n.text);
        if (!l || n.text.empty()) continue;
        INFO(describe(n) << "\n  large: " << describe(*l));
        CHECK(l->size == Approx(std::min(std::round(n.size * kLargeTextScale),
                                         std::max(n.size, Ui::kLargestTextSize)))
                             .margin(0.01));
        CHECK(l->box.height() > n.box.height());
        ++compared;
    }
    CHECK(compared >= 2); // the exhibit's own texts and the back-home label
    const DrawnText* back = find_text(large, "返回首页");
    REQUIRE(back);
    CHECK(inside(back->box, LogicalRect{{kBackHomeMin.x, kBackHomeMin.y},
                                        {kBackHomeMin.x + kBackHomeSize.x,
                                         kBackHomeMin.y + kBackHomeSize.y}}));
}

//-----------------------------------------------------------------------------
// [SECTION] Large text still fits
//-----------------------------------------------------------------------------

TEST_CASE("with large text every screen still fits 1920x1080 in zh and en", "[access][layout]") {
    for (Language language : {Language::Zh, Language::En}) {
        const std::string lang = language == Language::Zh ? "zh" : "en";
        DYNAMIC_SECTION(lang) {
            auto app = make_app(1920, 1080);
            std::string to_large = tap_switch(kLargeTextSwitchMin);
            if (language == Language::En) to_large = kTapLanguage + to_large;
            play(*app, to_large);
            REQUIRE(app->preferences().large_text);
            REQUIRE(app->language() == language);

            // Home: the top bar's texts clear of each other; the tiles in view hold their text.
            std::vector<DrawnText> home = next_frame_texts(*app);
            shot(*app, "large-home-" + lang);
            const LogicalRect top_bar{{0, 0}, {kLogicalWidth, 270}};
            const LogicalRect grid_in_view{{0, 270}, {kLogicalWidth, 1040}};
            std::vector<DrawnText> in_view;
            for (const DrawnText& t : home)
                if (inside(t.box, top_bar, 0) || inside(t.box, grid_in_view, 0))
                    in_view.push_back(t);
            CHECK(in_view.size() >= 8);
            check_every_text_fits(in_view, "home");
            check_no_overlaps(home, top_bar, "home's top bar");
            check_no_overlaps(home, grid_in_view, "home's tiles");

            // A quiz question and its feedback: option texts inside their cards.
            play(*app, kOpenFirstQuiz);
            REQUIRE(app->screen() == ScreenId::Quiz);
            const QuizScreen& quiz = app->quiz_screen();
            REQUIRE(quiz.phase() == QuizPhase::Question);
            std::vector<DrawnText> asked = next_frame_texts(*app);
            shot(*app, "large-quiz-" + lang);
            check_every_text_fits(asked, "quiz question");
            check_no_overlaps(asked, kScreen, "quiz question");
            const QuizQuestion& question = *quiz.current_question();
            int option_texts = 0;
            for (const QuizOption& option : question.options) {
                std::optional<LogicalRect> card = quiz.target("option:" + option.id);
                REQUIRE(card);
                if (option.text.zh.empty()) continue; // true/false, or a picture
                const DrawnText* drawn = find_text(asked, option.text.in(language));
                REQUIRE(drawn);
                INFO(describe(*drawn));
                CHECK(inside(drawn->box, *card));
                ++option_texts;
            }
            if (question.type != QuestionType::TrueFalse &&
                question.type != QuestionType::ImageChoice)
                CHECK(option_texts >= 2);

            std::string answer = tap_at(*quiz.target("option:" + question.options.back().id));
            play(*app, answer);
            if (quiz.phase() == QuizPhase::Question) play(*app, tap_at(*quiz.target("check")));
            REQUIRE(quiz.phase() == QuizPhase::Feedback);
            std::vector<DrawnText> feedback = next_frame_texts(*app);
            shot(*app, "large-feedback-" + lang);
            check_every_text_fits(feedback, "quiz feedback");
            check_no_overlaps(feedback, kScreen, "quiz feedback");
        }
    }
}

TEST_CASE("with large text the exhibit's error cards still fit", "[access][layout]") {
    TempFolder exhibits;
    write_test_exhibit(exhibits, "broken",
                       "function exhibit.draw()\n  error('a curator typo')\nend\n");
    for (bool dev : {false, true})
        for (Language language : {Language::Zh, Language::En}) {
            const std::string name = std::string(dev ? "dev-error-" : "resting-") +
                                     (language == Language::Zh ? "zh" : "en");
            DYNAMIC_SECTION(name) {
                KioskConfig config =
                    load_sample_config("kiosk-config/county-museum.lua", "access-" + name);
                config.default_language = language;
                AppOptions options;
                options.width = 1920;
                options.height = 1080;
                options.exhibit_path = exhibits.file("broken");
                options.dev = dev;
                auto app = make_app_from(config, options);
                run_frames(*app, 3);
                REQUIRE(app->screen() == ScreenId::Exhibit);
                REQUIRE(app->exhibit_screen().host());
                REQUIRE(app->exhibit_screen().host()->failed());
                // Preview has no home screen: large text is set as its switch would.
                app->set_preferences({.large_text = true});
                run_frames(*app, 2); // the larger sizes are baked by then
                std::vector<DrawnText> card = next_frame_texts(*app);
                shot(*app, "large-" + name);
                check_every_text_fits(card, name);
                check_no_overlaps(card, kScreen, name);
            }
        }
}

//-----------------------------------------------------------------------------
// [SECTION] Contrast
//-----------------------------------------------------------------------------

TEST_CASE("every text colour of the runtime's theme meets WCAG AA on its background",
          "[access][contrast]") {
    for (const TextPair& pair : runtime_text_pairs()) {
        INFO(pair.where << ": " << pair_contrast(pair) << ":1, drawn from " << pair.smallest_px
                        << " px");
        CHECK(pair_contrast(pair) >= required_contrast(pair.smallest_px));
    }
}

TEST_CASE("on screenshots, every runtime text is drawn in its theme colours with AA contrast",
          "[access][contrast]") {
    for (Language language : {Language::Zh, Language::En}) {
        const std::string lang = language == Language::Zh ? "zh" : "en";
        DYNAMIC_SECTION(lang) {
            auto app = make_app(1920, 1080, "kiosk-config/county-museum.lua", short_idle);
            if (language == Language::En) play(*app, kTapLanguage);
            REQUIRE(app->language() == language);
            CHECK(check_drawn_contrast(*app, "home-" + lang) >= 8);
            play(*app, tap_switch(kLargeTextSwitchMin));
            CHECK(check_drawn_contrast(*app, "home-large-" + lang) >= 8);
            play(*app, tap_switch(kLargeTextSwitchMin));

            play(*app, kOpenFirstQuiz);
            REQUIRE(app->screen() == ScreenId::Quiz);
            const QuizScreen& quiz = app->quiz_screen();
            CHECK(check_drawn_contrast(*app, "quiz-" + lang) >= 3);
            // Answer wrong where possible: right, wrong and "your pick" rows all show.
            const QuizQuestion& question = *quiz.current_question();
            std::string wrong_id = question.options.back().id;
            for (const QuizOption& option : question.options)
                if (std::find(question.answer.begin(), question.answer.end(), option.id) ==
                    question.answer.end())
                    wrong_id = option.id;
            play(*app, tap_at(*quiz.target("option:" + wrong_id)));
            if (quiz.phase() == QuizPhase::Question) play(*app, tap_at(*quiz.target("check")));
            REQUIRE(quiz.phase() == QuizPhase::Feedback);
            CHECK(check_drawn_contrast(*app, "feedback-" + lang) >= 4);

            play(*app, "wait 10.5\n");
            REQUIRE(app->screen() == ScreenId::Attract);
            CHECK(check_drawn_contrast(*app, "attract-" + lang) >= 3);
        }
    }
}

TEST_CASE("on screenshots, the exhibit's error cards meet WCAG AA", "[access][contrast]") {
    TempFolder exhibits;
    write_test_exhibit(exhibits, "broken",
                       "function exhibit.draw()\n  error('a curator typo')\nend\n");
    for (bool dev : {false, true}) {
        DYNAMIC_SECTION((dev ? "dev error" : "resting card")) {
            KioskConfig config = load_sample_config(
                "kiosk-config/county-museum.lua", dev ? "access-contrast-dev" : "access-contrast");
            AppOptions options;
            options.width = 1920;
            options.height = 1080;
            options.exhibit_path = exhibits.file("broken");
            options.dev = dev;
            auto app = make_app_from(config, options);
            run_frames(*app, 3);
            REQUIRE(app->exhibit_screen().host());
            REQUIRE(app->exhibit_screen().host()->failed());
            CHECK(check_drawn_contrast(*app, dev ? "dev-error" : "resting") >= 3);
        }
    }
}
