// Where a hub keeps its data: its data folder (keys, mail settings, saved
// reports, the library's files, and hub.db when the store is SQLite) and,
// optionally, a PostgreSQL database for the store instead of hub.db
// (`--store postgresql://...`, issue 22). Every command that opens a store
// takes one StoreLocation, so `--data` and `--store` travel together.
#pragma once

#include <string>
#include <utility>

namespace kiosk::hub {

// Connections a process keeps to PostgreSQL when --store-connections is not given.
constexpr int kDefaultStoreConnections = 4;
constexpr int kMaxStoreConnections = 64;

struct StoreLocation {
    std::string data_dir; // the hub's data folder (always)
    std::string
        database_url; // "" = SQLite hub.db in data_dir; else postgresql://... or postgres://...
    int connections = kDefaultStoreConnections; // the PostgreSQL pool's size in this process

    StoreLocation() = default;
    // A folder alone is the SQLite store in it. Explicit, so that a folder
    // never silently stands in for a location that named a database.
    explicit StoreLocation(std::string folder) : data_dir(std::move(folder)) {}
    StoreLocation(std::string folder, std::string url)
        : data_dir(std::move(folder)), database_url(std::move(url)) {}

    bool is_postgresql() const { return !database_url.empty(); }
};

// True for a libpq connection URI (postgresql:// or postgres://).
bool is_postgresql_url(const std::string& url);

// The URL with any password replaced by "***", for messages and logs.
std::string url_for_messages(const std::string& url);

// Why `location` cannot be used ("" when it can): a --store that is not a
// PostgreSQL URL, a pool size outside 1..kMaxStoreConnections.
std::string store_location_problem(const StoreLocation& location);

} // namespace kiosk::hub
