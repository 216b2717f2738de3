// Lua data files: config, manifests, strings and quizzes are written as
// `return { ... }` and loaded here into a plain C++ value tree (DataValue).
// This file owns the sandboxed loading (no libraries, empty _ENV, memory and
// instruction caps, text chunks only), the conversion to DataValue, and the
// best-effort source line of every field. Checking keys and types against a
// schema is data_reader.h's job.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

//-----------------------------------------------------------------------------
// Value tree
//-----------------------------------------------------------------------------

enum class DataKind { Nil, Boolean, Number, String, Table };

// "nil", "boolean", "number", "string", "table" (Lua's own type names).
const char* data_kind_name(DataKind kind);

// A table key: a string ("width") or an integer (list position 1, 2, ...).
struct DataKey {
    bool is_index = false; // true: `index` is the key; false: `name` is
    int64_t index = 0;
    std::string name;

    static DataKey named(std::string key_name);
    static DataKey at(int64_t key_index);
    bool operator==(const DataKey&) const = default;
};

struct DataField;

// One value from a data file. Tables keep their fields in a stable order:
// by source line where known, then list items by position, then names.
struct DataValue {
    DataKind kind = DataKind::Nil;
    bool boolean = false;
    double number = 0.0;     // every number, as a double
    bool is_integer = false; // the file wrote an integer (lua_isinteger)
    int64_t integer = 0;     // exact value when is_integer
    std::string string;      // raw bytes; UTF-8 is checked by DataReader
    std::vector<DataField> fields;
    int line = 0; // 1-based line where the value starts; 0 = unknown

    // Field lookup (linear; data tables are small). nullptr when absent.
    const DataField* find(std::string_view key_name) const;
    const DataField* find(int64_t key_index) const;
};

struct DataField {
    DataKey key;
    DataValue value;
    int line = 0; // line where the field (its key) is written; 0 = unknown
};

// Key path as shown in messages: "window", "window.width", "exhibit_dirs[2]",
// `labels["two words"]`. `parent` is "" at the top level.
std::string data_key_path(std::string_view parent, const DataKey& key);

//-----------------------------------------------------------------------------
// Loading
//-----------------------------------------------------------------------------

struct DataLimits {
    size_t memory_bytes = 16u * 1024u * 1024u; // Lua heap cap; also the file size cap
    int64_t instructions = 1'000'000;          // VM instruction cap
    int max_depth = 32;                        // table nesting cap
};

// Either `root` (a Table) or one or more messages "file:line: message" (the
// line is left out when unknown). Never both.
struct DataLoadResult {
    std::optional<DataValue> root;
    std::vector<std::string> errors;
    bool ok() const { return root.has_value(); }
};

// Runs the file in a fresh Lua state with no libraries and an empty _ENV; the
// file must `return` exactly one table, holding only booleans, numbers,
// strings and tables under string or integer keys. Bytecode is refused.
// Missing or unreadable file: "path: cannot open file: reason".
DataLoadResult load_lua_data_file(const std::string& path, const DataLimits& limits = {});

// Same rules for text already in memory; `chunk_name` stands in for the path
// in messages.
DataLoadResult load_lua_data_string(std::string_view text, const std::string& chunk_name,
                                    const DataLimits& limits = {});

//-----------------------------------------------------------------------------
// Line map (used by the loader; public so it can be tested on its own)
//-----------------------------------------------------------------------------

struct DataLines {
    int field_line = 0; // where the key (or a list item) starts
    int value_line = 0; // where the value starts ("{" for a table)
};

// Scans Lua source with a small tokenizer, finds the last top-level
// `return { ... }`, and maps every key path inside it (data_key_path form) to
// its lines; the returned table itself is under "". Only a line map: Lua does
// the real parsing. Any input is safe; confusing input gives fewer entries.
std::map<std::string, DataLines> scan_data_lines(std::string_view text);

} // namespace kiosk
