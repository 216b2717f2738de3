// What every HubStore backend shares: the rules for ids, names, venue kinds,
// roles and opening hours (the factories are in open_stores.cpp).
#include "hub_store.h"

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

std::string opening_hours_problem(const OpeningHours& hours) {
    if (hours.open_minute < 0 || hours.open_minute > 1439)
        return "the opening time must be 00:00 to 23:59";
    if (hours.close_minute > 1440) return "the closing time must be 24:00 at the latest";
    if (hours.close_minute < hours.open_minute + 60)
        return "the venue must close at least an hour after it opens";
    if (hours.closed_weekdays > 0x7e) // 0x7f would be closed every day
        return hours.closed_weekdays == 0x7f ? "a venue cannot be closed every day of the week"
                                             : "closed weekdays: expected bits 0 (Monday) .. 6";
    return "";
}

} // namespace kiosk::hub
