// The snapshot issuer (see content_snapshots.h).
#include "content_snapshots.h"

#include <sodium.h>

namespace kiosk::hub {
namespace {

constexpr int kStoreAttempts = 3; // another hub process may store between our read and write

std::string hex_of(const unsigned char* bytes, size_t size) {
    static const char* const kDigits = "0123456789abcdef";
    std::string text;
    for (size_t i = 0; i < size; ++i) {
        text.push_back(kDigits[bytes[i] >> 4]);
        text.push_back(kDigits[bytes[i] & 15]);
    }
    return text;
}

bool still_fresh(const StoredSnapshot& stored, const std::string& fingerprint, int64_t now_utc_ms) {
    const int64_t half_life = (stored.expires_utc_ms - stored.issued_utc_ms) / 2;
    return stored.fingerprint == fingerprint && now_utc_ms < stored.issued_utc_ms + half_life;
}

// Signs the next version; nullopt with `error` when the kiosks would refuse it.
std::optional<StoredSnapshot> make_next(const std::optional<StoredSnapshot>& previous,
                                        const std::vector<AssignedPackage>& assigned,
                                        const std::string& fingerprint, const SecretKey& key,
                                        const std::string& kiosk, const SnapshotPolicy& policy,
                                        int64_t now_utc_ms, std::string& error) {
    sync::Snapshot snapshot;
    snapshot.kiosk = kiosk;
    snapshot.version = previous ? previous->version + 1 : 1;
    snapshot.issued_utc_ms = now_utc_ms - now_utc_ms % kMsPerSecond; // the JSON's whole seconds
    snapshot.expires_utc_ms = snapshot.issued_utc_ms + policy.lifetime_ms;
    for (const AssignedPackage& package : assigned)
        snapshot.packages.push_back({package.id, package.version, package.size, package.sha256,
                                     sync::package_file_url(package.id, package.version)});
    const sync::SignedSnapshot signed_snapshot = sync::sign_snapshot(snapshot, key);
    // What a kiosk would refuse is not issued: it would stop the kiosk's updates.
    if (!sync::parse_snapshot_document(signed_snapshot.document, error)) {
        error =
            "kiosk " + kiosk + ": the assigned packages make a snapshot kiosks refuse: " + error;
        return std::nullopt;
    }
    StoredSnapshot stored;
    stored.kiosk = kiosk;
    stored.version = snapshot.version;
    stored.fingerprint = fingerprint;
    stored.issued_utc_ms = snapshot.issued_utc_ms;
    stored.expires_utc_ms = snapshot.expires_utc_ms;
    stored.document = signed_snapshot.document;
    stored.signature = signed_snapshot.signature;
    stored.key_id = signed_snapshot.key_id;
    return stored;
}

} // namespace

std::string assignment_fingerprint(const std::vector<AssignedPackage>& packages,
                                   const std::string& key_id) {
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    const auto add = [&](const std::string& field) {
        const std::string framed = std::to_string(field.size()) + ":" + field;
        crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(framed.data()),
                                  framed.size());
    };
    add(key_id);
    for (const AssignedPackage& package : packages) {
        add(package.id);
        add(package.version);
        add(package.sha256);
        add(std::to_string(package.size));
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state, digest);
    return hex_of(digest, sizeof digest);
}

std::optional<StoredSnapshot> current_snapshot(LibraryStore& library, const SecretKey& key,
                                               const std::string& kiosk,
                                               const SnapshotPolicy& policy, int64_t now_utc_ms,
                                               std::string& error) {
    const std::vector<AssignedPackage> assigned =
        library.assigned_packages(kiosk, local_day(now_utc_ms, policy.utc_offset_min));
    const std::string fingerprint = assignment_fingerprint(assigned, key.id);
    for (int attempt = 0; attempt < kStoreAttempts; ++attempt) {
        const std::optional<StoredSnapshot> stored = library.last_snapshot(kiosk);
        if (stored && still_fresh(*stored, fingerprint, now_utc_ms)) return stored;
        std::optional<StoredSnapshot> next =
            make_next(stored, assigned, fingerprint, key, kiosk, policy, now_utc_ms, error);
        if (!next) return std::nullopt;
        if (library.store_snapshot(*next, error)) return next;
    }
    error = "kiosk " + kiosk + ": could not store a new snapshot: " + error;
    return std::nullopt;
}

sync::SignedSnapshot signed_snapshot_of(const StoredSnapshot& stored) {
    return {stored.document, stored.signature, stored.key_id};
}

} // namespace kiosk::hub
