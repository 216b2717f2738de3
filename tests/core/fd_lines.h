// Reading a child process's output line by line in tests: one line from a
// pipe, waiting at most a given time in all (the hub's and the SMTP sink's
// "listening on ..." and "message ..." lines).
#pragma once

#include <poll.h>
#include <unistd.h>

#include <string>

namespace kiosk::test {

// One line from `fd` (without its '\n'), or what arrived before `timeout_ms`
// passed or the pipe closed.
inline std::string read_line_within(int fd, int timeout_ms) {
    std::string line;
    pollfd readable{fd, POLLIN, 0};
    while (poll(&readable, 1, timeout_ms) > 0) {
        char c = 0;
        if (read(fd, &c, 1) != 1 || c == '\n') break;
        line += c;
    }
    return line;
}

} // namespace kiosk::test
