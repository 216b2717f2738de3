// The report scheduler's step and thread (report_scheduler.h).
#include "report_scheduler.h"

#include "core/civil_time.h"
#include "core/log.h"
#include "core/manager_text.h"
#include "core/private_files.h"
#include "core/random_id.h"
#include "report_alerts.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include <signal.h>
#include <sstream>

namespace kiosk::hub {
namespace {

constexpr int64_t kFirstRetryMs = 5 * 60 * 1000;
constexpr int64_t kLongestRetryMs = 6 * 3600 * 1000;
constexpr int64_t kMsPerHour = 3600 * 1000;

// The scope's words: the venue's name, or all venues.
std::string scope_name(HubStore& store, const std::string& venue, Language lang) {
    if (venue.empty()) return manager_text("all_venues", lang);
    const std::optional<Venue> found = store.find_venue(venue);
    return found ? Bilingual{found->name_zh, found->name_en}.in(lang) : venue;
}

std::string shown_period(const std::string& period) {
    std::string shown = period;
    std::replace(shown.begin(), shown.end(), '/', '~');
    return shown;
}

// "monthly-county-museum-2026-11-s3.pdf" (ASCII: ids are A-Z a-z 0-9 - _).
std::string report_file_name(const ReportSchedule& schedule, const std::string& period,
                             const std::string& extension) {
    std::string period_part = period;
    std::replace(period_part.begin(), period_part.end(), '/', '_');
    return std::string(cadence_name(schedule.cadence)) + "-" +
           (schedule.venue.empty() ? std::string("province") : schedule.venue) + "-" + period_part +
           "-s" + std::to_string(schedule.id) + "." + extension;
}

MailMessage report_mail(const SchedulerSetup& setup, const SavedReport& report,
                        const std::string& bytes, const std::string& summary) {
    const Language lang = report.language;
    const std::string scope = scope_name(*setup.store, report.venue, lang);
    const std::string period = shown_period(report.period);
    MailMessage message;
    message.from = setup.mail_from;
    message.to = report.recipient;
    message.subject = report.cadence == ReportCadence::monthly
                          ? manager_text("report_mail_subject_monthly", lang,
                                         {{"scope", scope}, {"period", period}})
                          : manager_text("report_mail_subject_weekly", lang,
                                         {{"scope", scope}, {"period", period}});
    message.body = manager_text(
        "report_mail_body", lang,
        {{"scope", scope}, {"period", period}, {"file", report.file_name}, {"summary", summary}});
    message.attachment = MailAttachment{report.file_name, report.content_type, bytes};
    return message;
}

// Makes the due reports of every schedule; returns the made ones' summaries by id.
void make_due_reports(const SchedulerSetup& setup, int64_t now, StepResult& result,
                      std::map<int64_t, std::string>& summaries) {
    ReportScheduleStore& schedules = *setup.schedules;
    for (const ReportSchedule& schedule : schedules.schedules("")) {
        const ReportPeriod period = due_period(schedule.cadence, now, setup.utc_offset_min);
        std::string error;
        const ClaimOutcome claim = schedules.claim_run(schedule.id, period.key, now, error);
        if (claim == ClaimOutcome::taken) continue;
        const std::optional<UserRecord> owner = setup.store->find_user(schedule.user);
        std::optional<MadeReport> made;
        if (claim == ClaimOutcome::failed) {
        } else if (!owner) {
            error = "no user " + schedule.user;
        } else {
            made = setup.make_report(ReportJob{schedule, *owner, period, setup.utc_offset_min, now},
                                     error);
        }
        SavedReport saved;
        if (made) {
            saved.schedule_id = schedule.id;
            saved.owner = schedule.user;
            saved.cadence = schedule.cadence;
            saved.venue = schedule.venue;
            saved.period = period.key;
            saved.language = schedule.language;
            saved.file_name = report_file_name(schedule, period.key, made->extension);
            saved.content_type = made->content_type;
            saved.bytes = int64_t(made->bytes.size());
            saved.made_utc_ms = now;
            saved.recipient = schedules.email_of(schedule.user);
            const std::string folder = reports_folder(setup.data_dir);
            if (!make_private_folder(folder, error) ||
                !replace_private_file(folder + "/" + saved.file_name, made->bytes, error) ||
                !schedules.add_saved_report(saved, error))
                made.reset();
        }
        if (!made) {
            log_warning("report schedule " + std::to_string(schedule.id) + " (" + schedule.user +
                        ", " + period.key + ") not made: " + error);
            if (claim == ClaimOutcome::claimed) schedules.release_run(schedule.id, period.key);
            schedules.set_schedule_error(schedule.id, error);
            ++result.make_failures;
            continue;
        }
        schedules.set_schedule_error(schedule.id, "");
        summaries[saved.id] = made->summary;
        log_info("report " + saved.file_name + " made for " + schedule.user);
        ++result.made;
    }
}

void mail_saved_reports(const SchedulerSetup& setup, int64_t now, StepResult& result,
                        const std::map<int64_t, std::string>& summaries) {
    ReportScheduleStore& schedules = *setup.schedules;
    for (const SavedReport& report : schedules.reports_to_mail(now)) {
        std::string error;
        const std::optional<std::string> bytes =
            read_saved_report(setup.data_dir, report.file_name, error);
        const auto summary = summaries.find(report.id);
        if (bytes && setup.send_mail(report_mail(setup, report, *bytes,
                                                 summary == summaries.end() ? "" : summary->second),
                                     error)) {
            schedules.record_mailed(report.id, now);
            ++result.mailed;
            continue;
        }
        log_warning("report " + report.file_name + " not mailed: " + error);
        schedules.record_mail_failure(report.id, error,
                                      next_mail_attempt(now, report.mail_attempts + 1));
        ++result.mail_failures;
    }
}

// Each user's language for alerts: their first schedule's, else Chinese.
std::map<std::string, Language> user_languages(ReportScheduleStore& schedules) {
    std::map<std::string, Language> languages;
    for (const ReportSchedule& schedule : schedules.schedules(""))
        languages.emplace(schedule.user, schedule.language);
    return languages;
}

void mail_alerts(const SchedulerSetup& setup, int64_t now, StepResult& result) {
    ReportScheduleStore& schedules = *setup.schedules;
    std::vector<AlertCondition> conditions;
    try {
        conditions = current_alert_conditions(*setup.store, setup.library, setup.notices, now,
                                              setup.utc_offset_min, setup.silent_alert_days,
                                              setup.notice_receipt_hours);
    } catch (const StoreReadError& error) {
        log_warning(std::string("alerts not checked: ") + error.what());
        return;
    }
    const std::map<std::string, Language> languages = user_languages(schedules);
    std::set<std::string> active;
    const std::vector<UserRecord> users = setup.store->users();
    for (const AlertCondition& condition : conditions) {
        active.insert(condition.key);
        for (const UserRecord& user : users) {
            const bool concerned = user.role == "province_admin" ||
                                   (!condition.venue.empty() && user.role == "venue_manager" &&
                                    user.venue == condition.venue);
            const std::string address = concerned ? schedules.email_of(user.name) : "";
            if (address.empty() || schedules.alert_mailed(condition.key, address)) continue;
            const auto found = languages.find(user.name);
            const Language lang = found == languages.end() ? Language::Zh : found->second;
            MailMessage message{setup.mail_from, address, condition.subject(lang),
                                condition.body(lang), std::nullopt};
            std::string error;
            if (setup.send_mail(message, error)) {
                schedules.record_alert(condition.key, address, now);
                ++result.alerts_mailed;
            } else {
                log_warning("alert " + condition.key + " not mailed: " + error);
                ++result.alert_failures; // tried again at the next step
            }
        }
    }
    schedules.clear_alerts_except(active);
}

} // namespace

std::string reports_folder(const std::string& data_dir) {
    return (std::filesystem::path(data_dir) / "reports").string();
}

std::optional<std::string> read_saved_report(const std::string& data_dir,
                                             const std::string& file_name, std::string& error) {
    const std::string path = reports_folder(data_dir) + "/" + file_name;
    std::ifstream file(path, std::ios::binary);
    std::ostringstream bytes;
    if (file && (bytes << file.rdbuf())) return bytes.str();
    error = path + ": cannot read the saved report";
    return std::nullopt;
}

ReportPeriod due_period(ReportCadence cadence, int64_t now_utc_ms, int32_t utc_offset_min) {
    const std::string today = local_day(now_utc_ms, utc_offset_min);
    if (cadence == ReportCadence::monthly) {
        const std::string month = month_before(today).value_or("0001-01");
        return {month, *month_range(month)};
    }
    using namespace std::chrono;
    const sys_days day = *parse_day(today);
    const sys_days monday = day - (weekday(day) - Monday);
    const DayRange week{format_day(monday - days(7)), format_day(monday - days(1))};
    return {week.from + "/" + week.to, week};
}

int64_t next_mail_attempt(int64_t now_utc_ms, int64_t attempts) {
    int64_t wait = kFirstRetryMs;
    for (int64_t i = 1; i < attempts && wait < kLongestRetryMs; ++i)
        wait *= 2;
    return now_utc_ms + std::min(wait, kLongestRetryMs);
}

StepResult run_due_step(const SchedulerSetup& setup, int64_t now_utc_ms) {
    StepResult result;
    std::map<int64_t, std::string> summaries;
    make_due_reports(setup, now_utc_ms, result, summaries);
    if (!setup.send_mail) return result; // no mail settings: saved, waiting to be mailed
    mail_saved_reports(setup, now_utc_ms, result, summaries);
    mail_alerts(setup, now_utc_ms, result);
    return result;
}

ReportSchedulerThread::ReportSchedulerThread(SchedulerSetup setup, std::function<int64_t()> clock)
    : lease_holder_("scheduler-" + make_random_id()), setup_(std::move(setup)),
      clock_(std::move(clock)) {
    // SIGTERM and SIGINT stay with serve's stop thread (sigwait): the new
    // thread starts with them blocked, as the mask is inherited.
    sigset_t stop_signals, previous;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);
    thread_ = std::thread([this] { run(); });
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

ReportSchedulerThread::~ReportSchedulerThread() {
    stop();
}

void ReportSchedulerThread::wake() {
    std::lock_guard lock(mutex_);
    woken_ = true;
    wakeup_.notify_all();
}

void ReportSchedulerThread::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        wakeup_.notify_all();
    }
    if (thread_.joinable()) {
        thread_.join();
        setup_.schedules->release_scheduler_lease(lease_holder_);
    }
}

void ReportSchedulerThread::run() {
    for (;;) {
        const int64_t now = clock_();
        // Another hub process on this store holds the lease: it runs the step.
        if (setup_.schedules->hold_scheduler_lease(lease_holder_, now, kLeaseMs))
            run_due_step(setup_, now);
        // The next venue midnight, the next retry, or an hour from now (alerts).
        int64_t next = now + kMsPerHour;
        const int64_t day_start =
            (now + int64_t(setup_.utc_offset_min) * 60000) / kMsPerDay * kMsPerDay -
            int64_t(setup_.utc_offset_min) * 60000;
        next = std::min(next, day_start + kMsPerDay);
        const std::vector<SavedReport> waiting = setup_.send_mail
                                                     ? setup_.schedules->reports_to_mail(INT64_MAX)
                                                     : std::vector<SavedReport>{};
        for (const SavedReport& report : waiting)
            next = std::min(next, std::max(report.next_attempt_utc_ms, now + 1000));
        std::unique_lock lock(mutex_);
        wakeup_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(next - now, 1000)),
                         [this] { return stopping_ || woken_; });
        if (stopping_) return;
        woken_ = false;
    }
}

} // namespace kiosk::hub
