// The heartbeat's notice receipts as a JSON value, for the sync batch's
// writer and parser (sync_protocol.cpp) and notice.cpp's own to_json and
// parse_notice_receipts. Internal to engine/sync; throws
// json_fields::FieldError naming the field by its path.
#pragma once

#include "notice.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace kiosk::sync {

nlohmann::ordered_json notice_receipts_value(const std::vector<NoticeReceipt>& receipts);
std::vector<NoticeReceipt> parse_notice_receipts_value(const nlohmann::json& value,
                                                       const std::string& path);

} // namespace kiosk::sync
