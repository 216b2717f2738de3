// Test helper shared by the catalog and package-verify-cache tests: exhibit
// folders with a manifest (credits and a review record), and a content folder
// of packages made from them, signed by one publisher key and approved by one
// reviewer key with the manifest's dates.
#pragma once

#include "../core/temp_folder.h"
#include "content/exhibit_catalog.h"
#include "content/live_list.h"
#include "review_as_manifest.h"
#include "test_paths.h"

#include <catch2/catch.hpp>
#include <sodium.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::test {

// Who made it and who reviewed it: what every manifest below shares.
inline const std::string kCredits =
    "  kind = 'exhibit', authors = { 'Curator' }, license = 'CC-BY-4.0',\n"
    "  min_runtime = '0.1.0',\n";
inline const std::string kReview = "  review = { reviewer = 'R', organization = 'O', reviewed = "
                                   "'2026-01-01', expires = '2027-01-01' },\n";

inline void write_exhibit(const test::TempFolder& root, const std::string& folder,
                          const std::string& id, const std::string& review = kReview) {
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

// A content folder of packages made from exhibit folders, signed by one key
// and (unless asked not to) approved by a reviewer with the manifest's dates.
struct ContentFolder {
    test::TempFolder root;
    SecretKey publisher = generate_key();
    SecretKey reviewer = generate_key();
    std::string dir = root.file("content");

    ContentFolder() {
        REQUIRE(sodium_init() >= 0);
        std::filesystem::create_directories(dir + "/hub");
    }
    // DIR/RELATIVE (e.g. "hub/x-1.0.0.kpkg") holding exhibit `id`.
    std::string add(const std::string& relative, const std::string& id, bool approve = true,
                    const std::string& kind = "exhibit") {
        write_exhibit(root, "src/" + id, id);
        if (kind == "quiz") {
            const std::string manifest = root.file("src/" + id + "/manifest.lua");
            std::ifstream in(manifest);
            std::string text((std::istreambuf_iterator<char>(in)), {});
            text.replace(text.find("kind = 'exhibit'"), 16, "kind = 'quiz', entry = 'quiz.lua'");
            root.write("src/" + id + "/manifest.lua", text);
            const std::string sample = test::binary_dir() + "/sample-folders/general-science";
            std::filesystem::copy_file(sample + "/quiz.lua", root.file("src/" + id + "/quiz.lua"));
            std::filesystem::copy(sample + "/images", root.file("src/" + id + "/images"),
                                  std::filesystem::copy_options::recursive);
        }
        const std::string path = dir + "/" + relative;
        std::string error;
        INFO(error);
        REQUIRE(write_package(root.file("src/" + id), path, error));
        REQUIRE(sign_package(path, publisher, PackageLimits{}, error));
        if (approve) REQUIRE(test::review_as_manifest_says(path, reviewer, error));
        return path;
    }
    void live(const std::vector<std::pair<std::string, std::string>>& id_and_file) {
        LiveList list;
        list.snapshot_version = 4;
        for (const auto& [id, file] : id_and_file)
            list.packages.push_back({id, "1.0.0", file, std::string(64, 'a')});
        std::string error;
        REQUIRE(write_live_list(dir, list, error));
    }
    CatalogOptions options(bool dev = false) const {
        CatalogOptions options{dev, "2026-06-01"};
        options.content_dir = dir;
        options.trust = {{publisher.public_key()}, {reviewer.public_key()}};
        return options;
    }
};

// The ids of the catalog's exhibits, in its order.
inline std::vector<std::string> ids(const ExhibitCatalog& catalog) {
    std::vector<std::string> out;
    for (const ContentManifest& exhibit : catalog.exhibits)
        out.push_back(exhibit.id);
    return out;
}

inline bool mentions(const std::vector<std::string>& lines, const std::string& part) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
        return line.find(part) != std::string::npos;
    });
}

} // namespace kiosk::test
