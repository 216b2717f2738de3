// Signing a sync batch into an offline bundle and checking it back.
#include "bundle.h"

namespace kiosk::sync {

Bundle make_bundle(const std::string& kiosk_id, const SyncBatch& batch, const SecretKey& key) {
    Bundle bundle;
    bundle.kiosk = kiosk_id;
    bundle.payload = to_json(batch);
    bundle.signature = to_base64(sign_detached(bundle.payload, key));
    return bundle;
}

std::optional<SyncBatch> verify_bundle(const Bundle& bundle, const PublicKey& key,
                                       std::string& error) {
    const std::optional<std::string> signature = from_base64(bundle.signature);
    if (!signature) {
        error = "signature: expected base64 of an Ed25519 signature";
        return std::nullopt;
    }
    if (!verify_detached(bundle.payload, *signature, key)) {
        error = "the signature does not match kiosk " + bundle.kiosk + "'s key " + key.id +
                " (signed by another key, or changed after signing)";
        return std::nullopt;
    }
    std::string payload_error;
    std::optional<SyncBatch> batch = parse_sync_batch(bundle.payload, payload_error);
    if (!batch) error = "payload: " + payload_error;
    return batch;
}

} // namespace kiosk::sync
