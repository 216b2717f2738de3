// Helpers for the library tests: a publisher key, pool reviewer keys and a
// key nobody trusts, made per test, and packages built from a small exhibit
// folder (a real manifest, the sample thumbnail) signed with content/package.h's
// sign_package and reviewed with content/review_attestation.h's add_review.
#pragma once

#include "../core/temp_folder.h"
#include "test_paths.h"

#include "content/package.h"
#include "content/review_attestation.h"
#include "core/signing_keys.h"

#include <catch2/catch.hpp>
#include <sodium.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace kiosk::test {

struct LibraryKeys {
    TempFolder& folder;
    SecretKey publisher, reviewer, stranger;
    std::string publisher_pub = folder.file("publisher.pub");
    std::string reviewer_pub = folder.file("reviewer.pub");
    std::string stranger_pub = folder.file("stranger.pub");

    explicit LibraryKeys(TempFolder& folder_) : folder(folder_) {
        REQUIRE(sodium_init() >= 0);
        publisher = generate_key();
        reviewer = generate_key();
        stranger = generate_key();
        std::string error;
        REQUIRE(write_public_key(publisher_pub, publisher.public_key(), error));
        REQUIRE(write_public_key(reviewer_pub, reviewer.public_key(), error));
        REQUIRE(write_public_key(stranger_pub, stranger.public_key(), error));
    }

    // Packs exhibit `id` at `version` (titles "<id> 展项" / "<id> exhibit")
    // into FOLDER/<file>.kpkg, signed by `signer`; an unsigned package when
    // `signer` is null. `body` changes the bytes of main.lua.
    std::string make_package(const std::string& id, const std::string& version,
                             const SecretKey* signer, const std::string& file = "",
                             const std::string& body = "-- an exhibit\n") {
        const std::string name = file.empty() ? id + "-" + version : file;
        const std::string source = folder.file("src-" + name);
        std::filesystem::create_directories(source);
        folder.write("src-" + name + "/manifest.lua",
                     "return { id = '" + id + "', kind = 'exhibit', version = '" + version +
                         "', title = { zh = '" + id + " 展项', en = '" + id +
                         " exhibit' }, summary = { zh = '简介', en = 'Summary' }, authors = { "
                         "'测试' }, license = 'CC-BY-4.0', min_runtime = '0.1.0', thumbnail = "
                         "'thumbnail.png', entry = 'main.lua' }\n");
        folder.write("src-" + name + "/main.lua", body);
        std::filesystem::copy_file(source_dir() + "/exhibits/pendulum-lab/thumbnail.png",
                                   source + "/thumbnail.png",
                                   std::filesystem::copy_options::overwrite_existing);
        const std::string path = folder.file(name + ".kpkg");
        std::string error;
        INFO(error);
        REQUIRE(write_package(source, path, error));
        if (signer) REQUIRE(sign_package(path, *signer, PackageLimits{}, error));
        return path;
    }

    // Adds `key`'s attestation to the package at `path`.
    void review(const std::string& path, const SecretKey& key, const std::string& verdict,
                const std::string& expires, const std::string& reviewed = "2026-01-01") {
        PackageReview fields;
        fields.verdict = verdict;
        fields.reviewed = reviewed;
        fields.expires = expires;
        std::string error;
        INFO(error);
        REQUIRE(add_review(path, key, fields, PackageLimits{}, error));
    }
};

// Changes main.lua inside the package at `path` after it was signed.
inline void tamper(const std::string& path) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    const int result = sqlite3_exec(db,
                                    "UPDATE sqlar SET data = CAST('-- tampered' AS BLOB), sz = 11 "
                                    "WHERE name = 'main.lua'",
                                    nullptr, nullptr, nullptr);
    sqlite3_close(db);
    REQUIRE(result == SQLITE_OK);
}

inline std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// 64 lowercase hex digits of SHA-256 over the file at `path`.
inline std::string sha256_of(const std::string& path) {
    const std::string bytes = file_bytes(path);
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    for (unsigned char byte : hash) {
        text += kHex[byte >> 4];
        text += kHex[byte & 15];
    }
    return text;
}

} // namespace kiosk::test
