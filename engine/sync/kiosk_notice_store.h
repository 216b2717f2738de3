// Where the kiosk keeps its emergency notices across a reboot (issue 18, part
// 3): the tables `notices` and `retired_notices` of DATA/kiosk.db (their
// schema is telemetry/schema.h's, version 3). This file owns writing a
// NoticeBoard's state there and reading it back; the board re-verifies every
// notice it is given back (notice_board.h), so a row edited by hand never puts
// a notice on screen. Its own connection to kiosk.db (WAL: the event store's
// writer is not blocked); used from the notice poller's thread only.
#pragma once

#include "notice_board.h"

#include <memory>
#include <string>
#include <vector>

struct sqlite3;

namespace kiosk::sync {

class KioskNoticeStore {
public:
    // Opens (creating and migrating when needed) the kiosk.db at `path`.
    // nullptr with `error` naming the file when it cannot be used.
    static std::unique_ptr<KioskNoticeStore> open(const std::string& path, std::string& error);
    ~KioskNoticeStore();
    KioskNoticeStore(const KioskNoticeStore&) = delete;
    KioskNoticeStore& operator=(const KioskNoticeStore&) = delete;

    // Replaces what is stored with `board`'s notices and retired identifiers,
    // in one transaction. False with `error` (the stored state unchanged).
    bool save(const NoticeBoard& board, std::string& error);

    // Gives `board` what was stored (board.restore: each notice verified again;
    // `problems` says what was dropped and why). False with `error` when the
    // tables cannot be read.
    bool load(NoticeBoard& board, std::vector<std::string>& problems, std::string& error);

private:
    explicit KioskNoticeStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
    sqlite3* db_ = nullptr;
    std::string path_;
};

} // namespace kiosk::sync
