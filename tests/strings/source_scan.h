// A small C++ source scanner for tests/strings: splits a source file into its
// code (comments blanked, line numbers kept) and its string literals (plain,
// prefixed and raw), so the tests can find lookups of the managers' words and
// any Chinese literal left in C++. Only a scanner: the compiler does the real
// parsing, and anything it cannot follow gives fewer literals, never a crash.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::test {

struct SourceLiteral {
    int line = 0;      // where the literal starts (1-based)
    std::string text;  // its characters, escapes left as written
    size_t offset = 0; // where its opening quote is in ScannedSource::code
};

struct ScannedSource {
    std::string code; // the file with every comment replaced by spaces
    std::vector<SourceLiteral> literals;
};

ScannedSource scan_source(std::string_view text);

// The 1-based line of `offset` in `text`.
int line_at(std::string_view text, size_t offset);

// True when `text` (UTF-8) holds a CJK ideograph or CJK/full-width punctuation.
bool has_chinese(std::string_view text);

} // namespace kiosk::test
