// JSON string escaping and the event name rule (see json_text.h).
#include "json_text.h"

#include "utf8_text.h"

#include <cstdio>

namespace kiosk {

bool valid_event_name(std::string_view name) {
    if (name.empty() || name.size() > 48) return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'))
            return false;
    return true;
}

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    for (char c : make_valid_utf8(text)) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
                out += escaped;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

} // namespace kiosk
