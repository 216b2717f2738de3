// Managers' reports over one kiosk's kiosk.db (kioskctl stats summary/export).
// This file owns opening the database strictly read-only (it may be a live
// kiosk's file or a copy on a read-only stick), the day-range rules, the
// report queries and their bilingual headers, and the raw events CSV export.
// Every report counts from the `rollups` table, so the numbers match what the
// sync hub shows from the same rollups; titles come from `subjects`. The
// tables are generic ReportTables (report_export.h) for any of the writers.
//
// Databases with a schema version below kSchemaVersion are refused with a
// message saying to let the kiosk open (and upgrade) them once: kioskctl never
// writes, and version 1 lacks the clock flags and titles the reports show.
#pragma once

#include "report_export.h"

#include "core/bilingual.h"

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace kiosk::telemetry {

class StatsDatabase {
public:
    // Opens PATH read-only, never writing it nor creating files beside it when
    // avoidable: file:PATH?mode=ro, or with immutable=1 when nothing has the
    // database open (WAL mode and no PATH-wal) or when the folder is read-only
    // and the WAL index cannot be made (then warning() says what may be
    // missed). nullptr with `error` naming the file when it is missing, not a
    // kiosk database, or of a schema version this build does not read.
    static std::unique_ptr<StatsDatabase> open(const std::string& path, std::string& error);
    ~StatsDatabase();
    StatsDatabase(const StatsDatabase&) = delete;
    StatsDatabase& operator=(const StatsDatabase&) = delete;

    sqlite3* handle() const { return db_; }
    const std::string& path() const { return path_; }
    bool opened_immutable() const { return immutable_; }
    // A note for the reader ("" when none): recent events may be missing.
    const std::string& warning() const { return warning_; }
    // The earliest and latest day in rollups ("" when there are none).
    const std::string& first_day() const { return first_day_; }
    const std::string& last_day() const { return last_day_; }

private:
    StatsDatabase() = default;
    sqlite3* db_ = nullptr;
    std::string path_, first_day_, last_day_, warning_;
    bool immutable_ = false;
};

// An inclusive range of local days, "YYYY-MM-DD" each.
struct DayRange {
    std::string from, to;
};

// The range the reports cover: `from`/`to` as given (either may be "", meaning
// the first/last day in rollups). False with `error` for a malformed date or
// from after to. An empty database with no dates gives an empty range.
bool resolve_day_range(const StatsDatabase& db, const std::string& from, const std::string& to,
                       DayRange& range, std::string& error);

struct StatsOptions {
    DayRange range;
    Language language = Language::Zh;
    bool full = true; // exports: every report and row; false: the terminal summary
    int top = 10;     // summary: rows of the exhibit and question rankings (0 = all)
};

// Report keys (JSON names) in the order they appear:
//   visitors_per_day, busiest_hours, exhibits_by_visits, exhibits_by_dwell,
//   quiz_rounds, quiz_accuracy, quiz_options (full only), data_quality,
//   clock_jumps, daily_rollups (full only).
std::optional<ReportSet> build_stats_reports(const StatsDatabase& db, const StatsOptions& options,
                                             std::string& error);

// Writes raw events (all, or those whose day is within `range` when given) to
// PATH as CSV with a BOM: seq, utc_time (ISO 8601, UTC, milliseconds),
// utc_offset_min, day, boot_id, mono_ms, session, kind, subject,
// content_version, fields (JSON), clock_flags. Headers are these English
// column names whatever the language: the file is for machines. `rows`
// receives the number of events written.
bool export_events_csv(const StatsDatabase& db, const DayRange* range, const std::string& path,
                       int64_t& rows, std::string& error);

// "1970-01-01T00:00:05.000Z" for 5000 (negative times too).
std::string iso_utc_ms(int64_t utc_ms);

} // namespace kiosk::telemetry
