// Importing an offline bundle (see bundle_import.h): reading the bundle,
// checking its Ed25519 signature against the kiosk's registered key, validating
// the payload with the sync protocol's own parser, and storing it with the
// same HubStore::apply_sync a sync uses. Two things differ from a sync and are
// decided here:
//
// * Size. A sync request holds at most kMaxBucketsHardLimit (50,000) buckets;
//   a bundle holds every bucket of a kiosk.db, which for a busy kiosk offline
//   for a year can be more. After the signature is checked the payload is
//   validated in slices of at most that many buckets (each slice by
//   parse_sync_batch, so a bundle obeys exactly the rules of a sync), up to
//   kMaxBundleBuckets, and then stored in ONE apply_sync: all or nothing.
// * Values and epochs. The payload obeys a sync's bounds (each bucket's value
//   at most what a kiosk produces in a day, checked by parse_sync_batch) and
//   the epoch limit, counted by the hub's clock at import.
// * The heartbeat. A bundle's heartbeat describes the kiosk when it was
//   exported, possibly weeks before the import. Its last-seen time is the
//   kiosk's clock at export, capped at the import time (`received_utc_ms`), so
//   the skew is 0 unless the kiosk's clock was ahead of the hub's at import.
//   It replaces the kiosk's status only when it is newer (by the kiosk's own
//   clock) than the status the hub holds; otherwise the stored status is
//   written back unchanged, so an old or repeated bundle changes nothing.
//   Its export time, uncapped, is a contact in the kiosk's availability
//   history (HubStore::apply_sync refuses one later than the import).
#include "bundle_import.h"

#include "sync/bundle.h"

#include <nlohmann/json.hpp>

namespace kiosk::hub {
namespace {

// About 2,700 buckets a day for a year: far beyond any real kiosk.db, and
// small enough (some hundreds of MB of JSON) to hold in memory at the hub.
constexpr size_t kMaxBundleBuckets = 1000000;

ImportResult refused(ImportResult result, ImportFailure failure, std::string error) {
    result.ok = false;
    result.failure = failure;
    result.error = std::move(error);
    return result;
}

std::optional<PublicKey> registered_key(const KioskRecord& kiosk) {
    const std::optional<std::string> bytes = from_base64(kiosk.public_key);
    if (!bytes || bytes->size() != PublicKey{}.key.size()) return std::nullopt;
    PublicKey key;
    std::copy(bytes->begin(), bytes->end(), key.key.begin());
    key.id = "registered for " + kiosk.id;
    return key;
}

// The payload as a batch: parse_sync_batch itself when the bucket count is
// within a sync's bound, otherwise slice by slice (see the top of the file).
std::optional<sync::SyncBatch> parse_payload(const std::string& payload, std::string& error) {
    nlohmann::json message = nlohmann::json::parse(payload, nullptr, false);
    const bool oversized = !message.is_discarded() && message.is_object() &&
                           message.contains("buckets") && message["buckets"].is_array() &&
                           message["buckets"].size() > sync::kMaxBucketsHardLimit;
    if (!oversized) {
        std::optional<sync::SyncBatch> batch = sync::parse_sync_batch(payload, error);
        if (!batch) error = "payload: " + error;
        return batch;
    }
    nlohmann::json buckets = std::move(message["buckets"]);
    if (buckets.size() > kMaxBundleBuckets) {
        error = "payload: buckets: " + std::to_string(buckets.size()) +
                " buckets, more than a bundle's limit of " + std::to_string(kMaxBundleBuckets);
        return std::nullopt;
    }
    std::optional<sync::SyncBatch> whole;
    for (size_t first = 0; first < buckets.size(); first += sync::kMaxBucketsHardLimit) {
        const size_t last = std::min(buckets.size(), first + sync::kMaxBucketsHardLimit);
        message["buckets"] =
            nlohmann::json(buckets.begin() + ptrdiff_t(first), buckets.begin() + ptrdiff_t(last));
        std::string slice_error;
        std::optional<sync::SyncBatch> slice = sync::parse_sync_batch(message.dump(), slice_error);
        if (!slice) {
            error = "payload (buckets from index " + std::to_string(first) + "): " + slice_error;
            return std::nullopt;
        }
        if (!whole) {
            whole = std::move(slice);
            whole->buckets.reserve(buckets.size());
        } else {
            whole->buckets.insert(whole->buckets.end(), slice->buckets.begin(),
                                  slice->buckets.end());
        }
    }
    return whole;
}

// The heartbeat the hub already holds for `kiosk`, as a batch would carry it.
sync::Heartbeat stored_heartbeat(const KioskRecord& kiosk) {
    sync::Heartbeat heartbeat;
    heartbeat.software_version = kiosk.software_version;
    const nlohmann::json content = nlohmann::json::parse(kiosk.content_json, nullptr, false);
    if (content.is_array())
        for (const nlohmann::json& entry : content)
            if (entry.is_object() && entry.value("id", nlohmann::json()).is_string() &&
                entry.value("version", nlohmann::json()).is_string())
                heartbeat.content.push_back(
                    {entry["id"].get<std::string>(), entry["version"].get<std::string>()});
    heartbeat.uptime_s = kiosk.uptime_s;
    heartbeat.disk_free_mb = kiosk.disk_free_mb;
    heartbeat.errors = kiosk.errors;
    heartbeat.clock_utc_ms = kiosk.last_seen_utc_ms + kiosk.clock_skew_ms;
    std::string unused;
    if (!kiosk.content_state_json.empty())
        heartbeat.content_state = sync::parse_content_state(kiosk.content_state_json, unused);
    return heartbeat;
}

} // namespace

ImportResult import_bundle(HubStore& store, std::string_view bundle_json, int64_t received_utc_ms) {
    ImportResult result;
    std::string error;
    const std::optional<sync::Bundle> bundle = sync::parse_bundle(bundle_json, error);
    if (!bundle) return refused(result, ImportFailure::NotABundle, "not a sync bundle: " + error);
    result.kiosk = bundle->kiosk;

    const std::optional<KioskRecord> kiosk = store.find_kiosk(bundle->kiosk);
    if (!kiosk)
        return refused(result, ImportFailure::UnknownKiosk,
                       "kiosk: no kiosk " + bundle->kiosk + " at this hub");
    if (kiosk->public_key.empty())
        return refused(result, ImportFailure::NoKioskKey,
                       "kiosk " + kiosk->id +
                           " has no registered public key (add the kiosk with "
                           "admin add-kiosk --public-key)");
    const std::optional<PublicKey> key = registered_key(*kiosk);
    if (!key)
        return refused(result, ImportFailure::NoKioskKey,
                       "kiosk " + kiosk->id + "'s registered public key is not valid");

    const std::optional<std::string> signature = from_base64(bundle->signature);
    if (!signature)
        return refused(result, ImportFailure::BadSignature,
                       "signature: expected base64 of an Ed25519 signature");
    if (!verify_detached(bundle->payload, *signature, *key))
        return refused(result, ImportFailure::BadSignature,
                       "signature: does not match kiosk " + kiosk->id +
                           "'s registered key (signed by another key, or changed "
                           "after signing)");

    std::optional<sync::SyncBatch> batch = parse_payload(bundle->payload, error);
    if (!batch) return refused(result, ImportFailure::BadPayload, error);
    result.buckets = int64_t(batch->buckets.size());

    // The kiosk's clock at export against its clock when the hub last heard
    // from it: only a newer bundle replaces the kiosk's status.
    const int64_t exported_utc_ms = batch->heartbeat.clock_utc_ms;
    int64_t last_seen_utc_ms = std::min(exported_utc_ms, received_utc_ms);
    const sync::Heartbeat known = stored_heartbeat(*kiosk);
    if (batch->heartbeat.clock_utc_ms <= known.clock_utc_ms) {
        batch->heartbeat = known;
        last_seen_utc_ms = kiosk->last_seen_utc_ms;
    }

    int64_t stored = 0;
    // The epoch limit counts by the hub's clock: the bundle's own clock is
    // whatever its signer wrote. The export time is a contact in the kiosk's
    // history (the store refuses one later than the hub's clock).
    const SyncResult applied = store.apply_sync(
        {kiosk->id, &*batch, last_seen_utc_ms, received_utc_ms, exported_utc_ms}, stored, error);
    if (applied.outcome == SyncResult::refused)
        return refused(result, ImportFailure::Refused,
                       "the bundle was refused, nothing was stored: " + error);
    if (!applied)
        return refused(result, ImportFailure::StoreFailed,
                       "the hub could not store the bundle, nothing was stored: " + error);
    result.stored = stored;
    result.ok = true;
    return result;
}

} // namespace kiosk::hub
