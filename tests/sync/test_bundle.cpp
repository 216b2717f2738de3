// Offline bundle tests: a signed bundle verifies back to the same batch, and
// a changed payload, another kiosk's key, a broken signature or a file that is
// no bundle at all are refused with a reason.
#include "sync/bundle.h"

#include <catch2/catch.hpp>
#include <sodium.h>

using namespace kiosk;
using namespace kiosk::sync;

namespace {

SyncBatch sample_batch() {
    SyncBatch batch;
    batch.epoch = "7b044cf3518a07fda0adb414df9d27bf";
    batch.through_seq = 12;
    batch.buckets.push_back({"2026-11-28", "exhibit", "pendulum-lab", "visits", 12, 12});
    batch.buckets.push_back({"2026-11-28", "question", "q/'; DROP TABLE x;--", "answers", 3, 7});
    batch.heartbeat.software_version = "0.4.0";
    batch.heartbeat.content.push_back({"pendulum-lab", "1.2.0"});
    batch.heartbeat.clock_utc_ms = 1795829400000;
    return batch;
}

} // namespace

TEST_CASE("a bundle signed by the kiosk's key verifies back to the same batch", "[sync]") {
    REQUIRE(sodium_init() >= 0);
    const SecretKey key = generate_key();
    const Bundle bundle = make_bundle("K-17", sample_batch(), key);
    CHECK(bundle.kiosk == "K-17");
    CHECK(bundle.payload == to_json(sample_batch()));

    // Through its JSON file form, as `kiosk-hub import` reads it.
    std::string error;
    std::optional<Bundle> read = parse_bundle(to_json(bundle), error);
    REQUIRE(read);
    std::optional<SyncBatch> batch = verify_bundle(*read, key.public_key(), error);
    INFO(error);
    REQUIRE(batch);
    CHECK(batch->through_seq == 12);
    REQUIRE(batch->buckets.size() == 2);
    CHECK(batch->buckets[1].subject == "q/'; DROP TABLE x;--");
    CHECK(batch->heartbeat.content.at(0).version == "1.2.0");
}

TEST_CASE("a changed payload, another key or a broken signature is refused", "[sync]") {
    REQUIRE(sodium_init() >= 0);
    const SecretKey key = generate_key();
    Bundle bundle = make_bundle("K-17", sample_batch(), key);
    std::string error;

    SECTION("one count changed after signing") {
        const size_t at = bundle.payload.find("\"value\":12");
        REQUIRE(at != std::string::npos);
        bundle.payload.replace(at, 10, "\"value\":99");
        CHECK_FALSE(verify_bundle(bundle, key.public_key(), error));
        CHECK(error.find("signature does not match") != std::string::npos);
    }
    SECTION("checked against another kiosk's key") {
        CHECK_FALSE(verify_bundle(bundle, generate_key().public_key(), error));
        CHECK(error.find("signature does not match") != std::string::npos);
    }
    SECTION("a signature that is not base64 of 64 bytes") {
        bundle.signature = "not base64!";
        CHECK_FALSE(verify_bundle(bundle, key.public_key(), error));
        CHECK(error.find("signature") != std::string::npos);
        bundle.signature = to_base64("short");
        CHECK_FALSE(verify_bundle(bundle, key.public_key(), error));
    }
    SECTION("a payload signed correctly but not a batch") {
        bundle.payload = "{\"protocol\":1}";
        bundle.signature = to_base64(sign_detached(bundle.payload, key));
        CHECK_FALSE(verify_bundle(bundle, key.public_key(), error));
        CHECK(error.starts_with("payload: "));
    }
}

TEST_CASE("a file that is not a bundle is refused before any signature check", "[sync]") {
    std::string error;
    CHECK_FALSE(parse_bundle("PK\x03\x04 garbage", error));
    CHECK_FALSE(error.empty());
    error.clear();
    CHECK_FALSE(parse_bundle("{\"format\":\"kiosk-sync-bundle\",\"version\":1}", error));
    CHECK_FALSE(error.empty());
}

TEST_CASE("base64 round-trips any bytes and refuses malformed text", "[sync]") {
    REQUIRE(sodium_init() >= 0);
    const std::string bytes("\0\xff\x10 signed", 10);
    CHECK(from_base64(to_base64(bytes)) == bytes);
    CHECK(to_base64("") == "");
    CHECK(from_base64("") == std::string());
    CHECK_FALSE(from_base64("abc"));
    CHECK_FALSE(from_base64("YWJj\n"));
}
