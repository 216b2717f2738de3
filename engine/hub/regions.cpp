// Regions: codes, their venues and the choices offered (see regions.h).
#include "regions.h"

#include "notice_store.h"

#include <algorithm>
#include <set>

namespace kiosk::hub {

bool is_region_code(const std::string& region) {
    return (region.size() == 2 || region.size() == 4 || region.size() == 6) &&
           region.find_first_not_of("0123456789") == std::string::npos;
}

std::vector<std::string> venues_in_region(const VenueDivisions& divisions,
                                          const std::string& region) {
    std::vector<std::string> venues;
    if (!is_region_code(region)) return venues;
    for (const auto& [venue, code] : divisions)
        if (code.size() >= region.size() && code.compare(0, region.size(), region) == 0)
            venues.push_back(venue);
    std::sort(venues.begin(), venues.end());
    return venues;
}

std::vector<std::string> region_choices(const VenueDivisions& divisions) {
    std::set<std::string> regions;
    for (const auto& [venue, code] : divisions)
        for (size_t digits : {size_t(2), size_t(4)})
            if (code.size() >= digits && is_region_code(code.substr(0, digits)))
                regions.insert(code.substr(0, digits));
    return {regions.begin(), regions.end()};
}

std::vector<std::string> region_scope_venues(std::vector<std::string> venues) {
    if (venues.empty()) venues.push_back("");
    return venues;
}

VenueDivisions venue_divisions_of(NoticeStore* notices) {
    return notices ? notices->venue_divisions() : VenueDivisions{};
}

} // namespace kiosk::hub
