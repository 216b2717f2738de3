// DataReader implementation: key lookup with bookkeeping of what was asked,
// type and range checks, message wording, UTF-8 validation and the edit
// distance behind "did you mean" hints.
#include "data_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

namespace kiosk {
namespace {

constexpr size_t kMaxHintDistance = 2;
constexpr size_t kMaxShownText = 40;

// Close enough to suggest: at most 2 edits, and few for the word's length, so
// "fr" never suggests "zh".
bool is_close_enough(size_t distance, std::string_view typed) {
    return distance <= kMaxHintDistance && distance * 3 <= typed.size();
}

std::string format_number(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return std::to_string(static_cast<long long>(value));
    char buffer[64];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

// A string value as shown in a message: quoted, cut short on a character
// boundary, and only when it is valid UTF-8.
std::string quoted(const std::string& text) {
    if (!is_valid_utf8(text)) return "(text that is not UTF-8)";
    if (text.size() <= kMaxShownText) return "\"" + text + "\"";
    size_t cut = kMaxShownText;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        cut--;
    return "\"" + text.substr(0, cut) + "...\"";
}

std::string describe_got(const DataValue& value) {
    std::string out = data_kind_name(value.kind);
    if (value.kind == DataKind::String) out += " " + quoted(value.string);
    return out;
}

// "\"zh\" or \"en\"", "\"a\", \"b\" or \"c\"".
std::string choice_list(std::initializer_list<std::string_view> allowed) {
    std::string out;
    size_t index = 0;
    for (std::string_view choice : allowed) {
        if (index > 0) out += (index + 1 == allowed.size()) ? " or " : ", ";
        out += "\"" + std::string(choice) + "\"";
        index++;
    }
    return out;
}

std::string range_text(std::string_view noun, double min, double max) {
    return std::string(noun) + " from " + format_number(min) + " to " + format_number(max);
}

std::string range_text(std::string_view noun, int64_t min, int64_t max) {
    return std::string(noun) + " from " + std::to_string(min) + " to " + std::to_string(max);
}

// Whole numbers written as floats (1280.0, 1e3) count as integers.
std::optional<int64_t> as_integer(const DataValue& value) {
    if (value.is_integer) return value.integer;
    double number = value.number;
    if (!std::isfinite(number) || number != std::floor(number)) return std::nullopt;
    if (number < -9.2e18 || number > 9.2e18) return std::nullopt;
    return static_cast<int64_t>(number);
}

} // namespace

//-----------------------------------------------------------------------------
// Construction, bookkeeping, messages
//-----------------------------------------------------------------------------

DataReader::DataReader(const DataValue& table, std::string file, std::string key_prefix,
                       DataErrors& errors)
    : table_(&table), file_(std::move(file)), prefix_(std::move(key_prefix)), errors_(&errors) {}

const DataField* DataReader::ask(std::string_view key) {
    if (std::find(asked_.begin(), asked_.end(), key) == asked_.end()) asked_.emplace_back(key);
    return table_->find(key);
}

bool DataReader::has(std::string_view key) const {
    return table_->find(key) != nullptr;
}

std::string DataReader::path_of(std::string_view key) const {
    if (key.empty()) return prefix_;
    return data_key_path(prefix_, DataKey::named(std::string(key)));
}

int DataReader::line_of(std::string_view key) const {
    const DataField* field = key.empty() ? nullptr : table_->find(key);
    if (field && field->line > 0) return field->line;
    if (field && field->value.line > 0) return field->value.line;
    return table_->line;
}

DataReader::Place DataReader::place_of(std::string_view key) const {
    return Place{line_of(key), path_of(key)};
}

DataReader::Place DataReader::place_of(const DataField& field, const std::string& path) const {
    int line =
        field.line > 0 ? field.line : (field.value.line > 0 ? field.value.line : table_->line);
    return Place{line, path};
}

std::string DataReader::located(const Place& place, std::string_view message) const {
    std::string out = file_;
    if (place.line > 0) out += ":" + std::to_string(place.line);
    out += ": ";
    if (!place.path.empty()) out += place.path + ": ";
    out += message;
    return out;
}

void DataReader::add_error(const Place& place, std::string_view message) {
    errors_->errors.push_back(located(place, message));
}

void DataReader::error(std::string_view key, std::string_view message) {
    add_error(place_of(key), message);
}

void DataReader::warning(std::string_view key, std::string_view message) {
    errors_->warnings.push_back(located(place_of(key), message));
}

void DataReader::report_missing(std::string_view key) {
    add_error(place_of(""), "missing required key '" + std::string(key) + "'");
}

void DataReader::report_type(const Place& place, std::string_view expected, const DataValue& got) {
    add_error(place, "expected " + std::string(expected) + ", got " + describe_got(got));
}

std::optional<std::string> DataReader::text_value(const Place& place, const DataValue& value) {
    if (value.kind != DataKind::String) {
        report_type(place, "a string", value);
        return std::nullopt;
    }
    if (!is_valid_utf8(value.string)) {
        add_error(place, "the text is not valid UTF-8 (save the file with UTF-8 encoding)");
        return std::nullopt;
    }
    return value.string;
}

bool DataReader::check_one_of(const Place& place, const std::string& value,
                              std::initializer_list<std::string_view> allowed) {
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return true;
    std::string message = "expected " + choice_list(allowed) + ", got " + quoted(value);
    for (std::string_view choice : allowed) {
        if (is_close_enough(edit_distance(value, choice), value)) {
            message += " (did you mean \"" + std::string(choice) + "\"?)";
            break;
        }
    }
    add_error(place, message);
    return false;
}

//-----------------------------------------------------------------------------
// Optional keys
//-----------------------------------------------------------------------------

std::string DataReader::string(std::string_view key, std::string fallback) {
    const DataField* field = ask(key);
    if (!field) return fallback;
    std::optional<std::string> text = text_value(place_of(key), field->value);
    return text ? std::move(*text) : fallback;
}

std::string DataReader::one_of(std::string_view key,
                               std::initializer_list<std::string_view> allowed,
                               std::string fallback) {
    const DataField* field = ask(key);
    if (!field) return fallback;
    Place place = place_of(key);
    std::optional<std::string> text = text_value(place, field->value);
    if (!text || !check_one_of(place, *text, allowed)) return fallback;
    return std::move(*text);
}

double DataReader::number(std::string_view key, double min, double max, double fallback) {
    const DataField* field = ask(key);
    if (!field) return fallback;
    std::string expected = range_text("a number", min, max);
    if (field->value.kind != DataKind::Number) {
        report_type(place_of(key), expected, field->value);
        return fallback;
    }
    double value = field->value.number;
    if (!(value >= min && value <= max)) { // NaN fails both comparisons
        add_error(place_of(key), "expected " + expected + ", got " + format_number(value));
        return fallback;
    }
    return value;
}

int64_t DataReader::integer(std::string_view key, int64_t min, int64_t max, int64_t fallback) {
    const DataField* field = ask(key);
    if (!field) return fallback;
    std::string expected = range_text("an integer", min, max);
    if (field->value.kind != DataKind::Number) {
        report_type(place_of(key), expected, field->value);
        return fallback;
    }
    std::optional<int64_t> value = as_integer(field->value);
    if (!value || *value < min || *value > max) {
        std::string got = field->value.is_integer ? std::to_string(field->value.integer)
                                                  : format_number(field->value.number);
        add_error(place_of(key), "expected " + expected + ", got " + got);
        return fallback;
    }
    return *value;
}

bool DataReader::boolean(std::string_view key, bool fallback) {
    const DataField* field = ask(key);
    if (!field) return fallback;
    if (field->value.kind != DataKind::Boolean) {
        report_type(place_of(key), "true or false", field->value);
        return fallback;
    }
    return field->value.boolean;
}

std::vector<std::string> DataReader::string_list(std::string_view key, size_t max_items) {
    const DataField* field = ask(key);
    if (!field) return {};
    const DataValue& list = field->value;
    std::string list_path = path_of(key);
    if (list.kind != DataKind::Table) {
        report_type(place_of(key), "a list of strings like { \"a\", \"b\" }", list);
        return {};
    }
    std::vector<const DataField*> items;
    for (const DataField& item : list.fields) {
        if (item.key.is_index)
            items.push_back(&item);
        else
            add_error(place_of(item, data_key_path(list_path, item.key)),
                      "a list takes items without keys");
    }
    std::sort(items.begin(), items.end(),
              [](const DataField* a, const DataField* b) { return a->key.index < b->key.index; });
    std::vector<std::string> out;
    for (size_t i = 0; i < items.size(); i++) {
        if (items[i]->key.index != static_cast<int64_t>(i + 1)) {
            add_error(place_of(key),
                      "item " + std::to_string(i + 1) + " is missing (a list cannot have gaps)");
            return {};
        }
        Place place = place_of(*items[i], data_key_path(list_path, items[i]->key));
        if (std::optional<std::string> text = text_value(place, items[i]->value))
            out.push_back(std::move(*text));
    }
    if (items.size() > max_items) {
        add_error(place_of(key), "expected at most " + std::to_string(max_items) + " items, got " +
                                     std::to_string(items.size()));
        return {};
    }
    return out;
}

std::optional<DataReader> DataReader::table(std::string_view key) {
    const DataField* field = ask(key);
    if (!field) return std::nullopt;
    if (field->value.kind != DataKind::Table) {
        report_type(place_of(key), "a table", field->value);
        return std::nullopt;
    }
    return DataReader(field->value, file_, path_of(key), *errors_);
}

std::vector<DataReader> DataReader::table_list(std::string_view key, size_t max_items) {
    const DataField* field = ask(key);
    if (!field) return {};
    const DataValue& list = field->value;
    std::string list_path = path_of(key);
    if (list.kind != DataKind::Table) {
        report_type(place_of(key), "a list of tables like { {...}, {...} }", list);
        return {};
    }
    std::vector<const DataField*> items;
    for (const DataField& item : list.fields) {
        if (item.key.is_index)
            items.push_back(&item);
        else
            add_error(place_of(item, data_key_path(list_path, item.key)),
                      "a list takes items without keys");
    }
    std::sort(items.begin(), items.end(),
              [](const DataField* a, const DataField* b) { return a->key.index < b->key.index; });
    if (items.size() > max_items) {
        add_error(place_of(key), "expected at most " + std::to_string(max_items) + " items, got " +
                                     std::to_string(items.size()));
        return {};
    }
    std::vector<DataReader> out;
    for (size_t i = 0; i < items.size(); i++) {
        if (items[i]->key.index != static_cast<int64_t>(i + 1)) {
            add_error(place_of(key),
                      "item " + std::to_string(i + 1) + " is missing (a list cannot have gaps)");
            return {};
        }
        std::string item_path = data_key_path(list_path, items[i]->key);
        if (items[i]->value.kind != DataKind::Table) {
            report_type(place_of(*items[i], item_path), "a table", items[i]->value);
            continue;
        }
        out.emplace_back(items[i]->value, file_, std::move(item_path), *errors_);
    }
    return out;
}

//-----------------------------------------------------------------------------
// Required keys
//-----------------------------------------------------------------------------

std::optional<std::string> DataReader::required_string(std::string_view key) {
    const DataField* field = ask(key);
    if (!field) {
        report_missing(key);
        return std::nullopt;
    }
    std::optional<std::string> text = text_value(place_of(key), field->value);
    if (text && text->empty()) {
        add_error(place_of(key), "expected a non-empty string");
        return std::nullopt;
    }
    return text;
}

std::optional<std::string>
DataReader::required_one_of(std::string_view key, std::initializer_list<std::string_view> allowed) {
    const DataField* field = ask(key);
    if (!field) {
        report_missing(key);
        return std::nullopt;
    }
    Place place = place_of(key);
    std::optional<std::string> text = text_value(place, field->value);
    if (!text || !check_one_of(place, *text, allowed)) return std::nullopt;
    return text;
}

std::optional<DataReader> DataReader::required_table(std::string_view key) {
    if (!has(key)) {
        ask(key);
        report_missing(key);
        return std::nullopt;
    }
    return table(key);
}

Bilingual DataReader::bilingual(std::string_view key, BilingualRule rule) {
    const DataField* field = ask(key);
    if (!field) {
        report_missing(key);
        return {};
    }
    if (field->value.kind != DataKind::Table) {
        report_type(place_of(key), "a table like { zh = \"...\", en = \"...\" }", field->value);
        return {};
    }
    DataReader text(field->value, file_, path_of(key), *errors_);
    Bilingual out;
    out.zh = text.required_string("zh").value_or("");
    if (rule == BilingualRule::EnRequired) {
        out.en = text.required_string("en").value_or("");
    } else {
        if (!text.has("en"))
            text.warning("", "missing English text 'en' (the Chinese text is shown instead)");
        out.en = text.string("en", "");
    }
    text.finish();
    return out;
}

//-----------------------------------------------------------------------------
// Unknown keys
//-----------------------------------------------------------------------------

void DataReader::finish() {
    if (finished_) return;
    finished_ = true;
    for (const DataField& field : table_->fields) {
        Place place = place_of(field, prefix_);
        if (field.key.is_index) {
            add_error(place, "unexpected list item [" + std::to_string(field.key.index) +
                                 "] (this table takes named keys)");
            continue;
        }
        if (std::find(asked_.begin(), asked_.end(), field.key.name) != asked_.end()) continue;
        std::string message = "unknown key '" + field.key.name + "'";
        std::string hint = closest_asked_key(field.key.name);
        if (!hint.empty()) message += " (did you mean '" + hint + "'?)";
        add_error(place, message);
    }
}

std::string DataReader::closest_asked_key(std::string_view key) const {
    std::string best;
    size_t best_distance = kMaxHintDistance + 1;
    for (const std::string& candidate : asked_) {
        size_t length_gap = candidate.size() > key.size() ? candidate.size() - key.size()
                                                          : key.size() - candidate.size();
        if (length_gap > kMaxHintDistance) continue; // also keeps the distance cheap
        size_t distance = edit_distance(key, candidate);
        if (distance < best_distance && is_close_enough(distance, key)) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

//-----------------------------------------------------------------------------
// Text utilities
//-----------------------------------------------------------------------------

bool is_valid_utf8(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        auto byte = static_cast<unsigned char>(text[i]);
        size_t extra = 0;
        uint32_t code = 0;
        uint32_t min_code = 0;
        if (byte < 0x80) {
            i++;
            continue;
        } else if ((byte & 0xE0) == 0xC0) {
            extra = 1, code = byte & 0x1F, min_code = 0x80;
        } else if ((byte & 0xF0) == 0xE0) {
            extra = 2, code = byte & 0x0F, min_code = 0x800;
        } else if ((byte & 0xF8) == 0xF0) {
            extra = 3, code = byte & 0x07, min_code = 0x10000;
        } else {
            return false;
        }
        if (i + extra >= text.size()) return false; // truncated sequence
        for (size_t k = 1; k <= extra; k++) {
            auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            code = (code << 6) | (next & 0x3F);
        }
        if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
        i += extra + 1;
    }
    return true;
}

size_t edit_distance(std::string_view a, std::string_view b) {
    // Three rolling rows: two back is needed for the swap of neighbours.
    std::vector<size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (size_t j = 0; j <= b.size(); j++)
        previous[j] = j;
    for (size_t i = 1; i <= a.size(); i++) {
        current[0] = i;
        for (size_t j = 1; j <= b.size(); j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

} // namespace kiosk
