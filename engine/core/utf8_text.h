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

} // namespace kiosk
