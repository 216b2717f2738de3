// Test helpers for kiosk.db: reading rows back, and the independent recount of
// every rollup from the raw events (plain SQL over the events' JSON fields, not
// the store's own counting code), which the rollups must always equal.
#pragma once

#include "core/sqlite_statement.h"

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

namespace kiosk::test {

using RollupRow = std::tuple<std::string, std::string, std::string, std::string, int64_t>;

class Db {
public:
    explicit Db(const std::string& path, bool read_only = true) {
        sqlite3_open_v2(path.c_str(), &db_,
                        read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE, nullptr);
    }
    ~Db() { sqlite3_close(db_); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
    sqlite3* get() const { return db_; }

    int64_t integer(const std::string& sql) const {
        SqliteStatement select(db_, sql);
        return select.next() ? select.integer(0) : -1;
    }
    std::string text(const std::string& sql) const {
        SqliteStatement select(db_, sql);
        return select.next() && !select.is_null(0) ? select.text(0) : "<no row>";
    }
    // Every row of a query selecting (text, text, text, text, integer).
    std::vector<RollupRow> rows(const std::string& sql) const {
        std::vector<RollupRow> out;
        SqliteStatement select(db_, sql);
        if (!select.ok()) return {{"SQL error", sqlite3_errmsg(db_), "", "", 0}};
        while (select.next())
            out.emplace_back(select.text(0), select.text(1), select.text(2), select.text(3),
                             select.integer(4));
        return out;
    }
    std::vector<std::string> column(const std::string& sql) const {
        std::vector<std::string> out;
        SqliteStatement select(db_, sql);
        if (!select.ok()) return {std::string("SQL error: ") + sqlite3_errmsg(db_)};
        while (select.next())
            out.push_back(select.text(0));
        return out;
    }

private:
    sqlite3* db_ = nullptr;
};

inline std::vector<RollupRow> stored_rollups(const Db& db) {
    return db.rows("SELECT day, subject_kind, subject, metric, value FROM rollups "
                   "ORDER BY 1, 2, 3, 4");
}

// The rollups as a recount from raw events would make them (see schema.h).
inline std::vector<RollupRow> recounted_rollups(const Db& db) {
    return db.rows(R"sql(
-- A visitor is a session of one boot (session ids are random; test programs reuse them).
WITH e AS (SELECT * FROM events),
finding_values(day, seq, visit, field, value) AS (
  SELECT e.day, e.seq, e.boot || ' ' || e.session, e.subject || '/' || (e.fields ->> 'event') || '/' || f.key,
         CASE f.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(f.value AS TEXT) END
    FROM e, json_each(e.fields, '$.data') AS f
   WHERE e.kind = 'exhibit_event' AND e.session IS NOT NULL),
counts(day, k, s, m, v) AS (
  SELECT day, 'kiosk', '', 'sessions', count(*) FROM e WHERE kind = 'session_start' GROUP BY day
  UNION ALL
  SELECT day, 'hour', printf('%02d', ((utc_ms / 60000 + utc_offset_min) / 60) % 24), 'sessions',
         count(*) FROM e WHERE kind = 'session_start' GROUP BY 1, 3
  UNION ALL
  SELECT day, 'kiosk', '', 'session_ms', sum(fields ->> 'duration_ms') FROM e
   WHERE kind = 'session_end' GROUP BY day
  UNION ALL
  SELECT day, 'kiosk', '', 'dropped_log_events', sum(fields ->> 'dropped_log_events') FROM e
   WHERE kind = 'session_end' AND fields ->> 'dropped_log_events' > 0 GROUP BY day
  UNION ALL
  SELECT day, 'kiosk', '', 'dropped_raw_events', sum(fields ->> 'dropped_raw_events') FROM e
   WHERE kind = 'storage_recovered' AND fields ->> 'dropped_raw_events' > 0 GROUP BY day
  UNION ALL
  SELECT day, substr(kind, 1, instr(kind, '_') - 1), subject, 'visits', count(*) FROM e
   WHERE kind IN ('screen_enter', 'exhibit_enter') GROUP BY 1, 2, 3
  UNION ALL
  SELECT day, substr(kind, 1, instr(kind, '_') - 1), subject, 'dwell_ms', sum(fields ->> 'dwell_ms')
    FROM e WHERE kind IN ('screen_leave', 'exhibit_leave') GROUP BY 1, 2, 3
  UNION ALL
  SELECT day, 'exhibit', subject, 'interactions', count(*) FROM e
   WHERE kind = 'exhibit_event' GROUP BY 1, 3
  UNION ALL
  SELECT day, 'exhibit', subject, 'errors', count(*) FROM e WHERE kind = 'exhibit_error' GROUP BY 1, 3
  UNION ALL
  SELECT day, 'exhibit', subject, 'visitors', count(DISTINCT boot || ' ' || session) FROM e
   WHERE kind IN ('exhibit_enter', 'exhibit_event') AND session IS NOT NULL GROUP BY 1, 3
  UNION ALL
  SELECT day, 'finding', subject || '/' || (fields ->> 'event'), 'events', count(*) FROM e
   WHERE kind = 'exhibit_event' GROUP BY 1, 3
  UNION ALL
  SELECT day, 'finding', subject || '/' || (fields ->> 'event'), 'visitors',
         count(DISTINCT boot || ' ' || session) FROM e
   WHERE kind = 'exhibit_event' AND session IS NOT NULL GROUP BY 1, 3
  UNION ALL
  -- A field keeps its first 32 values of a day (by first appearance), the
  -- rest count as "…"; values are not cut here (tests of the cut check those rows).
  SELECT v.day, 'finding_value', v.field || '=' || CASE WHEN r.n > 32 THEN '…' ELSE v.value END,
         'visitors', count(DISTINCT v.visit) FROM finding_values v
   JOIN (SELECT day, field, value, row_number() OVER (PARTITION BY day, field ORDER BY min(seq))
         AS n FROM finding_values GROUP BY day, field, value) r
     ON r.day = v.day AND r.field = v.field AND r.value = v.value
   GROUP BY 1, 3
  UNION ALL
  SELECT day, 'content', subject, 'errors', count(*) FROM e WHERE kind = 'content_refused' GROUP BY 1, 3
  UNION ALL
  SELECT day, 'quiz', subject, 'visits', count(*) FROM e WHERE kind = 'quiz_start' GROUP BY 1, 3
  UNION ALL
  SELECT day, 'quiz', subject, 'completions', count(*) FROM e WHERE kind = 'quiz_finish' GROUP BY 1, 3
  UNION ALL
  SELECT day, 'quiz', subject, 'score_total', sum(fields ->> 'score') FROM e
   WHERE kind = 'quiz_finish' GROUP BY 1, 3
  UNION ALL
  SELECT day, 'question', subject || '/' || (fields ->> 'question'), 'answers', count(*) FROM e
   WHERE kind = 'quiz_answer' GROUP BY 1, 3
  UNION ALL
  SELECT day, 'question', subject || '/' || (fields ->> 'question'), 'correct',
         sum(fields ->> 'correct') FROM e WHERE kind = 'quiz_answer' GROUP BY 1, 3
  UNION ALL
  SELECT e.day, 'option', e.subject || '/' || (e.fields ->> 'question') || '/' || c.value, 'choices',
         count(*) FROM e, json_each(e.fields, '$.chosen') AS c WHERE e.kind = 'quiz_answer'
   GROUP BY 1, 3)
SELECT day, k, s, m, v FROM counts ORDER BY 1, 2, 3, 4)sql");
}

} // namespace kiosk::test
