// The soak's visitors: a seeded, deterministic script of N simulated days at
// the county museum sample kiosk, written as an input replay, together with
// what it expects kiosk.db to hold afterwards. The expectation comes from the
// script's own model of the kiosk (screens, idle timeout, language, the home
// screen's scroll, the quiz round seeds) and of what it made each visitor do,
// never from reading a kiosk.db back.
//
// A day: the kiosk is open 09:00-17:00 (replay time 0 is 08:00 of day 0, and
// the kiosk's clock is started there: kiosk_start_time, so its local days and
// hours are the script's whenever and wherever it runs), visitors come one
// after another with gaps, each session starts with a touch on the attract
// screen and ends when the visitor walks away and the idle timeout returns
// the kiosk to the attract screen; nights have nobody.
// A visitor does one to four things: an exhibit (earthquake drill: shelter
// spots; pendulum lab: a drag of the bob, or a two-finger hold; water cycle:
// the sun, the cloud before and after it), a quiz round (answers right and
// wrong, sometimes played again, left half way or abandoned), a language
// switch, a two-finger gesture or stray taps on the home screen, and drags
// that scroll the tiles. Day 0 opens with two touring visitors: every exhibit,
// quiz rounds until every question (and so every picture) has been shown, and
// everything again in English, so the warm-up day fills every cache the kiosk
// has. Coordinates are the logical 1920x1080 ones of the sample content
// (those of kiosk-config/*.replay and the app tests); quiz option cards are
// placed by QuizProbe.
//
// Event keys (the same rule as kiosk_db_facts.h's event_key):
//   boot, shutdown, session_start, session_end:REASON, config_loaded:KIOSK,
//   screen_enter:SCREEN, screen_leave:SCREEN, exhibit_enter:ID, exhibit_leave:ID,
//   exhibit_event:ID:NAME, quiz_start:PACK, quiz_finish:PACK,
//   quiz_answer:PACK:QUESTION:right|wrong, any other kind: KIND[:SUBJECT].
// Rollup keys: "KIND|SUBJECT|METRIC", summed over days, and the same by day
// ("DAY|KIND|SUBJECT|METRIC"); only counts (no *_ms metric), no "hour"
// subject and no zero values. A `visitors` count is the kiosk's rule
// (InteractionLog::count_visitor): once per session and local day. No
// session here passes the kiosk's midnight (the writer refuses one that
// would), so that is once per session.
#pragma once

#include "quiz_probe.h"
#include "soak_counts.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::soak {

struct ScriptOptions {
    int days = 2;
    int sessions_per_day = 24; // on a weekday; weekends (days 5 and 6 of 7) half again
    uint64_t seed = 1;         // the script's own random numbers
    uint64_t kiosk_seed = 1;   // the kiosk's fixed seed (headless without --seed: 1)
    double idle_timeout_s = 90;
    std::string kiosk_name;  // the config's kiosk_name (its config_loaded event)
    std::string content_dir; // the quiz packs' folders (build/sample-folders: pictures rendered)
    std::string first_day = "2027-03-01"; // the kiosk's local date of day 0 (a Monday)
};

// The kiosk's --start-time for the script: 08:00 Beijing time on first_day,
// replay time 0. Without it the kiosk's clock starts at the machine's "now",
// and a visitor session that passes its midnight counts as the visitor of
// both days (a CI run of the week met one).
std::string kiosk_start_time(const ScriptOptions& options);

// Replay-clock seconds with no visitor at the kiosk (a night), from a minute
// after the last visitor's session ended to a minute before the next opening.
struct QuietWindow {
    double from_s = 0, to_s = 0;
};

struct VisitorScript {
    std::string replay; // the input replay file's text
    double duration_s = 0;
    Counts events;                   // expected events in kiosk.db, by event key
    Counts rollups;                  // expected rollup totals, by rollup key
    Counts rollups_by_day;           // the same by "DAY|" and rollup key
    std::vector<QuietWindow> nights; // one after each day
    // For the report.
    int sessions = 0, quiz_rounds = 0, quiz_answers = 0, exhibit_visits = 0;
    int taps = 0, drags = 0, multi_finger = 0, language_switches = 0;
};

// Writes the script; nullopt and `error` when a quiz pack does not load or the
// probe does not record the answer the script planned.
std::optional<VisitorScript> write_visitor_script(const ScriptOptions& options, QuizProbe& probe,
                                                  std::string& error);

} // namespace kiosk::soak
