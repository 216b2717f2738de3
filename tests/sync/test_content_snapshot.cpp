// The assignment snapshot (engine/sync/content_snapshot.h) written as the
// attacks it answers: a forged signature, a document edited after signing, a
// key the kiosk does not trust, rollback, equivocation, another kiosk's
// snapshot, an expired one, oversized and duplicated lists, a URL naming a
// host, implausible sizes; then the envelope and the heartbeat's content state.
#include "sync/content_snapshot.h"
#include "sync/sync_protocol.h"

#include "core/civil_time.h"

#include <catch2/catch.hpp>
#include <sodium.h>

#include <string>

using namespace kiosk;
using namespace kiosk::sync;

namespace {

constexpr int64_t kIssued = 1795824000000; // 2026-11-28T00:00:00Z
constexpr int64_t kLifetime = 14 * kMsPerDay;

const std::string kSha(64, 'a');

SnapshotPackage package(const std::string& id, const std::string& version) {
    return {id, version, 524288, kSha, package_file_url(id, version)};
}

Snapshot sample(int64_t version = 17) {
    Snapshot snapshot;
    snapshot.kiosk = "truck-02";
    snapshot.version = version;
    snapshot.issued_utc_ms = kIssued;
    snapshot.expires_utc_ms = kIssued + kLifetime;
    snapshot.packages = {package("pendulum-lab", "1.3.0"), package("quake-quiz", "2.0.1")};
    return snapshot;
}

struct Keys {
    SecretKey hub = generate_key();
    SecretKey other = generate_key();
};

Keys& keys() {
    static Keys made = [] {
        REQUIRE(sodium_init() >= 0);
        return Keys{};
    }();
    return made;
}

// Signs a document given as text (an attacker's edit made before signing).
SignedSnapshot sign_text(const std::string& document, const SecretKey& key) {
    return {document, sign_detached(snapshot_message(document), key), key.id};
}

std::string parse_error(const std::string& document) {
    std::string error;
    const std::optional<Snapshot> parsed = verify_and_parse_snapshot(
        sign_text(document, keys().hub), {keys().hub.public_key()}, error);
    CHECK_FALSE(parsed);
    return error;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("a signed snapshot verifies and parses back to the same fields", "[sync][snapshot]") {
    const SignedSnapshot signed_snapshot = sign_snapshot(sample(), keys().hub);
    CHECK(signed_snapshot.key_id == keys().hub.id);
    CHECK(signed_snapshot.document.rfind("{\"format\":\"kiosk-snapshot-v1\",\"kiosk\":\"truck-02\","
                                         "\"version\":17,\"issued\":\"2026-11-28T00:00:00Z\",",
                                         0) == 0);
    std::string error;
    const std::optional<Snapshot> parsed = verify_and_parse_snapshot(
        signed_snapshot, {keys().other.public_key(), keys().hub.public_key()}, error);
    INFO(error);
    REQUIRE(parsed);
    CHECK(parsed->kiosk == "truck-02");
    CHECK(parsed->version == 17);
    CHECK(parsed->issued_utc_ms == kIssued);
    CHECK(parsed->expires_utc_ms == kIssued + kLifetime);
    REQUIRE(parsed->packages.size() == 2);
    CHECK(parsed->packages[1].id == "quake-quiz");
    CHECK(parsed->packages[1].url == "/api/v1/content/files/quake-quiz/2.0.1");
    CHECK(snapshot_document(*parsed) == signed_snapshot.document);
}

TEST_CASE("a forged or misplaced signature is refused before the document is read",
          "[sync][snapshot]") {
    const SignedSnapshot genuine = sign_snapshot(sample(), keys().hub);
    std::string error;

    SECTION("a signature of random bytes") {
        SignedSnapshot forged = genuine;
        forged.signature = std::string(64, '\x5a');
        CHECK_FALSE(verify_and_parse_snapshot(forged, {keys().hub.public_key()}, error));
        CHECK(error.find("signature: does not verify") != std::string::npos);
    }
    SECTION("the document edited after signing (one more package)") {
        SignedSnapshot edited = genuine;
        edited.document =
            replaced(edited.document, "\"packages\":[",
                     "\"packages\":[{\"id\":\"evil-lab\",\"version\":\"1.0.0\","
                     "\"size\":1,\"sha256\":\"" +
                         kSha + "\",\"url\":\"/api/v1/content/files/evil-lab/1.0.0\"},");
        CHECK_FALSE(verify_and_parse_snapshot(edited, {keys().hub.public_key()}, error));
        CHECK(error.find("signature") == 0);
    }
    SECTION("the version raised after signing") {
        SignedSnapshot edited = genuine;
        edited.document = replaced(edited.document, "\"version\":17", "\"version\":18");
        CHECK_FALSE(verify_and_parse_snapshot(edited, {keys().hub.public_key()}, error));
        CHECK(error.find("signature") == 0);
    }
    SECTION("signed by a key the kiosk does not trust, claiming the trusted key's id") {
        SignedSnapshot other = sign_snapshot(sample(), keys().other);
        other.key_id = keys().hub.id;
        CHECK_FALSE(verify_and_parse_snapshot(other, {keys().hub.public_key()}, error));
        CHECK(error.find("signature: does not verify") != std::string::npos);
    }
    SECTION("a bundle-style signature over the bare document (no format prefix)") {
        SignedSnapshot bare = genuine;
        bare.signature = sign_detached(bare.document, keys().hub);
        CHECK_FALSE(verify_and_parse_snapshot(bare, {keys().hub.public_key()}, error));
    }
    SECTION("a truncated signature") {
        SignedSnapshot cut = genuine;
        cut.signature.resize(63);
        CHECK_FALSE(verify_and_parse_snapshot(cut, {keys().hub.public_key()}, error));
        CHECK(error == "signature: expected 64 bytes, got 63");
    }
    SECTION("no trusted content key configured") {
        CHECK_FALSE(verify_and_parse_snapshot(genuine, {}, error));
        CHECK(error.find("no trusted_content_keys") == 0);
    }
}

TEST_CASE("a signed document with implausible fields is refused naming the field",
          "[sync][snapshot]") {
    const std::string good = snapshot_document(sample());
    CHECK(parse_error(replaced(good, "\"version\":17", "\"version\":17,\"extra\":1")) ==
          "extra: unknown field");
    CHECK(parse_error(replaced(good, "\"url\":\"/api/v1/content/files/pendulum-lab/1.3.0\"",
                               "\"url\":\"/api/v1/content/files/pendulum-lab/1.3.0\",\"x\":0")) ==
          "packages[0].x: unknown field");
    CHECK(parse_error(replaced(good, "kiosk-snapshot-v1", "kiosk-snapshot-v2")) ==
          "format: expected \"kiosk-snapshot-v1\"");
    CHECK(parse_error(replaced(good, "\"version\":17", "\"version\":0")).find("version: ") == 0);
    CHECK(parse_error(replaced(good, "\"version\":17", "\"version\":-3")).find("version: ") == 0);
    CHECK(parse_error(replaced(good, "\"truck-02\"", "\"truck.02\"")).find("kiosk: ") == 0);
    CHECK(parse_error(replaced(good, "2026-11-28T00:00:00Z", "2026-11-28 00:00:00")) ==
          "issued: expected a UTC time YYYY-MM-DDTHH:MM:SSZ");
    CHECK(parse_error(replaced(good, "2026-12-12T00:00:00Z", "2026-11-28T00:00:00Z")) ==
          "expires: expected a time after issued");
    CHECK(parse_error(replaced(good, "2026-12-12T00:00:00Z", "2026-02-30T00:00:00Z"))
              .find("expires: ") == 0);
}

TEST_CASE("a package entry pointing elsewhere or claiming a huge size is refused",
          "[sync][snapshot]") {
    const std::string good = snapshot_document(sample());
    const std::string url = "\"/api/v1/content/files/pendulum-lab/1.3.0\"";
    CHECK(parse_error(replaced(good, url,
                               "\"http://evil.example/api/v1/content/files/"
                               "pendulum-lab/1.3.0\""))
              .find("packages[0].url: expected the hub path") == 0);
    CHECK(parse_error(
              replaced(good, url, "\"//evil.example/api/v1/content/files/pendulum-lab/1.3.0\""))
              .find("packages[0].url") == 0);
    CHECK(parse_error(replaced(good, url, "\"/api/v1/content/files/quake-quiz/2.0.1\""))
              .find("packages[0].url") == 0);
    CHECK(parse_error(replaced(good, url, "\"/api/v1/content/files/pendulum-lab/../../x\""))
              .find("packages[0].url") == 0);
    CHECK(parse_error(replaced(good, "\"size\":524288", "\"size\":1237319680"))
              .find("packages[0].size: expected an integer 1..") == 0);
    CHECK(parse_error(replaced(good, "\"size\":524288", "\"size\":18446744073709551615"))
              .find("packages[0].size") == 0);
    CHECK(parse_error(replaced(good, "\"size\":524288", "\"size\":0")).find("packages[0].size") ==
          0);
    CHECK(parse_error(replaced(good, "\"size\":524288", "\"size\":1e9")).find("packages[0].size") ==
          0);
    CHECK(
        parse_error(replaced(good, "\"sha256\":\"" + kSha, "\"sha256\":\"" + std::string(64, 'A')))
            .find("packages[0].sha256") == 0);
    CHECK(parse_error(replaced(good, "\"pendulum-lab\",\"version\"", "\"../etc\",\"version\""))
              .find("packages[0].id") == 0);
    CHECK(parse_error(replaced(good, "\"version\":\"1.3.0\"", "\"version\":\"1.3.0/../x\""))
              .find("packages[0].version") == 0);
}

TEST_CASE("duplicate ids, too many packages and an oversized document are refused",
          "[sync][snapshot]") {
    Snapshot twice = sample();
    twice.packages.push_back(package("pendulum-lab", "1.4.0"));
    CHECK(parse_error(snapshot_document(twice)) ==
          "packages[2].id: \"pendulum-lab\" is listed twice");

    Snapshot many = sample();
    many.packages.clear();
    for (size_t i = 0; i <= kMaxSnapshotPackages; ++i)
        many.packages.push_back(package("pkg-" + std::to_string(i), "1.0.0"));
    CHECK(parse_error(snapshot_document(many)) ==
          "packages: 201 packages, more than the limit of 200");

    std::string huge = snapshot_document(sample());
    huge.insert(1, std::string(kMaxSnapshotBytes, ' '));
    CHECK(parse_error(huge).find("document: ") == 0);
}

TEST_CASE("the kiosk refuses rollback, equivocation, another kiosk's and expired snapshots",
          "[sync][snapshot]") {
    const SignedSnapshot accepted_signed = sign_snapshot(sample(17), keys().hub);
    const Snapshot accepted = sample(17);
    const int64_t now = kIssued + kMsPerDay;
    const auto decide = [&](const Snapshot& candidate, const std::string& own = "truck-02",
                            int64_t at = kIssued + kMsPerDay) {
        return decide_snapshot(accepted_signed, accepted, sign_snapshot(candidate, keys().hub),
                               candidate, own, at);
    };
    CHECK(decide(sample(18)).decision == SnapshotDecision::Accept);
    CHECK(decide(sample(17)).decision == SnapshotDecision::Same);

    const SnapshotVerdict rollback = decide(sample(16));
    CHECK(rollback.decision == SnapshotDecision::Rollback);
    CHECK(rollback.reason.find("rollback") != std::string::npos);

    Snapshot other_contents = sample(17);
    other_contents.packages.pop_back();
    CHECK(decide(other_contents).decision == SnapshotDecision::Equivocation);

    Snapshot elsewhere = sample(18);
    elsewhere.kiosk = "truck-03";
    CHECK(decide(elsewhere).decision == SnapshotDecision::WrongKiosk);

    CHECK(decide(sample(18), "truck-02", kIssued + kLifetime).decision ==
          SnapshotDecision::Expired);
    CHECK(decide(sample(17), "truck-02", kIssued + kLifetime).decision ==
          SnapshotDecision::Expired);

    // The first snapshot a kiosk sees: nothing accepted yet.
    CHECK(decide_snapshot(std::nullopt, std::nullopt, accepted_signed, accepted, "truck-02", now)
              .decision == SnapshotDecision::Accept);
}

TEST_CASE("the served envelope carries the exact bytes and is parsed strictly",
          "[sync][snapshot]") {
    const SignedSnapshot signed_snapshot = sign_snapshot(sample(), keys().hub);
    const std::string envelope = envelope_to_json(signed_snapshot);
    std::string error;
    const std::optional<SignedSnapshot> read = parse_snapshot_envelope(envelope, error);
    INFO(error);
    REQUIRE(read);
    CHECK(read->document == signed_snapshot.document);
    CHECK(read->signature == signed_snapshot.signature);
    CHECK(read->key_id == signed_snapshot.key_id);

    CHECK_FALSE(
        parse_snapshot_envelope(replaced(envelope, "\"key_id\"", "\"extra\":1,\"key_id\""), error));
    CHECK(error == "extra: unknown field");
    CHECK_FALSE(parse_snapshot_envelope(
        replaced(envelope, "\"signature\":\"", "\"signature\":\"QUFB"), error));
    CHECK(error.find("signature: ") == 0);
    CHECK_FALSE(parse_snapshot_envelope("{\"document\":\"{}\"}", error));
    CHECK_FALSE(parse_snapshot_envelope(std::string(7 * kMaxSnapshotBytes, ' '), error));
    CHECK(error.find("snapshot envelope: ") == 0);
}

TEST_CASE("a heartbeat's content state round-trips and is parsed strictly", "[sync][snapshot]") {
    ContentState state;
    state.snapshot_version = 17;
    state.state = "downloading";
    state.have = 3;
    state.need = 5;
    state.pending_version = 18;
    state.failures.push_back({"pendulum-lab", "1.3.0", "signature"});
    state.last_import = "2026-11-28T00:00:00Z /media/usb";

    SyncBatch batch;
    batch.epoch = "7b044cf3518a07fda0adb414df9d27bf";
    batch.heartbeat.content_state = state;
    std::string error;
    const std::optional<SyncBatch> read = parse_sync_batch(to_json(batch), error);
    INFO(error);
    REQUIRE(read);
    REQUIRE(read->heartbeat.content_state);
    CHECK(to_json(*read->heartbeat.content_state) == to_json(state));

    SyncBatch without = batch;
    without.heartbeat.content_state.reset();
    CHECK(to_json(without).find("content_state") == std::string::npos);
    REQUIRE(parse_sync_batch(to_json(without), error));

    const std::string good = to_json(state);
    CHECK_FALSE(parse_content_state(replaced(good, "\"downloading\"", "\"exploded\""), error));
    CHECK(error.find("state: expected one of") == 0);
    CHECK_FALSE(parse_content_state(replaced(good, "\"have\":3", "\"have\":6"), error));
    CHECK(error == "have: expected at most need (5)");
    CHECK_FALSE(parse_content_state(replaced(good, "\"need\":5", "\"need\":5,\"x\":1"), error));
    CHECK(error == "x: unknown field");
    CHECK_FALSE(parse_content_state(
        replaced(good, "\"signature\"", "\"" + std::string(300, 'r') + "\""), error));
    CHECK(error.find("failures[0].reason") == 0);

    ContentState many = state;
    many.failures.assign(kMaxContentFailures + 1, {"pendulum-lab", "1.3.0", "sha256"});
    CHECK_FALSE(parse_content_state(to_json(many), error));
    CHECK(error == "failures: 33 failures, more than the limit of 32");

    std::string nested = to_json(batch);
    nested = replaced(nested, "\"state\":\"downloading\"", "\"state\":7");
    CHECK_FALSE(parse_sync_batch(nested, error));
    CHECK(error.find("heartbeat.content_state.state") == 0);
}

TEST_CASE("the sync answer's content snapshot version is optional and at least 1",
          "[sync][snapshot]") {
    SyncAnswer answer;
    answer.server_utc_ms = 5;
    CHECK(to_json(answer).find("content_snapshot_version") == std::string::npos);
    answer.content_snapshot_version = 4;
    std::string error;
    const std::optional<SyncAnswer> read = parse_sync_answer(to_json(answer), error);
    REQUIRE(read);
    CHECK(read->content_snapshot_version == 4);
    CHECK_FALSE(parse_sync_answer(replaced(to_json(answer), ":4}", ":0}"), error));
    CHECK(error.find("content_snapshot_version") == 0);
}

TEST_CASE("ISO UTC times parse only in the one form iso_utc_seconds writes", "[sync][snapshot]") {
    CHECK(parse_iso_utc_seconds("2026-11-28T00:00:00Z") == kIssued);
    CHECK(parse_iso_utc_seconds(iso_utc_seconds(kIssued + 3723000)) == kIssued + 3723000);
    for (const char* bad : {"2026-11-28T24:00:00Z", "2026-11-28T00:60:00Z", "2026-11-28T00:00:60Z",
                            "2026-11-28T00:00:00+08:00", "2026-11-28T00:00:00.000Z",
                            "2026-11-28t00:00:00Z", "2026-02-29T00:00:00Z", "2026-11-28T0a:00:00Z"})
        CHECK_FALSE(parse_iso_utc_seconds(bad));
}
