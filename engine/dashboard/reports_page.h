// The dashboard's 报告订阅与已存报告 / Report subscriptions and saved reports
// page as a pure function (like notices_page.h): the viewer's email address
// (form), their report schedules (monthly PDF or weekly XLSX, for a venue
// or, for a province administrator, all venues, in a language) with a remove
// button each and a form to add one, a note when the hub has no mail
// settings, and the saved reports the viewer may see (a venue manager only
// their venue's) with period, scope, kind, size, when made, whether mailed
// (or why not, and when it is tried again) and a download link. The server
// fills ReportsPageData with what the viewer may see.
//
// The forms it posts (every one with csrf and lang):
//   POST /dashboard/reports/email             email ("" removes it)
//   POST /dashboard/reports/schedules/add     cadence (monthly|weekly), venue ("" = all), language
//   POST /dashboard/reports/schedules/remove  id
// and links GET /dashboard/reports/file?id=N.
#pragma once

#include "core/bilingual.h"
#include "dashboard/dashboard_page.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::dashboard {

struct ScheduleRow {
    int64_t id = 0;
    bool monthly = true;
    std::string scope; // the venue's name or all venues, in the page's language
    Language language = Language::Zh;
    std::string last_error; // "" = none
};

struct SavedReportRow {
    int64_t id = 0;
    bool monthly = true;
    std::string period; // "2026-11" or "2026-11-23~2026-11-29"
    std::string scope;
    int64_t bytes = 0;
    std::string made;      // the time as managers read it
    std::string recipient; // "" = no address when made
    std::string mailed;    // the time mailed, "" = not yet
    int64_t mail_attempts = 0;
    std::string next_attempt; // the time of the next try (when attempts > 0)
    std::string last_error;
};

struct ReportsPageData {
    DashboardViewer viewer;
    Language language = Language::Zh;
    std::string csrf_token;
    std::string email; // the viewer's address, "" = none
    bool mail_configured = false;
    std::vector<DashboardVenue> venues; // the venues the viewer may subscribe to
    bool may_choose_all = false;        // a province administrator
    std::vector<ScheduleRow> schedules;
    std::vector<SavedReportRow> saved; // newest first
    std::string notice;                // the last action's message
    bool notice_is_error = false;
};

std::string render_reports_page(const ReportsPageData& data);

} // namespace kiosk::dashboard
