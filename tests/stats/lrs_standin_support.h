// The LRS stand-in for the xAPI tests: tests/stats/lrs_standin.py (standard
// library only, run with /usr/bin/python3) started on 127.0.0.1 with a free
// port and stopped by the test; what it stored is read from its folder.
#pragma once

#include "../core/fd_lines.h"
#include "stats_test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace kiosk::test {

class LrsStandIn {
public:
    explicit LrsStandIn(std::string folder) : folder_(std::move(folder)) {
        std::filesystem::create_directories(folder_);
        int fds[2];
        REQUIRE(pipe(fds) == 0);
        const std::string script = source_dir() + "/tests/stats/lrs_standin.py";
        pid_ = fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            dup2(fds[1], STDOUT_FILENO);
            close(fds[0]);
            close(fds[1]);
            execl("/usr/bin/python3", "/usr/bin/python3", script.c_str(), folder_.c_str(), "museum",
                  "s3cret", static_cast<char*>(nullptr));
            _exit(127);
        }
        close(fds[1]);
        stdout_fd_ = fds[0];
        const std::string line = read_line_within(stdout_fd_, 20000);
        INFO("lrs_standin.py said: " << line);
        const std::string prefix = "listening on ";
        REQUIRE(line.rfind(prefix, 0) == 0);
        port_ = std::stoi(line.substr(prefix.size()));
    }
    ~LrsStandIn() { stop(); }
    LrsStandIn(const LrsStandIn&) = delete;
    LrsStandIn& operator=(const LrsStandIn&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/xapi"; }

    void stop() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            waitpid(pid_, nullptr, 0);
            pid_ = -1;
        }
        if (stdout_fd_ >= 0) close(stdout_fd_);
        stdout_fd_ = -1;
    }

    // From now on, refuse (503) a batch that takes the total stored past `n`;
    // n < 0: accept again.
    void fail_after(int n) const {
        const std::string path = folder_ + "/fail-after";
        if (n < 0)
            std::filesystem::remove(path);
        else
            std::ofstream(path) << n;
    }

    // The statements stored, by id.
    nlohmann::json stored() const {
        const std::string text = read_file(folder_ + "/stored.json");
        return text.empty() ? nlohmann::json::object() : nlohmann::json::parse(text);
    }
    // Every id as it was newly stored, in order (one line each).
    std::vector<std::string> accepted() const {
        std::vector<std::string> ids;
        std::istringstream in(read_file(folder_ + "/accepted.log"));
        for (std::string line; std::getline(in, line);)
            ids.push_back(line);
        return ids;
    }

private:
    std::string folder_;
    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    int port_ = 0;
};

} // namespace kiosk::test
