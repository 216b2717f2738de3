// Helpers for the hub tests: a real kiosk-hub process started with fork/exec
// on 127.0.0.1 (port 0, the port read from its stdout, ready once
// /api/v1/health answers) and stopped with a signal; running the admin
// commands; registering venues and kiosks; posting sync batches; reading the
// stored totals back through the store.
#pragma once

#include "../core/fd_lines.h"
#include "../core/temp_folder.h"
#include "core/sqlite_statement.h"
#include "store_backends.h"
#include "test_paths.h"

#include "hub/hub_store.h"
#include "hub/postgres_connection.h"
#include "hub/postgres_hub_store.h"
#include "sync/sync_protocol.h"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace kiosk::test {

struct CommandRun {
    int code = -1;
    std::string out, err;
};

inline std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Runs `kiosk-hub ARGUMENTS` with `input` on stdin.
inline CommandRun run_hub_command(const TempFolder& folder, const std::string& arguments,
                                  const std::string& input = "") {
    const std::string in = folder.write("hub-command.in", input);
    const std::string out = folder.file("hub-command.out"), err = folder.file("hub-command.err");
    // The hub folder the command works on, for its store under PostgreSQL.
    std::string environment;
    static const std::regex data_option(R"(--data '?([^' ]+))");
    if (std::smatch found; std::regex_search(arguments, found, data_option))
        environment = hub_store_environment((folder.path() / found[1].str()).string());
    const std::string command = "cd '" + folder.path().string() + "' && " + environment + "'" +
                                kiosk::test::program_path("kiosk-hub") + "' " + arguments + " < '" +
                                in + "' > '" + out + "' 2> '" + err + "'";
    const int status = std::system(command.c_str());
    CommandRun run;
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = read_text_file(out);
    run.err = read_text_file(err);
    return run;
}

// A kiosk-hub serve process on 127.0.0.1 with a free port.
class HubProcess {
public:
    explicit HubProcess(const std::string& data_dir) { start(data_dir); }
    ~HubProcess() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        if (stdout_fd_ >= 0) close(stdout_fd_);
    }
    HubProcess(const HubProcess&) = delete;
    HubProcess& operator=(const HubProcess&) = delete;

    int port() const { return port_; }
    pid_t pid() const { return pid_; }

    // Sends `signal` and waits for the process; its exit code, or -signal when
    // a signal ended it.
    int stop(int signal) {
        REQUIRE(pid_ > 0);
        ::kill(pid_, signal);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    }

    std::string stderr_text() const { return read_text_file(stderr_path_); }

private:
    void start(const std::string& data_dir) {
        int pipe_fds[2];
        REQUIRE(pipe(pipe_fds) == 0);
        stderr_path_ = data_dir + ".serve.err";
        const std::string hub_program = kiosk::test::program_path("kiosk-hub");
        const std::string store_url = test_store(data_dir).database_url; // "" = hub.db
        pid_ = fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            dup2(pipe_fds[1], STDOUT_FILENO);
            close(pipe_fds[0]);
            close(pipe_fds[1]);
            FILE* err = std::fopen(stderr_path_.c_str(), "w");
            if (err) dup2(fileno(err), STDERR_FILENO);
            if (!store_url.empty()) setenv("KIOSK_HUB_STORE", store_url.c_str(), 1);
            execl(hub_program.c_str(), hub_program.c_str(), "serve", "--listen", "127.0.0.1:0",
                  "--data", data_dir.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        close(pipe_fds[1]);
        stdout_fd_ = pipe_fds[0];
        const std::string line = read_line(10000);
        INFO("kiosk-hub said: " << line << " / " << stderr_text());
        const std::string prefix = "listening on 127.0.0.1:";
        REQUIRE(line.rfind(prefix, 0) == 0);
        port_ = std::stoi(line.substr(prefix.size()));
        REQUIRE(wait_until_healthy());
    }

    // One line of the server's stdout, waiting at most `timeout_ms` in all.
    std::string read_line(int timeout_ms) { return read_line_within(stdout_fd_, timeout_ms); }

    // Quick attempts, bounded in number; each waits at most 100 ms for an answer.
    bool wait_until_healthy() {
        httplib::Client client("127.0.0.1", port_);
        client.set_connection_timeout(0, 100000);
        client.set_read_timeout(0, 100000);
        for (int attempt = 0; attempt < 100; ++attempt) {
            auto answer = client.Get("/api/v1/health");
            if (answer && answer->status == 200 && answer->body == "{\"ok\":true}") return true;
        }
        return false;
    }

    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    int port_ = 0;
    std::string stderr_path_;
};

// Sets environment variables for the kiosk-hub processes started while it lives.
class ServeEnvironment {
public:
    ServeEnvironment(std::initializer_list<std::pair<const char*, const char*>> values) {
        for (const auto& [name, value] : values) {
            setenv(name, value, 1);
            names_.push_back(name);
        }
    }
    ~ServeEnvironment() {
        for (const char* name : names_)
            unsetenv(name);
    }

private:
    std::vector<const char*> names_;
};

// A command that must succeed (its output shown when it does not).
inline void require_ok(const CommandRun& run) {
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);
}

// A command refused with exit code `code` and `message` in its stderr.
inline void check_refused(const CommandRun& run, int code, const std::string& message) {
    INFO(run.out << run.err);
    CHECK(run.code == code);
    CHECK(run.err.find(message) != std::string::npos);
}

// The token line of `kiosk-hub admin add-kiosk`'s output.
inline std::string token_from(const CommandRun& run) {
    const std::string prefix = "token: ";
    const size_t at = run.out.find(prefix);
    if (at == std::string::npos) return "";
    return run.out.substr(at + prefix.size(), run.out.find('\n', at) - at - prefix.size());
}

// Adds a venue `venue` and a kiosk `kiosk` in it (each only once); the token.
inline std::string add_kiosk(const TempFolder& folder, const std::string& data,
                             const std::string& venue, const std::string& kiosk) {
    run_hub_command(folder, "admin add-venue --data " + data + " --id " + venue +
                                " --name-zh 场馆 --name-en Venue --kind county_museum");
    const CommandRun run = run_hub_command(folder, "admin add-kiosk --data " + data + " --venue " +
                                                       venue + " --id " + kiosk);
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);
    const std::string token = token_from(run);
    REQUIRE(token.rfind(kiosk + ".", 0) == 0);
    return token;
}

struct PostResult {
    int status = 0; // 0 = no answer (connection failed)
    std::string body;
};

inline PostResult post_sync(int port, const std::string& token, const std::string& body) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    auto answer = client.Post("/api/v1/sync", headers, body, "application/json");
    if (!answer) return {};
    return {answer->status, answer->body};
}

inline sync::SyncBatch make_batch(const std::string& epoch, int64_t through_seq) {
    sync::SyncBatch batch;
    batch.epoch = epoch;
    batch.through_seq = through_seq;
    batch.heartbeat.software_version = "0.4.0";
    batch.heartbeat.content.push_back({"pendulum-lab", "1.2.0"});
    batch.heartbeat.uptime_s = 60;
    batch.heartbeat.disk_free_mb = 1024;
    batch.heartbeat.clock_utc_ms = 1795829400000;
    return batch;
}

// (kind, subject, metric) -> total over every day, kiosk and epoch.
using Totals = std::map<std::tuple<std::string, std::string, std::string>, int64_t>;

inline Totals stored_totals(const std::string& data_dir, const std::string& venue = "") {
    std::string error;
    std::unique_ptr<hub::HubStore> store =
        hub::open_hub_store(kiosk::test::test_store(data_dir), error);
    INFO(error);
    REQUIRE(store);
    Totals totals;
    for (const hub::MetricTotal& total : store->metric_totals({venue, "0000-01-01", "9999-12-31"}))
        totals[{total.kind, total.subject, total.metric}] = total.value;
    return totals;
}

// Runs `sql` on the test's store directly, as an operator's shell would:
// data_dir/hub.db (waiting for a running hub's lock), or the test's
// PostgreSQL schema, where the month partitions the SQL's days ('YYYY-MM-DD')
// fall in are made first. Tests build states the API cannot make.
inline void exec_hub_sql(const std::string& data_dir, const std::string& sql) {
    if (testing_postgresql()) {
        const hub::StoreLocation location = test_store(data_dir);
        std::set<int> months;
        static const std::regex day(R"('(\d{4})-(\d{2})-\d{2}')");
        for (auto found = std::sregex_iterator(sql.begin(), sql.end(), day);
             found != std::sregex_iterator(); ++found)
            months.insert(std::stoi((*found)[1]) * 100 + std::stoi((*found)[2]));
        std::string error;
        auto pool = hub::pg_pool_for(location.database_url, 1);
        INFO(error);
        REQUIRE((months.empty() || hub::make_month_partitions(*pool, months, error)));
        auto connection = hub::PgConnection::open(location.database_url, error);
        REQUIRE(connection);
        const hub::PgResult result = connection->run_script(sql);
        INFO(result.error());
        REQUIRE(result.ok());
        return;
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((data_dir + "/hub.db").c_str(), &db) == SQLITE_OK);
    sqlite3_busy_timeout(db, 10000);
    char* message = nullptr;
    const int result = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    INFO((message ? message : ""));
    sqlite3_free(message);
    sqlite3_close(db);
    REQUIRE(result == SQLITE_OK);
}

// The rows of a SELECT of `columns` columns on the test's store (hub.db or
// the PostgreSQL schema), every column as text.
inline std::vector<std::vector<std::string>> hub_sql_rows(const std::string& data_dir,
                                                          const std::string& sql, int columns) {
    std::vector<std::vector<std::string>> rows;
    if (testing_postgresql()) {
        std::string error;
        auto connection = hub::PgConnection::open(test_store(data_dir).database_url, error);
        INFO(error);
        REQUIRE(connection);
        const hub::PgResult result = connection->run_script(sql);
        INFO(result.error());
        REQUIRE(result.ok());
        for (int row = 0; row < result.rows(); ++row) {
            rows.emplace_back();
            for (int column = 0; column < columns; ++column)
                rows.back().push_back(result.text(row, column));
        }
        return rows;
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2((data_dir + "/hub.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
            SQLITE_OK);
    {
        SqliteStatement select(db, sql.c_str());
        INFO(select.error());
        REQUIRE(select.ok());
        while (select.next()) {
            rows.emplace_back();
            for (int column = 0; column < columns; ++column)
                rows.back().push_back(select.text(column));
        }
    }
    sqlite3_close(db);
    return rows;
}

// SQL inserting what issue 15's attack left in a hub.db before values were
// bounded: for `kiosk`, 35 epochs x 30 days of November 2026 of 2^53 for
// each "'kind', 'subject', 'metric'" of `rows`. Any sum over the 30 days
// exceeds 64 bits.
inline std::string attack_leftover_sql(const std::string& kiosk,
                                       std::initializer_list<const char*> rows) {
    std::string values;
    for (int epoch = 0; epoch < 35; ++epoch)
        for (int day = 1; day <= 30; ++day)
            for (const char* row : rows) {
                char key[96];
                std::snprintf(key, sizeof key, "'%032x', '2026-11-%02d', ", 1000 + epoch, day);
                values += std::string(values.empty() ? "" : ",") + "('" + kiosk + "', " + key +
                          row + ", 9007199254740992, 1)";
            }
    return "INSERT INTO buckets(kiosk, epoch, day, kind, subject, metric, value, seq) VALUES " +
           values;
}

// The same sums read from the buckets table itself (what the triggers keep
// venue_totals equal to).
inline Totals bucket_sums(const std::string& data_dir) {
    Totals totals;
    for (const auto& row : hub_sql_rows(data_dir,
                                        "SELECT kind, subject, metric, sum(value) "
                                        "FROM buckets GROUP BY kind, subject, metric",
                                        4))
        totals[{row.at(0), row.at(1), row.at(2)}] = std::stoll(row.at(3));
    return totals;
}

} // namespace kiosk::test
