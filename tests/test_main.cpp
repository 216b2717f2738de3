// The one Catch2 main shared by every test executable. Writing to a connection
// the other side closed is an error to check (EPIPE), never the end of the
// test process: SIGPIPE is ignored, as the kiosk and the hub ignore it.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <csignal>

int main(int argc, char* argv[]) {
    std::signal(SIGPIPE, SIG_IGN);
    return Catch::Session().run(argc, argv);
}
