// The rows of a package's `sqlar` table and the rules each must follow (see
// package.h): regular files within the limits, folder rows that carry nothing
// the signed files do not imply, and nothing else. Package::open refuses a
// package for its first refused row; `kioskctl inspect` lists them all.
#include "content/package.h"
#include "content/package_internal.h"
#include "core/sqlite_statement.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>

namespace kiosk {
namespace {

constexpr int64_t kModeTypeMask = 0170000;
constexpr int64_t kModeRegular = 0100000;
constexpr int64_t kModeDirectory = 0040000;
// Bits a folder row may not have: writable by others, setuid, setgid, sticky.
constexpr int64_t kFolderForbiddenBits = 07002;

std::string octal(int64_t value) {
    if (value < 0) return "out of range";
    char text[24];
    std::snprintf(text, sizeof text, "%llo", static_cast<unsigned long long>(value));
    return text;
}

// What a row that is neither a regular file nor a folder would become when
// `sqlite3 -A -x` extracts it, for the message.
std::string kind_name(int64_t mode) {
    if (mode < 0 || mode > 0177777) return "an unknown kind of entry";
    switch (mode & kModeTypeMask) {
    case 0120000:
        return "a symbolic link";
    case 0020000:
        return "a character device";
    case 0060000:
        return "a block device";
    case 0010000:
        return "a named pipe";
    case 0140000:
        return "a socket";
    default:
        return "an unknown kind of entry";
    }
}

PackageRowKind kind_of(int64_t mode) {
    if (mode < 0 || mode > 0177777) return PackageRowKind::Other;
    if ((mode & kModeTypeMask) == kModeRegular) return PackageRowKind::File;
    if ((mode & kModeTypeMask) == kModeDirectory) return PackageRowKind::Folder;
    return PackageRowKind::Other;
}

// True when some file row's name lies inside the folder `name`.
bool holds_a_file(const std::vector<PackageRow>& rows, const std::string& name) {
    const std::string prefix = name + "/";
    auto first = std::lower_bound(
        rows.begin(), rows.end(), prefix,
        [](const PackageRow& row, const std::string& p) { return row.entry.name < p; });
    for (auto it = first; it != rows.end() && it->entry.name.compare(0, prefix.size(), prefix) == 0;
         ++it)
        if (it->kind == PackageRowKind::File) return true;
    return false;
}

std::string folder_problem(const std::vector<PackageRow>& rows, const PackageEntry& entry) {
    const std::string quoted = "'" + entry.name + "'";
    if (std::string name_problem = relative_path_problem(entry.name); !name_problem.empty())
        return "has an unsafe folder name " + quoted + ": " + name_problem;
    if (entry.size != 0 || entry.stored != 0)
        return "its folder row " + quoted + " carries data (declared size " +
               std::to_string(entry.size) + ", " + std::to_string(entry.stored) +
               " bytes stored): a folder row must be empty";
    if (entry.mode & kFolderForbiddenBits)
        return "its folder row " + quoted + " has mode " + octal(entry.mode) +
               ": a folder must not be writable by others or have setuid, setgid or sticky bits";
    if (!holds_a_file(rows, entry.name))
        return "its folder row " + quoted +
               " has no signed file in it: a signature covers files, not empty folders "
               "(remove the folder, or pack with kioskctl pack, which packs files only)";
    return "";
}

// Judges every row; `rows` are sorted by name, file rows before folder rows of the same name.
void judge_rows(std::vector<PackageRow>& rows, const PackageLimits& limits) {
    int64_t total = 0;
    int files = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
        PackageRow& row = rows[i];
        const PackageEntry& entry = row.entry;
        if (i > 0 && rows[i - 1].entry.name == entry.name) {
            row.problem = "holds '" + entry.name + "' twice";
            continue;
        }
        if (row.kind == PackageRowKind::Folder) {
            row.problem = folder_problem(rows, entry);
            continue;
        }
        if (row.kind == PackageRowKind::Other) {
            row.problem = "holds '" + entry.name + "', " + kind_name(entry.mode) + " (mode " +
                          octal(entry.mode) +
                          "), not a regular file: a package holds only regular files and their "
                          "folders";
            continue;
        }
        if (std::string name_problem = relative_path_problem(entry.name); !name_problem.empty())
            row.problem = "has an unsafe file name '" + entry.name + "': " + name_problem;
        else if (entry.size < 0 || entry.size > limits.max_file_bytes)
            row.problem = "declares '" + entry.name + "' as " + std::to_string(entry.size) +
                          " bytes; the limit is " + std::to_string(limits.max_file_bytes);
        else if (entry.stored > entry.size)
            row.problem = "stores more bytes for '" + entry.name + "' than its declared size";
        else if ((total += entry.size) > limits.max_total_bytes)
            row.problem =
                "declares more than " + std::to_string(limits.max_total_bytes) + " bytes in all";
        else if (++files > limits.max_files)
            row.problem = "holds more than " + std::to_string(limits.max_files) + " files";
    }
}

} // namespace

bool scan_package_rows(sqlite3* db, const std::string& path, const PackageLimits& limits,
                       std::vector<PackageRow>& rows, std::string& error) {
    rows.clear();
    SqliteStatement select(db, "SELECT name, mode, mtime, sz, length(data) FROM sqlar");
    if (!select.ok()) {
        int extended = sqlite3_extended_errcode(db);
        error = path + ": " +
                (std::strstr(sqlite3_errmsg(db), "no such table")
                     ? std::string("not a package (no sqlar table)")
                     : package_sqlite_problem(db, extended & 0xFF));
        return false;
    }
    // Folder rows are few (at most one per folder of a file): twice the file
    // limit is far beyond any real package, and bounds what a hostile one costs.
    const size_t max_rows = size_t(limits.max_files) * 2;
    while (select.next()) {
        if (rows.size() == max_rows) {
            error = path + ": holds more than " + std::to_string(max_rows) + " rows";
            return false;
        }
        PackageRow row;
        // Its full length: a NUL inside the name must reach the name check.
        row.entry.name = select.text(0);
        const int64_t mode = select.integer(1);
        row.kind = kind_of(mode);
        row.entry.mode = mode >= 0 && mode <= 0177777 ? int(mode) : -1;
        row.entry.mtime = select.integer(2);
        row.entry.size = select.integer(3);
        row.entry.stored = select.integer(4);
        rows.push_back(std::move(row));
    }
    if (!select.ok()) {
        error = path + ": " + package_sqlite_problem(db, sqlite3_extended_errcode(db) & 0xFF);
        return false;
    }
    std::stable_sort(rows.begin(), rows.end(), [](const PackageRow& a, const PackageRow& b) {
        if (a.entry.name != b.entry.name) return a.entry.name < b.entry.name;
        return int(a.kind) < int(b.kind);
    });
    judge_rows(rows, limits);
    return true;
}

bool read_package_rows(const std::string& path, const PackageLimits& limits,
                       std::vector<PackageRow>& rows, std::string& error) {
    sqlite3* db = nullptr;
    const bool ok =
        open_package_database(path, db, error) && scan_package_rows(db, path, limits, rows, error);
    if (db) sqlite3_close(db);
    return ok;
}

} // namespace kiosk
