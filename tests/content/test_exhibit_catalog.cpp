// Tests for exhibit_catalog.h: scanning several folders, sorting by id,
// duplicates and broken manifests left out on their own, missing folders.
#include "../core/temp_folder.h"
#include "content/exhibit_catalog.h"

#include <catch2/catch.hpp>

#include <string>

using namespace kiosk;

namespace {

// Who made it and who reviewed it: what every manifest below shares.
const std::string kCredits = "  kind = 'exhibit', authors = { 'Curator' }, license = 'CC-BY-4.0',\n"
                             "  min_runtime = '0.1.0',\n";
const std::string kReview = "  review = { reviewer = 'R', organization = 'O', reviewed = "
                            "'2026-01-01', expires = '2027-01-01' },\n";

void write_exhibit(const test::TempFolder& root, const std::string& folder, const std::string& id,
                   const std::string& review = kReview) {
    root.write(folder + "/thumbnail.png", "png");
    root.write(folder + "/manifest.lua", "return {\n"
                                         "  id = '" +
                                             id +
                                             "',\n"
                                             "  version = '1.0.0',\n"
                                             "  title = { zh = '标题', en = 'Title' },\n"
                                             "  summary = { zh = '简介', en = 'Summary' },\n"
                                             "  thumbnail = 'thumbnail.png',\n" +
                                             kCredits + review + "}\n");
}

const CatalogOptions kIn2026{false, "2026-06-01"};

std::vector<std::string> ids(const ExhibitCatalog& catalog) {
    std::vector<std::string> out;
    for (const ContentManifest& exhibit : catalog.exhibits)
        out.push_back(exhibit.id);
    return out;
}

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
