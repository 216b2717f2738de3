// Private files: the kiosk's data folder and the hub's folder of hub.db hold
// visitor statistics, logs and password hashes, so only the user running the
// program may read them or redirect a write. This file owns the two rules that
// say so, used by every write into those folders:
// - a folder is safe when it is a folder owned by this process's user and
//   writable by no one else (mode 0700 when this code makes it); its own path
//   may lead there through a link (the admin's choice of where data lives);
// - a file in it is opened without following a symbolic link (O_NOFOLLOW), is a
//   regular file owned by this user, and is made 0600 (an older file's group
//   and other bits are cleared).
// Every message starts with the path and says how to fix the problem.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

namespace kiosk {

constexpr mode_t kPrivateFolderMode = 0700;
constexpr mode_t kPrivateFileMode = 0600;

// "" when `folder` is safe (see above); otherwise why not and what to run,
// e.g. "/var/lib/kiosk: the folder can be written by other users (mode 0777):
// the program writes nothing into it; fix: chmod 700 /var/lib/kiosk".
std::string private_folder_problem(const std::string& folder);

// Creates `folder` and its missing parents with mode 0700, then checks it with
// private_folder_problem. False with `error` when it cannot be made or is not safe.
bool make_private_folder(const std::string& folder, std::string& error);

// Opens `path` with `flags` (O_WRONLY | O_APPEND, O_RDWR, ...; O_NOFOLLOW and
// O_CLOEXEC are added), creating it with mode 0600 when `flags` has O_CREAT.
// Refuses a symbolic link, anything but a regular file, and a file owned by
// another user; a file others may read or write loses those bits. Returns the
// file descriptor, or -1 with `error` and errno: the open's own (ENOENT when
// absent) or EPERM when the file was opened but refused.
int open_private_file(const std::string& path, int flags, std::string& error);

// Appends `text` to `path` (created 0600 when missing).
bool append_private_file(const std::string& path, std::string_view text, std::string& error);

// Replaces `path` whole with `text`: written to PATH.part (0600), fsynced, then
// renamed over `path` (a rename replaces a link; it never writes through one)
// and the folder fsynced, so a power cut leaves the old text or the new.
bool replace_private_file(const std::string& path, std::string_view text, std::string& error);

// Before SQLite opens the database `path`: creates it empty with mode 0600 when
// missing (SQLite gives its -wal, -shm and -journal files the database's mode),
// checks it and any of those companions that exist as open_private_file does,
// and returns the path to open, its folder resolved to the real one (SQLite's
// SQLITE_OPEN_NOFOLLOW refuses a link anywhere in the path; the -wal and -shm
// are always opened with O_NOFOLLOW, checked for SQLite 3.40). "" with `error`.
std::string prepare_private_database(const std::string& path, std::string& error);

} // namespace kiosk
