// The test side of store_backends.h: the Catch2 listener that gives each run
// of a test case its own PostgreSQL schema, and the locations tests open.
#include "store_backends.h"

#include "hub/postgres_connection.h"

#define CATCH_CONFIG_EXTERNAL_INTERFACES // the listener base class
#include <catch2/catch.hpp>
#include <sodium.h>

#include <cstdlib>
#include <iostream>
#include <memory>

namespace kiosk::test {
namespace {

// KIOSK_TEST_POSTGRESQL=1: libpq finds the server through PGHOST, PGPORT,
// PGUSER, PGPASSWORD and PGDATABASE (pg_virtualenv sets them).
constexpr const char* kServerUrl = "postgresql://";

std::unique_ptr<hub::PgConnection>& admin_connection() {
    static std::unique_ptr<hub::PgConnection> connection;
    return connection;
}

std::string current_url; // of this run's schema

std::string new_schema_url() {
    unsigned char random[8];
    randombytes_buf(random, sizeof random);
    std::string schema = "t_";
    for (unsigned char byte : random) {
        static const char* digits = "0123456789abcdef";
        schema += digits[byte >> 4];
        schema += digits[byte & 15];
    }
    hub::PgResult made = admin_connection()->run_script("CREATE SCHEMA " + schema);
    if (!made.ok()) {
        std::cerr << "store_backends: cannot make a test schema: " << made.error() << "\n";
        std::exit(1);
    }
    return std::string(kServerUrl) + "?options=-csearch_path%3D" + schema;
}

class PostgresqlSchemaPerRun : public Catch::TestEventListenerBase {
public:
    using TestEventListenerBase::TestEventListenerBase;

    void testRunStarting(Catch::TestRunInfo const&) override {
        if (!testing_postgresql()) return;
        if (sodium_init() < 0) std::exit(1);
        std::string error;
        admin_connection() = hub::PgConnection::open(kServerUrl, error);
        if (!admin_connection()) {
            std::cerr << "\n*** SKIPPED: these are the PostgreSQL copies of the hub tests, and no "
                         "PostgreSQL server answers ("
                      << error
                      << ").\n*** Run the tests through scripts/test.sh, which installs "
                         "PostgreSQL and starts a server for the run with pg_virtualenv.\n\n";
            std::exit(77);
        }
    }
    void sectionStarting(Catch::SectionInfo const& section) override {
        if (depth_++ > 0 || !testing_postgresql()) return;
        (void)section;
        current_url = new_schema_url();
        ::setenv("KIOSK_HUB_STORE", current_url.c_str(), 1);
    }
    void sectionEnded(Catch::SectionStats const&) override { --depth_; }

private:
    int depth_ = 0;
};

} // namespace
} // namespace kiosk::test
namespace kiosk::test {

bool testing_postgresql() {
    const char* flag = std::getenv("KIOSK_TEST_POSTGRESQL");
    return flag && std::string(flag) == "1";
}

hub::StoreLocation test_store(const std::string& data_dir) {
    if (!testing_postgresql()) return hub::StoreLocation(data_dir);
    return hub::StoreLocation(data_dir, current_url);
}

hub::StoreLocation another_test_store(const std::string& data_dir) {
    if (!testing_postgresql()) return hub::StoreLocation(data_dir);
    return hub::StoreLocation(data_dir, new_schema_url());
}

std::string store_argument(const hub::StoreLocation& location) {
    return location.is_postgresql() ? "--store '" + location.database_url + "' " : "";
}

} // namespace kiosk::test

using KioskPostgresqlSchemaPerRun = kiosk::test::PostgresqlSchemaPerRun;
CATCH_REGISTER_LISTENER(KioskPostgresqlSchemaPerRun)
