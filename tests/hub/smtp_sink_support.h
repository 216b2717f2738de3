// A local SMTP sink for the mail tests: tests/hub/smtp_sink.py (Debian's
// python3-aiosmtpd, run with /usr/bin/python3) started on 127.0.0.1 with a
// free port and stopped by the test; each accepted message as Python's email
// package decodes it (smtp_sink.py writes NNN.json and the attachments'
// bytes into the sink's folder before it answers 250).
#pragma once

#include "../core/fd_lines.h"
#include "../core/temp_folder.h"
#include "test_paths.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace kiosk::test {

inline std::string read_binary_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

class SmtpSink {
public:
    explicit SmtpSink(std::string folder) : folder_(std::move(folder)) {
        std::filesystem::create_directories(folder_);
        int fds[2];
        REQUIRE(pipe(fds) == 0);
        const std::string script = source_dir() + "/tests/hub/smtp_sink.py";
        pid_ = fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            dup2(fds[1], STDOUT_FILENO);
            close(fds[0]);
            close(fds[1]);
            execl("/usr/bin/python3", "/usr/bin/python3", script.c_str(), folder_.c_str(),
                  static_cast<char*>(nullptr));
            _exit(127);
        }
        close(fds[1]);
        stdout_fd_ = fds[0];
        const std::string line = read_line(20000);
        INFO("smtp_sink.py said: " << line);
        const std::string prefix = "listening on ";
        REQUIRE(line.rfind(prefix, 0) == 0);
        port_ = std::stoi(line.substr(prefix.size()));
    }
    ~SmtpSink() { stop(); }
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    int port() const { return port_; }
    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

    void stop() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            waitpid(pid_, nullptr, 0);
            pid_ = -1;
        }
        if (stdout_fd_ >= 0) close(stdout_fd_);
        stdout_fd_ = -1;
    }

    // Every message received so far, in order (the decoded JSON of each).
    std::vector<nlohmann::json> messages() const {
        std::vector<std::string> names;
        for (const auto& entry : std::filesystem::directory_iterator(folder_))
            if (entry.path().extension() == ".json") names.push_back(entry.path().string());
        std::sort(names.begin(), names.end());
        std::vector<nlohmann::json> result;
        for (const std::string& name : names)
            result.push_back(nlohmann::json::parse(read_binary_file(name)));
        return result;
    }

    // Waits (at most `timeout_ms`) for the sink to say it received a message.
    bool wait_for_message(int timeout_ms) {
        return read_line(timeout_ms).rfind("message ", 0) == 0;
    }

private:
    std::string read_line(int timeout_ms) { return read_line_within(stdout_fd_, timeout_ms); }

    std::string folder_;
    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    int port_ = 0;
};

} // namespace kiosk::test
