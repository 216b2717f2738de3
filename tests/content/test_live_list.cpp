// The live list (content/live_list.h): written whole by rename and read back,
// and every malformed or forged field refused, naming the field, so a damaged
// list never makes the scanner read a file outside content_dir/hub/.
#include "../core/temp_folder.h"
#include "content/live_list.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

using namespace kiosk;
using kiosk::test::TempFolder;

namespace {

const std::string kSha(64, 'a');

std::string package_json(const std::string& fields) {
    return R"({"format":"kiosk-live-v1","snapshot_version":3,"packages":[)" + fields + "]}";
}
std::string one_package(const std::string& id = "pendulum-lab",
                        const std::string& file = "pendulum-lab-1.3.0.kpkg",
                        const std::string& sha = kSha, const std::string& extra = "") {
    return R"({"id":")" + id + R"(","version":"1.3.0","file":")" + file + R"(","sha256":")" + sha +
           "\"" + extra + "}";
}

// The error read_live_list gives for `text` as live.json (and that it gives one).
std::string refused(const std::string& text) {
    TempFolder folder;
    folder.write("live.json", text);
    std::string error;
    const std::optional<LiveList> list = read_live_list(folder.path().string(), error);
    CHECK_FALSE(list);
    CHECK(error.starts_with(folder.file("live.json") + ": "));
    return error.substr(error.find(": ") + 2);
}

LiveList two_packages() {
    LiveList list;
    list.snapshot_version = 17;
    list.packages = {{"pendulum-lab", "1.3.0", "pendulum-lab-1.3.0.kpkg", kSha},
                     {"water-cycle", "2.0.1", "water-cycle-2.0.1.kpkg", std::string(64, '0')}};
    return list;
}

} // namespace

TEST_CASE("no live list is an empty one", "[live_list]") {
    TempFolder folder;
    std::string error;
    const std::optional<LiveList> list = read_live_list(folder.path().string(), error);
    REQUIRE(list);
    CHECK(error.empty());
    CHECK(list->snapshot_version == 0);
    CHECK(list->packages.empty());
}

TEST_CASE("a written live list reads back the same, owner-only, nothing left over", "[live_list]") {
    TempFolder folder;
    std::string error;
    REQUIRE(write_live_list(folder.path().string(), two_packages(), error));
    std::optional<LiveList> list = read_live_list(folder.path().string(), error);
    INFO(error);
    REQUIRE(list);
    CHECK(list->snapshot_version == 17);
    REQUIRE(list->packages.size() == 2);
    CHECK(list->packages[0].id == "pendulum-lab");
    CHECK(list->packages[1].file == "water-cycle-2.0.1.kpkg");
    CHECK(list->packages[1].sha256 == std::string(64, '0'));
    struct stat info {};
    REQUIRE(::stat(folder.file("live.json").c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    CHECK_FALSE(std::filesystem::exists(folder.file("live.json.part")));

    LiveList shorter;
    shorter.snapshot_version = 18;
    REQUIRE(write_live_list(folder.path().string(), shorter, error));
    list = read_live_list(folder.path().string(), error);
    REQUIRE(list);
    CHECK(list->snapshot_version == 18);
    CHECK(list->packages.empty());
}

TEST_CASE("a list the scanner would refuse is not written, and the old one stays", "[live_list]") {
    TempFolder folder;
    std::string error;
    REQUIRE(write_live_list(folder.path().string(), two_packages(), error));
    LiveList bad = two_packages();
    bad.snapshot_version = 99;
    bad.packages[1].file = "../../etc/passwd";
    CHECK_FALSE(write_live_list(folder.path().string(), bad, error));
    CHECK_THAT(error, Catch::Contains("packages[2].file"));
    bad = two_packages();
    bad.packages[0].sha256 = std::string(64, 'G');
    CHECK_FALSE(write_live_list(folder.path().string(), bad, error));
    CHECK_THAT(error, Catch::Contains("packages[1].sha256"));
    bad = two_packages();
    bad.packages[1].id = "\xff\xfe";
    CHECK_FALSE(write_live_list(folder.path().string(), bad, error));
    CHECK_THAT(error, Catch::Contains("packages[2].id"));
    const std::optional<LiveList> kept = read_live_list(folder.path().string(), error);
    REQUIRE(kept);
    CHECK(kept->snapshot_version == 17);
}

TEST_CASE("a live list is never read or written through a symbolic link", "[live_list]") {
    TempFolder folder;
    folder.write("elsewhere.json", package_json(one_package()));
    std::filesystem::create_symlink(folder.file("elsewhere.json"), folder.file("live.json"));
    std::string error;
    CHECK_FALSE(read_live_list(folder.path().string(), error));
    CHECK_THAT(error, Catch::Contains(folder.file("live.json")));
    // Writing replaces the link itself; the file it pointed to is untouched.
    REQUIRE(write_live_list(folder.path().string(), two_packages(), error));
    CHECK_FALSE(std::filesystem::is_symlink(folder.file("live.json")));
    std::ifstream target(folder.file("elsewhere.json"));
    std::string text((std::istreambuf_iterator<char>(target)), std::istreambuf_iterator<char>());
    CHECK(text == package_json(one_package()));
}

TEST_CASE("every malformed field of a live list is refused, naming it", "[live_list]") {
    CHECK(refused("{") == "not valid JSON");
    CHECK(refused("[]") == "expected a JSON object");
    CHECK(refused(R"({"format":"kiosk-live-v2","snapshot_version":1,"packages":[]})") ==
          "format: expected \"kiosk-live-v1\"");
    CHECK(refused(R"({"snapshot_version":1,"packages":[]})") ==
          "format: expected \"kiosk-live-v1\"");
    CHECK(refused(R"({"format":"kiosk-live-v1","snapshot_version":1,"packages":[],"x":1})") ==
          "x: unknown field");
    CHECK(refused(R"({"format":"kiosk-live-v1","snapshot_version":"1","packages":[]})") ==
          "snapshot_version: expected a whole number, 0 or more");
    CHECK(refused(R"({"format":"kiosk-live-v1","snapshot_version":-1,"packages":[]})") ==
          "snapshot_version: expected a whole number, 0 or more");
    CHECK(refused(R"({"format":"kiosk-live-v1","snapshot_version":1.5,"packages":[]})") ==
          "snapshot_version: expected a whole number, 0 or more");
    CHECK(refused(R"({"format":"kiosk-live-v1","snapshot_version":1,"packages":{}})") ==
          "packages: expected a list");
    CHECK(refused(package_json("7")) == "packages[1]: expected an object");
    CHECK(refused(package_json(one_package("pendulum-lab", "p.kpkg", kSha, R"(,"url":"x")"))) ==
          "packages[1].url: unknown field");
    CHECK(refused(package_json(R"({"id":"pendulum-lab","version":"1.3.0","file":"p.kpkg"})")) ==
          "packages[1].sha256: missing");
    CHECK(refused(package_json(R"({"id":7,"version":"1.3.0","file":"p.kpkg","sha256":")" + kSha +
                               "\"}")) == "packages[1].id: expected a string");
    CHECK_THAT(refused(package_json(one_package("Pendulum Lab"))),
               Catch::StartsWith("packages[1].id: expected"));
    CHECK_THAT(refused(package_json(R"({"id":"pendulum-lab","version":"1.3","file":"p.kpkg",)"
                                    R"("sha256":")" +
                                    kSha + "\"}")),
               Catch::StartsWith("packages[1].version: expected"));
    for (const std::string file :
         {"../x.kpkg", "sub/x.kpkg", ".hidden.kpkg", "..", "", "a\\\\b", "a b.kpkg"})
        CHECK_THAT(refused(package_json(one_package("pendulum-lab", file))),
                   Catch::StartsWith("packages[1].file: expected a plain file name"));
    for (const std::string& sha : {std::string(63, 'a'), std::string(65, 'a'), std::string(64, 'A'),
                                  std::string(63, 'a') + "g"})
        CHECK(refused(package_json(one_package("pendulum-lab", "p.kpkg", sha))) ==
              "packages[1].sha256: expected 64 lowercase hex digits");
    CHECK(refused(package_json(one_package() + "," + one_package("pendulum-lab", "other.kpkg"))) ==
          "packages[2].id: \"pendulum-lab\" is listed twice");
    CHECK(refused(package_json(one_package() + "," + one_package("water-cycle"))) ==
          "packages[2].file: \"pendulum-lab-1.3.0.kpkg\" is listed twice");
}

TEST_CASE("a live list of more than 200 packages is refused", "[live_list]") {
    std::string many;
    for (size_t i = 0; i <= kMaxLivePackages; ++i)
        many += (i ? "," : "") +
                one_package("package-" + std::to_string(i), "p" + std::to_string(i) + ".kpkg");
    CHECK(refused(package_json(many)) == "packages: 201 packages, at most 200");
    LiveList list;
    for (size_t i = 0; i <= kMaxLivePackages; ++i)
        list.packages.push_back(
            {"package-" + std::to_string(i), "1.0.0", "p" + std::to_string(i) + ".kpkg", kSha});
    TempFolder folder;
    std::string error;
    CHECK_FALSE(write_live_list(folder.path().string(), list, error));
    list.packages.pop_back();
    CHECK(write_live_list(folder.path().string(), list, error));
}
