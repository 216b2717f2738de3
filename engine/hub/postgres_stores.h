// The PostgreSQL backends of the hub's four stores (issue 22), opened by
// open_stores.cpp when a StoreLocation names a database. They share one
// connection pool per process (pg_pool_for) and one schema, migrated part by
// part (migrate_postgres_part: "hub", "library", "notices", "reports").
// What lives in the data folder stays there (keys, mail settings, the
// library's package files, saved reports' files): hub processes behind one
// database share one data folder (one machine, or one shared mount).
//
// Each store gives exactly the answers its SQLite twin gives for the same
// calls: the test suites run against both (KIOSK_TEST_POSTGRESQL, see
// tests/hub/store_backends.h).
#pragma once

#include "hub_store.h"
#include "library_store.h"
#include "notice_store.h"
#include "report_schedule_store.h"
#include "store_location.h"

#include <memory>
#include <string>
#include <vector>

namespace kiosk::hub {

// Each: null with `error` (the URL's password hidden) when the database
// cannot be reached or has a newer schema than this kiosk-hub.
std::unique_ptr<HubStore> open_postgres_hub_store(const StoreLocation& location,
                                                  std::string& error);
std::unique_ptr<LibraryStore> open_postgres_library_store(const StoreLocation& location,
                                                          std::string& error);
std::unique_ptr<NoticeStore> open_postgres_notice_store(const StoreLocation& location,
                                                        std::string& error);
std::unique_ptr<ReportScheduleStore>
open_postgres_report_schedule_store(const StoreLocation& location, std::string& error);

// Retention of the usage rollups in PostgreSQL: detaches and drops every
// month partition of buckets, venue_totals and province_totals before
// `first_kept_month` (YYYY-MM), naming them in `dropped`. Those months then
// read as empty on every dashboard. False with `error` when it cannot.
bool drop_postgres_usage_before(const StoreLocation& location, const std::string& first_kept_month,
                                std::vector<std::string>& dropped, std::string& error);

} // namespace kiosk::hub
