// The findings (core/findings.h) as report tables, for kioskctl's reports and
// the hub's dashboard exports alike. The terminal summary gets one table,
// `findings`: per exhibit each finding's share sentence ("total_reflection:
// found by 37% of visitors") with its field values' rows under it. Exports
// get `findings` (by event: events, visitors, the exhibit's visitors, share)
// and `finding_values` (by field value: visitors, share).
#pragma once

#include "report_export.h"

#include "core/findings.h"

#include <vector>

namespace kiosk::stats {

void add_findings_tables(const std::vector<ExhibitFindings>& exhibits, Language language, bool full,
                         ReportSet& set);

} // namespace kiosk::stats
