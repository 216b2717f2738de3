// The store factories (the four stores and the web sessions' store): a
// StoreLocation with a database URL opens the PostgreSQL backend
// (postgres_stores.h, web_session_store.h), one without opens hub.db in the
// data folder (sqlite_hub_store.h). The only place that chooses a backend.
#include "hub_store.h"
#include "library_store.h"
#include "notice_store.h"
#include "postgres_stores.h"
#include "report_schedule_store.h"
#include "sqlite_hub_store.h"

#include "core/private_files.h"
#include "web_session_store.h"

namespace kiosk::hub {

std::unique_ptr<HubStore> open_hub_store(const StoreLocation& location, std::string& error) {
    if ((error = store_location_problem(location)) != "") return nullptr;
    // The data folder is the hub's with either backend (keys, mail settings,
    // the library's files): made private here as the SQLite store makes it.
    if (location.is_postgresql())
        return make_private_folder(location.data_dir, error)
                   ? open_postgres_hub_store(location, error)
                   : nullptr;
    return SqliteHubStore::open(location.data_dir, error);
}

std::unique_ptr<LibraryStore> open_library_store(const StoreLocation& location,
                                                 std::string& error) {
    if ((error = store_location_problem(location)) != "") return nullptr;
    if (location.is_postgresql()) return open_postgres_library_store(location, error);
    return open_sqlite_library_store(location.data_dir, error);
}

std::unique_ptr<NoticeStore> open_notice_store(const StoreLocation& location, std::string& error) {
    if ((error = store_location_problem(location)) != "") return nullptr;
    if (location.is_postgresql()) return open_postgres_notice_store(location, error);
    return open_sqlite_notice_store(location.data_dir, error);
}

std::unique_ptr<ReportScheduleStore> open_report_schedule_store(const StoreLocation& location,
                                                                std::string& error) {
    if ((error = store_location_problem(location)) != "") return nullptr;
    if (location.is_postgresql()) return open_postgres_report_schedule_store(location, error);
    return open_sqlite_report_schedule_store(location.data_dir, error);
}

std::unique_ptr<WebSessionStore> open_web_session_store(const StoreLocation& location,
                                                        std::string& error) {
    if ((error = store_location_problem(location)) != "") return nullptr;
    if (location.is_postgresql()) return open_postgres_web_session_store(location, error);
    return open_sqlite_web_session_store(location.data_dir, error);
}

} // namespace kiosk::hub
