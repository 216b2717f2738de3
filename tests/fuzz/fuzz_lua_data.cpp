// Fuzz target: the Lua data files (config, content manifests, quizzes, the
// strings table), all loaded by core/lua_data (sandboxed Lua state, capped
// memory and instructions, line map) and checked by core/data_reader and each
// loader's schema. The first byte picks the loader ('0' config, '1' manifest,
// '2' quiz, '3' strings; any byte works, modulo 4) and the rest is the file.
// Config and strings are read from a file in the temp folder, as the kiosk
// reads them; manifests and quizzes from memory, as from a package.
// Checked: every loader gives either a result or at least one error.
#include "fuzz_support.h"

#include "content/content_manifest.h"
#include "content/quiz.h"
#include "core/kiosk_config.h"
#include "core/strings_table.h"

#include <cstdint>
#include <set>
#include <string>

using namespace kiosk;

namespace {

void load_config(const uint8_t* data, size_t size) {
    const std::string path = fuzz::write_temp_file("kiosk.lua", data, size);
    const ConfigLoadResult result = load_kiosk_config(path);
    if (result.ok() != result.errors.empty())
        fuzz::broken("load_kiosk_config: a config and errors disagree");
}

void load_manifest(const std::string& text) {
    const fuzz::MemorySource source(
        {{"manifest.lua", text}, {"thumbnail.png", ""}, {"main.lua", ""}, {"quiz.lua", ""}},
        "fuzz.kpkg");
    const ManifestLoadResult result =
        load_content_manifest(source, source.describe("manifest.lua"));
    if (result.ok() != result.errors.empty())
        fuzz::broken("load_content_manifest: a manifest and errors disagree");
    if (result.ok()) {
        if (!source.exists(result.manifest->thumbnail))
            fuzz::broken("a loaded manifest's thumbnail is not in the source");
        review_problem(*result.manifest, fuzz::kFuzzToday);
    }
}

void load_quiz_pack(const std::string& text) {
    const std::set<std::string> images = {"images/a.png", "images/b.png", "thumbnail.png"};
    const QuizLoadResult result = load_quiz(
        text, "fuzz.kpkg:quiz.lua", [&](const std::string& n) { return images.count(n) != 0; });
    if (result.ok() != result.errors.empty()) fuzz::broken("load_quiz: a pack and errors disagree");
    if (!result.ok()) return;
    // A loaded pack must play: draw a round and score each question's answer.
    const QuizPack& pack = *result.pack;
    const QuizRound round = draw_round(pack, text.size());
    if (round.questions.size() != size_t(pack.round_questions))
        fuzz::broken("draw_round: not the pack's number of questions");
    int correct = 0;
    for (const RoundQuestion& shown : round.questions) {
        const QuizQuestion& question = pack.questions.at(shown.question);
        if (shown.option_order.size() != question.options.size())
            fuzz::broken("draw_round: options lost or repeated", question.id);
        if (!is_correct(question, question.answer))
            fuzz::broken("is_correct: the answer key is not correct", question.id);
        ++correct;
    }
    if (score_band(correct, int(round.questions.size())) != 3)
        fuzz::broken("score_band: all right is not the top band");
}

void load_strings(const uint8_t* data, size_t size) {
    const std::string path = fuzz::write_temp_file("strings.lua", data, size);
    const StringsLoadResult result =
        load_strings_table(path, {"home_title", "attract_title", "back_home"});
    if (result.ok() != result.errors.empty())
        fuzz::broken("load_strings_table: a table and errors disagree");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const uint8_t* text = data + 1;
    const size_t length = size - 1;
    switch (data[0] % 4) {
    case 0:
        load_config(text, length);
        break;
    case 1:
        load_manifest(std::string(reinterpret_cast<const char*>(text), length));
        break;
    case 2:
        load_quiz_pack(std::string(reinterpret_cast<const char*>(text), length));
        break;
    default:
        load_strings(text, length);
        break;
    }
    return 0;
}
