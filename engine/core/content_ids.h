// The naming rules of content, once: a content id ("pendulum-lab") and a
// content version ("1.3.0") as a manifest declares them. The manifest loader,
// the assignment snapshot and the hub's routes all check names with these.
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

} // namespace kiosk
