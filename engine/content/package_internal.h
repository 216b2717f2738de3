// What the package reader, its row rules and the writer share and nobody else
// needs: the bytes a signature covers, opening the archive read-only, and
// reading and judging the rows of `sqlar`.
#pragma once

#include "content/package.h"

#include <functional>
#include <string>
#include <vector>

struct sqlite3;

namespace kiosk {

// "kiosk-package-v1" followed by the 64 digest bytes.
std::string signed_message(const PackageDigest& digest);

// Opens `path` read-only (SQLite's immutable mode). On failure `db` may still
// need closing and `error` names the file and the reason.
bool open_package_database(const std::string& path, sqlite3*& db, std::string& error);

// Runs `write` in one transaction on the package at `path`, opened read-write
// (never through a symbolic link), after `create_table`. False with `error`
// naming the file and `what` ("sign", "add the review") when anything fails;
// the package is unchanged then.
bool update_package(const std::string& path, const char* create_table, const std::string& what,
                    const std::function<bool(sqlite3*, std::string&)>& write, std::string& error);

// Why SQLite `code` means the package cannot be read, for messages.
std::string package_sqlite_problem(sqlite3* db, int code);

// Reads every row of `db`'s sqlar table into `rows`, sorted by name, and
// judges each (package.h says the rules). False and `error` (naming `path`)
// when the table is missing or unreadable, or holds absurdly many rows.
bool scan_package_rows(sqlite3* db, const std::string& path, const PackageLimits& limits,
                       std::vector<PackageRow>& rows, std::string& error);

} // namespace kiosk
