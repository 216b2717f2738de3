// Exhibit manifest loading: reads FOLDER/manifest.lua with DataReader and
// checks the id, version and in-folder paths, and that the thumbnail exists.
#include "content/exhibit_manifest.h"

#include "core/data_reader.h"
#include "core/lua_data.h"

#include <algorithm>
#include <filesystem>
#include <utility>

namespace kiosk {
namespace fs = std::filesystem;

namespace {

constexpr size_t k_min_id_length = 3;
constexpr size_t k_max_id_length = 48;

bool is_id_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_valid_id(const std::string& id) {
    return id.size() >= k_min_id_length && id.size() <= k_max_id_length &&
           std::all_of(id.begin(), id.end(), is_id_char);
}

// MAJOR.MINOR.PATCH: three non-empty runs of digits.
bool is_valid_version(const std::string& version) {
    int parts = 1;
    size_t run = 0;
    for (char c : version) {
        if (is_digit(c)) {
            run++;
        } else if (c == '.' && run > 0) {
            parts++;
            run = 0;
        } else {
            return false;
        }
    }
    return parts == 3 && run > 0;
}

// Why `value` is not a usable path inside the exhibit folder, or "" when it is.
std::string in_folder_path_problem(const std::string& value) {
    if (value.empty()) return "expected a file name, got an empty string";
    if (value.find('\\') != std::string::npos) return "use '/' between folder names, not '\\'";
    fs::path path(value);
    if (path.is_absolute() || value.front() == '/')
        return "expected a path inside the exhibit folder, not an absolute path";
    for (const fs::path& part : path)
        if (part == "..") return "expected a path inside the exhibit folder ('..' is not allowed)";
    return "";
}

// Reads `key` as an in-folder path; returns it absolute, or nullopt after an error.
std::optional<std::string> read_in_folder_path(DataReader& reader, std::string_view key,
                                               const fs::path& folder,
                                               std::optional<std::string> fallback) {
    std::optional<std::string> value =
        fallback ? std::optional<std::string>(reader.string(key, *fallback))
                 : reader.required_string(key);
    if (!value) return std::nullopt;
    std::string problem = in_folder_path_problem(*value);
    if (!problem.empty()) {
        reader.error(key, problem);
        return std::nullopt;
    }
    return (folder / *value).lexically_normal().string();
}

void read_thumbnail(DataReader& reader, const fs::path& folder, ExhibitManifest& manifest) {
    std::optional<std::string> path =
        read_in_folder_path(reader, "thumbnail", folder, std::nullopt);
    if (!path) return;
    std::error_code error;
    if (!fs::is_regular_file(*path, error)) {
        std::string name = fs::path(*path).lexically_relative(folder).string();
        reader.error("thumbnail", "no file '" + name + "' in the exhibit folder");
        return;
    }
    manifest.thumbnail_path = std::move(*path);
}

void read_manifest(DataReader& reader, const fs::path& folder, ExhibitManifest& manifest) {
    if (std::optional<std::string> id = reader.required_string("id")) {
        if (is_valid_id(*id))
            manifest.id = std::move(*id);
        else
            reader.error(
                "id", "expected 3 to 48 lowercase letters, digits or '-' (like \"pendulum-lab\")");
    }
    if (std::optional<std::string> version = reader.required_string("version")) {
        if (is_valid_version(*version))
            manifest.version = std::move(*version);
        else
            reader.error("version",
                         "expected a version like \"1.0.0\" (three numbers joined by dots)");
    }
    manifest.title = reader.bilingual("title", BilingualRule::EnOptional);
    manifest.summary = reader.bilingual("summary", BilingualRule::EnOptional);
    read_thumbnail(reader, folder, manifest);
    manifest.entry_path = read_in_folder_path(reader, "entry", folder, "main.lua").value_or("");
    reader.finish();
}

// Absolute and normalized, without a trailing "/".
fs::path normalized_folder(const std::string& folder) {
    std::error_code ignored;
    fs::path path = fs::absolute(folder, ignored).lexically_normal();
    if (!path.has_filename() && path.has_relative_path()) path = path.parent_path();
    return path;
}

} // namespace

ManifestLoadResult load_exhibit_manifest(const std::string& folder) {
    ManifestLoadResult result;
    fs::path folder_path = normalized_folder(folder);
    std::string file = (folder_path / "manifest.lua").string();
    DataLoadResult data = load_lua_data_file(file);
    if (!data.ok()) {
        result.errors = std::move(data.errors);
        return result;
    }
    ExhibitManifest manifest;
    manifest.folder = folder_path.string();
    DataErrors errors;
    DataReader reader(*data.root, file, "", errors);
    read_manifest(reader, folder_path, manifest);
    result.errors = std::move(errors.errors);
    result.warnings = std::move(errors.warnings);
    if (result.errors.empty()) result.manifest = std::move(manifest);
    return result;
}

} // namespace kiosk
