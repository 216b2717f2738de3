// The 月度报告（PDF） / Monthly report (PDF) form (issue 20): a GET form to
// /reports/monthly with the venue (the viewer's venues; the whole province
// for a province administrator), the month (a month picker) and an optional
// kiosk, and a region (地区) when some venue has a division code. The
// dashboard shows it beside its exports, and the report route's
// refusal page shows it again with what was asked, so a bad month or venue
// can be corrected there. This file owns that form's HTML.
#pragma once

#include "core/bilingual.h"
#include "dashboard_page.h"

#include <string>
#include <vector>

namespace kiosk::dashboard {

struct MonthlyReportForm {
    Language language = Language::Zh;
    std::vector<DashboardVenue> venues; // the venues the viewer may choose
    bool province = false;              // offer the whole province ("" venue) first
    std::string venue, month, kiosk;    // as asked (month YYYY-MM)
    // The regions offered (province administrators; none: no region select)
    // and the one asked for (issue 22).
    std::vector<std::string> regions;
    std::string region;
};

std::string render_monthly_report_form(const MonthlyReportForm& form);

} // namespace kiosk::dashboard
