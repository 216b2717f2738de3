// The dashboard's per-kiosk and per-venue parts (issue 20, part 4): the kiosk
// select of the filter form, the province view's breakdown by venue
// (visitors, visits, kiosks, availability share, each venue a link to its own
// view), and for one venue or kiosk a chart per kiosk of the share of opening
// hours the hub heard from it: by day, by week (from Monday) beyond 62 days,
// by month beyond 366, with the same numbers as text under each chart for
// screen readers and print. Pure functions of DashboardData, like
// dashboard_page.h; words from the managers' strings.
#pragma once

#include "core/bilingual.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::dashboard {

struct DashboardData;

// One local day of one kiosk: the venue's opening hours and how many of them
// the hub heard from the kiosk (hub::AvailabilityDay).
struct AvailabilityHours {
    std::string day; // YYYY-MM-DD
    int64_t open_hours = 0;
    int64_t available_hours = 0;
};

struct KioskAvailability {
    std::string kiosk;
    std::vector<AvailabilityHours> days; // ascending
};

struct VenueBreakdown {
    std::string venue_id, name_zh, name_en;
    int64_t sessions = 0;       // visitor sessions in the range
    int64_t exhibit_visits = 0; // visits to exhibits in the range
    int64_t kiosks = 0;         // registered, not revoked
    int64_t open_hours = 0;     // its kiosks' opening hours in the range
    int64_t available_hours = 0;
};

struct AvailabilityParts {
    std::vector<VenueBreakdown> venues;    // all venues (province view): one per venue, by id
    std::vector<KioskAvailability> kiosks; // one venue or kiosk: one per kiosk
};

// The bars of one kiosk's chart: `label` names the day ("12-03"), the week's
// first day in the range ("12-01") or the month ("2026-12").
struct AvailabilityPeriod {
    std::string label;
    int64_t open_hours = 0;
    int64_t available_hours = 0;
};
enum class PeriodLength { day, week, month };
PeriodLength availability_period_length(size_t day_count);
std::vector<AvailabilityPeriod> availability_periods(const std::vector<AvailabilityHours>& days);

// The filter form's kiosk select (name="kiosk"): "all kiosks" and the kiosks
// of the chosen venue.
void append_kiosk_select(std::string& out, const DashboardData& data);
// The breakdown by venue (all venues) or the charts per kiosk (one venue).
void append_availability_sections(std::string& out, const DashboardData& data);

} // namespace kiosk::dashboard
