// Quizzes: a quiz pack's questions as data (quiz.lua), checked on load, and
// the rules of play: which answers are right, how a round is drawn and shuffled
// for one visitor, and which score band the result falls in. This file owns the
// quiz.lua schema and those rules; showing questions is engine/app's job,
// recording answers the telemetry's, and finding the pack (a folder or a
// package) the caller's. Nothing here needs Lua.
//
// quiz.lua (data only; every visitor text is { zh = "...", en = "..." } with zh
// required and a missing en a warning):
//   return {
//     round = { questions = 5,          -- required: questions per round, 1..50, at most
//               shuffle_options = true }, -- default true   the pack's question count
//     questions = {                       -- required: 1..500 questions
//       { id = "quake-shelter",           -- required: 1..48 of [a-z0-9-], unique in the pack
//         type = "single",                -- "single", "multiple", "truefalse", "image", "order"
//         prompt = { zh = "...", en = "..." },
//         options = { { id = "a", text = { zh = "...", en = "..." } }, ... }, -- 2..6, ids unique
//         answer = "b",                   -- single and image: one option id
//         explanation = { zh = "...", en = "..." }, -- required: shown after answering
//         image = "images/quake.png",     -- optional: a file in the pack
//         difficulty = 1,                 -- 1..3, default 1
//         tags = { "earthquake" } },      -- optional: 0..8 non-empty strings
//       { type = "multiple", ..., answer = { "a", "c" } }, -- at least one option, not all
//       { type = "truefalse", ..., answer = true },  -- no options: they are true and false
//       { type = "image", options = { { id = "a", image = "images/a.png",
//                                       text = {...} }, ... }, answer = "a" }, -- text optional
//       { type = "order", options = { ...the 3..6 steps in the correct order... } }, -- no answer
//     },
//   }
// Paths inside the pack use '/', are relative, and have no empty, "." or ".."
// part, so they name a package entry exactly.
//
// Messages read "FILE:LINE: KEYPATH: what is wrong", e.g.
//   quiz.lua:14: questions[3].answer: "e" is not one of the options a, b, c
#pragma once

#include "core/bilingual.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

enum class QuestionType { Single, Multiple, TrueFalse, ImageChoice, Order };

// "single", "multiple", "truefalse", "image", "order" (as written in quiz.lua).
const char* question_type_name(QuestionType type);

struct QuizOption {
    std::string id;
    // Empty for a true/false question's two options (ids "true" and "false":
    // the screen labels them from the strings table) and for an image option
    // without a caption; otherwise zh is set.
    Bilingual text;
    std::string image_path; // image options: relative to the pack; "" otherwise
};

struct QuizQuestion {
    std::string id;
    QuestionType type = QuestionType::Single;
    Bilingual prompt;
    // As written; true/false: { "true", "false" }; order: the correct order.
    std::vector<QuizOption> options;
    // Option ids. Single and image: one; multiple: the correct set, as written;
    // true/false: "true" or "false"; order: every id in the correct order.
    std::vector<std::string> answer;
    Bilingual explanation;
    std::string image_path; // relative to the pack; "" when none
    int difficulty = 1;     // 1..3
    std::vector<std::string> tags;
};

struct QuizPack {
    int round_questions = 1;     // 1..50, at most questions.size()
    bool shuffle_options = true; // order questions are shuffled regardless
    std::vector<QuizQuestion> questions;
};

// Either `pack` or errors; warnings may come with either.
struct QuizLoadResult {
    std::optional<QuizPack> pack;
    std::vector<std::string> errors;
    std::vector<std::string> warnings;
    bool ok() const { return pack.has_value(); }
};

// True when the pack holds a file at `relative_path` (already checked to be a
// safe relative path).
using QuizFileExists = std::function<bool(const std::string& relative_path)>;

// Parses and checks the text of a quiz.lua. `file_label` starts every message
// ("quiz.lua", "FOLDER/quiz.lua", "pack.kpkg:quiz.lua"); every image the quiz
// names is looked up through `file_exists`.
QuizLoadResult load_quiz(const std::string& text, const std::string& file_label,
                         const QuizFileExists& file_exists);

// FOLDER/quiz.lua, with images looked up in FOLDER; messages name the file by
// its absolute path.
QuizLoadResult load_quiz_folder(const std::string& folder);

// Whether the visitor's choice is right. Single, image and true/false: exactly
// the one answer id; multiple: the same set (any order; a missing, extra or
// repeated id is wrong); order: the same sequence.
bool is_correct(const QuizQuestion& question, const std::vector<std::string>& chosen_ids);

// One question of a round, as the visitor sees it.
struct RoundQuestion {
    size_t question = 0;              // index into QuizPack::questions
    std::vector<size_t> option_order; // indices into its options, in the order shown
};

struct QuizRound {
    uint64_t seed = 0;
    std::vector<RoundQuestion> questions; // round_questions of them, no repeats
};

// Draws a round from `seed` (one per visitor session): which questions, in
// which order, and the order their options are shown in. Options are shuffled
// when the pack says so, except true/false (always true, then false); order
// questions are always shuffled and never shown already solved. The same pack
// and seed give the same round on every platform (mt19937_64 and our own
// Fisher-Yates; no standard distributions, whose results vary by library).
QuizRound draw_round(const QuizPack& pack, uint64_t seed);

// The score screen's band: 0 under 40 %, 1 under 70 %, 2 under 100 %, 3 all
// right. A round with no questions is band 0.
int score_band(int correct, int total);

} // namespace kiosk
