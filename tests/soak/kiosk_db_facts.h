// What a kiosk.db holds, read back (read-only) for the soak's checks: events
// counted by event key, rollups summed over days and by day, the seq range,
// each visitor session's start and end, rows that look recorded twice, the
// rollups recounted from the raw events, and the hub's acknowledgement.
// The event key rule is visitor_script.h's, written here a second time from
// the stored kind, subject and fields.
#pragma once

#include "soak_counts.h"

#include <optional>
#include <string>
#include <vector>

namespace kiosk::soak {

struct KioskDbFacts {
    std::string integrity;  // PRAGMA integrity_check: "ok"
    Counts events;          // by event key
    Counts rollups;         // "KIND|SUBJECT|METRIC", summed over days, every row
    Counts rollups_by_day;  // "DAY|KIND|SUBJECT|METRIC"
    int64_t event_rows = 0; // rows in events
    int64_t min_seq = 0, max_seq = 0;
    int64_t sessions = 0; // distinct session ids
    // Sessions without exactly one session_start and one session_end.
    std::vector<std::string> session_problems;
    // Groups of events alike in boot, mono_ms, kind, subject and fields.
    int64_t repeated_events = 0;
    // Rollup counts (and _ms sums) that differ from a recount of the raw events,
    // day by day.
    std::vector<std::string> recount_problems;
    int64_t synced_seq = 0; // meta synced_seq: events up to it reached the hub
};

std::optional<KioskDbFacts> read_kiosk_db(const std::string& path, std::string& error);

// The key an event is counted under (see visitor_script.h).
std::string event_key(const std::string& kind, const std::string& subject,
                      const std::string& fields_json);

// The rollups an expectation speaks of: counts only (no *_ms metric), no
// "hour" subject, no finding_value (the sample exhibits' own field values), no
// zero values.
Counts counted_rollups(const Counts& rollups);
// The same of "DAY|KIND|SUBJECT|METRIC" keys.
Counts counted_rollups_by_day(const Counts& rollups_by_day);

} // namespace kiosk::soak
