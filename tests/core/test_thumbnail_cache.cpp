// Thumbnails kept in the data folder (issue 21: a kiosk starting again does
// not decode the same pictures again): kept under the source's exact bytes,
// so a changed package is decoded afresh; a kept file that is cut short,
// declares sides a shrunk picture cannot have, or is a link is never shown
// and is replaced; folders are never kept; and the folder stays bounded.
#include "../core/software_renderer.h"
#include "../core/temp_folder.h"
#include "../core/tiny_png.h"
#include "render/images.h"
#include "render/thumbnail_cache.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

using namespace kiosk;
using kiosk::test::SoftwareRenderer;
using kiosk::test::TempFolder;
using kiosk::test::tiny_png;

namespace {

// A folder standing in for a verified package: it names its bytes by
// `identity` and counts the reads of its files.
class CountedSource : public FileSource {
public:
    CountedSource(std::string folder, std::string identity)
        : folder_(std::move(folder)), identity_(std::move(identity)) {}
    bool read(const std::string& name, std::string& bytes, std::string& error) const override {
        ++reads;
        return folder_.read(name, bytes, error);
    }
    std::vector<std::string> list() const override { return folder_.list(); }
    std::string describe(const std::string& name) const override { return folder_.describe(name); }
    std::string content_identity() const override { return identity_; }
    mutable int reads = 0;

private:
    FolderSource folder_;
    std::string identity_;
};

constexpr ShownSize kTile{370, 208};

std::string only_kept_file(const std::string& folder) {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        files.push_back(entry.path().string());
    return files.size() == 1 ? files[0] : "";
}

} // namespace

TEST_CASE("a thumbnail decoded once is shown from the data folder the next time",
          "[pictures][thumbnails]") {
    SoftwareRenderer software;
    REQUIRE(software.renderer);
    TempFolder content, data;
    content.write("thumbnail.png", tiny_png(1280, 720));
    const std::string kept = data.path().string() + "/thumbnails";
    CountedSource package(content.path().string(), "digest-1");

    {
        ImageCache first_run(software.renderer, kMaxScreenPictureSide);
        first_run.keep_thumbnails_in(kept);
        const Image& tile =
            first_run.get(package, "thumbnail.png", nullptr, kNoPictureBudget, kTile);
        CHECK(tile.width == 370);
        CHECK(package.reads == 1);
    }
    const std::string file = only_kept_file(kept);
    REQUIRE(file != "");
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    struct stat folder_info {};
    REQUIRE(::stat(kept.c_str(), &folder_info) == 0);
    CHECK((folder_info.st_mode & 0777) == 0700);

    // The next run: the package is not read, the picture is the same size.
    ImageCache second_run(software.renderer, kMaxScreenPictureSide);
    second_run.keep_thumbnails_in(kept);
    const Image& again = second_run.get(package, "thumbnail.png", nullptr, kNoPictureBudget, kTile);
    CHECK(again.texture);
    CHECK(again.width == 370);
    CHECK(again.height == 208);
    CHECK(package.reads == 1);

    // A new version of the package (another digest) is decoded from its bytes.
    content.write("thumbnail.png", tiny_png(1280, 800));
    CountedSource updated(content.path().string(), "digest-2");
    ImageCache third_run(software.renderer, kMaxScreenPictureSide);
    third_run.keep_thumbnails_in(kept);
    const Image& updated_tile =
        third_run.get(updated, "thumbnail.png", nullptr, kNoPictureBudget, kTile);
    CHECK(updated.reads == 1);
    CHECK(updated_tile.height == 231); // 1280 x 800 covering 370 x 208
}

TEST_CASE("a kept thumbnail that is cut short, implausible or a link is decoded again",
          "[pictures][thumbnails]") {
    SoftwareRenderer software;
    REQUIRE(software.renderer);
    TempFolder content, data, elsewhere;
    content.write("thumbnail.png", tiny_png(1280, 720));
    const std::string kept = data.path().string() + "/thumbnails";
    CountedSource package(content.path().string(), "digest-1");
    ThumbnailCache cache(kept);
    const std::string path = cache.path_for(package, "thumbnail.png", kTile);
    REQUIRE(path != "");
    REQUIRE(cache.prepare(package, "thumbnail.png", kMaxScreenPictureSide, kNoPictureBudget, kTile)
                .decoded);
    REQUIRE(cache.load(path, kTile));
    std::string whole;
    {
        std::ifstream in(path, std::ios::binary);
        whole.assign(std::istreambuf_iterator<char>(in), {});
    }

    const auto write_kept = [&](const std::string& bytes) {
        std::filesystem::remove(path);
        std::ofstream(path, std::ios::binary) << bytes;
        std::filesystem::permissions(path, std::filesystem::perms(0600));
    };
    SECTION("cut short") {
        write_kept(whole.substr(0, whole.size() - 1));
    }
    SECTION("sides no picture shrunk for the tile can have, with the bytes to match") {
        std::string tall = whole;
        tall[11 + 4 + 3] = char(100);            // height 100 < 208: it would be drawn stretched
        tall.resize(20 + size_t(370) * 100 * 4); // the header, then 370 x 100 pixels
        write_kept(tall);
    }
    SECTION("a declared size of 4 GiB") {
        std::string huge = whole;
        for (int i = 0; i < 8; ++i)
            huge[11 + size_t(i)] = char(0xFF);
        write_kept(huge);
    }
    SECTION("a link to a file elsewhere") {
        elsewhere.write("planted.rgba", whole);
        std::filesystem::remove(path);
        std::filesystem::create_symlink(elsewhere.path() / "planted.rgba", path);
    }
    CHECK_FALSE(cache.load(path, kTile));
    const int reads = package.reads;
    const PreparedPicture again =
        cache.prepare(package, "thumbnail.png", kMaxScreenPictureSide, kNoPictureBudget, kTile);
    REQUIRE(again.decoded);
    CHECK(again.decoded->width == 370);
    CHECK(package.reads == reads + 1);
    // Replaced by a whole one (a link is replaced, never written through).
    CHECK_FALSE(std::filesystem::is_symlink(path));
    CHECK(cache.load(path, kTile));
}

TEST_CASE("pictures from folders are never kept, and the kept ones stay bounded",
          "[pictures][thumbnails]") {
    TempFolder content, data;
    content.write("thumbnail.png", tiny_png(800, 450));
    const std::string kept = data.path().string() + "/thumbnails";
    ThumbnailCache cache(kept);
    FolderSource folder(content.path().string());
    CHECK(cache.path_for(folder, "thumbnail.png", kTile) == "");
    CHECK(cache.prepare(folder, "thumbnail.png", kMaxScreenPictureSide, kNoPictureBudget, kTile)
              .decoded);
    CHECK_FALSE(std::filesystem::exists(kept));

    for (int version = 0; version < kMaxKeptThumbnails + 5; ++version) {
        CountedSource package(content.path().string(), "digest-" + std::to_string(version));
        REQUIRE(
            cache.prepare(package, "thumbnail.png", kMaxScreenPictureSide, kNoPictureBudget, kTile)
                .decoded);
    }
    size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(kept))
        ++files;
    CHECK(files == size_t(kMaxKeptThumbnails));
}
