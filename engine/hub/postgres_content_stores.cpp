// PLACEHOLDER (issue 22): the PostgreSQL library, notice and report-schedule
// stores, built on branch h22-pg-content.
#include "postgres_stores.h"

namespace kiosk::hub {

std::unique_ptr<LibraryStore> open_postgres_library_store(const StoreLocation&,
                                                          std::string& error) {
    error = "the PostgreSQL library store is not built yet";
    return nullptr;
}

std::unique_ptr<NoticeStore> open_postgres_notice_store(const StoreLocation&, std::string& error) {
    error = "the PostgreSQL notice store is not built yet";
    return nullptr;
}

std::unique_ptr<ReportScheduleStore> open_postgres_report_schedule_store(const StoreLocation&,
                                                                         std::string& error) {
    error = "the PostgreSQL report-schedule store is not built yet";
    return nullptr;
}

} // namespace kiosk::hub
