// Fuzz target: assignment snapshots as a kiosk reads them, from the hub's
// GET /api/v1/content/snapshot answer or a USB export's snapshot.json
// (sync::parse_snapshot_envelope, then sync::verify_and_parse_snapshot), and
// a snapshot document on its own. A mutated document almost never keeps its
// signature, so every document that reaches the parser is also signed again
// with the fuzz key, which the target trusts, to reach the field checks.
// Checked: a refusal has a reason; the signed path and parse_snapshot_document
// agree; whatever parses obeys the limits (at most 200 packages, ids unique,
// sizes 1..kMaxSnapshotPackageBytes, URLs on the hub), writes back to a
// document that parses to the same bytes, and decide_snapshot against itself
// answers Same or Expired.
#include "fuzz_support.h"

#include "sync/content_snapshot.h"

#include <cstdint>
#include <set>
#include <string>

using namespace kiosk;

namespace {

void check_parsed(const sync::Snapshot& snapshot) {
    if (snapshot.packages.size() > sync::kMaxSnapshotPackages)
        fuzz::broken("more packages than the limit");
    std::set<std::string> ids;
    for (const sync::SnapshotPackage& package : snapshot.packages) {
        if (!ids.insert(package.id).second) fuzz::broken("a package id listed twice", package.id);
        if (package.size < 1 || package.size > sync::kMaxSnapshotPackageBytes)
            fuzz::broken("a package size out of range");
        if (package.url != sync::package_file_url(package.id, package.version))
            fuzz::broken("a url that is not the hub's path", package.url);
    }
    if (snapshot.version < 1 || snapshot.expires_utc_ms <= snapshot.issued_utc_ms)
        fuzz::broken("a version or expiry out of range");

    const std::string document = sync::snapshot_document(snapshot);
    std::string error;
    const std::optional<sync::Snapshot> again = sync::parse_snapshot_document(document, error);
    if (!again) fuzz::broken("a parsed snapshot's own document is refused", error);
    if (sync::snapshot_document(*again) != document)
        fuzz::broken("a snapshot does not write back to the same document");

    const sync::SignedSnapshot signed_snapshot =
        sync::sign_snapshot(snapshot, fuzz::fuzz_secret_key());
    const sync::SnapshotVerdict verdict =
        sync::decide_snapshot(signed_snapshot, snapshot, signed_snapshot, snapshot, snapshot.kiosk,
                              snapshot.issued_utc_ms);
    if (verdict.decision != sync::SnapshotDecision::Same &&
        verdict.decision != sync::SnapshotDecision::Expired)
        fuzz::broken("a snapshot is not the same as itself", verdict.reason);
}

// The document through the signed path (signed again with the trusted fuzz
// key) and through the parser alone: both must agree.
void check_document(const std::string& document) {
    const std::vector<PublicKey> trusted = {fuzz::fuzz_public_key()};
    const sync::SignedSnapshot resigned = {
        document, sign_detached(sync::snapshot_message(document), fuzz::fuzz_secret_key()),
        fuzz::fuzz_secret_key().id};
    std::string signed_error, plain_error;
    const std::optional<sync::Snapshot> verified =
        sync::verify_and_parse_snapshot(resigned, trusted, signed_error);
    const std::optional<sync::Snapshot> parsed =
        sync::parse_snapshot_document(document, plain_error);
    if (verified.has_value() != parsed.has_value() || signed_error != plain_error)
        fuzz::broken("the signed path and the parser disagree", signed_error + " / " + plain_error);
    if (!parsed) {
        if (plain_error.empty()) fuzz::broken("a refused snapshot without a reason");
        return;
    }
    check_parsed(*parsed);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    check_document(text);

    std::string error;
    const std::optional<sync::SignedSnapshot> envelope = sync::parse_snapshot_envelope(text, error);
    if (!envelope) {
        if (error.empty()) fuzz::broken("parse_snapshot_envelope refused without a reason");
        return 0;
    }
    const std::optional<sync::Snapshot> as_served =
        sync::verify_and_parse_snapshot(*envelope, {fuzz::fuzz_public_key()}, error);
    if (as_served)
        check_parsed(*as_served);
    else if (error.empty())
        fuzz::broken("verify_and_parse_snapshot refused without a reason");
    check_document(envelope->document);
    return 0;
}
