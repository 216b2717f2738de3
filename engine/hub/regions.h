// Regions (issue 22): a province, city or county of the hub's venues, named
// by an administrative-division code prefix (GB/T 2260): 2 digits a province
// ("33" Zhejiang), 4 a city or prefecture ("3301"), 6 a county ("330106").
// A venue is in a region when the division code it was given with
// `kiosk-hub admin set-division` starts with the region's code. This file
// owns the region's rules: checking a code, the venues of a region (from
// NoticeStore::venue_divisions) and the regions a dashboard may offer.
// Callers check access (a region is every venue's business: province
// administrators only).
#pragma once

#include "hub_store.h"

#include <string>
#include <utility>
#include <vector>

namespace kiosk::hub {

class NoticeStore;

using VenueDivisions = std::vector<std::pair<std::string, std::string>>; // venue, code

// Whether `region` is 2, 4 or 6 digits.
bool is_region_code(const std::string& region);

// The venues whose division code starts with `region`, by id.
std::vector<std::string> venues_in_region(const VenueDivisions& divisions,
                                          const std::string& region);

// The provinces (2 digits) and cities (4 digits) some venue's code lies in,
// in code order (a province before its cities).
std::vector<std::string> region_choices(const VenueDivisions& divisions);

// What QueryScope::venues holds for a region of these venues: the venues,
// or {""} (no venue's id) when it has none, so the region reads nothing
// rather than every venue.
std::vector<std::string> region_scope_venues(std::vector<std::string> venues);

// Every venue's division code from `notices` (none when it is null).
VenueDivisions venue_divisions_of(NoticeStore* notices);

} // namespace kiosk::hub
