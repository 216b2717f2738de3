// The naming rules of content, once: a content id ("pendulum-lab") and a
// content version ("1.3.0") as a manifest declares them, and the id the hub
// gives a venue or a kiosk. The manifest loader, the assignment snapshot, the
// emergency notice and the hub's routes all check names with these.
#pragma once

#include <cstddef>
#include <string_view>

namespace kiosk {

constexpr size_t kMinContentIdLength = 3;
constexpr size_t kMaxContentIdLength = 48;

// 3..48 of a-z 0-9 -.
bool is_valid_content_id(std::string_view id);

// MAJOR.MINOR.PATCH: three non-empty runs of ASCII digits.
bool is_valid_content_version(std::string_view version);

// A venue's or a kiosk's id at the hub: 1..64 of A-Z a-z 0-9 - _ (no dot: a
// kiosk token is "KIOSKID.SECRET").
constexpr size_t kMaxHubIdLength = 64;
bool is_valid_hub_id(std::string_view id);

} // namespace kiosk
