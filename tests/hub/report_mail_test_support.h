// The mail tests' hub: a data folder with two venues (county-museum 县博物馆,
// truck 流动科技馆), a province administrator `admin`, the county museum's
// manager `mgr` and the truck's `other`, each with an address, the stores a
// scheduler reads opened on it, and a SchedulerSetup whose report maker
// returns a fixed small PDF-shaped file (counting its calls) and whose mail
// goes to a sink's URL through the real libcurl sender.
#pragma once

#include "core/civil_time.h"
#include "hub/library_store.h"
#include "hub/notice_store.h"
#include "hub/report_schedule_store.h"
#include "hub/report_scheduler.h"
#include "hub/smtp_mail.h"
#include "hub_test_support.h"
#include "store_backends.h"

#include <memory>

namespace kiosk::test {

constexpr const char* kTestPassword = "a long enough password";
constexpr const char* kFakePdf = "%PDF-1.4\n% fixed test report\n1 0 obj << >> endobj\n%%EOF\n";

inline int64_t utc(const char* iso) {
    return *parse_iso_utc_seconds(iso);
}

struct MailHub {
    TempFolder folder;
    std::string data = folder.file("data");
    std::unique_ptr<hub::HubStore> store;
    std::unique_ptr<hub::LibraryStore> library;
    std::unique_ptr<hub::NoticeStore> notices;
    std::unique_ptr<hub::ReportScheduleStore> schedules;
    int reports_made = 0;

    MailHub() {
        require_ok(run_hub_command(folder, "admin add-venue --data " + data +
                                               " --id county-museum --name-zh 县博物馆 --name-en "
                                               "'County Museum' --kind county_museum"));
        require_ok(run_hub_command(folder, "admin add-venue --data " + data +
                                               " --id truck --name-zh 流动科技馆 --name-en "
                                               "'Science Truck' --kind mobile_exhibit"));
        require_ok(run_hub_command(
            folder, "admin add-user --data " + data + " --name admin --role province_admin",
            kTestPassword));
        require_ok(run_hub_command(folder,
                                   "admin add-user --data " + data +
                                       " --name mgr --role venue_manager --venue county-museum",
                                   kTestPassword));
        require_ok(run_hub_command(folder,
                                   "admin add-user --data " + data +
                                       " --name other --role venue_manager --venue truck",
                                   kTestPassword));
        open();
        std::string error;
        REQUIRE(schedules->set_email("admin", "admin@example.org", error));
        REQUIRE(schedules->set_email("mgr", "mgr@example.org", error));
        REQUIRE(schedules->set_email("other", "other@example.org", error));
    }

    // (Re)opens the stores, as a restarted hub does.
    void open() {
        std::string error;
        store = hub::open_hub_store(kiosk::test::test_store(data), error);
        library = hub::open_library_store(kiosk::test::test_store(data), error);
        notices = hub::open_notice_store(kiosk::test::test_store(data), error);
        schedules = hub::open_report_schedule_store(kiosk::test::test_store(data), error);
        INFO(error);
        REQUIRE((store && library && notices && schedules));
    }

    int64_t add_schedule(const std::string& user, hub::ReportCadence cadence,
                         const std::string& venue, Language language = Language::Zh) {
        std::string error;
        const int64_t id =
            schedules->add_schedule({0, user, cadence, venue, language, 0, ""}, error);
        INFO(error);
        REQUIRE(id > 0);
        return id;
    }

    hub::SchedulerSetup setup(const std::string& smtp_url) {
        hub::SchedulerSetup setup;
        setup.store = store.get();
        setup.library = library.get();
        setup.notices = notices.get();
        setup.schedules = schedules.get();
        setup.data_dir = data;
        setup.utc_offset_min = 480;
        setup.mail_from = "kiosk-hub@example.org";
        setup.make_report = [this](const hub::ReportJob& job, std::string&) {
            ++reports_made;
            return std::optional<hub::MadeReport>(hub::MadeReport{
                kFakePdf, "pdf", "application/pdf", "summary of " + job.period.key});
        };
        if (!smtp_url.empty()) {
            const hub::MailConfig config{smtp_url, "kiosk-hub@example.org", "", "",
                                         hub::StartTls::none};
            setup.send_mail = [config](const hub::MailMessage& message, std::string& error) {
                return hub::send_mail(config, message, error);
            };
        }
        return setup;
    }
};

} // namespace kiosk::test
