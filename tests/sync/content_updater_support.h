// Test helpers for the content updater: real signed and reviewed packages
// made from the pendulum-lab sample with a chosen id and version, snapshots
// signed by a test hub content key, a kiosk's content and data folders, an
// updater wired to a ContentHub with a clock the test moves, and checks that
// the live list names a whole set whose files are present and verify.
#pragma once

#include "content/live_list.h"
#include "content/package.h"
#include "content/review_attestation.h"
#include "content_hub_support.h"
#include "core/temp_folder.h"
#include "sync/content_files.h"
#include "sync/content_snapshot.h"
#include "sync/content_updater.h"
#include "test_paths.h"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace kiosk::test {

constexpr int64_t kContentNow = 1795829400000; // 2026-11-28T01:30:00Z
constexpr int64_t kDayMs = 86400000;
constexpr const char* kContentToday = "2026-11-28";
constexpr const char* kOwnKiosk = "truck-02";

struct PackageRecipe {
    std::string id, version;
    const SecretKey* publisher = nullptr; // nullptr: unsigned
    const SecretKey* reviewer = nullptr;  // nullptr: only the manifest's record
    std::string reviewed = "2026-11-01";
    std::string expires = "2030-12-31";
};

inline std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline std::string sha256_hex(const std::string& bytes) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

// The bytes of a .kpkg: the pendulum-lab sample under `recipe`'s id and version.
inline std::string make_package_bytes(const TempFolder& scratch, const PackageRecipe& recipe) {
    const std::string name = recipe.id + "-" + recipe.version;
    const std::string sample = source_dir() + "/exhibits/pendulum-lab";
    scratch.write(name + "/main.lua", read_bytes(sample + "/main.lua"));
    scratch.write(name + "/thumbnail.png", read_bytes(sample + "/thumbnail.png"));
    scratch.write(name + "/manifest.lua",
                  "return {\n  id = \"" + recipe.id + "\",\n  kind = \"exhibit\",\n  version = \"" +
                      recipe.version +
                      "\",\n  title = { zh = \"单摆\", en = \"Pendulum\" },\n"
                      "  summary = { zh = \"摆\", en = \"Swing\" },\n  authors = { \"test\" },\n"
                      "  license = \"CC-BY-4.0\",\n  min_runtime = \"0.1.0\",\n"
                      "  review = { reviewer = \"Expert\", organization = \"Test\", reviewed = \"" +
                      recipe.reviewed + "\", expires = \"" + recipe.expires +
                      "\" },\n  thumbnail = \"thumbnail.png\",\n  entry = \"main.lua\",\n}\n");
    const std::string output = scratch.file(name + ".kpkg");
    std::string error;
    INFO(error);
    REQUIRE(write_package(scratch.file(name), output, error));
    if (recipe.publisher) REQUIRE(sign_package(output, *recipe.publisher, PackageLimits{}, error));
    if (recipe.reviewer) {
        PackageReview review;
        review.verdict = "approved";
        review.reviewed = recipe.reviewed;
        review.expires = recipe.expires;
        REQUIRE(add_review(output, *recipe.reviewer, review, PackageLimits{}, error));
    }
    return read_bytes(output);
}

struct ServedPackage {
    std::string id, version, bytes;
    sync::SnapshotPackage entry() const {
        return {id, version, int64_t(bytes.size()), sha256_hex(bytes),
                sync::package_file_url(id, version)};
    }
    std::string file_name() const { return sync::package_file_name(id, version); }
};

// One kiosk's folders and keys, its hub and its clock.
struct ContentKiosk {
    TempFolder folder;
    TempFolder scratch;
    SecretKey publisher = generate_key(), reviewer = generate_key(), hub_key = generate_key();
    SecretKey stranger = generate_key(); // trusted for nothing
    int64_t now = kContentNow;
    std::string content_dir = folder.file("content");
    std::string state_dir = folder.file("data/content");
    ContentHub hub;
    int64_t reserve_bytes = 0;
    std::function<bool(std::string_view)> stop_at;

    ContentKiosk() { std::filesystem::create_directories(content_dir); }

    ServedPackage package(const std::string& id, const std::string& version) {
        PackageRecipe recipe{id, version, &publisher, &reviewer};
        return package(recipe);
    }
    ServedPackage package(const PackageRecipe& recipe) {
        return {recipe.id, recipe.version, make_package_bytes(scratch, recipe)};
    }

    sync::SignedSnapshot snapshot(int64_t version, const std::vector<ServedPackage>& packages,
                                  int64_t expires_in_ms = 14 * kDayMs,
                                  const std::string& kiosk = kOwnKiosk,
                                  const SecretKey* key = nullptr) {
        sync::Snapshot snapshot;
        snapshot.kiosk = kiosk;
        snapshot.version = version;
        snapshot.issued_utc_ms = now - 3600000;
        snapshot.expires_utc_ms = now + expires_in_ms;
        for (const ServedPackage& package : packages)
            snapshot.packages.push_back(package.entry());
        return sync::sign_snapshot(snapshot, key ? *key : hub_key);
    }
    // The hub serves this snapshot and these files.
    void serve(const sync::SignedSnapshot& signed_snapshot,
               const std::vector<ServedPackage>& packages) {
        hub.set_snapshot(sync::envelope_to_json(signed_snapshot));
        for (const ServedPackage& package : packages)
            hub.put_file(package.id, package.version, package.bytes);
    }

    // The updater's options for this kiosk (keys, folders, the test's clock).
    sync::ContentUpdaterOptions options() {
        sync::ContentUpdaterOptions options;
        options.own_kiosk = kOwnKiosk;
        options.content_dir = content_dir;
        options.state_dir = state_dir;
        options.content_keys = {hub_key.public_key()};
        options.trust.publishers = {publisher.public_key()};
        options.trust.reviewers = {reviewer.public_key()};
        options.reserve_bytes = reserve_bytes;
        options.first_retry_ms = 60000;
        options.max_retry_ms = 3600000;
        options.utc_now_ms = [this] { return now; };
        options.local_today = [] { return std::string(kContentToday); };
        options.stop_at = stop_at;
        return options;
    }

    std::unique_ptr<sync::ContentUpdater> updater(bool with_hub = true) {
        std::unique_ptr<sync::SyncTransport> transport;
        if (with_hub) {
            sync::HttpTransportOptions transport_options;
            transport_options.hub_url = hub.url();
            transport_options.token = std::string(kOwnKiosk) + ".secret";
            std::string error;
            transport = sync::make_http_transport(transport_options, error);
            REQUIRE(transport);
        }
        return std::make_unique<sync::ContentUpdater>(options(), std::move(transport));
    }

    LiveList live() const {
        std::string error;
        std::optional<LiveList> list = read_live_list(content_dir, error);
        INFO(error);
        REQUIRE(list);
        return *list;
    }
    // The live list's files, in order ("pendulum-lab-1.0.0.kpkg", ...), each
    // checked present in hub/ with the SHA-256 the list names.
    std::vector<std::string> live_files_verified() const {
        std::vector<std::string> files;
        for (const LivePackage& package : live().packages) {
            const std::string bytes =
                read_bytes(sync::hub_folder(content_dir) + "/" + package.file);
            INFO(package.file);
            CHECK(sha256_hex(bytes) == package.sha256);
            files.push_back(package.file);
        }
        return files;
    }
    bool in_hub(const std::string& file_name) const {
        return std::filesystem::exists(sync::hub_folder(content_dir) + "/" + file_name);
    }
    size_t incoming_count() const {
        std::error_code ignored;
        size_t count = 0;
        for ([[maybe_unused]] const auto& entry :
             std::filesystem::directory_iterator(sync::incoming_folder(content_dir), ignored))
            ++count;
        return count;
    }
};

inline std::vector<std::string> file_names(const std::vector<ServedPackage>& packages) {
    std::vector<std::string> names;
    for (const ServedPackage& package : packages)
        names.push_back(package.file_name());
    return names;
}

} // namespace kiosk::test
