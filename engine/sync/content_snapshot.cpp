// The assignment snapshot (content_snapshot.h): its canonical JSON, the
// Ed25519 signature over "kiosk-snapshot-v1\0" and the exact document bytes,
// the strict parser that checks every field against plausible limits, the
// served envelope, the kiosk's acceptance rules and the heartbeat's content
// state. The signature is checked before a byte of the document is parsed.
#include "content_snapshot.h"

#include "content_state_json.h"
#include "json_fields.h"

#include "core/civil_time.h"
#include "core/content_ids.h"
#include "core/utf8_text.h"

#include <algorithm>
#include <array>
#include <set>

namespace kiosk::sync {
namespace {

using namespace json_fields;
using nlohmann::json;
using nlohmann::ordered_json;

constexpr size_t kMaxUrlBytes = 256;
constexpr size_t kMaxLastImportBytes = 1024;
constexpr std::array<std::string_view, 5> kContentStates = {"none", "up_to_date", "downloading",
                                                            "failed", "expired"};

bool is_lower_hex(std::string_view text, size_t length) {
    return text.size() == length && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

SnapshotPackage parse_package(const json& value, const std::string& path) {
    check_object(value, path, {"id", "version", "size", "sha256", "url"});
    SnapshotPackage package;
    constexpr const char* kIdRule = "expected a content id: 3..48 of a-z 0-9 -";
    package.id = string_field(value, path, "id", kMinContentIdLength, kMaxContentIdLength, kIdRule);
    if (!is_valid_content_id(package.id)) fail(path + ".id", kIdRule);
    constexpr const char* kVersionRule = "expected a version MAJOR.MINOR.PATCH of at most 32 bytes";
    package.version =
        string_field(value, path, "version", 5, kMaxSnapshotVersionBytes, kVersionRule);
    if (!is_valid_content_version(package.version)) fail(path + ".version", kVersionRule);
    package.size = integer_field(value, path, "size", 1, kMaxSnapshotPackageBytes);
    constexpr const char* kShaRule = "expected 64 lowercase hex digits";
    package.sha256 = string_field(value, path, "sha256", 64, 64, kShaRule);
    if (!is_lower_hex(package.sha256, 64)) fail(path + ".sha256", kShaRule);
    const std::string expected_url = package_file_url(package.id, package.version);
    const std::string url_rule = "expected the hub path \"" + expected_url + "\"";
    package.url = string_field(value, path, "url", 1, kMaxUrlBytes, "expected a hub path");
    if (package.url != expected_url) fail(path + ".url", url_rule);
    return package;
}

Snapshot parse_snapshot_value(const json& message) {
    check_object(message, "", {"format", "kiosk", "version", "issued", "expires", "packages"});
    const json& format = message.at("format");
    if (!format.is_string() || format.get_ref<const std::string&>() != kSnapshotFormat)
        fail("format", std::string("expected \"") + kSnapshotFormat + "\"");
    Snapshot snapshot;
    constexpr const char* kKioskRule = "expected a kiosk id: 1..64 of A-Z a-z 0-9 - _";
    snapshot.kiosk = string_field(message, "", "kiosk", 1, kMaxHubIdLength, kKioskRule);
    if (!is_valid_hub_id(snapshot.kiosk)) fail("kiosk", kKioskRule);
    snapshot.version = integer_field(message, "", "version", 1, kMaxSafeInteger);
    snapshot.issued_utc_ms = time_field(message, "", "issued");
    snapshot.expires_utc_ms = time_field(message, "", "expires");
    if (snapshot.expires_utc_ms <= snapshot.issued_utc_ms)
        fail("expires", "expected a time after issued");
    const json& packages = message.at("packages");
    if (!packages.is_array()) fail("packages", "expected an array");
    if (packages.size() > kMaxSnapshotPackages)
        fail("packages", std::to_string(packages.size()) + " packages, more than the limit of " +
                             std::to_string(kMaxSnapshotPackages));
    std::set<std::string> ids;
    for (size_t i = 0; i < packages.size(); ++i) {
        const std::string path = "packages[" + std::to_string(i) + "]";
        snapshot.packages.push_back(parse_package(packages[i], path));
        if (!ids.insert(snapshot.packages.back().id).second)
            fail(path + ".id", "\"" + snapshot.packages.back().id + "\" is listed twice");
    }
    return snapshot;
}

ContentFailure parse_failure(const json& value, const std::string& path) {
    check_object(value, path, {"id", "version", "reason"});
    ContentFailure failure;
    constexpr const char* kIdRule = "expected \"\" or a content id: 3..48 of a-z 0-9 -";
    failure.id = string_field(value, path, "id", 0, kMaxContentIdLength, kIdRule);
    if (!failure.id.empty() && !is_valid_content_id(failure.id)) fail(path + ".id", kIdRule);
    constexpr const char* kVersionRule = "expected \"\" or a version MAJOR.MINOR.PATCH";
    failure.version =
        string_field(value, path, "version", 0, kMaxSnapshotVersionBytes, kVersionRule);
    if (!failure.version.empty() && !is_valid_content_version(failure.version))
        fail(path + ".version", kVersionRule);
    failure.reason = make_showable_text(string_field(
        value, path, "reason", 1, kMaxFailureReasonBytes, "expected 1..256 bytes of valid UTF-8"));
    return failure;
}

} // namespace

std::string snapshot_message(std::string_view document) {
    return signed_document_message(kSnapshotFormat, document);
}

std::string package_file_url(const std::string& id, const std::string& version) {
    return std::string(kContentFilesPath) + id + "/" + version;
}

std::string snapshot_document(const Snapshot& snapshot) {
    ordered_json packages = ordered_json::array();
    for (const SnapshotPackage& package : snapshot.packages)
        packages.push_back({{"id", package.id},
                            {"version", package.version},
                            {"size", package.size},
                            {"sha256", package.sha256},
                            {"url", package.url}});
    const ordered_json document = {{"format", kSnapshotFormat},
                                   {"kiosk", snapshot.kiosk},
                                   {"version", snapshot.version},
                                   {"issued", iso_utc_seconds(snapshot.issued_utc_ms)},
                                   {"expires", iso_utc_seconds(snapshot.expires_utc_ms)},
                                   {"packages", std::move(packages)}};
    return document.dump();
}

SignedSnapshot sign_snapshot(const Snapshot& snapshot, const SecretKey& key) {
    return sign_document(kSnapshotFormat, snapshot_document(snapshot), key);
}

std::optional<Snapshot> parse_snapshot_document(std::string_view document, std::string& error) {
    if (document.size() > kMaxSnapshotBytes) {
        error = "document: " + std::to_string(document.size()) + " bytes, more than the limit of " +
                std::to_string(kMaxSnapshotBytes);
        return std::nullopt;
    }
    return parse_with<Snapshot>(document, error, parse_snapshot_value);
}

std::optional<Snapshot> verify_and_parse_snapshot(const SignedSnapshot& signed_snapshot,
                                                  const std::vector<PublicKey>& trusted,
                                                  std::string& error) {
    if (trusted.empty()) {
        error =
            "no trusted_content_keys: a snapshot cannot be checked without the hub's content key";
        return std::nullopt;
    }
    if (!verify_document(kSnapshotFormat, signed_snapshot, trusted, error)) return std::nullopt;
    return parse_snapshot_document(signed_snapshot.document, error);
}

std::string envelope_to_json(const SignedSnapshot& signed_snapshot) {
    return signed_document_to_json(signed_snapshot);
}

std::optional<SignedSnapshot> parse_snapshot_envelope(std::string_view text, std::string& error) {
    std::optional<SignedSnapshot> envelope = parse_signed_document(text, kMaxSnapshotBytes, error);
    if (!envelope && error.rfind("envelope: ", 0) == 0) error.insert(0, "snapshot ");
    return envelope;
}

SnapshotVerdict decide_snapshot(const std::optional<SignedSnapshot>& accepted_signed,
                                const std::optional<Snapshot>& accepted,
                                const SignedSnapshot& candidate_signed, const Snapshot& candidate,
                                const std::string& own_kiosk, int64_t now_utc_ms) {
    const std::string version = std::to_string(candidate.version);
    if (candidate.kiosk != own_kiosk)
        return {SnapshotDecision::WrongKiosk, "snapshot " + version + " was made for kiosk \"" +
                                                  candidate.kiosk + "\", not this kiosk (\"" +
                                                  own_kiosk + "\")"};
    if (accepted) {
        const std::string accepted_version = std::to_string(accepted->version);
        if (candidate.version < accepted->version)
            return {SnapshotDecision::Rollback, "snapshot " + version +
                                                    " is older than the accepted snapshot " +
                                                    accepted_version + " (rollback)"};
        if (candidate.version == accepted->version) {
            const std::string accepted_document =
                accepted_signed ? accepted_signed->document : snapshot_document(*accepted);
            if (accepted_document != candidate_signed.document)
                return {SnapshotDecision::Equivocation,
                        "snapshot " + version +
                            " differs from the accepted snapshot of the same version (the hub "
                            "signed two histories)"};
        }
    }
    if (candidate.expires_utc_ms <= now_utc_ms)
        return {SnapshotDecision::Expired,
                "snapshot " + version + " expired at " + iso_utc_seconds(candidate.expires_utc_ms)};
    if (accepted && candidate.version == accepted->version)
        return {SnapshotDecision::Same, "snapshot " + version + " is the accepted one"};
    return {SnapshotDecision::Accept, "snapshot " + version + " accepted"};
}

ordered_json content_state_value(const ContentState& state) {
    ordered_json failures = ordered_json::array();
    for (const ContentFailure& failure : state.failures)
        failures.push_back(
            {{"id", failure.id}, {"version", failure.version}, {"reason", failure.reason}});
    return {{"snapshot_version", state.snapshot_version},
            {"state", state.state},
            {"have", state.have},
            {"need", state.need},
            {"pending_version", state.pending_version},
            {"failures", std::move(failures)},
            {"last_import", state.last_import}};
}

ContentState parse_content_state_value(const json& value, const std::string& path) {
    check_object(value, path,
                 {"snapshot_version", "state", "have", "need", "pending_version", "failures",
                  "last_import"});
    ContentState state;
    state.snapshot_version = integer_field(value, path, "snapshot_version", 0, kMaxSafeInteger);
    constexpr const char* kStateRule =
        "expected one of none, up_to_date, downloading, failed, expired";
    state.state = string_field(value, path, "state", 1, 16, kStateRule);
    if (std::find(kContentStates.begin(), kContentStates.end(), state.state) ==
        kContentStates.end())
        fail(member_path(path, "state"), kStateRule);
    state.have = integer_field(value, path, "have", 0, int64_t(kMaxSnapshotPackages));
    state.need = integer_field(value, path, "need", 0, int64_t(kMaxSnapshotPackages));
    if (state.have > state.need)
        fail(member_path(path, "have"),
             "expected at most need (" + std::to_string(state.need) + ")");
    state.pending_version = integer_field(value, path, "pending_version", 0, kMaxSafeInteger);
    const json& failures = value.at("failures");
    const std::string failures_path = member_path(path, "failures");
    if (!failures.is_array()) fail(failures_path, "expected an array");
    if (failures.size() > kMaxContentFailures)
        fail(failures_path, std::to_string(failures.size()) + " failures, more than the limit of " +
                                std::to_string(kMaxContentFailures));
    for (size_t i = 0; i < failures.size(); ++i)
        state.failures.push_back(
            parse_failure(failures[i], failures_path + "[" + std::to_string(i) + "]"));
    state.last_import =
        make_showable_text(string_field(value, path, "last_import", 0, kMaxLastImportBytes,
                                        "expected 0..1024 bytes of valid UTF-8"));
    return state;
}

std::string to_json(const ContentState& state) {
    return content_state_value(state).dump();
}

std::optional<ContentState> parse_content_state(std::string_view text, std::string& error) {
    return parse_with<ContentState>(
        text, error, [](const json& value) { return parse_content_state_value(value, ""); });
}

} // namespace kiosk::sync
