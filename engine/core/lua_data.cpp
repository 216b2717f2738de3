// Lua data file loading: a sandboxed lua_State per file (capped allocator, count
// hook, no libraries, empty _ENV, text chunks only), conversion of the returned
// table into DataValue. The source line of every field, which Lua does not
// expose, comes from data_lines.cpp.
#include "lua_data.h"

#include "lua_lexical_internal.h"

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

using namespace lua_lexical;

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
// Sandbox: capped allocator and instruction hook
//-----------------------------------------------------------------------------

namespace {

// Chunk name given to Lua; replaced by the real name in messages, because Lua
// cuts long chunk names ("...ong/path.lua:3:") and curators need the whole path.
constexpr const char* kLuaChunkName = "=@";
constexpr std::string_view kLuaMessagePrefix = "@:";

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
    if (message.starts_with(kLuaMessagePrefix))
        return chunk_name + ":" + message.substr(kLuaMessagePrefix.size());
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

constexpr size_t kMaxConversionErrors = 20;

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
        if (errors_.size() >= kMaxConversionErrors) {
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

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

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
    if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size()); // Windows editors add one
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

    int status = luaL_loadbufferx(L, text.data(), text.size(), kLuaChunkName, "t");
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
        if (text.size() > limits.memory_bytes + kUtf8Bom.size()) break; // load_*_string reports it
    }
    int read_error = std::ferror(file) ? errno : 0;
    std::fclose(file);
    if (read_error != 0) return failure(path + ": cannot open file: " + std::strerror(read_error));
    return load_lua_data_string(text, path, limits);
}

} // namespace kiosk
