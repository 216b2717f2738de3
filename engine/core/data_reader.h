// DataReader: checks one table of a loaded Lua data file (lua_data.h) against
// what a loader expects, key by key, and collects every problem instead of
// stopping at the first, so a curator fixes a file in one pass. This file owns
// the wording of those messages, the unknown-key check with "did you mean"
// hints, and the UTF-8 check for text.
//
// Usage:
//   DataErrors errors;
//   DataReader config(root, "kiosk.lua", "", errors);
//   double idle = config.number("idle_timeout_s", 10, 3600, 90);
//   if (std::optional<DataReader> window = config.table("window")) {
//       int64_t width = window->integer("width", 320, 7680, 1280);
//       window->finish();
//   }
//   config.finish();                       // "unknown key 'idel_timeout_s' (did you mean ...)"
//   if (!errors.ok()) { print errors.errors; }
//
// Every message reads "FILE:LINE: KEYPATH: what is wrong", e.g.
//   kiosk.lua:7: idle_timeout_s: expected a number from 10 to 3600, got 5
// using the line of the field, or of the enclosing table for a missing key.
#pragma once

#include "bilingual.h"
#include "lua_data.h"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

struct DataErrors {
    std::vector<std::string> errors;   // the file cannot be used
    std::vector<std::string> warnings; // usable, but someone should look
    bool ok() const { return errors.empty(); }
};

enum class BilingualRule {
    EnRequired, // missing "en" is an error
    EnOptional, // missing "en" is a warning; the Chinese text is shown instead
};

class DataReader {
public:
    // `table` must be a Table and outlive the reader. `key_prefix` is the key
    // path of `table` ("" for the file's root, "window" for a nested table).
    DataReader(const DataValue& table, std::string file, std::string key_prefix,
               DataErrors& errors);

    // Optional keys: absent -> `fallback`, silently; present but wrong -> an
    // error, and `fallback`. Numbers outside [min, max] (NaN and infinities
    // always are) are wrong; integer() accepts 3.0 but not 3.5. string_list()
    // reads { "a", "b" } (absent -> {}). Call finish() on a nested table() too.
    std::string string(std::string_view key, std::string fallback);
    std::string one_of(std::string_view key, std::initializer_list<std::string_view> allowed,
                       std::string fallback);
    double number(std::string_view key, double min, double max, double fallback);
    int64_t integer(std::string_view key, int64_t min, int64_t max, int64_t fallback);
    bool boolean(std::string_view key, bool fallback);
    std::vector<std::string> string_list(std::string_view key, size_t max_items);
    std::optional<DataReader> table(std::string_view key);
    // { {...}, {...} }: one reader per item, its path "key[3]" (absent -> {}).
    // An item that is not a table is reported ("key[3]: expected a table, got
    // string") and left out, so compare the error count before trusting size().
    std::vector<DataReader> table_list(std::string_view key, size_t max_items);

    // Required keys: absent -> "missing required key 'x'" and nullopt.
    std::optional<std::string> required_string(std::string_view key); // "" is an error too
    std::optional<std::string> required_one_of(std::string_view key,
                                               std::initializer_list<std::string_view> allowed);
    std::optional<DataReader> required_table(std::string_view key);
    // { zh = "...", en = "..." }; always required; zh (and en when required)
    // must not be empty. Returns what was valid; check the errors.
    Bilingual bilingual(std::string_view key, BilingualRule rule);

    // Reports every key of the table that no call above asked for (once).
    void finish();

    // The caller's own checks, at `key`'s line and path ("" = the table itself).
    void error(std::string_view key, std::string_view message);
    void warning(std::string_view key, std::string_view message);

    bool has(std::string_view key) const;            // present (does not count as asking)
    int line_of(std::string_view key) const;         // field line, else the table's line
    std::string path_of(std::string_view key) const; // "window.width"
    const std::string& file() const { return file_; }

private:
    struct Place {
        int line = 0;
        std::string path;
    };

    const DataValue* table_;
    std::string file_;
    std::string prefix_;
    DataErrors* errors_;
    std::vector<std::string> asked_; // every key asked for, in order: the "did you mean" candidates
    bool finished_ = false;

    const DataField* ask(std::string_view key);
    Place place_of(std::string_view key) const;
    Place place_of(const DataField& field, const std::string& path) const;
    std::string located(const Place& place, std::string_view message) const;
    void add_error(const Place& place, std::string_view message);
    void report_missing(std::string_view key);
    void report_type(const Place& place, std::string_view expected, const DataValue& got);
    std::optional<std::string> text_value(const Place& place, const DataValue& value);
    bool check_one_of(const Place& place, const std::string& value,
                      std::initializer_list<std::string_view> allowed);
    std::string closest_asked_key(std::string_view key) const;
};

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or
// code points above U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Optimal string alignment distance (an edit is an insertion, deletion,
// substitution or swap of neighbours); used for "did you mean" hints.
size_t edit_distance(std::string_view a, std::string_view b);

} // namespace kiosk
