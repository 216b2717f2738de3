// bench-export: the raw-events CSV export benchmark (issue 5). Builds a kiosk.db
// of 1,000,000 visitor-like events (sessions of screen, exhibit, kiosk.log and
// quiz events over 120 days and a few boots, Chinese text in some fields) in a
// temporary folder with plain SQL inserts into the real schema, then times
//  1. kiosk::stats::export_events_csv (what `kioskctl stats export --report events` runs),
//  2. `sqlite3 -csv DB "SELECT <the same columns>" > FILE`,
// each the median of 3 runs, prints both and the ratio (target: 2.0x or less),
// and checks that both files hold the same rows, field by field.
// Usage: build/bin/bench-export [--events N] [--runs 3] [--sqlite3 sqlite3]
#include "core/civil_time.h"
#include "core/random_id.h"
#include "core/sqlite_statement.h"
#include "stats/stats_report.h"
#include "telemetry/schema.h"

#include <fcntl.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Runs `args` with stdout into `output`; the exit code, or -1.
int run(const std::vector<std::string>& args, const std::string& output) {
    std::vector<std::string> copy = args;
    std::vector<char*> argv;
    for (std::string& arg : copy)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    pid_t pid = 0;
    int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) return -1;
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool exec(sqlite3* db, const char* sql) {
    std::string error;
    if (kiosk::exec_sql(db, sql, &error)) return true;
    std::fprintf(stderr, "bench-export: %s\n", error.c_str());
    return false;
}

// The event mix of a visitor session: enter and leave screens and exhibits,
// kiosk.log events, a quiz round; about 20 events a session.
struct EventMaker {
    std::mt19937_64 random{20250601};
    const std::vector<std::string> exhibits = {"pendulum-lab", "light-maze",  "water-cycle",
                                               "solar-system", "sound-waves", "magnet-field"};
    const std::vector<std::string> questions = {"q1", "q2", "q3", "q4", "q5"};

    int64_t pick(int64_t from, int64_t to) {
        return std::uniform_int_distribution<int64_t>(from, to)(random);
    }

    struct Event {
        std::string kind, subject, version, fields;
    };

    std::vector<Event> session() {
        std::vector<Event> events;
        events.push_back({"session_start", "", "", "{}"});
        events.push_back({"screen_enter", "home", "", "{}"});
        const int exhibit_visits = int(pick(1, 3));
        for (int visit = 0; visit < exhibit_visits; ++visit) {
            const std::string& id = exhibits[size_t(pick(0, int64_t(exhibits.size()) - 1))];
            events.push_back({"exhibit_enter", id, "1.2.0", "{}"});
            const int logs = int(pick(2, 6));
            for (int i = 0; i < logs; ++i)
                events.push_back({"exhibit_event", id, "1.2.0",
                                  "{\"event\":\"swing\",\"data\":{\"length_cm\":" +
                                      std::to_string(pick(20, 200)) +
                                      ",\"note\":\"摆长, \\\"cm\\\"\"}}"});
            events.push_back({"exhibit_leave", id, "1.2.0",
                              "{\"dwell_ms\":" + std::to_string(pick(5000, 300000)) + "}"});
        }
        if (pick(0, 2) == 0) {
            events.push_back({"quiz_start", "physics-basics", "2.0.0", "{\"questions\":5}"});
            int score = 0;
            for (const std::string& question : questions) {
                const bool correct = pick(0, 1) == 1;
                score += correct;
                events.push_back({"quiz_answer", "physics-basics", "2.0.0",
                                  "{\"question\":\"" + question + "\",\"chosen\":[\"" +
                                      std::string(1, char('a' + pick(0, 3))) +
                                      "\"],\"correct\":" + (correct ? "true" : "false") +
                                      ",\"answer_ms\":" + std::to_string(pick(1500, 20000)) + "}"});
            }
            events.push_back({"quiz_finish", "physics-basics", "2.0.0",
                              "{\"score\":" + std::to_string(score) + ",\"questions\":5}"});
        }
        events.push_back({"screen_leave", "home", "",
                          "{\"dwell_ms\":" + std::to_string(pick(10000, 600000)) + "}"});
        events.push_back({"session_end", "", "",
                          "{\"reason\":\"idle\",\"duration_ms\":" +
                              std::to_string(pick(30000, 900000)) + ",\"dropped_log_events\":0}"});
        return events;
    }
};

bool build_database(const std::string& path, int64_t event_count) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return false;
    std::string error;
    bool ok = exec(db, "PRAGMA journal_mode = WAL") && exec(db, "PRAGMA synchronous = OFF");
    if (ok && !kiosk::telemetry::migrate_schema(db, error)) {
        std::fprintf(stderr, "bench-export: %s\n", error.c_str());
        ok = false;
    }
    ok = ok && exec(db, "BEGIN") &&
         exec(db, "INSERT INTO boots VALUES (1, 'boot-a1b2c3d4', 1735689600000, '0.3.0'),"
                  " (2, 'boot-e5f6a7b8', 1741000000000, '0.3.0'),"
                  " (3, 'boot-c9d0e1f2', 1746000000000, '0.3.1')");
    auto insert = std::make_unique<kiosk::SqliteStatement>(
        db,
        "INSERT INTO events(seq, utc_ms, utc_offset_min, day, boot, mono_ms, session, kind,"
        " subject, content_version, fields, clock_flags) VALUES (?1, ?2, 480, ?3, ?4, ?5, ?6, ?7,"
        " ?8, ?9, ?10, ?11)",
        kiosk::StatementUse::reused);
    ok = ok && insert->ok();
    EventMaker maker;
    int64_t seq = 0, utc_ms = 1735689600000; // 2025-01-01
    while (ok && seq < event_count) {
        const std::string session = kiosk::make_random_id().substr(0, 16);
        utc_ms += maker.pick(60000, 3 * 3600000 / 2); // about 120 days in all
        const int64_t boot = 1 + seq * 3 / event_count;
        for (const EventMaker::Event& event : maker.session()) {
            if (seq >= event_count) break;
            ++seq;
            utc_ms += maker.pick(200, 20000);
            const std::string day = kiosk::local_day(utc_ms, kiosk::kBeijingUtcOffsetMin);
            insert->bind(1, seq).bind(2, utc_ms).bind(3, day).bind(4, boot);
            insert->bind(5, utc_ms - 1735689600000).bind(6, session).bind(7, event.kind);
            insert->bind(8, event.subject).bind(9, event.version).bind(10, event.fields);
            insert->bind(11, seq % 5000 == 0 ? 2 : 0);
            ok = insert->run();
            if (ok) insert->reset();
        }
        if (ok && seq < event_count && seq % 20000 < 20) { // now and then a system event
            ++seq;
            insert->bind(1, seq).bind(2, utc_ms);
            insert->bind(3, kiosk::local_day(utc_ms, kiosk::kBeijingUtcOffsetMin));
            insert->bind(4, boot).bind(5, utc_ms - 1735689600000).bind_null(6);
            insert->bind_view(7, "config_loaded").bind_view(8, "县科技馆一号机").bind_view(9, "");
            insert->bind_view(10, "{\"file\":\"county-museum.lua\",\"venue\":\"县科技馆\"}");
            insert->bind(11, 0);
            ok = insert->run();
            if (ok) insert->reset();
        }
    }
    if (!ok) std::fprintf(stderr, "bench-export: building: %s\n", insert->error().c_str());
    insert.reset(); // finalized before the connection closes
    ok = ok && exec(db, "COMMIT");
    sqlite3_close(db); // checkpoints: both exporters read the same single file
    return ok;
}

// Splits one CSV record (no newlines inside fields in this data) into fields.
std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    return fields;
}

// Whether both exports hold the same records (ours after its BOM and header).
bool same_rows(const std::string& ours, const std::string& theirs, int64_t& records,
               std::string& difference) {
    std::ifstream a(ours, std::ios::binary), b(theirs, std::ios::binary);
    std::string line_a, line_b;
    std::getline(a, line_a); // BOM + header
    records = 0;
    while (true) {
        const bool more_a = bool(std::getline(a, line_a)), more_b = bool(std::getline(b, line_b));
        if (!more_a || !more_b) {
            if (more_a != more_b) difference = "one file has more records";
            return more_a == more_b;
        }
        ++records;
        if (line_a != line_b && csv_fields(line_a) != csv_fields(line_b)) {
            difference = "record " + std::to_string(records) + ":\n  ours:    " + line_a +
                         "\n  sqlite3: " + line_b;
            return false;
        }
    }
}

} // namespace

int main(int argc, char** argv) {
    int64_t events = 1000000;
    int runs = 3;
    std::string sqlite3_program = "sqlite3";
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--events" && i + 1 < argc) {
            events = std::atoll(argv[++i]);
        } else if (arg == "--runs" && i + 1 < argc) {
            runs = std::max(1, std::atoi(argv[++i]));
        } else if (arg == "--sqlite3" && i + 1 < argc) {
            sqlite3_program = argv[++i];
        } else {
            std::fprintf(stderr, "usage: bench-export [--events N] [--runs 3] [--sqlite3 PATH]\n");
            return 2;
        }
    }
    const fs::path folder =
        fs::temp_directory_path() / ("kiosk-bench-export-" + kiosk::make_random_id());
    fs::create_directories(folder);
    const std::string db_path = (folder / "kiosk.db").string();
    const std::string ours = (folder / "events.csv").string(),
                      theirs = (folder / "events-sqlite3.csv").string();

    std::printf("building %lld events in %s ...\n", static_cast<long long>(events),
                db_path.c_str());
    const auto build_start = Clock::now();
    if (!build_database(db_path, events)) {
        fs::remove_all(folder);
        return 1;
    }
    std::printf("  built in %.1f s, %.1f MB\n", seconds_since(build_start),
                double(fs::file_size(db_path)) / 1e6);

    const std::string query =
        "SELECT e.seq, strftime('%Y-%m-%dT%H:%M:%fZ', e.utc_ms / 1000.0, 'unixepoch'),"
        " e.utc_offset_min, e.day, b.boot_id, e.mono_ms, e.session, e.kind, e.subject,"
        " e.content_version, e.fields, e.clock_flags,"
        " strftime('%Y-%m-%dT%H:%M:%f', (e.utc_ms + e.utc_offset_min * 60000) / 1000.0,"
        " 'unixepoch') || printf('%s%02d:%02d', CASE WHEN e.utc_offset_min < 0 THEN '-' ELSE '+'"
        " END, abs(e.utc_offset_min) / 60, abs(e.utc_offset_min) % 60)"
        " FROM events e LEFT JOIN boots b ON b.boot = e.boot ORDER BY e.seq";
    std::vector<double> our_times, their_times;
    int64_t rows = 0;
    for (int i = 0; i < runs; ++i) {
        auto start = Clock::now();
        std::string error;
        std::unique_ptr<kiosk::telemetry::ReadOnlyKioskDb> db =
            kiosk::telemetry::ReadOnlyKioskDb::open(db_path, error);
        if (!db || !kiosk::stats::export_events_csv(*db, nullptr, ours, rows, error)) {
            std::fprintf(stderr, "bench-export: %s\n", error.c_str());
            fs::remove_all(folder);
            return 1;
        }
        db.reset();
        our_times.push_back(seconds_since(start));

        start = Clock::now();
        if (run({sqlite3_program, "-csv", db_path, query}, theirs) != 0) {
            std::fprintf(stderr, "bench-export: %s -csv failed\n", sqlite3_program.c_str());
            fs::remove_all(folder);
            return 1;
        }
        their_times.push_back(seconds_since(start));
    }
    const double our_median = median(our_times), their_median = median(their_times);
    int64_t records = 0;
    std::string difference;
    const bool same = same_rows(ours, theirs, records, difference);

    std::printf("CSV export of %lld events (median of %d runs):\n", static_cast<long long>(rows),
                runs);
    std::printf("  kiosk::stats::export_events_csv (kioskctl stats export --report events): %.3f "
                "s, %.1f MB\n",
                our_median, double(fs::file_size(ours)) / 1e6);
    std::printf("  sqlite3 -csv, same columns:                                %.3f s, %.1f MB\n",
                their_median, double(fs::file_size(theirs)) / 1e6);
    std::printf("  ratio %.2fx (target: 2.0x or less) %s\n", our_median / their_median,
                our_median / their_median <= 2.0 ? "ok" : "OVER TARGET");
    std::printf("  same rows in both files: %s (%lld records compared)\n", same ? "yes" : "NO",
                static_cast<long long>(records));
    if (!same) std::printf("  %s\n", difference.c_str());
    fs::remove_all(folder);
    return same ? 0 : 1;
}
