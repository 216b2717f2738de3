// kioskctl as curators run it: keygen, pack --sign, verify (and a flipped byte
// making verify fail), sign, inspect, --help on every subcommand, and usage errors.
#include "../core/temp_folder.h"
#include "../core/tiny_png.h"
#include "core/sqlite_statement.h"
#include "test_paths.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using kiosk::test::TempFolder;

namespace {

struct Run {
    int code = -1;
    std::string output; // stdout and stderr together
};

Run kioskctl(const TempFolder& folder, const std::string& arguments) {
    const std::string log = folder.file("kioskctl.log");
    const std::string command = "cd '" + folder.path().string() + "' && '" +
                                kiosk::test::program_path("kioskctl") + "' " + arguments + " > '" +
                                log + "' 2>&1";
    Run run;
    int status = std::system(command.c_str());
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    run.output = text.str();
    return run;
}

const std::string kExhibit = kiosk::test::source_dir() + "/exhibits/pendulum-lab";

// Flips one bit of one stored byte of `name` (its data, compressed or not).
void flip_stored_byte(const std::string& package, const std::string& name, size_t offset) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(package.c_str(), &db) == SQLITE_OK);
    std::string data;
    {
        kiosk::SqliteStatement read(db, "SELECT data FROM sqlar WHERE name = ?1");
        REQUIRE(read.bind(1, name).next());
        data = read.blob_view(0);
    }
    REQUIRE(offset < data.size());
    data[offset] = char(data[offset] ^ 0x01);
    {
        kiosk::SqliteStatement write(db, "UPDATE sqlar SET data = ?1 WHERE name = ?2");
        REQUIRE(write.bind_blob(1, data).bind(2, name).run());
    }
    sqlite3_close(db);
}

} // namespace

TEST_CASE("keygen, pack --sign, verify; a flipped byte fails verification", "[kioskctl]") {
    TempFolder folder;
    Run keygen = kioskctl(folder, "keygen curator");
    INFO(keygen.output);
    REQUIRE(keygen.code == 0);
    CHECK((std::filesystem::status(folder.file("curator.key")).permissions() &
           std::filesystem::perms::all) ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    CHECK(kioskctl(folder, "keygen curator").code == 2); // never overwrites a key silently

    Run pack = kioskctl(folder, "pack '" + kExhibit + "' -o p.kpkg --sign curator.key");
    INFO(pack.output);
    REQUIRE(pack.code == 0);
    Run verify = kioskctl(folder, "verify p.kpkg --trusted curator.pub");
    INFO(verify.output);
    REQUIRE(verify.code == 0);

    // Every stored file, flipped at its start, middle and end, is caught.
    for (const char* name : {"main.lua", "manifest.lua", "thumbnail.png"}) {
        for (int where = 0; where < 3; ++where) {
            INFO(name << " at " << where);
            std::filesystem::copy_file(folder.file("p.kpkg"), folder.file("t.kpkg"),
                                       std::filesystem::copy_options::overwrite_existing);
            sqlite3* db = nullptr;
            sqlite3_open(folder.file("t.kpkg").c_str(), &db);
            size_t stored = 0;
            {
                kiosk::SqliteStatement size(db, "SELECT length(data) FROM sqlar WHERE name = ?1");
                REQUIRE(size.bind(1, name).next());
                stored = size_t(size.integer(0));
            }
            sqlite3_close(db);
            flip_stored_byte(folder.file("t.kpkg"), name,
                             where == 0   ? 0
                             : where == 1 ? stored / 2
                                          : stored - 1);
            Run tampered = kioskctl(folder, "verify t.kpkg --trusted curator.pub");
            INFO(tampered.output);
            CHECK(tampered.code == 1);
            CHECK(tampered.output.find("t.kpkg") != std::string::npos);
        }
    }

    REQUIRE(kioskctl(folder, "keygen other").code == 0);
    Run untrusted = kioskctl(folder, "verify p.kpkg --trusted other.pub");
    CHECK(untrusted.code == 1);
    CHECK(untrusted.output.find("not trusted here") != std::string::npos);
    REQUIRE(kioskctl(folder, "sign p.kpkg --key other.key").code == 0);
    CHECK(kioskctl(folder, "verify p.kpkg --trusted other.pub").code == 0);
    CHECK(kioskctl(folder, "verify p.kpkg --trusted curator.pub").code == 0);

    Run inspect = kioskctl(folder, "inspect p.kpkg");
    INFO(inspect.output);
    CHECK(inspect.code == 0);
    CHECK(inspect.output.find("main.lua") != std::string::npos);
    CHECK(inspect.output.find("digest ") != std::string::npos);
    CHECK(inspect.output.find("pendulum-lab") != std::string::npos);
}

TEST_CASE("review adds a reviewer's approval that verify --reviewer and inspect show",
          "[kioskctl][review]") {
    TempFolder folder;
    REQUIRE(kioskctl(folder, "keygen publisher").code == 0);
    REQUIRE(kioskctl(folder, "keygen expert").code == 0);
    REQUIRE(kioskctl(folder, "pack '" + kExhibit + "' -o p.kpkg --sign publisher.key").code == 0);

    Run unreviewed =
        kioskctl(folder, "verify p.kpkg --trusted publisher.pub --reviewer expert.pub");
    INFO(unreviewed.output);
    CHECK(unreviewed.code == 1);
    CHECK_THAT(unreviewed.output, Catch::Contains("no approval by a trusted reviewer"));

    // An approval whose dates are not the manifest's review record (reviewed
    // 2026-11-01, expires 2030-12-31) does not pass: the two must agree.
    Run other_dates = kioskctl(folder, "review p.kpkg --key expert.key --verdict approved "
                                       "--reviewed 2026-11-01 --expires 2099-11-01");
    REQUIRE(other_dates.code == 0);
    Run disagrees = kioskctl(folder, "verify p.kpkg --trusted publisher.pub --reviewer expert.pub");
    INFO(disagrees.output);
    CHECK(disagrees.code == 1);
    CHECK_THAT(disagrees.output, Catch::Contains("matches no approval by a trusted reviewer"));

    Run review = kioskctl(folder, "review p.kpkg --key expert.key --verdict approved "
                                  "--reviewed 2026-11-01 --expires 2030-12-31 --note '力学组'");
    INFO(review.output);
    REQUIRE(review.code == 0);
    Run verify = kioskctl(folder, "verify p.kpkg --trusted publisher.pub --reviewer expert.pub");
    INFO(verify.output);
    CHECK(verify.code == 0);
    CHECK_THAT(verify.output, Catch::Contains("approved by a trusted reviewer until 2030-12-31"));
    // The publisher's signature still holds: the review is beside it, not in the digest.
    CHECK(kioskctl(folder, "verify p.kpkg --trusted publisher.pub").code == 0);
    // The publisher is not a reviewer.
    CHECK(kioskctl(folder, "verify p.kpkg --trusted publisher.pub --reviewer publisher.pub").code ==
          1);
    Run inspect = kioskctl(folder, "inspect p.kpkg");
    INFO(inspect.output);
    CHECK_THAT(inspect.output,
               Catch::Contains("approved, reviewed 2026-11-01, expires 2030-12-31, note: 力学组"));

    // Bad input: a clear message naming the field, exit 2, nothing added.
    Run bad =
        kioskctl(folder, "review p.kpkg --key expert.key --verdict maybe --expires 2099-01-01");
    INFO(bad.output);
    CHECK(bad.code == 2);
    CHECK_THAT(bad.output, Catch::Contains("p.kpkg") && Catch::Contains("verdict"));
    Run bad_day =
        kioskctl(folder, "review p.kpkg --key expert.key --verdict approved --expires 2099-02-30");
    CHECK(bad_day.code == 2);
    CHECK_THAT(bad_day.output, Catch::Contains("expires"));
    CHECK(kioskctl(folder, "review p.kpkg --key publisher.pub --verdict approved "
                           "--expires 2099-01-01")
              .code == 2); // a public key file is not a secret key
}

TEST_CASE("validate --config checks a package's attestations against the config's reviewers",
          "[kioskctl][review][validate]") {
    TempFolder folder;
    REQUIRE(kioskctl(folder, "keygen publisher").code == 0);
    REQUIRE(kioskctl(folder, "keygen expert").code == 0);
    REQUIRE(kioskctl(folder, "pack '" + kExhibit + "' -o p.kpkg --sign publisher.key").code == 0);
    folder.write("kiosk.lua",
                 "return {\n  venue = { name = { zh = '青山县科技馆', en = 'Qingshan' }, kind = "
                 "'county_museum' },\n  data_dir = 'data',\n  trusted_keys = { 'publisher.pub' "
                 "},\n  trusted_reviewers = { 'expert.pub' },\n  admin = { pin_hash = "
                 "'$argon2id$v=19$m=16384,t=3,p=1$LzyWisvvVG1CksfTja3smQ$"
                 "IQr9akcHhSAGV+CwVV4Qz1kAp8jIxxCi04L9EC7Dhao' },\n}\n");

    // Only the manifest's review record: a venue would not show it, and says why.
    Run manifest_only = kioskctl(folder, "validate p.kpkg --config kiosk.lua");
    INFO(manifest_only.output);
    CHECK(manifest_only.code == 1);
    CHECK_THAT(manifest_only.output, Catch::Contains("would not show it") &&
                                         Catch::Contains("kioskctl review") &&
                                         Catch::Contains("(none)"));
    // Without --config there are no trust roots to check against.
    CHECK(kioskctl(folder, "validate p.kpkg").code == 0);

    REQUIRE(kioskctl(folder, "keygen stranger").code == 0);
    REQUIRE(kioskctl(folder, "review p.kpkg --key stranger.key --verdict approved "
                             "--reviewed 2026-11-01 --expires 2030-12-31")
                .code == 0);
    REQUIRE(kioskctl(folder, "review p.kpkg --key expert.key --verdict approved "
                             "--reviewed 2026-11-01 --expires 2030-12-31")
                .code == 0);
    Run approved = kioskctl(folder, "validate p.kpkg --config kiosk.lua");
    INFO(approved.output);
    CHECK(approved.code == 0);
    CHECK_THAT(approved.output,
               Catch::Contains("approved, reviewed 2026-11-01, expires 2030-12-31: counts\n") &&
                   Catch::Contains("does not count (by key") &&
                   Catch::Contains("not a trusted reviewer here"));
}

TEST_CASE("kioskctl explains every subcommand and refuses bad input", "[kioskctl]") {
    TempFolder folder;
    for (const char* command :
         {"", "keygen", "pack", "sign", "review", "verify", "inspect", "validate"}) {
        INFO(command);
        Run help = kioskctl(folder, std::string(command) + " --help");
        CHECK(help.code == 0);
        CHECK(help.output.find("Usage") != std::string::npos);
    }
    CHECK(kioskctl(folder, "").code != 0);
    CHECK(kioskctl(folder, "pack /no/such/folder -o x.kpkg").code != 0);
    folder.write("junk.kpkg", "not a package at all");
    folder.write("k.pub", "kiosk-ed25519-public 0 AAAA\n");
    Run junk = kioskctl(folder, "inspect junk.kpkg");
    CHECK(junk.code == 1);
    CHECK(junk.output.find("junk.kpkg: not a package") != std::string::npos);
    Run bad_key = kioskctl(folder, "verify junk.kpkg --trusted k.pub");
    CHECK(bad_key.code == 2);
    CHECK(bad_key.output.find("k.pub") != std::string::npos);
    Run no_key = kioskctl(folder, "verify junk.kpkg");
    CHECK(no_key.code != 0);
}

TEST_CASE("validate passes the samples and reports each problem with file:line",
          "[kioskctl][validate]") {
    TempFolder folder;
    // The quiz packs as the build packs them, with their drawings rendered.
    const std::string source = kiosk::test::source_dir(), build = kiosk::test::binary_dir();
    for (const std::string& sample :
         {source + "/exhibits/pendulum-lab", source + "/exhibits/earthquake-drill",
          source + "/exhibits/water-cycle", build + "/sample-folders/emergency-safety",
          build + "/sample-folders/general-science"}) {
        INFO(sample);
        Run run = kioskctl(folder, "validate '" + sample + "'");
        INFO(run.output);
        CHECK(run.code == 0);
    }
    // A quiz pack's source folder holds drawings (.svg) where the manifest and
    // the quiz name pictures (.png): validate says which picture is missing.
    Run drawings = kioskctl(folder, "validate '" + source + "/content/general-science'");
    INFO(drawings.output);
    CHECK(drawings.code == 1);
    CHECK(drawings.output.find("manifest.lua:21: thumbnail: no file 'thumbnail.png'") !=
          std::string::npos);

    // A broken exhibit: every kind of mistake validate knows, each reported.
    folder.write("bad/thumbnail.png", "not a picture");
    folder.write("bad/manifest.lua",
                 "return {\n"
                 "  id = 'bad-exhibit', kind = 'exhibit', version = '1.0.0',\n"
                 "  title = { zh = '坏展项', en = 'Bad' },\n"
                 "  summary = { zh = '用来测试。' },\n"
                 "  authors = { 'Tests' }, license = 'CC0-1.0', min_runtime = '0.1.0',\n"
                 "  thumbnail = 'thumbnail.png',\n"
                 "}\n");
    folder.write("bad/main.lua", "function exhibit.draw()\n"
                                 "  kiosk.image('images/missing.png', 0, 0)\n"
                                 "  kiosk.text('\xF0\xA0\x80\x80', 0, 0)\n"
                                 "end\n"
                                 "local x = = 1\n");
    Run run = kioskctl(folder, "validate bad");
    INFO(run.output);
    CHECK(run.code == 1);
    const std::string manifest = std::filesystem::canonical(folder.file("bad")).string();
    CHECK(run.output.find("warning: " + manifest + "/manifest.lua:4: summary: missing English") !=
          std::string::npos);
    CHECK(run.output.find(manifest + "/manifest.lua: review: not reviewed") != std::string::npos);
    CHECK(run.output.find("thumbnail: image 'thumbnail.png' is not a PNG or JPEG picture") !=
          std::string::npos);
    CHECK(run.output.find(manifest + "/main.lua:2: image 'images/missing.png' is missing") !=
          std::string::npos);
    CHECK(run.output.find(manifest + "/main.lua:3: character") != std::string::npos);
    CHECK(run.output.find("(U+20000) is not in the kiosk's font") != std::string::npos);
    CHECK(run.output.find(manifest + "/main.lua:5: unexpected symbol") != std::string::npos);

    // The same checks on a package.
    REQUIRE(kioskctl(folder, "pack bad -o bad.kpkg").code == 0);
    Run packed = kioskctl(folder, "validate bad.kpkg");
    CHECK(packed.code == 1);
    CHECK(packed.output.find("bad.kpkg:main.lua:5: unexpected symbol") != std::string::npos);
}

TEST_CASE("verify and inspect name the unsigned rows an attacker added", "[kioskctl][rows]") {
    TempFolder folder;
    REQUIRE(kioskctl(folder, "keygen curator").code == 0);
    REQUIRE(kioskctl(folder, "pack '" + kExhibit + "' -o p.kpkg --sign curator.key").code == 0);
    // The attack: rows added with the sqlite3 tool after signing.
    REQUIRE(std::system(("sqlite3 '" + folder.file("p.kpkg") +
                         "' \"INSERT INTO sqlar VALUES ('../../somedir', 16877, 0, 0, NULL); "
                         "INSERT INTO sqlar VALUES ('images', 16877, 0, 11, 'not-a-dir!!')\"")
                            .c_str()) == 0);

    Run verify = kioskctl(folder, "verify p.kpkg --trusted curator.pub");
    INFO(verify.output);
    CHECK(verify.code == 1);
    CHECK(verify.output.find("p.kpkg: has an unsafe folder name '../../somedir'") !=
          std::string::npos);

    Run inspect = kioskctl(folder, "inspect p.kpkg");
    INFO(inspect.output);
    CHECK(inspect.code == 1);
    std::istringstream lines(inspect.output);
    std::map<std::string, std::string> line_of;
    for (std::string line; std::getline(lines, line);)
        for (const char* name : {"../../somedir", "images", "main.lua", "thumbnail.png"})
            if (line.find(std::string("  ") + name) != std::string::npos && !line_of.count(name))
                line_of[name] = line;
    REQUIRE(line_of.size() == 4); // every row is listed, refused or not
    CHECK(line_of["../../somedir"].find("REFUSED") != std::string::npos);
    CHECK(line_of["images"].find("REFUSED") != std::string::npos);
    CHECK(line_of["main.lua"].find("REFUSED") == std::string::npos);
    CHECK(line_of["thumbnail.png"].find("REFUSED") == std::string::npos);
    CHECK(inspect.output.find("carries data") != std::string::npos);
}

TEST_CASE("validate checks every entry of a package, referenced or not", "[kioskctl][validate]") {
    TempFolder folder;
    std::filesystem::copy(kExhibit, folder.file("ex"));
    folder.write("ex/notes/credits.txt", std::string(4000, 'c') + "\n"); // compressed when packed
    REQUIRE(kioskctl(folder, "pack ex -o ex.kpkg").code == 0);
    Run clean = kioskctl(folder, "validate ex.kpkg");
    INFO(clean.output);
    REQUIRE(clean.code == 0);

    SECTION("damaged data in a file nothing refers to") {
        flip_stored_byte(folder.file("ex.kpkg"), "notes/credits.txt", 8);
        Run damaged = kioskctl(folder, "validate ex.kpkg");
        INFO(damaged.output);
        CHECK(damaged.code == 1);
        CHECK(damaged.output.find("ex.kpkg:notes/credits.txt: damaged compressed data") !=
              std::string::npos);
    }
    SECTION("a picture nothing refers to that does not decode") {
        folder.write("ex/images/spare.png", "not a picture");
        REQUIRE(kioskctl(folder, "pack ex -o spare.kpkg").code == 0);
        Run spare = kioskctl(folder, "validate spare.kpkg");
        INFO(spare.output);
        CHECK(spare.code == 1);
        CHECK(spare.output.find("spare.kpkg:images/spare.png: is not a PNG or JPEG picture") !=
              std::string::npos);
    }
}

TEST_CASE("validate reports a picture larger than an exhibit's whole picture budget",
          "[kioskctl][validate][pictures]") {
    TempFolder folder;
    std::filesystem::copy(kExhibit, folder.file("ex"));
    // 8 KB on disk, 256 MiB once decoded: four times the default budget of 64 MiB.
    folder.write("ex/images/huge.png", kiosk::test::tiny_png(8192, 8192));
    Run run = kioskctl(folder, "validate ex");
    INFO(run.output);
    CHECK(run.code == 1);
    CHECK(run.output.find("images/huge.png: is 8192 x 8192 px, 256 MiB once decoded: over the "
                          "64 MiB left of the picture budget") != std::string::npos);
}
