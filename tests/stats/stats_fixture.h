// The kiosk.db the stats tests read: made with migrate_schema (the real
// schema) and plain SQL inserts of known events, rollups and subjects (Chinese
// titles, a Chinese question prompt, a title with a comma and quotes, a boot
// whose clock said 1970, a clock jump, dropped-event counts). The numbers each
// report must show are listed in stats_fixture.cpp beside the rows.
#pragma once

#include <string>

namespace kiosk::test {

// Writes the fixture database to `path` (which must not exist); "" on
// success, otherwise what went wrong.
std::string make_stats_fixture(const std::string& path);

// A kiosk.db claiming schema version `version`: version 1's real tables, or
// the current schema relabelled (the refusal tests: an old or a
// newer-than-known kiosk.db).
std::string make_versioned_database(const std::string& path, int version);

} // namespace kiosk::test
