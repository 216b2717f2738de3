// Offline sync bundles (docs/sync-protocol.md, "Offline bundles"): a kiosk's
// SyncBatch as JSON text, signed with the kiosk's Ed25519 key, for mobile
// exhibits that reach the hub on a USB stick instead of a network. This file
// owns signing a batch into a Bundle and checking a Bundle back into a batch;
// the JSON forms of both are sync_protocol.h's.
#pragma once

#include "core/signing_keys.h"
#include "sync_protocol.h"

#include <optional>
#include <string>

namespace kiosk::sync {

// payload = to_json(batch), signature = base64 of the Ed25519 signature over
// the payload's bytes.
Bundle make_bundle(const std::string& kiosk_id, const SyncBatch& batch, const SecretKey& key);

// The batch inside `bundle` when its signature is `key`'s over the payload
// and the payload is a valid batch; nullopt with `error` otherwise.
std::optional<SyncBatch> verify_bundle(const Bundle& bundle, const PublicKey& key,
                                       std::string& error);

} // namespace kiosk::sync
