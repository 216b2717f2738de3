// Tests for exhibit_catalog.h: scanning several folders, sorting by id,
// duplicates and broken manifests left out on their own, missing folders; the
// content folder's packages judged by the venue rule (a trusted reviewer's
// approval), the live list's packages read from hub/ and first on the home
// screen in its order.
#include "content/exhibit_catalog.h"
#include "content/live_list.h"
#include "content_folder.h"
#include "review_as_manifest.h"
#include "test_paths.h"

#include <catch2/catch.hpp>
#include <sodium.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

using namespace kiosk;
using namespace kiosk::test;

namespace {

const CatalogOptions kIn2026{false, "2026-06-01"};
} // namespace

TEST_CASE("exhibits from several folders, sorted by id", "[catalog]") {
    test::TempFolder root;
    write_exhibit(root, "a/zebra", "zebra-stripes");
    write_exhibit(root, "a/pendulum", "pendulum-lab");
    write_exhibit(root, "b/magnets", "magnet-play");
    root.write("a/notes/readme.txt", "a folder without manifest.lua is not an exhibit");
    root.write("a/loose-file.lua", "return {}");

    ExhibitCatalog catalog = scan_exhibit_dirs({root.file("a"), root.file("b")}, kIn2026);
    REQUIRE(catalog.problems.empty());
    REQUIRE(catalog.warnings.empty());
    REQUIRE(ids(catalog) ==
            std::vector<std::string>{"magnet-play", "pendulum-lab", "zebra-stripes"});
    REQUIRE(catalog.find("pendulum-lab")->folder == root.file("a/pendulum"));
    REQUIRE(catalog.find("nothing") == nullptr);
}

TEST_CASE("a duplicate id leaves out the later folder, naming both", "[catalog]") {
    test::TempFolder root;
    write_exhibit(root, "a/first", "pendulum-lab");
    write_exhibit(root, "a/second", "pendulum-lab");
    write_exhibit(root, "b/third", "pendulum-lab");
    ExhibitCatalog catalog = scan_exhibit_dirs({root.file("a"), root.file("b")}, kIn2026);
    REQUIRE(ids(catalog) == std::vector<std::string>{"pendulum-lab"});
    REQUIRE(catalog.exhibits[0].folder == root.file("a/first"));
    REQUIRE(
        catalog.problems ==
        std::vector<std::string>{
            root.file("a/second") + "/manifest.lua: exhibit id 'pendulum-lab' is already used by " +
                root.file("a/first") + "; this copy is left out",
            root.file("b/third") + "/manifest.lua: exhibit id 'pendulum-lab' is already used by " +
                root.file("a/first") + "; this copy is left out",
        });
}

TEST_CASE("a broken manifest leaves out only that exhibit", "[catalog]") {
    test::TempFolder root;
    write_exhibit(root, "x/good", "good-one");
    write_exhibit(root, "x/broken", "Bad Id");
    root.write("x/syntax/manifest.lua", "return {");
    ExhibitCatalog catalog = scan_exhibit_dirs({root.file("x")});
    REQUIRE(ids(catalog) == std::vector<std::string>{"good-one"});
    REQUIRE(catalog.problems.size() == 2);
    REQUIRE(catalog.problems[0].starts_with(root.file("x/broken/manifest.lua") + ":2: id: "));
    REQUIRE(catalog.problems[1].starts_with(root.file("x/syntax/manifest.lua") + ":1: "));
}

TEST_CASE("missing folders are problems, not crashes", "[catalog]") {
    test::TempFolder root;
    write_exhibit(root, "real/one", "only-one");
    root.write("plain-file", "x");
    ExhibitCatalog catalog =
        scan_exhibit_dirs({root.file("missing"), root.file("real"), root.file("plain-file")});
    REQUIRE(ids(catalog) == std::vector<std::string>{"only-one"});
    REQUIRE(catalog.problems ==
            std::vector<std::string>{root.file("missing") + ": exhibit folder not found",
                                     root.file("plain-file") + ": exhibit folder not found"});
    REQUIRE(scan_exhibit_dirs({}).exhibits.empty());
}

TEST_CASE("warnings from usable exhibits are kept", "[catalog]") {
    test::TempFolder root;
    root.write("d/ex/thumbnail.png", "png");
    root.write("d/ex/manifest.lua",
               "return { id = 'no-english', version = '0.1.0', title = { zh = '标题' },\n"
               "  summary = { zh = '简介' }, thumbnail = 'thumbnail.png',\n" +
                   kCredits + kReview + "}");
    ExhibitCatalog catalog = scan_exhibit_dirs({root.file("d")}, kIn2026);
    REQUIRE(ids(catalog) == std::vector<std::string>{"no-english"});
    REQUIRE(catalog.warnings.size() == 2);
    REQUIRE(catalog.problems.empty());
}

TEST_CASE("content without a current review is hidden in venue mode, badged in dev mode",
          "[catalog][review]") {
    test::TempFolder root;
    write_exhibit(root, "r/good", "reviewed-ok");
    write_exhibit(root, "r/none", "never-reviewed", "");
    write_exhibit(root, "r/old", "review-expired",
                  "  review = { reviewer = 'R', organization = 'O', reviewed = '2024-01-01', "
                  "expires = '2025-01-01' },\n");
    ExhibitCatalog venue = scan_exhibit_dirs({root.file("r")}, kIn2026);
    REQUIRE(ids(venue) == std::vector<std::string>{"reviewed-ok"});
    REQUIRE(venue.hidden.size() == 2);
    CHECK(venue.hidden[0].id == "never-reviewed");
    CHECK(venue.hidden[0].reason == "not reviewed (no review record)");
    CHECK(venue.hidden[1].id == "review-expired");
    CHECK(venue.hidden[1].reason == "review expired on 2025-01-01");
    CHECK(venue.problems.empty());

    ExhibitCatalog dev = scan_exhibit_dirs({root.file("r")}, CatalogOptions{true, "2026-06-01"});
    CHECK(ids(dev) == std::vector<std::string>{"never-reviewed", "review-expired", "reviewed-ok"});
    CHECK(dev.hidden.empty());
    CHECK(dev.is_unreviewed("never-reviewed"));
    CHECK(dev.is_unreviewed("review-expired"));
    CHECK_FALSE(dev.is_unreviewed("reviewed-ok"));

    // The day the review expires, it is expired.
    ExhibitCatalog later = scan_exhibit_dirs({root.file("r")}, CatalogOptions{false, "2027-01-01"});
    CHECK(ids(later).empty());
}

TEST_CASE("venue mode shows a package only with a trusted reviewer's approval",
          "[catalog][trust]") {
    ContentFolder content;
    content.add("approved.kpkg", "approved-one");
    content.add("manifest-only.kpkg", "manifest-only", false); // the publisher's word alone
    ExhibitCatalog venue = scan_exhibit_dirs({}, content.options());
    CHECK(ids(venue) == std::vector<std::string>{"approved-one"});
    REQUIRE(venue.hidden.size() == 1);
    CHECK(venue.hidden[0].id == "manifest-only");
    CHECK_THAT(venue.hidden[0].reason, Catch::Contains("no approval by a trusted reviewer"));
    CHECK_THAT(venue.hidden[0].reason, Catch::Contains("send the package to a reviewer"));
    CHECK_THAT(venue.hidden[0].reason, Catch::Contains("kioskctl review"));
    CHECK(venue.problems.empty());

    // --dev: signed but not reviewed shows, with the badge, as before.
    ExhibitCatalog dev = scan_exhibit_dirs({}, content.options(true));
    CHECK(ids(dev) == std::vector<std::string>{"approved-one", "manifest-only"});
    CHECK(dev.is_unreviewed("manifest-only"));
    CHECK_FALSE(dev.is_unreviewed("approved-one"));
    CHECK(dev.hidden.empty());

    // An approval by a key the kiosk does not list as a reviewer counts for nothing.
    CatalogOptions stranger = content.options();
    stranger.trust.reviewers = {generate_key().public_key()};
    CHECK(ids(scan_exhibit_dirs({}, stranger)).empty());
}

TEST_CASE("a package no trusted publisher signed is left out even in dev mode",
          "[catalog][trust]") {
    ContentFolder content;
    content.add("approved.kpkg", "approved-one");
    CatalogOptions options = content.options(true);
    options.trust.publishers = {generate_key().public_key()};
    ExhibitCatalog dev = scan_exhibit_dirs({}, options);
    CHECK(ids(dev).empty());
    CHECK(mentions(dev.problems, "approved.kpkg: refused: signed only by key"));
}

TEST_CASE("the live list's packages come from hub/, first on the home screen in its order",
          "[catalog][live]") {
    ContentFolder content;
    content.add("hub/zebra-1.0.0.kpkg", "zebra-stripes");
    content.add("hub/quiz-1.0.0.kpkg", "quiz-round", true, "quiz");
    content.add("hub/magnet-1.0.0.kpkg", "magnet-play");
    content.add("hub/unlisted-1.0.0.kpkg", "not-assigned"); // in hub/ but not live: ignored
    content.add("aaa-by-hand.kpkg", "aaa-by-hand");         // copied in by hand, as before
    content.live({{"zebra-stripes", "zebra-1.0.0.kpkg"},
                  {"quiz-round", "quiz-1.0.0.kpkg"},
                  {"magnet-play", "magnet-1.0.0.kpkg"}});
    ExhibitCatalog catalog = scan_exhibit_dirs({}, content.options());
    INFO((catalog.problems.empty() ? "" : catalog.problems[0]));
    CHECK(catalog.problems.empty());
    CHECK(ids(catalog) == std::vector<std::string>{"aaa-by-hand", "magnet-play", "zebra-stripes"});
    CHECK(catalog.home_order ==
          std::vector<std::string>{"zebra-stripes", "quiz-round", "magnet-play", "aaa-by-hand"});
    std::vector<std::string> home;
    for (const ContentManifest& item : catalog.home_items())
        home.push_back(item.id);
    CHECK(home == catalog.home_order);
    CHECK(catalog.find("not-assigned") == nullptr);
}

TEST_CASE("a live list that is broken, names a missing file or the wrong package",
          "[catalog][live]") {
    ContentFolder content;
    content.add("by-hand.kpkg", "by-hand");
    content.add("hub/real-1.0.0.kpkg", "real-one");
    SECTION("a missing file and a swapped one are left out alone") {
        content.live({{"gone-away", "gone-1.0.0.kpkg"},
                      {"other-one", "real-1.0.0.kpkg"},
                      {"by-hand", "by-hand.kpkg"}});
        ExhibitCatalog catalog = scan_exhibit_dirs({}, content.options());
        CHECK(ids(catalog) == std::vector<std::string>{"by-hand"});
        CHECK(mentions(catalog.problems, "hub/gone-1.0.0.kpkg: named in live.json but not there"));
        CHECK(mentions(catalog.problems,
                       "hub/real-1.0.0.kpkg: refused: it holds real-one 1.0.0, but live.json "
                       "names other-one 1.0.0"));
        // by-hand.kpkg is not in hub/: the name in live.json points nowhere.
        CHECK(mentions(catalog.problems, "hub/by-hand.kpkg: named in live.json"));
    }
    SECTION("a malformed live list: the hub's packages wait, the hand-copied ones show") {
        content.root.write("content/live.json", R"({"format":"kiosk-live-v1","packages":[]})");
        ExhibitCatalog catalog = scan_exhibit_dirs({}, content.options());
        CHECK(ids(catalog) == std::vector<std::string>{"by-hand"});
        CHECK(mentions(catalog.problems, "live.json: snapshot_version"));
    }
}

TEST_CASE("the content watcher notices a new live list", "[catalog][live]") {
    ContentFolder content;
    ContentDirWatcher watcher(content.dir);
    CHECK_FALSE(watcher.changed());
    content.live({});
    CHECK(watcher.changed());
    CHECK_FALSE(watcher.changed());
    content.add("hub/real-1.0.0.kpkg", "real-one");
    CHECK_FALSE(watcher.changed()); // hub/ changes only count once live.json names them
    content.live({{"real-one", "real-1.0.0.kpkg"}});
    CHECK(watcher.changed());
}
