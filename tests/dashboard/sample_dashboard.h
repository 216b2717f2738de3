// Realistic sample data for the dashboard: two venues (a county museum and a
// mobile-exhibit truck), three kiosks, a year of visitor days, Chinese exhibit
// titles and quiz questions. The preview tool renders it; tests use it as a
// full page. Deterministic: the same data every run.
#pragma once

#include "dashboard/dashboard_page.h"

namespace kiosk::dashboard {

// The province administrator's view of all venues, 2025-11-29 .. 2026-11-28.
DashboardData sample_dashboard(Language language);

// The same sample seen by the county museum's manager: one venue.
DashboardData sample_manager_dashboard(Language language);

// The venue manager's view with a kiosk in each content state (up to date,
// waiting for a newer snapshot, downloading, failed twice over, expired, no
// content, not reported, unreadable).
DashboardData sample_content_dashboard(Language language);

// A range with nothing in it: no visitors, no exhibits, no questions, no kiosks.
DashboardData sample_empty_dashboard(Language language);

} // namespace kiosk::dashboard
