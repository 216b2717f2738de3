// Inside the visitor script (visitor_script.cpp: the replay, the kiosk model,
// exhibits and sessions; visitor_quiz.cpp: quiz rounds): the places visitors
// touch, the script's random numbers, and the ScriptWriter that holds the
// replay being written and the model of the kiosk it keeps.
#pragma once

#include "../home_tiles.h"
#include "visitor_script.h"

#include "core/civil_time.h"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <optional>
#include <random>
#include <set>
#include <string>

namespace kiosk::soak::detail {

inline constexpr double kDayS = 86400;
inline constexpr double kOpenS = 3600;          // 09:00 (replay time 0 is 08:00 of day 0)
inline constexpr double kCloseS = 9 * 3600;     // 17:00
inline constexpr double kTapS = 0.1;            // a replay `tap` holds the finger this long
inline constexpr double kMidnightS = 16 * 3600; // day 0's midnight (its 24:00)

struct Point {
    float x, y;
};

// The home screen's tile grid (engine/app/home_screen.cpp: margin 80, gap 48,
// three columns, tiles 542 high from y 290, scrolled at most 402 with two rows):
// the exhibits sorted by id, then the quiz packs. Row 0 is tapped unscrolled,
// row 1 scrolled to the end.
inline constexpr float kTileWidth = (1920.0f - 2 * 80 - 2 * 48) / 3;
inline constexpr float kRowCentreY[2] = {290 + 542.0f / 2, 290 + 590 - 402 + 542.0f / 2};
struct Tile {
    const char* id;
    int row, column;
};
// Where each is: tests/home_tiles.h, the one model of the demo home order.
inline Tile demo_tile(const char* id) {
    const kiosk::test::HomeTile tile = kiosk::test::home_tile(id);
    return Tile{id, tile.row, tile.column};
}
inline const Tile kEarthquake = demo_tile("earthquake-drill"),
                  kPendulum = demo_tile("pendulum-lab"), kWater = demo_tile("water-cycle");
inline const Tile kQuizzes[] = {demo_tile("emergency-safety"), demo_tile("general-science")};

inline constexpr Point kBackHome{170, 90};         // the runtime's back-to-home button
inline constexpr Point kLanguageToggle{1720, 110}; // 中文 / English, home screen
// Drags that scroll the tiles to one end or the other, from a gap between rows.
inline constexpr Point kScrollDownFrom{960, 856}, kScrollDownTo{960, 356};
inline constexpr Point kScrollUpFrom{960, 454}, kScrollUpTo{960, 954};

// exhibits/earthquake-drill/main.lua SPOTS, their centres.
inline constexpr Point kSpots[] = {{325, 545},  {640, 545},  {877, 510},
                                   {1182, 695}, {1480, 545}, {1697, 545}};
// exhibits/pendulum-lab: the bob hangs at 30 degrees when the lab opens (pivot
// 700,230, 400 px string) and is still within its 110 px grab radius 0.3 s later.
inline constexpr Point kBob{900, 576};
inline constexpr double kGrabAfterOpenS = 0.15;
// exhibits/water-cycle: the sun, and the cloud that rains once it holds 30
// (it starts with 20; one touch on the sun fills it within ten seconds).
inline constexpr Point kSun{1200, 240}, kCloud{560, 330};
inline constexpr double kCloudFullS = 10;

// Random numbers that are the same on every platform (no std distributions).
class Rng {
public:
    explicit Rng(uint64_t seed) : engine_(seed) {}
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * double(engine_() >> 11) * 0x1.0p-53;
    }
    int below(int n) { return int(engine_() % uint64_t(n)); }
    bool chance(double p) { return uniform(0, 1) < p; }

private:
    std::mt19937_64 engine_;
};

enum class Screen { Attract, Home, Exhibit, Quiz };
const char* screen_name(Screen screen);

enum class Outcome { Stayed, WalkedAway };

class ScriptWriter {
public:
    ScriptWriter(const ScriptOptions& options, QuizProbe& probe)
        : options_(options), probe_(probe), rng_(options.seed),
          first_day_(parse_day(options.first_day)) {}

    bool write(VisitorScript& script, std::string& error);

private:
    // The replay file. Times are rounded to the millisecond the file holds, so
    // the script's clock is the replay's clock.
    void line(const std::string& text) { *sink_ += text + "\n"; }
    void wait(double seconds);
    void wait_until(double at_s) { wait(at_s - t_); }
    void tap(Point at);
    void drag(Point from, Point to, double seconds);
    void finger(const char* phase, int id, Point at);

    // The model and the expectation.
    void count(const std::string& event_key, int64_t n = 1) { script_->events[event_key] += n; }
    // Counted on the kiosk's local day of the script's clock now.
    void roll(const std::string& kind, const std::string& subject, const std::string& metric,
              int64_t n = 1) {
        if (n == 0) return;
        const std::string key = kind + "|" + subject + "|" + metric;
        script_->rollups[key] += n;
        script_->rollups_by_day[day_at(t_) + "|" + key] += n;
    }
    // The kiosk's local day at replay time `t_s` (kiosk_start_time).
    std::string day_at(double t_s) const {
        const auto index = int64_t(std::floor((t_s + kDayS - kMidnightS) / kDayS));
        return format_day(*first_day_ + std::chrono::days{index});
    }
    void set_screen(Screen screen);
    void exhibit_event(const std::string& id, const std::string& name);
    void open_tile(const Tile& tile);
    void open_exhibit(const Tile& tile);
    void leave_exhibit(); // its leave() events and the exhibit_leave
    void back_home_from_exhibit();
    void idle_to_attract(); // what the kiosk does idle_timeout_s after the last touch

    // Visitors.
    enum class Visitor { Random, TourZh, TourEn };
    bool session(int day, int number, Visitor visitor, std::string& error);
    void show_row(int row);
    Outcome earthquake_drill();
    Outcome pendulum_lab();
    Outcome water_cycle();
    std::optional<Outcome> quiz(const Tile& tile, std::string& error);
    bool open_quiz(const Tile& tile, std::string& error);
    void round_started(const std::string& pack);
    bool tap_target(const std::string& pack, const char* name, std::string& error);
    bool answer_question(const std::string& pack, std::string& error);
    void round_finished(const std::string& pack);
    bool quiz_tour(const Tile& tile, std::string& error);
    bool tour(bool english, std::string& error);
    // Random visitors may walk away; the warm-up's touring visitors never do.
    bool walks_away(double p) { return !touring_ && rng_.chance(p); }
    void home_extras();

    const ScriptOptions& options_;
    QuizProbe& probe_;
    Rng rng_;
    std::optional<std::chrono::sys_days> first_day_; // options_.first_day
    VisitorScript* script_ = nullptr;
    std::string replay_;
    std::string session_lines_; // a session's, written after its comment line
    std::string* sink_ = &replay_;
    double t_ = 0;
    double last_input_s_ = 0;
    Screen screen_ = Screen::Home;
    bool in_session_ = false;
    bool english_ = false;
    bool scrolled_ = false;
    bool touring_ = false;
    std::string exhibit_;                    // the open exhibit's id, "" when none
    std::set<std::string> session_exhibits_; // opened in this session (exhibit visitors)
    std::set<std::string> session_findings_; // EXHIBIT/EVENT logged in this session
    int quiz_opens_ = 0;                     // KioskApp's quiz_rounds_: every quiz opened, ever
    int round_correct_ = 0;                  // the open round's right answers
    std::string activities_;                 // of the current session, for its comment line
};

} // namespace kiosk::soak::detail
