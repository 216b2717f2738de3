// Power-loss safety: a child process writing events is SIGKILLed at 20 random
// moments (right after a random number of acknowledged commits, while it is
// writing the next batch). After each kill the database passes
// integrity_check, every acknowledged event is present, and the rollups equal
// a recount of the raw events.
#include "core/temp_folder.h"
#include "telemetry/telemetry_test_support.h"
#include "test_paths.h"

#include <catch2/catch.hpp>

#include <csignal>
#include <cstdio>
#include <random>
#include <sys/wait.h>
#include <unistd.h>

using kiosk::test::Db;

namespace {

struct Child {
    pid_t pid = -1;
    FILE* out = nullptr;
};

Child start_child(const std::string& db, unsigned seed) {
    int pipe_fds[2];
    REQUIRE(pipe(pipe_fds) == 0);
    Child child;
    const std::string kill_child_program = kiosk::test::program_path("telemetry_kill_child");
    child.pid = fork();
    REQUIRE(child.pid >= 0);
    if (child.pid == 0) {
        dup2(pipe_fds[1], STDOUT_FILENO);
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        const std::string seed_text = std::to_string(seed);
        execl(kill_child_program.c_str(), kill_child_program.c_str(), db.c_str(), seed_text.c_str(),
              nullptr);
        _exit(127);
    }
    close(pipe_fds[1]);
    child.out = fdopen(pipe_fds[0], "r");
    return child;
}

} // namespace

TEST_CASE("events acknowledged before a SIGKILL survive it, and rollups equal a recount",
          "[telemetry][power-loss]") {
    kiosk::test::TempFolder folder;
    const std::string db_path = folder.file("kiosk.db");
    std::mt19937 random(20261128);
    int64_t acked_total = 0;
    for (int moment = 0; moment < 20; ++moment) {
        Child child = start_child(db_path, unsigned(random()));
        const int acks_wanted = 1 + int(random() % 25);
        int acks = 0;
        long long acked = 0;
        char line[128];
        while (acks < acks_wanted && std::fgets(line, sizeof line, child.out)) {
            long long seq = 0;
            if (std::sscanf(line, "acked %lld", &seq) == 1) {
                acked = seq;
                ++acks;
            }
        }
        kill(child.pid, SIGKILL);
        int status = 0;
        waitpid(child.pid, &status, 0);
        std::fclose(child.out);
        INFO("moment " << moment << ": killed after " << acks << " acknowledged batches");
        REQUIRE(acks == acks_wanted); // the child ran and acknowledged commits
        REQUIRE(WIFSIGNALED(status));

        Db db(db_path);
        CHECK(db.text("PRAGMA integrity_check") == "ok");
        // Seq numbers are handed out without gaps, so "every acknowledged event
        // is present" is: all seqs 1..acked exist (nothing was ever pruned here).
        CHECK(db.integer("SELECT count(*) FROM events WHERE seq <= " + std::to_string(acked)) ==
              acked);
        CHECK(acked > acked_total);
        acked_total = acked;
        CHECK(kiosk::test::stored_rollups(db) == kiosk::test::recounted_rollups(db));
    }
    Db db(db_path);
    CHECK(db.integer("SELECT count(*) FROM boots") == 20);
}
