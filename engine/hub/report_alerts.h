// The conditions the hub mails alerts about (issue 20, part 3), each with a
// stable key (the same while the condition holds, so it is mailed once until
// it clears), the venue it concerns ("" = province-wide: province
// administrators only) and its words in a language:
//   silent:KIOSK                  a kiosk not heard from for more than N days
//                                 (or never, N days after it was added)
//   review:PACKAGE:VERSION:DAY    a package's review approval expiring within
//                                 30 days (or expired), its newest version
//   notice:IDENTIFIER:VENUE       a notice in force, sent more than H hours
//                                 ago, not shown on some kiosks it targets
#pragma once

#include "core/bilingual.h"
#include "hub_store.h"
#include "library_store.h"
#include "notice_store.h"

#include <functional>
#include <string>
#include <vector>

namespace kiosk::hub {

struct AlertCondition {
    std::string key;
    std::string venue; // "" = not a venue's (province administrators only)
    std::function<std::string(Language)> subject, body;
};

constexpr int kReviewWarningDays = 30;

// Throws StoreReadError as HubStore's queries do.
std::vector<AlertCondition> current_alert_conditions(HubStore& store, LibraryStore* library,
                                                     NoticeStore* notices, int64_t now_utc_ms,
                                                     int32_t utc_offset_min, int silent_alert_days,
                                                     int notice_receipt_hours);

} // namespace kiosk::hub
