// The checks and message form of store_location.h.
#include "store_location.h"

namespace kiosk::hub {

bool is_postgresql_url(const std::string& url) {
    return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

std::string url_for_messages(const std::string& url) {
    // scheme://user:password@host... -> scheme://user:***@host...
    const size_t scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return url;
    const size_t authority = scheme_end + 3;
    const size_t at = url.find('@', authority);
    const size_t slash = url.find('/', authority);
    if (at == std::string::npos || (slash != std::string::npos && slash < at)) return url;
    const size_t colon = url.find(':', authority);
    if (colon == std::string::npos || colon > at) return url;
    return url.substr(0, colon + 1) + "***" + url.substr(at);
}

std::string store_location_problem(const StoreLocation& location) {
    if (location.is_postgresql() && !is_postgresql_url(location.database_url))
        return "--store: expected a PostgreSQL URL (postgresql://USER@HOST:PORT/DATABASE), not \"" +
               url_for_messages(location.database_url) + "\"";
    if (location.connections < 1 || location.connections > kMaxStoreConnections)
        return "--store-connections: expected 1 to " + std::to_string(kMaxStoreConnections) +
               ", not " + std::to_string(location.connections);
    return "";
}

} // namespace kiosk::hub
