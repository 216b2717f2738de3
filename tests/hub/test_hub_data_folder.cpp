// hub.db holds password and token hashes: the hub makes its folder 0700 and
// hub.db (with its -wal and -shm) 0600, narrows a hub.db an older version left
// readable by everyone, refuses a folder other users can write or that belongs
// to another user, and never opens hub.db through a symbolic link (issue 15).
#include "hub_test_support.h"

#include <sys/stat.h>

#include <filesystem>

using kiosk::test::TempFolder;
namespace fs = std::filesystem;

namespace {

// The permission bits of `path` itself (a link is not followed), or -1.
int mode_of(const std::string& path) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) return -1;
    return int(info.st_mode & 07777);
}

} // namespace

TEST_CASE("the hub creates its folder 0700 and hub.db 0600", "[hub][data-folder][sqlite]") {
    TempFolder folder;
    const std::string data = folder.file("hub/data");
    std::string error;
    {
        auto store = kiosk::hub::open_hub_store(kiosk::hub::StoreLocation(data), error);
        INFO(error);
        REQUIRE(store);
        CHECK(mode_of(folder.file("hub")) == 0700);
        CHECK(mode_of(data) == 0700);
        CHECK(mode_of(data + "/hub.db") == 0600);
        CHECK(mode_of(data + "/hub.db-wal") == 0600);
        CHECK(mode_of(data + "/hub.db-shm") == 0600);
    }
    // A hub.db an older version left readable by everyone is narrowed.
    fs::permissions(data + "/hub.db", fs::perms(0644), fs::perm_options::replace);
    auto store = kiosk::hub::open_hub_store(kiosk::hub::StoreLocation(data), error);
    INFO(error);
    REQUIRE(store);
    CHECK(mode_of(data + "/hub.db") == 0600);
}

TEST_CASE("the hub refuses a folder other users can write, and a linked hub.db",
          "[hub][data-folder][sqlite]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    fs::create_directory(data);
    fs::permissions(data, fs::perms::all);
    std::string error;
    CHECK_FALSE(kiosk::hub::open_hub_store(kiosk::hub::StoreLocation(data), error));
    CHECK_THAT(error, Catch::Contains(data + ": the folder can be written by other users "
                                             "(mode 0777)"));
    CHECK_THAT(error, Catch::Contains("chmod 700 " + data));
    CHECK(fs::is_empty(data));

    fs::permissions(data, fs::perms::owner_all, fs::perm_options::replace);
    const std::string target = folder.file("elsewhere.db");
    fs::create_symlink(target, data + "/hub.db");
    CHECK_FALSE(kiosk::hub::open_hub_store(kiosk::hub::StoreLocation(data), error));
    CHECK_THAT(error, Catch::Contains(data + "/hub.db: is a symbolic link"));
    CHECK_FALSE(fs::exists(target));
}

TEST_CASE("kiosk-hub refuses a folder that belongs to another user", "[hub][data-folder][sqlite]") {
    if (geteuid() != 0) {
        WARN("not root: cannot give a folder to another user; skipped");
        return;
    }
    TempFolder folder;
    const std::string data = folder.file("data");
    fs::create_directory(data);
    fs::permissions(data, fs::perms::owner_all, fs::perm_options::replace);
    REQUIRE(::chown(data.c_str(), 65534, 65534) == 0); // nobody
    const kiosk::test::CommandRun run = run_hub_command(folder, "admin list --data " + data);
    CHECK(run.code != 0);
    CHECK_THAT(run.err, Catch::Contains(data + ": the folder belongs to user "));
    CHECK_THAT(run.err, Catch::Contains("chown root " + data + " && chmod 700 " + data));
    CHECK(fs::is_empty(data));
}
