// The snapshot issuer (engine/hub/content_snapshots.h) against an in-memory
// LibraryStore: the version rises when the assignment or the key changes,
// stays while nothing changed, is re-issued after half its lifetime, never
// goes down, and a race with another hub process is settled by reading again.
#include "hub/content_snapshots.h"

#include <catch2/catch.hpp>
#include <sodium.h>

using namespace kiosk;
using namespace kiosk::hub;

namespace {

class FakeLibrary : public LibraryStore {
public:
    std::vector<AssignedPackage> assigned;
    std::optional<StoredSnapshot> stored;
    int stores = 0;
    // Simulates another hub process storing version `race_version` just before us.
    int64_t race_version = 0;

    // The library's own methods are not the issuer's business.
    bool add_publisher(const PublisherRecord&, std::string&) override { return false; }
    std::vector<PublisherRecord> publishers() override { return {}; }
    bool add_reviewer(const ReviewerRecord&, std::string&) override { return false; }
    std::vector<ReviewerRecord> reviewers() override { return {}; }
    AddPackageOutcome add_package(const LibraryPackage&, const std::string&,
                                  std::string&) override {
        return {};
    }
    std::vector<LibraryItem> items() override { return {}; }
    std::optional<LibraryItem> find_item(const std::string&) override { return std::nullopt; }
    bool publish_item(const std::string&, std::string&) override { return false; }
    bool share_item(const std::string&, std::string&) override { return false; }
    bool assign(const std::string&, const std::vector<std::string>&, std::string&) override {
        return false;
    }
    std::vector<KioskAssignment> assignments() override { return {}; }

    std::vector<AssignedPackage> assigned_packages(const std::string&,
                                                   const std::string&) override {
        return assigned;
    }
    std::optional<LibraryPackage> find_package(const std::string&, const std::string&) override {
        return std::nullopt;
    }
    std::optional<StoredSnapshot> last_snapshot(const std::string&) override { return stored; }
    bool store_snapshot(const StoredSnapshot& snapshot, std::string& error) override {
        if (race_version > 0) {
            StoredSnapshot theirs = snapshot;
            theirs.version = race_version;
            theirs.fingerprint = "another process's";
            stored = theirs;
            race_version = 0;
        }
        if (stored && snapshot.version <= stored->version) {
            error = "version " + std::to_string(snapshot.version) + " is not above the stored one";
            return false;
        }
        stored = snapshot;
        ++stores;
        return true;
    }
};

AssignedPackage package(const std::string& id, const std::string& version) {
    return {id, version, std::string(64, 'b'), "/nowhere/" + id, 4096};
}

constexpr int64_t kNow = 1795824000000; // 2026-11-28T00:00:00Z

} // namespace

TEST_CASE("the issuer keeps a version while nothing changes and raises it when something does",
          "[hub][content]") {
    REQUIRE(sodium_init() >= 0);
    const SecretKey key = generate_key();
    FakeLibrary library;
    library.assigned = {package("pendulum-lab", "1.0.0")};
    const SnapshotPolicy policy; // 14 days
    std::string error;

    const auto issue = [&](int64_t now, const SecretKey& signer) {
        std::optional<StoredSnapshot> snapshot =
            current_snapshot(library, signer, "lobby-1", policy, now, error);
        INFO(error);
        REQUIRE(snapshot);
        return *snapshot;
    };
    const StoredSnapshot first = issue(kNow + 123, key);
    CHECK(first.version == 1);
    CHECK(first.issued_utc_ms == kNow);
    CHECK(first.expires_utc_ms == kNow + 14 * kMsPerDay);
    std::optional<sync::Snapshot> parsed =
        sync::verify_and_parse_snapshot(signed_snapshot_of(first), {key.public_key()}, error);
    REQUIRE(parsed);
    CHECK(parsed->packages.at(0).url == "/api/v1/content/files/pendulum-lab/1.0.0");

    // Unchanged, within half the lifetime: the same bytes.
    const StoredSnapshot same = issue(kNow + 6 * kMsPerDay, key);
    CHECK(same.version == 1);
    CHECK(same.document == first.document);
    CHECK(library.stores == 1);

    // Unchanged but past half its lifetime: re-issued before kiosks see it expire.
    const StoredSnapshot renewed = issue(kNow + 7 * kMsPerDay + 1000, key);
    CHECK(renewed.version == 2);
    CHECK(renewed.expires_utc_ms > first.expires_utc_ms);

    // A new version of the package: a new snapshot.
    library.assigned = {package("pendulum-lab", "1.1.0")};
    CHECK(issue(kNow + 7 * kMsPerDay + 2000, key).version == 3);
    // Unassigned: a new, empty snapshot (not the old list).
    library.assigned.clear();
    const StoredSnapshot empty = issue(kNow + 7 * kMsPerDay + 3000, key);
    CHECK(empty.version == 4);
    CHECK(empty.document.find("\"packages\":[]") != std::string::npos);

    // A rotated key: re-signed at once, the version still rising.
    const SecretKey rotated = generate_key();
    const StoredSnapshot resigned = issue(kNow + 7 * kMsPerDay + 4000, rotated);
    CHECK(resigned.version == 5);
    CHECK(resigned.key_id == rotated.id);

    // The hub clock set back a year: the version never goes down.
    library.assigned = {package("quake-quiz", "2.0.0")};
    CHECK(issue(kNow - 365 * kMsPerDay, rotated).version == 6);
}

TEST_CASE("a race with another hub process is settled by reading the stored snapshot again",
          "[hub][content]") {
    REQUIRE(sodium_init() >= 0);
    const SecretKey key = generate_key();
    FakeLibrary library;
    library.assigned = {package("pendulum-lab", "1.0.0")};
    library.race_version = 7;
    std::string error;
    const std::optional<StoredSnapshot> snapshot =
        current_snapshot(library, key, "lobby-1", SnapshotPolicy{}, kNow, error);
    INFO(error);
    REQUIRE(snapshot);
    CHECK(snapshot->version == 8);
    CHECK(library.stored->version == 8);
}

TEST_CASE("the issuer refuses to sign a list the kiosks would refuse", "[hub][content]") {
    REQUIRE(sodium_init() >= 0);
    const SecretKey key = generate_key();
    FakeLibrary library;
    library.assigned = {package("pendulum-lab", "1.0.0"), package("pendulum-lab", "1.0.1")};
    std::string error;
    CHECK_FALSE(current_snapshot(library, key, "lobby-1", SnapshotPolicy{}, kNow, error));
    CHECK(error.find("listed twice") != std::string::npos);
    CHECK_FALSE(library.stored);
}
