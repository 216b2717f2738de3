// The sync endpoint's logic (see sync_api.h): authenticate, check the size,
// parse and validate, store, answer.
#include "sync_api.h"

#include "core/log.h"
#include "credentials.h"

#include <nlohmann/json.hpp>

namespace kiosk::hub {
namespace {

// Whether a body that failed to parse was refused for holding too many
// buckets (413 rather than 400). Only run on the error path.
bool has_too_many_buckets(const std::string& body) {
    const nlohmann::json message = nlohmann::json::parse(body, nullptr, false);
    if (message.is_discarded() || !message.is_object()) return false;
    const auto buckets = message.find("buckets");
    return buckets != message.end() && buckets->is_array() &&
           buckets->size() > sync::kMaxBucketsHardLimit;
}

} // namespace

std::string error_json(const std::string& message) {
    // A parse error quotes the body's bytes, which may not be UTF-8: replace
    // those (U+FFFD) rather than throw, so a refusal is always a JSON answer.
    return nlohmann::json{{"error", message}}.dump(-1, ' ', false,
                                                   nlohmann::json::error_handler_t::replace);
}

std::optional<KioskRecord> authenticate_bearer(HubStore& store, const std::string& authorization,
                                               ApiAnswer& refusal) {
    static const std::string kBearer = "Bearer ";
    if (authorization.rfind(kBearer, 0) != 0) {
        refusal = {401, error_json("missing credentials: send Authorization: Bearer KIOSK_TOKEN")};
        return std::nullopt;
    }
    std::optional<KioskRecord> kiosk =
        authenticate_kiosk(store, authorization.substr(kBearer.size()));
    if (!kiosk) refusal = {401, error_json("unknown or wrong kiosk token")};
    return kiosk;
}

ApiAnswer handle_sync(HubStore& store, const std::string& authorization, const std::string& body,
                      int64_t received_utc_ms, const ContentVersionOf& content_version,
                      const SyncNotices& notices) {
    ApiAnswer refusal;
    const std::optional<KioskRecord> kiosk = authenticate_bearer(store, authorization, refusal);
    if (!kiosk) return refusal;

    if (body.size() > sync::kMaxBodyBytes)
        return {413, error_json("body of " + std::to_string(body.size()) +
                                " bytes, more than the limit of " +
                                std::to_string(sync::kMaxBodyBytes))};
    std::string parse_error;
    const std::optional<sync::SyncBatch> batch = sync::parse_sync_batch(body, parse_error);
    if (!batch) return {has_too_many_buckets(body) ? 413 : 400, error_json(parse_error)};

    int64_t stored = 0;
    std::string store_error;
    const SyncResult result =
        store.apply_sync({kiosk->id, &*batch, received_utc_ms}, stored, store_error);
    if (result.outcome == SyncResult::refused) return {409, error_json(store_error)};
    if (result.outcome != SyncResult::stored)
        return {503,
                error_json("the hub could not store the batch, nothing was stored: " + store_error),
                kStoreRetryAfterS};
    sync::SyncAnswer answer;
    answer.acknowledged_through_seq = batch->through_seq;
    answer.stored = stored;
    answer.server_utc_ms = received_utc_ms;
    answer.clock_skew_ms = batch->heartbeat.clock_utc_ms - received_utc_ms;
    if (content_version) answer.content_snapshot_version = content_version(kiosk->id);
    if (notices.store) {
        if (batch->heartbeat.notice_receipts &&
            !notices.store->store_receipts(kiosk->id, kiosk->venue,
                                           *batch->heartbeat.notice_receipts, received_utc_ms,
                                           store_error))
            log_warning("kiosk " + kiosk->id +
                        ": its notice receipts were not stored: " + store_error);
        // The batch is stored: a notice version that cannot be read is left
        // out of the answer (the kiosk's own polls still ask), not a failure.
        if (notices.answer_version) try {
                answer.notices_version = notices.store->version();
            } catch (const StoreReadError& failure) {
                log_warning("kiosk " + kiosk->id +
                            ": the notice version is left out of its answer: " + failure.what());
            }
    }
    return {200, sync::to_json(answer)};
}

} // namespace kiosk::hub
