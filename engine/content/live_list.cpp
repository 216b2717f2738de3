// Reading and writing content_dir/live.json (see live_list.h). Reading is
// strict: every field is checked and an unknown one is refused, naming the
// field, so a damaged or forged list never picks files outside content_dir/hub/.
#include "content/live_list.h"

#include "content/content_manifest.h"
#include "core/private_files.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk {
namespace {

using nlohmann::json;

constexpr const char* kLiveFormat = "kiosk-live-v1";
constexpr size_t kMaxLiveFileBytes = 4 << 20;
constexpr size_t kMaxFileNameBytes = 255;

bool is_sha256_hex(const std::string& text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// A plain name inside content_dir/hub/: letters, digits, '.', '-', '_', not
// starting with '.' (so never "..", a hidden file or a path).
bool is_plain_file_name(const std::string& name) {
    return !name.empty() && name.size() <= kMaxFileNameBytes && name.front() != '.' &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '-' || c == '_';
           });
}

// Why `list` cannot be a live list ("packages[2].sha256: expected ..."), or "".
std::string live_list_problem(const LiveList& list) {
    if (list.snapshot_version < 0) return "snapshot_version: expected a whole number, 0 or more";
    if (list.packages.size() > kMaxLivePackages)
        return "packages: " + std::to_string(list.packages.size()) + " packages, at most " +
               std::to_string(kMaxLivePackages);
    std::set<std::string> ids, files;
    for (size_t i = 0; i < list.packages.size(); ++i) {
        const LivePackage& package = list.packages[i];
        const std::string where = "packages[" + std::to_string(i + 1) + "].";
        if (!is_valid_content_id(package.id))
            return where + "id: expected 3 to 48 lowercase letters, digits or '-'";
        if (!is_valid_content_version(package.version))
            return where + "version: expected a version like \"1.0.0\"";
        if (!is_plain_file_name(package.file))
            return where + "file: expected a plain file name inside hub/ (letters, digits, '.', "
                           "'-', '_'; not starting with '.')";
        if (!is_sha256_hex(package.sha256))
            return where + "sha256: expected 64 lowercase hex digits";
        if (!ids.insert(package.id).second)
            return where + "id: \"" + package.id + "\" is listed twice";
        if (!files.insert(package.file).second)
            return where + "file: \"" + package.file + "\" is listed twice";
    }
    return "";
}

// The first key of the object `value` that is not in `allowed`; "" when none.
std::string unknown_key(const json& value, std::initializer_list<const char*> allowed) {
    for (const auto& item : value.items())
        if (std::none_of(allowed.begin(), allowed.end(),
                         [&](const char* key) { return item.key() == key; }))
            return item.key();
    return "";
}

// One entry of "packages": an object of exactly four strings (their values are
// checked by live_list_problem).
std::optional<LivePackage> read_package(const json& item, const std::string& where,
                                        std::string& problem) {
    if (!item.is_object()) {
        problem = where + ": expected an object";
        return std::nullopt;
    }
    if (std::string key = unknown_key(item, {"id", "version", "file", "sha256"}); !key.empty()) {
        problem = where + "." + key + ": unknown field";
        return std::nullopt;
    }
    LivePackage package;
    const std::pair<const char*, std::string LivePackage::*> fields[] = {
        {"id", &LivePackage::id},
        {"version", &LivePackage::version},
        {"file", &LivePackage::file},
        {"sha256", &LivePackage::sha256},
    };
    for (const auto& [key, member] : fields) {
        auto it = item.find(key);
        if (it == item.end() || !it->is_string()) {
            problem = where + "." + key + (it == item.end() ? ": missing" : ": expected a string");
            return std::nullopt;
        }
        package.*member = it->get<std::string>();
    }
    return package;
}

std::optional<LiveList> parse_live_list(const std::string& text, std::string& problem) {
    const json document = json::parse(text, nullptr, false);
    if (document.is_discarded()) {
        problem = "not valid JSON";
        return std::nullopt;
    }
    if (!document.is_object()) {
        problem = "expected a JSON object";
        return std::nullopt;
    }
    if (std::string key = unknown_key(document, {"format", "snapshot_version", "packages"});
        !key.empty()) {
        problem = key + ": unknown field";
        return std::nullopt;
    }
    auto format = document.find("format");
    if (format == document.end() || *format != kLiveFormat) {
        problem = std::string("format: expected \"") + kLiveFormat + "\"";
        return std::nullopt;
    }
    LiveList list;
    auto version = document.find("snapshot_version");
    if (version == document.end() || !version->is_number_integer()) {
        problem = "snapshot_version: expected a whole number, 0 or more";
        return std::nullopt;
    }
    list.snapshot_version = version->get<int64_t>();
    auto packages = document.find("packages");
    if (packages == document.end() || !packages->is_array()) {
        problem = "packages: expected a list";
        return std::nullopt;
    }
    if (packages->size() > kMaxLivePackages) {
        problem = "packages: " + std::to_string(packages->size()) + " packages, at most " +
                  std::to_string(kMaxLivePackages);
        return std::nullopt;
    }
    for (size_t i = 0; i < packages->size(); ++i) {
        std::optional<LivePackage> package =
            read_package((*packages)[i], "packages[" + std::to_string(i + 1) + "]", problem);
        if (!package) return std::nullopt;
        list.packages.push_back(std::move(*package));
    }
    problem = live_list_problem(list);
    if (!problem.empty()) return std::nullopt;
    return list;
}

std::string live_list_path(const std::string& content_dir) {
    return (std::filesystem::path(content_dir) / kLiveListName).string();
}

} // namespace

std::optional<LiveList> read_live_list(const std::string& content_dir, std::string& error) {
    const std::string path = live_list_path(content_dir);
    std::string text;
    {
        std::string open_error;
        const int fd = open_private_file(path, O_RDONLY, open_error);
        if (fd < 0) {
            // From the open's own errno: a stat after it would race the first
            // write (absent at the open, present at the stat).
            if (errno == ENOENT) return LiveList{};
            error = open_error;
            return std::nullopt;
        }
        char buffer[65536];
        ssize_t got = 0;
        while ((got = ::read(fd, buffer, sizeof buffer)) > 0 && text.size() <= kMaxLiveFileBytes)
            text.append(buffer, size_t(got));
        ::close(fd);
        if (got < 0) {
            error = path + ": cannot read: " + std::strerror(errno);
            return std::nullopt;
        }
        if (text.size() > kMaxLiveFileBytes) {
            error = path + ": larger than " + std::to_string(kMaxLiveFileBytes >> 20) + " MB";
            return std::nullopt;
        }
    }
    std::string problem;
    std::optional<LiveList> list = parse_live_list(text, problem);
    if (!list) error = path + ": " + problem;
    return list;
}

bool write_live_list(const std::string& content_dir, const LiveList& list, std::string& error) {
    // What is written must read back: a list the scanner would refuse is not written.
    if (const std::string problem = live_list_problem(list); !problem.empty()) {
        error = live_list_path(content_dir) + ": not written: " + problem;
        return false;
    }
    json packages = json::array();
    for (const LivePackage& package : list.packages)
        packages.push_back({{"id", package.id},
                            {"version", package.version},
                            {"file", package.file},
                            {"sha256", package.sha256}});
    const json document = {{"format", kLiveFormat},
                           {"snapshot_version", list.snapshot_version},
                           {"packages", std::move(packages)}};
    return replace_private_file(live_list_path(content_dir), document.dump() + "\n", error);
}

} // namespace kiosk
