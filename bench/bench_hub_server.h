// Shared by the benchmarks that need a hub: a `kiosk-hub serve` process on a
// free port of 127.0.0.1, its port read from its first line of output,
// running a `kiosk-hub` command, and signing in to the dashboard.
#pragma once

#include "test_paths.h"

#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

namespace kiosk::bench {

inline std::string shell_quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Runs `kiosk-hub ARGUMENTS` (a shell command line: quote what needs it);
// whether it exited 0, with its stdout and stderr in `output`.
inline bool run_hub_command(const std::string& arguments, std::string& output) {
    const std::string command =
        shell_quoted(kiosk::test::program_path("kiosk-hub")) + " " + arguments + " 2>&1";
    output.clear();
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return false;
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;)
        output.append(buffer, n);
    return pclose(pipe) == 0;
}

// The value of cookie `name` among an answer's Set-Cookie headers, or "".
inline std::string set_cookie(const httplib::Response& answer, const std::string& name) {
    for (size_t i = 0; i < answer.get_header_value_count("Set-Cookie"); ++i) {
        const std::string line = answer.get_header_value("Set-Cookie", i);
        if (line.rfind(name + "=", 0) == 0)
            return line.substr(name.size() + 1, line.find(';') - name.size() - 1);
    }
    return "";
}

// Signs in the way a browser does (GET /login for the form's CSRF token and
// cookie, POST /login); the Cookie header of the session, or "" on failure.
inline std::string sign_in(httplib::Client& client, const std::string& user,
                           const std::string& password) {
    auto form = client.Get("/login");
    if (!form || form->status != 200) return "";
    const std::string marker = "name=\"csrf\" value=\"";
    const size_t at = form->body.find(marker);
    if (at == std::string::npos) return "";
    const size_t start = at + marker.size();
    const std::string csrf = form->body.substr(start, form->body.find('"', start) - start);
    const httplib::Headers headers = {
        {"Cookie", "kiosk_login_csrf=" + set_cookie(*form, "kiosk_login_csrf")}};
    auto answer =
        client.Post("/login", headers,
                    httplib::Params{{"username", user}, {"password", password}, {"csrf", csrf}});
    if (!answer || answer->status != 303) return "";
    const std::string session = set_cookie(*answer, "kiosk_session");
    return session.empty() ? "" : "kiosk_session=" + session;
}

// A kiosk-hub serve process on a free port of 127.0.0.1.
struct HubServer {
    pid_t pid = -1;
    int port = 0;

    // `store_url`: "" for the SQLite store in `data_dir`, else --store URL.
    bool start(const std::string& data_dir, const std::string& store_url = "") {
        int fds[2];
        if (pipe(fds) != 0) return false;
        const std::string hub_program = kiosk::test::program_path("kiosk-hub");
        pid = fork();
        if (pid == 0) {
            dup2(fds[1], STDOUT_FILENO);
            close(fds[0]);
            close(fds[1]);
            std::vector<const char*> args = {hub_program.c_str(), "serve",  "--listen",
                                             "127.0.0.1:0",       "--data", data_dir.c_str()};
            if (!store_url.empty()) {
                args.push_back("--store");
                args.push_back(store_url.c_str());
            }
            args.push_back(nullptr);
            execv(hub_program.c_str(), const_cast<char* const*>(args.data()));
            _exit(127);
        }
        close(fds[1]);
        std::string line;
        char c = 0;
        while (read(fds[0], &c, 1) == 1 && c != '\n')
            line += c;
        close(fds[0]);
        const std::string prefix = "listening on 127.0.0.1:";
        if (line.rfind(prefix, 0) != 0) return false;
        port = std::stoi(line.substr(prefix.size()));
        httplib::Client client("127.0.0.1", port);
        for (int attempt = 0; attempt < 200; ++attempt) {
            auto answer = client.Get("/api/v1/health");
            if (answer && answer->status == 200) return true;
            usleep(10000);
        }
        return false;
    }
    void stop() {
        if (pid <= 0) return;
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
        pid = -1;
    }
};

} // namespace kiosk::bench
