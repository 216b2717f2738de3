// Quiz screen tests: QuizScreen driven by simulated taps outside KioskApp, on a
// small headless harness of its own (display, fonts, ImGui frame, images,
// strings) built the way KioskApp builds them. Every question type answered
// right and wrong records exactly one QuizAnswerRecord; multiple-choice ticks
// and ordering steps (with undo); the tap guard; the score screen's band
// message; play again; home; and goldens (960x540) of a question, its feedback
// and the score screen in zh and en (tests/app/goldens/quiz-*.png).
//
// Index of this file:
// [SECTION] Helpers: sample packs and the sample config
// [SECTION] The harness: what KioskApp gives a screen
// [SECTION] Recording answers, opening a round, answering by taps
// [SECTION] Answering: every question type, ticks, ordering steps, the tap guard
// [SECTION] A full round: progress, score, the band's message, play again, home
// [SECTION] Goldens: zh and en, every question type, long text
// [SECTION] Every sample question, for looking at (not run by default)

#include "app/quiz_screen.h"
#include "app_test_support.h"
#include "headless_screen.h"
#include "test_paths.h"

#include "core/strings_table.h"
#include "core/utf8_text.h"
#include "render/display.h"
#include "render/fonts.h"
#include "render/imgui_layer.h"

#include <SDL.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <set>

using namespace kiosk;
using namespace kiosk::test;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers: sample packs and the sample config
//-----------------------------------------------------------------------------

constexpr double kDt = 1.0 / 60;

struct LoadedPack {
    ContentManifest manifest;
    QuizPack pack;
    std::shared_ptr<const FileSource> files;
};

// A sample quiz pack as the build packs it, its pictures rendered from their
// drawings (build/sample-folders, made by demo_content).
LoadedPack load_sample(const std::string& name) {
    const std::string folder = kiosk::test::binary_dir() + "/sample-folders/" + name;
    ManifestLoadResult manifest = load_content_manifest(folder);
    for (const std::string& e : manifest.errors)
        UNSCOPED_INFO(e);
    REQUIRE(manifest.ok());
    QuizLoadResult quiz = load_quiz_folder(folder);
    for (const std::string& e : quiz.errors)
        UNSCOPED_INFO(e);
    REQUIRE(quiz.ok());
    return {*manifest.manifest, *quiz.pack, std::make_shared<FolderSource>(folder)};
}

// The county museum sample config, for its font and strings file (the quiz
// needs no data folder, so none is made: ctest runs test cases in parallel).
KioskConfig sample_config() {
    ConfigLoadResult loaded = load_kiosk_config(source_path("kiosk-config/county-museum.lua"));
    for (const std::string& e : loaded.errors)
        UNSCOPED_INFO(e);
    REQUIRE(loaded.ok());
    return *loaded.config;
}

// A one-question pack holding the sample question `question_id`.
LoadedPack single_question(const std::string& pack_name, const std::string& question_id) {
    LoadedPack loaded = load_sample(pack_name);
    auto found = std::find_if(loaded.pack.questions.begin(), loaded.pack.questions.end(),
                              [&](const QuizQuestion& q) { return q.id == question_id; });
    REQUIRE(found != loaded.pack.questions.end());
    QuizQuestion question = *found;
    loaded.pack.questions = {question};
    loaded.pack.round_questions = 1;
    return loaded;
}

//-----------------------------------------------------------------------------
// [SECTION] The harness: what KioskApp gives a screen
//-----------------------------------------------------------------------------

// What KioskApp gives a screen, without KioskApp: a headless display, the
// sample config's font, the strings table, an ImGui frame, images, pointer.
FontSpec sample_font() {
    const KioskConfig config = sample_config();
    return FontSpec{config.font.path, config.font.face, float(config.font.title_px),
                    float(config.font.body_px), float(config.font.button_px)};
}

class Harness : public kiosk::test::HeadlessScreen {
public:
    explicit Harness(int width = 960, int height = 540,
                     const StringsTable* strings_override = nullptr)
        : HeadlessScreen(width, height, sample_font()) {
        KioskConfig config = sample_config();
        if (strings_override) {
            strings_ = *strings_override;
        } else {
            std::vector<std::string> keys = quiz_string_keys();
            StringsLoadResult strings = load_strings_table(config.strings_file, keys);
            for (const std::string& e : strings.errors)
                UNSCOPED_INFO(e);
            REQUIRE(strings.ok());
            strings_ = *strings.table;
        }
        images_ = std::make_unique<ImageCache>(display_->renderer());
    }
    ~Harness() { images_.reset(); } // before the renderer its textures live in

    // One fixed step and one frame, as KioskApp::step does.
    QuizAction frame(QuizScreen& quiz) {
        time_s_ += kDt;
        quiz.update(kDt);
        imgui_->begin_frame(pointer_, float(kDt), display_->width(), display_->height());
        ScreenContext context{ui_, strings_, language, time_s_, *images_, pointer_};
        QuizAction action = quiz.draw(context);
        imgui_->end_frame(theme::kBackground);
        display_->present();
        if (action != QuizAction::None) last_action_ = action;
        return action;
    }
    void frames(QuizScreen& quiz, int count) {
        for (int i = 0; i < count; ++i)
            frame(quiz);
    }
    void wait(QuizScreen& quiz, double seconds) { frames(quiz, int(std::lround(seconds / kDt))); }

    // A finger down at a logical point, up 0.1 s later, then two more frames.
    void tap(QuizScreen& quiz, ImVec2 logical) {
        ImVec2 at = ui_.to_screen(logical);
        pointer_.push(PointerEvent{PointerPhase::Down, 1, at.x, at.y});
        frames(quiz, 6);
        pointer_.push(PointerEvent{PointerPhase::Up, 1, at.x, at.y});
        frames(quiz, 2);
    }
    void tap(QuizScreen& quiz, const std::string& target) {
        std::optional<LogicalRect> rect = quiz.target(target);
        INFO("target " << target);
        REQUIRE(rect);
        tap(quiz, as_imvec(rect->center()));
    }

    QuizAction last_action() const { return last_action_; }
    double time_s() const { return time_s_; }
    Language language = Language::Zh;

private:
    StringsTable strings_;
    std::unique_ptr<ImageCache> images_;
    double time_s_ = 0;
    QuizAction last_action_ = QuizAction::None;
};

//-----------------------------------------------------------------------------
// [SECTION] Recording answers, opening a round, answering by taps
//-----------------------------------------------------------------------------

struct Recorder {
    std::vector<QuizAnswerRecord> records;
    QuizAnswerHook hook() {
        return [this](const QuizAnswerRecord& r) { records.push_back(r); };
    }
};

void open(QuizScreen& quiz, Harness& harness, const LoadedPack& loaded, uint64_t seed) {
    quiz.open(loaded.manifest, loaded.pack, loaded.files, seed);
    harness.frames(quiz, 2);
}

// The ids of the options of the current question in the order shown.
std::vector<std::string> shown_ids(const QuizScreen& quiz) {
    const QuizQuestion& question = *quiz.current_question();
    std::vector<std::string> ids;
    for (size_t option : quiz.round().questions[quiz.question_number()].option_order)
        ids.push_back(question.options[option].id);
    return ids;
}

// The ids a visitor taps to answer the current question right or wrong, in
// tapping order (multiple: the ticks; order: the steps).
std::vector<std::string> answer_ids(const QuizQuestion& question, bool right) {
    std::vector<std::string> ids = question.answer;
    if (right) return ids;
    switch (question.type) {
    case QuestionType::Multiple: // the right set plus one wrong option
        for (const QuizOption& o : question.options)
            if (std::find(ids.begin(), ids.end(), o.id) == ids.end()) {
                ids.push_back(o.id);
                break;
            }
        return ids;
    case QuestionType::Order:
        std::swap(ids[0], ids[1]);
        return ids;
    default:
        for (const QuizOption& o : question.options)
            if (o.id != question.answer[0]) return {o.id};
        return {};
    }
}

// Answers the current question by taps; returns the ids the record should hold.
std::vector<std::string> answer_by_taps(QuizScreen& quiz, Harness& harness, bool right) {
    const QuizQuestion& question = *quiz.current_question();
    std::vector<std::string> taps = answer_ids(question, right);
    for (const std::string& id : taps)
        harness.tap(quiz, "option:" + id);
    if (question.type == QuestionType::Multiple || question.type == QuestionType::Order)
        harness.tap(quiz, "check");
    if (question.type == QuestionType::Multiple) { // recorded in the pack's order
        std::vector<std::string> in_pack_order;
        for (const QuizOption& o : question.options)
            if (std::find(taps.begin(), taps.end(), o.id) != taps.end())
                in_pack_order.push_back(o.id);
        return in_pack_order;
    }
    return taps;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Answering: every question type, ticks, ordering steps, the tap guard
//-----------------------------------------------------------------------------

TEST_CASE("every question type answered right and wrong records one answer", "[quiz]") {
    Harness harness;
    const std::pair<const char*, const char*> questions[] = {
        {"emergency-safety", "quake-indoor"},     // single, with a picture
        {"emergency-safety", "quake-kit"},        // multiple
        {"emergency-safety", "quake-aftershock"}, // true/false (answer false)
        {"emergency-safety", "power-wet-hands"},  // true/false (answer true), picture
        {"emergency-safety", "quake-safe-place"}, // image choice with captions
        {"emergency-safety", "fire-exit-sign"},   // image choice, pictures only
        {"emergency-safety", "fire-escape"},      // order, with a picture
        {"general-science", "water-cycle"},       // order
    };
    for (const auto& [pack_name, question_id] : questions)
        for (bool right : {true, false}) {
            DYNAMIC_SECTION(question_id << (right ? " right" : " wrong")) {
                LoadedPack loaded = single_question(pack_name, question_id);
                Recorder recorder;
                QuizScreen quiz(recorder.hook());
                open(quiz, harness, loaded, 11);
                REQUIRE(quiz.phase() == QuizPhase::Question);
                harness.wait(quiz, 1.0);
                std::vector<std::string> expected = answer_by_taps(quiz, harness, right);

                REQUIRE(recorder.records.size() == 1);
                const QuizAnswerRecord& record = recorder.records[0];
                CHECK(record.pack_id == loaded.manifest.id);
                CHECK(record.question_id == question_id);
                CHECK(record.chosen == expected);
                CHECK(record.correct == right);
                // From the question's first frame (the first of open's two): one
                // second of waiting, then 8 frames a tap, answered on the release
                // frame (the 7th) of the last.
                const QuestionType type = quiz.pack().questions[0].type;
                const int taps = int(expected.size()) +
                                 (type == QuestionType::Multiple || type == QuestionType::Order);
                CHECK(record.seconds_to_answer ==
                      Approx((1 + 60 + 8 * (taps - 1) + 7) * kDt).margin(0.1 * kDt));
                CHECK(quiz.phase() == QuizPhase::Feedback);
                CHECK(quiz.correct_count() == (right ? 1 : 0));
                // Every option is marked on the feedback screen.
                for (const QuizOption& o : quiz.pack().questions[0].options)
                    CHECK(quiz.target("option:" + o.id));

                // Tapping the options again changes nothing: one record per question.
                harness.wait(quiz, 0.5);
                for (const QuizOption& o : quiz.pack().questions[0].options)
                    harness.tap(quiz, "option:" + o.id);
                CHECK(recorder.records.size() == 1);
                CHECK(quiz.phase() == QuizPhase::Feedback);

                harness.tap(quiz, "next");
                CHECK(quiz.phase() == QuizPhase::Score);
                CHECK(recorder.records.size() == 1);
            }
        }
}

TEST_CASE("multiple choice: taps toggle, Check needs a tick", "[quiz]") {
    Harness harness;
    LoadedPack loaded = single_question("emergency-safety", "flood-warning"); // a, b, d
    Recorder recorder;
    QuizScreen quiz(recorder.hook());
    open(quiz, harness, loaded, 3);
    harness.wait(quiz, 0.5);

    harness.tap(quiz, "check"); // nothing ticked: Check does nothing
    CHECK(recorder.records.empty());
    CHECK(quiz.phase() == QuizPhase::Question);

    harness.tap(quiz, "option:d");
    harness.tap(quiz, "option:c");
    harness.tap(quiz, "option:a");
    harness.tap(quiz, "option:c");   // untick
    CHECK(recorder.records.empty()); // ticking never answers
    harness.tap(quiz, "option:b");
    harness.tap(quiz, "check");
    REQUIRE(recorder.records.size() == 1);
    CHECK(recorder.records[0].chosen == std::vector<std::string>{"a", "b", "d"});
    CHECK(recorder.records[0].correct);

    // Untick everything: Check is disabled again.
    QuizScreen again(recorder.hook());
    open(again, harness, loaded, 3);
    harness.wait(again, 0.5);
    harness.tap(again, "option:a");
    harness.tap(again, "option:a");
    harness.tap(again, "check");
    CHECK(recorder.records.size() == 1);
    CHECK(again.phase() == QuizPhase::Question);
}

TEST_CASE("ordering: steps get numbers in tap order, a numbered step undoes", "[quiz]") {
    Harness harness;
    LoadedPack loaded = single_question("emergency-safety", "fire-extinguisher");
    // Correct: lift, pin, aim, press.
    Recorder recorder;
    QuizScreen quiz(recorder.hook());
    open(quiz, harness, loaded, 5);
    harness.wait(quiz, 0.5);
    // Shown shuffled, never already solved.
    CHECK(shown_ids(quiz) != std::vector<std::string>{"lift", "pin", "aim", "press"});

    harness.tap(quiz, "option:pin");
    harness.tap(quiz, "option:lift");
    harness.tap(quiz, "option:aim");
    harness.tap(quiz, "check"); // three of four numbered: not yet
    CHECK(recorder.records.empty());
    harness.tap(quiz, "option:pin"); // undo: lift and aim move up to 1 and 2
    harness.tap(quiz, "option:pin");
    harness.tap(quiz, "option:press");
    CHECK(recorder.records.empty());
    harness.tap(quiz, "check");
    REQUIRE(recorder.records.size() == 1);
    CHECK(recorder.records[0].chosen == std::vector<std::string>{"lift", "aim", "pin", "press"});
    CHECK_FALSE(recorder.records[0].correct);

    QuizScreen right(recorder.hook());
    open(right, harness, loaded, 5);
    harness.wait(right, 0.5);
    for (const char* id : {"lift", "pin", "aim", "press"})
        harness.tap(right, std::string("option:") + id);
    harness.tap(right, "check");
    REQUIRE(recorder.records.size() == 2);
    CHECK(recorder.records[1].chosen == std::vector<std::string>{"lift", "pin", "aim", "press"});
    CHECK(recorder.records[1].correct);
}

TEST_CASE("a tap right after a question appears does not answer it", "[quiz]") {
    Harness harness;
    LoadedPack loaded = single_question("emergency-safety", "fire-call");
    Recorder recorder;
    QuizScreen quiz(recorder.hook());
    open(quiz, harness, loaded, 1);
    harness.tap(quiz, "option:b"); // within the guard: a bounced double tap
    CHECK(recorder.records.empty());
    harness.wait(quiz, 0.4);
    harness.tap(quiz, "option:b");
    REQUIRE(recorder.records.size() == 1);
    CHECK(recorder.records[0].correct);
}

//-----------------------------------------------------------------------------
// [SECTION] A full round: progress, score, the band's message, play again, home
//-----------------------------------------------------------------------------

TEST_CASE("a full round: progress, score, the band's message, play again, home", "[quiz]") {
    // Band messages made of characters nothing else uses: a character is
    // registered with the font library only once something draws it.
    StringsTable strings;
    {
        KioskConfig config = sample_config();
        StringsLoadResult loaded = load_strings_table(config.strings_file, quiz_string_keys());
        REQUIRE(loaded.ok());
        strings = *loaded.table;
    }
    const char* band_text[] = {"鑫", "麒", "麟", "龘"};
    for (int band = 0; band < 4; ++band)
        strings.set("quiz_band_" + std::to_string(band),
                    Bilingual{band_text[band], band_text[band]});
    const auto rasterized = [](Harness& h, const char* utf8) {
        size_t at = 0;
        return h.fonts().has_glyph_at_any_size(decode_utf8(utf8, at));
    };

    LoadedPack loaded = load_sample("emergency-safety");
    REQUIRE(loaded.pack.round_questions == 6);
    // Right answers per band for a round of six: 1 (band 0), 3 (1), 5 (2), 6 (3).
    const int rights[] = {1, 3, 5, 6};
    for (int band = 0; band < 4; ++band) {
        DYNAMIC_SECTION("band " << band) {
            Harness harness(960, 540, &strings);
            Recorder recorder;
            QuizScreen quiz(recorder.hook());
            open(quiz, harness, loaded, 42);
            const size_t total = quiz.round().questions.size();
            REQUIRE(total == 6);
            std::set<std::string> seen;
            for (size_t i = 0; i < total; ++i) {
                REQUIRE(quiz.phase() == QuizPhase::Question);
                CHECK(quiz.question_number() == i);
                seen.insert(quiz.current_question()->id);
                harness.wait(quiz, 0.5);
                answer_by_taps(quiz, harness, int(i) < rights[band]);
                REQUIRE(recorder.records.size() == i + 1);
                harness.wait(quiz, 0.5);
                harness.tap(quiz, "next");
            }
            CHECK(seen.size() == total); // no question twice
            REQUIRE(quiz.phase() == QuizPhase::Score);
            CHECK(quiz.correct_count() == rights[band]);
            CHECK(score_band(rights[band], 6) == band);
            harness.wait(quiz, 1.0);
            for (int other = 0; other < 4; ++other)
                CHECK(rasterized(harness, band_text[other]) == (other == band));

            // Play again: a new round from the next seed, from the first question.
            const QuizRound before = quiz.round();
            harness.tap(quiz, "play_again");
            REQUIRE(quiz.phase() == QuizPhase::Question);
            CHECK(quiz.round().seed == before.seed + 1);
            CHECK(quiz.question_number() == 0);
            CHECK(quiz.answered_count() == 0);
            std::vector<size_t> old_questions, new_questions;
            for (const RoundQuestion& q : before.questions)
                old_questions.push_back(q.question);
            for (const RoundQuestion& q : quiz.round().questions)
                new_questions.push_back(q.question);
            CHECK(old_questions != new_questions);
            CHECK(harness.last_action() == QuizAction::None);

            // Finish it all wrong, then Home.
            for (size_t i = 0; i < total; ++i) {
                harness.wait(quiz, 0.5);
                answer_by_taps(quiz, harness, false);
                harness.wait(quiz, 0.5);
                harness.tap(quiz, "next");
            }
            REQUIRE(quiz.phase() == QuizPhase::Score);
            CHECK(recorder.records.size() == 2 * total);
            CHECK(quiz.correct_count() == 0);
            harness.wait(quiz, 0.5);
            harness.tap(quiz, "home");
            CHECK(harness.last_action() == QuizAction::Home);
            quiz.close();
            CHECK_FALSE(quiz.is_open());
            CHECK(harness.frame(quiz) == QuizAction::None);
        }
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Goldens: zh and en, every question type, long text
//-----------------------------------------------------------------------------

TEST_CASE("quiz screens match their goldens in zh and en", "[quiz][golden]") {
    for (Language language : {Language::Zh, Language::En}) {
        const std::string suffix = language == Language::Zh ? "zh" : "en";
        DYNAMIC_SECTION(suffix) {
            Harness harness;
            harness.language = language;
            LoadedPack loaded = single_question("emergency-safety", "quake-indoor");
            Recorder recorder;
            QuizScreen quiz(recorder.hook());
            open(quiz, harness, loaded, 2);
            harness.wait(quiz, 1.0);
            PngCompare question = harness.golden("quiz-question-" + suffix);
            INFO(question.message);
            CHECK(question.same);

            harness.tap(quiz, "option:d"); // wrong: the right one is marked green
            REQUIRE(quiz.phase() == QuizPhase::Feedback);
            harness.wait(quiz, 1.0);
            PngCompare feedback = harness.golden("quiz-feedback-" + suffix);
            INFO(feedback.message);
            CHECK(feedback.same);

            LoadedPack full = load_sample("emergency-safety");
            QuizScreen round(recorder.hook());
            open(round, harness, full, 42);
            for (int i = 0; i < 6; ++i) {
                harness.wait(round, 0.5);
                answer_by_taps(round, harness, i != 2);
                harness.wait(round, 0.5);
                harness.tap(round, "next");
            }
            REQUIRE(round.phase() == QuizPhase::Score);
            harness.wait(round, 2.0); // the stars have popped
            PngCompare score = harness.golden("quiz-score-" + suffix);
            INFO(score.message);
            CHECK(score.same);
        }
    }
}

TEST_CASE("multiple, order and image-choice screens match their goldens", "[quiz][golden]") {
    Harness harness;
    Recorder recorder;
    struct Shot {
        const char* pack;
        const char* question;
        Language language;
        const char* name;
    };
    const Shot shots[] = {
        {"emergency-safety", "flood-warning", Language::Zh, "quiz-multiple-zh"},
        {"emergency-safety", "fire-escape", Language::En, "quiz-order-en"},
        {"emergency-safety", "quake-safe-place", Language::Zh, "quiz-image-zh"},
        {"emergency-safety", "power-wet-hands", Language::En, "quiz-truefalse-en"},
    };
    for (const Shot& shot : shots) {
        DYNAMIC_SECTION(shot.name) {
            harness.language = shot.language;
            LoadedPack loaded = single_question(shot.pack, shot.question);
            QuizScreen quiz(recorder.hook());
            open(quiz, harness, loaded, 9);
            harness.wait(quiz, 0.5);
            const QuizQuestion& question = *quiz.current_question();
            // Halfway through: some ticks or numbers, so the selected state shows.
            std::vector<std::string> partial;
            if (question.type == QuestionType::Multiple) partial = {"b"};
            if (question.type == QuestionType::Order)
                partial = {question.options[1].id, question.options[0].id};
            for (const std::string& id : partial)
                harness.tap(quiz, "option:" + id);
            harness.wait(quiz, 0.5);
            PngCompare asked = harness.golden(std::string(shot.name));
            INFO(asked.message);
            CHECK(asked.same);
            for (auto id = partial.rbegin(); id != partial.rend(); ++id) // undo them
                harness.tap(quiz, "option:" + *id);
            CHECK(recorder.records.empty()); // ticking and numbering never answer

            answer_by_taps(quiz, harness, false);
            REQUIRE(quiz.phase() == QuizPhase::Feedback);
            harness.wait(quiz, 1.0);
            PngCompare feedback = harness.golden(std::string(shot.name) + "-feedback");
            INFO(feedback.message);
            CHECK(feedback.same);
        }
    }
}

TEST_CASE("long text shrinks and wraps inside its cards", "[quiz][golden]") {
    // Six long options under a long prompt beside a picture: the tightest layout.
    LoadedPack loaded = single_question("emergency-safety", "flood-warning");
    QuizQuestion& question = loaded.pack.questions[0];
    question.image_path = "images/flood.png";
    question.prompt = {
        "收到暴雨洪水预警的时候，家里的大人和孩子应该一起做哪些准备，哪些做法是对的？"
        "请仔细想一想再选择",
        "A flood warning has been issued for your village tonight. Which of these "
        "are the right things for the whole family to do before the water comes?"};
    question.options.push_back({"e",
                                {"把家里所有的门窗都打开，让洪水可以顺利地流过房子而不会把墙冲倒",
                                 "Open every door and window so that the floodwater can flow "
                                 "through the house without knocking the walls down"}});
    question.options.push_back(
        {"f",
         {"带上手机、充电宝、身份证和常用药", "Take phones, a power bank, "
                                              "ID cards and everyday medicine with you"}});
    question.explanation.en += " " + question.explanation.en + " " + question.explanation.en;
    question.explanation.zh += question.explanation.zh + question.explanation.zh;
    for (Language language : {Language::En, Language::Zh}) {
        const std::string suffix = language == Language::Zh ? "zh" : "en";
        DYNAMIC_SECTION(suffix) {
            Harness harness;
            harness.language = language;
            Recorder recorder;
            QuizScreen quiz(recorder.hook());
            open(quiz, harness, loaded, 4);
            harness.wait(quiz, 0.5);
            for (const QuizOption& option : question.options) { // targets stay finger-sized
                std::optional<LogicalRect> card = quiz.target("option:" + option.id);
                REQUIRE(card);
                CHECK(card->max.y - card->min.y >= 110);
                CHECK(card->max.y <= quiz.target("check")->min.y);
            }
            harness.tap(quiz, "option:e");
            harness.tap(quiz, "option:f");
            PngCompare asked = harness.golden("quiz-long-" + suffix);
            INFO(asked.message);
            CHECK(asked.same);
            harness.tap(quiz, "check");
            REQUIRE(recorder.records.size() == 1);
            CHECK(recorder.records[0].chosen == std::vector<std::string>{"e", "f"});
            harness.wait(quiz, 1.0);
            PngCompare feedback = harness.golden("quiz-long-feedback-" + suffix);
            INFO(feedback.message);
            CHECK(feedback.same);
        }
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Every sample question, for looking at (not run by default)
//-----------------------------------------------------------------------------

// Not run by default: `app_tests "[quiz-look]"` writes every sample question
// (asked, then answered wrong) in zh and en to build/test-tmp/quiz-look/ for a
// person to look at after a layout change.
TEST_CASE("every sample question, for looking at", "[.][quiz-look]") {
    const std::string dir = temp_dir("quiz-look");
    Harness harness;
    for (const char* pack_name : {"emergency-safety", "general-science"}) {
        LoadedPack all = load_sample(pack_name);
        for (const QuizQuestion& question : all.pack.questions)
            for (Language language : {Language::Zh, Language::En}) {
                harness.language = language;
                LoadedPack one = single_question(pack_name, question.id);
                QuizScreen quiz(nullptr);
                open(quiz, harness, one, 1);
                harness.wait(quiz, 0.5);
                const std::string name =
                    dir + "/" + question.id + "-" + (language == Language::Zh ? "zh" : "en");
                harness.screenshot(name + ".png");
                answer_by_taps(quiz, harness, false);
                harness.wait(quiz, 0.5);
                harness.screenshot(name + "-feedback.png");
            }
    }
}
