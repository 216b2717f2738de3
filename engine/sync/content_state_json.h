// The heartbeat's content state as a JSON value, for the sync batch's writer
// and parser (sync_protocol.cpp) and content_snapshot.cpp's own to_json and
// parse_content_state. Internal to engine/sync; throws json_fields::FieldError.
#pragma once

#include "content_snapshot.h"

#include <nlohmann/json.hpp>

#include <string>

namespace kiosk::sync {

nlohmann::ordered_json content_state_value(const ContentState& state);
ContentState parse_content_state_value(const nlohmann::json& value, const std::string& path);

} // namespace kiosk::sync
