// Strict JSON field reading shared by engine/sync's parsers (see json_fields.h).
#include "json_fields.h"

#include "core/civil_time.h"
#include "core/data_reader.h"

#include <algorithm>

namespace kiosk::sync::json_fields {

void fail(const std::string& path, const std::string& what) {
    throw FieldError{path + ": " + what};
}

std::string member_path(const std::string& parent, const char* name) {
    return parent.empty() ? std::string(name) : parent + "." + name;
}

void check_object(const json& value, const std::string& path,
                  std::initializer_list<const char*> required,
                  std::initializer_list<const char*> optional) {
    if (!value.is_object()) fail(path.empty() ? "body" : path, "expected an object");
    const auto named = [](std::initializer_list<const char*> names, const std::string& key) {
        return std::any_of(names.begin(), names.end(),
                           [&](const char* name) { return key == name; });
    };
    for (auto item = value.begin(); item != value.end(); ++item)
        if (!named(required, item.key()) && !named(optional, item.key()))
            fail(member_path(path, item.key().c_str()), "unknown field");
    for (const char* name : required)
        if (!value.contains(name)) fail(member_path(path, name), "missing");
}

int64_t integer_field(const json& object, const std::string& parent, const char* name, int64_t min,
                      int64_t max) {
    const json& value = object.at(name);
    const std::string path = member_path(parent, name);
    const std::string range = "expected an integer " + std::to_string(min) + ".." +
                              (max == kMaxSafeInteger ? "2^53" : std::to_string(max));
    if (value.is_number_unsigned()) {
        const uint64_t number = value.get<uint64_t>();
        if (number > uint64_t(max)) fail(path, range);
        const auto signed_number = static_cast<int64_t>(number);
        if (signed_number < min) fail(path, range);
        return signed_number;
    }
    if (value.is_number_integer()) {
        const int64_t number = value.get<int64_t>();
        if (number < min || number > max) fail(path, range);
        return number;
    }
    fail(path, range);
}

const std::string& string_field(const json& object, const std::string& parent, const char* name,
                                size_t min_bytes, size_t max_bytes, const char* expected) {
    const json& value = object.at(name);
    const std::string path = member_path(parent, name);
    if (!value.is_string()) fail(path, std::string("expected a string: ") + expected);
    const std::string& text = value.get_ref<const std::string&>();
    if (text.size() < min_bytes || text.size() > max_bytes || !is_valid_utf8(text))
        fail(path, expected);
    return text;
}

int64_t time_field(const json& object, const std::string& parent, const char* name) {
    constexpr const char* kExpected = "expected a UTC time YYYY-MM-DDTHH:MM:SSZ";
    const std::string& text = string_field(object, parent, name, 20, 20, kExpected);
    const std::optional<int64_t> utc_ms = parse_iso_utc_seconds(text);
    if (!utc_ms) fail(member_path(parent, name), kExpected);
    return *utc_ms;
}

json parse_document(std::string_view text) {
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::parse_error& error) {
        std::string what = error.what();
        const size_t detail = what.find("] ");
        if (detail != std::string::npos) what = what.substr(detail + 2);
        throw FieldError{"malformed JSON: " + what};
    }
}

} // namespace kiosk::sync::json_fields
