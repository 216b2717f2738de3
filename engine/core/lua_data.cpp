// Lua data file loading: a sandboxed lua_State per file (capped allocator, count
// hook, no libraries, empty _ENV, text chunks only), conversion of the returned
// table into DataValue, and a small tokenizer that recovers the source line of
// every field, which Lua does not expose.
#include "lua_data.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <utility>

#include <lua.hpp>

namespace kiosk {

//-----------------------------------------------------------------------------
// Value tree
//-----------------------------------------------------------------------------

const char* data_kind_name(DataKind kind) {
    switch (kind) {
    case DataKind::Nil:
        return "nil";
    case DataKind::Boolean:
        return "boolean";
    case DataKind::Number:
        return "number";
    case DataKind::String:
        return "string";
    case DataKind::Table:
        return "table";
    }
    return "?";
}

DataKey DataKey::named(std::string key_name) {
    DataKey key;
    key.name = std::move(key_name);
    return key;
}

DataKey DataKey::at(int64_t key_index) {
    DataKey key;
    key.is_index = true;
    key.index = key_index;
    return key;
}

const DataField* DataValue::find(std::string_view key_name) const {
    for (const DataField& field : fields)
        if (!field.key.is_index && field.key.name == key_name) return &field;
    return nullptr;
}

const DataField* DataValue::find(int64_t key_index) const {
    for (const DataField& field : fields)
        if (field.key.is_index && field.key.index == key_index) return &field;
    return nullptr;
}

namespace {

bool is_ascii_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_ascii_xdigit(char c) {
    return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_name_start(char c) {
    return is_ascii_alpha(c) || c == '_';
}
bool is_name_char(char c) {
    return is_name_start(c) || is_ascii_digit(c);
}

bool is_identifier(std::string_view text) {
    if (text.empty() || !is_name_start(text[0])) return false;
    return std::all_of(text.begin(), text.end(), is_name_char);
}

} // namespace

std::string data_key_path(std::string_view parent, const DataKey& key) {
    std::string path(parent);
    if (key.is_index) {
        path += '[';
        path += std::to_string(key.index);
        path += ']';
    } else if (is_identifier(key.name)) {
        if (!path.empty()) path += '.';
        path += key.name;
    } else {
        path += "[\"";
        path += key.name;
        path += "\"]";
    }
    return path;
}

//-----------------------------------------------------------------------------
// Tokenizer: just enough of Lua's lexer to find table constructors and lines
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
        static const char* const k_long_symbols[] = {
            "...", "..", "==", "~=", "<=", ">=", "//", "::", "<<", ">>"};
        for (const char* symbol : k_long_symbols) {
            if (text_.substr(pos_).starts_with(symbol)) {
                pos_ += std::strlen(symbol);
                return symbol;
            }
        }
        return std::string(1, text_[pos_++]);
    }
};

//-----------------------------------------------------------------------------
// Line scanner: walks the returned table's constructors over the token list
//-----------------------------------------------------------------------------

constexpr int k_max_scan_depth = 64;

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
    static const char* const k_keywords[] = {
        "and",      "break",  "do",   "else", "elseif", "end",  "false", "for",
        "function", "goto",   "if",   "in",   "local",  "nil",  "not",   "or",
        "repeat",   "return", "then", "true", "until",  "while"};
    for (const char* keyword : k_keywords)
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
        if (depth > k_max_scan_depth) return skip_balanced(i);
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

std::map<std::string, DataLines> scan_data_lines(std::string_view text) {
    std::map<std::string, DataLines> lines;
    std::vector<Token> tokens = Tokenizer(text).run();
    LineScanner(tokens, lines).run();
    return lines;
}

//-----------------------------------------------------------------------------
// Sandbox: capped allocator and instruction hook
//-----------------------------------------------------------------------------

namespace {

// Chunk name given to Lua; replaced by the real name in messages, because Lua
// cuts long chunk names ("...ong/path.lua:3:") and curators need the whole path.
constexpr const char* k_lua_chunk_name = "=@";
constexpr std::string_view k_lua_message_prefix = "@:";

struct Sandbox {
    size_t memory_used = 0;
    size_t memory_limit = 0;
    int64_t instructions_run = 0;
    int64_t instruction_limit = 0;
    int hook_every = 1000;
    const char* chunk_name = "";
};

void* sandbox_alloc(void* user_data, void* block, size_t old_size, size_t new_size) {
    auto* sandbox = static_cast<Sandbox*>(user_data);
    size_t current = block ? old_size : 0; // for a new block, old_size is a type tag
    if (new_size == 0) {
        sandbox->memory_used -= current;
        std::free(block);
        return nullptr;
    }
    if (new_size > current && new_size - current > sandbox->memory_limit - sandbox->memory_used)
        return nullptr; // Lua turns this into a memory error
    void* resized = std::realloc(block, new_size);
    if (!resized) return nullptr;
    sandbox->memory_used = sandbox->memory_used - current + new_size;
    return resized;
}

// Raises the "took too long" error; only trivially destructible locals here,
// because lua_error jumps over this frame.
void sandbox_count_hook(lua_State* L, lua_Debug* debug) {
    void* user_data = nullptr;
    lua_getallocf(L, &user_data);
    auto* sandbox = static_cast<Sandbox*>(user_data);
    sandbox->instructions_run += sandbox->hook_every;
    if (sandbox->instructions_run <= sandbox->instruction_limit) return;
    lua_getinfo(L, "l", debug);
    auto limit = static_cast<lua_Integer>(sandbox->instruction_limit);
    if (debug->currentline > 0)
        lua_pushfstring(L, "%s:%d: took too long (more than %I instructions)", sandbox->chunk_name,
                        debug->currentline, limit);
    else
        lua_pushfstring(L, "%s: took too long (more than %I instructions)", sandbox->chunk_name,
                        limit);
    lua_error(L);
}

// Runs the loaded chunk (index 1) with an empty table as its _ENV.
int run_chunk_in_empty_env(lua_State* L) {
    lua_newtable(L);
    if (!lua_setupvalue(L, 1, 1)) lua_pop(L, 1);
    lua_call(L, 0, LUA_MULTRET);
    return lua_gettop(L);
}

struct LuaStateCloser {
    void operator()(lua_State* L) const { lua_close(L); }
};
using LuaStatePtr = std::unique_ptr<lua_State, LuaStateCloser>;

std::string located(const std::string& chunk_name, int line, std::string_view message) {
    std::string out = chunk_name;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
    out += message;
    return out;
}

std::string describe_size(size_t bytes) {
    constexpr size_t mib = 1024 * 1024;
    if (bytes >= mib && bytes % mib == 0) return std::to_string(bytes / mib) + " MiB";
    return std::to_string(bytes) + " bytes";
}

// Lua's message with the stand-in chunk name replaced by the real one.
std::string lua_message(lua_State* L, const std::string& chunk_name) {
    // lua_tostring would convert a number in place, which can allocate: strings only.
    std::string message =
        lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "error (not a string)";
    if (message.starts_with(k_lua_message_prefix))
        return chunk_name + ":" + message.substr(k_lua_message_prefix.size());
    if (message.starts_with(chunk_name + ":")) return message; // from our hook
    return chunk_name + ": " + message;
}

std::string runtime_error_message(lua_State* L, int status, const std::string& chunk_name,
                                  const DataLimits& limits) {
    if (status == LUA_ERRMEM)
        return chunk_name + ": uses too much memory (more than " +
               describe_size(limits.memory_bytes) + ")";
    std::string message = lua_message(L, chunk_name);
    if (message.find("(global '") != std::string::npos)
        message += " (data files run without Lua's libraries or globals)";
    return message;
}

//-----------------------------------------------------------------------------
// Conversion from the Lua stack to DataValue
//-----------------------------------------------------------------------------

constexpr size_t k_max_conversion_errors = 20;

struct LocatedError {
    int line = 0;
    std::string message;
};

// Uses only Lua API calls that never raise errors (no allocation except the
// checked lua_checkstack), so it runs unprotected alongside C++ objects.
class Converter {
public:
    Converter(lua_State* L, const std::map<std::string, DataLines>& lines,
              const std::string& chunk_name, int max_depth)
        : L_(L), lines_(lines), chunk_name_(chunk_name), max_depth_(max_depth) {}

    DataValue convert_root(int index) {
        DataValue root;
        convert_value(index, "", 1, root);
        root.line = lines_for("").value_line;
        return root;
    }

    std::vector<std::string> take_errors() {
        std::stable_sort(errors_.begin(), errors_.end(),
                         [](const LocatedError& a, const LocatedError& b) {
                             return sort_line(a.line) < sort_line(b.line);
                         });
        std::vector<std::string> out;
        for (LocatedError& error : errors_)
            out.push_back(std::move(error.message));
        if (dropped_errors_ > 0)
            out.push_back(chunk_name_ + ": ... and " + std::to_string(dropped_errors_) +
                          " more errors");
        return out;
    }

private:
    lua_State* L_;
    const std::map<std::string, DataLines>& lines_;
    const std::string& chunk_name_;
    int max_depth_;
    std::vector<const void*> open_tables_; // ancestors of the current table, for cycles
    std::vector<LocatedError> errors_;
    size_t dropped_errors_ = 0;

    static int sort_line(int line) { return line > 0 ? line : INT_MAX; }

    DataLines lines_for(const std::string& path) const {
        auto found = lines_.find(path);
        return found == lines_.end() ? DataLines{} : found->second;
    }

    void report(const std::string& path, std::string_view message) {
        if (errors_.size() >= k_max_conversion_errors) {
            dropped_errors_++;
            return;
        }
        int line = lines_for(path).field_line;
        std::string text = path.empty() ? std::string(message) : path + ": " + std::string(message);
        errors_.push_back(LocatedError{line, located(chunk_name_, line, text)});
    }

    void convert_value(int index, const std::string& path, int depth, DataValue& out) {
        switch (lua_type(L_, index)) {
        case LUA_TNIL:
            out.kind = DataKind::Nil;
            return;
        case LUA_TBOOLEAN:
            out.kind = DataKind::Boolean;
            out.boolean = lua_toboolean(L_, index) != 0;
            return;
        case LUA_TNUMBER:
            convert_number(index, out);
            return;
        case LUA_TSTRING: {
            out.kind = DataKind::String;
            size_t length = 0;
            const char* bytes = lua_tolstring(L_, index, &length);
            out.string.assign(bytes, length);
            return;
        }
        case LUA_TTABLE:
            convert_table(index, path, depth, out);
            return;
        case LUA_TFUNCTION:
            report(path, "functions are not allowed in data files");
            return;
        case LUA_TTHREAD:
            report(path, "coroutines are not allowed in data files");
            return;
        default:
            report(path, "userdata values are not allowed in data files");
            return;
        }
    }

    void convert_number(int index, DataValue& out) {
        out.kind = DataKind::Number;
        if (lua_isinteger(L_, index)) {
            out.is_integer = true;
            out.integer = lua_tointeger(L_, index);
            out.number = static_cast<double>(out.integer);
        } else {
            out.number = lua_tonumber(L_, index);
        }
    }

    // The key at `index` (never converted in place: that would confuse lua_next).
    std::optional<DataKey> read_key(int index, const std::string& table_path) {
        int type = lua_type(L_, index);
        if (type == LUA_TSTRING) {
            size_t length = 0;
            const char* bytes = lua_tolstring(L_, index, &length);
            return DataKey::named(std::string(bytes, length));
        }
        if (type == LUA_TNUMBER && lua_isinteger(L_, index))
            return DataKey::at(lua_tointeger(L_, index));
        std::string what = type == LUA_TNUMBER ? "a fractional number"
                                               : std::string("a ") + lua_typename(L_, type);
        report(table_path, "keys must be names or whole numbers, found " + what + " as a key");
        return std::nullopt;
    }

    void convert_table(int index, const std::string& path, int depth, DataValue& out) {
        out.kind = DataKind::Table;
        if (depth > max_depth_) {
            report(path, "tables are nested too deeply (more than " + std::to_string(max_depth_) +
                             " levels)");
            return;
        }
        const void* identity = lua_topointer(L_, index);
        if (std::find(open_tables_.begin(), open_tables_.end(), identity) != open_tables_.end()) {
            report(path, "this table contains itself; data must be a tree");
            return;
        }
        if (!lua_checkstack(L_, 4)) {
            report(path, "tables are nested too deeply");
            return;
        }
        open_tables_.push_back(identity);
        lua_pushnil(L_);
        while (lua_next(L_, index) != 0) {
            convert_field(lua_gettop(L_) - 1, path, depth, out);
            lua_pop(L_, 1);
        }
        open_tables_.pop_back();
        sort_fields(out.fields);
    }

    void convert_field(int key_index, const std::string& table_path, int depth, DataValue& table) {
        std::optional<DataKey> key = read_key(key_index, table_path);
        if (!key) return;
        DataField field;
        field.key = std::move(*key);
        std::string path = data_key_path(table_path, field.key);
        DataLines lines = lines_for(path);
        field.line = lines.field_line;
        convert_value(key_index + 1, path, depth + 1, field.value);
        field.value.line = lines.value_line;
        table.fields.push_back(std::move(field));
    }

    static void sort_fields(std::vector<DataField>& fields) {
        std::sort(fields.begin(), fields.end(), [](const DataField& a, const DataField& b) {
            if (sort_line(a.line) != sort_line(b.line))
                return sort_line(a.line) < sort_line(b.line);
            if (a.key.is_index != b.key.is_index) return a.key.is_index;
            if (a.key.is_index) return a.key.index < b.key.index;
            return a.key.name < b.key.name;
        });
    }
};

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

DataLoadResult failure(std::string message) {
    DataLoadResult result;
    result.errors.push_back(std::move(message));
    return result;
}

std::string returned_type_name(lua_State* L, int index) {
    return lua_typename(L, lua_type(L, index));
}

} // namespace

//-----------------------------------------------------------------------------
// Loading
//-----------------------------------------------------------------------------

DataLoadResult load_lua_data_string(std::string_view text, const std::string& chunk_name,
                                    const DataLimits& limits) {
    if (text.starts_with(k_utf8_bom))
        text.remove_prefix(k_utf8_bom.size()); // Windows editors add one
    if (text.size() > limits.memory_bytes)
        return failure(chunk_name + ": file is too large (" + std::to_string(text.size()) +
                       " bytes; the limit is " + describe_size(limits.memory_bytes) + ")");
    if (!text.empty() && text[0] == LUA_SIGNATURE[0])
        return failure(chunk_name +
                       ": this is compiled Lua bytecode; data files must be Lua source text");

    Sandbox sandbox;
    sandbox.memory_limit = limits.memory_bytes;
    sandbox.instruction_limit = std::max<int64_t>(1, limits.instructions);
    sandbox.hook_every = static_cast<int>(std::min<int64_t>(1000, sandbox.instruction_limit));
    sandbox.chunk_name = chunk_name.c_str();
    LuaStatePtr state(lua_newstate(sandbox_alloc, &sandbox));
    if (!state) return failure(chunk_name + ": cannot create a Lua state (memory limit too small)");
    lua_State* L = state.get();

    int status = luaL_loadbufferx(L, text.data(), text.size(), k_lua_chunk_name, "t");
    if (status == LUA_ERRMEM) return failure(runtime_error_message(L, status, chunk_name, limits));
    if (status != LUA_OK) return failure(lua_message(L, chunk_name));

    lua_sethook(L, sandbox_count_hook, LUA_MASKCOUNT, sandbox.hook_every);
    lua_pushcfunction(L, run_chunk_in_empty_env);
    lua_insert(L, 1);
    status = lua_pcall(L, 1, LUA_MULTRET, 0);
    lua_sethook(L, nullptr, 0, 0);
    if (status != LUA_OK) return failure(runtime_error_message(L, status, chunk_name, limits));

    int returned = lua_gettop(L);
    if (returned == 0)
        return failure(chunk_name + ": expected the file to return a table, got nothing");
    if (returned > 1)
        return failure(chunk_name + ": expected the file to return one table, got " +
                       std::to_string(returned) + " values");
    if (!lua_istable(L, 1))
        return failure(chunk_name + ": expected the file to return a table, got " +
                       returned_type_name(L, 1));

    std::map<std::string, DataLines> lines = scan_data_lines(text);
    Converter converter(L, lines, chunk_name, limits.max_depth);
    DataValue root = converter.convert_root(1);
    DataLoadResult result;
    result.errors = converter.take_errors();
    if (result.errors.empty()) result.root = std::move(root);
    return result;
}

DataLoadResult load_lua_data_file(const std::string& path, const DataLimits& limits) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) return failure(path + ": cannot open file: " + std::strerror(errno));
    std::string text;
    char buffer[16384];
    size_t count = 0;
    while ((count = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
        text.append(buffer, count);
        if (text.size() > limits.memory_bytes + k_utf8_bom.size())
            break; // load_*_string reports it
    }
    int read_error = std::ferror(file) ? errno : 0;
    std::fclose(file);
    if (read_error != 0) return failure(path + ": cannot open file: " + std::strerror(read_error));
    return load_lua_data_string(text, path, limits);
}

} // namespace kiosk
