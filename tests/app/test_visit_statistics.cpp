// The interaction log seen from the kiosk: a headless replay of one visitor's
// path (attract, two exhibits, a quiz round, idle) produces exactly the
// expected events and rollups in DATA/kiosk.db; a database the kiosk cannot use
// leaves visitors served with statistics off.
#include "../home_tiles.h"
#include "app_test_support.h"
#include "telemetry/telemetry_test_support.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace kiosk;
using namespace kiosk::test;

namespace {

constexpr int64_t k2026_11_28_0130_utc = 1795829400000; // 09:30 in Beijing

std::string visitor_path_replay(double idle_timeout_s) {
    std::ifstream in(source_path("kiosk-config/visitor-path.replay"));
    std::stringstream text;
    text << in.rdbuf();
    // The committed replay waits out the sample's 90 s timeout; the test's
    // config idles sooner, so fewer frames are drawn.
    const std::string wait = "wait " + std::to_string(int(idle_timeout_s) + 1);
    return std::regex_replace(text.str(), std::regex("wait 91"), wait);
}

} // namespace

TEST_CASE("a visitor's path through the kiosk is recorded as exactly these events and counts",
          "[statistics][replay]") {
    KioskConfig config = load_sample_config("kiosk-config/county-museum.lua", "data-visit-path");
    config.idle_timeout_s = 10;
    AppOptions options;
    options.clock_start_utc_ms = k2026_11_28_0130_utc;
    options.clock_utc_offset_min = 480;
    auto app = make_app_from(config, options);
    REQUIRE(app->event_store());
    play(*app, visitor_path_replay(config.idle_timeout_s));
    REQUIRE(app->screen() == ScreenId::Attract);
    REQUIRE(app->event_store()->flush());

    Db db(config.data_dir + "/kiosk.db");
    CHECK(db.text("PRAGMA integrity_check") == "ok");
    CHECK(db.column("SELECT kind || ':' || subject FROM events WHERE kind NOT LIKE 'screen_%' "
                    "ORDER BY seq") ==
          std::vector<std::string>{
              "boot:", "config_loaded:entrance-1",
              "session_start:", "exhibit_enter:earthquake-drill", "exhibit_event:earthquake-drill",
              "exhibit_event:earthquake-drill", "exhibit_leave:earthquake-drill",
              "exhibit_enter:pendulum-lab", "exhibit_leave:pendulum-lab",
              "quiz_start:emergency-safety", "quiz_answer:emergency-safety",
              "quiz_answer:emergency-safety", "quiz_answer:emergency-safety",
              "quiz_answer:emergency-safety", "quiz_answer:emergency-safety",
              "quiz_answer:emergency-safety", "quiz_finish:emergency-safety", "session_end:"});
    CHECK(db.column("SELECT kind || ':' || subject FROM events WHERE kind = 'screen_enter' "
                    "ORDER BY seq") ==
          std::vector<std::string>{"screen_enter:home", "screen_enter:attract", "screen_enter:home",
                                   "screen_enter:exhibit", "screen_enter:home",
                                   "screen_enter:exhibit", "screen_enter:home", "screen_enter:quiz",
                                   "screen_enter:home", "screen_enter:attract"});
    // Only the visitor's events carry the session; no event carries anything else about them.
    CHECK(db.integer("SELECT count(DISTINCT session) FROM events") == 1);
    CHECK(db.integer("SELECT count(*) FROM events WHERE session IS NULL AND kind IN "
                     "('exhibit_enter', 'quiz_answer', 'session_start', 'session_end')") == 0);
    CHECK(
        db.text("SELECT group_concat(fields ->> 'question' || '=' || (fields ->> 'correct'), ' ') "
                "FROM events WHERE kind = 'quiz_answer'") ==
        "fire-call=1 quake-kit=0 quake-aftershock=0 power-hazards=0 fire-oil-pan=1 "
        "fire-extinguisher=0");
    CHECK(db.text("SELECT fields FROM events WHERE kind = 'quiz_finish'") ==
          R"({"score":2,"questions":6})");
    CHECK(db.text("SELECT fields ->> 'reason' FROM events WHERE kind = 'session_end'") == "idle");
    CHECK(db.integer("SELECT count(*) FROM events WHERE day <> '2026-11-28' OR clock_flags <> 0") ==
          0);

    auto value = [&](const std::string& kind, const std::string& subject,
                     const std::string& metric) {
        return db.integer(
            "SELECT value FROM rollups WHERE day = '2026-11-28' AND subject_kind = '" + kind +
            "' AND subject = '" + subject + "' AND metric = '" + metric + "'");
    };
    CHECK(value("kiosk", "", "sessions") == 1);
    CHECK(value("hour", "09", "sessions") == 1);
    CHECK(value("exhibit", "earthquake-drill", "visits") == 1);
    CHECK(value("exhibit", "earthquake-drill", "interactions") == 2);
    CHECK(value("exhibit", "earthquake-drill", "dwell_ms") == 3200);
    CHECK(value("exhibit", "pendulum-lab", "visits") == 1);
    CHECK(value("exhibit", "pendulum-lab", "dwell_ms") == 5700);
    CHECK(value("quiz", "emergency-safety", "visits") == 1);
    CHECK(value("quiz", "emergency-safety", "completions") == 1);
    CHECK(value("quiz", "emergency-safety", "score_total") == 2);
    CHECK(value("question", "emergency-safety/fire-call", "answers") == 1);
    CHECK(value("question", "emergency-safety/fire-call", "correct") == 1);
    CHECK(value("question", "emergency-safety/quake-kit", "correct") == 0);
    CHECK(value("option", "emergency-safety/fire-extinguisher/pin", "choices") == 1);
    CHECK(db.integer("SELECT count(*) FROM rollups WHERE subject_kind = 'question' AND metric = "
                     "'answers'") == 6);
    // The session lasted from the waking tap to the idle timeout after the quiz.
    CHECK(value("kiosk", "", "session_ms") ==
          db.integer("SELECT fields ->> 'duration_ms' FROM events WHERE kind = 'session_end'"));
    CHECK(stored_rollups(db) == recounted_rollups(db));
    CHECK(db.text("SELECT title_zh FROM subjects WHERE subject_kind = 'quiz'") ==
          app->quiz_screen().manifest().title.zh);
}

TEST_CASE("a statistics database the kiosk cannot use leaves visitors served, untouched",
          "[statistics]") {
    KioskConfig config = load_sample_config("kiosk-config/county-museum.lua", "data-stats-refused");
    std::filesystem::create_directories(config.data_dir);
    const std::string db_path = config.data_dir + "/kiosk.db";
    std::ofstream(db_path) << "this is not a database";
    auto app = make_app_from(config, AppOptions{});
    CHECK(app->event_store() == nullptr);
    CHECK_THAT(app->statistics_problem(),
               Catch::Contains(db_path) && Catch::Contains("not a statistics database"));
    play(*app, open_home_tile("pendulum-lab") + "wait 1\n");
    CHECK(app->screen() == ScreenId::Exhibit);
    std::ifstream in(db_path);
    std::string text;
    std::getline(in, text);
    CHECK(text == "this is not a database");
}

TEST_CASE("on a full disk the kiosk keeps serving visitors and counting, and recovers",
          "[statistics]") {
    KioskConfig config = load_sample_config("kiosk-config/county-museum.lua", "data-disk-full");
    auto app = make_app_from(config, AppOptions{});
    telemetry::EventStore* store = app->event_store();
    REQUIRE(store);
    REQUIRE(store->flush());
    const std::string db_path = config.data_dir + "/kiosk.db";
    store->set_max_page_count(Db(db_path).integer("PRAGMA page_count")); // not one page more

    const std::string visit = open_home_tile("pendulum-lab") + "wait 0.5\ntap 170 90\nwait 0.5\n";
    int visits = 0;
    for (; visits < 20; ++visits) {
        play(*app, visit, 0);
        REQUIRE(app->screen() == ScreenId::Home); // the visitor was served
    }
    store->flush();
    CHECK(store->health().raw_dropped > 0);
    {
        Db db(db_path);
        CHECK(db.integer("SELECT count(*) FROM events WHERE kind = 'exhibit_enter'") < visits);
        CHECK(db.text("PRAGMA integrity_check") == "ok");
    }

    store->set_max_page_count(0); // space comes back
    for (int i = 0; i < 3; ++i, ++visits)
        play(*app, visit, 0);
    store->flush();
    CHECK(store->flush());
    Db db(db_path);
    CHECK(db.integer("SELECT value FROM rollups WHERE subject_kind = 'exhibit' AND subject = "
                     "'pendulum-lab' AND metric = 'visits'") == visits);
    CHECK(db.integer("SELECT count(*) FROM events WHERE kind = 'storage_recovered'") >= 1);
    CHECK(db.integer("SELECT sum(value) FROM rollups WHERE metric = 'dropped_raw_events'") ==
          store->health().raw_dropped);
}
