// UTF-8 helpers: decoding one character, and making any byte string valid
// UTF-8 (every invalid sequence becomes U+FFFD) before it is shown or stored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk {

// Decodes one UTF-8 character at `text[pos]`, advancing `pos`; returns
// U+FFFD for an invalid or truncated sequence (advancing one byte).
uint32_t decode_utf8(std::string_view text, size_t& pos);

void append_utf8(std::string& out, uint32_t codepoint);

// `text` with each invalid byte sequence replaced by U+FFFD.
std::string make_valid_utf8(std::string_view text);

// The longest prefix of `text` (valid UTF-8) that is at most `max_bytes`
// long and ends at a character boundary.
std::string_view utf8_prefix(std::string_view text, size_t max_bytes);

// Whether `c` is a control character (U+0000..U+001F or U+007F) other than
// tab, line feed and carriage return: never shown, never written into a page.
inline bool is_hidden_control(char c) {
    return (c >= 0 && c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
}

// `text` made valid UTF-8, with each hidden control character (NUL included)
// replaced by U+FFFD: for text from outside (a kiosk's titles) that a page shows.
std::string make_showable_text(std::string_view text);

} // namespace kiosk
