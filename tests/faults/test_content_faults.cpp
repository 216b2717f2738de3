// Faults in the kiosk's content folder: a package overwritten with garbage (in
// place, or renamed over) while a visitor uses it, and the kiosk SIGKILLed in
// the middle of picking up a new package. The visit goes on or the exhibit
// rests gracefully, the next scan refuses the garbage naming the file, and a
// killed kiosk loses nothing and starts again showing the new content.
#include "app/app_test_support.h"
#include "content/package.h"
#include "core/sqlite_statement.h"
#include "fault_support.h"
#include "kiosk_process.h"
#include "review_as_manifest.h"
#include "signed_library.h"
#include "telemetry/telemetry_test_support.h"
#include "test_paths.h"

#include <catch2/catch.hpp>
#include <dirent.h>
#include <signal.h>
#include <sodium.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

using namespace kiosk;
using namespace kiosk::test;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> shown_ids(const KioskApp& app) {
    std::vector<std::string> ids;
    for (const ContentManifest& exhibit : app.catalog().exhibits)
        ids.push_back(exhibit.id);
    return ids;
}

std::string random_bytes(size_t size, unsigned seed) {
    std::mt19937 random(seed);
    std::string bytes(size, '\0');
    for (char& byte : bytes)
        byte = char(random());
    return bytes;
}

// Whether process `pid` has `path` open.
bool has_open(pid_t pid, const std::string& path) {
    const std::string fd_dir = "/proc/" + std::to_string(pid) + "/fd";
    DIR* dir = opendir(fd_dir.c_str());
    if (!dir) return false;
    bool found = false;
    while (dirent* entry = readdir(dir)) {
        char target[4096];
        const std::string link = fd_dir + "/" + entry->d_name;
        const ssize_t size = readlink(link.c_str(), target, sizeof target - 1);
        if (size > 0 && std::string(target, size_t(size)) == path) found = true;
    }
    closedir(dir);
    return found;
}

// A signed copy of the pendulum lab as exhibit `id`, with `megabytes` of
// incompressible extra files stored as they are, so that verifying it takes
// the kiosk a while.
void add_big_pendulum(const SignedLibrary& library, const std::string& id, int megabytes) {
    const std::string source = library.folder.file(id);
    fs::copy(kiosk::test::source_dir() + "/exhibits/pendulum-lab", source);
    std::string manifest = read_text(source + "/manifest.lua");
    const std::string old_id = "id = \"pendulum-lab\"";
    REQUIRE(manifest.find(old_id) != std::string::npos);
    manifest.replace(manifest.find(old_id), old_id.size(), "id = \"" + id + "\"");
    library.folder.write(id + "/manifest.lua", manifest);
    std::string error;
    const std::string staging = library.folder.file(id + ".staging");
    REQUIRE(write_package(source, staging, error));
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(staging.c_str(), &db) == SQLITE_OK);
    {
        SqliteStatement insert(db, "INSERT INTO sqlar(name, mode, mtime, sz, data) "
                                   "VALUES(?1, 33188, 0, ?2, ?3)");
        REQUIRE(insert.ok());
        for (int i = 0; i < megabytes / 16; ++i) {
            const std::string blob = random_bytes(16 << 20, unsigned(i));
            insert.reset();
            insert.bind(1, "data/blob-" + std::to_string(i) + ".bin");
            insert.bind(2, int64_t(blob.size())).bind_blob(3, blob);
            REQUIRE(insert.run());
        }
    }
    sqlite3_close(db);
    REQUIRE(sign_package(staging, library.key, PackageLimits{}, error));
    REQUIRE(review_as_manifest_says(staging, library.reviewer, error));
    fs::rename(staging, library.dir + "/" + id + ".kpkg");
}

} // namespace

TEST_CASE("kiosk: a content package replaced by garbage while displayed: the visit goes on and the "
          "next scan refuses it, naming the file",
          "[faults][content]") {
    const bool in_place = GENERATE(true, false);
    INFO((in_place ? "overwritten in place" : "garbage renamed over it"));
    SignedLibrary library;
    library.add_sample("pendulum-lab");
    library.add_sample("water-cycle");
    const std::string data_dir = temp_dir(in_place ? "faults-garbage-in-place" : "faults-garbage");
    auto app = make_app_from(kiosk_config(library.setup(data_dir)), AppOptions{});
    REQUIRE(shown_ids(*app) == std::vector<std::string>{"pendulum-lab", "water-cycle"});
    play(*app, "tap 357 560\nwait 1\n"); // the pendulum lab, from its package
    REQUIRE(app->screen() == ScreenId::Exhibit);
    REQUIRE(app->exhibit_screen().host());

    const std::string package = library.dir + "/pendulum-lab.kpkg";
    const std::string garbage = random_bytes(200000, 7);
    if (in_place) {
        std::ofstream(package, std::ios::binary | std::ios::trunc) << garbage;
    } else {
        library.folder.write("content/pendulum-lab.kpkg.tmp", garbage);
        fs::rename(package + ".tmp", package);
    }

    // The exhibit runs on what it loaded: the visitor keeps playing.
    play(*app, "drag 900 576 1050 520 0.6\nwait 2\ntap 1100 700\nwait 1\n");
    CHECK(app->screen() == ScreenId::Exhibit);
    CHECK_FALSE(app->exhibit_screen().host()->failed());
    // Back home and into it again, in the same visit. A file renamed over
    // leaves the opened package whole. An overwritten one is read from what
    // SQLite still holds of it, or, where that is not enough, fails: then the
    // exhibit rests and the visitor goes home. Either way, no crash.
    play(*app, "tap 170 90\nwait 1\ntap 357 560\nwait 1\n");
    REQUIRE(app->screen() == ScreenId::Exhibit);
    REQUIRE(app->exhibit_screen().host());
    const bool rested = app->exhibit_screen().host()->failed();
    INFO("the exhibit opened again " << (rested ? "rested" : "ran"));
    if (!in_place) CHECK_FALSE(rested);
    play(*app, "wait 7\n");
    CHECK(app->screen() == (rested ? ScreenId::Home : ScreenId::Exhibit));

    // The visitor leaves; the scan between visitors refuses the garbage.
    play(*app, "wait 14\n");
    REQUIRE(app->screen() == ScreenId::Attract);
    CHECK(shown_ids(*app) == std::vector<std::string>{"water-cycle"});
    const std::string reason = package + ": not a package (not an SQLite database)";
    bool named = false;
    for (const std::string& problem : app->catalog().problems)
        named = named || problem.starts_with(reason);
    CHECK(named);
    CHECK_THAT(read_text(data_dir + "/kiosk.log"), Catch::Contains("warning " + reason));

    // The next visitor gets what is left, working.
    play(*app, "tap 960 540\nwait 1\ntap 357 560\nwait 1\n");
    CHECK(app->screen() == ScreenId::Exhibit);
    REQUIRE(app->exhibit_screen().host());
    CHECK_FALSE(app->exhibit_screen().host()->failed());
}

TEST_CASE("kiosk: SIGKILL during a content swap loses nothing, and the restarted kiosk shows the "
          "new package",
          "[faults][content]") {
    SignedLibrary library;
    library.add_sample("pendulum-lab");
    library.add_sample("water-cycle");
    KioskSetup setup = library.setup(library.folder.file("data"));
    const std::string config = write_kiosk_config(library.folder, setup);
    const std::string kiosk_db = setup.data_dir + "/kiosk.db";
    // (The first frame is drawn before the first tap: a kiosk has been up a while.)
    const std::string visit = "wait 0.5\ntap 357 560\nwait 1\ntap 170 90\nwait 12\nquit\n";
    const std::string replay = library.folder.write("visit.replay", visit);

    // A visitor first, on a kiosk that stops cleanly.
    {
        KioskProcess run(config, {"--input", replay}, library.folder.file("run0.out"));
        INFO(run.output());
        REQUIRE(run.wait() == 0);
    }
    const Counts committed = kiosk_counts(kiosk_db);
    REQUIRE(total_of(committed, "kiosk", "sessions") == 1);
    const int64_t events = Db(kiosk_db).integer("SELECT count(*) FROM events");
    const int64_t last_seq = Db(kiosk_db).integer("SELECT max(seq) FROM events");

    // A new package arrives while the kiosk idles on its home screen; it is
    // killed as soon as it opens the package to check it.
    const std::string package = library.dir + "/big-pendulum.kpkg";
    {
        KioskProcess run(config, {"--frames", "100000000"}, library.folder.file("run1.out"));
        REQUIRE(run.wait_for_output("kiosk started with"));
        add_big_pendulum(library, "big-pendulum", 128);
        REQUIRE(eventually([&] { return has_open(run.pid(), package) || !run.running(); }));
        REQUIRE(run.stop(SIGKILL) == -SIGKILL);
        // It died inside the swap: checking 128 MB takes it about a second (on
        // this machine), this side notices the open file within milliseconds.
        CHECK(run.output().find("content changed") == std::string::npos);
    }
    {
        Db db(kiosk_db);
        CHECK(db.text("PRAGMA integrity_check") == "ok");
        CHECK(db.integer("SELECT count(*) FROM events WHERE seq <= " + std::to_string(last_seq)) ==
              events);
        CHECK(stored_rollups(db) == recounted_rollups(db));
    }
    // Counts only grow (the killed run's own screen counts add to them); no
    // visitor came.
    const Counts after_kill = kiosk_counts(kiosk_db);
    for (const auto& [key, value] : committed)
        CHECK(after_kill.at(key) >= value);
    CHECK(total_of(after_kill, "kiosk", "sessions") == 1);

    // Started again: the new exhibit is there and a visitor opens it.
    {
        KioskProcess run(config, {"--input", replay}, library.folder.file("run2.out"));
        INFO(run.output());
        REQUIRE(run.wait() == 0);
        CHECK_THAT(run.output(), Catch::Contains("exhibit big-pendulum opened"));
    }
    const Counts after = kiosk_counts(kiosk_db);
    CHECK(total_of(after, "kiosk", "sessions") == 2);
    CHECK(total_of(after, "exhibit", "visits") == 2);
    for (const auto& [key, value] : committed)
        CHECK(after.at(key) >= value);
    Db db(kiosk_db);
    CHECK(db.text("PRAGMA integrity_check") == "ok");
    CHECK(stored_rollups(db) == recounted_rollups(db));
}
