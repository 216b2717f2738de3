// Fuzz target: offline sync bundle files, as `kiosk-hub import FILE` and the
// dashboard's upload form read them (hub::import_bundle: sync::parse_bundle,
// the kiosk's registered Ed25519 key, the payload checked by the sync
// protocol's parser, in slices when large, one store write). The input is the
// file's bytes. A mutated bundle almost never keeps a valid signature, so
// when it parses and names the fuzz store's kiosk, its payload is also signed
// again with the kiosk's (fuzz) key and imported, to reach the payload checks.
// Checked: ok means exactly one store write with valid buckets and no error;
// a refusal has a reason and stored nothing; a re-signed bundle is refused
// only for its payload.
#include "fake_hub_store.h"
#include "fuzz_support.h"

#include "hub/bundle_import.h"
#include "sync/bundle.h"

#include <cstdint>
#include <string>

using namespace kiosk;

namespace {

hub::ImportResult import_checked(fuzz::FakeHubStore& store, const std::string& text) {
    store.reset();
    const hub::ImportResult result = hub::import_bundle(store, text, fuzz::kFuzzNowUtcMs);
    if (result.ok) {
        if (!result.error.empty()) fuzz::broken("an import that is ok has an error", result.error);
        if (store.writes != 1 || store.buckets_written != result.buckets)
            fuzz::broken("an ok import did not store its buckets once");
        if (result.stored < 0 || result.stored > result.buckets)
            fuzz::broken("stored more buckets than the bundle holds");
    } else {
        if (result.error.empty()) fuzz::broken("a refused import without a reason");
        if (store.writes != 0) fuzz::broken("a refused import stored something");
    }
    return result;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static fuzz::FakeHubStore store;
    const std::string text(reinterpret_cast<const char*>(data), size);
    import_checked(store, text);

    std::string error;
    std::optional<sync::Bundle> bundle = sync::parse_bundle(text, error);
    if (!bundle) {
        if (error.empty()) fuzz::broken("parse_bundle refused without a reason");
        return 0;
    }
    if (bundle->kiosk != fuzz::kFuzzKioskId) return 0;
    bundle->signature = to_base64(sign_detached(bundle->payload, fuzz::fuzz_secret_key()));
    const hub::ImportResult resigned = import_checked(store, sync::to_json(*bundle));
    if (!resigned.ok && resigned.error.rfind("payload", 0) != 0)
        fuzz::broken("a bundle signed by its kiosk was refused for something else", resigned.error);
    // The kiosk-side check of the same bundle agrees with the hub's.
    const std::optional<sync::SyncBatch> verified =
        sync::verify_bundle(*bundle, fuzz::fuzz_public_key(), error);
    if (verified.has_value() != resigned.ok)
        fuzz::broken("verify_bundle and import_bundle disagree", error + " / " + resigned.error);
    return 0;
}
