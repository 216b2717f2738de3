// The strict read-only open of a kiosk.db (see read_only_kiosk_db.h): a
// file: URI with mode=ro, or immutable=1 when nothing has the database open or
// the folder is read-only, and the schema-version checks.
#include "read_only_kiosk_db.h"

#include "core/sqlite_statement.h"
#include "schema.h"

#include <cctype>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace kiosk::telemetry {

// Version 3 added only the kiosk's notice tables, which no report reads: a
// version 2 database is read as it is.
constexpr int64_t kOldestReportedSchema = 2;
namespace {

// "file:" URI of a path: every byte outside [A-Za-z0-9/._~-] percent-encoded.
std::string file_uri(const std::string& path) {
    std::string uri = "file:";
    for (unsigned char c : path) {
        if (std::isalnum(c) || (c != 0 && std::strchr("/._~-", c))) {
            uri += char(c);
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", c);
            uri += escaped;
        }
    }
    return uri;
}

// Whether the file's header says WAL mode (bytes 18 and 19 are 2).
bool wal_mode_file(const std::string& path) {
    unsigned char header[20] = {};
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) return false;
    const bool read = std::fread(header, 1, sizeof header, file) == sizeof header;
    std::fclose(file);
    return read && std::memcmp(header, "SQLite format 3", 16) == 0 && header[18] == 2 &&
           header[19] == 2;
}

// Opens and reads the schema once; SQLite errors surface at this first read.
int open_and_probe(const std::string& uri, sqlite3*& db) {
    int rc = sqlite3_open_v2(uri.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
    if (rc != SQLITE_OK) return rc;
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, 5000); // a live kiosk's writer may hold a lock for a moment
    return sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
}

} // namespace

std::unique_ptr<ReadOnlyKioskDb> ReadOnlyKioskDb::open(const std::string& path,
                                                       std::string& error) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        error = path + ": no such file";
        return nullptr;
    }
    if (std::filesystem::is_directory(path, ec)) {
        error = path + ": is a folder, not a kiosk database (give the kiosk.db file)";
        return nullptr;
    }
    std::unique_ptr<ReadOnlyKioskDb> db(new ReadOnlyKioskDb);
    db->path_ = path;
    const std::string uri = file_uri(std::filesystem::absolute(path, ec).string());
    const bool has_wal = std::filesystem::exists(path + "-wal", ec);
    int rc = SQLITE_CANTOPEN;
    if (wal_mode_file(path) && !has_wal && !std::filesystem::exists(path + "-journal", ec)) {
        // A WAL database without its -wal is open nowhere (the kiosk keeps the
        // -wal while it runs): read it as it stands, leaving no -wal and -shm
        // files beside a copy, as a mode=ro reader would.
        db->immutable_ = true;
        rc = open_and_probe(uri + "?mode=ro&immutable=1", db->db_);
    } else {
        rc = open_and_probe(uri + "?mode=ro", db->db_);
        const int primary = rc & 0xff;
        if (primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY) {
            // A read-only folder without the -shm the WAL needs: read the main
            // file alone, and say that changes still in the -wal are missed.
            sqlite3_close(db->db_);
            db->db_ = nullptr;
            db->immutable_ = true;
            rc = open_and_probe(uri + "?mode=ro&immutable=1", db->db_);
            if (has_wal && std::filesystem::file_size(path + "-wal", ec) > 0)
                db->warning_ = path + "-wal cannot be read from this read-only folder, so the "
                                      "latest events may be missing; copy the folder (with the "
                                      "-wal file) somewhere writable for complete reports";
        }
    }
    if (rc != SQLITE_OK) {
        if ((rc & 0xff) == SQLITE_NOTADB)
            error = path + ": not a kiosk database (not an SQLite database file)";
        else
            error =
                path + ": cannot open: " + (db->db_ ? sqlite3_errmsg(db->db_) : sqlite3_errstr(rc));
        return nullptr;
    }
    sqlite3_exec(db->db_, "PRAGMA query_only = 1", nullptr, nullptr, nullptr);

    const int64_t version = query_int64(db->db_, "PRAGMA user_version", -1);
    const int64_t kiosk_tables =
        query_int64(db->db_,
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                    " AND name IN ('meta', 'boots', 'events', 'rollups', 'subjects')",
                    0);
    if (version > kSchemaVersion) {
        error = path + ": the database has schema version " + std::to_string(version) +
                ", newer than this kioskctl reads (" + std::to_string(kSchemaVersion) +
                "); use a newer kioskctl (the file was not changed)";
        return nullptr;
    }
    if (version <= 0 || (version >= kOldestReportedSchema && kiosk_tables < 5)) {
        error = path + ": not a kiosk database (it lacks the kiosk tables)";
        return nullptr;
    }
    if (version < kOldestReportedSchema) {
        error = path + ": the database has schema version " + std::to_string(version) +
                ", older than this kioskctl reads (" + std::to_string(kOldestReportedSchema) +
                "); let the kiosk software open it once to upgrade it (kioskctl only reads, "
                "the file was not changed)";
        return nullptr;
    }
    db->first_day_ = query_text(db->db_, "SELECT min(day) FROM rollups");
    db->last_day_ = query_text(db->db_, "SELECT max(day) FROM rollups");
    return db;
}

ReadOnlyKioskDb::~ReadOnlyKioskDb() {
    sqlite3_close(db_);
}

} // namespace kiosk::telemetry
