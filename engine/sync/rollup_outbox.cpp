// RollupOutbox: the SQL that cuts kiosk.db's rollups into sync batches (each
// batch read inside one read transaction, so a commit by the writer between
// two statements cannot split a changed_seq group), and the pre-send check of
// every bucket against the protocol's field rules.
#include "rollup_outbox.h"

#include "core/data_reader.h"
#include "telemetry/schema.h"
#include "telemetry/sqlite_helpers.h"
#include "telemetry/stats_report.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>

namespace kiosk::sync {
namespace {

constexpr int64_t kMaxJsonInteger = int64_t(1) << 53;
constexpr std::array<std::string_view, 8> kKinds = {"kiosk", "hour",     "screen", "exhibit",
                                                    "quiz",  "question", "option", "content"};

std::string column_text(sqlite3_stmt* statement, int column) {
    const unsigned char* text = sqlite3_column_text(statement, column);
    return text ? std::string(reinterpret_cast<const char*>(text),
                              size_t(sqlite3_column_bytes(statement, column)))
                : std::string();
}

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

} // namespace

std::string bucket_problem(const Bucket& bucket) {
    if (!telemetry::is_valid_day(bucket.day)) return "day \"" + bucket.day + "\" is not a date";
    if (std::find(kKinds.begin(), kKinds.end(), bucket.kind) == kKinds.end())
        return "unknown kind \"" + bucket.kind + "\"";
    if (bucket.subject.size() > 256 || !is_valid_utf8(bucket.subject))
        return "subject is not 0..256 bytes of UTF-8";
    const bool metric_ok = !bucket.metric.empty() && bucket.metric.size() <= 32 &&
                           std::all_of(bucket.metric.begin(), bucket.metric.end(), [](char c) {
                               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                           });
    if (!metric_ok) return "metric \"" + bucket.metric + "\" is not 1..32 of a-z 0-9 _";
    if (bucket.value < 0 || bucket.value > kMaxJsonInteger)
        return "value " + std::to_string(bucket.value) + " is outside 0..2^53";
    if (bucket.seq < 0 || bucket.seq > kMaxJsonInteger) return "seq is outside 0..2^53";
    return "";
}

std::unique_ptr<RollupOutbox> RollupOutbox::open(const std::string& kiosk_db, std::string& error) {
    std::unique_ptr<telemetry::StatsDatabase> db = telemetry::StatsDatabase::open(kiosk_db, error);
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
    sqlite3_stmt* statement = nullptr;
    int64_t through = -1;
    if (sqlite3_prepare_v2(db,
                           "SELECT changed_seq FROM rollups WHERE changed_seq > ?1 "
                           "ORDER BY changed_seq LIMIT 1 OFFSET ?2",
                           -1, &statement, nullptr) != SQLITE_OK) {
        error = path_ + ": cannot read the rollups: " + sqlite3_errmsg(db);
        return std::nullopt;
    }
    sqlite3_bind_int64(statement, 1, synced_seq);
    sqlite3_bind_int64(statement, 2, int64_t(std::max<size_t>(max_buckets, 1)) - 1);
    if (sqlite3_step(statement) == SQLITE_ROW) through = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    if (through < 0)
        through = telemetry::query_int64(db, "SELECT max(changed_seq) FROM rollups", 0);
    return read_range(synced_seq, std::max(through, synced_seq), error);
}

std::optional<SyncBatch> RollupOutbox::all_buckets(std::string& error) const {
    ReadTransaction transaction(db_->handle());
    return read_range(
        -1, telemetry::query_int64(db_->handle(), "SELECT max(changed_seq) FROM rollups", 0),
        error);
}

std::optional<SyncBatch> RollupOutbox::read_range(int64_t after_seq, int64_t through_seq,
                                                  std::string& error) const {
    sqlite3* db = db_->handle();
    SyncBatch batch;
    batch.epoch = epoch_;
    batch.through_seq = std::max<int64_t>(through_seq, 0);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db,
                           "SELECT day, subject_kind, subject, metric, value, changed_seq "
                           "FROM rollups WHERE changed_seq > ?1 AND changed_seq <= ?2 "
                           "ORDER BY changed_seq, day, subject_kind, subject, metric",
                           -1, &statement, nullptr) != SQLITE_OK) {
        error = path_ + ": cannot read the rollups: " + sqlite3_errmsg(db);
        return std::nullopt;
    }
    sqlite3_bind_int64(statement, 1, after_seq);
    sqlite3_bind_int64(statement, 2, through_seq);
    int code = SQLITE_ROW;
    while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
        Bucket bucket;
        bucket.day = column_text(statement, 0);
        bucket.kind = column_text(statement, 1);
        bucket.subject = column_text(statement, 2);
        bucket.metric = column_text(statement, 3);
        bucket.value = sqlite3_column_int64(statement, 4);
        bucket.seq = sqlite3_column_int64(statement, 5);
        if (bucket_problem(bucket).empty())
            batch.buckets.push_back(std::move(bucket));
        else
            ++rows_left_out_;
    }
    if (code != SQLITE_DONE) error = path_ + ": cannot read the rollups: " + sqlite3_errmsg(db);
    sqlite3_finalize(statement);
    if (code != SQLITE_DONE) return std::nullopt;
    return batch;
}

} // namespace kiosk::sync
