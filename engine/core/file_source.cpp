// FileSource helpers and the folder source. A folder source also refuses names
// that lead outside the folder through a symbolic link.
#include "file_source.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kiosk {
namespace fs = std::filesystem;

namespace {
constexpr uintmax_t kMaxFolderFileBytes = uintmax_t(256) << 20;
}

bool FileSource::exists(const std::string& name) const {
    const std::vector<std::string> names = list();
    return std::binary_search(names.begin(), names.end(), name);
}

std::string relative_path_problem(const std::string& name) {
    if (name.empty()) return "an empty file name";
    if (name.size() > 512) return "a file name longer than 512 bytes";
    if (name.front() == '/') return "an absolute path";
    if (name.find('\\') != std::string::npos) return "a path with '\\' (use '/')";
    if (name.find('\0') != std::string::npos) return "a path with a NUL byte";
    size_t start = 0;
    while (start <= name.size()) {
        size_t end = name.find('/', start);
        if (end == std::string::npos) end = name.size();
        std::string_view part(name.data() + start, end - start);
        if (part.empty() || part == "." || part == "..")
            return "a path with an empty, '.' or '..' part";
        start = end + 1;
    }
    return "";
}

FolderSource::FolderSource(std::string folder) : folder_(std::move(folder)) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(folder_, ec);
    if (!ec) folder_ = canonical.string();
}

std::string FolderSource::describe(const std::string& name) const {
    return folder_ + "/" + name;
}

bool FolderSource::read(const std::string& name, std::string& bytes, std::string& error) const {
    if (std::string problem = relative_path_problem(name); !problem.empty()) {
        error = describe(name) + ": " + problem;
        return false;
    }
    std::error_code ec;
    fs::path resolved = fs::weakly_canonical(fs::path(folder_) / name, ec);
    if (ec || resolved.string().compare(0, folder_.size() + 1, folder_ + "/") != 0) {
        error = describe(name) + ": not a file inside " + folder_;
        return false;
    }
    if (!fs::is_regular_file(resolved, ec) || fs::file_size(resolved, ec) > kMaxFolderFileBytes) {
        error = describe(name) + ": no such file (or larger than 256 MiB)";
        return false;
    }
    std::ifstream in(resolved, std::ios::binary);
    std::ostringstream buffer;
    if (!(buffer << in.rdbuf())) {
        bytes.clear();
        if (fs::file_size(resolved, ec) == 0) return true;
        error = describe(name) + ": cannot read";
        return false;
    }
    bytes = buffer.str();
    return true;
}

bool FolderSource::exists(const std::string& name) const {
    std::error_code ec;
    return relative_path_problem(name).empty() && fs::is_regular_file(fs::path(folder_) / name, ec);
}

std::vector<std::string> FolderSource::list() const {
    std::vector<std::string> names;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(folder_, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code entry_error;
        if (!it->is_regular_file(entry_error)) continue;
        names.push_back(fs::path(it->path()).lexically_relative(folder_).generic_string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace kiosk
