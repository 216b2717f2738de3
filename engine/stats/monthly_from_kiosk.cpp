// PLACEHOLDER of the issue 20 contract commit: the h20-collect branch
// replaces this file.
#include "monthly_from_kiosk.h"

namespace kiosk::stats {

std::optional<report::MonthlyReport> monthly_report_from_kiosk(const telemetry::ReadOnlyKioskDb&,
                                                               const std::string&, Language, int,
                                                               int64_t, std::string& error) {
    error = "the monthly report is not built yet";
    return std::nullopt;
}

} // namespace kiosk::stats
