// The stats tests' kiosk.db (see stats_fixture.h). What the reports must show,
// for the default range 1970-01-01 .. 2025-06-03:
//   visitors per day  1970-01-01 1 session 10.0 s, 2025-06-01 3 120.0 s,
//                     2025-06-02 2 45.0 s, 2025-06-03 1 30.0 s
//   busiest hours     08:1 09:2 10:1 14:3 (7 sessions)
//   exhibits          pendulum-lab 5 visits 9.0 min 108.0 s 1 error; water-cycle 3,
//                     1.5 min, 30.0 s; light-maze 2, 10.0 min, 300.0 s; mystery-box
//                     (no title) 1, 0.0 min, 0.0 s. By dwell: light-maze first.
//   quiz              physics-basics 2 rounds, 1 completed (50.0 %), average score 2.0;
//                     q2 6 answers 1 correct 16.7 % (hardest), q1 4 answers 3 correct 75.0 %;
//                     q1/a 3 choices (75.0 %), q1/b 1 (25.0 %)
//   data quality      11 events, 2 with an implausible time (the 1970 boot), 2 after a
//                     clock change, 1 clock jump (3600.0 s), 7 dropped log events,
//                     2 dropped raw events; 2 implausible in the whole database
// From 2025-06-01 only: 9 events, 0 implausible in range, still 2 in the whole database.
#include "stats_fixture.h"

#include "core/sqlite_statement.h"
#include "telemetry/schema.h"

#include <sqlite3.h>

namespace kiosk::test {
namespace {

constexpr const char* kFixtureRows = R"sql(
UPDATE meta SET value = 'fixture-epoch-0001' WHERE key = 'epoch';
UPDATE meta SET value = '1748736000000' WHERE key = 'created_utc_ms';

INSERT INTO boots VALUES
  (1, 'boot-0001', 1748739600000, '0.3.0'),
  (2, 'boot-0002', 5000, '0.3.0');

INSERT INTO events(seq, utc_ms, utc_offset_min, day, boot, mono_ms, session, kind, subject,
                   content_version, fields, clock_flags) VALUES
  (1, 1748739600000, 480, '2025-06-01', 1, 0, NULL, 'boot', '', '', '{"version":"0.3.0"}', 0),
  (2, 1748739660000, 480, '2025-06-01', 1, 60000, 's-aaaa', 'session_start', '', '', '{}', 0),
  (3, 1748739661000, 480, '2025-06-01', 1, 61000, 's-aaaa', 'exhibit_enter', 'pendulum-lab',
   '1.2.0', '{}', 0),
  (4, 1748739670123, 480, '2025-06-01', 1, 70123, 's-aaaa', 'exhibit_event', 'pendulum-lab',
   '1.2.0', '{"event":"swing","data":{"note":"a, \"quoted\" 文本"}}', 0),
  (5, 1748739781000, 480, '2025-06-01', 1, 181000, 's-aaaa', 'exhibit_leave', 'pendulum-lab',
   '1.2.0', '{"dwell_ms":120000}', 0),
  (6, 1748739790000, 480, '2025-06-01', 1, 190000, 's-aaaa', 'quiz_answer', 'physics-basics',
   '2.0.0', '{"question":"q1","chosen":["a"],"correct":true,"answer_ms":4200}', 0),
  (7, 1748739840000, 480, '2025-06-01', 1, 240000, 's-aaaa', 'session_end', '', '',
   '{"reason":"idle","duration_ms":180000,"dropped_log_events":0}', 0),
  (8, 1748829600000, 480, '2025-06-02', 1, 90000000, NULL, 'clock_jump', '', '',
   '{"delta_ms":3600000}', 2),
  (9, 1748829660000, 480, '2025-06-02', 1, 90060000, 's-bbbb', 'session_start', '', '', '{}', 2),
  (10, 5000, 480, '1970-01-01', 2, 0, NULL, 'boot', '', '', '{"version":"0.3.0"}', 1),
  (11, 65000, 480, '1970-01-01', 2, 60000, 's-cccc', 'session_start', '', '', '{}', 1);

INSERT INTO subjects VALUES
  ('exhibit', 'pendulum-lab', '单摆实验室', 'Pendulum lab'),
  ('exhibit', 'light-maze', '光的迷宫', 'Light maze'),
  ('exhibit', 'water-cycle', '水的循环, "雨"', 'Water cycle, "rain"'),
  ('quiz', 'physics-basics', '物理入门', 'Physics basics'),
  ('question', 'physics-basics/q1', '单摆的周期取决于什么？', 'What sets the period of a pendulum?'),
  ('question', 'physics-basics/q2', '光在真空中每秒约传播多少公里？',
   'How far does light travel in a second?'),
  ('option', 'physics-basics/q1/a', '摆长', 'Its length'),
  ('option', 'physics-basics/q1/b', '摆锤的质量', 'The mass of the bob');

INSERT INTO rollups(day, subject_kind, subject, metric, value, changed_seq) VALUES
  ('1970-01-01', 'kiosk', '', 'sessions', 1, 11),
  ('1970-01-01', 'kiosk', '', 'session_ms', 10000, 11),
  ('1970-01-01', 'hour', '08', 'sessions', 1, 11),

  ('2025-06-01', 'kiosk', '', 'sessions', 3, 7),
  ('2025-06-01', 'kiosk', '', 'session_ms', 360000, 7),
  ('2025-06-01', 'hour', '09', 'sessions', 2, 7),
  ('2025-06-01', 'hour', '14', 'sessions', 1, 7),
  ('2025-06-01', 'exhibit', 'pendulum-lab', 'visits', 4, 5),
  ('2025-06-01', 'exhibit', 'pendulum-lab', 'dwell_ms', 480000, 5),
  ('2025-06-01', 'exhibit', 'pendulum-lab', 'errors', 1, 5),
  ('2025-06-01', 'exhibit', 'light-maze', 'visits', 2, 5),
  ('2025-06-01', 'exhibit', 'light-maze', 'dwell_ms', 600000, 5),
  ('2025-06-01', 'quiz', 'physics-basics', 'visits', 2, 6),
  ('2025-06-01', 'quiz', 'physics-basics', 'completions', 1, 6),
  ('2025-06-01', 'quiz', 'physics-basics', 'score_total', 2, 6),
  ('2025-06-01', 'question', 'physics-basics/q1', 'answers', 4, 6),
  ('2025-06-01', 'question', 'physics-basics/q1', 'correct', 3, 6),
  ('2025-06-01', 'question', 'physics-basics/q2', 'answers', 4, 6),
  ('2025-06-01', 'question', 'physics-basics/q2', 'correct', 1, 6),
  ('2025-06-01', 'option', 'physics-basics/q1/a', 'choices', 3, 6),
  ('2025-06-01', 'option', 'physics-basics/q1/b', 'choices', 1, 6),

  ('2025-06-02', 'kiosk', '', 'sessions', 2, 9),
  ('2025-06-02', 'kiosk', '', 'session_ms', 90000, 9),
  ('2025-06-02', 'kiosk', '', 'dropped_log_events', 7, 9),
  ('2025-06-02', 'kiosk', '', 'dropped_raw_events', 2, 9),
  ('2025-06-02', 'hour', '14', 'sessions', 2, 9),
  ('2025-06-02', 'exhibit', 'pendulum-lab', 'visits', 1, 9),
  ('2025-06-02', 'exhibit', 'pendulum-lab', 'dwell_ms', 60000, 9),
  ('2025-06-02', 'exhibit', 'water-cycle', 'visits', 3, 9),
  ('2025-06-02', 'exhibit', 'water-cycle', 'dwell_ms', 90000, 9),

  ('2025-06-03', 'kiosk', '', 'sessions', 1, 9),
  ('2025-06-03', 'kiosk', '', 'session_ms', 30000, 9),
  ('2025-06-03', 'hour', '10', 'sessions', 1, 9),
  ('2025-06-03', 'exhibit', 'mystery-box', 'visits', 1, 9),
  ('2025-06-03', 'question', 'physics-basics/q2', 'answers', 2, 9),
  ('2025-06-03', 'question', 'physics-basics/q2', 'correct', 0, 9);
)sql";

// "" when `sql` ran; SQLite's message otherwise.
std::string run(sqlite3* db, const char* sql) {
    std::string error;
    exec_sql(db, sql, &error);
    return error;
}

} // namespace

std::string make_stats_fixture(const std::string& path) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        return path + ": cannot create";
    }
    std::string error = run(db, "PRAGMA journal_mode = WAL"); // as the kiosk writes it
    if (error.empty() && !telemetry::migrate_schema(db, error) && error.empty())
        error = "migrate_schema failed";
    if (error.empty()) error = run(db, kFixtureRows);
    sqlite3_close(db); // the last close checkpoints and removes the -wal file
    return error;
}

std::string make_versioned_database(const std::string& path, int version) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        return path + ": cannot create";
    }
    std::string error;
    if (version == 1) { // the real first schema, as an old kiosk left it
        error = run(db, telemetry::schema_step_sql(1));
    } else if (!telemetry::migrate_schema(db, error) && error.empty()) {
        error = "migrate_schema failed";
    }
    const std::string set_version = "PRAGMA user_version = " + std::to_string(version);
    if (error.empty()) error = run(db, set_version.c_str());
    sqlite3_close(db);
    return error;
}

} // namespace kiosk::test
