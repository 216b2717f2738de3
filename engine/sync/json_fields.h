// Strict JSON field reading for the messages of engine/sync (the sync protocol,
// the assignment snapshot, the heartbeat's content state): each function
// checks one field and throws FieldError naming it by its path
// ("packages[3].sha256") and what was expected; parse_with turns that into the
// nullopt-and-error form the public parse_* functions return. Internal to
// engine/sync (it exposes nlohmann::json).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::sync::json_fields {

using nlohmann::json;

constexpr int64_t kMaxSafeInteger = int64_t(1) << 53; // the largest exact JSON number

struct FieldError {
    std::string message;
};

[[noreturn]] void fail(const std::string& path, const std::string& what);

std::string member_path(const std::string& parent, const char* name);

// Refuses a non-object, a missing `required` field and any field that is
// neither required nor `optional`.
void check_object(const json& value, const std::string& path,
                  std::initializer_list<const char*> required,
                  std::initializer_list<const char*> optional = {});

int64_t integer_field(const json& object, const std::string& parent, const char* name, int64_t min,
                      int64_t max);

// A string of min_bytes..max_bytes of valid UTF-8; `expected` says what was wanted.
const std::string& string_field(const json& object, const std::string& parent, const char* name,
                                size_t min_bytes, size_t max_bytes, const char* expected);

// A UTC time "YYYY-MM-DDTHH:MM:SSZ" (core/civil_time's parse_iso_utc_seconds),
// as milliseconds since 1970.
int64_t time_field(const json& object, const std::string& parent, const char* name);

// Parses `text` as JSON, turning nlohmann's parse error into a FieldError.
json parse_document(std::string_view text);

template <typename Message, typename Parse>
std::optional<Message> parse_with(std::string_view text, std::string& error, Parse parse) {
    try {
        Message message = parse(parse_document(text));
        error.clear();
        return message;
    } catch (const FieldError& field_error) {
        error = field_error.message;
    } catch (const json::exception& unexpected) { // a check missed; still a refusal
        error = std::string("invalid message: ") + unexpected.what();
    }
    return std::nullopt;
}

} // namespace kiosk::sync::json_fields
