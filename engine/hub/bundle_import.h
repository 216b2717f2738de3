// Applying an offline bundle (docs/sync-protocol.md) to the hub: the bundle's
// signature is checked against the named kiosk's registered public key, then
// its payload is stored exactly as a sync would store it, so importing the same
// bundle twice, or an older one after a newer one, changes nothing. Used by
// `kiosk-hub import FILE` and the dashboard's upload form.
#pragma once

#include "hub_store.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk::hub {

// Why a bundle was not imported, in kinds a manager's page can name in their
// language (`error` has the technical detail, in English).
enum class ImportFailure {
    None,
    NotABundle,   // not the bundle's JSON form
    UnknownKiosk, // no such kiosk at this hub
    NoKioskKey,   // the kiosk has no (valid) registered public key
    BadSignature, // not signed by the kiosk's key
    BadPayload,   // the signed payload is not a valid batch
    Refused,      // the store refused it (e.g. the epoch limit)
    StoreFailed,  // the store could not write
};

struct ImportResult {
    bool ok = false;
    std::string kiosk;   // the bundle's kiosk id (when it could be read)
    int64_t buckets = 0; // in the bundle
    int64_t stored = 0;  // that changed anything
    ImportFailure failure = ImportFailure::None;
    std::string error; // when !ok: what is wrong, naming the field or the check
};

// `received_utc_ms` stands in for the kiosk's last-seen time.
ImportResult import_bundle(HubStore& store, std::string_view bundle_json, int64_t received_utc_ms);

} // namespace kiosk::hub
