// Packages: pack -> sign -> verify round trip, the digest's independence from
// page layout, and every tamper case refused with a clear message, no crash.
#include "../core/temp_folder.h"
#include "content/package.h"
#include "core/sqlite_statement.h"

#include <catch2/catch.hpp>
#include <sodium.h>
#include <sqlite3.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

using namespace kiosk;
using kiosk::test::TempFolder;

namespace {

struct Fixture {
    TempFolder folder;
    SecretKey key = generate_key();
    std::string package;

    Fixture() {
        REQUIRE(sodium_init() >= 0);
        folder.write("src/manifest.lua", "return { id = 'demo' }\n");
        folder.write("src/main.lua", std::string(2000, 'x') + "\n-- compressible\n");
        folder.write("src/images/pic.png", std::string("\x89PNG not really", 15));
        folder.write("src/.hidden", "never packed");
        package = folder.file("demo.kpkg");
        std::string error;
        INFO(error);
        REQUIRE(write_package(folder.file("src"), package, error));
        REQUIRE(sign_package(package, key, PackageLimits{}, error));
    }

    VerifyResult verify(const std::string& path, std::string* open_error = nullptr) {
        std::string error;
        auto opened = Package::open(path, PackageLimits{}, error);
        if (open_error) *open_error = error;
        if (!opened) return VerifyResult{false, "", error};
        return verify_package(*opened, {key.public_key()});
    }

    // Flips one bit of the stored (here: compressed) bytes of `name`.
    void flip_byte(const std::string& name, int offset) {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(package.c_str(), &db) == SQLITE_OK);
        std::string data;
        {
            SqliteStatement read(db, "SELECT data FROM sqlar WHERE name = ?1");
            REQUIRE(read.bind(1, name).next());
            data = read.blob_view(0);
        }
        data[size_t(offset)] = char(data[size_t(offset)] ^ 1);
        {
            SqliteStatement write(db, "UPDATE sqlar SET data = ?1 WHERE name = ?2");
            REQUIRE(write.bind_blob(1, data).bind(2, name).run());
        }
        sqlite3_close(db);
    }

    void sql(const std::string& statement) {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(package.c_str(), &db) == SQLITE_OK);
        char* message = nullptr;
        int code = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &message);
        INFO((message ? message : ""));
        sqlite3_free(message);
        sqlite3_close(db);
        REQUIRE(code == SQLITE_OK);
    }
};

PackageDigest digest_of(const std::string& path) {
    std::string error;
    auto package = Package::open(path, PackageLimits{}, error);
    REQUIRE(package);
    PackageDigest digest{};
    REQUIRE(package->digest(digest, error));
    return digest;
}

} // namespace

TEST_CASE("pack, sign, verify and read back", "[package]") {
    Fixture f;
    VerifyResult result = f.verify(f.package);
    INFO(result.problem);
    REQUIRE(result.ok);
    CHECK(result.key_id == f.key.id);

    std::string error;
    auto package = Package::open(f.package, PackageLimits{}, error);
    REQUIRE(package);
    CHECK(package->list() ==
          std::vector<std::string>{"images/pic.png", "main.lua", "manifest.lua"});
    std::string bytes;
    REQUIRE(package->read("main.lua", bytes, error));
    CHECK(bytes == std::string(2000, 'x') + "\n-- compressible\n");
    const PackageEntry* main = package->find("main.lua");
    REQUIRE(main);
    CHECK(main->stored < main->size); // compressed, as sqlite3 -A does when it helps
    CHECK(package->find("images/pic.png")->stored == 15); // stored as is
    CHECK_FALSE(package->read("nothing.lua", bytes, error));
    CHECK(error.find("no such file") != std::string::npos);
}

TEST_CASE("the sqlite3 tool lists and extracts a package", "[package]") {
    Fixture f;
    const std::string out = f.folder.file("extracted");
    std::filesystem::create_directories(out);
    std::string list = f.folder.file("list.txt");
    REQUIRE(std::system(("sqlite3 '" + f.package + "' -A -t > '" + list + "'").c_str()) == 0);
    std::ifstream listed(list);
    std::string names((std::istreambuf_iterator<char>(listed)), {});
    CHECK(names == "images/pic.png\nmain.lua\nmanifest.lua\n");
    REQUIRE(std::system(("cd '" + out + "' && sqlite3 '" + f.package + "' -A -x").c_str()) == 0);
    std::ifstream main(out + "/main.lua");
    std::string text((std::istreambuf_iterator<char>(main)), {});
    CHECK(text == std::string(2000, 'x') + "\n-- compressible\n");
}

TEST_CASE("the digest ignores page layout, mtimes and compression", "[package]") {
    Fixture f;
    const PackageDigest before = digest_of(f.package);
    f.sql("VACUUM");
    CHECK(digest_of(f.package) == before);
    f.sql("UPDATE sqlar SET mtime = 12345");
    CHECK(digest_of(f.package) == before);
    // Stored uncompressed instead: same files, same digest.
    f.sql("UPDATE sqlar SET data = CAST(printf('%.*c', 2000, 'x') || char(10) || "
          "'-- compressible' || char(10) AS BLOB) WHERE name = 'main.lua'");
    CHECK(digest_of(f.package) == before);
    CHECK(f.verify(f.package).ok);
}

TEST_CASE("every tampered package is refused with its reason", "[package][tamper]") {
    Fixture f;
    std::string error;
    SECTION("one byte flipped in a stored file") {
        f.sql("UPDATE sqlar SET data = CAST('\x89PNG not reallz' AS BLOB) WHERE name = "
              "'images/pic.png'");
        VerifyResult result = f.verify(f.package);
        CHECK_FALSE(result.ok);
        CHECK(result.problem.find("does not match the contents") != std::string::npos);
    }
    SECTION("one byte flipped inside compressed data") {
        f.flip_byte("main.lua", 10);
        VerifyResult result = f.verify(f.package);
        CHECK_FALSE(result.ok);
        CHECK_FALSE(result.problem.empty());
    }
    SECTION("a file added") {
        f.sql("INSERT INTO sqlar VALUES ('extra.lua', 33188, 0, 3, CAST('bad' AS BLOB))");
        CHECK(f.verify(f.package).problem.find("does not match the contents") != std::string::npos);
    }
    SECTION("a file removed") {
        f.sql("DELETE FROM sqlar WHERE name = 'manifest.lua'");
        CHECK(f.verify(f.package).problem.find("does not match the contents") != std::string::npos);
    }
    SECTION("a file renamed") {
        f.sql("UPDATE sqlar SET name = 'other.lua' WHERE name = 'main.lua'");
        CHECK(f.verify(f.package).problem.find("does not match the contents") != std::string::npos);
    }
    SECTION("the signature swapped in from another package") {
        f.folder.write("src2/a.txt", "another package");
        std::string other = f.folder.file("other.kpkg");
        REQUIRE(write_package(f.folder.file("src2"), other, error));
        REQUIRE(sign_package(other, f.key, PackageLimits{}, error));
        f.sql("DELETE FROM kiosk_signatures");
        f.sql("ATTACH '" + other +
              "' AS other; INSERT INTO kiosk_signatures SELECT * FROM "
              "other.kiosk_signatures");
        CHECK(f.verify(f.package).problem.find("does not match the contents") != std::string::npos);
    }
    SECTION("signed by a key this kiosk does not trust") {
        SecretKey stranger = generate_key();
        f.sql("DELETE FROM kiosk_signatures");
        REQUIRE(sign_package(f.package, stranger, PackageLimits{}, error));
        VerifyResult result = f.verify(f.package);
        CHECK_FALSE(result.ok);
        CHECK(result.problem ==
              "signed only by key " + stranger.id + ", which is not trusted here");
    }
    SECTION("not signed at all") {
        f.sql("DROP TABLE kiosk_signatures");
        CHECK(f.verify(f.package).problem == "not signed");
    }
    SECTION("a truncated package") {
        auto size = std::filesystem::file_size(f.package);
        std::filesystem::resize_file(f.package, size / 2);
        VerifyResult result = f.verify(f.package, &error);
        CHECK_FALSE(result.ok);
        INFO(result.problem);
        CHECK(result.problem.find(f.package) != std::string::npos);
    }
    SECTION("a file that is not SQLite") {
        f.folder.write("junk.kpkg", std::string(5000, 'j'));
        VerifyResult result = f.verify(f.folder.file("junk.kpkg"));
        CHECK(result.problem ==
              f.folder.file("junk.kpkg") + ": not a package (not an SQLite database)");
    }
    SECTION("an SQLite file without the sqlar table") {
        f.sql("DROP TABLE sqlar");
        CHECK(f.verify(f.package).problem == f.package + ": not a package (no sqlar table)");
    }
    SECTION("an absurd declared size") {
        f.sql("UPDATE sqlar SET sz = 9000000000000 WHERE name = 'main.lua'");
        VerifyResult result = f.verify(f.package);
        CHECK(result.problem.find("declares 'main.lua' as 9000000000000 bytes") !=
              std::string::npos);
    }
    SECTION("a zlib bomb: data that inflates past its declared size") {
        std::string zeros(size_t(8) << 20, '\0'), packed(compressBound(uLong(zeros.size())), '\0');
        uLongf packed_size = uLongf(packed.size());
        REQUIRE(compress(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                         reinterpret_cast<const Bytef*>(zeros.data()),
                         uLong(zeros.size())) == Z_OK);
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(f.package.c_str(), &db) == SQLITE_OK);
        {
            // Declares a little more than it stores (so it looks compressed), far less than it
            // inflates to.
            SqliteStatement update(db,
                                   "UPDATE sqlar SET sz = ?2, data = ?1 WHERE name = 'main.lua'");
            update.bind_blob(1, std::string_view(packed.data(), packed_size));
            REQUIRE(update.bind(2, int64_t(packed_size) + 1000).run());
        }
        sqlite3_close(db);
        auto package = Package::open(f.package, PackageLimits{}, error);
        REQUIRE(package);
        std::string bytes;
        CHECK_FALSE(package->read("main.lua", bytes, error));
        CHECK(error == f.package + ":main.lua: inflates past its declared size of " +
                           std::to_string(packed_size + 1000) + " bytes");
        CHECK_FALSE(f.verify(f.package).ok);
    }
    SECTION("unsafe names and links") {
        f.sql("INSERT INTO sqlar VALUES ('../escape.lua', 33188, 0, 1, CAST('x' AS BLOB))");
        CHECK(f.verify(f.package).problem.find("unsafe file name '../escape.lua'") !=
              std::string::npos);
        f.sql("DELETE FROM sqlar WHERE name = '../escape.lua'");
        f.sql("INSERT INTO sqlar VALUES ('link', 41471, 0, -1, CAST('/etc/passwd' AS BLOB))");
        CHECK(f.verify(f.package).problem.find("not a regular file") != std::string::npos);
    }
}

TEST_CASE("opening a package never writes to it", "[package]") {
    Fixture f;
    const auto before = std::filesystem::last_write_time(f.package);
    std::filesystem::permissions(f.package, std::filesystem::perms::owner_read,
                                 std::filesystem::perm_options::replace);
    CHECK(f.verify(f.package).ok); // a read-only file works: nothing is written
    CHECK(std::filesystem::last_write_time(f.package) == before);
    CHECK_FALSE(std::filesystem::exists(f.package + "-journal"));
    CHECK_FALSE(std::filesystem::exists(f.package + "-wal"));
    std::filesystem::permissions(f.package, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace);
}

TEST_CASE("key files round trip and are checked", "[package][keys]") {
    TempFolder folder;
    REQUIRE(sodium_init() >= 0);
    SecretKey key = generate_key();
    std::string error;
    REQUIRE(write_secret_key(folder.file("k.key"), key, error));
    REQUIRE(write_public_key(folder.file("k.pub"), key.public_key(), error));
    auto mode = std::filesystem::status(folder.file("k.key")).permissions();
    CHECK((mode & std::filesystem::perms::all) ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    auto secret = read_secret_key(folder.file("k.key"), error);
    REQUIRE(secret);
    CHECK(secret->key == key.key);
    auto public_key = read_public_key(folder.file("k.pub"), error);
    REQUIRE(public_key);
    CHECK(public_key->id == key.id);

    CHECK_FALSE(read_public_key(folder.file("k.key"), error));
    CHECK(error.find("not a public key file") != std::string::npos);
    folder.write("bad.pub", "kiosk-ed25519-public 0011223344556677 AAAA\n");
    CHECK_FALSE(read_public_key(folder.file("bad.pub"), error));
    CHECK(error.find("32 bytes of base64") != std::string::npos);
    std::string text =
        "kiosk-ed25519-public 0000000000000000 " + std::string(44, 'A').replace(43, 1, "=") + "\n";
    folder.write("wrong-id.pub", text);
    CHECK_FALSE(read_public_key(folder.file("wrong-id.pub"), error));
    CHECK(error.find("does not match the key") != std::string::npos);
    CHECK_FALSE(read_public_key(folder.file("missing.pub"), error));
    CHECK(error.find("cannot read") != std::string::npos);
}

TEST_CASE("attack: a key file is never written through a symbolic link", "[package][keys]") {
    // A link planted where `kioskctl keygen` writes its secret key used to send
    // the secret into the link's target (a file others can read).
    TempFolder folder;
    REQUIRE(sodium_init() >= 0);
    const SecretKey key = generate_key();
    folder.write("elsewhere.txt", "someone else's file\n");
    std::filesystem::create_symlink(folder.file("elsewhere.txt"), folder.file("museum.key"));
    std::filesystem::create_symlink(folder.file("missing-target"), folder.file("museum.pub"));
    std::string error;
    CHECK_FALSE(write_secret_key(folder.file("museum.key"), key, error));
    CHECK_THAT(error, Catch::Contains("museum.key"));
    CHECK_THAT(error, Catch::Contains("symbolic link"));
    std::ifstream elsewhere(folder.file("elsewhere.txt"));
    std::string text((std::istreambuf_iterator<char>(elsewhere)), std::istreambuf_iterator<char>());
    CHECK(text == "someone else's file\n");
    CHECK_FALSE(write_public_key(folder.file("museum.pub"), key.public_key(), error));
    CHECK_FALSE(std::filesystem::exists(folder.file("missing-target")));
}
