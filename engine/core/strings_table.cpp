// Strings tables: loads a strings file (content/strings.lua, the compiled-in
// manager-strings.lua) with DataReader (every entry a { zh, en } pair, both
// required), answers lookups by key and language, and fills in {placeholders}.
#include "strings_table.h"

#include "data_reader.h"
#include "lua_data.h"

#include <utility>

namespace kiosk {

const std::string& StringsTable::get(std::string_view key, Language language) const {
    static const std::string kUnknown = "?"; // visible on screen, so a missing key gets noticed
    const Bilingual* text = find(key);
    return text ? text->in(language) : kUnknown;
}

const Bilingual* StringsTable::find(std::string_view key) const {
    auto found = entries_.find(key);
    return found == entries_.end() ? nullptr : &found->second;
}

std::vector<std::string> StringsTable::all_text() const {
    std::vector<std::string> out;
    out.reserve(entries_.size() * 2);
    for (const auto& [key, text] : entries_) {
        out.push_back(text.zh);
        out.push_back(text.en);
    }
    return out;
}

std::vector<std::string> StringsTable::keys() const {
    std::vector<std::string> out;
    out.reserve(entries_.size());
    for (const auto& entry : entries_)
        out.push_back(entry.first);
    return out;
}

void StringsTable::set(std::string key, Bilingual text) {
    entries_[std::move(key)] = std::move(text);
}

namespace {

StringsLoadResult read_strings_table(DataLoadResult data, const std::string& path,
                                     const std::vector<std::string>& required_keys) {
    StringsLoadResult result;
    if (!data.ok()) {
        result.errors = std::move(data.errors);
        return result;
    }
    DataErrors errors;
    DataReader root(*data.root, path, "", errors);
    StringsTable table;
    for (const DataField& field : data.root->fields) {
        if (field.key.is_index) continue; // finish() reports items without a key
        table.set(field.key.name, root.bilingual(field.key.name, BilingualRule::EnRequired));
    }
    for (const std::string& key : required_keys)
        if (!table.find(key)) root.error("", "missing required string '" + key + "'");
    root.finish();
    result.errors = std::move(errors.errors);
    result.warnings = std::move(errors.warnings);
    if (result.errors.empty()) result.table = std::move(table);
    return result;
}

void replace_all(std::string& text, std::string_view name, std::string_view value) {
    const std::string placeholder = "{" + std::string(name) + "}";
    for (size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size()))
        text.replace(at, placeholder.size(), value);
}

} // namespace

StringsLoadResult load_strings_table(const std::string& path,
                                     const std::vector<std::string>& required_keys) {
    return read_strings_table(load_lua_data_file(path), path, required_keys);
}

StringsLoadResult load_strings_table_text(std::string_view text, const std::string& chunk_name,
                                          const std::vector<std::string>& required_keys) {
    return read_strings_table(load_lua_data_string(text, chunk_name), chunk_name, required_keys);
}

std::string fill_in(std::string text,
                    std::initializer_list<std::pair<std::string_view, int64_t>> values) {
    for (const auto& [name, value] : values)
        replace_all(text, name, std::to_string(value));
    return text;
}

std::string fill_in(std::string text,
                    std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
    for (const auto& [name, value] : values)
        replace_all(text, name, value);
    return text;
}

} // namespace kiosk
