// The assignment snapshot (issue 17, part 3; docs/content-distribution.md):
// which packages one kiosk is to show, in home-screen order, signed by the
// hub's content key. This file owns its JSON form, the signature over the
// exact served bytes, the plausibility limits on every field, and the kiosk's
// acceptance rules (rollback, same version with other bytes, another kiosk's
// snapshot, expiry). Shared by the hub (it builds and signs) and the kiosk
// (it verifies, parses and accepts); both sides call these functions.
#pragma once

#include "signed_document.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::sync {

constexpr const char* kSnapshotFormat = "kiosk-snapshot-v1";
constexpr size_t kMaxSnapshotPackages = 200;
constexpr size_t kMaxSnapshotBytes = 256 << 10;
constexpr size_t kMaxTrustedContentKeys = 4;
// A package file's largest plausible size: PackageLimits' 1 GiB of content
// plus room for the archive's own tables, signatures and reviews.
constexpr int64_t kMaxSnapshotPackageBytes = (int64_t(1) << 30) + (int64_t(64) << 20);
constexpr size_t kMaxSnapshotVersionBytes = 32; // a package version text
constexpr size_t kMaxContentFailures = 32;
constexpr size_t kMaxFailureReasonBytes = 256;
constexpr const char* kContentFilesPath = "/api/v1/content/files/";

struct SnapshotPackage {
    std::string id;      // a content id (manifest rule, core/content_ids: 3..48 of a-z 0-9 -)
    std::string version; // the manifest's version text (MAJOR.MINOR.PATCH, at most 32 bytes)
    int64_t size = 0;    // bytes of the .kpkg file, 1 .. PackageLimits' total plus overhead
    std::string sha256;  // 64 lowercase hex digits of the .kpkg file
    std::string url;     // a path on the hub ("/api/v1/content/files/ID/VERSION"), never a host
};

struct Snapshot {
    std::string kiosk;
    int64_t version = 0;                   // strictly increasing per kiosk, >= 1
    int64_t issued_utc_ms = 0;             // as "YYYY-MM-DDTHH:MM:SSZ" in JSON
    int64_t expires_utc_ms = 0;            // after issued
    std::vector<SnapshotPackage> packages; // home-screen order, ids unique
};

// The document bytes and the detached signature as served and as stored
// (signed_document.h; key_id is the hub content key's id).
using SignedSnapshot = SignedDocument;

// "kiosk-snapshot-v1", a zero byte, then the document bytes
// (signed_document_message for this format).
std::string snapshot_message(std::string_view document);

// Hub side: the canonical JSON of `snapshot`, signed by `key`.
SignedSnapshot sign_snapshot(const Snapshot& snapshot, const SecretKey& key);

// Kiosk side, step 1: the signature over the exact bytes verifies against one
// of `trusted` (the config's trusted_content_keys), and only then the JSON is
// parsed and every field checked (unknown fields refused). nullopt and
// `error` (naming the field and what was expected) otherwise.
std::optional<Snapshot> verify_and_parse_snapshot(const SignedSnapshot& signed_snapshot,
                                                  const std::vector<PublicKey>& trusted,
                                                  std::string& error);

// The document and the checks of verify_and_parse_snapshot without the
// signature: the hub reading back what it stored, and the fuzz target.
std::optional<Snapshot> parse_snapshot_document(std::string_view document, std::string& error);

// The canonical JSON bytes of `snapshot` (what sign_snapshot signs): fields in
// a fixed order, no spaces, times as "YYYY-MM-DDTHH:MM:SSZ" (rounded down to
// the second, so callers keep whole seconds in issued/expires).
std::string snapshot_document(const Snapshot& snapshot);

// The envelope as served by GET /api/v1/content/snapshot and written to a USB
// export's snapshot.json: signed_document_to_json, and parse_signed_document
// with a document of at most kMaxSnapshotBytes (an envelope over its size
// limit is refused as "snapshot envelope: ..."); the form only, not the
// signature.
std::string envelope_to_json(const SignedSnapshot& signed_snapshot);
std::optional<SignedSnapshot> parse_snapshot_envelope(std::string_view json, std::string& error);

// "/api/v1/content/files/ID/VERSION": where the hub serves a package's file.
std::string package_file_url(const std::string& id, const std::string& version);

// Kiosk side, step 2: whether `candidate` may replace the accepted one.
enum class SnapshotDecision {
    Accept,       // newer, for this kiosk, not expired
    Same,         // the same version and the same bytes: nothing to do
    Rollback,     // a lower version than the accepted one
    Equivocation, // the same version with other bytes
    WrongKiosk,   // made for another kiosk
    Expired,      // expires_utc_ms <= now: keep the last good set, report the freeze
};
struct SnapshotVerdict {
    SnapshotDecision decision = SnapshotDecision::Expired;
    std::string reason; // for the log, the heartbeat and the admin overlay
};
SnapshotVerdict decide_snapshot(const std::optional<SignedSnapshot>& accepted_signed,
                                const std::optional<Snapshot>& accepted,
                                const SignedSnapshot& candidate_signed, const Snapshot& candidate,
                                const std::string& own_kiosk, int64_t now_utc_ms);

// What the kiosk's heartbeat says about its content (part 6), filled by the
// content updater and stored by the hub for the dashboard.
struct ContentFailure {
    std::string id, version;
    std::string
        reason; // "signature", "not reviewed", "review expired", "sha256", "disk", "download: ..."
};
struct ContentState {
    int64_t snapshot_version = 0; // live; 0: no hub content yet
    std::string state;            // "none" | "up_to_date" | "downloading" | "failed" | "expired"
    int64_t have = 0, need = 0;   // packages of the newest accepted snapshot present / in it
    int64_t pending_version = 0;  // the accepted snapshot not yet live, 0 when none
    std::vector<ContentFailure> failures; // at most 32
    std::string last_import;              // "" or "YYYY-MM-DDTHH:MM:SSZ DIR": the last USB import
};

// ContentState as JSON (the heartbeat's optional "content_state"): every field
// always written; parsing refuses unknown and missing fields, a state outside
// the list, have > need, more than kMaxContentFailures failures, a reason over
// kMaxFailureReasonBytes and a last_import over 1 KiB.
std::string to_json(const ContentState& state);
std::optional<ContentState> parse_content_state(std::string_view json, std::string& error);

} // namespace kiosk::sync
