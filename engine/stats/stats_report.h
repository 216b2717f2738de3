// Managers' reports over one kiosk's kiosk.db (kioskctl stats summary/export).
// This file owns the day-range rules, the report queries and their bilingual
// headers, and the raw events CSV export, over a database opened strictly
// read-only (telemetry/read_only_kiosk_db.h).
// Every report counts from the `rollups` table, so the numbers match what the
// sync hub shows from the same rollups; titles come from `subjects`. The
// tables are generic ReportTables (report_export.h) for any of the writers.
// Days are the kiosk's local days, as its events were filed; times are its
// local time with the zone named ("2025-06-01 08:00 北京时间"), at the UTC
// offset its events carry (civil_time.h). Storage stays UTC.
#pragma once

#include "report_export.h"

#include "telemetry/read_only_kiosk_db.h"

#include "core/bilingual.h"
#include "core/day_ranges.h"

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace kiosk::stats {

using kiosk::DayRange; // core/day_ranges.h

// The range the reports cover: `from`/`to` as given (either may be "", meaning
// the first/last day in rollups). False with `error` for a malformed date or
// from after to. An empty database with no dates gives an empty range.
bool resolve_day_range(const telemetry::ReadOnlyKioskDb& db, const std::string& from,
                       const std::string& to, DayRange& range, std::string& error);

// The kiosk's UTC offset: its latest event's (kDefaultVenueUtcOffsetMin when
// it has none). Its "today" is local_day(now, this). A failed read sets
// `error` when it is empty (core/sqlite_statement.h's shared first error).
int32_t kiosk_utc_offset_min(const telemetry::ReadOnlyKioskDb& db, std::string& error);

struct StatsOptions {
    DayRange range;
    Language language = Language::Zh;
    bool full = true; // exports: every report and row; false: the terminal summary
    int top = 10;     // summary: rows of the exhibit and question rankings (0 = all)
};

// Report keys (JSON names) in the order they appear:
//   visitors_per_day, busiest_hours, exhibits_by_visits, exhibits_by_dwell,
//   findings (the summary: share sentences; exports: by event), finding_values
//   (full only), quiz_rounds, quiz_accuracy, quiz_options (full only), data_quality,
//   clock_jumps, daily_rollups (full only).
std::optional<ReportSet> build_stats_reports(const telemetry::ReadOnlyKioskDb& db,
                                             const StatsOptions& options, std::string& error);

// Writes raw events (all, or those whose day is within `range` when given) to
// PATH as CSV with a BOM: seq, utc_time (ISO 8601, UTC, milliseconds, as
// stored), utc_offset_min, day, boot_id, mono_ms, session, kind, subject,
// content_version, fields (JSON), clock_flags, local_time (the same instant at
// the event's own offset, ISO 8601 with the offset: 2025-06-01T09:01:10.123+08:00).
// local_time comes last so that readers of the older columns by position
// still work. Headers are these English column names whatever the language:
// the file is for machines. `rows` receives the number of events written.
bool export_events_csv(const telemetry::ReadOnlyKioskDb& db, const DayRange* range,
                       const std::string& path, int64_t& rows, std::string& error);

} // namespace kiosk::stats
