// The report commands of kiosk-hub (issue 20, part 3):
//   kiosk-hub admin set-email --data DIR --name USER --email ADDR ("" removes it)
//   kiosk-hub report run-due --data DIR [--now YYYY-MM-DDTHH:MM:SSZ]
//       [--mail-config FILE] [--utc-offset-min N] [--silent-alert-days N]
//       [--notice-receipt-hours N]
// run-due runs one scheduler step (report_scheduler.h): for cron, and tests.
// It exits 0 when nothing failed, 1 when a report or a mail failed (the
// failures are logged and kept for the next step), 2 on bad usage.
// Also the scheduler's wiring shared with `serve`: the stores it opens.
#pragma once

#include "store_location.h"

#include "core/bilingual.h"
#include "report_scheduler.h"

#include <iosfwd>
#include <memory>
#include <string>

namespace kiosk::hub {

int admin_set_email(const StoreLocation& store, const std::string& name, const std::string& email,
                    Language lang, std::ostream& out, std::ostream& err);

struct RunDueOptions {
    StoreLocation store; // --data and --store
    std::string now;     // "" = the clock
    std::string mail_config;
    int32_t utc_offset_min = 8 * 60;
    int silent_alert_days = 7;
    int notice_receipt_hours = 24;
    Language lang = Language::Zh;
};

// The stores and setup of a scheduler on `data_dir` (the hub's own
// connections); `mail_config` "" = no mail. Null with the problem written to
// `err` (a bad mail config: every file:line error).
struct SchedulerStores {
    std::unique_ptr<HubStore> store;
    std::unique_ptr<LibraryStore> library;
    std::unique_ptr<NoticeStore> notices;
    std::unique_ptr<ReportScheduleStore> schedules;
    SchedulerSetup setup;
};
std::unique_ptr<SchedulerStores> open_scheduler(const RunDueOptions& options, std::ostream& err);

int report_run_due(const RunDueOptions& options, std::ostream& out, std::ostream& err);

} // namespace kiosk::hub
