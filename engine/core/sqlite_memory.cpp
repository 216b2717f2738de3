// configure_sqlite_memory: no bulk page-cache allocation per connection
// (SQLITE_CONFIG_PAGECACHE with no buffer and no pages; see sqlite_memory.h).
#include "sqlite_memory.h"

#include <sqlite3.h>

namespace kiosk {

bool configure_sqlite_memory(std::string& error) {
    const int code = sqlite3_config(SQLITE_CONFIG_PAGECACHE, nullptr, 0, 0);
    if (code == SQLITE_OK) return true;
    error = std::string("SQLite memory settings not applied: ") + sqlite3_errstr(code);
    return false;
}

} // namespace kiosk
