// PLACEHOLDER of the issue 20 contract commit: the h20-collect branch
// replaces this file.
#include "monthly_report_data.h"

namespace kiosk::hub {

std::optional<report::MonthlyReport> collect_monthly_report(HubStore&, LibraryStore*, NoticeStore*,
                                                            const MonthlyRequest&,
                                                            std::string& error) {
    error = "the monthly report is not built yet";
    return std::nullopt;
}

} // namespace kiosk::hub
