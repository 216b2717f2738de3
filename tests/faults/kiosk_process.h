// The kiosk as a real process for the fault tests that need one (SIGKILL):
// `kiosk --headless` started with fork/exec on a config the test wrote, its
// stdout and stderr in a file, waited for, signalled, or killed when the test
// ends. Optionally run as user nobody (setpriv), so that a folder made
// read-only is read-only even for a test running as root, or with a file size
// limit (RLIMIT_FSIZE, SIGXFSZ ignored: a write past it fails with EFBIG, as
// on a full disk).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::test {

class KioskProcess {
public:
    // Starts the built kiosk --config CONFIG --headless --width 640 --height 360 ARGUMENTS...
    // `file_size_limit`: bytes no file it writes may grow past (0: none).
    KioskProcess(const std::string& config, const std::vector<std::string>& arguments,
                 const std::string& output_path, bool as_nobody = false,
                 uint64_t file_size_limit = 0);
    ~KioskProcess(); // SIGKILL when still running
    KioskProcess(const KioskProcess&) = delete;
    KioskProcess& operator=(const KioskProcess&) = delete;

    pid_t pid() const { return pid_; }
    // The exit code, or -SIGNAL; FAILs (killing it) after `timeout_ms`.
    int wait(int timeout_ms = 180000);
    // Sends `signal` and waits as wait() does.
    int stop(int signal);
    bool running();
    // What it wrote to stdout and stderr so far.
    std::string output() const;
    // Waits until output() contains `text`; false when the process ended or
    // `timeout_ms` passed first.
    bool wait_for_output(const std::string& text, int timeout_ms = 120000);

private:
    pid_t pid_ = -1;
    int status_ = 0;
    std::string output_path_;
};

// Whether user nobody exists and setpriv can switch to it (root only).
bool can_run_as_nobody();

} // namespace kiosk::test
