// The visitor script: the replay it writes, the model of the kiosk it keeps
// (screen, session, language, scroll, quiz seeds, idle timeout), the exhibits
// and the sessions, each counting the events and rollups it causes. Quiz
// rounds are visitor_quiz.cpp's.
#include "script_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kiosk::soak {
namespace detail {
namespace {

std::string fixed3(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", value);
    return text;
}

} // namespace

const char* screen_name(Screen screen) {
    switch (screen) {
    case Screen::Attract:
        return "attract";
    case Screen::Home:
        return "home";
    case Screen::Exhibit:
        return "exhibit";
    case Screen::Quiz:
        return "quiz";
    }
    return "?";
}

void ScriptWriter::wait(double seconds) {
    const double rounded = std::round(seconds * 1000) / 1000;
    if (rounded <= 0) return;
    line("wait " + fixed3(rounded));
    t_ += rounded;
}

void ScriptWriter::tap(Point at) {
    line("tap " + std::to_string(int(at.x)) + " " + std::to_string(int(at.y)));
    t_ += kTapS;
    last_input_s_ = t_;
    ++script_->taps;
}

void ScriptWriter::drag(Point from, Point to, double seconds) {
    seconds = std::round(seconds * 1000) / 1000;
    line("drag " + std::to_string(int(from.x)) + " " + std::to_string(int(from.y)) + " " +
         std::to_string(int(to.x)) + " " + std::to_string(int(to.y)) + " " + fixed3(seconds));
    t_ += seconds;
    last_input_s_ = t_;
    ++script_->drags;
}

void ScriptWriter::finger(const char* phase, int id, Point at) {
    line(std::string(phase) + " " + std::to_string(id) + " " + std::to_string(int(at.x)) + " " +
         std::to_string(int(at.y)));
    last_input_s_ = t_;
}

// KioskApp::set_screen through InteractionLog::screen_entered: the screen
// shown so far is left, the new one entered.
void ScriptWriter::set_screen(Screen screen) {
    if (screen == screen_) return;
    count(std::string("screen_leave:") + screen_name(screen_));
    count(std::string("screen_enter:") + screen_name(screen));
    roll("screen", screen_name(screen), "visits");
    screen_ = screen;
}

// An exhibit's kiosk.log: an interaction, and a finding (InteractionLog's
// findings rollups): its events, and its visitors once per session (and day:
// no session passes midnight, see write()).
void ScriptWriter::exhibit_event(const std::string& id, const std::string& name) {
    count("exhibit_event:" + id + ":" + name);
    roll("exhibit", id, "interactions");
    roll("finding", id + "/" + name, "events");
    if (session_findings_.insert(id + "/" + name).second)
        roll("finding", id + "/" + name, "visitors");
}

void ScriptWriter::open_tile(const Tile& tile) {
    show_row(tile.row);
    const float x = 80 + float(tile.column) * (kTileWidth + 48) + kTileWidth / 2;
    tap(Point{x, kRowCentreY[tile.row]});
    activities_ += std::string(activities_.empty() ? "" : ", ") + tile.id;
}

void ScriptWriter::open_exhibit(const Tile& tile) {
    open_tile(tile);
    set_screen(Screen::Exhibit);
    count(std::string("exhibit_enter:") + tile.id);
    roll("exhibit", tile.id, "visits");
    if (session_exhibits_.insert(tile.id).second) roll("exhibit", tile.id, "visitors");
    exhibit_ = tile.id;
    ++script_->exhibit_visits;
}

void ScriptWriter::leave_exhibit() {
    if (exhibit_.empty()) return;
    // The drill notes where a visitor gave up unless they reached its summary,
    // which these visitors never do.
    if (exhibit_ == kEarthquake.id) exhibit_event(exhibit_, "drill_left");
    count("exhibit_leave:" + exhibit_);
    exhibit_.clear();
}

void ScriptWriter::back_home_from_exhibit() {
    tap(kBackHome);
    leave_exhibit();
    set_screen(Screen::Home);
}

// KioskApp::go_to_attract: the open exhibit and quiz close inside the session,
// the screen is left, the session ends, the attract screen shows, and the next
// visitor starts in the default language with the tiles unscrolled.
void ScriptWriter::idle_to_attract() {
    leave_exhibit();
    if (in_session_) {
        count("session_end:idle");
        in_session_ = false;
    }
    set_screen(Screen::Attract);
    english_ = false;
    scrolled_ = false;
}

void ScriptWriter::show_row(int row) {
    if ((row == 1) == scrolled_) return;
    if (row == 1)
        drag(kScrollDownFrom, kScrollDownTo, rng_.uniform(0.25, 0.6));
    else
        drag(kScrollUpFrom, kScrollUpTo, rng_.uniform(0.25, 0.6));
    scrolled_ = row == 1;
    wait(rng_.uniform(0.8, 2.0));
}

Outcome ScriptWriter::earthquake_drill() {
    open_exhibit(kEarthquake);
    wait(rng_.uniform(1.2, 2.5));
    const int touches = 1 + rng_.below(3);
    for (int i = 0; i < touches; ++i) {
        if (i > 0) wait(rng_.uniform(0.8, 3.0));
        tap(kSpots[rng_.below(int(std::size(kSpots)))]);
        exhibit_event(kEarthquake.id, "shelter_chosen");
    }
    wait(rng_.uniform(1.0, 4.0));
    if (walks_away(0.2)) return Outcome::WalkedAway;
    back_home_from_exhibit();
    return Outcome::Stayed;
}

Outcome ScriptWriter::pendulum_lab() {
    open_exhibit(kPendulum);
    wait(kGrabAfterOpenS);
    const Point to{float(rng_.uniform(450, 1150)), float(rng_.uniform(420, 760))};
    if (rng_.chance(0.35)) { // the bob held by one finger while a second one taps elsewhere
        const Point other{float(rng_.uniform(150, 500)), float(rng_.uniform(800, 1000))};
        finger("down", 1, kBob);
        wait(0.2);
        finger("down", 2, other);
        wait(0.2);
        finger("up", 2, other);
        finger("move", 1, Point{(kBob.x + to.x) / 2, (kBob.y + to.y) / 2});
        wait(0.2);
        finger("move", 1, to);
        wait(0.2);
        finger("up", 1, to);
        ++script_->multi_finger;
    } else {
        drag(kBob, to, rng_.uniform(0.3, 0.9));
    }
    exhibit_event(kPendulum.id, "released");
    wait(rng_.uniform(2.0, 8.0));
    if (walks_away(0.2)) return Outcome::WalkedAway;
    back_home_from_exhibit();
    return Outcome::Stayed;
}

Outcome ScriptWriter::water_cycle() {
    open_exhibit(kWater);
    wait(rng_.uniform(1.0, 2.0));
    if (rng_.chance(0.3)) { // the cloud first: too little water to rain, nothing logged
        tap(kCloud);
        wait(rng_.uniform(0.5, 2.0));
    }
    tap(kSun);
    exhibit_event(kWater.id, "sun_touched");
    if (rng_.chance(0.2)) {
        wait(rng_.uniform(0.5, 2.0));
        tap(kSun);
        exhibit_event(kWater.id, "sun_touched");
    }
    if (touring_ || rng_.chance(0.6)) {
        wait(rng_.uniform(kCloudFullS, kCloudFullS + 4));
        tap(kCloud);
        exhibit_event(kWater.id, "rain_started");
        wait(rng_.uniform(2.0, 5.0));
    } else {
        wait(rng_.uniform(1.0, 4.0));
    }
    if (walks_away(0.2)) return Outcome::WalkedAway;
    back_home_from_exhibit();
    return Outcome::Stayed;
}

// The warm-up day's first two visitors: every exhibit and every quiz question
// (the first, in Chinese) and everything again in English with one quiz round
// a pack (the second).
bool ScriptWriter::tour(bool english, std::string& error) {
    touring_ = true;
    if (english) {
        tap(kLanguageToggle);
        english_ = true;
        ++script_->language_switches;
        wait(rng_.uniform(0.8, 2.0));
    }
    for (Outcome (ScriptWriter::*exhibit)() :
         {&ScriptWriter::earthquake_drill, &ScriptWriter::pendulum_lab,
          &ScriptWriter::water_cycle}) {
        (this->*exhibit)();
        wait(rng_.uniform(1.0, 3.0));
    }
    for (const Tile& tile : kQuizzes) {
        if (english) {
            if (!quiz(tile, error)) return false;
        } else if (!quiz_tour(tile, error)) {
            return false;
        }
        wait(rng_.uniform(1.0, 3.0));
    }
    touring_ = false;
    return true;
}

// Things on the home screen that record nothing: the language toggle, a
// two-finger gesture over the title, a stray tap, a drag through the tiles.
void ScriptWriter::home_extras() {
    if (rng_.chance(0.3)) {
        tap(kLanguageToggle);
        english_ = !english_;
        ++script_->language_switches;
        wait(rng_.uniform(0.8, 2.0));
    }
    if (rng_.chance(0.15)) {
        Point a{float(rng_.uniform(400, 900)), float(rng_.uniform(40, 240))};
        Point b{float(rng_.uniform(950, 1450)), float(rng_.uniform(40, 240))};
        finger("down", 1, a);
        wait(rng_.uniform(0.05, 0.2));
        finger("down", 2, b);
        wait(0.1);
        a.x -= 60;
        b.x += 60;
        finger("move", 1, a);
        finger("move", 2, b);
        wait(0.2);
        finger("up", 2, b);
        wait(0.05);
        finger("up", 1, a);
        ++script_->multi_finger;
        wait(rng_.uniform(0.5, 1.5));
    }
    if (rng_.chance(0.1)) {
        tap(Point{float(rng_.uniform(400, 1400)), float(rng_.uniform(200, 250))});
        wait(rng_.uniform(0.5, 1.5));
    }
    if (rng_.chance(0.15)) show_row(scrolled_ ? 0 : 1);
}

// One visitor: a touch wakes the kiosk (and only wakes it), then one to four
// things, then they walk away.
bool ScriptWriter::session(int day, int number, Visitor visitor, std::string& error) {
    session_lines_.clear();
    sink_ = &session_lines_;
    tap(Point{float(rng_.uniform(300, 1800)), float(rng_.uniform(300, 1000))});
    in_session_ = true;
    session_exhibits_.clear();
    session_findings_.clear();
    count("session_start");
    roll("kiosk", "", "sessions");
    set_screen(Screen::Home);
    ++script_->sessions;
    activities_.clear();
    wait(rng_.uniform(1.0, 3.0));
    if (visitor != Visitor::Random && !tour(visitor == Visitor::TourEn, error)) return false;
    const int things = visitor == Visitor::Random ? 1 + rng_.below(4) : 0;
    for (int i = 0; i < things; ++i) {
        home_extras();
        std::optional<Outcome> outcome;
        switch (rng_.below(9)) {
        case 0:
        case 1:
            outcome = earthquake_drill();
            break;
        case 2:
        case 3:
            outcome = pendulum_lab();
            break;
        case 4:
        case 5:
            outcome = water_cycle();
            break;
        default:
            outcome = quiz(kQuizzes[rng_.below(2)], error);
            if (!outcome) return false;
        }
        if (*outcome == Outcome::WalkedAway) break;
        wait(rng_.uniform(1.0, 4.0));
    }
    sink_ = &replay_;
    line("# day " + std::to_string(day) + ", visitor " + std::to_string(number) + ": " +
         activities_);
    replay_ += session_lines_;
    return true;
}

bool ScriptWriter::write(VisitorScript& script, std::string& error) {
    script_ = &script;
    if (!first_day_) {
        error = "first_day: expected YYYY-MM-DD, got \"" + options_.first_day + "\"";
        return false;
    }
    line("# Soak visitors: " + std::to_string(options_.days) + " simulated days, seed " +
         std::to_string(options_.seed) + " (written by tests/soak/visitor_script.cpp)");
    // KioskApp::create: boot, the config, the home screen.
    count("boot");
    count("config_loaded:" + options_.kiosk_name);
    count("screen_enter:home");
    roll("screen", "home", "visits");
    double attract_at = options_.idle_timeout_s; // nobody touches it after boot
    idle_to_attract();
    for (int day = 0; day < options_.days; ++day) {
        const double open = day * kDayS + kOpenS, close = day * kDayS + kCloseS;
        const int expected = options_.sessions_per_day * (day % 7 >= 5 ? 3 : 2) / 2;
        const double mean_gap = std::max(30.0, (close - open) / std::max(1, expected) - 150);
        double next = open + rng_.uniform(0, mean_gap);
        int visitors = 0;
        double last_visitor_gone = open;
        while (true) {
            next = std::max(next, attract_at + 1.0); // the last visitor's session has ended
            if (next >= close) break;
            wait_until(next);
            const Visitor visitor = day > 0 || visitors >= 2 ? Visitor::Random
                                    : visitors == 0          ? Visitor::TourZh
                                                             : Visitor::TourEn;
            if (!session(day, ++visitors, visitor, error)) return false;
            attract_at = last_input_s_ + options_.idle_timeout_s;
            // The kiosk counts a visitor once per session and local day: a
            // session past midnight would be the visitor of two days.
            if (attract_at >= day * kDayS + kMidnightS) {
                error = "day " + std::to_string(day) + ", visitor " + std::to_string(visitors) +
                        ": the session would pass the kiosk's midnight";
                return false;
            }
            idle_to_attract();
            last_visitor_gone = attract_at;
            next = attract_at + rng_.uniform(0.2, 1.8) * mean_gap;
        }
        const double next_open = (day + 1) * kDayS + (day + 1 < options_.days ? kOpenS : 0);
        script.nights.push_back({std::max(last_visitor_gone, close) + 60, next_open - 60});
    }
    wait_until(options_.days * kDayS);
    line("quit");
    // ~KioskApp: the attract screen is left, the kiosk shuts down.
    count(std::string("screen_leave:") + screen_name(screen_));
    count("shutdown");
    script.replay = replay_;
    script.duration_s = t_;
    return true;
}

} // namespace detail

std::string kiosk_start_time(const ScriptOptions& options) {
    return options.first_day + "T08:00:00+08:00"; // replay time 0: 08:00 (kMidnightS)
}

std::optional<VisitorScript> write_visitor_script(const ScriptOptions& options, QuizProbe& probe,
                                                  std::string& error) {
    VisitorScript script;
    detail::ScriptWriter writer(options, probe);
    if (!writer.write(script, error)) return std::nullopt;
    return script;
}

} // namespace kiosk::soak
