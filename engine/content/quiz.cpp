// Quiz loading and play: reads quiz.lua with DataReader and checks each
// question against its type (options, answer, images), then scores answers,
// draws seeded rounds with a portable Fisher-Yates, and maps scores to bands.
//
// Index of this file:
// [SECTION] Limits and small checks: ids, types, paths
// [SECTION] Reading quiz.lua: options, answers, tags, questions
// [SECTION] Portable random numbers for rounds
// [SECTION] Loading, scoring, rounds and bands

#include "content/quiz.h"

#include "core/data_reader.h"
#include "core/lua_data.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <utility>

namespace kiosk {
namespace fs = std::filesystem;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Limits and small checks: ids, types, paths
//-----------------------------------------------------------------------------

constexpr size_t kMaxIdLength = 48;
constexpr int64_t kMaxRoundQuestions = 50;
constexpr size_t kMaxQuestions = 500;
constexpr size_t kMaxTags = 8;
constexpr size_t kMinOptions = 2;
constexpr size_t kMinSteps = 3;
constexpr size_t kMaxOptions = 6;
constexpr size_t kListReadCap = 64; // table_list's own cap; the real limits are checked here

const char* const kIdRule = "expected 1 to 48 lowercase letters, digits or '-'";

bool is_id_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

bool is_valid_id(const std::string& id) {
    return !id.empty() && id.size() <= kMaxIdLength &&
           std::all_of(id.begin(), id.end(), is_id_char);
}

std::optional<QuestionType> parse_question_type(const std::string& name) {
    if (name == "single") return QuestionType::Single;
    if (name == "multiple") return QuestionType::Multiple;
    if (name == "truefalse") return QuestionType::TrueFalse;
    if (name == "image") return QuestionType::ImageChoice;
    if (name == "order") return QuestionType::Order;
    return std::nullopt;
}

// Why `name` cannot name a file inside the pack, or "" when it can. The rules
// match package entry names, so a path works the same in a folder and a package.
std::string pack_path_problem(const std::string& name) {
    if (name.empty()) return "expected a file name, got an empty string";
    if (name.front() == '/')
        return "expected a path inside the quiz pack (like \"images/a.png\"), not an absolute path";
    if (name.find('\\') != std::string::npos) return "use '/' between folder names, not '\\'";
    size_t start = 0;
    while (start <= name.size()) {
        size_t end = name.find('/', start);
        if (end == std::string::npos) end = name.size();
        std::string_view part(name.data() + start, end - start);
        if (part.empty() || part == "." || part == "..")
            return "expected a path inside the quiz pack like \"images/a.png\" (no empty, '.' or "
                   "'..' parts)";
        start = end + 1;
    }
    return "";
}

// "a, b, c": the option ids a message lists.
std::string id_list(const std::vector<QuizOption>& options) {
    std::string out;
    for (const QuizOption& option : options) {
        if (!out.empty()) out += ", ";
        out += option.id;
    }
    return out;
}

bool has_option(const std::vector<QuizOption>& options, const std::string& id) {
    return std::any_of(options.begin(), options.end(),
                       [&](const QuizOption& option) { return option.id == id; });
}

//-----------------------------------------------------------------------------
// [SECTION] Reading quiz.lua: options, answers, tags, questions
//-----------------------------------------------------------------------------

// Counts the errors a reader call adds, so a caller knows whether a list it got
// back is complete.
class ErrorCheck {
public:
    explicit ErrorCheck(const DataErrors& errors)
        : errors_(errors), before_(errors.errors.size()) {}
    bool clean() const { return errors_.errors.size() == before_; }

private:
    const DataErrors& errors_;
    size_t before_;
};

struct Loader {
    std::string file;
    const QuizFileExists& file_exists;
    DataErrors& errors;
    std::map<std::string, std::string> question_ids; // id -> key path of its question
};

// Reads `key` as an image path in the pack. Absent and optional: "".
std::string read_image(Loader& loader, DataReader& reader, std::string_view key, bool required) {
    std::optional<std::string> value;
    if (required)
        value = reader.required_string(key);
    else if (reader.has(key))
        value = reader.string(key, "");
    if (!value) return "";
    if (std::string problem = pack_path_problem(*value); !problem.empty()) {
        reader.error(key, problem);
        return "";
    }
    if (!loader.file_exists || !loader.file_exists(*value)) {
        reader.error(key, "no file '" + *value + "' in the quiz pack");
        return "";
    }
    return *value;
}

std::string read_id(DataReader& reader) {
    std::optional<std::string> id = reader.required_string("id");
    if (!id) return "";
    if (!is_valid_id(*id)) {
        reader.error("id", std::string(kIdRule) + " (like \"quake-shelter\")");
        return "";
    }
    return *id;
}

// The options of a single, multiple, image or order question; false when they
// could not all be read (answer checks against them are then skipped).
bool read_options(Loader& loader, DataReader& question, QuestionType type,
                  std::vector<QuizOption>& out) {
    if (!question.has("options")) {
        question.error("", "missing required key 'options'");
        return false;
    }
    ErrorCheck check(loader.errors);
    std::vector<DataReader> items = question.table_list("options", kListReadCap);
    bool complete = check.clean();
    bool is_order = type == QuestionType::Order;
    size_t min_count = is_order ? kMinSteps : kMinOptions;
    if (complete && (items.size() < min_count || items.size() > kMaxOptions)) {
        question.error("options", "expected " + std::to_string(min_count) + " to " +
                                      std::to_string(kMaxOptions) +
                                      (is_order ? " steps, got " : " options, got ") +
                                      std::to_string(items.size()));
        complete = false;
    }
    std::map<std::string, std::string> ids; // id -> key path of its option
    for (DataReader& item : items) {
        QuizOption option;
        option.id = read_id(item);
        if (option.id.empty()) {
            complete = false;
        } else if (auto [it, added] = ids.emplace(option.id, item.path_of("")); !added) {
            item.error("id", "\"" + option.id + "\" is already the id of " + it->second);
            complete = false;
        }
        if (type == QuestionType::ImageChoice) {
            option.image_path = read_image(loader, item, "image", true);
            if (item.has("text")) option.text = item.bilingual("text", BilingualRule::EnOptional);
        } else {
            option.text = item.bilingual("text", BilingualRule::EnOptional);
        }
        item.finish();
        out.push_back(std::move(option));
    }
    return complete;
}

void read_single_answer(DataReader& question, bool options_ok, QuizQuestion& out) {
    std::optional<std::string> answer = question.required_string("answer");
    if (!answer) return;
    if (options_ok && !has_option(out.options, *answer)) {
        question.error("answer",
                       "\"" + *answer + "\" is not one of the options " + id_list(out.options));
        return;
    }
    out.answer = {*answer};
}

void read_multiple_answer(Loader& loader, DataReader& question, bool options_ok,
                          QuizQuestion& out) {
    if (!question.has("answer")) {
        question.error("", "missing required key 'answer'");
        return;
    }
    ErrorCheck check(loader.errors);
    std::vector<std::string> answer = question.string_list("answer", kMaxOptions);
    if (!check.clean()) return;
    if (answer.empty()) {
        question.error("answer", "expected at least one correct option, like { \"a\", \"c\" }");
        return;
    }
    for (size_t i = 0; i < answer.size(); i++) {
        if (std::find(answer.begin(), answer.begin() + i, answer[i]) != answer.begin() + i) {
            question.error("answer", "\"" + answer[i] + "\" is listed twice");
            return;
        }
        if (options_ok && !has_option(out.options, answer[i])) {
            question.error("answer", "\"" + answer[i] + "\" is not one of the options " +
                                         id_list(out.options));
            return;
        }
    }
    if (options_ok && answer.size() == out.options.size()) {
        question.error("answer", "every option is marked correct; a multiple-choice question "
                                 "needs at least one wrong option");
        return;
    }
    out.answer = std::move(answer);
}

void read_truefalse_answer(Loader& loader, DataReader& question, QuizQuestion& out) {
    out.options = {QuizOption{"true", {}, ""}, QuizOption{"false", {}, ""}};
    if (!question.has("answer")) {
        question.error("", "missing required key 'answer'");
        return;
    }
    ErrorCheck check(loader.errors);
    bool answer = question.boolean("answer", false);
    if (check.clean()) out.answer = {answer ? "true" : "false"};
}

void read_tags(Loader& loader, DataReader& question, QuizQuestion& out) {
    ErrorCheck check(loader.errors);
    std::vector<std::string> tags = question.string_list("tags", kMaxTags);
    if (!check.clean()) return;
    for (const std::string& tag : tags) {
        if (tag.empty()) {
            question.error("tags", "expected non-empty words, got an empty string");
            return;
        }
    }
    out.tags = std::move(tags);
}

// One question, added to the pack when it has no errors.
void read_question(Loader& loader, DataReader& question, QuizPack& pack) {
    ErrorCheck check(loader.errors);
    QuizQuestion out;
    out.id = read_id(question);
    if (!out.id.empty()) {
        auto [it, added] = loader.question_ids.emplace(out.id, question.path_of(""));
        if (!added) question.error("id", "\"" + out.id + "\" is already the id of " + it->second);
    }
    std::optional<std::string> type_name =
        question.required_one_of("type", {"single", "multiple", "truefalse", "image", "order"});
    std::optional<QuestionType> type;
    if (type_name) type = parse_question_type(*type_name);
    out.prompt = question.bilingual("prompt", BilingualRule::EnOptional);
    out.explanation = question.bilingual("explanation", BilingualRule::EnOptional);
    out.image_path = read_image(loader, question, "image", false);
    out.difficulty = static_cast<int>(question.integer("difficulty", 1, 3, 1));
    read_tags(loader, question, out);
    // Without a known type, options and answer cannot be judged: the type
    // error stands alone rather than with a cascade of unknown keys.
    if (!type) return;
    out.type = type.value();
    switch (out.type) {
    case QuestionType::Single:
    case QuestionType::ImageChoice:
        read_single_answer(question, read_options(loader, question, out.type, out.options), out);
        break;
    case QuestionType::Multiple: {
        bool options_ok = read_options(loader, question, out.type, out.options);
        read_multiple_answer(loader, question, options_ok, out);
        break;
    }
    case QuestionType::TrueFalse:
        read_truefalse_answer(loader, question, out);
        break;
    case QuestionType::Order:
        read_options(loader, question, out.type, out.options);
        for (const QuizOption& step : out.options)
            out.answer.push_back(step.id);
        break;
    }
    question.finish();
    if (check.clean()) pack.questions.push_back(std::move(out));
}

// Keys a question's type forbids (options of a true/false question, the
// answer of an order question) are reported here with a message that says
// why, and removed so the reader does not call them unknown as well.
void remove_keys_the_type_forbids(DataValue& root, Loader& loader) {
    for (DataField& field : root.fields) {
        if (field.key.is_index || field.key.name != "questions") continue;
        if (field.value.kind != DataKind::Table) return;
        for (DataField& item : field.value.fields) {
            if (!item.key.is_index || item.value.kind != DataKind::Table) continue;
            const DataField* type = item.value.find("type");
            if (!type || type->value.kind != DataKind::String) continue;
            std::string forbidden, message;
            if (type->value.string == "truefalse") {
                forbidden = "options";
                message = "a true/false question has no options (its answers are true and "
                          "false): remove 'options'";
            } else if (type->value.string == "order") {
                forbidden = "answer";
                message = "an order question has no answer: list its steps in 'options' in the "
                          "correct order, and visitors see them shuffled";
            } else {
                continue;
            }
            if (!item.value.find(forbidden)) continue;
            DataReader question(item.value, loader.file, data_key_path("questions", item.key),
                                loader.errors);
            question.error(forbidden, message);
            std::vector<DataField>& fields = item.value.fields;
            fields.erase(std::remove_if(fields.begin(), fields.end(),
                                        [&](const DataField& f) {
                                            return !f.key.is_index && f.key.name == forbidden;
                                        }),
                         fields.end());
        }
    }
}

void read_quiz(Loader& loader, DataReader& root, QuizPack& pack) {
    std::optional<DataReader> round = root.required_table("round");
    bool round_questions_read = false;
    if (round) {
        if (!round->has("questions")) round->error("", "missing required key 'questions'");
        ErrorCheck check(loader.errors);
        pack.round_questions =
            static_cast<int>(round->integer("questions", 1, kMaxRoundQuestions, 1));
        round_questions_read = round->has("questions") && check.clean();
        pack.shuffle_options = round->boolean("shuffle_options", true);
        round->finish();
    }

    ErrorCheck questions_check(loader.errors);
    if (!root.has("questions")) {
        root.error("", "missing required key 'questions'");
    } else {
        std::vector<DataReader> questions = root.table_list("questions", kMaxQuestions);
        if (questions.empty() && questions_check.clean())
            root.error("questions", "expected at least one question");
        for (DataReader& question : questions)
            read_question(loader, question, pack);
    }
    root.finish();

    // Only a complete list gives the real count.
    if (round_questions_read && questions_check.clean() &&
        static_cast<size_t>(pack.round_questions) > pack.questions.size())
        round->error("questions", "expected at most " + std::to_string(pack.questions.size()) +
                                      " (the number of questions in the pack), got " +
                                      std::to_string(pack.round_questions));
}

//-----------------------------------------------------------------------------
// [SECTION] Portable random numbers for rounds
//-----------------------------------------------------------------------------

// Uniform integers from a 64-bit engine by rejection, identical on every
// platform (std::uniform_int_distribution is not).
class PortableRandom {
public:
    explicit PortableRandom(uint64_t seed) : engine_(seed) {}

    // A number in [0, n); n > 0.
    uint64_t below(uint64_t n) {
        const uint64_t limit = UINT64_MAX - UINT64_MAX % n; // a multiple of n
        uint64_t value;
        do {
            value = engine_();
        } while (value >= limit);
        return value % n;
    }

    template <typename T> void shuffle(std::vector<T>& items) {
        for (size_t i = items.size(); i > 1; i--)
            std::swap(items[i - 1], items[below(i)]);
    }

private:
    std::mt19937_64 engine_;
};

bool is_identity(const std::vector<size_t>& order) {
    for (size_t i = 0; i < order.size(); i++)
        if (order[i] != i) return false;
    return true;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Loading, scoring, rounds and bands
//-----------------------------------------------------------------------------

const char* question_type_name(QuestionType type) {
    switch (type) {
    case QuestionType::Single:
        return "single";
    case QuestionType::Multiple:
        return "multiple";
    case QuestionType::TrueFalse:
        return "truefalse";
    case QuestionType::ImageChoice:
        return "image";
    case QuestionType::Order:
        return "order";
    }
    return "single";
}

QuizLoadResult load_quiz(const std::string& text, const std::string& file_label,
                         const QuizFileExists& file_exists) {
    QuizLoadResult result;
    DataLoadResult data = load_lua_data_string(text, file_label);
    if (!data.ok()) {
        result.errors = std::move(data.errors);
        return result;
    }
    DataErrors errors;
    Loader loader{file_label, file_exists, errors, {}};
    remove_keys_the_type_forbids(*data.root, loader);
    DataReader root(*data.root, file_label, "", errors);
    QuizPack pack;
    read_quiz(loader, root, pack);
    result.errors = std::move(errors.errors);
    result.warnings = std::move(errors.warnings);
    if (result.errors.empty()) result.pack = std::move(pack);
    return result;
}

QuizLoadResult load_quiz_folder(const std::string& folder) {
    std::error_code ignored;
    fs::path folder_path = fs::absolute(folder, ignored).lexically_normal();
    if (!folder_path.has_filename() && folder_path.has_relative_path())
        folder_path = folder_path.parent_path();
    std::string file = (folder_path / "quiz.lua").string();
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    if (!in || !(text << in.rdbuf())) {
        int error = errno;
        QuizLoadResult result;
        result.errors.push_back(
            file + ": cannot open file: " + (error != 0 ? std::strerror(error) : "cannot read"));
        return result;
    }
    return load_quiz(text.str(), file, [&](const std::string& relative_path) {
        std::error_code error;
        return fs::is_regular_file(folder_path / relative_path, error);
    });
}

bool is_correct(const QuizQuestion& question, const std::vector<std::string>& chosen_ids) {
    switch (question.type) {
    case QuestionType::Single:
    case QuestionType::ImageChoice:
    case QuestionType::TrueFalse:
    case QuestionType::Order:
        return !question.answer.empty() && chosen_ids == question.answer;
    case QuestionType::Multiple: {
        std::vector<std::string> chosen = chosen_ids, answer = question.answer;
        std::sort(chosen.begin(), chosen.end());
        std::sort(answer.begin(), answer.end());
        return !answer.empty() && chosen == answer; // a repeated id makes them differ
    }
    }
    return false;
}

QuizRound draw_round(const QuizPack& pack, uint64_t seed) {
    PortableRandom random(seed);
    QuizRound round;
    round.seed = seed;

    // The first `count` places of a partial Fisher-Yates shuffle.
    std::vector<size_t> picks(pack.questions.size());
    for (size_t i = 0; i < picks.size(); i++)
        picks[i] = i;
    size_t count = std::min(picks.size(), static_cast<size_t>(std::max(pack.round_questions, 0)));
    for (size_t i = 0; i < count; i++)
        std::swap(picks[i], picks[i + random.below(picks.size() - i)]);

    for (size_t i = 0; i < count; i++) {
        const QuizQuestion& question = pack.questions[picks[i]];
        RoundQuestion shown;
        shown.question = picks[i];
        shown.option_order.resize(question.options.size());
        for (size_t k = 0; k < shown.option_order.size(); k++)
            shown.option_order[k] = k;
        if (question.type == QuestionType::Order) {
            // Shown solved, the question asks nothing: draw again (at most 1
            // in 6 for three steps), and rotate if the draws keep solving it.
            for (int attempt = 0; attempt < 8 && is_identity(shown.option_order); attempt++)
                random.shuffle(shown.option_order);
            if (shown.option_order.size() > 1 && is_identity(shown.option_order))
                std::rotate(shown.option_order.begin(), shown.option_order.begin() + 1,
                            shown.option_order.end());
        } else if (question.type != QuestionType::TrueFalse && pack.shuffle_options) {
            random.shuffle(shown.option_order);
        }
        round.questions.push_back(std::move(shown));
    }
    return round;
}

int score_band(int correct, int total) {
    if (total <= 0) return 0;
    correct = std::clamp(correct, 0, total);
    if (correct * 10 < total * 4) return 0;
    if (correct * 10 < total * 7) return 1;
    if (correct < total) return 2;
    return 3;
}

} // namespace kiosk
