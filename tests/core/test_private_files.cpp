// The private-files rules (core/private_files.h) on their own: a symbolic link,
// a FIFO or another user's file in place of a private file is refused (and a
// link's target is left alone), replacing a file replaces a link rather than
// writing through it, a file others can read is narrowed, and a folder is
// judged by its owner and its group/other write bits.
#include "core/private_files.h"
#include "temp_folder.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

using kiosk::test::TempFolder;
namespace fs = std::filesystem;

namespace {

int mode_of(const std::string& path) {
    struct stat info {};
    return ::lstat(path.c_str(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

} // namespace

TEST_CASE("a private file is never opened through a link, a FIFO or another user's file",
          "[private-files]") {
    TempFolder folder;
    std::string error;
    const std::string victim = folder.write("victim.txt", "keep\n");
    fs::create_symlink(victim, folder.file("linked.log"));
    CHECK_FALSE(kiosk::append_private_file(folder.file("linked.log"), "x\n", error));
    CHECK_THAT(error, Catch::Contains(folder.file("linked.log") + ": is a symbolic link"));
    CHECK(read_text(victim) == "keep\n");

    fs::create_symlink(folder.file("nowhere/new.db"), folder.file("dangling.db"));
    CHECK(kiosk::prepare_private_database(folder.file("dangling.db"), error).empty());
    CHECK_FALSE(fs::exists(folder.file("nowhere")));

    REQUIRE(::mkfifo(folder.file("fifo.log").c_str(), 0600) == 0);
    CHECK_FALSE(kiosk::append_private_file(folder.file("fifo.log"), "x\n", error));
    CHECK_THAT(error, Catch::Contains("is not a regular file"));

    if (geteuid() == 0) {
        const std::string theirs = folder.write("theirs.log", "theirs\n");
        REQUIRE(::chown(theirs.c_str(), 65534, 65534) == 0);
        CHECK_FALSE(kiosk::append_private_file(theirs, "x\n", error));
        CHECK_THAT(error, Catch::Contains("the file belongs to user"));
        CHECK(read_text(theirs) == "theirs\n");
    }
}

TEST_CASE("private files are made 0600, narrowed when others can read them, and replaced whole",
          "[private-files]") {
    TempFolder folder;
    std::string error;
    REQUIRE(kiosk::append_private_file(folder.file("new.log"), "one\n", error));
    CHECK(mode_of(folder.file("new.log")) == 0600);
    fs::permissions(folder.file("new.log"), fs::perms(0666), fs::perm_options::replace);
    REQUIRE(kiosk::append_private_file(folder.file("new.log"), "two\n", error));
    CHECK(mode_of(folder.file("new.log")) == 0600);
    CHECK(read_text(folder.file("new.log")) == "one\ntwo\n");

    const std::string victim = folder.write("victim.txt", "keep\n");
    fs::create_symlink(victim, folder.file("report.txt"));
    REQUIRE(kiosk::replace_private_file(folder.file("report.txt"), "why\n", error));
    CHECK(read_text(victim) == "keep\n");
    CHECK_FALSE(fs::is_symlink(folder.file("report.txt")));
    CHECK(read_text(folder.file("report.txt")) == "why\n");
    CHECK(mode_of(folder.file("report.txt")) == 0600);
    CHECK_FALSE(fs::exists(folder.file("report.txt.part")));
}

TEST_CASE("a private folder is made 0700 and judged by its owner and write bits",
          "[private-files]") {
    TempFolder folder;
    std::string error;
    REQUIRE(kiosk::make_private_folder(folder.file("a/b"), error));
    CHECK(mode_of(folder.file("a")) == 0700);
    CHECK(mode_of(folder.file("a/b")) == 0700);
    CHECK(kiosk::private_folder_problem(folder.file("a/b")).empty());

    fs::permissions(folder.file("a/b"), fs::perms(0755), fs::perm_options::replace);
    CHECK(kiosk::private_folder_problem(folder.file("a/b")).empty()); // others may read
    fs::permissions(folder.file("a/b"), fs::perms(01777), fs::perm_options::replace);
    CHECK_THAT(kiosk::private_folder_problem(folder.file("a/b")),
               Catch::Contains("(mode 1777)") &&
                   Catch::Contains("chmod 700 " + folder.file("a/b")));
    CHECK_FALSE(kiosk::make_private_folder(folder.file("a/b"), error));

    folder.write("plain", "");
    CHECK_FALSE(kiosk::make_private_folder(folder.file("plain/data"), error));
    CHECK_THAT(error, Catch::StartsWith(folder.file("plain/data") + ": cannot create the folder"));
}

// A reader that stats after a failed open races a writer's first rename (absent
// at the open, present at the stat): live.json was read as broken that way. The
// open's errno says which it was.
TEST_CASE("a failed private open says by errno whether the file was absent or refused",
          "[private-files]") {
    TempFolder folder;
    std::string error;
    errno = 0;
    CHECK(kiosk::open_private_file(folder.file("absent.json"), O_RDONLY, error) == -1);
    CHECK(errno == ENOENT);
    fs::create_symlink(folder.file("absent.json"), folder.file("link.json"));
    CHECK(kiosk::open_private_file(folder.file("link.json"), O_RDONLY, error) == -1);
    CHECK(errno != ENOENT);
    REQUIRE(::mkfifo(folder.file("fifo.json").c_str(), 0600) == 0);
    errno = ENOENT; // stale from an earlier call: a refusal must overwrite it
    CHECK(kiosk::open_private_file(folder.file("fifo.json"), O_RDONLY, error) == -1);
    CHECK(errno == EPERM);
}
