// The managers' report subscriptions at the hub (issue 20, part 3): each
// user's email address, their report schedules (monthly or weekly, for a
// venue or the province, in a language), the reports made (saved reports:
// a file in DATA/reports/ and whether and when it was mailed, with the last
// mail failure and the next attempt), the runs (one per schedule and period,
// unique, so a job runs once even across restarts and processes) and the
// alert mails sent (once per condition and recipient until it clears).
// Behind an interface like NoticeStore; the SQLite implementation keeps its
// tables in hub.db with their own schema version (report_schema).
#pragma once

#include "store_location.h"

#include "core/bilingual.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::hub {

enum class ReportCadence {
    monthly, // on the 1st, the previous month, as the monthly PDF
    weekly,  // on Monday, the previous Monday..Sunday, as the dashboard's XLSX export
};
const char* cadence_name(ReportCadence cadence); // "monthly" | "weekly"
std::optional<ReportCadence> parse_cadence(std::string_view name);

struct ReportSchedule {
    int64_t id = 0;
    std::string user;
    ReportCadence cadence = ReportCadence::monthly;
    std::string venue; // "" = the province (province administrators only)
    Language language = Language::Zh;
    int64_t created_utc_ms = 0;
    std::string last_error; // the last failure to make its report ("" = none)
};

struct SavedReport {
    int64_t id = 0;
    int64_t schedule_id = 0; // 0: not from a schedule
    std::string owner;       // the user it was made for
    ReportCadence cadence = ReportCadence::monthly;
    std::string venue;  // "" = the province
    std::string period; // "2026-11" (monthly) or "2026-11-23/2026-11-29" (weekly)
    Language language = Language::Zh;
    std::string file_name;    // in DATA/reports/
    std::string content_type; // application/pdf, ...
    int64_t bytes = 0;
    int64_t made_utc_ms = 0;
    std::string recipient;     // the owner's address when it was made ("" = none then)
    int64_t mailed_utc_ms = 0; // 0 = not mailed (yet)
    int64_t mail_attempts = 0; // failed attempts so far
    int64_t next_attempt_utc_ms = 0;
    std::string last_error; // the last mail failure ("" = none)
};

enum class ClaimOutcome { claimed, taken, failed };

class ReportScheduleStore {
public:
    virtual ~ReportScheduleStore() = default;

    // A user's address ("" removes it); false with `error` for an unknown
    // user or an address that is_valid_email_address refuses.
    virtual bool set_email(const std::string& user, const std::string& email,
                           std::string& error) = 0;
    virtual std::string email_of(const std::string& user) = 0; // "" = none

    // A new schedule's id (0 with `error`: an unknown user, a same schedule
    // already there). The venue and the user's right to it are the caller's.
    virtual int64_t add_schedule(const ReportSchedule& schedule, std::string& error) = 0;
    // Removes `user`'s schedule `id` (its saved reports stay); false when
    // there is no such schedule of that user.
    virtual bool remove_schedule(int64_t id, const std::string& user, std::string& error) = 0;
    virtual std::vector<ReportSchedule> schedules(const std::string& user) = 0; // "" = all
    virtual void set_schedule_error(int64_t id, const std::string& error_text) = 0;

    // Takes the run of (schedule, period): claimed once, taken by every later
    // call (this process or another); release_run gives a claim back when its
    // report could not be made, so a later step tries again. A claim still
    // without a report an hour later (its process died) is claimed again.
    virtual ClaimOutcome claim_run(int64_t schedule_id, const std::string& period, int64_t now_ms,
                                   std::string& error) = 0;
    virtual void release_run(int64_t schedule_id, const std::string& period) = 0;

    // Records a made report (id set on success; the run of its schedule and
    // period points at it).
    virtual bool add_saved_report(SavedReport& report, std::string& error) = 0;
    virtual std::vector<SavedReport> saved_reports() = 0; // newest first
    virtual std::optional<SavedReport> find_saved_report(int64_t id) = 0;
    // Reports with a recipient, not mailed, whose next attempt is due.
    virtual std::vector<SavedReport> reports_to_mail(int64_t now_ms) = 0;
    virtual void record_mailed(int64_t id, int64_t now_ms) = 0;
    virtual void record_mail_failure(int64_t id, const std::string& error_text,
                                     int64_t next_attempt_ms) = 0;

    // Alert mails: whether `condition` was mailed to `recipient`, recording
    // one, and forgetting every condition not in `active` (it cleared: the
    // next time it holds it is mailed again).
    virtual bool alert_mailed(const std::string& condition, const std::string& recipient) = 0;
    virtual void record_alert(const std::string& condition, const std::string& recipient,
                              int64_t now_ms) = 0;
    virtual void clear_alerts_except(const std::set<std::string>& active) = 0;

    // Scale-out (issue 22, part 3): of several hub processes on one store,
    // only the one holding the scheduler lease runs scheduled work (reports,
    // their mail, alert mail), so nothing is mailed twice. True when
    // `holder` has the lease until now_ms + lease_ms: it was free, expired
    // (its holder died or stopped renewing) or already `holder`'s. False when
    // another holder's lease runs, or the store failed (then nobody runs this
    // round: better late than twice). release_scheduler_lease gives it up on
    // a clean stop, so another process takes over at its next step.
    virtual bool hold_scheduler_lease(const std::string& holder, int64_t now_ms,
                                      int64_t lease_ms) = 0;
    virtual void release_scheduler_lease(const std::string& holder) = 0;
};

// The schedules in `location`'s store (SQLite: DATA/hub.db; or PostgreSQL);
// null with `error` naming the file or database when it cannot be opened or
// has a newer report schema.
std::unique_ptr<ReportScheduleStore> open_report_schedule_store(const StoreLocation& location,
                                                                std::string& error);

// An address a report may be sent to: local@domain, 3..254 bytes, the local
// part 1..64 of letters, digits and !#$%&'*+/=?^_`{|}~.- (no leading,
// trailing or double dot), the domain two or more labels of letters, digits
// and '-'. No spaces, quotes, angle brackets or line breaks (no header injection).
bool is_valid_email_address(std::string_view address);

} // namespace kiosk::hub
