// The process the power-loss test kills: opens DB, then forever records
// batches of visitor-like events through the InteractionLog, and after each
// batch that flush() reports committed prints "acked SEQ" (every event up to
// SEQ is durable). Usage: telemetry_kill_child DB SEED
#include "telemetry/interaction_log.h"

#include <cstdio>
#include <random>
#include <string>

using namespace kiosk::telemetry;

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: telemetry_kill_child DB SEED\n");
        return 2;
    }
    SystemClock clock;
    std::string error;
    auto store = EventStore::open({argv[1], "kill-test", &clock}, error);
    if (!store) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    InteractionLog log(store.get(), clock);
    log.boot("kill-test");
    std::mt19937 random(static_cast<unsigned>(std::stoul(argv[2])));
    const char* exhibits[] = {"pendulum-lab", "water-cycle", "earthquake-drill"};
    for (int session = 0;; ++session) {
        log.session_started("session-" + std::to_string(session));
        const int steps = 1 + int(random() % 12);
        for (int step = 0; step < steps; ++step) {
            switch (random() % 3) {
            case 0:
                log.exhibit_entered(exhibits[random() % 3], "1.0.0", {"展品", "Exhibit"});
                log.exhibit_event("touch", "{\"n\":" + std::to_string(step) + "}");
                log.exhibit_left();
                break;
            case 1:
                log.quiz_started("general-science", "1.0.0", {"科学", "Science"}, 2);
                log.quiz_answered("q" + std::to_string(random() % 4), {"问题", "Question"}, {},
                                  {random() % 2 ? "a" : "b"}, random() % 2 == 0, 1200);
                log.quiz_finished(int(random() % 3), 2);
                break;
            default:
                log.screen_entered(step % 2 ? "home" : "exhibit");
            }
        }
        log.session_ended("idle");
        if (store->flush()) {
            std::printf("acked %lld\n", static_cast<long long>(store->health().committed_seq));
            std::fflush(stdout);
        }
    }
}
