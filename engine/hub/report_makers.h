// The reports a schedule makes, for the scheduler (report_scheduler.h):
// monthly, the monthly evaluation PDF of the previous month
// (collect_monthly_report, then report::render_monthly_pdf); weekly, the
// dashboard's XLSX export of the previous Monday..Sunday (the same tables as
// /dashboard/export, through dashboard_data.h's dashboard_reports), made as
// the schedule's owner sees it (a venue manager only their venue). Each comes
// with a short summary for the mail body in the schedule's language.
#pragma once

#include "report_scheduler.h"

namespace kiosk::hub {

struct ReportSources {
    HubStore* store = nullptr;
    LibraryStore* library = nullptr;
    NoticeStore* notices = nullptr;
    std::string data_dir; // the weekly XLSX is written through DATA/reports
    int silent_alert_days = 7;
};

ReportMaker hub_report_maker(ReportSources sources);

} // namespace kiosk::hub
