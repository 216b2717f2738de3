// The few SQLite calls every telemetry file repeats: run a statement, read one
// integer or one text value. Errors come back as fallbacks or false; callers
// that must explain a failure read sqlite3_errmsg themselves.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace kiosk::telemetry {

// Runs `sql` (one or more statements); false with `error` (when given) on failure.
bool exec_sql(sqlite3* db, const std::string& sql, std::string* error = nullptr);

// The first column of the first row of `sql`, or `fallback` when there is no
// row, the value is NULL or the statement fails.
int64_t query_int64(sqlite3* db, const char* sql, int64_t fallback = 0);
// The same for text; "" for no row or NULL.
std::string query_text(sqlite3* db, const char* sql);

} // namespace kiosk::telemetry
