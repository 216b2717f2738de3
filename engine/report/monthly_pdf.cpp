// PLACEHOLDER of the contract commit (issue 20): the h20-pdf branch replaces
// this file with the PDF writer. Until then both functions refuse.
#include "monthly_report.h"

namespace kiosk::report {

std::optional<std::string> render_monthly_pdf(const MonthlyReport&, std::string& error) {
    error = "the monthly PDF writer is not built yet";
    return std::nullopt;
}

bool write_monthly_pdf(const MonthlyReport&, const std::string&, std::string& error) {
    error = "the monthly PDF writer is not built yet";
    return false;
}

} // namespace kiosk::report
