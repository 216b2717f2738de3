// Fuzz target: a CAP 1.2 XML alert as `kiosk-hub notice import` reads it
// (hub::parse_cap_alert, libxml2 underneath), then its areas routed
// (hub::route_cap_areas) against a fixed set of venue division codes and area
// routes. Checked: a refusal has a reason; whatever parses is a notice that
// sync::check_notice accepts, with Chinese headline, whose canonical document
// parses back to the same bytes; the routed venues are sorted, unique and
// among the venues offered.
#include "fuzz_support.h"

#include "hub/cap_alert.h"

#include <algorithm>
#include <cstdint>
#include <string>

using namespace kiosk;

namespace {

const std::vector<std::pair<std::string, std::string>> kVenueDivisions = {
    {"lushan-museum", "511826"},
    {"mingshan-center", "511803"},
    {"chengdu-museum", "510104"},
    {"hangzhou-center", "330106"},
    {"bad-code", "51"}};
const std::vector<std::pair<std::string, std::string>> kAreaRoutes = {
    {"四川省雅安市芦山县", "county-bus"}, {"YA-ZONE-3", "mobile-unit"}, {"", "empty-area"}};

void check_routes(const std::vector<hub::CapArea>& areas) {
    const std::vector<std::string> venues =
        hub::route_cap_areas(areas, kVenueDivisions, kAreaRoutes);
    if (!std::is_sorted(venues.begin(), venues.end()) ||
        std::adjacent_find(venues.begin(), venues.end()) != venues.end())
        fuzz::broken("routed venues not sorted and unique");
    for (const std::string& venue : venues) {
        const bool offered =
            std::any_of(kVenueDivisions.begin(), kVenueDivisions.end(),
                        [&](const auto& division) { return division.first == venue; }) ||
            std::any_of(kAreaRoutes.begin(), kAreaRoutes.end(),
                        [&](const auto& route) { return route.second == venue; });
        if (!offered) fuzz::broken("a routed venue that was never offered", venue);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view xml(reinterpret_cast<const char*>(data), size);
    std::string error;
    const std::optional<hub::CapAlert> alert =
        hub::parse_cap_alert(xml, int64_t(24) * 3600 * 1000, error);
    if (!alert) {
        if (error.empty()) fuzz::broken("a refused alert without a reason");
        return 0;
    }
    const sync::Notice& notice = alert->notice;
    const std::string problem = sync::check_notice(notice);
    if (!problem.empty()) fuzz::broken("a parsed alert is not a valid notice", problem);
    if (notice.headline.zh.empty()) fuzz::broken("a parsed alert without a Chinese headline");
    if (!notice.venues.empty()) fuzz::broken("the parser chose venues");
    const std::string document = sync::notice_document(notice);
    const std::optional<sync::Notice> again = sync::parse_notice_document(document, error);
    if (!again) fuzz::broken("a parsed alert's notice document is refused", error);
    if (sync::notice_document(*again) != document)
        fuzz::broken("a parsed alert's notice does not write back to the same document");
    if (!alert->issuer_division.empty() && !hub::division_code_of(alert->issuer_division))
        fuzz::broken("an issuer division that is no division code", alert->issuer_division);
    check_routes(alert->areas);
    return 0;
}
