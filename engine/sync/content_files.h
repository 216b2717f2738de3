// The content updater's files in content_dir: where hub packages live
// (hub/ID-VERSION.kpkg), where downloads grow (.incoming/ID-VERSION.part,
// opened O_NOFOLLOW and 0600), the SHA-256 of a file, and the rename into
// hub/ that reaches the disk (file and folder fsynced). Nothing here follows a
// symbolic link inside content_dir.
#pragma once

#include "content_snapshot.h"

#include <cstdint>
#include <optional>
#include <string>

namespace kiosk::sync {

constexpr const char* kIncomingFolder = ".incoming";

// "ID-VERSION.kpkg" (ids and versions are checked names: no '/', no '..').
std::string package_file_name(const std::string& id, const std::string& version);
std::string hub_folder(const std::string& content_dir);
std::string incoming_folder(const std::string& content_dir);
std::string part_path(const std::string& content_dir, const SnapshotPackage& package);

// 64 lowercase hex digits of the SHA-256 of the regular file `path` (never
// through a symbolic link); nullopt with `error` otherwise.
std::optional<std::string> sha256_of_file(const std::string& path, std::string& error);

// Bytes of the regular file `path` (lstat: a symbolic link is not one), -1 when
// there is none.
int64_t regular_file_size(const std::string& path);

// A download growing in .incoming: open (created 0600, O_NOFOLLOW), appended
// to, truncated when the source starts over, fsynced before it is checked.
class PartFile {
public:
    ~PartFile();
    static std::optional<PartFile> open(const std::string& path, std::string& error);
    PartFile(PartFile&& other) noexcept;
    PartFile& operator=(PartFile&&) = delete;
    PartFile(const PartFile&) = delete;

    int64_t size() const { return size_; }
    const std::string& path() const { return path_; }
    bool truncate(std::string& error);
    bool append(const char* data, size_t size, std::string& error);
    bool sync(std::string& error);

private:
    PartFile(std::string path, int fd, int64_t size)
        : path_(std::move(path)), fd_(fd), size_(size) {}
    std::string path_;
    int fd_ = -1;
    int64_t size_ = 0;
};

// Renames `from` to `to` (both in content_dir) and fsyncs `to`'s folder, so
// the file is there after a power cut. False with `error`.
bool rename_durably(const std::string& from, const std::string& to, std::string& error);

} // namespace kiosk::sync
