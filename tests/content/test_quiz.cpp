// Tests for quiz.h: the two sample packs load cleanly and keep their promises
// (types, counts, short texts), every schema rule reports its exact
// file:line message, scoring of each question type, seeded rounds (determinism,
// variety, order questions never shown solved, the same draw on every
// platform) and the score bands.
//
// Index of this file:
// [SECTION] Helpers: the sample packs' folder, a good quiz, synthetic packs
// [SECTION] The sample packs
// [SECTION] Loading: the model, each type's options, schema errors, folders
// [SECTION] Scoring
// [SECTION] Rounds: draw_round
// [SECTION] Score bands

#include "../core/temp_folder.h"
#include "content/quiz.h"
#include "core/lua_data.h"
#include "core/utf8_text.h"
#include "test_paths.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace kiosk;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers: the sample packs' folder, a good quiz, synthetic packs
//-----------------------------------------------------------------------------

// The sample packs as the build packs them: content/* with each drawing (.svg)
// rendered to its picture (.png); the top-level CMakeLists.txt says how.
const std::string kContent = kiosk::test::binary_dir() + "/sample-folders/";

// A small valid quiz; each schema test changes a line or two. Line numbers
// matter: the expected messages below name them.
const char* kGoodQuiz = R"(return {
  round = { questions = 2 },
  questions = {
    { id = "one", type = "single", difficulty = 2, tags = { "t1", "t2" },
      prompt = { zh = "一？", en = "One?" },
      options = {
        { id = "a", text = { zh = "甲", en = "A" } },
        { id = "b", text = { zh = "乙", en = "B" } },
      },
      answer = "a",
      explanation = { zh = "因为。", en = "Because." } },
    { id = "two", type = "truefalse", image = "images/q.png",
      prompt = { zh = "二？", en = "Two?" },
      answer = true,
      explanation = { zh = "因为。", en = "Because." } },
  },
}
)";

// kGoodQuiz with the first occurrence of `from` replaced by `to`.
std::string good_quiz_with(const std::string& from, const std::string& to) {
    std::string text = kGoodQuiz;
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

// Files that exist in the pretend pack.
bool pack_has(const std::string& path) {
    static const std::set<std::string> files = {"images/q.png", "images/a.png", "images/b.png",
                                                "images/c.png"};
    return files.count(path) > 0;
}

QuizLoadResult load(const std::string& text) {
    return load_quiz(text, "quiz.lua", pack_has);
}

std::vector<std::string> errors_of(const std::string& text) {
    QuizLoadResult result = load(text);
    REQUIRE_FALSE(result.ok());
    return result.errors;
}

using Lines = std::vector<std::string>;

size_t code_points(const std::string& text) {
    size_t count = 0;
    for (size_t pos = 0; pos < text.size(); count++)
        decode_utf8(text, pos);
    return count;
}

bool is_permutation_of_indices(const std::vector<size_t>& order, size_t size) {
    std::vector<size_t> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    for (size_t i = 0; i < sorted.size(); i++)
        if (sorted[i] != i) return false;
    return sorted.size() == size;
}

bool is_identity(const std::vector<size_t>& order) {
    for (size_t i = 0; i < order.size(); i++)
        if (order[i] != i) return false;
    return true;
}

QuizQuestion question_of(QuestionType type, std::vector<std::string> option_ids,
                         std::vector<std::string> answer) {
    QuizQuestion question;
    question.id = "q";
    question.type = type;
    for (const std::string& id : option_ids)
        question.options.push_back(QuizOption{id, Bilingual{id, id}, ""});
    question.answer = std::move(answer);
    return question;
}

// A pack of `count` single questions "q1".."qN" with options a..d, plus
// what the test adds.
QuizPack synthetic_pack(int count, int round_questions) {
    QuizPack pack;
    pack.round_questions = round_questions;
    for (int i = 1; i <= count; i++) {
        QuizQuestion question = question_of(QuestionType::Single, {"a", "b", "c", "d"}, {"a"});
        question.id = "q" + std::to_string(i);
        pack.questions.push_back(question);
    }
    return pack;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] The sample packs
//-----------------------------------------------------------------------------

TEST_CASE("both sample quiz packs load with no errors or warnings", "[quiz][content]") {
    for (const char* name : {"emergency-safety", "general-science"}) {
        INFO(name);
        QuizLoadResult result = load_quiz_folder(kContent + name);
        INFO((result.errors.empty() ? std::string() : result.errors[0]));
        INFO((result.warnings.empty() ? std::string() : result.warnings[0]));
        REQUIRE(result.ok());
        REQUIRE(result.warnings.empty());
        const QuizPack& pack = *result.pack;

        REQUIRE(pack.questions.size() >= 15);
        REQUIRE(pack.round_questions >= 5);
        REQUIRE(static_cast<size_t>(pack.round_questions) <= pack.questions.size());
        std::map<QuestionType, int> per_type;
        for (const QuizQuestion& question : pack.questions)
            per_type[question.type]++;
        REQUIRE(per_type.size() == 5); // every type
        REQUIRE(per_type[QuestionType::ImageChoice] >= 2);
        REQUIRE(per_type[QuestionType::Order] >= 2);

        for (const QuizQuestion& question : pack.questions) {
            INFO(question.id);
            // Short enough for a touch screen, and always in both languages.
            REQUIRE(code_points(question.prompt.zh) <= 40);
            REQUIRE(code_points(question.explanation.zh) <= 80);
            REQUIRE_FALSE(question.prompt.en.empty());
            REQUIRE_FALSE(question.explanation.en.empty());
            for (const QuizOption& option : question.options) {
                REQUIRE(code_points(option.text.zh) <= 16);
                if (!option.text.zh.empty()) REQUIRE_FALSE(option.text.en.empty());
            }
            if (question.type == QuestionType::ImageChoice) {
                REQUIRE(question.options.size() >= 3);
                for (const QuizOption& option : question.options)
                    REQUIRE(option.image_path.rfind("images/", 0) == 0);
            }
        }

        // The manifest is data the package engineer's loader reads; here only
        // that it is well-formed data naming this pack and its files.
        DataLoadResult manifest = load_lua_data_file(kContent + name + "/manifest.lua");
        REQUIRE(manifest.ok());
        REQUIRE(manifest.root->find("id")->value.string == name);
        REQUIRE(manifest.root->find("kind")->value.string == "quiz");
        REQUIRE(manifest.root->find("entry")->value.string == "quiz.lua");
        std::ifstream thumbnail(kContent + name + "/thumbnail.png", std::ios::binary);
        char signature[8] = {};
        thumbnail.read(signature, 8);
        REQUIRE(std::string(signature, 8) == "\x89PNG\r\n\x1a\n");
    }
}

TEST_CASE("sample packs: the emergency pack covers its four themes", "[quiz][content]") {
    QuizLoadResult result = load_quiz_folder(kContent + "emergency-safety");
    REQUIRE(result.ok());
    std::set<std::string> tags;
    for (const QuizQuestion& question : result.pack->questions)
        tags.insert(question.tags.begin(), question.tags.end());
    for (const char* theme : {"earthquake", "flood", "fire", "electricity"})
        REQUIRE(tags.count(theme) == 1);
    // The fire number is 119.
    auto call = std::find_if(result.pack->questions.begin(), result.pack->questions.end(),
                             [](const QuizQuestion& q) { return q.id == "fire-call"; });
    REQUIRE(call != result.pack->questions.end());
    auto right = std::find_if(call->options.begin(), call->options.end(),
                              [&](const QuizOption& o) { return o.id == call->answer[0]; });
    REQUIRE(right->text.zh == "119");
}

//-----------------------------------------------------------------------------
// [SECTION] Loading: the model, each type's options, schema errors, folders
//-----------------------------------------------------------------------------

TEST_CASE("a good quiz loads into the model", "[quiz]") {
    std::vector<std::string> asked;
    QuizLoadResult result = load_quiz(kGoodQuiz, "quiz.lua", [&](const std::string& path) {
        asked.push_back(path);
        return pack_has(path);
    });
    INFO((result.errors.empty() ? std::string() : result.errors[0]));
    REQUIRE(result.ok());
    REQUIRE(result.warnings.empty());
    REQUIRE(asked == Lines{"images/q.png"});
    const QuizPack& pack = *result.pack;
    REQUIRE(pack.round_questions == 2);
    REQUIRE(pack.shuffle_options); // the default
    REQUIRE(pack.questions.size() == 2);

    const QuizQuestion& one = pack.questions[0];
    REQUIRE(one.id == "one");
    REQUIRE(one.type == QuestionType::Single);
    REQUIRE(one.prompt.zh == "一？");
    REQUIRE(one.prompt.in(Language::En) == "One?");
    REQUIRE(one.options.size() == 2);
    REQUIRE(one.options[1].id == "b");
    REQUIRE(one.options[1].text.zh == "乙");
    REQUIRE(one.options[1].image_path.empty());
    REQUIRE(one.answer == Lines{"a"});
    REQUIRE(one.explanation.en == "Because.");
    REQUIRE(one.difficulty == 2);
    REQUIRE(one.tags == Lines{"t1", "t2"});
    REQUIRE(one.image_path.empty());

    const QuizQuestion& two = pack.questions[1];
    REQUIRE(two.type == QuestionType::TrueFalse);
    REQUIRE(two.answer == Lines{"true"});
    REQUIRE(two.options.size() == 2); // implicit
    REQUIRE(two.options[0].id == "true");
    REQUIRE(two.options[1].id == "false");
    REQUIRE(two.image_path == "images/q.png");
    REQUIRE(two.difficulty == 1); // the default
    REQUIRE(two.tags.empty());
    REQUIRE(std::string(question_type_name(two.type)) == "truefalse");
}

TEST_CASE("every question type reads its own options and answer", "[quiz]") {
    const char* text = R"(return {
  round = { questions = 3, shuffle_options = false },
  questions = {
    { id = "m", type = "multiple", prompt = { zh = "多" }, explanation = { zh = "解" },
      options = { { id = "a", text = { zh = "甲" } }, { id = "b", text = { zh = "乙" } },
                  { id = "c", text = { zh = "丙" } } },
      answer = { "c", "a" } },
    { id = "i", type = "image", prompt = { zh = "图" }, explanation = { zh = "解" },
      options = { { id = "a", image = "images/a.png", text = { zh = "甲", en = "A" } },
                  { id = "b", image = "images/b.png" } },
      answer = "b" },
    { id = "o", type = "order", prompt = { zh = "序" }, explanation = { zh = "解" },
      options = { { id = "first", text = { zh = "一" } }, { id = "second", text = { zh = "二" } },
                  { id = "third", text = { zh = "三" } } } },
  },
}
)";
    QuizLoadResult result = load(text);
    INFO((result.errors.empty() ? std::string() : result.errors[0]));
    REQUIRE(result.ok());
    REQUIRE_FALSE(result.pack->shuffle_options);
    const std::vector<QuizQuestion>& questions = result.pack->questions;
    REQUIRE(questions[0].type == QuestionType::Multiple);
    REQUIRE(questions[0].answer == Lines{"c", "a"});
    REQUIRE(questions[1].type == QuestionType::ImageChoice);
    REQUIRE(questions[1].options[0].image_path == "images/a.png");
    REQUIRE(questions[1].options[0].text.en == "A");
    REQUIRE(questions[1].options[1].text.zh.empty()); // no caption
    REQUIRE(questions[1].answer == Lines{"b"});
    REQUIRE(questions[2].type == QuestionType::Order);
    REQUIRE(questions[2].answer == Lines{"first", "second", "third"});

    // Missing English is a warning per text, with its line.
    REQUIRE(result.warnings.size() == 12); // 5 + 2 + 5: a caption-less image option has none
    REQUIRE(result.warnings[0] ==
            "quiz.lua:4: questions[1].prompt: missing English text 'en' (the Chinese text is "
            "shown instead)");
}

TEST_CASE("quiz schema errors name the file, line and key", "[quiz]") {
    SECTION("unknown question type") {
        REQUIRE(errors_of(good_quiz_with("type = \"single\"", "type = \"singel\"")) ==
                Lines{"quiz.lua:4: questions[1].type: expected \"single\", \"multiple\", "
                      "\"truefalse\", \"image\" or \"order\", got \"singel\" (did you mean "
                      "\"single\"?)"});
    }
    SECTION("missing prompt zh") {
        REQUIRE(errors_of(good_quiz_with("prompt = { zh = \"一？\", en = \"One?\" }",
                                         "prompt = { en = \"One?\" }")) ==
                Lines{"quiz.lua:5: questions[1].prompt: missing required key 'zh'"});
    }
    SECTION("missing prompt") {
        REQUIRE(
            errors_of(good_quiz_with("      prompt = { zh = \"一？\", en = \"One?\" },\n", "\n")) ==
            Lines{"quiz.lua:4: questions[1]: missing required key 'prompt'"});
    }
    SECTION("answer not among the options") {
        REQUIRE(errors_of(good_quiz_with("answer = \"a\"", "answer = \"e\"")) ==
                Lines{"quiz.lua:10: questions[1].answer: \"e\" is not one of the options a, b"});
    }
    SECTION("duplicate question id") {
        REQUIRE(errors_of(good_quiz_with("id = \"two\"", "id = \"one\"")) ==
                Lines{"quiz.lua:12: questions[2].id: \"one\" is already the id of questions[1]"});
    }
    SECTION("bad question id") {
        REQUIRE(errors_of(good_quiz_with("id = \"two\"", "id = \"Two_2\"")) ==
                Lines{"quiz.lua:12: questions[2].id: expected 1 to 48 lowercase letters, digits "
                      "or '-' (like \"quake-shelter\")"});
    }
    SECTION("duplicate option id") {
        REQUIRE(errors_of(good_quiz_with("{ id = \"b\"", "{ id = \"a\"")) ==
                Lines{"quiz.lua:8: questions[1].options[2].id: \"a\" is already the id of "
                      "questions[1].options[1]"});
    }
    SECTION("too few options") {
        REQUIRE(errors_of(good_quiz_with(
                    "        { id = \"b\", text = { zh = \"乙\", en = \"B\" } },\n", "\n")) ==
                Lines{"quiz.lua:6: questions[1].options: expected 2 to 6 options, got 1"});
    }
    SECTION("an option that is not a table") {
        REQUIRE(errors_of(good_quiz_with("        { id = \"b\", text = { zh = \"乙\", en = "
                                         "\"B\" } },",
                                         "        \"b\",")) ==
                Lines{"quiz.lua:8: questions[1].options[2]: expected a table, got string \"b\""});
    }
    SECTION("true/false with options") {
        REQUIRE(
            errors_of(good_quiz_with(
                "      answer = true,",
                "      answer = true, options = { { id = \"a\", text = { zh = \"甲\" } } },")) ==
            Lines{"quiz.lua:14: questions[2].options: a true/false question has no options "
                  "(its answers are true and false): remove 'options'"});
    }
    SECTION("true/false answer that is not a boolean") {
        REQUIRE(errors_of(good_quiz_with("answer = true", "answer = \"true\"")) ==
                Lines{"quiz.lua:14: questions[2].answer: expected true or false, got string "
                      "\"true\""});
    }
    SECTION("order question with an answer key") {
        // Three steps (a third one on line 8), so only the answer key is wrong.
        std::string text = good_quiz_with("type = \"single\"", "type = \"order\"");
        text.replace(text.find("        { id = \"b\""), 0,
                     "        { id = \"c\", text = { zh = \"丙\" } }, ");
        REQUIRE(errors_of(text) ==
                Lines{"quiz.lua:10: questions[1].answer: an order question has no answer: list "
                      "its steps in 'options' in the correct order, and visitors see them "
                      "shuffled"});
    }
    SECTION("order question with two steps") {
        std::string text = good_quiz_with("type = \"single\"", "type = \"order\"");
        text.replace(text.find("      answer = \"a\",\n"), 19, "");
        REQUIRE(errors_of(text) ==
                Lines{"quiz.lua:6: questions[1].options: expected 3 to 6 steps, got 2"});
    }
    SECTION("image choice option without an image") {
        std::string text = good_quiz_with("type = \"single\"", "type = \"image\"");
        text.replace(text.find("{ id = \"a\","), 11, "{ id = \"a\", image = \"images/a.png\",");
        REQUIRE(errors_of(text) ==
                Lines{"quiz.lua:8: questions[1].options[2]: missing required key 'image'"});
    }
    SECTION("image file missing") {
        REQUIRE(errors_of(good_quiz_with("images/q.png", "images/missing.png")) ==
                Lines{"quiz.lua:12: questions[2].image: no file 'images/missing.png' in the "
                      "quiz pack"});
    }
    SECTION("image path outside the pack") {
        REQUIRE(errors_of(good_quiz_with("images/q.png", "../q.png")) ==
                Lines{"quiz.lua:12: questions[2].image: expected a path inside the quiz pack "
                      "like \"images/a.png\" (no empty, '.' or '..' parts)"});
        REQUIRE(errors_of(good_quiz_with("images/q.png", "/etc/q.png")) ==
                Lines{"quiz.lua:12: questions[2].image: expected a path inside the quiz pack "
                      "(like \"images/a.png\"), not an absolute path"});
    }
    SECTION("option images only in image questions") {
        REQUIRE(
            errors_of(good_quiz_with("{ id = \"a\",", "{ id = \"a\", image = \"images/a.png\",")) ==
            Lines{"quiz.lua:7: questions[1].options[1]: unknown key 'image'"});
    }
    SECTION("round draws more questions than the pack has") {
        REQUIRE(errors_of(good_quiz_with("questions = 2", "questions = 3")) ==
                Lines{"quiz.lua:2: round.questions: expected at most 2 (the number of questions "
                      "in the pack), got 3"});
        REQUIRE(errors_of(good_quiz_with("questions = 2", "questions = 51")) ==
                Lines{"quiz.lua:2: round.questions: expected an integer from 1 to 50, got 51"});
        REQUIRE(errors_of(good_quiz_with("round = { questions = 2 }", "round = {}")) ==
                Lines{"quiz.lua:2: round: missing required key 'questions'"});
    }
    SECTION("multiple choice answers") {
        std::string multiple = good_quiz_with("type = \"single\"", "type = \"multiple\"");
        auto with_answer = [&](const std::string& answer) {
            std::string text = multiple;
            text.replace(text.find("answer = \"a\""), 12, "answer = " + answer);
            return errors_of(text);
        };
        REQUIRE(with_answer("{ \"a\", \"b\" }") ==
                Lines{"quiz.lua:10: questions[1].answer: every option is marked correct; a "
                      "multiple-choice question needs at least one wrong option"});
        REQUIRE(with_answer("{ \"a\", \"a\" }") ==
                Lines{"quiz.lua:10: questions[1].answer: \"a\" is listed twice"});
        REQUIRE(with_answer("{ \"z\" }") ==
                Lines{"quiz.lua:10: questions[1].answer: \"z\" is not one of the options a, b"});
        REQUIRE(with_answer("{}") == Lines{"quiz.lua:10: questions[1].answer: expected at least "
                                           "one correct option, like { \"a\", \"c\" }"});
        REQUIRE(with_answer("\"a\"") ==
                Lines{"quiz.lua:10: questions[1].answer: expected a list of strings like { "
                      "\"a\", \"b\" }, got string \"a\""});
    }
    SECTION("a question that is not a table") {
        REQUIRE(errors_of(good_quiz_with("  },\n}", "    \"three\",\n  },\n}")) ==
                Lines{"quiz.lua:16: questions[3]: expected a table, got string \"three\""});
    }
    SECTION("unknown keys get a hint") {
        REQUIRE(errors_of(good_quiz_with("difficulty = 2", "dificulty = 2")) ==
                Lines{"quiz.lua:4: questions[1]: unknown key 'dificulty' (did you mean "
                      "'difficulty'?)"});
    }
    SECTION("difficulty out of range") {
        REQUIRE(errors_of(good_quiz_with("difficulty = 2", "difficulty = 4")) ==
                Lines{"quiz.lua:4: questions[1].difficulty: expected an integer from 1 to 3, "
                      "got 4"});
    }
    SECTION("a function value in the data") {
        REQUIRE(errors_of(good_quiz_with("answer = \"a\"", "answer = function() end")) ==
                Lines{"quiz.lua:10: questions[1].answer: functions are not allowed in data files"});
    }
    SECTION("a syntax error") {
        REQUIRE(errors_of(good_quiz_with("answer = \"a\",", "answer = \"a\"")) ==
                Lines{"quiz.lua:11: '}' expected (to close '{' at line 4) near 'explanation'"});
    }
    SECTION("no questions") {
        REQUIRE(errors_of("return { round = { questions = 1 }, questions = {} }") ==
                Lines{"quiz.lua:1: questions: expected at least one question"});
    }
}

TEST_CASE("load_quiz_folder reads quiz.lua and finds images in the folder", "[quiz]") {
    test::TempFolder root;
    root.write("pack/quiz.lua", good_quiz_with("images/q.png", "images/here.png"));
    SECTION("image present") {
        root.write("pack/images/here.png", "png");
        QuizLoadResult result = load_quiz_folder(root.file("pack") + "/");
        REQUIRE(result.ok());
        REQUIRE(result.pack->questions[1].image_path == "images/here.png"); // still relative
    }
    SECTION("image missing: the message names the file by its full path") {
        QuizLoadResult result = load_quiz_folder(root.file("pack"));
        REQUIRE(result.errors ==
                Lines{root.file("pack/quiz.lua") +
                      ":12: questions[2].image: no file 'images/here.png' in the quiz pack"});
    }
    SECTION("no quiz.lua") {
        QuizLoadResult result = load_quiz_folder(root.file("nothing"));
        REQUIRE(result.errors.size() == 1);
        REQUIRE(result.errors[0].rfind(root.file("nothing/quiz.lua") + ": cannot open file: ", 0) ==
                0);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Scoring
//-----------------------------------------------------------------------------

TEST_CASE("scoring every question type", "[quiz]") {
    SECTION("single and image: exactly the one answer") {
        for (QuestionType type : {QuestionType::Single, QuestionType::ImageChoice}) {
            QuizQuestion question = question_of(type, {"a", "b", "c"}, {"b"});
            REQUIRE(is_correct(question, {"b"}));
            REQUIRE_FALSE(is_correct(question, {"a"}));
            REQUIRE_FALSE(is_correct(question, {}));
            REQUIRE_FALSE(is_correct(question, {"b", "a"}));
            REQUIRE_FALSE(is_correct(question, {"b", "b"}));
        }
    }
    SECTION("true/false") {
        QuizQuestion question = question_of(QuestionType::TrueFalse, {"true", "false"}, {"false"});
        REQUIRE(is_correct(question, {"false"}));
        REQUIRE_FALSE(is_correct(question, {"true"}));
        REQUIRE_FALSE(is_correct(question, {}));
    }
    SECTION("multiple: the same set, in any order") {
        QuizQuestion question =
            question_of(QuestionType::Multiple, {"a", "b", "c", "d"}, {"a", "c", "d"});
        REQUIRE(is_correct(question, {"a", "c", "d"}));
        REQUIRE(is_correct(question, {"d", "a", "c"}));
        REQUIRE_FALSE(is_correct(question, {"a", "c"}));           // partial is wrong
        REQUIRE_FALSE(is_correct(question, {"a", "b", "c", "d"})); // an extra one
        REQUIRE_FALSE(is_correct(question, {"a", "c", "d", "d"})); // a repeat
        REQUIRE_FALSE(is_correct(question, {"b"}));
        REQUIRE_FALSE(is_correct(question, {}));
    }
    SECTION("order: only the exact sequence") {
        QuizQuestion question = question_of(QuestionType::Order, {"x", "y", "z"}, {"x", "y", "z"});
        std::vector<std::string> steps = {"x", "y", "z"};
        int right = 0;
        do {
            if (is_correct(question, steps)) right++;
        } while (std::next_permutation(steps.begin(), steps.end()));
        REQUIRE(right == 1);
        REQUIRE(is_correct(question, {"x", "y", "z"}));
        REQUIRE_FALSE(is_correct(question, {"x", "z", "y"}));
        REQUIRE_FALSE(is_correct(question, {"x", "y"}));
        REQUIRE_FALSE(is_correct(question, {"x", "y", "z", "z"}));
    }
    SECTION("a question without an answer is never right") {
        QuizQuestion question = question_of(QuestionType::Single, {"a", "b"}, {});
        REQUIRE_FALSE(is_correct(question, {}));
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Rounds: draw_round
//-----------------------------------------------------------------------------

TEST_CASE("draw_round: the same seed gives the same round, seeds vary", "[quiz]") {
    QuizLoadResult result = load_quiz_folder(kContent + "emergency-safety");
    REQUIRE(result.ok());
    const QuizPack& pack = *result.pack;

    std::set<std::vector<size_t>> question_orders;
    std::set<std::vector<size_t>> first_option_orders;
    for (uint64_t seed = 0; seed < 20; seed++) {
        QuizRound round = draw_round(pack, seed);
        QuizRound again = draw_round(pack, seed);
        REQUIRE(round.seed == seed);
        REQUIRE(round.questions.size() == static_cast<size_t>(pack.round_questions));
        std::vector<size_t> picked;
        for (size_t i = 0; i < round.questions.size(); i++) {
            const RoundQuestion& shown = round.questions[i];
            REQUIRE(shown.question == again.questions[i].question);
            REQUIRE(shown.option_order == again.questions[i].option_order);
            REQUIRE(shown.question < pack.questions.size());
            const QuizQuestion& question = pack.questions[shown.question];
            REQUIRE(is_permutation_of_indices(shown.option_order, question.options.size()));
            if (question.type == QuestionType::TrueFalse) REQUIRE(is_identity(shown.option_order));
            picked.push_back(shown.question);
        }
        std::set<size_t> distinct(picked.begin(), picked.end());
        REQUIRE(distinct.size() == picked.size()); // no repeats
        question_orders.insert(picked);
        first_option_orders.insert(round.questions[0].option_order);
    }
    REQUIRE(question_orders.size() >= 2);
    REQUIRE(first_option_orders.size() >= 2);
}

TEST_CASE("draw_round: order questions are never shown already solved", "[quiz]") {
    QuizPack pack = synthetic_pack(0, 1);
    pack.questions.push_back(question_of(QuestionType::Order, {"a", "b", "c"}, {"a", "b", "c"}));
    pack.shuffle_options = false; // order questions shuffle regardless
    std::set<std::vector<size_t>> seen;
    for (uint64_t seed = 0; seed < 2000; seed++) {
        QuizRound round = draw_round(pack, seed);
        REQUIRE(round.questions.size() == 1);
        const std::vector<size_t>& order = round.questions[0].option_order;
        REQUIRE(is_permutation_of_indices(order, 3));
        REQUIRE_FALSE(is_identity(order));
        seen.insert(order);
    }
    REQUIRE(seen.size() == 5); // every other arrangement turns up

    // And in the sample packs, over many visitors.
    for (const char* name : {"emergency-safety", "general-science"}) {
        QuizLoadResult result = load_quiz_folder(kContent + name);
        REQUIRE(result.ok());
        for (uint64_t seed = 0; seed < 300; seed++) {
            for (const RoundQuestion& shown : draw_round(*result.pack, seed).questions) {
                if (result.pack->questions[shown.question].type == QuestionType::Order)
                    REQUIRE_FALSE(is_identity(shown.option_order));
            }
        }
    }
}

TEST_CASE("draw_round: shuffle_options off keeps the written order", "[quiz]") {
    QuizPack pack = synthetic_pack(6, 6);
    pack.shuffle_options = false;
    for (uint64_t seed = 0; seed < 20; seed++)
        for (const RoundQuestion& shown : draw_round(pack, seed).questions)
            REQUIRE(is_identity(shown.option_order));
}

TEST_CASE("draw_round: the same round on every platform", "[quiz]") {
    // mt19937_64 is fully specified and the shuffle is our own, so these
    // numbers hold for every compiler and standard library (they were also
    // checked against an independent mt19937_64 in Python). A change here
    // means every kiosk's rounds changed.
    QuizPack pack = synthetic_pack(10, 4);
    QuizRound round = draw_round(pack, 20261128);
    std::vector<size_t> picked;
    std::vector<size_t> options_of_first = round.questions[0].option_order;
    for (const RoundQuestion& shown : round.questions)
        picked.push_back(shown.question);
    CAPTURE(picked, options_of_first);
    REQUIRE(picked == std::vector<size_t>{7, 0, 5, 9});
    REQUIRE(options_of_first == std::vector<size_t>{3, 0, 1, 2});
}

TEST_CASE("draw_round: a round never asks for more than the pack has", "[quiz]") {
    QuizPack pack = synthetic_pack(3, 10); // load_quiz refuses this; draw_round copes
    REQUIRE(draw_round(pack, 1).questions.size() == 3);
    REQUIRE(draw_round(QuizPack{}, 1).questions.empty());
}

//-----------------------------------------------------------------------------
// [SECTION] Score bands
//-----------------------------------------------------------------------------

TEST_CASE("score bands", "[quiz]") {
    REQUIRE(score_band(0, 5) == 0);
    REQUIRE(score_band(1, 5) == 0); // 20 %
    REQUIRE(score_band(2, 5) == 1); // 40 %
    REQUIRE(score_band(3, 5) == 1); // 60 %
    REQUIRE(score_band(4, 5) == 2); // 80 %
    REQUIRE(score_band(5, 5) == 3); // all right
    REQUIRE(score_band(39, 100) == 0);
    REQUIRE(score_band(40, 100) == 1);
    REQUIRE(score_band(69, 100) == 1);
    REQUIRE(score_band(70, 100) == 2);
    REQUIRE(score_band(99, 100) == 2);
    REQUIRE(score_band(100, 100) == 3);
    REQUIRE(score_band(2, 6) == 0);  // 33 %
    REQUIRE(score_band(3, 6) == 1);  // 50 %
    REQUIRE(score_band(5, 6) == 2);  // 83 %
    REQUIRE(score_band(0, 0) == 0);  // no questions
    REQUIRE(score_band(-1, 5) == 0); // out of range is clamped
    REQUIRE(score_band(7, 5) == 3);
}
