// A strings table in zh and en, loaded from a Lua data file: the visitors'
// (content/strings.lua: every piece of visitor-facing text the runtime itself
// shows) and the managers' (engine/core/manager-strings.lua, compiled in: see
// manager_text.h), so none of it lives in C++. This file owns loading and
// looking them up, and filling in {placeholders}.
//
// The file:
//   return {
//     home_title = { zh = "探索科学", en = "Explore Science" },
//     ...
//   }
// Both zh and en are required for every entry.
#pragma once

#include "bilingual.h"

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

class StringsTable {
public:
    // The text for `key`; "?" for an unknown key (pass every key you use to
    // load_strings_table as required, and this never happens).
    const std::string& get(std::string_view key, Language language) const;
    const Bilingual* find(std::string_view key) const; // nullptr when unknown

    // Every zh and en string, in key order: what the font atlas must cover.
    std::vector<std::string> all_text() const;
    std::vector<std::string> keys() const; // in order

    void set(std::string key, Bilingual text);
    size_t size() const { return entries_.size(); }

private:
    std::map<std::string, Bilingual, std::less<>> entries_;
};

// Either `table` or errors ("file:line: key: missing required key 'en'",
// "file:line: missing required string 'home_title'").
struct StringsLoadResult {
    std::optional<StringsTable> table;
    std::vector<std::string> errors;
    std::vector<std::string> warnings;
    bool ok() const { return table.has_value(); }
};

// Loads the table; each of `required_keys` must be present. Extra keys are fine.
StringsLoadResult load_strings_table(const std::string& path,
                                     const std::vector<std::string>& required_keys);

// The same for a file's text already in memory (one compiled into the program);
// `chunk_name` stands in for the path in messages.
StringsLoadResult load_strings_table_text(std::string_view text, const std::string& chunk_name,
                                          const std::vector<std::string>& required_keys);

// `text` with each {name} replaced by its number ("第 {n} 题" with n = 3 -> "第 3 题").
std::string fill_in(std::string text,
                    std::initializer_list<std::pair<std::string_view, int64_t>> values);

// The same with words ("终端 {kiosk}" with kiosk = "K-1" -> "终端 K-1").
std::string fill_in(std::string text,
                    std::initializer_list<std::pair<std::string_view, std::string_view>> values);

} // namespace kiosk
