// InteractionLog tests: a visitor's path becomes exactly the expected events
// and rollups; dwell times come from the monotonic clock; kiosk.log events are
// bounded per session with the excess counted; a wrong or jumping clock still
// records, with flags; local days and hours around midnight and time zones.
#include "core/temp_folder.h"
#include "telemetry/interaction_log.h"
#include "telemetry/telemetry_test_support.h"

#include <catch2/catch.hpp>

using namespace kiosk;
using namespace kiosk::telemetry;
using kiosk::test::Db;

namespace {

constexpr int64_t k2026_11_28_0930_beijing = 1795829400000; // 2026-11-28T01:30:00Z
constexpr int32_t kBeijing = 480;

struct Fixture {
    test::TempFolder folder;
    ManualClock clock{k2026_11_28_0930_beijing, kBeijing};
    std::unique_ptr<EventStore> store;
    Fixture() {
        std::string error;
        store = EventStore::open({folder.file("kiosk.db"), "test", &clock}, error);
        REQUIRE(store);
    }
    Db db() {
        REQUIRE(store->flush());
        return Db(folder.file("kiosk.db"));
    }
};

} // namespace

// The local day and hour themselves are core's (tests/core/test_civil_time.cpp).
TEST_CASE("a wall-clock time is plausible from 2025 to 2099", "[telemetry]") {
    CHECK_FALSE(plausible_utc_ms(0));
    CHECK(plausible_utc_ms(k2026_11_28_0930_beijing));
}

TEST_CASE("a visitor's path becomes exactly the expected events and rollups", "[telemetry]") {
    Fixture f;
    InteractionLog log(f.store.get(), f.clock);
    log.boot("0.4.0");
    log.session_started("s1");
    log.screen_entered("home");
    f.clock.advance_ms(4000);
    log.screen_entered("exhibit");
    log.exhibit_entered("pendulum-lab", "1.2.0", {"单摆实验室", "Pendulum lab"});
    f.clock.advance_ms(1500);
    CHECK(log.exhibit_event("swing", R"({"length_m":0.5})"));
    f.clock.advance_ms(30000);
    log.exhibit_left();
    log.screen_entered("quiz");
    log.quiz_started("general-science", "1.0.0", {"科学常识", "Science"}, 2);
    f.clock.advance_ms(7000);
    log.quiz_answered("q1", {"水的沸点？", "Boiling point?"}, {{"a", {"100 度", "100 C"}}}, {"a"},
                      true, 7000);
    log.quiz_answered("q2", {"排序", "Order"}, {}, {"x", "y"}, false, 3000);
    log.quiz_finished(1, 2);
    f.clock.advance_ms(90000);
    log.screen_entered("attract");
    log.session_ended("idle");

    Db db = f.db();
    CHECK(db.column("SELECT kind || ':' || subject FROM events ORDER BY seq") ==
          std::vector<std::string>{
              "boot:", "session_start:", "screen_enter:home", "screen_leave:home",
              "screen_enter:exhibit", "exhibit_enter:pendulum-lab", "exhibit_event:pendulum-lab",
              "exhibit_leave:pendulum-lab", "screen_leave:exhibit", "screen_enter:quiz",
              "quiz_start:general-science", "quiz_answer:general-science",
              "quiz_answer:general-science", "quiz_finish:general-science", "screen_leave:quiz",
              "screen_enter:attract", "session_end:"});
    // Session ids on visitor events only; the local day from the offset.
    CHECK(db.integer("SELECT count(*) FROM events WHERE session = 's1'") == 16);
    CHECK(db.integer("SELECT count(*) FROM events WHERE day <> '2026-11-28'") == 0);
    CHECK(db.text("SELECT fields FROM events WHERE kind = 'exhibit_event'") ==
          R"({"event":"swing","data":{"length_m":0.5}})");
    CHECK(db.text("SELECT fields FROM events WHERE kind = 'quiz_answer' ORDER BY seq LIMIT 1") ==
          R"({"question":"q1","chosen":["a"],"correct":true,"answer_ms":7000})");
    CHECK(db.text("SELECT content_version FROM events WHERE kind = 'exhibit_leave'") == "1.2.0");

    using test::RollupRow;
    const std::string day = "2026-11-28";
    std::vector<RollupRow> expected = {
        {day, "exhibit", "pendulum-lab", "dwell_ms", 31500},
        {day, "exhibit", "pendulum-lab", "interactions", 1},
        {day, "exhibit", "pendulum-lab", "visitors", 1},
        {day, "exhibit", "pendulum-lab", "visits", 1},
        {day, "finding", "pendulum-lab/swing", "events", 1},
        {day, "finding", "pendulum-lab/swing", "visitors", 1},
        {day, "finding_value", "pendulum-lab/swing/length_m=0.5", "visitors", 1},
        {day, "hour", "09", "sessions", 1},
        {day, "kiosk", "", "session_ms", 132500},
        {day, "kiosk", "", "sessions", 1},
        {day, "option", "general-science/q1/a", "choices", 1},
        {day, "option", "general-science/q2/x", "choices", 1},
        {day, "option", "general-science/q2/y", "choices", 1},
        {day, "question", "general-science/q1", "answers", 1},
        {day, "question", "general-science/q1", "correct", 1},
        {day, "question", "general-science/q2", "answers", 1},
        {day, "question", "general-science/q2", "correct", 0},
        {day, "quiz", "general-science", "completions", 1},
        {day, "quiz", "general-science", "score_total", 1},
        {day, "quiz", "general-science", "visits", 1},
        {day, "screen", "attract", "visits", 1},
        {day, "screen", "exhibit", "dwell_ms", 31500},
        {day, "screen", "exhibit", "visits", 1},
        {day, "screen", "home", "dwell_ms", 4000},
        {day, "screen", "home", "visits", 1},
        {day, "screen", "quiz", "dwell_ms", 97000},
        {day, "screen", "quiz", "visits", 1},
    };
    CHECK(test::stored_rollups(db) == expected);
    CHECK(test::recounted_rollups(db) == expected);
    CHECK(db.text("SELECT title_zh FROM subjects WHERE subject = 'pendulum-lab'") == "单摆实验室");
    CHECK(db.text("SELECT title_en FROM subjects WHERE subject = 'general-science/q1/a'") ==
          "100 C");
}

TEST_CASE("findings count events each time and visitors once per session", "[telemetry]") {
    Fixture f;
    InteractionLog log(f.store.get(), f.clock);
    log.session_started("s1"); // opens the exhibit twice, finds it three times
    log.exhibit_entered("refraction", "1.0.0", {"光的折射", "Refraction"});
    CHECK(log.exhibit_event("total_reflection", R"({"angle":45,"ok":true})"));
    CHECK(log.exhibit_event("total_reflection", R"({"angle":45,"ok":true})"));
    log.exhibit_left();
    log.exhibit_entered("refraction", "1.0.0", {"光的折射", "Refraction"});
    CHECK(log.exhibit_event("total_reflection", R"({"angle":48.5,"ok":false})"));
    log.exhibit_left();
    log.session_ended("idle");
    log.session_started("s2"); // opens it, finds nothing
    log.exhibit_entered("refraction", "1.0.0", {"光的折射", "Refraction"});
    log.exhibit_left();
    log.session_ended("idle");
    log.session_started("s3");
    log.exhibit_entered("refraction", "1.0.0", {"光的折射", "Refraction"});
    CHECK(log.exhibit_event("total_reflection", R"({"angle":45,"ok":true})"));
    log.exhibit_left();
    log.session_ended("idle");

    Db db = f.db();
    const std::string day = "2026-11-28";
    CHECK(db.rows("SELECT day, subject_kind, subject, metric, value FROM rollups"
                  " WHERE metric IN ('visitors', 'events') ORDER BY 1, 2, 3, 4") ==
          std::vector<test::RollupRow>{
              {day, "exhibit", "refraction", "visitors", 3},
              {day, "finding", "refraction/total_reflection", "events", 4},
              {day, "finding", "refraction/total_reflection", "visitors", 2},
              {day, "finding_value", "refraction/total_reflection/angle=45", "visitors", 2},
              {day, "finding_value", "refraction/total_reflection/angle=48.5", "visitors", 1},
              {day, "finding_value", "refraction/total_reflection/ok=false", "visitors", 1},
              {day, "finding_value", "refraction/total_reflection/ok=true", "visitors", 2},
          });
    CHECK(db.integer("SELECT value FROM rollups WHERE subject_kind = 'exhibit'"
                     " AND metric = 'visits'") == 4);
    CHECK(test::stored_rollups(db) == test::recounted_rollups(db));
}

TEST_CASE("a finding value is cut to 64 bytes at a character boundary", "[telemetry]") {
    Fixture f;
    InteractionLog log(f.store.get(), f.clock);
    log.session_started("s1");
    log.exhibit_entered("refraction", "1.0.0", {"光的折射", "Refraction"});
    std::string long_zh; // 30 characters of 3 bytes: 90 bytes
    for (int i = 0; i < 30; ++i)
        long_zh += "光";
    CHECK(log.exhibit_event("named", R"({"medium":")" + long_zh + R"("})"));
    CHECK(log.exhibit_event("named", R"({"medium":")" + std::string(70, 'a') + R"("})"));
    Db db = f.db();
    CHECK(db.column("SELECT subject FROM rollups WHERE subject_kind = 'finding_value'"
                    " ORDER BY subject") ==
          std::vector<std::string>{"refraction/named/medium=" + std::string(64, 'a'),
                                   "refraction/named/medium=" + long_zh.substr(0, 63)});
}

TEST_CASE("a field keeps at most 32 values a day, the rest as …, across a restart", "[telemetry]") {
    Fixture f;
    const std::string field = "refraction/pick/colour=";
    {
        InteractionLog log(f.store.get(), f.clock);
        log.session_started("s1");
        log.exhibit_entered("refraction", "1.0.0", {"光的折射", "Refraction"});
        for (int i = 0; i < 40; ++i) // 8 beyond the cap: one visitor of "…"
            CHECK(log.exhibit_event("pick", R"({"colour":"c)" + std::to_string(i) + R"("})"));
        log.exhibit_left();
        log.session_ended("idle");
    }
    std::string error;
    f.store.reset(); // the kiosk restarts the same day
    f.store = EventStore::open({f.folder.file("kiosk.db"), "test", &f.clock}, error);
    REQUIRE(f.store);
    {
        InteractionLog log(f.store.get(), f.clock);
        log.session_started("s2");
        log.exhibit_entered("refraction", "1.0.0", {"光的折射", "Refraction"});
        CHECK(log.exhibit_event("pick", R"({"colour":"c99"})")); // new: beyond the cap
        CHECK(log.exhibit_event("pick", R"({"colour":"c98"})")); // the same visitor of "…"
        CHECK(log.exhibit_event("pick", R"({"colour":"c5"})"));  // kept before the restart
        f.clock.advance_ms(24 * 3600 * 1000);                    // the next day starts afresh
        CHECK(log.exhibit_event("pick", R"({"colour":"c99"})"));
        log.exhibit_left();
        log.session_ended("idle");
    }
    Db db = f.db();
    CHECK(db.integer("SELECT count(*) FROM rollups WHERE subject_kind = 'finding_value'"
                     " AND day = '2026-11-28' AND subject <> '" +
                     field + "…'") == 32);
    CHECK(db.integer("SELECT value FROM rollups WHERE day = '2026-11-28' AND subject = '" + field +
                     "…'") == 2);
    CHECK(db.integer("SELECT value FROM rollups WHERE day = '2026-11-28' AND subject = '" + field +
                     "c5'") == 2);
    CHECK(db.column("SELECT subject FROM rollups WHERE subject_kind = 'finding_value'"
                    " AND day = '2026-11-29'") == std::vector<std::string>{field + "c99"});
    CHECK(db.integer("SELECT value FROM rollups WHERE day = '2026-11-29' AND subject = "
                     "'refraction' AND metric = 'visitors'") == 1);
}

TEST_CASE("kiosk.log events are bounded per session and the excess is counted", "[telemetry]") {
    Fixture f;
    InteractionLog log(f.store.get(), f.clock, InteractionLimits{.exhibit_events_per_session = 3});
    log.session_started("s1");
    log.exhibit_entered("water-cycle", "1.0.0", {"水循环", "Water cycle"});
    int kept = 0;
    for (int i = 0; i < 5; ++i)
        kept += log.exhibit_event("drop", "{}");
    CHECK(kept == 3);
    CHECK_FALSE(log.exhibit_event("Bad Name", "{}"));
    CHECK_FALSE(log.exhibit_event("big", "{\"x\":\"" + std::string(2000, 'a') + "\"}"));
    log.exhibit_events_dropped(4); // the API's per-second limit
    log.exhibit_left();
    log.session_ended("idle");

    log.session_started("s2"); // a new visitor starts with a fresh bound
    log.exhibit_entered("water-cycle", "1.0.0", {"水循环", "Water cycle"});
    CHECK(log.exhibit_event("drop", "{}"));
    log.exhibit_left();
    log.session_ended("idle");

    Db db = f.db();
    CHECK(db.integer("SELECT count(*) FROM events WHERE kind = 'exhibit_event'") == 4);
    CHECK(db.integer("SELECT fields ->> 'dropped_log_events' FROM events WHERE kind = "
                     "'session_end' AND session = 's1'") == 8);
    CHECK(db.integer("SELECT value FROM rollups WHERE metric = 'dropped_log_events'") == 8);
    CHECK(db.integer("SELECT value FROM rollups WHERE metric = 'interactions'") == 4);
    CHECK(test::stored_rollups(db) == test::recounted_rollups(db));
}

TEST_CASE("a kiosk whose clock starts in 1970 and then jumps still records, with flags",
          "[telemetry]") {
    Fixture f;
    f.clock.set_utc_ms(60000); // 1970-01-01T00:01Z, as after a dead RTC battery
    InteractionLog log(f.store.get(), f.clock);
    log.boot("0.4.0");
    log.session_started("s1");
    f.clock.advance_ms(1000);
    f.clock.set_utc_ms(k2026_11_28_0930_beijing); // NTP arrives
    log.session_ended("idle");
    f.clock.advance_ms(5000);
    log.session_started("s2");
    f.clock.advance_ms(3000);
    log.session_ended("idle");

    Db db = f.db();
    CHECK(db.column("SELECT kind || ':' || clock_flags || ':' || day FROM events ORDER BY seq") ==
          std::vector<std::string>{"boot:1:1970-01-01", "session_start:1:1970-01-01",
                                   "clock_jump:2:2026-11-28", "session_end:2:2026-11-28",
                                   "session_start:2:2026-11-28", "session_end:2:2026-11-28"});
    CHECK(db.integer("SELECT fields ->> 'delta_ms' FROM events WHERE kind = 'clock_jump'") ==
          k2026_11_28_0930_beijing - 61000);
    // Dwell comes from the monotonic clock, so the jump does not distort it.
    CHECK(db.integer("SELECT sum(value) FROM rollups WHERE metric = 'session_ms'") == 4000);
    CHECK(test::stored_rollups(db) == test::recounted_rollups(db));
}

TEST_CASE("with no store every call is a no-op", "[telemetry]") {
    ManualClock clock{k2026_11_28_0930_beijing, kBeijing};
    InteractionLog log(nullptr, clock);
    log.boot("x");
    log.session_started("s");
    CHECK_FALSE(log.enabled());
    CHECK_FALSE(log.exhibit_event("a", "{}"));
}
