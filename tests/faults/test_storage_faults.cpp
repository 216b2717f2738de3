// Faults in the kiosk's data folder: the disk refusing writes under a running
// kiosk (read-only, as a failing card remounted by the kernel, simulated by a
// SQLite VFS since chmod cannot reach files already open), a full disk seen
// from the admin overlay, and a kiosk started on a data folder it cannot
// write. Visitors are served throughout, the admin overlay says why nothing
// is stored, nothing already committed is lost, and storing resumes when the
// disk takes writes again.
#include "../home_tiles.h"
#include "app/app_test_support.h"
#include "fault_support.h"
#include "kiosk_process.h"
#include "refusing_vfs.h"
#include "telemetry/telemetry_test_support.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace kiosk;
using namespace kiosk::test;
namespace fs = std::filesystem;

namespace {

// From the home screen: the pendulum lab, then back home.
const std::string kExhibitAndBack =
    kiosk::test::open_home_tile("pendulum-lab") + "wait 0.5\ntap 170 90\nwait 0.5\n";

int64_t pendulum_visits(const std::string& kiosk_db) {
    return Db(kiosk_db).integer("SELECT value FROM rollups WHERE subject_kind = 'exhibit' AND "
                                "subject = 'pendulum-lab' AND metric = 'visits'");
}

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void set_read_only(const std::string& folder, bool read_only) {
    for (const auto& entry : fs::directory_iterator(folder))
        fs::permissions(entry.path(), read_only ? fs::perms::owner_read | fs::perms::group_read |
                                                      fs::perms::others_read
                                                : fs::perms::owner_read | fs::perms::owner_write);
    fs::permissions(folder,
                    read_only ? fs::perms::owner_read | fs::perms::owner_exec |
                                    fs::perms::group_read | fs::perms::group_exec |
                                    fs::perms::others_read | fs::perms::others_exec
                              : fs::perms::owner_all,
                    fs::perm_options::replace);
}

} // namespace

TEST_CASE("kiosk: the data folder turning read-only under a running kiosk: visitors served, the "
          "overlay says why, nothing lost, storing resumes",
          "[faults][storage]") {
    install_refusing_vfs();
    KioskSetup setup;
    setup.data_dir = temp_dir("faults-read-only-running");
    auto app = make_app_from(kiosk_config(setup), AppOptions{});
    telemetry::EventStore* store = app->event_store();
    REQUIRE(store);
    const std::string kiosk_db = setup.data_dir + "/kiosk.db";
    play(*app, kExhibitAndBack, 0);
    REQUIRE(store->flush());
    const int64_t events_before = Db(kiosk_db).integer("SELECT count(*) FROM events");
    REQUIRE(pendulum_visits(kiosk_db) == 1);
    CHECK(app->admin_info().statistics_state_key == "admin_statistics_recording");

    refuse_writes_under(setup.data_dir);
    int visits = 1;
    for (int i = 0; i < 5; ++i, ++visits) {
        play(*app, kExhibitAndBack, 0);
        REQUIRE(app->screen() == ScreenId::Home); // the visitor was served
    }
    CHECK_FALSE(store->flush());
    const AdminInfo refused = app->admin_info();
    CHECK(refused.statistics_state_key == "admin_statistics_not_writable");
    CHECK(refused.events_dropped > 0);
    CHECK(store->health().last_error == "disk I/O error");
    {
        Db db(kiosk_db); // what was committed is all there, and whole
        CHECK(db.text("PRAGMA integrity_check") == "ok");
        CHECK(db.integer("SELECT count(*) FROM events") == events_before);
        CHECK(pendulum_visits(kiosk_db) == 1);
    }

    refuse_writes_under(""); // writable again
    for (int i = 0; i < 2; ++i, ++visits)
        play(*app, kExhibitAndBack, 0);
    store->flush();
    CHECK(store->flush());
    CHECK(app->admin_info().statistics_state_key == "admin_statistics_recording");
    Db db(kiosk_db);
    CHECK(db.text("PRAGMA integrity_check") == "ok");
    CHECK(pendulum_visits(kiosk_db) == visits); // the counts kept in memory were stored, once
    CHECK(db.integer("SELECT count(*) FROM events WHERE kind = 'storage_recovered'") == 1);
    CHECK(db.integer("SELECT sum(value) FROM rollups WHERE metric = 'dropped_raw_events'") ==
          store->health().raw_dropped);
}

TEST_CASE("kiosk: on a full disk the admin overlay says the disk is full", "[faults][storage]") {
    KioskSetup setup;
    setup.data_dir = temp_dir("faults-disk-full-overlay");
    auto app = make_app_from(kiosk_config(setup), AppOptions{});
    telemetry::EventStore* store = app->event_store();
    REQUIRE(store);
    REQUIRE(store->flush());
    store->set_max_page_count(Db(setup.data_dir + "/kiosk.db").integer("PRAGMA page_count"));
    // Visitors until the raw events stop fitting (a smaller batch may still fit
    // now and then, so the state is read right after a batch that did not).
    int visits = 0;
    bool full = false;
    while (visits < 200 && !full) {
        play(*app, kExhibitAndBack, 0);
        ++visits;
        store->flush();
        full = store->health().disk_full;
    }
    REQUIRE(full);
    CHECK(app->admin_info().statistics_state_key == "admin_statistics_disk_full");
    CHECK(store->health().last_error == "database or disk is full");
    store->set_max_page_count(0);
    play(*app, kExhibitAndBack, 0);
    ++visits;
    store->flush();
    CHECK(store->flush());
    CHECK(app->admin_info().statistics_state_key == "admin_statistics_recording");
    CHECK(pendulum_visits(setup.data_dir + "/kiosk.db") == visits);
}

TEST_CASE("kiosk: started on a data folder it cannot write, it serves visitors and says why, "
          "and made writable it records again, having lost nothing",
          "[faults][storage]") {
    const bool root = geteuid() == 0;
    if (root && !can_run_as_nobody()) {
        WARN("running as root without setpriv: a read-only folder cannot be shown to the kiosk");
        return;
    }
    TempFolder folder;
    KioskSetup setup;
    setup.data_dir = folder.file("data");
    const std::string config = write_kiosk_config(folder, setup);
    const std::string kiosk_db = setup.data_dir + "/kiosk.db";
    const std::string replay =
        folder.write("visit.replay", "wait 0.5\n" + kiosk::test::open_home_tile("pendulum-lab") +
                                         "wait 1\ntap 170 90\nwait 12\nquit\n");
    {
        KioskProcess run(config, {"--input", replay}, folder.file("run0.out"));
        INFO(run.output());
        REQUIRE(run.wait() == 0);
    }
    REQUIRE(pendulum_visits(kiosk_db) == 1);
    const std::string db_bytes = read_bytes(kiosk_db);

    set_read_only(setup.data_dir, true);
    // As root the kiosk runs as nobody, for whom the folder is read-only too; the
    // folder is nobody's for that run (a folder of another user is refused).
    if (root) REQUIRE(::chown(setup.data_dir.c_str(), 65534, 65534) == 0);
    {
        KioskProcess run(config, {"--input", replay}, folder.file("run1.out"), root);
        const int code = run.wait();
        const std::string output = run.output();
        // Before any REQUIRE can leave it so.
        if (root) CHECK(::chown(setup.data_dir.c_str(), 0, 0) == 0);
        set_read_only(setup.data_dir, false);
        INFO(output);
        REQUIRE(code == 0);
        CHECK_THAT(output, Catch::Contains("visitor statistics are off: " + setup.data_dir +
                                           ": the data folder cannot be written"));
        CHECK_THAT(output, Catch::Contains("exhibit pendulum-lab opened")); // served
    }
    CHECK(read_bytes(kiosk_db) == db_bytes); // untouched

    {
        KioskProcess run(config, {"--input", replay}, folder.file("run2.out"));
        INFO(run.output());
        REQUIRE(run.wait() == 0);
    }
    Db db(kiosk_db);
    CHECK(db.text("PRAGMA integrity_check") == "ok");
    CHECK(pendulum_visits(kiosk_db) == 2);
    CHECK(stored_rollups(db) == recounted_rollups(db));
}
