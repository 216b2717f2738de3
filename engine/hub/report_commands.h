// `kiosk-hub report monthly` (issue 20, part 2): the monthly evaluation
// report of one venue (--venue ID), of a region (--region CODE, its venues by
// their division codes: regions.h) or of the province (--province) as a PDF,
// from the hub's data folder, the same report GET /reports/monthly gives.
// Messages are the managers' words in --lang. Exit codes: 0 written, 1 the
// data cannot be read or the file cannot be written, 2 a bad request (scope,
// month, venue, kiosk).
#pragma once

#include "store_location.h"

#include "core/bilingual.h"
#include "core/civil_time.h"

#include <cstdint>
#include <iosfwd>
#include <string>

namespace kiosk::hub {

struct MonthlyReportCommand {
    StoreLocation store; // --data and --store
    std::string venue;   // with province false
    bool province = false;
    std::string region; // a division code prefix, with venue "" and province false
    std::string month, kiosk, output;
    Language language = Language::Zh;
    int32_t utc_offset_min = kDefaultVenueUtcOffsetMin;
    int silent_alert_days = 7;
};

int report_monthly(const MonthlyReportCommand& command, std::ostream& out, std::ostream& err);

} // namespace kiosk::hub
