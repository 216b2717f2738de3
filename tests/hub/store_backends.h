// One test suite, two backends (issue 22, part 2). A hub test run with
// KIOSK_TEST_POSTGRESQL=1 (the "@postgresql" copies of the test executables
// that ctest runs, inside the PostgreSQL server scripts/test.sh makes with
// pg_virtualenv) keeps every hub store in PostgreSQL instead of hub.db:
//
// - each run of a test case (each leaf section) gets a fresh schema of the
//   test server, and KIOSK_HUB_STORE names it, so every kiosk-hub process
//   and command the test starts uses it (they read KIOSK_HUB_STORE as --store);
// - test_store(folder) is the location a test opens stores at in-process:
//   the folder's hub.db normally, a schema per folder under
//   KIOSK_TEST_POSTGRESQL (run_hub_command and HubProcess pass it on).
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

// The store a hub test keeps in `data_dir`: its hub.db normally; under
// KIOSK_TEST_POSTGRESQL the run's schema for the first folder the test uses,
// and a schema of its own for every other folder (a second hub in one test).
hub::StoreLocation test_store(const std::string& data_dir);

// "KIOSK_HUB_STORE='URL' " to put before a kiosk-hub command line working on
// `data_dir`, under KIOSK_TEST_POSTGRESQL; "" otherwise. run_hub_command and
// HubProcess use it, so a test's second hub folder reaches its own schema.
std::string hub_store_environment(const std::string& data_dir);

} // namespace kiosk::test
