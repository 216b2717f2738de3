// KioskProcess: fork/exec of the headless kiosk, waiting with a bound, and
// reading what it printed (see kiosk_process.h).
#include "kiosk_process.h"
#include "test_paths.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kiosk::test {
namespace {

constexpr const char* kSetpriv = "/usr/bin/setpriv";

} // namespace

bool can_run_as_nobody() {
    return geteuid() == 0 && std::filesystem::exists(kSetpriv);
}

KioskProcess::KioskProcess(const std::string& config, const std::vector<std::string>& arguments,
                           const std::string& output_path, bool as_nobody, uint64_t file_size_limit)
    : output_path_(output_path) {
    std::vector<std::string> argv;
    if (as_nobody) argv = {kSetpriv, "--reuid=65534", "--regid=65534", "--clear-groups"};
    argv.push_back(kiosk::test::program_path("kiosk"));
    for (const char* part :
         {"--config", config.c_str(), "--headless", "--width", "640", "--height", "360"})
        argv.emplace_back(part);
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
        const int out = ::open(output_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0666);
        if (out >= 0) {
            dup2(out, STDOUT_FILENO);
            dup2(out, STDERR_FILENO);
        }
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        if (file_size_limit > 0) {
            ::signal(SIGXFSZ, SIG_IGN); // exec keeps an ignored signal ignored
            const rlimit limit{rlim_t(file_size_limit), rlim_t(file_size_limit)};
            if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(126);
        }
        std::vector<char*> pointers;
        for (std::string& part : argv)
            pointers.push_back(part.data());
        pointers.push_back(nullptr);
        execv(pointers[0], pointers.data());
        _exit(127);
    }
}

KioskProcess::~KioskProcess() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
}

bool KioskProcess::running() {
    if (pid_ <= 0) return false;
    if (waitpid(pid_, &status_, WNOHANG) == 0) return true;
    pid_ = -1;
    return false;
}

int KioskProcess::wait(int timeout_ms) {
    for (int waited = 0; running(); waited += 10) {
        if (waited >= timeout_ms) {
            ::kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
            pid_ = -1;
            FAIL("the kiosk did not exit within " << timeout_ms << " ms; it said:\n" << output());
        }
        poll(nullptr, 0, 10);
    }
    return WIFEXITED(status_) ? WEXITSTATUS(status_) : -WTERMSIG(status_);
}

int KioskProcess::stop(int signal) {
    REQUIRE(running());
    ::kill(pid_, signal);
    return wait();
}

std::string KioskProcess::output() const {
    std::ifstream in(output_path_, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

bool KioskProcess::wait_for_output(const std::string& text, int timeout_ms) {
    for (int waited = 0; waited < timeout_ms; waited += 5) {
        if (output().find(text) != std::string::npos) return true;
        if (!running()) return output().find(text) != std::string::npos;
        poll(nullptr, 0, 5);
    }
    return false;
}

} // namespace kiosk::test
