// The dashboard's 内容库 / Library page as a pure function (like
// dashboard_page.h): each library item with its title (zh first), versions,
// publisher, reviews with reviewer and expiry (an alert when the current
// approval ends within kReviewAlertDays), the kiosks that report showing it,
// the upload form, publish/share buttons for the province administrator, and
// per kiosk a form setting what it shows in which order. The server fills
// LibraryPageData with what the viewer may see and act on.
//
// The forms it posts (every one with csrf and lang):
//   POST /dashboard/library/upload  multipart/form-data: package (the file)
//   POST /dashboard/library/publish id
//   POST /dashboard/library/share   id
//   POST /dashboard/library/assign  kiosk, and order.ID = 1.. for each item shown
#pragma once

#include "core/bilingual.h"
#include "dashboard/dashboard_page.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::dashboard {

constexpr int kReviewAlertDays = 14;

struct LibraryReviewRow {
    std::string reviewer; // the pool member's name, or the key id when not in the pool
    std::string verdict;  // "approved" | "rejected"
    std::string expires;  // YYYY-MM-DD
    bool in_pool = false;
};

struct LibraryVersionRow {
    std::string version;
    int64_t size = 0;
    std::vector<LibraryReviewRow> reviews;
};

struct LibraryItemRow {
    std::string id, title_zh, title_en;
    std::string publisher;   // the newest version's publisher name
    std::string owner_venue; // "" = the province's; else the venue's display name
    bool published = false, shared = false;
    std::vector<LibraryVersionRow> versions; // newest first
    int approval_days_left = -1;             // days until the current approval ends; -1 none
    std::vector<std::string> shown_on;       // kiosk ids whose heartbeat lists it
    bool may_publish = false, may_share = false;
};

struct LibraryKioskRow {
    std::string id, venue;               // venue: display name
    std::vector<std::string> assigned;   // item ids, in order
    std::vector<std::string> assignable; // item ids this kiosk's venue may show
};

struct LibraryPageData {
    DashboardViewer viewer;
    Language language = Language::Zh;
    std::string csrf_token;
    std::vector<LibraryItemRow> items;
    std::vector<LibraryKioskRow> kiosks;
    int64_t max_upload_bytes = 0;
    std::string notice;
    bool notice_is_error = false;
};

std::string render_library_page(const LibraryPageData& data);

} // namespace kiosk::dashboard
