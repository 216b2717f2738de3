// The dashboard's 应急通知 / Emergency notices page as a pure function (like
// library_page.h): the form that issues a notice (venues the viewer may
// choose: every venue and "all" for a province administrator, their own for a
// venue manager), the history newest first with each notice's type, status
// (Exercise and Test marked 演练 / 测试), severity, times in the venues' zone,
// and its delivery: "shown on N of M kiosks", the kiosks not reached with
// when each was last seen, visitors' counts; and per notice in force a
// form to update it and a button to cancel it. The server fills
// NoticesPageData with what the viewer may see and act on.
//
// The forms it posts (every one with csrf and lang):
//   POST /dashboard/notices/add     venue (repeated; none = all), status,
//        severity, urgency, certainty, category, event_zh, event_en,
//        headline_zh, headline_en, description_zh, description_en,
//        instruction_zh, instruction_en, expires, content (ids, comma separated)
//   POST /dashboard/notices/update  id, and any of the fields above
//   POST /dashboard/notices/cancel  id
#pragma once

#include "core/bilingual.h"
#include "dashboard/dashboard_page.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::dashboard {

struct NoticeKioskRow {
    std::string id, venue; // venue: display name
    std::string last_seen; // the time as managers read it; "" never seen
};

struct NoticeRow {
    std::string identifier;
    std::string msg_type; // "Alert" | "Update" | "Cancel"
    std::string status;   // "Actual" | "Exercise" | "Test"
    std::string severity; // CAP spelling
    Bilingual event, headline, instruction;
    std::string venues; // display names, or all venues
    std::string sent, expires, author;
    bool retired = false, expired = false;
    // Delivery (Alert and Update).
    int64_t shown = 0, total = 0, viewers = 0, opened = 0;
    std::vector<NoticeKioskRow> not_reached;
    bool may_change = false; // in force and the viewer's to update or cancel
};

struct NoticesPageData {
    DashboardViewer viewer;
    Language language = Language::Zh;
    std::string csrf_token;
    std::vector<DashboardVenue> venues; // the venues the viewer may post for
    bool may_post_all = false;          // a province administrator
    std::vector<NoticeRow> notices;     // newest first
    std::string notice;                 // the last action's message
    bool notice_is_error = false;
};

std::string render_notices_page(const NoticesPageData& data);

} // namespace kiosk::dashboard
