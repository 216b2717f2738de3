// The kiosk's content folder: signed packages load, a tampered or untrusted one
// is refused with its reason while the others still load, and a package copied
// in is picked up between visitors, never in the middle of a visit: scanned in
// the background (content_scan_worker.h), whole, and again when a package
// arrives while a scan runs; the verify cache in the data folder never lets a
// package changed in place through.
#include "app_test_support.h"

#include "../core/temp_folder.h"
#include "app/content_scan_worker.h"
#include "content/package.h"
#include "review_as_manifest.h"

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>

using namespace kiosk;
using namespace kiosk::test;

namespace {

std::vector<std::string> shown_ids(const KioskApp& app) {
    std::vector<std::string> ids;
    for (const ContentManifest& exhibit : app.catalog().exhibits)
        ids.push_back(exhibit.id);
    return ids;
}

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

bool mentions(const std::vector<std::string>& lines, const std::string& text) {
    for (const std::string& line : lines)
        if (line.find(text) != std::string::npos) return true;
    return false;
}

struct Library {
    TempFolder folder;
    SecretKey key = generate_key();
    SecretKey reviewer = generate_key();
    std::string dir = folder.file("content");

    Library() {
        REQUIRE(sodium_init() >= 0);
        std::filesystem::create_directories(dir);
        std::string error;
        REQUIRE(write_public_key(folder.file("trusted.pub"), key.public_key(), error));
        REQUIRE(write_public_key(folder.file("reviewer.pub"), reviewer.public_key(), error));
    }
    // Packs the sample exhibit `name` into the content folder as FILE.kpkg,
    // signed by `by` and approved by the library's reviewer.
    void add(const std::string& name, const std::string& file, const SecretKey& by) {
        std::string error, staging = folder.file(file + ".tmp");
        INFO(error);
        REQUIRE(write_package(source_path("exhibits/" + name), staging, error));
        REQUIRE(sign_package(staging, by, PackageLimits{}, error));
        REQUIRE(review_as_manifest_says(staging, reviewer, error));
        std::filesystem::rename(staging, dir + "/" + file + ".kpkg"); // as the README says
    }
    KioskConfig config(const std::string& data_name) {
        KioskConfig config = load_sample_config("kiosk-config/county-museum.lua", data_name);
        config.content_dir = dir;
        config.trusted_keys = {folder.file("trusted.pub")};
        config.trusted_reviewers = {folder.file("reviewer.pub")};
        return config;
    }
};

} // namespace

TEST_CASE("signed packages load; tampered and untrusted ones are refused alone", "[content]") {
    Library library;
    library.add("pendulum-lab", "pendulum-lab", library.key);
    library.add("water-cycle", "water-cycle", library.key);
    library.add("earthquake-drill", "earthquake-drill", generate_key()); // a stranger's key
    // Change the water cycle after signing: its script becomes executable.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((library.dir + "/water-cycle.kpkg").c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "UPDATE sqlar SET mode = 33261 WHERE name = 'main.lua'", nullptr,
                         nullptr, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_changes(db) == 1);
    sqlite3_close(db);
    library.folder.write("content/half-copied.kpkg", "SQLite format 3\0 and then nothing");

    auto app = make_app_from(library.config("content-refused"), AppOptions{});
    CHECK(shown_ids(*app) == std::vector<std::string>{"pendulum-lab"});
    const std::vector<std::string>& problems = app->catalog().problems;
    CHECK(mentions(problems, library.dir + "/earthquake-drill.kpkg: refused: signed only by key"));
    CHECK(mentions(problems, library.dir + "/half-copied.kpkg"));
    CHECK(mentions(problems, library.dir + "/water-cycle.kpkg: refused: the signature by key " +
                                 library.key.id + " does not match the contents"));
    // The exhibit from the package runs.
    play(*app, "tap 357 560\n", 10);
    REQUIRE(app->screen() == ScreenId::Exhibit);
    CHECK_FALSE(app->exhibit_screen().host()->failed());
}

TEST_CASE("a package copied in is picked up between visitors, not during a visit", "[content]") {
    Library library;
    library.add("pendulum-lab", "pendulum-lab", library.key);
    KioskConfig config = library.config("content-pickup");
    config.idle_timeout_s = 10;
    auto app = make_app_from(config, AppOptions{});
    REQUIRE(shown_ids(*app) == std::vector<std::string>{"pendulum-lab"});

    play(*app, "tap 1500 900\n"); // a visitor touches the home screen: a session starts
    REQUIRE(app->session_id() != "");
    library.add("water-cycle", "water-cycle", library.key);
    play(*app, "wait 5\n");
    CHECK(shown_ids(*app) == std::vector<std::string>{"pendulum-lab"}); // not mid-visit

    play(*app, "wait 12\n"); // idle: the visit ends at the attract screen
    REQUIRE(app->session_id() == "");
    play(*app, "wait 3\n");
    CHECK(shown_ids(*app) == std::vector<std::string>{"pendulum-lab", "water-cycle"});
}

TEST_CASE("a background scan during a visit is swapped in only after the visit", "[content]") {
    Library library;
    library.add("pendulum-lab", "pendulum-lab", library.key);
    KioskConfig config = library.config("content-background");
    config.idle_timeout_s = 10;
    AppOptions options;
    options.paced = true; // real time: the frame thread never waits for a scan
    auto app = make_app_from(config, options);
    REQUIRE(shown_ids(*app) == std::vector<std::string>{"pendulum-lab"});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);

    play(*app, "tap 1500 900\n"); // a visitor
    REQUIRE(app->session_id() != "");
    library.add("water-cycle", "water-cycle", library.key);
    play(*app, "wait 3\n");                   // a check mid-visit: the worker scans the new set
    for (int frame = 0; frame < 3; ++frame) { // time for a swap, had it been allowed
        REQUIRE(app->wait_for_content_scans(deadline));
        run_frames(*app, 1);
    }
    CHECK(shown_ids(*app) == std::vector<std::string>{"pendulum-lab"}); // held back

    play(*app, "wait 12\n", 0); // idle: the visit ends at the attract screen
    REQUIRE(app->session_id() == "");
    // Between visitors the new set's fonts bake on another thread; the old set
    // shows until it is whole.
    const std::vector<std::string> old_set{"pendulum-lab"}, new_set{"pendulum-lab", "water-cycle"};
    while (shown_ids(*app) == old_set && std::chrono::steady_clock::now() < deadline)
        run_frames(*app, 1);
    CHECK(shown_ids(*app) == new_set);
}

TEST_CASE("a package added while a background scan runs is picked up by the next scan",
          "[content]") {
    Library library;
    KioskConfig config = library.config("content-scan-race");
    CatalogOptions options;
    options.content_dir = library.dir;
    std::string error;
    REQUIRE(load_trust_roots(config, options.trust, error));
    std::mutex mutex;
    std::condition_variable changed;
    bool scan_read_folder = false, scan_may_finish = false;
    ContentScanWorker worker(std::make_unique<ContentDirWatcher>(library.dir), [&] {
        ScannedContent scanned{scan_exhibit_dirs({}, options)};
        std::unique_lock lock(mutex);
        scan_read_folder = true;
        changed.notify_all();
        changed.wait(lock, [&] { return scan_may_finish; });
        return scanned;
    });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    const auto ids = [](const std::optional<ScannedContent>& scan) {
        std::vector<std::string> out;
        for (const ContentManifest& exhibit : scan->catalog.exhibits)
            out.push_back(exhibit.id);
        return out;
    };

    library.add("pendulum-lab", "pendulum-lab", library.key);
    worker.check();
    {
        std::unique_lock lock(mutex);
        REQUIRE(changed.wait_until(lock, deadline, [&] { return scan_read_folder; }));
    }
    library.add("water-cycle", "water-cycle", library.key); // while the scan runs
    CHECK_FALSE(worker.take().has_value());                 // nothing of an unfinished scan
    {
        std::lock_guard lock(mutex);
        scan_may_finish = true;
    }
    changed.notify_all();
    REQUIRE(worker.wait_until_idle(deadline));
    std::optional<ScannedContent> first = worker.take();
    REQUIRE(first.has_value());
    CHECK(ids(first) == std::vector<std::string>{"pendulum-lab"});

    worker.check(); // the folder changed after the first scan read it: scanned again
    REQUIRE(worker.wait_until_idle(deadline));
    std::optional<ScannedContent> second = worker.take();
    REQUIRE(second.has_value());
    CHECK(ids(second) == std::vector<std::string>{"pendulum-lab", "water-cycle"});

    worker.check(); // nothing changed since: no scan
    REQUIRE(worker.wait_until_idle(deadline));
    CHECK_FALSE(worker.take().has_value());
    CHECK(worker.checks_done() == 3);
}

TEST_CASE("unsigned exhibit folders show only in dev mode", "[content]") {
    KioskConfig config = load_sample_config("kiosk-config/county-museum.lua", "content-unsigned");
    config.content_dir.clear();
    config.exhibit_dirs = {source_path("exhibits")};
    auto venue = make_app_from(config, AppOptions{});
    CHECK(shown_ids(*venue).empty());
    CHECK(
        mentions(venue->catalog().problems,
                 source_path("exhibits") + ": unsigned exhibit folders are shown only with --dev"));
    venue.reset();
    AppOptions dev;
    dev.dev = true;
    auto curator = make_app_from(config, dev);
    CHECK(shown_ids(*curator) == std::vector<std::string>{"earthquake-drill", "moon-phases",
                                                          "pendulum-lab", "water-cycle"});
}

TEST_CASE("the config's package limits refuse an oversized package", "[content]") {
    Library library;
    library.add("pendulum-lab", "pendulum-lab", library.key);
    const std::string big = library.folder.file("big-src");
    std::filesystem::copy(source_path("exhibits/water-cycle"), big,
                          std::filesystem::copy_options::recursive);
    library.folder.write("big-src/images/huge.bin", std::string(size_t(2) << 20, '\0'));
    std::string error;
    REQUIRE(write_package(big, library.dir + "/water-cycle.kpkg", error));
    REQUIRE(sign_package(library.dir + "/water-cycle.kpkg", library.key, PackageLimits{}, error));
    REQUIRE(review_as_manifest_says(library.dir + "/water-cycle.kpkg", library.reviewer, error));
    KioskConfig config = library.config("content-limits");
    config.package_limits.max_file_mb = 1;
    auto app = make_app_from(config, AppOptions{});
    CHECK(shown_ids(*app) == std::vector<std::string>{"pendulum-lab"});
    CHECK(mentions(app->catalog().problems,
                   "declares 'images/huge.bin' as 2097152 bytes; the limit is 1048576"));
}

TEST_CASE("previewing a package with --exhibit: verified unless --dev", "[content]") {
    Library library;
    library.add("pendulum-lab", "pendulum-lab", library.key);
    library.add("water-cycle", "stranger", generate_key());
    KioskConfig config = library.config("content-preview");
    AppOptions options;
    options.exhibit_path = library.dir + "/pendulum-lab.kpkg";
    auto app = make_app_from(config, options);
    REQUIRE(app->screen() == ScreenId::Exhibit);
    run_frames(*app, 5);
    CHECK_FALSE(app->exhibit_screen().host()->failed());
    app.reset();

    options.exhibit_path = library.dir + "/stranger.kpkg";
    options.headless = true;
    std::string error;
    CHECK_FALSE(KioskApp::create(config, options, error));
    CHECK(error.find("stranger.kpkg: refused: signed only by key") != std::string::npos);
    options.dev = true;
    auto dev = make_app_from(config, options);
    CHECK(dev->screen() == ScreenId::Exhibit);
}

TEST_CASE("the kiosk keeps its verify cache in the data folder; a package changed in place after "
          "it is cached is refused at the next start",
          "[content][verify-cache]") {
    Library library;
    library.add("pendulum-lab", "pendulum-lab", library.key);
    library.add("water-cycle", "water-cycle", library.key);
    const KioskConfig config = library.config("content-verify-cache");
    const std::string cache = config.data_dir + "/package-verify-cache";
    REQUIRE(shown_ids(*make_app_from(config, AppOptions{})) ==
            std::vector<std::string>{"pendulum-lab", "water-cycle"});
    struct stat info {};
    REQUIRE(::lstat(cache.c_str(), &info) == 0);
    CHECK(S_ISREG(info.st_mode));
    CHECK((info.st_mode & 0777) == 0600);

    // One byte of the thumbnail's stored data changed in place, the time put back.
    const std::string package = library.dir + "/water-cycle.kpkg";
    REQUIRE(::stat(package.c_str(), &info) == 0);
    std::string stored;
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open_v2(package.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
        sqlite3_stmt* select = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, "SELECT data FROM sqlar WHERE name = 'thumbnail.png'", -1,
                                   &select, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(select) == SQLITE_ROW);
        stored.assign(static_cast<const char*>(sqlite3_column_blob(select, 0)),
                      size_t(sqlite3_column_bytes(select, 0)));
        sqlite3_finalize(select);
        sqlite3_close(db);
    }
    REQUIRE(stored.size() > 600);
    const size_t at = read_bytes(package).find(stored.substr(500, 64));
    REQUIRE(at != std::string::npos);
    {
        std::fstream file(package, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(std::streamoff(at));
        file.put(char(stored[500] ^ 1));
    }
    const timespec times[2] = {info.st_atim, info.st_mtim};
    REQUIRE(::utimensat(AT_FDCWD, package.c_str(), times, 0) == 0);
    auto again = make_app_from(config, AppOptions{});
    CHECK(shown_ids(*again) == std::vector<std::string>{"pendulum-lab"});
    CHECK(mentions(again->catalog().problems, package + ": "));
}

TEST_CASE("a trusted key file that cannot be read stops the start, as the content scan would "
          "start",
          "[content]") {
    Library library;
    library.add("pendulum-lab", "pendulum-lab", library.key);
    KioskConfig config = library.config("content-bad-key");
    config.trusted_reviewers = {library.folder.file("missing.pub")};
    AppOptions options;
    options.headless = true;
    std::string error;
    CHECK_FALSE(KioskApp::create(config, options, error));
    CHECK(error.find(config.source_path + ": trusted_reviewers: ") == 0);
    CHECK(error.find("missing.pub") != std::string::npos);
}
