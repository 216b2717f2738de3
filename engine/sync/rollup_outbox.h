// The kiosk's side of what the hub has not acknowledged yet: reads the rollups
// of kiosk.db through its own read-only connection (WAL lets it read beside
// the event store's writer) and cuts them into sync batches by changed_seq,
// each with the titles of its subjects, as docs/sync-protocol.md describes.
// It never writes: the sync client stores the hub's acknowledgement through
// EventStore::acknowledge_synced.
#pragma once

#include "sync_protocol.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::telemetry {
class ReadOnlyKioskDb;
}

namespace kiosk::sync {

class RollupOutbox {
public:
    // Opens DATA/kiosk.db read-only. nullptr with `error` naming the file when
    // it is missing, not a kiosk database, or of another schema version.
    static std::unique_ptr<RollupOutbox> open(const std::string& kiosk_db, std::string& error);
    ~RollupOutbox();
    RollupOutbox(const RollupOutbox&) = delete;
    RollupOutbox& operator=(const RollupOutbox&) = delete;

    // meta.epoch: the random id the database was made with.
    const std::string& epoch() const { return epoch_; }
    // meta.synced_seq as stored now (0 when missing).
    int64_t synced_seq() const;

    // The buckets changed after `synced_seq`, oldest change first: about
    // `max_buckets` of them, always with every bucket of the last changed_seq
    // taken, so through_seq (that seq) covers everything up to it. No buckets
    // and through_seq = synced_seq when nothing is left. The heartbeat is the
    // caller's to fill. nullopt with `error` when the database cannot be read.
    std::optional<SyncBatch> next_batch(int64_t synced_seq, size_t max_buckets,
                                        std::string& error) const;
    // Every bucket (an offline bundle is complete on its own); through_seq is
    // the highest changed_seq.
    std::optional<SyncBatch> all_buckets(std::string& error) const;

    // Rows the protocol cannot carry (see bucket_problem), left out of batches
    // so that one bad row cannot stop every sync; counted since open.
    int64_t rows_left_out() const { return rows_left_out_; }

private:
    RollupOutbox() = default;
    std::optional<SyncBatch> read_range(int64_t after_seq, int64_t through_seq,
                                        std::string& error) const;
    // The titles of the subjects with buckets in (after_seq, through_seq].
    bool read_titles(int64_t after_seq, int64_t through_seq, std::vector<SubjectTitle>& titles,
                     std::string& error) const;

    std::unique_ptr<telemetry::ReadOnlyKioskDb> db_;
    std::string path_, epoch_;
    mutable int64_t rows_left_out_ = 0;
};

} // namespace kiosk::sync
