// The content id and version rules (see content_ids.h).
#include "core/content_ids.h"

#include <algorithm>

namespace kiosk {
namespace {

bool is_id_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

} // namespace

bool is_valid_content_id(std::string_view id) {
    return id.size() >= kMinContentIdLength && id.size() <= kMaxContentIdLength &&
           std::all_of(id.begin(), id.end(), is_id_char);
}

bool is_valid_content_version(std::string_view version) {
    int parts = 1;
    size_t run = 0;
    for (char c : version) {
        if (is_digit(c)) {
            run++;
        } else if (c == '.' && run > 0) {
            parts++;
            run = 0;
        } else {
            return false;
        }
    }
    return parts == 3 && run > 0;
}

bool is_valid_hub_id(std::string_view id) {
    return !id.empty() && id.size() <= kMaxHubIdLength &&
           std::all_of(id.begin(), id.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_';
           });
}

} // namespace kiosk
