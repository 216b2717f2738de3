// One test suite, two backends (issue 22, part 2). A hub test run with
// KIOSK_TEST_POSTGRESQL=1 (the "@postgresql" copies of the test executables
// that ctest runs, inside the PostgreSQL server scripts/test.sh makes with
// pg_virtualenv) keeps every hub store in PostgreSQL instead of hub.db:
//
// - each run of a test case (each leaf section) gets a fresh schema of the
//   test server, and KIOSK_HUB_STORE names it, so every kiosk-hub process
//   and command the test starts uses it (they read KIOSK_HUB_STORE as --store);
// - test_store(folder) is the location a test opens stores at in-process:
//   the folder's hub.db normally, that schema under KIOSK_TEST_POSTGRESQL.
//
// Tests of what only SQLite has (hub.db's file, its migrations, power loss
// inside SQLite) are tagged [sqlite] and left out of the PostgreSQL copy.
// Without a reachable server the PostgreSQL copy exits 77 (ctest: skipped)
// after saying so loudly.
#pragma once

#include "hub/store_location.h"

#include <string>

namespace kiosk::test {

bool testing_postgresql();

// The store a hub test keeps in `data_dir`: see above.
hub::StoreLocation test_store(const std::string& data_dir);

// A second, separate store in the same test (two hubs in one test): a new
// schema under PostgreSQL, the folder's hub.db otherwise. Kiosk-hub processes
// for it must be given the location's URL as --store.
hub::StoreLocation another_test_store(const std::string& data_dir);

// "--store URL " for a command line when `location` is PostgreSQL, "" otherwise.
std::string store_argument(const hub::StoreLocation& location);

} // namespace kiosk::test
