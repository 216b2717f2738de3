// The C++ source scanner of tests/strings (see source_scan.h).
#include "source_scan.h"

#include <algorithm>
#include <cctype>

namespace kiosk::test {
namespace {

bool starts_raw_string(std::string_view text, size_t at) {
    // R"  u8R"  uR"  UR"  LR"  — the R directly before the quote, not part of a longer name.
    if (at + 1 >= text.size() || text[at] != 'R' || text[at + 1] != '"') return false;
    size_t start = at;
    while (start > 0 &&
           (std::isalnum(static_cast<unsigned char>(text[start - 1])) || text[start - 1] == '_'))
        --start;
    const std::string_view prefix = text.substr(start, at - start);
    return prefix.empty() || prefix == "u8" || prefix == "u" || prefix == "U" || prefix == "L";
}

} // namespace

ScannedSource scan_source(std::string_view text) {
    ScannedSource out;
    out.code.assign(text);
    int line = 1;
    size_t at = 0;
    const auto blank = [&](size_t from, size_t to) {
        for (size_t i = from; i < to && i < out.code.size(); ++i)
            if (out.code[i] != '\n') out.code[i] = ' ';
    };
    while (at < text.size()) {
        const char c = text[at];
        if (c == '\n') {
            ++line;
            ++at;
        } else if (text.substr(at, 2) == "//") {
            const size_t end = std::min(text.find('\n', at), text.size());
            blank(at, end);
            at = end;
        } else if (text.substr(at, 2) == "/*") {
            size_t end = text.find("*/", at + 2);
            end = end == std::string_view::npos ? text.size() : end + 2;
            line += int(std::count(text.begin() + at, text.begin() + end, '\n'));
            blank(at, end);
            at = end;
        } else if (starts_raw_string(text, at)) {
            const size_t open = text.find('(', at + 2);
            if (open == std::string_view::npos) break;
            const std::string close = ")" + std::string(text.substr(at + 2, open - at - 2)) + "\"";
            size_t end = text.find(close, open + 1);
            if (end == std::string_view::npos) end = text.size();
            out.literals.push_back(
                {line, std::string(text.substr(open + 1, end - open - 1)), at + 1});
            line += int(std::count(text.begin() + at, text.begin() + end, '\n'));
            at = std::min(end + close.size(), text.size());
        } else if (c == '\'' && at > 0 && std::isxdigit(static_cast<unsigned char>(text[at - 1]))) {
            ++at; // a digit separator: 86'400'000
        } else if (c == '"' || c == '\'') {
            const size_t open = at;
            ++at;
            while (at < text.size() && text[at] != c && text[at] != '\n') {
                if (text[at] == '\\') ++at;
                ++at;
            }
            if (c == '"')
                out.literals.push_back(
                    {line, std::string(text.substr(open + 1, at - open - 1)), open});
            ++at;
        } else {
            ++at;
        }
    }
    return out;
}

int line_at(std::string_view text, size_t offset) {
    return 1 + int(std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n'));
}

bool has_chinese(std::string_view text) {
    for (size_t i = 0; i < text.size();) {
        const unsigned char lead = static_cast<unsigned char>(text[i]);
        char32_t code = lead;
        size_t length = 1;
        if (lead >= 0xF0) {
            code = lead & 0x07;
            length = 4;
        } else if (lead >= 0xE0) {
            code = lead & 0x0F;
            length = 3;
        } else if (lead >= 0xC0) {
            code = lead & 0x1F;
            length = 2;
        }
        for (size_t k = 1; k < length && i + k < text.size(); ++k)
            code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        i += length;
        if ((code >= 0x3000 && code <= 0x303F) || (code >= 0x3400 && code <= 0x4DBF) ||
            (code >= 0x4E00 && code <= 0x9FFF) || (code >= 0xFF00 && code <= 0xFFEF))
            return true;
    }
    return false;
}

} // namespace kiosk::test
