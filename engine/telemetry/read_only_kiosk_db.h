// Opening a kiosk.db strictly read-only, for readers that are not the kiosk's
// own writer: kioskctl's reports (engine/stats) and the sync outbox
// (engine/sync). It may be a live kiosk's file or a copy on a read-only stick.
// Databases of another schema version are refused: readers never write, so
// they never upgrade one.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>

namespace kiosk::telemetry {

class ReadOnlyKioskDb {
public:
    // Opens PATH read-only, never writing it nor creating files beside it when
    // avoidable: file:PATH?mode=ro, or with immutable=1 when nothing has the
    // database open (WAL mode and no PATH-wal) or when the folder is read-only
    // and the WAL index cannot be made (then warning() says what may be
    // missed). nullptr with `error` naming the file when it is missing, not a
    // kiosk database, or of a schema version this build does not read.
    static std::unique_ptr<ReadOnlyKioskDb> open(const std::string& path, std::string& error);
    ~ReadOnlyKioskDb();
    ReadOnlyKioskDb(const ReadOnlyKioskDb&) = delete;
    ReadOnlyKioskDb& operator=(const ReadOnlyKioskDb&) = delete;

    sqlite3* handle() const { return db_; }
    const std::string& path() const { return path_; }
    bool opened_immutable() const { return immutable_; }
    // A note for the reader ("" when none): recent events may be missing.
    const std::string& warning() const { return warning_; }
    // The earliest and latest day in rollups ("" when there are none).
    const std::string& first_day() const { return first_day_; }
    const std::string& last_day() const { return last_day_; }

private:
    ReadOnlyKioskDb() = default;
    sqlite3* db_ = nullptr;
    std::string path_, first_day_, last_day_, warning_;
    bool immutable_ = false;
};

} // namespace kiosk::telemetry
