// The test side of store_backends.h: the Catch2 listener that gives each run
// of a test case its own PostgreSQL schema, and the locations tests open.
#include "store_backends.h"

#include "hub/postgres_connection.h"

#define CATCH_CONFIG_EXTERNAL_INTERFACES // the listener base class
#include <catch2/catch.hpp>
#include <sodium.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
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

std::string current_url; // of this run's first schema (KIOSK_HUB_STORE's default)
// Each hub folder of this run and its schema: the first folder a test uses
// gets current_url, every other folder a schema of its own.
std::map<std::string, std::string> schema_of_folder;

std::string folder_key(const std::string& data_dir) {
    std::error_code ignored;
    return std::filesystem::absolute(data_dir, ignored).lexically_normal().string();
}

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
        schema_of_folder.clear();
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
    const std::string key = folder_key(data_dir);
    auto found = schema_of_folder.find(key);
    if (found == schema_of_folder.end())
        found =
            schema_of_folder.emplace(key, schema_of_folder.empty() ? current_url : new_schema_url())
                .first;
    return hub::StoreLocation(data_dir, found->second);
}

std::string hub_store_environment(const std::string& data_dir) {
    if (!testing_postgresql()) return "";
    return "KIOSK_HUB_STORE='" + test_store(data_dir).database_url + "' ";
}

std::string store_argument(const hub::StoreLocation& location) {
    return location.is_postgresql() ? "--store '" + location.database_url + "' " : "";
}

} // namespace kiosk::test

using KioskPostgresqlSchemaPerRun = kiosk::test::PostgresqlSchemaPerRun;
CATCH_REGISTER_LISTENER(KioskPostgresqlSchemaPerRun)
