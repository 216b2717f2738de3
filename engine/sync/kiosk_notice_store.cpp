// KioskNoticeStore: the board's notices and retired identifiers written to and
// read from kiosk.db's notices and retired_notices tables.
#include "kiosk_notice_store.h"

#include "core/sqlite_statement.h"
#include "telemetry/schema.h"

#include <sqlite3.h>

namespace kiosk::sync {

std::unique_ptr<KioskNoticeStore> KioskNoticeStore::open(const std::string& path,
                                                         std::string& error) {
    sqlite3* db = telemetry::open_kiosk_db(path, error);
    if (!db) return nullptr;
    return std::unique_ptr<KioskNoticeStore>(new KioskNoticeStore(db, path));
}

KioskNoticeStore::~KioskNoticeStore() {
    sqlite3_close(db_);
}

bool KioskNoticeStore::save(const NoticeBoard& board, std::string& error) {
    SqliteTransaction transaction(db_);
    if (!transaction.begin(error)) {
        error = path_ + ": saving the notices: " + error;
        return false;
    }
    std::string step_error;
    if (!exec_sql(db_, "DELETE FROM notices; DELETE FROM retired_notices", &step_error)) {
        error = path_ + ": saving the notices: " + step_error;
        return false;
    }
    SqliteStatement notice(db_,
                           "INSERT INTO notices(sender, identifier, document, signature, key_id, "
                           "received_utc_ms, first_shown_utc_ms, viewers, opened) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                           StatementUse::reused);
    for (const BoardNotice& held : board.notices()) {
        notice.reset();
        notice.bind(1, held.notice.sender)
            .bind(2, held.notice.identifier)
            .bind(3, held.signed_notice.document)
            .bind_blob(4, held.signed_notice.signature)
            .bind(5, held.signed_notice.key_id)
            .bind(6, held.received_utc_ms)
            .bind(7, held.first_shown_utc_ms)
            .bind(8, held.viewers)
            .bind(9, held.opened);
        if (!notice.run()) {
            error = path_ + ": saving notice " + held.notice.identifier + ": " + notice.error();
            return false;
        }
    }
    SqliteStatement retired(db_,
                            "INSERT OR REPLACE INTO retired_notices(sender, identifier, "
                            "keep_until_utc_ms) VALUES (?1, ?2, ?3)",
                            StatementUse::reused);
    for (const RetiredNotice& gone : board.retired()) {
        retired.reset();
        retired.bind(1, gone.sender).bind(2, gone.identifier).bind(3, gone.keep_until_utc_ms);
        if (!retired.run()) {
            error = path_ + ": saving retired notice " + gone.identifier + ": " + retired.error();
            return false;
        }
    }
    if (!transaction.commit(error)) {
        error = path_ + ": saving the notices: " + error;
        return false;
    }
    return true;
}

bool KioskNoticeStore::load(NoticeBoard& board, std::vector<std::string>& problems,
                            std::string& error) {
    std::vector<BoardNotice> notices;
    SqliteStatement select(db_, "SELECT document, signature, key_id, received_utc_ms, "
                                "first_shown_utc_ms, viewers, opened FROM notices "
                                "ORDER BY received_utc_ms, sender, identifier");
    while (select.next()) {
        BoardNotice held;
        held.signed_notice.document = select.text(0);
        held.signed_notice.signature = std::string(select.blob_view(1));
        held.signed_notice.key_id = select.text(2);
        held.received_utc_ms = select.integer(3);
        held.first_shown_utc_ms = select.integer(4);
        held.viewers = select.integer(5);
        held.opened = select.integer(6);
        notices.push_back(std::move(held));
    }
    if (!select.ok()) {
        error = path_ + ": reading the notices: " + select.error();
        return false;
    }
    std::vector<RetiredNotice> retired;
    SqliteStatement gone(db_, "SELECT sender, identifier, keep_until_utc_ms FROM retired_notices");
    while (gone.next())
        retired.push_back({gone.text(0), gone.text(1), gone.integer(2)});
    if (!gone.ok()) {
        error = path_ + ": reading the retired notices: " + gone.error();
        return false;
    }
    board.restore(std::move(notices), std::move(retired), problems);
    return true;
}

} // namespace kiosk::sync
