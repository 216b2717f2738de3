// Writing small JSON texts by hand where a JSON library would cost more than
// the text is worth (event fields written at frame rate): string escaping and
// the name rule event and field names follow.
#pragma once

#include <string>
#include <string_view>

namespace kiosk {

// Appends `text` as a JSON string (quoted, escaped, invalid UTF-8 replaced by U+FFFD).
void append_json_string(std::string& out, std::string_view text);

// 1 to 48 characters of a-z, 0-9, _ and . (kiosk.log event and field names).
bool valid_event_name(std::string_view name);

} // namespace kiosk
