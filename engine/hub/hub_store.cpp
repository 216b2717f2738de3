// What every HubStore backend shares: the rules for ids, names, venue kinds
// and roles, and the factory that opens the default backend (SQLite).
#include "hub_store.h"

#include "sqlite_hub_store.h"

#include "core/content_ids.h"

#include <algorithm>

namespace kiosk::hub {
namespace {

bool is_plain_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

} // namespace

bool is_valid_id(const std::string& id) {
    return is_valid_hub_id(id);
}

bool is_valid_user_name(const std::string& name) {
    return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return is_plain_char(c) || c == '.' || c == '@';
    });
}

bool is_venue_kind(const std::string& kind) {
    return kind == "county_museum" || kind == "mobile_exhibit";
}

bool is_user_role(const std::string& role) {
    return role == "province_admin" || role == "venue_manager";
}

std::unique_ptr<HubStore> open_hub_store(const std::string& data_dir, std::string& error) {
    return SqliteHubStore::open(data_dir, error);
}

} // namespace kiosk::hub
