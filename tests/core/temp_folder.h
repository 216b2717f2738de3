// Test helper shared by tests/core and tests/content: a fresh folder under the
// system temp dir, filled with files by the test and removed when it ends.
#pragma once

#include "core/random_id.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

namespace kiosk::test {

class TempFolder {
public:
    TempFolder()
        : path_(std::filesystem::temp_directory_path() / ("kiosk-test-" + make_random_id())) {
        std::filesystem::create_directories(path_);
    }
    ~TempFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& relative) const { return (path_ / relative).string(); }

    // Writes `text` to `relative` (making folders) and returns the absolute path.
    std::string write(const std::string& relative, std::string_view text) const {
        std::filesystem::path target = path_ / relative;
        std::filesystem::create_directories(target.parent_path());
        std::ofstream out(target, std::ios::binary);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        return target.string();
    }

private:
    std::filesystem::path path_;
};

} // namespace kiosk::test
