// The monthly evaluation report from one kiosk's own kiosk.db (issue 20,
// part 2: `kioskctl stats report --month YYYY-MM -o FILE.pdf`), for a kiosk
// that never reaches a hub: the same report::MonthlyReport the hub fills,
// from the kiosk's rollups (the numbers the hub would show from the same
// rollups), with what only a hub knows (availability against opening hours,
// other kiosks, notices' delivery) marked as not known here.
#pragma once

#include "report/monthly_report.h"
#include "telemetry/read_only_kiosk_db.h"

#include <optional>
#include <string>

namespace kiosk::stats {

// Null with `error` (naming --month) for a malformed month, or when the
// database cannot be read.
std::optional<report::MonthlyReport> monthly_report_from_kiosk(const telemetry::ReadOnlyKioskDb& db,
                                                               const std::string& month,
                                                               Language language, int min_answers,
                                                               int64_t now_utc_ms,
                                                               std::string& error);

} // namespace kiosk::stats
