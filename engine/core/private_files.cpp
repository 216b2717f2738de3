// Private files implementation: the folder check, folders made 0700, files
// opened with O_NOFOLLOW and kept 0600 (see private_files.h).
#include "private_files.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace kiosk {
namespace fs = std::filesystem;
namespace {

// The login name, or the number when the user has none.
std::string login_name(uid_t uid) {
    struct passwd entry {};
    struct passwd* found = nullptr;
    char buffer[1024];
    if (getpwuid_r(uid, &entry, buffer, sizeof buffer, &found) == 0 && found) return found->pw_name;
    return std::to_string(uid);
}

std::string user_name(uid_t uid) {
    return "user " + login_name(uid) + " (uid " + std::to_string(uid) + ")";
}

std::string octal_mode(mode_t mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", unsigned(mode & 07777));
    return text;
}

std::string open_problem(const std::string& path, int error_number) {
    if (error_number == ELOOP)
        return path +
               ": is a symbolic link, which is never followed here (it could send the "
               "writes anywhere): remove it (rm " +
               path + ")";
    if (error_number == ENXIO) // a FIFO without a reader, under O_NONBLOCK
        return path + ": is not a regular file: remove it";
    return path + ": cannot open: " + std::strerror(error_number);
}

bool write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        const ssize_t written = ::write(fd, text.data(), text.size());
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return false;
        text.remove_prefix(size_t(written));
    }
    return true;
}

} // namespace

std::string private_folder_problem(const std::string& folder) {
    struct stat info {};
    if (::stat(folder.c_str(), &info) != 0)
        return folder + ": the folder cannot be read: " + std::strerror(errno);
    if (!S_ISDIR(info.st_mode)) return folder + ": is not a folder";
    const uid_t me = geteuid();
    if (info.st_uid != me)
        return folder + ": the folder belongs to " + user_name(info.st_uid) + ", not to " +
               user_name(me) + " who runs this program: nothing is written into it; fix: chown " +
               login_name(me) + " " + folder + " && chmod 700 " + folder;
    if (info.st_mode & (S_IWGRP | S_IWOTH))
        return folder + ": the folder can be written by other users (mode " +
               octal_mode(info.st_mode) + "): nothing is written into it; fix: chmod 700 " + folder;
    return "";
}

bool make_private_folder(const std::string& folder, std::string& error) {
    std::error_code ec;
    const fs::path target = fs::absolute(folder, ec).lexically_normal();
    if (ec) {
        error = folder + ": cannot create the folder: " + ec.message();
        return false;
    }
    fs::path made;
    for (const fs::path& part : target) {
        made /= part;
        if (part.empty() || made == made.root_path()) continue;
        if (::mkdir(made.c_str(), kPrivateFolderMode) == 0) {
            if (made == target && ::chmod(made.c_str(), kPrivateFolderMode) != 0) break;
        } else if (errno != EEXIST) {
            error = folder + ": cannot create the folder: " + made.string() + ": " +
                    std::strerror(errno);
            return false;
        }
    }
    error = private_folder_problem(folder);
    return error.empty();
}

int open_private_file(const std::string& path, int flags, std::string& error) {
    // O_NONBLOCK: a FIFO put in the file's place cannot hang the open.
    const int fd =
        ::open(path.c_str(), flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, kPrivateFileMode);
    if (fd < 0) {
        const int open_errno = errno;
        error = open_problem(path, open_errno);
        errno = open_errno; // callers tell "absent" (ENOENT) from the rest
        return -1;
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        error = path + ": cannot read: " + std::strerror(errno);
    } else if (!S_ISREG(info.st_mode)) {
        error = path + ": is not a regular file: remove it";
    } else if (info.st_uid != geteuid()) {
        error = path + ": the file belongs to " + user_name(info.st_uid) + ", not to " +
                user_name(geteuid()) + " who runs this program: remove it or chown it";
    } else if ((info.st_mode & 077) != 0 && ::fchmod(fd, info.st_mode & 0700) != 0) {
        error = path + ": cannot make the file private (chmod go-rwx): " + std::strerror(errno);
    } else {
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
        return fd;
    }
    ::close(fd);
    errno = EPERM; // opened, but refused: never mistaken for "absent"
    return -1;
}

bool append_private_file(const std::string& path, std::string_view text, std::string& error) {
    const int fd = open_private_file(path, O_WRONLY | O_APPEND | O_CREAT, error);
    if (fd < 0) return false;
    bool ok = write_all(fd, text);
    ok = ::close(fd) == 0 && ok;
    if (!ok) error = path + ": cannot write: " + std::strerror(errno);
    return ok;
}

bool replace_private_file(const std::string& path, std::string_view text, std::string& error) {
    const std::string partial = path + ".part";
    const int fd = open_private_file(partial, O_WRONLY | O_CREAT | O_TRUNC, error);
    if (fd < 0) return false;
    bool ok = write_all(fd, text) && ::fsync(fd) == 0;
    ok = ::close(fd) == 0 && ok;
    if (ok && ::rename(partial.c_str(), path.c_str()) == 0) {
        // The rename itself reaches the disk with the folder's own fsync.
        const fs::path folder =
            fs::path(path).has_parent_path() ? fs::path(path).parent_path() : fs::path(".");
        const int folder_fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (folder_fd >= 0) {
            ::fsync(folder_fd);
            ::close(folder_fd);
        }
        return true;
    }
    error = path + ": cannot write: " + std::strerror(errno);
    ::unlink(partial.c_str());
    return false;
}

std::string prepare_private_database(const std::string& path, std::string& error) {
    // Read-only is enough to create and check it; SQLite opens it for writing.
    const int fd = open_private_file(path, O_RDONLY | O_CREAT, error);
    if (fd < 0) return "";
    ::close(fd);
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        const std::string companion = path + suffix;
        struct stat info {};
        if (::lstat(companion.c_str(), &info) != 0 && errno == ENOENT) continue;
        const int companion_fd = open_private_file(companion, O_RDONLY, error);
        if (companion_fd < 0) return "";
        ::close(companion_fd);
    }
    const fs::path given(path);
    std::error_code ec;
    const fs::path folder =
        fs::canonical(given.has_parent_path() ? given.parent_path() : fs::path("."), ec);
    if (ec) {
        error = path + ": cannot find the database's folder: " + ec.message();
        return "";
    }
    return (folder / given.filename()).string();
}

} // namespace kiosk
