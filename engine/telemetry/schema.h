// The kiosk.db schema: its tables, its version (PRAGMA user_version) and the
// forward migrations from every older version. This file is the reference for
// what the event store holds; engine/telemetry/event_store.cpp writes it and
// stats_report.cpp reads it.
//
//   meta(key, value)           epoch (random id made with the database: a
//                              reinstalled kiosk gets a new one), created_utc_ms,
//                              synced_seq (events up to this seq reached the hub)
//   boots(boot, boot_id, started_utc_ms, software_version)
//   events(seq, utc_ms, utc_offset_min, day, boot, mono_ms, session, kind,
//          subject, content_version, fields, clock_flags)
//       seq       order of recording, never reused
//       utc_ms    the kiosk clock when recorded; may be wrong, see clock_flags
//       day       the local day (YYYY-MM-DD) the event counts for
//       mono_ms   milliseconds since the boot began (steady clock)
//       session   the anonymous visitor session, NULL for system events
//       fields    a JSON object, by kind (see interaction_log.h)
//       clock_flags  1 = implausible time (before 2025 or after 2100),
//                    2 = the clock was changed during this boot before the event
//   rollups(day, subject_kind, subject, metric, value, changed_seq)
//       usage counts, updated in the same transaction as the events they
//       count; changed_seq is the seq of the last event that changed the row
//       (sync sends rows changed since the hub's acknowledgement).
//   notices(sender, identifier, document, signature, key_id, received_utc_ms,
//           first_shown_utc_ms, viewers, opened)
//       the emergency notices the kiosk holds, exactly as signed (verified
//       again when loaded), with when each was first shown and part 4's counts
//       (engine/sync/kiosk_notice_store.h)
//   retired_notices(sender, identifier, keep_until_utc_ms)
//       identifiers an Update or a Cancel retired: a replay is refused
//   subjects(subject_kind, subject, title_zh, title_en)
//       the names reports show for a subject (the latest content's titles;
//       a question's prompt, an option's label)
//
// Rollup subjects and metrics (value is a count unless it ends in _ms):
//   kiosk ""                  sessions, session_ms, dropped_log_events, dropped_raw_events
//   hour "00".."23"           sessions (by the local hour they started)
//   screen attract|home|...   visits, dwell_ms
//   exhibit ID                visits, dwell_ms, interactions, errors, visitors
//   finding EXHIBIT/EVENT     events, visitors (kiosk.log events by name)
//   finding_value EXHIBIT/EVENT/FIELD=VALUE  visitors (values cut to 64 bytes,
//                             at most 32 a field and day, the rest as "…")
//   quiz PACK                 visits (rounds started), completions, score_total
//   question PACK/QUESTION    answers, correct
//   option PACK/QUESTION/OPT  choices
//   content ID                errors (refused packages)
#pragma once

#include <sqlite3.h>

#include <string>

namespace kiosk::telemetry {

// The version this build writes. A database with a higher user_version is
// refused untouched.
constexpr int kSchemaVersion = 3;

// Brings `db` from its user_version up to kSchemaVersion in one transaction
// (a new, empty database goes through every step). False with `error` set when
// the database is newer than this build or a step fails; nothing is changed then.
bool migrate_schema(sqlite3* db, std::string& error);

// Opens DATA/kiosk.db read-write (created owner-only, never through a link),
// busy timeout 5 s, WAL, migrated to kSchemaVersion; a database newer than
// this build or one that is not a kiosk's is left untouched. nullptr with
// `error` naming the file otherwise. The event store and the notice store
// each open their own connection with it.
sqlite3* open_kiosk_db(const std::string& path, std::string& error);

// The DDL of one version step (1 = the first schema), for tests that make an
// old database.
const char* schema_step_sql(int version);

// The value of meta[key], or "" when missing.
std::string read_meta(sqlite3* db, const std::string& key);

} // namespace kiosk::telemetry
