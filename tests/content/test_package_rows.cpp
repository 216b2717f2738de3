// Packages are exactly what was signed: every row of `sqlar` is a regular file
// covered by the digest, or a folder row that carries nothing (no data, a safe
// name, the folder of a signed file), or the package is refused naming the row.
// The attacks add rows to a signed package with SQLite, as the attacker did
// (issue 15, break D), and the kiosk's load path must refuse them.
#include "../core/temp_folder.h"
#include "content/exhibit_catalog.h"
#include "content/package.h"
#include "review_as_manifest.h"
#include "test_paths.h"

#include <catch2/catch.hpp>
#include <sodium.h>
#include <sqlite3.h>

#include <filesystem>

using namespace kiosk;
using kiosk::test::TempFolder;

namespace {

// A signed package of content/general-science (a quiz pack with an images/ folder),
// packed from its copy with the pictures rendered, as the build packs it.
struct SignedPackage {
    TempFolder folder;
    SecretKey key = generate_key();
    SecretKey reviewer = generate_key();
    std::string path = folder.file("content/general-science.kpkg");

    SignedPackage() {
        REQUIRE(sodium_init() >= 0);
        std::filesystem::create_directories(folder.file("content"));
        std::string error;
        INFO(error);
        REQUIRE(write_package(kiosk::test::binary_dir() + "/sample-folders/general-science", path,
                              error));
        REQUIRE(sign_package(path, key, PackageLimits{}, error));
        REQUIRE(kiosk::test::review_as_manifest_says(path, reviewer, error));
    }

    // What the attacker ran: plain SQL on the package file.
    void sql(const std::string& statement) const {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        char* message = nullptr;
        const int code = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &message);
        INFO((message ? message : ""));
        sqlite3_free(message);
        sqlite3_close(db);
        REQUIRE(code == SQLITE_OK);
    }

    // "" when the package opens and verifies, otherwise why not.
    std::string refusal() const {
        std::string error;
        std::unique_ptr<Package> package = Package::open(path, PackageLimits{}, error);
        if (!package) return error;
        VerifyResult verified = verify_package(*package, {key.public_key()});
        return verified.ok ? "" : verified.problem;
    }

    // The kiosk's load path in venue mode: the content folder, verified against the keys.
    ExhibitCatalog venue_catalog() const {
        CatalogOptions options;
        options.content_dir = folder.file("content");
        options.trust = {{key.public_key()}, {reviewer.public_key()}};
        return scan_exhibit_dirs({}, options);
    }
};

bool mentions(const std::vector<std::string>& lines, const std::string& part) {
    for (const std::string& line : lines)
        if (line.find(part) != std::string::npos) return true;
    return false;
}

} // namespace

TEST_CASE("folder rows added to a signed package are refused, naming the row",
          "[package][tamper][rows]") {
    SignedPackage signed_package;
    REQUIRE(signed_package.refusal().empty());
    REQUIRE(signed_package.venue_catalog().quizzes.size() == 1); // loads before the attack

    SECTION("a folder row that climbs out of the extraction folder") {
        signed_package.sql("INSERT INTO sqlar VALUES ('../../somedir', 16877, 0, 0, NULL)");
        const std::string refusal = signed_package.refusal();
        INFO(refusal);
        CHECK(refusal.find(signed_package.path) != std::string::npos);
        CHECK(refusal.find("'../../somedir'") != std::string::npos);
        CHECK(refusal.find("unsafe") != std::string::npos);
        ExhibitCatalog catalog = signed_package.venue_catalog();
        CHECK(catalog.quizzes.empty());
        CHECK(mentions(catalog.problems, "'../../somedir'"));
    }
    SECTION("a folder row that carries data") {
        signed_package.sql("INSERT INTO sqlar VALUES ('images', 16877, 0, 11, 'not-a-dir!!')");
        const std::string refusal = signed_package.refusal();
        INFO(refusal);
        CHECK(refusal.find("folder row 'images'") != std::string::npos);
        CHECK(refusal.find("carries data") != std::string::npos);
        ExhibitCatalog catalog = signed_package.venue_catalog();
        CHECK(catalog.quizzes.empty());
        CHECK(mentions(catalog.problems, "folder row 'images'"));
    }
    SECTION("a folder row that declares a size but stores nothing") {
        signed_package.sql("INSERT INTO sqlar VALUES ('images', 16877, 0, 11, NULL)");
        CHECK(signed_package.refusal().find("folder row 'images' carries data") !=
              std::string::npos);
    }
    SECTION("a folder row that no signed file is in") {
        signed_package.sql("INSERT INTO sqlar VALUES ('unsigned', 16877, 0, 0, NULL)");
        const std::string refusal = signed_package.refusal();
        INFO(refusal);
        CHECK(refusal.find("folder row 'unsigned'") != std::string::npos);
        CHECK(refusal.find("no signed file") != std::string::npos);
    }
    SECTION("a folder row that anyone could write to once extracted") {
        signed_package.sql("INSERT INTO sqlar VALUES ('images', 16895, 0, 0, NULL)"); // 040777
        const std::string refusal = signed_package.refusal();
        INFO(refusal);
        CHECK(refusal.find("folder row 'images'") != std::string::npos);
        CHECK(refusal.find("mode 40777") != std::string::npos);
    }
    SECTION("a folder row with the name of a signed file") {
        // sqlar's primary key keeps names unique; a table without it does not.
        signed_package.sql("ALTER TABLE sqlar RENAME TO old; CREATE TABLE sqlar(name TEXT, mode "
                           "INT, mtime INT, sz INT, data BLOB); INSERT INTO sqlar SELECT * FROM "
                           "old; DROP TABLE old");
        signed_package.sql("INSERT INTO sqlar VALUES ('quiz.lua', 16877, 0, 0, NULL)");
        CHECK(signed_package.refusal().find("holds 'quiz.lua' twice") != std::string::npos);
    }
}

TEST_CASE("links, devices and other row types are refused with what they are",
          "[package][tamper][rows]") {
    SignedPackage signed_package;
    struct Case {
        int mode;
        const char* kind;
    };
    for (const Case& row : {Case{0120777, "a symbolic link"}, Case{0020644, "a character device"},
                            Case{0060644, "a block device"}, Case{0010644, "a named pipe"},
                            Case{0140755, "a socket"}, Case{0, "an unknown kind of entry"}}) {
        INFO(row.kind);
        signed_package.sql("DELETE FROM sqlar WHERE name = 'odd'");
        signed_package.sql("INSERT INTO sqlar VALUES ('odd', " + std::to_string(row.mode) +
                           ", 0, 11, '/etc/passwd')");
        const std::string refusal = signed_package.refusal();
        INFO(refusal);
        CHECK(refusal.find("holds 'odd', " + std::string(row.kind)) != std::string::npos);
        CHECK(refusal.find("only regular files and their folders") != std::string::npos);
    }
}

TEST_CASE("a package the sqlite3 tool packed, with its folder rows, opens and verifies",
          "[package][rows]") {
    // `cd folder && sqlite3 x.kpkg -A -c *` writes a row for each folder (mode 040755,
    // size 0, no data). Those rows add nothing a signed file does not imply: accepted.
    TempFolder folder;
    folder.write("src/manifest.lua", "return {}\n");
    folder.write("src/images/deep/pic.png", "png");
    const std::string package = folder.file("tool.kpkg");
    REQUIRE(std::system(("cd '" + folder.file("src") + "' && umask 022 && sqlite3 '" + package +
                         "' -A -c *")
                            .c_str()) == 0);
    REQUIRE(sodium_init() >= 0);
    SecretKey key = generate_key();
    std::string error;
    INFO(error);
    REQUIRE(sign_package(package, key, PackageLimits{}, error));
    std::unique_ptr<Package> opened = Package::open(package, PackageLimits{}, error);
    REQUIRE(opened);
    CHECK(opened->list() == std::vector<std::string>{"images/deep/pic.png", "manifest.lua"});
    CHECK(verify_package(*opened, {key.public_key()}).ok);

    // An empty folder packed by the tool is a row no signed file is in: refused, clearly.
    folder.write("src/empty/.keep", "");
    std::filesystem::remove(folder.file("src/empty/.keep"));
    std::filesystem::remove(package);
    REQUIRE(std::system(("cd '" + folder.file("src") + "' && umask 022 && sqlite3 '" + package +
                         "' -A -c *")
                            .c_str()) == 0);
    CHECK_FALSE(Package::open(package, PackageLimits{}, error));
    CHECK(error.find("folder row 'empty'") != std::string::npos);
    CHECK(error.find("kioskctl pack") != std::string::npos);
}

TEST_CASE("every row is listed with the reason it is refused, if it is", "[package][rows]") {
    SignedPackage signed_package;
    signed_package.sql("INSERT INTO sqlar VALUES ('../../somedir', 16877, 0, 0, NULL)");
    signed_package.sql("INSERT INTO sqlar VALUES ('images', 16877, 0, 11, 'not-a-dir!!')");
    std::vector<PackageRow> rows;
    std::string error;
    REQUIRE(read_package_rows(signed_package.path, PackageLimits{}, rows, error));
    int refused = 0, files = 0;
    for (const PackageRow& row : rows) {
        INFO(row.entry.name << ": " << row.problem);
        if (!row.problem.empty()) ++refused;
        if (row.kind == PackageRowKind::File) ++files;
        if (row.entry.name == "../../somedir" || row.entry.name == "images")
            CHECK_FALSE(row.problem.empty());
        else
            CHECK(row.problem.empty());
    }
    CHECK(refused == 2);
    CHECK(files == 19); // quiz.lua, manifest.lua, thumbnail.png and 16 pictures
}
