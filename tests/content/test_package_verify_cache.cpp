// Tests for package_verify_cache.h: the second scan of an unchanged package
// takes its digest from the cache (counted), and the attacks on it fail: a
// cached package changed in place with its size and times kept, or with its
// whole identity kept, is refused; a cache file that is a symbolic link is not
// followed (nor written through); a damaged cache is ignored and rewritten;
// trusted keys, reviews and expiry are judged afresh with a cached digest.
#include "content_folder.h"
#include "core/private_files.h"

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

using namespace kiosk;
using namespace kiosk::test;

namespace {

// A content folder and a private data folder holding the cache.
struct CachedContent {
    ContentFolder content;
    std::string data = content.root.file("data");
    std::string cache_path = data + "/package-verify-cache";
    std::string picture; // random bytes stored as they are, to change in place

    CachedContent() {
        std::string error;
        REQUIRE(make_private_folder(data, error));
    }
    // DIR/NAME holding exhibit `id` with a picture of random bytes.
    std::string add(const std::string& name, const std::string& id) {
        picture.assign(64, '\0');
        randombytes_buf(picture.data(), picture.size());
        content.root.write("src/" + id + "/photo.bin", picture);
        return content.add(name, id);
    }
    // A scan with the cache as a kiosk starting now would load it.
    ExhibitCatalog scan(CatalogOptions options, int& hits) const {
        options.verify_cache = std::make_shared<PackageVerifyCache>(cache_path);
        ExhibitCatalog catalog = scan_exhibit_dirs({}, options);
        hits = options.verify_cache->hits();
        return catalog;
    }
    ExhibitCatalog scan(int& hits) const { return scan(content.options(), hits); }
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

// Changes one byte of `bytes` inside `path` in place (same inode, same size),
// then puts its modification time back.
void change_in_place(const std::string& path, const std::string& bytes) {
    struct stat before {};
    REQUIRE(::stat(path.c_str(), &before) == 0);
    const size_t at = read_file(path).find(bytes);
    REQUIRE(at != std::string::npos);
    {
        std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(std::streamoff(at));
        file.put(char(bytes[0] ^ 0x01));
    }
    const timespec times[2] = {before.st_atim, before.st_mtim};
    REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
    struct stat after {};
    REQUIRE(::stat(path.c_str(), &after) == 0);
    REQUIRE(after.st_ino == before.st_ino);
    REQUIRE(after.st_size == before.st_size);
    REQUIRE(after.st_mtim.tv_sec == before.st_mtim.tv_sec);
    REQUIRE(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);
}

// A cache at `path` that says `version` verified as `digest`.
void write_cache(const std::string& path, const PackageFileVersion& version,
                 const PackageDigest& digest) {
    PackageVerifyCache forged(path);
    forged.remember(version, digest);
    std::string error;
    INFO(error);
    REQUIRE(forged.save(error));
}

PackageDigest digest_of(const std::string& package_path) {
    std::string error;
    std::unique_ptr<Package> package = Package::open(package_path, PackageLimits{}, error);
    REQUIRE(package);
    PackageDigest digest{};
    REQUIRE(package->digest(digest, error));
    return digest;
}

} // namespace

TEST_CASE("a package is verified in full once, then its digest comes from the cache",
          "[verify-cache]") {
    CachedContent cached;
    cached.add("a.kpkg", "alpha");
    const std::string beta = cached.add("b.kpkg", "beta");
    int hits = -1;
    ExhibitCatalog first = cached.scan(hits);
    CHECK(ids(first) == std::vector<std::string>{"alpha", "beta"});
    CHECK(hits == 0);
    struct stat info {};
    REQUIRE(::lstat(cached.cache_path.c_str(), &info) == 0);
    CHECK(S_ISREG(info.st_mode));
    CHECK((info.st_mode & 0777) == 0600);

    ExhibitCatalog second = cached.scan(hits);
    CHECK(hits == 2);
    CHECK(ids(second) == ids(first));
    CHECK(second.problems.empty());

    // Any change to a file's identity verifies it again, here its time alone.
    const timespec times[2] = {{1, 0}, {1000, 0}};
    REQUIRE(::utimensat(AT_FDCWD, beta.c_str(), times, 0) == 0);
    CHECK(ids(cached.scan(hits)) == ids(first));
    CHECK(hits == 1);
    CHECK(ids(cached.scan(hits)) == ids(first));
    CHECK(hits == 2);
}

TEST_CASE("a cached package changed in place, size and times kept, is refused",
          "[verify-cache][attack]") {
    CachedContent cached;
    const std::string path = cached.add("a.kpkg", "alpha");
    int hits = -1;
    REQUIRE(ids(cached.scan(hits)) == std::vector<std::string>{"alpha"});
    change_in_place(path, cached.picture);
    ExhibitCatalog after = cached.scan(hits);
    CHECK(ids(after).empty());
    CHECK(mentions(after.problems, "a.kpkg: refused: the signature by key"));
    CHECK(mentions(after.problems, "does not match the contents"));
}

TEST_CASE("a cached package changed with its whole identity kept is refused by its digest",
          "[verify-cache][attack]") {
    // A file system that keeps ctime (or a clock set back) would show the
    // changed file with the identity the cache holds: only the digest differs.
    CachedContent cached;
    const std::string path = cached.add("a.kpkg", "alpha");
    const std::optional<PackageFileVersion> original = read_package_file_version(path);
    REQUIRE(original);
    const PackageDigest verified = digest_of(path);
    change_in_place(path, cached.picture);
    std::optional<PackageFileVersion> same_identity = read_package_file_version(path);
    REQUIRE(same_identity);
    same_identity->file_digest = original->file_digest;
    write_cache(cached.cache_path, *same_identity, verified);
    int hits = -1;
    ExhibitCatalog after = cached.scan(hits);
    CHECK(hits == 0);
    CHECK(ids(after).empty());
    CHECK(mentions(after.problems, "does not match the contents"));
}

TEST_CASE("a cache file that is a symbolic link is neither followed nor written through",
          "[verify-cache][attack]") {
    CachedContent cached;
    const std::string path = cached.add("a.kpkg", "alpha");
    const PackageDigest verified = digest_of(path);
    change_in_place(path, cached.picture);
    // Elsewhere, a cache that vouches for the changed file with the signed digest.
    const std::string planted = cached.content.root.file("planted-cache");
    const std::optional<PackageFileVersion> changed = read_package_file_version(path);
    REQUIRE(changed);
    write_cache(planted, *changed, verified);
    const std::string planted_text = read_file(planted);
    std::filesystem::create_symlink(planted, cached.cache_path);

    int hits = -1;
    ExhibitCatalog after = cached.scan(hits);
    CHECK(hits == 0);
    CHECK(ids(after).empty());
    CHECK(mentions(after.problems, "does not match the contents"));
    CHECK(read_file(planted) == planted_text);
    struct stat info {};
    REQUIRE(::lstat(cached.cache_path.c_str(), &info) == 0);
    CHECK(S_ISREG(info.st_mode)); // the link was replaced, not written through
}

TEST_CASE("a damaged cache file is ignored whole and rewritten", "[verify-cache]") {
    CachedContent cached;
    cached.add("a.kpkg", "alpha");
    int hits = -1;
    REQUIRE(ids(cached.scan(hits)) == std::vector<std::string>{"alpha"});
    const std::string good = read_file(cached.cache_path);
    const std::string damaged[] = {
        std::string("garbage\0\xff\n", 10),
        good.substr(0, good.size() - 7),          // cut in the middle of a line
        good + good.substr(good.find('\n') + 1),  // the same line twice
        good.substr(0, good.size() - 1) + " 1\n", // a field too many
        "kiosk-package-verify-cache 2\n" + good.substr(good.find('\n') + 1),
        good + "\n",
        "",
    };
    for (const std::string& text : damaged) {
        INFO(text);
        cached.content.root.write("data/package-verify-cache", text);
        ExhibitCatalog catalog = cached.scan(hits);
        CHECK(hits == 0);
        CHECK(ids(catalog) == std::vector<std::string>{"alpha"});
        CHECK(read_file(cached.cache_path) == good);
        cached.scan(hits);
        CHECK(hits == 1);
    }
}

TEST_CASE("with a cached digest, trusted keys, reviews and expiry are judged afresh",
          "[verify-cache][attack]") {
    CachedContent cached;
    cached.add("a.kpkg", "alpha");
    int hits = -1;
    REQUIRE(ids(cached.scan(hits)) == std::vector<std::string>{"alpha"});

    CatalogOptions other_publisher = cached.content.options();
    other_publisher.trust.publishers = {generate_key().public_key()};
    ExhibitCatalog refused = cached.scan(other_publisher, hits);
    CHECK(hits == 1);
    CHECK(ids(refused).empty());
    CHECK(mentions(refused.problems, "a.kpkg: refused: signed only by key"));

    CatalogOptions other_reviewer = cached.content.options();
    other_reviewer.trust.reviewers = {generate_key().public_key()};
    ExhibitCatalog unreviewed = cached.scan(other_reviewer, hits);
    CHECK(hits == 1);
    CHECK(ids(unreviewed).empty());
    REQUIRE(unreviewed.hidden.size() == 1);

    CatalogOptions expired = cached.content.options();
    expired.today = "2027-06-01"; // the approval expires 2027-01-01
    ExhibitCatalog later = cached.scan(expired, hits);
    CHECK(hits == 1);
    CHECK(ids(later).empty());
    REQUIRE(later.hidden.size() == 1);
    CHECK_THAT(later.hidden[0].reason, Catch::Contains("expired"));
}

TEST_CASE("only a package whose signature verifies is remembered", "[verify-cache]") {
    CachedContent cached;
    cached.add("a.kpkg", "alpha");
    CatalogOptions other_publisher = cached.content.options();
    other_publisher.trust.publishers = {generate_key().public_key()};
    int hits = -1;
    REQUIRE(ids(cached.scan(other_publisher, hits)).empty());
    REQUIRE(ids(cached.scan(hits)) == std::vector<std::string>{"alpha"});
    CHECK(hits == 0);
    cached.scan(hits);
    CHECK(hits == 1);
}
