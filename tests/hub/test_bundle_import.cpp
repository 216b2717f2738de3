// Offline bundles at the hub (engine/hub/bundle_import.h): a signed bundle is
// applied once; importing it again, or an older bundle after a newer one,
// changes neither totals nor the kiosk's status; tampered, wrongly signed,
// unknown-kiosk, keyless-kiosk and garbage bundles are refused with nothing
// stored; a bundle larger than one sync's bucket limit is stored whole;
// `kiosk-hub import` reports each case with its exit code; and a bundle obeys a
// sync's value bounds and epoch limit (issue 15), whatever clock it claims.
#include "hub_test_support.h"
#include "store_backends.h"

#include "core/signing_keys.h"
#include "hub/bundle_import.h"
#include "sync/bundle.h"

#include <sodium.h>

namespace kiosk::test {
namespace {

constexpr const char* kEpoch = "0123456789abcdef0123456789abcdef";
constexpr int64_t kImportTime = 1795900000000;

std::string public_key_text(const SecretKey& key) {
    const PublicKey public_key = key.public_key();
    return to_base64(std::string_view(reinterpret_cast<const char*>(public_key.key.data()),
                                      public_key.key.size()));
}

// A hub.db with venue V-1 and kiosks K-1 (key `key`) and K-NOKEY (no key).
struct BundleHub {
    TempFolder folder;
    std::string data = folder.file("hub");
    SecretKey key;
    std::unique_ptr<hub::HubStore> store;

    // Each BundleHub's folder gives it its own hub.db, or its own schema
    // under PostgreSQL (a second one in a test is a hub of its own).
    BundleHub() {
        REQUIRE(sodium_init() >= 0);
        key = generate_key();
        std::string error;
        store = hub::open_hub_store(kiosk::test::test_store(data), error);
        REQUIRE(store);
        REQUIRE(store->add_venue({"V-1", "场馆", "Venue", "county_museum"}, error));
        hub::KioskRecord kiosk;
        kiosk.id = "K-1";
        kiosk.venue = "V-1";
        kiosk.token_hash = "unused";
        kiosk.public_key = public_key_text(key);
        REQUIRE(store->add_kiosk(kiosk, error));
        kiosk.id = "K-NOKEY";
        kiosk.public_key = "";
        REQUIRE(store->add_kiosk(kiosk, error));
    }

    Totals totals() {
        Totals totals;
        for (const hub::MetricTotal& total : store->metric_totals({"", "0000-01-01", "9999-12-31"}))
            totals[{total.kind, total.subject, total.metric}] = total.value;
        return totals;
    }
};

// A batch of `visits` visits to the pendulum, as of seq `seq`, exported at `clock`.
sync::SyncBatch pendulum_batch(int64_t visits, int64_t seq, int64_t clock_utc_ms) {
    sync::SyncBatch batch = make_batch(kEpoch, seq);
    batch.heartbeat.clock_utc_ms = clock_utc_ms;
    batch.heartbeat.software_version = "0.4." + std::to_string(seq);
    batch.buckets.push_back({"2026-11-28", "exhibit", "pendulum", "visits", visits, seq});
    batch.buckets.push_back({"2026-11-28", "kiosk", "", "sessions", visits, seq});
    return batch;
}

std::string bundle_text(const std::string& kiosk, const sync::SyncBatch& batch,
                        const SecretKey& key) {
    return sync::to_json(sync::make_bundle(kiosk, batch, key));
}

const Totals kTwelveVisits = {{{"exhibit", "pendulum", "visits"}, 12},
                              {{"kiosk", "", "sessions"}, 12}};

} // namespace

TEST_CASE("a bundle is applied once; again or older changes nothing", "[hub][bundle]") {
    BundleHub hub;
    const std::string older =
        bundle_text("K-1", pendulum_batch(5, 10, kImportTime - 86400000), hub.key);
    const std::string newer =
        bundle_text("K-1", pendulum_batch(12, 20, kImportTime - 3600000), hub.key);

    hub::ImportResult result = hub::import_bundle(*hub.store, newer, kImportTime);
    INFO(result.error);
    REQUIRE(result.ok);
    CHECK(result.kiosk == "K-1");
    CHECK(result.buckets == 2);
    CHECK(result.stored == 2);
    CHECK(hub.totals() == kTwelveVisits);
    const hub::KioskRecord after_first = *hub.store->find_kiosk("K-1");
    // Last seen = the kiosk's clock at export (before the import), no skew flagged.
    CHECK(after_first.last_seen_utc_ms == kImportTime - 3600000);
    CHECK(after_first.clock_skew_ms == 0);
    CHECK(after_first.software_version == "0.4.20");

    SECTION("the same bundle again") {
        result = hub::import_bundle(*hub.store, newer, kImportTime + 1000);
        REQUIRE(result.ok);
        CHECK(result.stored == 0);
    }
    SECTION("an older bundle after it") {
        result = hub::import_bundle(*hub.store, older, kImportTime + 1000);
        REQUIRE(result.ok);
        CHECK(result.buckets == 2);
        CHECK(result.stored == 0);
    }
    CHECK(hub.totals() == kTwelveVisits);
    const hub::KioskRecord after_second = *hub.store->find_kiosk("K-1");
    CHECK(after_second.last_seen_utc_ms == after_first.last_seen_utc_ms);
    CHECK(after_second.software_version == "0.4.20");
    CHECK(after_second.clock_skew_ms == 0);
}

TEST_CASE("a kiosk clock ahead of the hub at import is flagged as skew", "[hub][bundle]") {
    BundleHub hub;
    const std::string ahead =
        bundle_text("K-1", pendulum_batch(3, 5, kImportTime + 600000), hub.key);
    REQUIRE(hub::import_bundle(*hub.store, ahead, kImportTime).ok);
    const hub::KioskRecord kiosk = *hub.store->find_kiosk("K-1");
    CHECK(kiosk.last_seen_utc_ms == kImportTime);
    CHECK(kiosk.clock_skew_ms == 600000);
}

TEST_CASE("bad bundles are refused and nothing is stored", "[hub][bundle]") {
    BundleHub hub;
    const sync::SyncBatch batch = pendulum_batch(12, 20, kImportTime);
    std::string bundle;
    std::string expected_error;

    SECTION("tampered payload") {
        sync::Bundle signed_bundle = sync::make_bundle("K-1", batch, hub.key);
        const size_t at = signed_bundle.payload.find("\"value\":12");
        REQUIRE(at != std::string::npos);
        signed_bundle.payload.replace(at, 10, "\"value\":99");
        bundle = sync::to_json(signed_bundle);
        expected_error = "signature";
    }
    SECTION("signed with another key") {
        bundle = bundle_text("K-1", batch, generate_key());
        expected_error = "signature";
    }
    SECTION("signature not base64") {
        sync::Bundle signed_bundle = sync::make_bundle("K-1", batch, hub.key);
        signed_bundle.signature = "!!!";
        bundle = sync::to_json(signed_bundle);
        expected_error = "signature";
    }
    SECTION("unknown kiosk") {
        bundle = bundle_text("K-404", batch, hub.key);
        expected_error = "no kiosk K-404";
    }
    SECTION("kiosk without a public key") {
        bundle = bundle_text("K-NOKEY", batch, hub.key);
        expected_error = "no registered public key";
    }
    SECTION("garbage") {
        bundle = "this is not JSON {";
        expected_error = "not a sync bundle";
    }
    SECTION("a signed payload that is not a valid batch") {
        sync::Bundle signed_bundle;
        signed_bundle.kiosk = "K-1";
        signed_bundle.payload = "{\"protocol\":1}";
        signed_bundle.signature = to_base64(sign_detached(signed_bundle.payload, hub.key));
        bundle = sync::to_json(signed_bundle);
        expected_error = "payload";
    }

    const hub::ImportResult result = hub::import_bundle(*hub.store, bundle, kImportTime);
    INFO(result.error);
    CHECK_FALSE(result.ok);
    CHECK(result.error.find(expected_error) != std::string::npos);
    CHECK(result.stored == 0);
    CHECK(hub.totals().empty());
    CHECK(bucket_sums(hub.data).empty());
    CHECK(hub.store->find_kiosk("K-1")->last_seen_utc_ms == 0);
}

TEST_CASE("a bundle larger than one sync's bucket limit is stored whole", "[hub][bundle]") {
    BundleHub hub;
    const size_t count = sync::kMaxBucketsHardLimit + 123;
    sync::SyncBatch batch = make_batch(kEpoch, 7);
    for (size_t i = 0; i < count; ++i)
        batch.buckets.push_back(
            {"2026-11-28", "question", "pack/q" + std::to_string(i), "answers", 1, 7});
    // The sync API itself would refuse this many in one request.
    std::string error;
    REQUIRE_FALSE(sync::parse_sync_batch(sync::to_json(batch), error));

    const hub::ImportResult result =
        hub::import_bundle(*hub.store, bundle_text("K-1", batch, hub.key), kImportTime);
    INFO(result.error);
    REQUIRE(result.ok);
    CHECK(result.buckets == int64_t(count));
    CHECK(result.stored == int64_t(count));
    CHECK(hub.totals().size() == count);

    SECTION("an invalid bucket past the first slice refuses the whole bundle") {
        BundleHub other;
        batch.buckets.back().day = "2026-13-45";
        const hub::ImportResult refused =
            hub::import_bundle(*other.store, bundle_text("K-1", batch, other.key), kImportTime);
        CHECK_FALSE(refused.ok);
        CHECK(refused.error.find("day") != std::string::npos);
        CHECK(other.totals().empty());
    }
}

TEST_CASE("kiosk-hub import: exit 0 with a summary, 1 with the reason, 2 on usage",
          "[hub][bundle]") {
    TempFolder folder;
    REQUIRE(sodium_init() >= 0);
    const SecretKey key = generate_key();
    std::string error;
    REQUIRE(write_public_key(folder.file("kiosk.pub"), key.public_key(), error));
    run_hub_command(folder, "admin add-venue --data hub --id V-1 --name-zh 场馆 --name-en Venue "
                            "--kind mobile_exhibit");
    REQUIRE(run_hub_command(folder, "admin add-kiosk --data hub --venue V-1 --id K-1 "
                                    "--public-key kiosk.pub")
                .code == 0);
    folder.write("good.json", bundle_text("K-1", pendulum_batch(12, 20, kImportTime), key));
    folder.write("forged.json",
                 bundle_text("K-1", pendulum_batch(99, 30, kImportTime), generate_key()));
    folder.write("garbage.json", "\x01\x02 nope");

    CommandRun run = run_hub_command(folder, "import --data hub good.json");
    INFO(run.out << run.err);
    CHECK(run.code == 0);
    CHECK(run.out == "imported good.json: kiosk K-1, 2 buckets, 2 changed\n");
    run = run_hub_command(folder, "import --data hub good.json");
    CHECK(run.code == 0);
    CHECK(run.out == "imported good.json: kiosk K-1, 2 buckets, 0 changed\n");

    run = run_hub_command(folder, "import --data hub forged.json");
    CHECK(run.code == 1);
    CHECK(run.err.find("signature") != std::string::npos);
    run = run_hub_command(folder, "import --data hub garbage.json");
    CHECK(run.code == 1);
    CHECK(run.err.find("not a sync bundle") != std::string::npos);
    run = run_hub_command(folder, "import --data hub missing.json");
    CHECK(run.code == 1);
    run = run_hub_command(folder, "import good.json");
    CHECK(run.code == 2);

    CHECK(stored_totals(folder.file("hub")) == kTwelveVisits);
}

TEST_CASE("attack: signed bundles carry the same bounds: 2^53 values and epoch after epoch are "
          "refused",
          "[hub][bundle][attack][numbers]") {
    BundleHub hub;
    // The kiosk's key signs 30 buckets of 2^53 sessions.
    sync::SyncBatch huge = make_batch(kEpoch, 30);
    for (int day = 1; day <= 30; ++day)
        huge.buckets.push_back({"2026-11-" + std::string(day < 10 ? "0" : "") + std::to_string(day),
                                "kiosk", "", "sessions", 9007199254740992, day});
    hub::ImportResult result =
        hub::import_bundle(*hub.store, bundle_text("K-1", huge, hub.key), kImportTime);
    CHECK_FALSE(result.ok);
    CHECK(result.error == "payload: buckets[0].value: 9007199254740992 is more than one kiosk can "
                          "produce in a day for metric sessions (at most 172800)");
    CHECK(hub.totals().empty());

    // 35 bundles, each with a fresh epoch; each claims to be exported on a
    // different, long-past day, which does not widen the 30-day window: the
    // limit counts by the hub's clock at import.
    int imported = 0;
    for (int n = 0; n < 35; ++n) {
        char epoch[33];
        std::snprintf(epoch, sizeof epoch, "%032x", 5000 + n);
        sync::SyncBatch batch = pendulum_batch(1, 1, kImportTime - int64_t(n + 1) * 40 * 86400000);
        batch.epoch = epoch;
        result = hub::import_bundle(*hub.store, bundle_text("K-1", batch, hub.key),
                                    kImportTime + n * 1000);
        INFO("bundle " << n << ": " << result.error);
        if (result.ok) ++imported;
        if (n >= 5) CHECK(result.error.find("already opened 5 epochs") != std::string::npos);
    }
    CHECK(imported == 5);
    CHECK(hub.totals()[{"kiosk", "", "sessions"}] == 5);
}

} // namespace kiosk::test
