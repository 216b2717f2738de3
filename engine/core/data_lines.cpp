// The line map of a Lua data file: just enough of Lua's lexer to find the table
// constructors of the returned table and the source line of every field, which
// Lua itself does not expose. Lua does the real parsing; if this scan gets
// confused the lines are 0 and nothing else changes.
//
// Index of this file:
// [SECTION] Tokenizer: just enough of Lua's lexer to find table constructors and lines
// [SECTION] Line scanner: walks the returned table's constructors over the token list
// [SECTION] The entry point: scan_data_lines

#include "lua_data.h"

#include "lua_lexical_internal.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace kiosk {

using namespace lua_lexical;

//-----------------------------------------------------------------------------
// [SECTION] Tokenizer: just enough of Lua's lexer to find table constructors and lines
//-----------------------------------------------------------------------------

namespace {

enum class TokenKind { Name, String, Number, Symbol, End };

struct Token {
    TokenKind kind = TokenKind::End;
    std::string text; // name, decoded string, number text or symbol
    int line = 0;
};

void append_utf8(std::string& out, uint32_t code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | ((code >> 18) & 0x07));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

int hex_value(char c) {
    if (is_ascii_digit(c)) return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return c - 'A' + 10;
}

class Tokenizer {
public:
    explicit Tokenizer(std::string_view text) : text_(text) {}

    std::vector<Token> run() {
        std::vector<Token> tokens;
        while (!at_end()) {
            char c = peek();
            if (is_newline(c)) {
                skip_newline();
            } else if (c == ' ' || c == '\t' || c == '\f' || c == '\v') {
                pos_++;
            } else if (c == '-' && peek(1) == '-') {
                skip_comment();
            } else {
                tokens.push_back(read_token());
            }
        }
        tokens.push_back(Token{TokenKind::End, "", line_});
        return tokens;
    }

private:
    std::string_view text_;
    size_t pos_ = 0;
    int line_ = 1;

    bool at_end() const { return pos_ >= text_.size(); }
    char peek(size_t ahead = 0) const {
        return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
    }
    static bool is_newline(char c) { return c == '\n' || c == '\r'; }

    // Lua counts "\n", "\r", "\r\n" and "\n\r" as one line break each.
    void skip_newline() {
        char first = text_[pos_++];
        if (!at_end() && is_newline(peek()) && peek() != first) pos_++;
        line_++;
    }

    // At "[": the level of a long bracket "[==[" (number of '='), or -1.
    int long_bracket_level() const {
        size_t i = pos_ + 1;
        while (i < text_.size() && text_[i] == '=')
            i++;
        if (i < text_.size() && text_[i] == '[') return static_cast<int>(i - pos_ - 1);
        return -1;
    }

    // At the opening "[=*[": consumes through the matching close (or the end).
    std::string read_long_bracket(int level) {
        std::string out;
        pos_ += static_cast<size_t>(level) + 2;
        if (!at_end() && is_newline(peek())) skip_newline(); // Lua drops the first newline
        while (!at_end()) {
            char c = peek();
            if (c == ']' && closes_long_bracket(level)) {
                pos_ += static_cast<size_t>(level) + 2;
                break;
            }
            if (is_newline(c)) {
                out += '\n';
                skip_newline();
            } else {
                out += c;
                pos_++;
            }
        }
        return out;
    }

    bool closes_long_bracket(int level) const {
        for (int i = 1; i <= level; i++)
            if (peek(static_cast<size_t>(i)) != '=') return false;
        return peek(static_cast<size_t>(level) + 1) == ']';
    }

    void skip_comment() {
        pos_ += 2;
        if (peek() == '[') {
            int level = long_bracket_level();
            if (level >= 0) {
                read_long_bracket(level);
                return;
            }
        }
        while (!at_end() && !is_newline(peek()))
            pos_++;
    }

    Token read_token() {
        Token token;
        token.line = line_;
        char c = peek();
        if (c == '[' && long_bracket_level() >= 0) {
            token.kind = TokenKind::String;
            token.text = read_long_bracket(long_bracket_level());
        } else if (c == '"' || c == '\'') {
            token.kind = TokenKind::String;
            token.text = read_short_string(c);
        } else if (is_name_start(c)) {
            token.kind = TokenKind::Name;
            size_t start = pos_;
            while (!at_end() && is_name_char(peek()))
                pos_++;
            token.text = std::string(text_.substr(start, pos_ - start));
        } else if (is_ascii_digit(c) || (c == '.' && is_ascii_digit(peek(1)))) {
            token.kind = TokenKind::Number;
            token.text = read_number();
        } else {
            token.kind = TokenKind::Symbol;
            token.text = read_symbol();
        }
        return token;
    }

    std::string read_short_string(char quote) {
        std::string out;
        pos_++;
        while (!at_end()) {
            char c = peek();
            if (c == quote) {
                pos_++;
                break;
            }
            if (is_newline(c)) break; // unfinished string: Lua reports it, we just stop
            if (c == '\\') {
                pos_++;
                read_escape(out);
            } else {
                out += c;
                pos_++;
            }
        }
        return out;
    }

    // After a backslash: decodes one escape into `out` (best effort).
    void read_escape(std::string& out) {
        if (at_end()) return;
        char c = peek();
        switch (c) {
        case 'n':
            out += '\n';
            pos_++;
            return;
        case 't':
            out += '\t';
            pos_++;
            return;
        case 'r':
            out += '\r';
            pos_++;
            return;
        case 'a':
            out += '\a';
            pos_++;
            return;
        case 'b':
            out += '\b';
            pos_++;
            return;
        case 'f':
            out += '\f';
            pos_++;
            return;
        case 'v':
            out += '\v';
            pos_++;
            return;
        case '\n':
        case '\r':
            out += '\n';
            skip_newline();
            return;
        case 'x':
            read_hex_escape(out);
            return;
        case 'u':
            read_unicode_escape(out);
            return;
        case 'z':
            skip_escaped_whitespace();
            return;
        default:
            break;
        }
        if (is_ascii_digit(c)) {
            int value = 0;
            for (int i = 0; i < 3 && is_ascii_digit(peek()); i++)
                value = value * 10 + (text_[pos_++] - '0');
            out += static_cast<char>(value & 0xFF);
            return;
        }
        out += c; // \\ \" \' and anything Lua would reject
        pos_++;
    }

    void read_hex_escape(std::string& out) {
        pos_++;
        int value = 0;
        for (int i = 0; i < 2 && is_ascii_xdigit(peek()); i++)
            value = value * 16 + hex_value(text_[pos_++]);
        out += static_cast<char>(value);
    }

    void read_unicode_escape(std::string& out) {
        pos_++;
        if (peek() != '{') return;
        pos_++;
        uint32_t code = 0;
        while (is_ascii_xdigit(peek())) {
            code = (code << 4) | static_cast<uint32_t>(hex_value(text_[pos_++]));
            code &= 0x7FFFFFFF; // Lua's own limit; also keeps the shift defined
        }
        if (peek() == '}') pos_++;
        append_utf8(out, code);
    }

    void skip_escaped_whitespace() {
        pos_++;
        while (!at_end()) {
            char c = peek();
            if (is_newline(c))
                skip_newline();
            else if (c == ' ' || c == '\t' || c == '\f' || c == '\v')
                pos_++;
            else
                break;
        }
    }

    // Mirrors Lua's read_numeral: digits, '.', exponents with a sign.
    std::string read_number() {
        size_t start = pos_;
        const char* exponent = "Ee";
        if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
            exponent = "Pp";
            pos_ += 2;
        }
        while (!at_end()) {
            char c = peek();
            if (c == exponent[0] || c == exponent[1]) {
                pos_++;
                if (peek() == '+' || peek() == '-') pos_++;
            } else if (is_ascii_xdigit(c) || c == '.') {
                pos_++;
            } else {
                break;
            }
        }
        return std::string(text_.substr(start, pos_ - start));
    }

    std::string read_symbol() {
        static const char* const kLongSymbols[] = {
            "...", "..", "==", "~=", "<=", ">=", "//", "::", "<<", ">>"};
        for (const char* symbol : kLongSymbols) {
            if (text_.substr(pos_).starts_with(symbol)) {
                pos_ += std::strlen(symbol);
                return symbol;
            }
        }
        return std::string(1, text_[pos_++]);
    }
};

//-----------------------------------------------------------------------------
// [SECTION] Line scanner: walks the returned table's constructors over the token list
//-----------------------------------------------------------------------------

constexpr int kMaxScanDepth = 64;

bool is_block_opener(const Token& token) {
    return token.kind == TokenKind::Name && (token.text == "function" || token.text == "if" ||
                                             token.text == "do" || token.text == "repeat");
}

bool is_block_closer(const Token& token) {
    return token.kind == TokenKind::Name && (token.text == "end" || token.text == "until");
}

bool is_open_bracket(const Token& token) {
    return token.kind == TokenKind::Symbol &&
           (token.text == "{" || token.text == "[" || token.text == "(");
}

bool is_close_bracket(const Token& token) {
    return token.kind == TokenKind::Symbol &&
           (token.text == "}" || token.text == "]" || token.text == ")");
}

bool is_keyword(std::string_view name) {
    static const char* const kKeywords[] = {
        "and",      "break",  "do",   "else", "elseif", "end",  "false", "for",
        "function", "goto",   "if",   "in",   "local",  "nil",  "not",   "or",
        "repeat",   "return", "then", "true", "until",  "while"};
    for (const char* keyword : kKeywords)
        if (name == keyword) return true;
    return false;
}

// A `[key]` token as a DataKey, the way Lua would store it.
std::optional<DataKey> key_from_token(const Token& token) {
    if (token.kind == TokenKind::String) return DataKey::named(token.text);
    const std::string& text = token.text;
    bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
    int64_t integer = 0;
    const char* first = text.data() + (hex ? 2 : 0);
    const char* last = text.data() + text.size();
    auto parsed = std::from_chars(first, last, integer, hex ? 16 : 10);
    if (parsed.ec == std::errc() && parsed.ptr == last) return DataKey::at(integer);
    if (hex) return std::nullopt;
    double number = 0.0;
    auto parsed_float = std::from_chars(text.data(), last, number);
    // Lua turns float keys with an integral value (t[2.0]) into integer keys.
    if (parsed_float.ec == std::errc() && parsed_float.ptr == last && std::isfinite(number) &&
        number == std::floor(number) && std::fabs(number) < 9.0e15)
        return DataKey::at(static_cast<int64_t>(number));
    return std::nullopt;
}

class LineScanner {
public:
    LineScanner(const std::vector<Token>& tokens, std::map<std::string, DataLines>& out)
        : tokens_(tokens), out_(out) {}

    void run() {
        std::optional<size_t> root = find_root();
        if (!root) return;
        int line = tokens_[*root].line;
        out_[""] = DataLines{line, line};
        scan_constructor(*root, "", true, 1);
    }

private:
    const std::vector<Token>& tokens_;
    std::map<std::string, DataLines>& out_;

    const Token& token(size_t i) const { return i < tokens_.size() ? tokens_[i] : tokens_.back(); }
    bool is_end(size_t i) const { return token(i).kind == TokenKind::End; }
    bool is_symbol(size_t i, std::string_view symbol) const {
        return token(i).kind == TokenKind::Symbol && token(i).text == symbol;
    }
    bool ends_field(size_t i) const {
        return is_end(i) || is_symbol(i, ",") || is_symbol(i, ";") || is_symbol(i, "}");
    }

    // The "{" after the last `return` outside every block and bracket.
    std::optional<size_t> find_root() const {
        std::optional<size_t> found;
        int depth = 0;
        for (size_t i = 0; !is_end(i); i++) {
            const Token& t = token(i);
            if (is_open_bracket(t) || is_block_opener(t))
                depth++;
            else if (is_close_bracket(t) || is_block_closer(t))
                depth = std::max(0, depth - 1);
            else if (depth == 0 && t.kind == TokenKind::Name && t.text == "return" &&
                     is_symbol(i + 1, "{"))
                found = i + 1;
        }
        return found;
    }

    // From an opening bracket to just past its match (or the end), iteratively.
    size_t skip_balanced(size_t i) const {
        int depth = 0;
        for (; !is_end(i); i++) {
            if (is_open_bracket(token(i)))
                depth++;
            else if (is_close_bracket(token(i)) && --depth <= 0)
                return i + 1;
        }
        return i;
    }

    // From a value's first token to the "," ";" or "}" that ends it.
    size_t skip_expression(size_t i) const {
        int depth = 0;
        for (; !is_end(i); i++) {
            const Token& t = token(i);
            if (depth == 0 && (ends_field(i) || is_close_bracket(t))) return i;
            if (is_open_bracket(t) || is_block_opener(t))
                depth++;
            else if (is_close_bracket(t) || is_block_closer(t))
                depth = std::max(0, depth - 1);
        }
        return i;
    }

    // Reads a field's key (advancing `i` past "=" when there is one);
    // nullopt when the key is an expression the scanner cannot evaluate.
    std::optional<DataKey> read_field_key(size_t& i, int64_t& position) const {
        const Token& t = token(i);
        if (is_symbol(i, "[")) {
            const Token& inner = token(i + 1);
            if ((inner.kind == TokenKind::String || inner.kind == TokenKind::Number) &&
                is_symbol(i + 2, "]") && is_symbol(i + 3, "=")) {
                i += 4;
                return key_from_token(inner);
            }
            i = skip_balanced(i);
            if (is_symbol(i, "=")) i++;
            return std::nullopt;
        }
        if (t.kind == TokenKind::Name && !is_keyword(t.text) && is_symbol(i + 1, "=")) {
            i += 2;
            return DataKey::named(t.text);
        }
        return DataKey::at(++position);
    }

    // `i` is at "{"; returns the index just past the matching "}".
    size_t scan_constructor(size_t i, const std::string& path, bool record, int depth) {
        if (depth > kMaxScanDepth) return skip_balanced(i);
        i++;
        int64_t position = 0;
        while (!is_end(i)) {
            if (is_symbol(i, "}")) return i + 1;
            int field_line = token(i).line;
            std::optional<DataKey> key = read_field_key(i, position);
            std::string child = key ? data_key_path(path, *key) : std::string();
            bool record_child = record && key.has_value();
            if (record_child) out_[child] = DataLines{field_line, token(i).line};
            if (is_symbol(i, "{")) {
                i = scan_constructor(i, child, record_child, depth + 1);
                if (!ends_field(i)) i = skip_expression(i); // `{...}.x` and the like
            } else {
                i = skip_expression(i);
            }
            if (is_symbol(i, ",") || is_symbol(i, ";"))
                i++;
            else if (!is_end(i) && !is_symbol(i, "}"))
                i++; // stray ")" or "]": step over it
        }
        return i;
    }
};

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] The entry point: scan_data_lines
//-----------------------------------------------------------------------------

std::map<std::string, DataLines> scan_data_lines(std::string_view text) {
    std::map<std::string, DataLines> lines;
    std::vector<Token> tokens = Tokenizer(text).run();
    LineScanner(tokens, lines).run();
    return lines;
}

} // namespace kiosk
