// RollupOutbox: the SQL that cuts kiosk.db's rollups into sync batches (each
// batch read inside one read transaction, so a commit by the writer between
// two statements cannot split a changed_seq group); each bucket is checked
// with the protocol's bucket_problem before it is sent.
#include "rollup_outbox.h"

#include "core/sqlite_statement.h"
#include "core/utf8_text.h"
#include "telemetry/read_only_kiosk_db.h"
#include "telemetry/schema.h"

#include <sqlite3.h>

namespace kiosk::sync {
namespace {

// Ends the read transaction however the caller leaves.
struct ReadTransaction {
    sqlite3* db;
    bool open;
    explicit ReadTransaction(sqlite3* handle)
        : db(handle), open(sqlite3_exec(handle, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK) {}
    ~ReadTransaction() {
        if (open) sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
};

// A title as the protocol carries it: valid UTF-8, and a long question prompt
// cut at a character boundary with an ellipsis to fit kMaxTitleBytes.
std::string shortened_title(const std::string& stored) {
    std::string text = make_valid_utf8(stored);
    if (text.size() <= kMaxTitleBytes) return text;
    const std::string ellipsis = "\u2026";
    return std::string(utf8_prefix(text, kMaxTitleBytes - ellipsis.size())) + ellipsis;
}

} // namespace

std::unique_ptr<RollupOutbox> RollupOutbox::open(const std::string& kiosk_db, std::string& error) {
    std::unique_ptr<telemetry::ReadOnlyKioskDb> db =
        telemetry::ReadOnlyKioskDb::open(kiosk_db, error);
    if (!db) return nullptr;
    std::unique_ptr<RollupOutbox> outbox(new RollupOutbox);
    outbox->epoch_ = telemetry::read_meta(db->handle(), "epoch");
    if (outbox->epoch_.empty()) {
        error = kiosk_db + ": has no epoch in its meta table (not made by the kiosk software?)";
        return nullptr;
    }
    outbox->path_ = kiosk_db;
    outbox->db_ = std::move(db);
    return outbox;
}

RollupOutbox::~RollupOutbox() = default;

int64_t RollupOutbox::synced_seq() const {
    const std::string text = telemetry::read_meta(db_->handle(), "synced_seq");
    return text.empty() ? 0 : std::stoll(text);
}

std::optional<SyncBatch> RollupOutbox::next_batch(int64_t synced_seq, size_t max_buckets,
                                                  std::string& error) const {
    sqlite3* db = db_->handle();
    ReadTransaction transaction(db);
    // The changed_seq of the max_buckets-th bucket after synced_seq: the batch
    // ends with that seq's whole group. No such row: everything that is left.
    SqliteStatement last(db, "SELECT changed_seq FROM rollups WHERE changed_seq > ?1 "
                             "ORDER BY changed_seq LIMIT 1 OFFSET ?2");
    if (!last.ok()) {
        error = path_ + ": cannot read the rollups: " + last.error();
        return std::nullopt;
    }
    last.bind(1, synced_seq).bind(2, int64_t(std::max<size_t>(max_buckets, 1)) - 1);
    int64_t through = last.next() ? last.integer(0) : -1;
    if (through < 0) through = query_int64(db, "SELECT max(changed_seq) FROM rollups", 0);
    return read_range(synced_seq, std::max(through, synced_seq), error);
}

std::optional<SyncBatch> RollupOutbox::all_buckets(std::string& error) const {
    ReadTransaction transaction(db_->handle());
    return read_range(-1, query_int64(db_->handle(), "SELECT max(changed_seq) FROM rollups", 0),
                      error);
}

std::optional<SyncBatch> RollupOutbox::read_range(int64_t after_seq, int64_t through_seq,
                                                  std::string& error) const {
    sqlite3* db = db_->handle();
    SyncBatch batch;
    batch.epoch = epoch_;
    batch.through_seq = std::max<int64_t>(through_seq, 0);
    SqliteStatement rows(db, "SELECT day, subject_kind, subject, metric, value, changed_seq "
                             "FROM rollups WHERE changed_seq > ?1 AND changed_seq <= ?2 "
                             "ORDER BY changed_seq, day, subject_kind, subject, metric");
    rows.bind(1, after_seq).bind(2, through_seq);
    while (rows.next()) {
        Bucket bucket;
        bucket.day = rows.text(0);
        bucket.kind = rows.text(1);
        bucket.subject = rows.text(2);
        bucket.metric = rows.text(3);
        bucket.value = rows.integer(4);
        bucket.seq = rows.integer(5);
        if (bucket_problem(bucket).empty())
            batch.buckets.push_back(std::move(bucket));
        else
            ++rows_left_out_;
    }
    if (!rows.ok()) {
        error = path_ + ": cannot read the rollups: " + rows.error();
        return std::nullopt;
    }
    if (!read_titles(after_seq, through_seq, batch.titles, error)) return std::nullopt;
    return batch;
}

bool RollupOutbox::read_titles(int64_t after_seq, int64_t through_seq,
                               std::vector<SubjectTitle>& titles, std::string& error) const {
    SqliteStatement rows(db_->handle(),
                         "SELECT subject_kind, subject, title_zh, title_en FROM subjects s "
                         "WHERE EXISTS (SELECT 1 FROM rollups r WHERE r.changed_seq > ?1 "
                         "AND r.changed_seq <= ?2 AND r.subject_kind = s.subject_kind "
                         "AND r.subject = s.subject) ORDER BY subject_kind, subject");
    rows.bind(1, after_seq).bind(2, through_seq);
    while (rows.next()) {
        SubjectTitle title{rows.text(0), rows.text(1), shortened_title(rows.text(2)),
                           shortened_title(rows.text(3))};
        if (title_problem(title).empty()) titles.push_back(std::move(title));
    }
    if (!rows.ok()) error = path_ + ": cannot read the subjects' titles: " + rows.error();
    return rows.ok();
}

} // namespace kiosk::sync
