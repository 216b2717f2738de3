// Reading a CAP 1.2 XML alert (issue 18, part 1): `kiosk-hub notice import
// FILE.xml`. Parsed with libxml2 (namespace-aware; no network, no entity
// expansion, no DTD loading), the <alert> must be in the namespace
// urn:oasis:names:tc:emergency:cap:1.2. Its <info> blocks (zh-CN and en-US by
// <language>) become one sync::Notice; its <area> blocks (areaDesc and
// geocodes, including the administrative-division codes of China's national
// warning format, GB/T 35965.1) are kept for routing to venues. Pure: the
// caller (notice import) resolves the areas against the store's tables,
// signs and stores.
#pragma once

#include "sync/notice.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::hub {

constexpr const char* kCapNamespace = "urn:oasis:names:tc:emergency:cap:1.2";
constexpr size_t kMaxCapAlertBytes = 1 << 20;

struct CapArea {
    std::string description;                                   // <areaDesc>
    std::vector<std::pair<std::string, std::string>> geocodes; // <valueName>, <value>
};

struct CapAlert {
    sync::Notice notice;            // venues empty: filled by route_cap_areas
    std::vector<CapArea> areas;     // every <area> of every <info>
    std::vector<std::string> notes; // what was defaulted or dropped, for the importer's output
    // The issuing unit's 6-digit administrative-division code when the
    // identifier has GB/T 35965.1's form ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N
    // (ZZZZZZ: GB/T 2260 code, DDD: GB/T 4657 institution, UUU, XX; then the
    // entry time in Beijing time and a sequence digit); "" otherwise. It names
    // where the issuer is, not the area warned: the importer routes by it only
    // when the alert has no <area> at all, and says so.
    std::string issuer_division;
};

// The 6-digit GB/T 2260 code a geocode value carries: 6 digits as they are,
// 9 (township, GB/T 10114) or 12 digits (village; GB/T 35965.1 areas) cut to
// their first 6; nullopt for anything else (names, polygons, codes starting
// with 0 such as the US SAME codes).
std::optional<std::string> division_code_of(std::string_view geocode_value);

// nullopt with `error` naming the element (and the line, from libxml2) and
// what was expected: not XML, another namespace, a missing required element
// (identifier, sender, sent, status, msgType, scope, info/category, event,
// urgency, severity, certainty), a date that is not CAP's
// "YYYY-MM-DDThh:mm:ss+hh:mm", status System/Draft, msgType Ack/Error, an
// Update or Cancel without references, no Chinese <info>, or any field over
// sync/notice.h's limits. A missing <expires> takes `default_lifetime_ms`
// after sent and says so in `notes`.
std::optional<CapAlert> parse_cap_alert(std::string_view xml, int64_t default_lifetime_ms,
                                        std::string& error);

// The venues an alert's areas reach: each geocode whose value is a venue's
// division code or a prefix of it at a whole level (2, 4 or 6 digits of a
// 6-digit code: province, city, county; longer GB/T 35965.1 codes are cut to
// their first 6 digits), and each areaDesc or geocode value the admin mapped
// to a venue. Sorted, without duplicates; empty when nothing matched.
std::vector<std::string> route_cap_areas(
    const std::vector<CapArea>& areas,
    const std::vector<std::pair<std::string, std::string>>& venue_divisions, // venue, code
    const std::vector<std::pair<std::string, std::string>>& area_routes);    // area, venue

} // namespace kiosk::hub
