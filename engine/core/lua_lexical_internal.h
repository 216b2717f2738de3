// Lua's lexical character classes (ASCII only, as in Lua's own lexer), shared by
// the data loader's key paths and its line scanner. Private to engine/core.
#pragma once

#include <algorithm>
#include <string_view>

namespace kiosk::lua_lexical {

inline bool is_ascii_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}
inline bool is_ascii_xdigit(char c) {
    return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
inline bool is_name_start(char c) {
    return is_ascii_alpha(c) || c == '_';
}
inline bool is_name_char(char c) {
    return is_name_start(c) || is_ascii_digit(c);
}
inline bool is_identifier(std::string_view text) {
    if (text.empty() || !is_name_start(text[0])) return false;
    return std::all_of(text.begin(), text.end(), is_name_char);
}

} // namespace kiosk::lua_lexical
