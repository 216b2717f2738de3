// Tests for content_manifest.h: a good manifest, each rule on id, version and
// in-folder paths, the thumbnail check, and warnings for missing English.
#include "../core/temp_folder.h"
#include "content/content_manifest.h"
#include "core/civil_time.h"

#include <catch2/catch.hpp>

#include <string>

using namespace kiosk;

namespace {

const char* kGoodManifest = R"(return {
  id = "pendulum-lab",
  version = "1.0.0",
  title = { zh = "单摆实验室", en = "Pendulum Lab" },
  summary = { zh = "看看摆长怎样改变摆动的快慢。", en = "See how length changes a pendulum's swing." },
  thumbnail = "images/thumbnail.png",
  kind = "exhibit",
  authors = { "Curator" },
  license = "CC-BY-4.0",
  min_runtime = "0.1.0",
  review = { reviewer = "R", organization = "O", reviewed = "2026-01-01", expires = "2027-01-01" },
}
)";

// An exhibit folder with `manifest` and a (fake) thumbnail image.
std::string make_exhibit(const test::TempFolder& root, const std::string& name,
                         const std::string& manifest) {
    root.write(name + "/images/thumbnail.png", "not really a png");
    root.write(name + "/manifest.lua", manifest);
    return root.file(name);
}

// kGoodManifest with one line replaced (or removed, with an empty `line`).
std::string good_manifest_with(const std::string& key, const std::string& line) {
    std::string text = kGoodManifest;
    size_t start = text.find("  " + key + " =");
    REQUIRE(start != std::string::npos);
    size_t end = text.find('\n', start);
    text.replace(start, end - start + 1, line.empty() ? "" : line + "\n");
    return text;
}

} // namespace

TEST_CASE("a good manifest loads", "[manifest]") {
    test::TempFolder root;
    std::string folder = make_exhibit(root, "pendulum", kGoodManifest);
    ManifestLoadResult result = load_content_manifest(folder + "/"); // trailing slash is fine
    INFO((result.errors.empty() ? std::string() : result.errors[0]));
    REQUIRE(result.ok());
    REQUIRE(result.warnings.empty());
    const ContentManifest& manifest = *result.manifest;
    REQUIRE(manifest.folder == folder);
    REQUIRE(manifest.id == "pendulum-lab");
    REQUIRE(manifest.version == "1.0.0");
    REQUIRE(manifest.title.zh == "单摆实验室");
    REQUIRE(manifest.title.in(Language::En) == "Pendulum Lab");
    REQUIRE(manifest.summary.en == "See how length changes a pendulum's swing.");
    REQUIRE(manifest.thumbnail_path == folder + "/images/thumbnail.png");
    REQUIRE(manifest.entry_path == folder + "/main.lua"); // the default; need not exist yet
}

TEST_CASE("a custom entry file", "[manifest]") {
    test::TempFolder root;
    std::string folder = make_exhibit(
        root, "x",
        good_manifest_with("thumbnail",
                           "  thumbnail = './images/thumbnail.png', entry = 'src/start.lua',"));
    ManifestLoadResult result = load_content_manifest(folder);
    REQUIRE(result.ok());
    REQUIRE(result.manifest->entry_path == folder + "/src/start.lua");
    REQUIRE(result.manifest->thumbnail_path == folder + "/images/thumbnail.png");
}

TEST_CASE("manifest rules", "[manifest]") {
    test::TempFolder root;
    auto errors_for = [&](const std::string& key, const std::string& line) {
        std::string folder = make_exhibit(root, "ex", good_manifest_with(key, line));
        ManifestLoadResult result = load_content_manifest(folder);
        REQUIRE_FALSE(result.ok());
        return result.errors;
    };
    std::string file = root.file("ex/manifest.lua");
    const std::string id_rule =
        "id: expected 3 to 48 lowercase letters, digits or '-' (like \"pendulum-lab\")";
    const std::string inside_rule = "thumbnail: expected a path inside the exhibit folder";

    REQUIRE(errors_for("id", "  id = 'Pendulum_Lab',") ==
            std::vector<std::string>{file + ":2: " + id_rule});
    REQUIRE(errors_for("id", "  id = 'ab',") == std::vector<std::string>{file + ":2: " + id_rule});
    REQUIRE(errors_for("id", "  id = '" + std::string(49, 'a') + "',") ==
            std::vector<std::string>{file + ":2: " + id_rule});
    REQUIRE(errors_for("id", "") ==
            std::vector<std::string>{file + ":1: missing required key 'id'"});
    REQUIRE(errors_for("id", "  id = 42,") ==
            std::vector<std::string>{file + ":2: id: expected a string, got number"});

    const std::string version_rule =
        "version: expected a version like \"1.0.0\" (three numbers joined by dots)";
    for (const char* bad : {"1.0", "1.0.0.0", "v1.0.0", "1..0", "1.0.", "1.0.0-beta", ""}) {
        INFO(bad);
        std::vector<std::string> errors =
            errors_for("version", std::string("  version = '") + bad + "',");
        REQUIRE(errors.size() == 1);
        REQUIRE((errors[0] == file + ":3: " + version_rule ||
                 errors[0] == file + ":3: version: expected a non-empty string"));
    }
    REQUIRE(
        make_exhibit(root, "v", good_manifest_with("version", "  version = '10.20.300',")).size() >
        0);
    REQUIRE(load_content_manifest(root.file("v")).ok());

    REQUIRE(errors_for("title", "") ==
            std::vector<std::string>{file + ":1: missing required key 'title'"});
    REQUIRE(errors_for("summary", "  summary = { en = 'Only English' },") ==
            std::vector<std::string>{file + ":5: summary: missing required key 'zh'"});

    REQUIRE(errors_for("thumbnail", "  thumbnail = 'missing.png',") ==
            std::vector<std::string>{file +
                                     ":6: thumbnail: no file 'missing.png' in the exhibit folder"});
    REQUIRE(
        errors_for("thumbnail", "  thumbnail = 'images',") ==
        std::vector<std::string>{file + ":6: thumbnail: no file 'images' in the exhibit folder"});
    REQUIRE(errors_for("thumbnail", "  thumbnail = '../ex/images/thumbnail.png',") ==
            std::vector<std::string>{file + ":6: " + inside_rule + " ('..' is not allowed)"});
    REQUIRE(errors_for("thumbnail", "  thumbnail = '/etc/hostname',") ==
            std::vector<std::string>{file + ":6: " + inside_rule + ", not an absolute path"});
    REQUIRE(
        errors_for("thumbnail", "  thumbnail = 'images\\\\thumbnail.png',") ==
        std::vector<std::string>{file + ":6: thumbnail: use '/' between folder names, not '\\'"});
    REQUIRE(
        errors_for("thumbnail",
                   "  thumbnail = 'images/thumbnail.png', entry = 'a/../../main.lua',") ==
        std::vector<std::string>{
            file + ":6: entry: expected a path inside the exhibit folder ('..' is not allowed)"});
    REQUIRE(errors_for("thumbnail", "") ==
            std::vector<std::string>{file + ":1: missing required key 'thumbnail'"});
    REQUIRE(
        errors_for("thumbnail", "  thumbnial = 'images/thumbnail.png',") ==
        std::vector<std::string>{file + ":1: missing required key 'thumbnail'",
                                 file + ":6: unknown key 'thumbnial' (did you mean 'thumbnail'?)"});
}

TEST_CASE("kind, credits, runtime version and the review record", "[manifest][review]") {
    test::TempFolder root;
    auto errors_for = [&](const std::string& key, const std::string& line) {
        std::string folder = make_exhibit(root, "ex", good_manifest_with(key, line));
        ManifestLoadResult result = load_content_manifest(folder, "0.3.0");
        REQUIRE_FALSE(result.ok());
        return result.errors;
    };
    const std::string file = root.file("ex/manifest.lua");
    CHECK(errors_for("kind", "  kind = 'game',") ==
          std::vector<std::string>{file +
                                   ":7: kind: expected \"exhibit\" or \"quiz\", got \"game\""});
    CHECK(errors_for("kind", "") ==
          std::vector<std::string>{file + ":1: missing required key 'kind'"});
    CHECK(
        errors_for("authors", "  authors = {},") ==
        std::vector<std::string>{file + ":8: authors: expected 1 to 16 names, none of them empty"});
    CHECK(errors_for("authors", "") ==
          std::vector<std::string>{file + ":1: missing required key 'authors'"});
    CHECK(errors_for("license", "") ==
          std::vector<std::string>{file + ":1: missing required key 'license'"});
    CHECK(errors_for("min_runtime", "  min_runtime = '9.0.0',") ==
          std::vector<std::string>{file + ":10: min_runtime: needs kiosk 9.0.0 or newer; this "
                                          "kiosk is 0.3.0"});
    CHECK(errors_for("min_runtime", "  min_runtime = 'latest',") ==
          std::vector<std::string>{file + ":10: min_runtime: expected a version like \"0.1.0\""});
    CHECK(errors_for("review", "  review = { reviewer = 'R', organization = 'O', reviewed = "
                               "'2026-02-30', expires = '2025-01-01' },") ==
          std::vector<std::string>{file + ":11: review.reviewed: expected a date written "
                                          "YYYY-MM-DD (like \"2026-11-01\")"});
    CHECK(errors_for("review", "  review = { reviewer = 'R', organization = 'O', reviewed = "
                               "'2026-02-01', expires = '2025-01-01' },") ==
          std::vector<std::string>{file + ":11: review.expires: must be after the review date "
                                          "2026-02-01"});
    // The one day rule, then content's own: no review before 2000 (a typing mistake).
    CHECK(errors_for("review", "  review = { reviewer = 'R', organization = 'O', reviewed = "
                               "'1999-12-31', expires = '2027-01-01' },") ==
          std::vector<std::string>{file + ":11: review.reviewed: expected a date in 2000 or "
                                          "later, got \"1999-12-31\""});
    CHECK(errors_for("review", "  review = { organization = 'O', reviewed = '2026-02-01', "
                               "expires = '2027-01-01' },") ==
          std::vector<std::string>{file + ":11: review: missing required key 'reviewer'"});

    // No review at all is not an error: the content loads and is hidden from visitors.
    std::string folder = make_exhibit(root, "unreviewed", good_manifest_with("review", ""));
    ManifestLoadResult result = load_content_manifest(folder, "0.3.0");
    REQUIRE(result.ok());
    CHECK(review_status(*result.manifest, "2026-06-01") == ReviewStatus::Missing);
    result = load_content_manifest(make_exhibit(root, "ok", kGoodManifest), "0.3.0");
    REQUIRE(result.ok());
    CHECK(result.manifest->kind == ContentKind::Exhibit);
    CHECK(result.manifest->authors == std::vector<std::string>{"Curator"});
    CHECK(result.manifest->review->organization == "O");
    CHECK(review_status(*result.manifest, "2026-12-31") == ReviewStatus::Reviewed);
    CHECK(review_status(*result.manifest, "2027-01-01") == ReviewStatus::Expired);
    CHECK(review_problem(*result.manifest, "2027-03-01") == "review expired on 2027-01-01");
    CHECK(machine_local_day_today().size() == 10);
}

TEST_CASE("missing English is a warning, not an error", "[manifest]") {
    test::TempFolder root;
    std::string folder =
        make_exhibit(root, "ex", good_manifest_with("title", "  title = { zh = '单摆实验室' },"));
    ManifestLoadResult result = load_content_manifest(folder);
    REQUIRE(result.ok());
    REQUIRE(result.warnings ==
            std::vector<std::string>{
                root.file("ex/manifest.lua") +
                ":4: title: missing English text 'en' (the Chinese text is shown instead)"});
    REQUIRE(result.manifest->title.in(Language::En) == "单摆实验室");
}

TEST_CASE("a folder without a readable manifest", "[manifest]") {
    test::TempFolder root;
    SECTION("no manifest.lua") {
        ManifestLoadResult result = load_content_manifest(root.path().string());
        REQUIRE(result.errors ==
                std::vector<std::string>{root.file("manifest.lua") +
                                         ": cannot open file: No such file or directory"});
    }
    SECTION("a manifest with a syntax error") {
        std::string folder = make_exhibit(root, "ex", "return {\n  id = 'a' 'b',\n}");
        ManifestLoadResult result = load_content_manifest(folder);
        REQUIRE(result.errors.size() == 1);
        REQUIRE(result.errors[0].starts_with(root.file("ex/manifest.lua") + ":2: "));
    }
}

TEST_CASE("sources: the references the science rests on, optional, 1 to 16", "[manifest]") {
    test::TempFolder root;
    const std::string with_sources = good_manifest_with(
        "license",
        "  license = 'CC-BY-4.0',\n  sources = { 'NASA Science: Moon Phases', '课程标准' },");
    ManifestLoadResult result = load_content_manifest(make_exhibit(root, "ok", with_sources));
    INFO((result.errors.empty() ? std::string() : result.errors[0]));
    REQUIRE(result.ok());
    CHECK(result.manifest->sources ==
          std::vector<std::string>{"NASA Science: Moon Phases", "课程标准"});
    CHECK(
        load_content_manifest(make_exhibit(root, "none", kGoodManifest)).manifest->sources.empty());

    const std::string file = root.file("bad/manifest.lua");
    for (const std::string& bad :
         {std::string("{}"), std::string("{ '' }"), "{ '" + std::string(501, 'x') + "' }"}) {
        ManifestLoadResult refused = load_content_manifest(make_exhibit(
            root, "bad", good_manifest_with("license", "  license = 'x', sources = " + bad + ",")));
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.errors ==
              std::vector<std::string>{file +
                                       ":9: sources: expected 1 to 16 references (a book, a "
                                       "page, a standard), none empty or longer than 500 bytes"});
    }
}
