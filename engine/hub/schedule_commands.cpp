// The scheduled reports' commands (schedule_commands.h).
#include "schedule_commands.h"

#include "core/civil_time.h"
#include "core/manager_text.h"
#include "mail_config.h"
#include "report_makers.h"
#include "smtp_mail.h"

#include <ostream>

namespace kiosk::hub {

int admin_set_email(const StoreLocation& location, const std::string& name,
                    const std::string& email, Language lang, std::ostream& out, std::ostream& err) {
    std::string error;
    std::unique_ptr<ReportScheduleStore> schedules = open_report_schedule_store(location, error);
    if (!schedules || !schedules->set_email(name, email, error)) {
        err << "kiosk-hub admin set-email: " << error << "\n";
        return 1;
    }
    out << (email.empty()
                ? manager_text("reports_cli_email_removed", lang, {{"name", name}})
                : manager_text("reports_cli_email_set", lang, {{"name", name}, {"email", email}}))
        << "\n";
    return 0;
}

std::unique_ptr<SchedulerStores> open_scheduler(const RunDueOptions& options, std::ostream& err) {
    auto stores = std::make_unique<SchedulerStores>();
    std::optional<MailConfig> mail;
    if (!options.mail_config.empty()) {
        std::vector<std::string> errors;
        mail = load_mail_config(options.mail_config, errors);
        if (!mail) {
            for (const std::string& error : errors)
                err << error << "\n";
            return nullptr;
        }
    }
    std::string error;
    if (!(stores->store = open_hub_store(options.store, error)) ||
        !(stores->library = open_library_store(options.store, error)) ||
        !(stores->notices = open_notice_store(options.store, error)) ||
        !(stores->schedules = open_report_schedule_store(options.store, error))) {
        err << "kiosk-hub: " << error << "\n";
        return nullptr;
    }
    SchedulerSetup& setup = stores->setup;
    setup.store = stores->store.get();
    setup.library = stores->library.get();
    setup.notices = stores->notices.get();
    setup.schedules = stores->schedules.get();
    setup.data_dir = options.store.data_dir;
    setup.utc_offset_min = options.utc_offset_min;
    setup.silent_alert_days = options.silent_alert_days;
    setup.notice_receipt_hours = options.notice_receipt_hours;
    setup.make_report = hub_report_maker({setup.store, setup.library, setup.notices,
                                          options.store.data_dir, options.silent_alert_days});
    if (mail) {
        setup.mail_from = mail->from;
        setup.send_mail = [config = *mail](const MailMessage& message, std::string& problem) {
            return send_mail(config, message, problem);
        };
    }
    return stores;
}

int report_run_due(const RunDueOptions& options, std::ostream& out, std::ostream& err) {
    int64_t now = now_utc_ms();
    if (!options.now.empty()) {
        const std::optional<int64_t> parsed = parse_iso_utc_seconds(options.now);
        if (!parsed) {
            err << "kiosk-hub report run-due: --now: expected YYYY-MM-DDTHH:MM:SSZ, got \""
                << options.now << "\"\n";
            return 2;
        }
        now = *parsed;
    }
    std::unique_ptr<SchedulerStores> stores = open_scheduler(options, err);
    if (!stores) return 1;
    const StepResult result = run_due_step(stores->setup, now);
    out << manager_text("reports_cli_run_due", options.lang,
                        {{"made", result.made},
                         {"make_failures", result.make_failures},
                         {"mailed", result.mailed},
                         {"mail_failures", result.mail_failures},
                         {"alerts", result.alerts_mailed},
                         {"alert_failures", result.alert_failures}})
        << "\n";
    return result.make_failures || result.mail_failures || result.alert_failures ? 1 : 0;
}

} // namespace kiosk::hub
