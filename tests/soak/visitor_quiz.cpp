// The visitor script's quiz rounds: the taps a visitor plans for an answer,
// placed and checked by the quiz probe, a visitor's round (played again, left
// half way), and the warm-up's rounds until every question has been shown.
#include "script_writer.h"

#include <algorithm>
#include <set>

namespace kiosk::soak::detail {
namespace {

// The option ids a visitor taps, in order: the right answer, or a wrong one
// (single, picture and true/false: another option; multiple: one option more
// or fewer than the right set, never none; order: two steps swapped).
std::vector<std::string> planned_taps(const QuizQuestion& question, bool right, Rng& rng) {
    std::vector<std::string> ids = question.answer;
    switch (question.type) {
    case QuestionType::Multiple: {
        std::vector<std::string> chosen = ids;
        if (!right) {
            const std::string& flip =
                question.options[size_t(rng.below(int(question.options.size())))].id;
            auto found = std::find(chosen.begin(), chosen.end(), flip);
            if (found == chosen.end())
                chosen.push_back(flip);
            else if (chosen.size() > 1)
                chosen.erase(found);
            else // the only right option: add a wrong one instead
                for (const QuizOption& option : question.options)
                    if (option.id != flip) {
                        chosen.push_back(option.id);
                        break;
                    }
        }
        for (size_t i = chosen.size(); i > 1; --i) // ticked in any order
            std::swap(chosen[i - 1], chosen[size_t(rng.below(int(i)))]);
        return chosen;
    }
    case QuestionType::Order:
        if (!right) {
            const size_t a = size_t(rng.below(int(ids.size())));
            const size_t b = (a + 1 + size_t(rng.below(int(ids.size()) - 1))) % ids.size();
            std::swap(ids[a], ids[b]);
        }
        return ids;
    default:
        if (right) return {ids.front()};
        std::vector<std::string> wrong;
        for (const QuizOption& option : question.options)
            if (option.id != ids.front()) wrong.push_back(option.id);
        return {wrong[size_t(rng.below(int(wrong.size())))]};
    }
}

} // namespace

// One question: its taps on the option cards the probe found (and "Check"),
// the answer the probe's screen recorded compared with the plan, the
// feedback, and "Next". False with `error` when the plan does not hold.
bool ScriptWriter::answer_question(const std::string& pack, std::string& error) {
    const QuizQuestion question = *probe_.screen().current_question();
    const bool right = rng_.chance(0.65);
    const std::vector<std::string> taps = planned_taps(question, right, rng_);
    for (size_t i = 0; i < taps.size(); ++i) {
        if (i > 0) {
            wait(rng_.uniform(0.3, 1.2));
            probe_.wait(0.3);
        }
        std::optional<ImVec2> at = probe_.target("option:" + taps[i]);
        if (!at) {
            error = pack + "/" + question.id + ": no option card " + taps[i] + " on the screen";
            return false;
        }
        tap(Point{at->x, at->y});
        probe_.tap(*at);
    }
    if (question.type == QuestionType::Multiple || question.type == QuestionType::Order) {
        wait(rng_.uniform(0.4, 1.5));
        probe_.wait(0.3);
        std::optional<ImVec2> at = probe_.target("check");
        if (!at) {
            error = pack + "/" + question.id + ": no Check button";
            return false;
        }
        tap(Point{at->x, at->y});
        probe_.tap(*at);
    }
    const std::vector<QuizAnswerRecord> answers = probe_.take_answers();
    std::vector<std::string> planned = taps, recorded;
    if (!answers.empty()) recorded = answers.front().chosen;
    if (question.type == QuestionType::Multiple) { // recorded in the pack's order
        std::sort(planned.begin(), planned.end());
        std::sort(recorded.begin(), recorded.end());
    }
    if (answers.size() != 1 || recorded != planned || answers.front().correct != right) {
        error = pack + "/" + question.id + ": the probe recorded " +
                std::to_string(answers.size()) + " answer(s), not the planned " +
                (right ? "right" : "wrong") + " one";
        return false;
    }
    count("quiz_answer:" + pack + ":" + question.id + (right ? ":right" : ":wrong"));
    roll("question", pack + "/" + question.id, "answers");
    roll("question", pack + "/" + question.id, "correct", right ? 1 : 0);
    for (const std::string& id : answers.front().chosen)
        roll("option", pack + "/" + question.id + "/" + id, "choices");
    round_correct_ += right ? 1 : 0;
    ++script_->quiz_answers;
    return true;
}

// Taps the quiz screen's button `name` where the probe's last frame has it.
bool ScriptWriter::tap_target(const std::string& pack, const char* name, std::string& error) {
    std::optional<ImVec2> at = probe_.target(name);
    if (!at) {
        error = pack + ": no " + name + " button on the quiz screen";
        return false;
    }
    tap(Point{at->x, at->y});
    probe_.tap(*at);
    return true;
}

// The quiz tile: KioskApp::open_quiz with a fixed seed (the seed plus every
// quiz opened before) and the round's first question.
bool ScriptWriter::open_quiz(const Tile& tile, std::string& error) {
    open_tile(tile);
    set_screen(Screen::Quiz);
    const uint64_t seed = options_.kiosk_seed + uint64_t(quiz_opens_++);
    if (!probe_.open(options_.content_dir + "/" + tile.id, seed,
                     english_ ? Language::En : Language::Zh, error))
        return false;
    round_started(tile.id);
    return true;
}

void ScriptWriter::round_started(const std::string& pack) {
    count("quiz_start:" + pack);
    roll("quiz", pack, "visits");
    ++script_->quiz_rounds;
    round_correct_ = 0;
}

// "Next" after the last question: the score shows.
void ScriptWriter::round_finished(const std::string& pack) {
    count("quiz_finish:" + pack);
    roll("quiz", pack, "completions");
    roll("quiz", pack, "score_total", round_correct_);
}

// A quiz round from the home screen, perhaps played again. nullopt and
// `error` when the probe disagrees with the plan.
std::optional<Outcome> ScriptWriter::quiz(const Tile& tile, std::string& error) {
    const std::string pack = tile.id;
    if (!open_quiz(tile, error)) return std::nullopt;
    bool played_again = false;
    while (true) {
        const size_t questions = probe_.screen().round().questions.size();
        for (size_t q = 0; q < questions; ++q) {
            wait(rng_.uniform(1.0, 4.0)); // reading: longer than the 0.4 s tap guard
            probe_.wait(0.5);
            if (walks_away(0.04)) { // gives up in the middle of the round
                if (rng_.chance(0.5)) return Outcome::WalkedAway;
                tap(kBackHome);
                set_screen(Screen::Home);
                return Outcome::Stayed;
            }
            if (!answer_question(pack, error)) return std::nullopt;
            wait(rng_.uniform(1.0, 5.0)); // the feedback and its explanation
            probe_.wait(0.5);
            if (walks_away(0.03)) return Outcome::WalkedAway;
            if (!tap_target(pack, "next", error)) return std::nullopt;
        }
        round_finished(pack);
        wait(rng_.uniform(1.5, 4.0));
        probe_.wait(0.5);
        const double choice = touring_ ? 0 : rng_.uniform(0, 1);
        if (choice >= 0.8 || (choice >= 0.6 && played_again)) return Outcome::WalkedAway;
        if (choice >= 0.6) { // QuizScreen::draw_score: a new round, the seed + 1
            if (!tap_target(pack, "play_again", error)) return std::nullopt;
            round_started(pack);
            played_again = true;
            continue;
        }
        if (!tap_target(pack, "home", error)) return std::nullopt;
        if (!probe_.home_tapped()) {
            error = pack + ": the probe's score screen did not go home";
            return std::nullopt;
        }
        set_screen(Screen::Home);
        return Outcome::Stayed;
    }
}

// The warm-up's quiz: rounds (played again, or reopened when the rest of a
// round was seen before) until every question of the pack, and so every
// picture, has been on the screen.
bool ScriptWriter::quiz_tour(const Tile& tile, std::string& error) {
    const std::string pack = tile.id;
    std::set<std::string> seen;
    size_t total = 0;
    for (int rounds = 0; rounds < 100; ++rounds) {
        if (rounds == 0 && !open_quiz(tile, error)) return false;
        const QuizPack& questions = probe_.screen().pack();
        const QuizRound& round = probe_.screen().round();
        total = questions.questions.size();
        bool left = false;
        for (size_t q = 0; q < round.questions.size(); ++q) {
            wait(rng_.uniform(0.5, 0.8)); // quick, yet past the 0.4 s tap guard
            probe_.wait(0.5);
            seen.insert(questions.questions[round.questions[q].question].id);
            const bool rest_seen =
                std::all_of(round.questions.begin() + std::ptrdiff_t(q) + 1, round.questions.end(),
                            [&](const RoundQuestion& rq) {
                                return seen.count(questions.questions[rq.question].id) > 0;
                            });
            if (rest_seen && seen.size() < total) { // nothing new here: a fresh round
                tap(kBackHome);
                set_screen(Screen::Home);
                wait(rng_.uniform(0.8, 1.5));
                if (!open_quiz(tile, error)) return false;
                left = true;
                break;
            }
            if (!answer_question(pack, error)) return false;
            wait(rng_.uniform(0.5, 0.8));
            probe_.wait(0.5);
            if (!tap_target(pack, "next", error)) return false;
        }
        if (left) continue;
        round_finished(pack);
        wait(rng_.uniform(1.0, 2.0));
        probe_.wait(0.5);
        if (seen.size() == total) {
            if (!tap_target(pack, "home", error)) return false;
            set_screen(Screen::Home);
            return true;
        }
        if (!tap_target(pack, "play_again", error)) return false;
        round_started(pack);
    }
    error = pack + ": " + std::to_string(total - seen.size()) +
            " questions still unseen after 100 rounds";
    return false;
}

} // namespace kiosk::soak::detail
