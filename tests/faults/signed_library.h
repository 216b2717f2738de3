// A content folder of packages signed by a key the test makes, and a kiosk
// setup that trusts that key: the venue's side of the fault tests.
#pragma once

#include "fault_support.h"
#include "test_paths.h"

#include <catch2/catch.hpp>
#include <sodium.h>

#include <filesystem>
#include <string>

namespace kiosk::test {

// A content folder of packages signed by a publisher key and approved by a
// reviewer key the test makes.
struct SignedLibrary {
    TempFolder folder;
    SecretKey key;
    SecretKey reviewer;
    std::string dir = folder.file("content");
    std::string trusted = folder.file("trusted.pub");
    std::string trusted_reviewer = folder.file("reviewer.pub");

    SignedLibrary() {
        REQUIRE(sodium_init() >= 0);
        key = generate_key();
        reviewer = generate_key();
        std::filesystem::create_directories(dir);
        std::string error;
        REQUIRE(write_public_key(trusted, key.public_key(), error));
        REQUIRE(write_public_key(trusted_reviewer, reviewer.public_key(), error));
    }
    // The folder `source` as DIR/NAME.kpkg, signed and approved.
    void add(const std::string& source, const std::string& name) {
        add_package(source, dir, name, key, reviewer);
    }
    void add_sample(const std::string& name) {
        add(kiosk::test::source_dir() + "/exhibits/" + name, name);
    }
    KioskSetup setup(const std::string& data_dir) const {
        KioskSetup setup;
        setup.data_dir = data_dir;
        setup.content_dir = dir;
        setup.trusted_key = trusted;
        setup.trusted_reviewer = trusted_reviewer;
        return setup;
    }
};

} // namespace kiosk::test
