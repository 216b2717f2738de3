// Test helper for the sign-in state kept in a store (web_session_store.h):
// opens the WebSessionStore of a test's data folder on the test's backend
// (hub.db, or the run's PostgreSQL schema: store_backends.h). Each call opens
// a separate store object, as a second hub process would. And the tables read
// or changed directly, as someone with the database's file or a SQL shell
// would.
#pragma once

#include "store_backends.h"

#include "hub/postgres_connection.h"
#include "hub/web_session_store.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <memory>
#include <string>
#include <vector>

namespace kiosk::test {

inline std::unique_ptr<hub::WebSessionStore> open_test_web_sessions(const std::string& data_dir) {
    std::string error;
    std::unique_ptr<hub::WebSessionStore> store =
        hub::open_web_session_store(test_store(data_dir), error);
    INFO(error);
    REQUIRE(store);
    return store;
}

// The first column of every row `sql` returns (tests join columns with ||),
// read directly from the backend of `data_dir`'s test store; `sql` may also
// change rows (then it returns none).
inline std::vector<std::string> store_sql_rows(const std::string& data_dir,
                                               const std::string& sql) {
    std::vector<std::string> rows;
    const hub::StoreLocation location = test_store(data_dir);
    if (location.is_postgresql()) {
        std::string error;
        const auto connection = hub::PgConnection::open(location.database_url, error);
        INFO(error);
        REQUIRE(connection);
        const hub::PgResult result = connection->run_script(sql);
        INFO(result.error());
        REQUIRE(result.ok());
        for (int row = 0; row < result.rows(); ++row)
            rows.push_back(result.text(row, 0));
        return rows;
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((data_dir + "/hub.db").c_str(), &db) == SQLITE_OK);
    sqlite3_busy_timeout(db, 10000);
    char* message = nullptr;
    const int status = sqlite3_exec(
        db, sql.c_str(),
        [](void* out, int, char** values, char**) {
            static_cast<std::vector<std::string>*>(out)->push_back(values[0] ? values[0] : "");
            return 0;
        },
        &rows, &message);
    INFO((message ? message : ""));
    sqlite3_free(message);
    sqlite3_close(db);
    REQUIRE(status == SQLITE_OK);
    return rows;
}

} // namespace kiosk::test
