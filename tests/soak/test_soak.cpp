// The soak test (issue 7): a headless kiosk process plays a seeded script of
// simulated visitor days on the fixed time step and syncs to a real kiosk-hub
// process (soak_run.h says what is checked). CTest runs two simulated days
// with a few visitors; the week is hidden here and run by scripts/soak.sh.
// The judges of the figures are tested on their own first: they must fail.
#include "kiosk_db_facts.h"
#include "resource_log.h"
#include "soak_run.h"

#include <catch2/catch.hpp>

using namespace kiosk::soak;

// The judges can fail: a descriptor that stays open, memory that keeps
// growing, and a count off by one are each reported.
TEST_CASE("soak: the night-by-night judge sees a leaked descriptor and growing memory",
          "[soak][judge]") {
    const std::vector<QuietWindow> nights = {{100, 200}, {300, 400}, {500, 600}};
    std::vector<ResourceSample> steady, leaking;
    for (const QuietWindow& night : nights)
        for (double t = night.from_s; t <= night.to_s; t += 50) {
            const int64_t n = int64_t(night.from_s / 200);
            // A sync round in flight adds descriptors for one sample a night.
            const int in_flight = t == night.from_s + 50 ? 2 : 0;
            // The attract loop holds a picture decoded while it shows it: on
            // the second night the last sample falls in such a moment.
            const int64_t picture_kb = n == 1 && t == night.to_s ? 6000 : 0;
            steady.push_back(
                {t, 100000 + n * 100 + picture_kb, 100000 + n * 100, 20 + in_flight, 0});
            leaking.push_back(
                {t, 100000 + n * 4000, 100000 + n * 4000, 20 + int(n) + in_flight, 0});
        }
    const ResourceFigures good = judge_resources(steady, nights);
    REQUIRE(good.problem.empty());
    CHECK(good.fds_steady);
    CHECK(good.warm_fds == 20);
    CHECK(good.max_fds == 22);
    CHECK(good.end_growth_pct == Approx(0.2));
    CHECK(good.max_growth_pct == Approx(0.2));
    const ResourceFigures bad = judge_resources(leaking, nights);
    REQUIRE(bad.problem.empty());
    CHECK_FALSE(bad.fds_steady);
    CHECK(bad.end_fds == 22);
    CHECK(bad.end_growth_pct == Approx(8.0));
    CHECK(bad.max_growth_pct == Approx(8.0));
    CHECK(judge_resources(steady, {nights[0]}).problem != "");
}

TEST_CASE("soak: event keys and count differences", "[soak][judge]") {
    CHECK(event_key("session_end", "", R"({"reason":"idle","duration_ms":5})") ==
          "session_end:idle");
    CHECK(event_key("exhibit_event", "water-cycle", R"({"event":"sun_touched","data":{}})") ==
          "exhibit_event:water-cycle:sun_touched");
    CHECK(event_key("quiz_answer", "p", R"({"question":"q","chosen":["a"],"correct":false})") ==
          "quiz_answer:p:q:wrong");
    CHECK(event_key("screen_enter", "home", "{}") == "screen_enter:home");
    CHECK(event_key("boot", "", "{}") == "boot");
    CHECK(counted_rollups({{"kiosk||sessions", 3},
                           {"kiosk||session_ms", 9},
                           {"hour|09|sessions", 3},
                           {"question|p/q|correct", 0}}) == Counts{{"kiosk||sessions", 3}});
    CHECK(counted_rollups_by_day({{"2027-03-01|kiosk||sessions", 3},
                                  {"2027-03-01|kiosk||session_ms", 9},
                                  {"2027-03-02|hour|09|sessions", 3},
                                  {"2027-03-02|finding_value|e/f/x=1|visitors", 1},
                                  {"2027-03-02|exhibit|e|visitors", 1}}) ==
          Counts{{"2027-03-01|kiosk||sessions", 3}, {"2027-03-02|exhibit|e|visitors", 1}});
    const std::vector<std::string> lines = differences({{"a", 1}, {"b", 2}}, {{"b", 3}, {"c", 1}});
    CHECK(lines == std::vector<std::string>{"a: expected 1, got 0", "b: expected 2, got 3",
                                            "c: expected 0, got 1"});
}

TEST_CASE("soak: two simulated days of visitors, synced to a hub, count exactly and leak nothing",
          "[soak]") {
    SoakSettings settings;
    settings.days = 2;
    settings.sessions_per_day = 3;
    settings.seed = 7;
    run_soak(settings);
}

// scripts/soak.sh [--days N] runs this one with KIOSK_SOAK_* set.
TEST_CASE("soak: the long version (KIOSK_SOAK_DAYS, default a week)", "[.soak-long]") {
    SoakSettings defaults;
    defaults.days = 7;
    defaults.sessions_per_day = 24;
    run_soak(settings_from_environment(defaults));
}
