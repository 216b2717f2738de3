// Names and files of the content updater in content_dir: SHA-256 with
// libsodium, the growing .part file, the durable rename into hub/.
#include "content_files.h"

#include "core/private_files.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace kiosk::sync {
namespace {

std::string system_error(const std::string& path, const char* what) {
    return path + ": " + what + ": " + std::strerror(errno);
}

bool fsync_folder(const std::string& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

} // namespace

std::string package_file_name(const std::string& id, const std::string& version) {
    return id + "-" + version + ".kpkg";
}

std::string hub_folder(const std::string& content_dir) {
    return content_dir + "/hub";
}

std::string incoming_folder(const std::string& content_dir) {
    return content_dir + "/" + kIncomingFolder;
}

std::string part_path(const std::string& content_dir, const SnapshotPackage& package) {
    return incoming_folder(content_dir) + "/" + package.id + "-" + package.version + ".part";
}

std::optional<std::string> sha256_of_file(const std::string& path, std::string& error) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    struct stat info {};
    if (fd < 0 || ::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        error = fd < 0 ? system_error(path, "cannot open") : path + ": not a regular file";
        if (fd >= 0) ::close(fd);
        return std::nullopt;
    }
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    char buffer[1 << 16];
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            error = system_error(path, "cannot read");
            ::close(fd);
            return std::nullopt;
        }
        if (got == 0) break;
        crypto_hash_sha256_update(&state, reinterpret_cast<unsigned char*>(buffer), size_t(got));
    }
    ::close(fd);
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state, digest);
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string(hex);
}

int64_t regular_file_size(const std::string& path) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return -1;
    return int64_t(info.st_size);
}

PartFile::~PartFile() {
    if (fd_ >= 0) ::close(fd_);
}

PartFile::PartFile(PartFile&& other) noexcept
    : path_(std::move(other.path_)), fd_(other.fd_), size_(other.size_) {
    other.fd_ = -1;
}

std::optional<PartFile> PartFile::open(const std::string& path, std::string& error) {
    const int fd = open_private_file(path, O_RDWR | O_CREAT, error);
    if (fd < 0) return std::nullopt;
    const off_t end = ::lseek(fd, 0, SEEK_END);
    if (end < 0) {
        error = system_error(path, "cannot read its size");
        ::close(fd);
        return std::nullopt;
    }
    return PartFile(path, fd, int64_t(end));
}

bool PartFile::truncate(std::string& error) {
    if (::ftruncate(fd_, 0) != 0 || ::lseek(fd_, 0, SEEK_SET) != 0) {
        error = system_error(path_, "cannot empty");
        return false;
    }
    size_ = 0;
    return true;
}

bool PartFile::append(const char* data, size_t size, std::string& error) {
    while (size > 0) {
        const ssize_t written = ::write(fd_, data, size);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) {
            // A full disk or a file size limit is the kiosk's disk, not the network.
            const bool full = written < 0 && (errno == ENOSPC || errno == EFBIG || errno == EDQUOT);
            error = full ? std::string("disk: full (") + std::strerror(errno) + "), cannot write " +
                               path_
                         : system_error(path_, "cannot write");
            return false;
        }
        data += written;
        size -= size_t(written);
        size_ += written;
    }
    return true;
}

bool PartFile::sync(std::string& error) {
    if (::fsync(fd_) == 0) return true;
    error = system_error(path_, "cannot write to the disk");
    return false;
}

bool rename_durably(const std::string& from, const std::string& to, std::string& error) {
    if (::rename(from.c_str(), to.c_str()) != 0) {
        error = system_error(to, "cannot rename the verified download into place");
        return false;
    }
    if (!fsync_folder(std::filesystem::path(to).parent_path().string())) {
        error = system_error(to, "cannot write its folder to the disk");
        return false;
    }
    return true;
}

} // namespace kiosk::sync
