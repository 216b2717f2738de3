// The availability arithmetic both HubStore backends share (issue 20, part
// 4): a venue's opening hours on each local day of a scope against the
// contact history (per kiosk and UTC day, a bit per UTC hour the hub heard
// from it). The backends read their rows; this turns them into
// AvailabilityDay rows, so SQLite and PostgreSQL give the same answer.
#pragma once

#include "hub_store.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace kiosk::hub {

// One kiosk as the availability counts it.
struct KioskPeriod {
    std::string id;
    int64_t created_utc_ms = 0, revoked_utc_ms = 0;
    OpeningHours hours;
};

// The UTC days (since 1970-01-01) whose contacts a scope's local days need.
struct ContactDays {
    int64_t first_utc_day = 0, last_utc_day = 0;
};

// Throws StoreReadError when the scope's days or the offset are not valid.
ContactDays contact_days_of(const QueryScope& scope, int32_t utc_offset_min);

// One row per kiosk (in the order given) and local day of scope.from..to.
// `read_contacts(kiosk, days, heard)` ORs each stored day's hours into
// heard[utc_day - days.first_utc_day]. A revoked kiosk without any contact in
// the range is left out.
std::vector<AvailabilityDay>
availability_days(const QueryScope& scope, int32_t utc_offset_min,
                  const std::vector<KioskPeriod>& kiosks,
                  const std::function<void(const std::string& kiosk, const ContactDays& days,
                                           std::vector<uint32_t>& heard)>& read_contacts);

} // namespace kiosk::hub
