// The monthly evaluation report's numbers on the hub (issue 20, part 2): one
// venue's or the province's month read from the stores into a
// report::MonthlyReport (report/monthly_report.h), with the previous month
// and the same month a year before, availability from the contact history,
// content and review status from the library, notices and their delivery.
// Access (a venue manager sees only their venue) is the caller's: the
// routes check may_see_venue (dashboard_data.h) first.
#pragma once

#include "hub_store.h"
#include "library_store.h"
#include "notice_store.h"
#include "report/monthly_report.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::hub {

struct MonthlyRequest {
    std::string venue; // "" = the province (every venue, with a per-venue breakdown)
    // A region instead of the province (issue 22, regions.h): its code, and
    // its venues as the caller found them (venues_in_region); the report is
    // the province's, read over those venues only, with their breakdown.
    std::string region;
    std::vector<std::string> venues;
    std::string kiosk; // "" = every kiosk of the scope
    std::string month; // YYYY-MM
    Language language = Language::Zh;
    int32_t utc_offset_min = 8 * 60; // kiosk-hub serve --utc-offset-min
    int64_t now_utc_ms = 0;
    int silent_alert_days = 7;
    int min_answers = 20; // a question enters "hardest" with at least this many answers
};

// "" when the request can be answered; else why not, in the request's
// language, naming the field: a malformed month, an unknown venue or kiosk,
// or a kiosk of another venue (the routes answer 400 with it); a malformed
// region, a region with a venue, a region without venues, or a kiosk outside it.
std::string check_monthly_request(HubStore& store, const MonthlyRequest& request);

// Null with `error` (in the request's language, naming the field) for an
// unknown venue or kiosk or a malformed month; with `error` in English when a
// store cannot be read (StoreReadError): a report is never made of partial
// numbers that look complete. `library` and `notices` may be null (the
// report then says their sections are unknown).
std::optional<report::MonthlyReport> collect_monthly_report(HubStore& store, LibraryStore* library,
                                                            NoticeStore* notices,
                                                            const MonthlyRequest& request,
                                                            std::string& error);

} // namespace kiosk::hub
