// The report scheduler of `kiosk-hub serve` (issue 20, part 3): one step
// makes every due scheduled report (once per schedule and period, claimed in
// the store so restarts and other processes never make it twice), saves it
// under DATA/reports/ (0600), mails it to its owner, retries failed mails
// with backoff (the saved report is kept whatever happens), and mails alerts
// (a silent kiosk, reviews expiring, a notice not delivered) once per
// condition until it clears. The step takes "now", so tests and
// `kiosk-hub report run-due --now` drive it directly; ReportSchedulerThread
// runs it inside serve, waking on a condition variable at the next venue
// midnight, the next retry or the next hour, whichever is first.
//
// Periods are the venue's local days (utc_offset_min): a monthly schedule's
// report for November is due from 1 December 00:00 local time; a weekly
// one's for Monday..Sunday from the next Monday 00:00. Only the latest
// complete period is made (a hub that was down for three months makes the
// last month's report, not three).
#pragma once

#include "store_location.h"

#include "core/day_ranges.h"
#include "hub_store.h"
#include "library_store.h"
#include "mail_message.h"
#include "notice_store.h"
#include "report_schedule_store.h"

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace kiosk::hub {

// The period a schedule's report covers when it runs at `now`.
struct ReportPeriod {
    std::string key; // "2026-11" or "2026-11-23/2026-11-29"
    DayRange days;
};
ReportPeriod due_period(ReportCadence cadence, int64_t now_utc_ms, int32_t utc_offset_min);

// DATA/reports, where saved reports are kept (0700, each file 0600), and a
// saved report's bytes (nullopt with `error` naming the file).
std::string reports_folder(const std::string& data_dir);
std::optional<std::string> read_saved_report(const std::string& data_dir,
                                             const std::string& file_name, std::string& error);

struct ReportJob {
    ReportSchedule schedule;
    UserRecord owner;
    ReportPeriod period;
    int32_t utc_offset_min = 8 * 60;
    int64_t now_utc_ms = 0;
};

struct MadeReport {
    std::string bytes;
    std::string extension;    // "pdf", "xlsx"
    std::string content_type; // "application/pdf", ...
    std::string summary;      // a few lines for the mail body, in the job's language
};

// Makes a job's report; nullopt with `error` (English, for the log and the page).
using ReportMaker = std::function<std::optional<MadeReport>(const ReportJob&, std::string& error)>;
// Sends one message; false with `error`.
using MailSender = std::function<bool(const MailMessage&, std::string& error)>;

struct SchedulerSetup {
    HubStore* store = nullptr;
    LibraryStore* library = nullptr; // null: no review alerts
    NoticeStore* notices = nullptr;  // null: no delivery alerts
    ReportScheduleStore* schedules = nullptr;
    std::string data_dir; // saved reports are files in DATA/reports
    int32_t utc_offset_min = 8 * 60;
    int silent_alert_days = 7;
    int notice_receipt_hours = 24; // a notice not shown on a kiosk this long after it was sent
    std::string mail_from;         // the sender address (the mail config's `from`)
    ReportMaker make_report;
    MailSender send_mail; // null: no mail settings; reports are saved and wait to be mailed
};

struct StepResult {
    int made = 0, make_failures = 0;
    int mailed = 0, mail_failures = 0;
    int alerts_mailed = 0, alert_failures = 0;
};

// One pass at `now_utc_ms`. Safe to run twice for the same time: nothing is
// made or mailed twice.
StepResult run_due_step(const SchedulerSetup& setup, int64_t now_utc_ms);

// When the mail of a report that failed `attempts` times (1, 2, ...) is next
// tried: 5 minutes after the first failure, doubling, at most 6 hours.
int64_t next_mail_attempt(int64_t now_utc_ms, int64_t attempts);

// The scheduler inside serve: a thread running run_due_step now, then at the
// next wake-up; stop() (and the destructor) wakes it and joins it.
class ReportSchedulerThread {
public:
    ReportSchedulerThread(SchedulerSetup setup, std::function<int64_t()> clock);
    ~ReportSchedulerThread();
    ReportSchedulerThread(const ReportSchedulerThread&) = delete;
    ReportSchedulerThread& operator=(const ReportSchedulerThread&) = delete;
    // How long a step's lease lasts: longer than the longest wait between
    // steps (an hour), so the holder keeps it while it lives; a holder that
    // died is replaced within this time.
    static constexpr int64_t kLeaseMs = 2 * 3600 * 1000;
    void wake(); // run a step now (a schedule or an address changed)
    void stop();

private:
    void run();

    // This process's name for the scheduler lease (a random id): with
    // several hub processes on one store only the lease holder runs steps.
    const std::string lease_holder_;
    SchedulerSetup setup_;
    std::function<int64_t()> clock_;
    std::mutex mutex_;
    std::condition_variable wakeup_;
    bool stopping_ = false, woken_ = false;
    std::thread thread_;
};

} // namespace kiosk::hub
