// End to end (issue 17, part 7): a real kiosk-hub process and real headless
// kiosk processes on 127.0.0.1. Three kiosks install what the hub assigns,
// take an update and drop what is unassigned, and the hub's dashboard shows
// each one's state; the hub refuses a package by an unknown publisher;
// packages without an approval, or with an expired one, never go live, even
// in a snapshot the hub's key signed; a download cut in the middle resumes
// with Range and a corrupted one is refused and fetched again; a kiosk killed
// at random points of an update shows the old set or the new one, never a
// mix; and a USB export is imported from content_import_dirs. Nothing here
// sleeps: every wait polls a condition under a generous deadline (the kiosks
// run with --sync-interval-s 2, so a change reaches them within seconds).
#include "../faults/hub_proxy.h"
#include "../hub/browser_test_support.h"
#include "content_e2e_support.h"

#include "content/content_manifest.h"
#include "content/package.h"
#include "core/manager_text.h"
#include "sync/content_files.h"
#include "sync/content_snapshot.h"
#include "sync/content_sources.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

namespace kiosk::test {
namespace {

// A liveness deadline for a sync round (2 s apart), the downloads and the
// switch, on a loaded 2-core machine, possibly under ASan.
constexpr int kRoundMs = 240000;

bool live_is(const RunningKiosk& kiosk, const std::vector<std::string>& expected) {
    return live_ids(kiosk.content_dir) == expected;
}

// Waits until `kiosk` has exactly `expected` live, failing with its log.
void require_live(RunningKiosk& kiosk, const std::vector<std::string>& expected) {
    const bool reached = eventually([&] { return live_is(kiosk, expected); }, kRoundMs);
    INFO(kiosk.id << " has live: " << Catch::Detail::stringify(live_ids(kiosk.content_dir))
                  << "\nits log:\n"
                  << read_text_file(kiosk.log));
    REQUIRE(reached);
}

std::string dashboard_page(const ContentHub& hub) {
    Browser browser(hub.hub->port());
    REQUIRE(sign_in(browser, "province", "e2e-password")->status == 303);
    auto page = browser.get("/dashboard?lang=en");
    REQUIRE(page);
    REQUIRE(page->status == 200);
    return page->body;
}

} // namespace

TEST_CASE("three kiosks install what the hub assigns, take an update and drop what is "
          "unassigned, and the dashboard shows their state",
          "[e2e]") {
    ContentHub hub;
    hub.add_and_publish(hub.make_package("pendulum-lab", "1.0.0"), "pendulum-lab");
    hub.add_and_publish(hub.make_package("water-cycle", "1.0.0"), "water-cycle");
    run_hub_command(hub.folder,
                    "admin add-user --data " + hub.data + " --name province --role province_admin",
                    "e2e-password\n");
    std::vector<std::unique_ptr<RunningKiosk>> kiosks;
    for (const char* id : {"lobby-1", "lobby-2", "lobby-3"}) {
        hub.assign(id, {"pendulum-lab", "water-cycle"});
        kiosks.push_back(std::make_unique<RunningKiosk>(hub.folder, id, hub.kiosk_setup(id)));
        kiosks.back()->start();
    }

    const std::vector<std::string> first = {"pendulum-lab@1.0.0", "water-cycle@1.0.0"};
    for (auto& kiosk : kiosks) {
        require_live(*kiosk, first);
        require_live_files_verify(kiosk->content_dir, hub);
        CHECK(hub_files(kiosk->content_dir) ==
              std::vector<std::string>{"pendulum-lab-1.0.0.kpkg", "water-cycle-1.0.0.kpkg"});
        // The home screen shows them: the kiosk tells the hub what its home
        // screen lists in its next heartbeat.
        CHECK(eventually([&] { return home_screen_at_hub(hub, kiosk->id) == first; }, kRoundMs));
    }

    // An update of one package, another added, one unassigned, while they run.
    hub.add_and_publish(hub.make_package("pendulum-lab", "1.1.0"), "pendulum-lab");
    hub.add_and_publish(hub.make_package("earthquake-drill", "1.0.0"), "earthquake-drill");
    for (auto& kiosk : kiosks)
        hub.assign(kiosk->id, {"earthquake-drill", "pendulum-lab"});
    const std::vector<std::string> second = {"earthquake-drill@1.0.0", "pendulum-lab@1.1.0"};
    for (auto& kiosk : kiosks) {
        require_live(*kiosk, second);
        require_live_files_verify(kiosk->content_dir, hub);
        // The old version and the unassigned package are deleted after the switch.
        CHECK(eventually(
            [&] {
                return hub_files(kiosk->content_dir) ==
                       std::vector<std::string>{"earthquake-drill-1.0.0.kpkg",
                                                "pendulum-lab-1.1.0.kpkg"};
            },
            kRoundMs));
        CHECK(eventually([&] { return home_screen_at_hub(hub, kiosk->id) == second; }, kRoundMs));
        CHECK(kiosk->process->running());
        CHECK(kiosk->starts == 1); // no restart
    }
    // Each kiosk's heartbeat state reaches the dashboard's kiosk table.
    CHECK(eventually(
        [&] {
            const std::string page = dashboard_page(hub);
            for (const auto& kiosk : kiosks)
                if (page.find(kiosk->id) == std::string::npos) return false;
            const std::string words = manager_text("content_up_to_date", Language::En);
            size_t up_to_date = 0;
            for (size_t at = page.find(words); at != std::string::npos;
                 at = page.find(words, at + 1))
                ++up_to_date;
            return up_to_date >= kiosks.size();
        },
        kRoundMs));
}

TEST_CASE("the hub refuses at upload a package signed by a publisher it does not trust", "[e2e]") {
    ContentHub hub;
    const std::string package =
        hub.make_package("pendulum-lab", "1.0.0", Approval::Approved, &hub.stranger);
    const CommandRun run = hub.content("add " + package);
    INFO(run.out << run.err);
    CHECK(run.code == 1);
    CHECK(run.err.find(package) != std::string::npos);
    CHECK(run.err.find("publisher") != std::string::npos);
    const CommandRun list = hub.content("list");
    CHECK(list.out.find("pendulum-lab") == std::string::npos);
}

TEST_CASE("a package without an approval, or whose approval expired, never goes live, even "
          "listed in a snapshot signed by the hub's content key",
          "[e2e]") {
    ContentHub hub;
    hub.add_and_publish(hub.make_package("pendulum-lab", "1.0.0"), "pendulum-lab");
    const std::string unreviewed = hub.make_package("water-cycle", "1.0.0", Approval::None);
    const std::string expired = hub.make_package("earthquake-drill", "1.0.0", Approval::Expired);
    for (const auto& [package, id] :
         {std::pair{unreviewed, "water-cycle"}, std::pair{expired, "earthquake-drill"}}) {
        // The library may keep them (every version is kept), but never assigns them.
        const CommandRun added = hub.content("add " + package);
        INFO(added.out << added.err);
        if (added.code == 0) hub.content(std::string("publish ") + id);
    }
    hub.assign("lobby-1", {"pendulum-lab", "water-cycle", "earthquake-drill"});
    KioskSetup setup = hub.kiosk_setup("lobby-1");
    setup.import_dir = hub.folder.file("lobby-1/usb"); // where the forged stick appears
    RunningKiosk kiosk(hub.folder, "lobby-1", setup);
    kiosk.start();
    require_live(kiosk, {"pendulum-lab@1.0.0"});

    // A hub that lists them anyway (its content key, a newer version): the
    // kiosk checks each package itself, and the set never switches.
    std::string error;
    std::optional<SecretKey> content_key = read_secret_key(hub.data + "/content.key", error);
    INFO(error);
    REQUIRE(content_key);
    std::optional<sync::SignedSnapshot> served;
    {
        httplib::Client client("127.0.0.1", hub.hub->port());
        auto answer = client.Get("/api/v1/content/snapshot",
                                 {{"Authorization", "Bearer " + hub.tokens["lobby-1"]}});
        REQUIRE(answer);
        REQUIRE(answer->status == 200);
        served = sync::parse_snapshot_envelope(answer->body, error);
        REQUIRE(served);
    }
    std::optional<sync::Snapshot> snapshot = sync::parse_snapshot_document(served->document, error);
    REQUIRE(snapshot);
    const std::string stick = hub.folder.file("stick");
    std::filesystem::create_directories(stick);
    for (const std::string& package : {unreviewed, expired}) {
        sync::SnapshotPackage listed;
        std::unique_ptr<Package> opened = Package::open(package, PackageLimits{}, error);
        REQUIRE(opened);
        ManifestLoadResult manifest =
            load_content_manifest(*opened, opened->describe("manifest.lua"));
        REQUIRE(manifest.ok());
        listed.id = manifest.manifest->id;
        listed.version = manifest.manifest->version;
        listed.size = int64_t(std::filesystem::file_size(package));
        listed.sha256 = *sync::sha256_of_file(package, error);
        listed.url = sync::package_file_url(listed.id, listed.version);
        snapshot->packages.push_back(listed);
        std::filesystem::copy_file(package,
                                   stick + "/" + listed.id + "-" + listed.version + ".kpkg");
    }
    snapshot->version += 1;
    const sync::SignedSnapshot forged = sync::sign_snapshot(*snapshot, *content_key);
    std::ofstream(stick + "/" + sync::kImportSnapshotName) << sync::envelope_to_json(forged);
    // The stick is "mounted": renamed into the watched folder in one step.
    std::filesystem::rename(stick, hub.folder.file("lobby-1/usb"));

    INFO(read_text_file(kiosk.log));
    REQUIRE(kiosk.process->wait_for_output("not reviewed", kRoundMs));
    REQUIRE(kiosk.process->wait_for_output("review expired", kRoundMs));
    CHECK(live_ids(kiosk.content_dir) == std::vector<std::string>{"pendulum-lab@1.0.0"});
    CHECK(hub_files(kiosk.content_dir) == std::vector<std::string>{"pendulum-lab-1.0.0.kpkg"});
}

TEST_CASE("a download cut in the middle resumes with Range, and a corrupted one is refused and "
          "fetched again",
          "[e2e]") {
    ContentHub hub;
    hub.add_and_publish(hub.make_package("pendulum-lab", "1.0.0"), "pendulum-lab");
    hub.add_and_publish(hub.make_package("water-cycle", "1.0.0"), "water-cycle");
    hub.assign("lobby-1", {"pendulum-lab", "water-cycle"});
    HubProxy proxy(hub.hub->port());
    proxy.script_files({FileFault::CutHalfway, FileFault::FlipByte});
    RunningKiosk kiosk(hub.folder, "lobby-1", hub.kiosk_setup("lobby-1", proxy.url()));
    kiosk.start();
    require_live(kiosk, {"pendulum-lab@1.0.0", "water-cycle@1.0.0"});
    require_live_files_verify(kiosk.content_dir, hub);

    const std::vector<ProxiedFileRequest> requests = proxy.file_requests();
    REQUIRE(requests.size() >= 4);
    CHECK(requests[0].fault == FileFault::CutHalfway);
    CHECK(requests[1].fault == FileFault::FlipByte);
    // The cut file was asked for again from where it broke off, not from 0.
    bool resumed = false, refetched = false;
    for (size_t i = 2; i < requests.size(); ++i) {
        if (requests[i].path == requests[0].path && requests[i].range.rfind("bytes=", 0) == 0 &&
            requests[i].range != "bytes=0-")
            resumed = true;
        if (requests[i].path == requests[1].path) refetched = true;
    }
    INFO(read_text_file(kiosk.log));
    CHECK(resumed);
    CHECK(refetched);
    CHECK(read_text_file(kiosk.log).find("sha256") != std::string::npos);
}

TEST_CASE("a kiosk killed at random points of an update shows the old set or the new one, "
          "never a mix, and every file it names verifies",
          "[e2e]") {
    ContentHub hub;
    hub.add_and_publish(hub.make_package("pendulum-lab", "1.0.0"), "pendulum-lab");
    hub.add_and_publish(hub.make_package("water-cycle", "1.0.0"), "water-cycle");
    hub.assign("lobby-1", {"pendulum-lab", "water-cycle"});
    RunningKiosk kiosk(hub.folder, "lobby-1", hub.kiosk_setup("lobby-1"));
    kiosk.start();
    const std::vector<std::string> old_set = {"pendulum-lab@1.0.0", "water-cycle@1.0.0"};
    require_live(kiosk, old_set);
    kiosk.kill_now();

    hub.add_and_publish(hub.make_package("pendulum-lab", "1.1.0"), "pendulum-lab");
    hub.add_and_publish(hub.make_package("earthquake-drill", "1.0.0"), "earthquake-drill");
    hub.assign("lobby-1", {"earthquake-drill", "pendulum-lab"});
    const std::vector<std::string> new_set = {"earthquake-drill@1.0.0", "pendulum-lab@1.1.0"};

    std::random_device device;
    const unsigned seed = device();
    INFO("seed " << seed);
    std::mt19937 random(seed);
    const std::string incoming = kiosk.content_dir + "/.incoming";
    // The moments a kill can come: at once, while something is arriving, when
    // a new package is in hub/, after N checks of the folder (a random delay
    // measured in observations, not in time).
    const std::vector<std::function<bool()>> moments = {
        [] { return true; },
        [&] {
            std::error_code ignored;
            return std::filesystem::exists(incoming, ignored) &&
                   !std::filesystem::is_empty(incoming, ignored);
        },
        [&] {
            const std::vector<std::string> files = hub_files(kiosk.content_dir);
            return std::find(files.begin(), files.end(), "pendulum-lab-1.1.0.kpkg") != files.end();
        },
    };
    int kills = 0;
    while (!live_is(kiosk, new_set) && kills < 12) {
        kiosk.start();
        const auto& moment = moments[random() % moments.size()];
        const int extra_looks = int(random() % 200);
        int looks = 0;
        // A moment that has passed for good (the update went through) counts too.
        eventually([&] { return (moment() || live_is(kiosk, new_set)) && ++looks > extra_looks; },
                   30000);
        kiosk.kill_now();
        ++kills;
        const std::vector<std::string> live = live_ids(kiosk.content_dir);
        INFO("after kill " << kills << ": " << Catch::Detail::stringify(live));
        REQUIRE((live == old_set || live == new_set));
        require_live_files_verify(kiosk.content_dir, hub);
    }
    kiosk.start();
    require_live(kiosk, new_set);
    require_live_files_verify(kiosk.content_dir, hub);
    CHECK(eventually(
        [&] {
            return hub_files(kiosk.content_dir) ==
                   std::vector<std::string>{"earthquake-drill-1.0.0.kpkg",
                                            "pendulum-lab-1.1.0.kpkg"};
        },
        kRoundMs));
}

TEST_CASE("a kiosk's USB export is imported from content_import_dirs with the same checks",
          "[e2e]") {
    ContentHub hub;
    hub.add_and_publish(hub.make_package("pendulum-lab", "1.0.0"), "pendulum-lab");
    hub.add_and_publish(hub.make_package("water-cycle", "1.0.0"), "water-cycle");
    hub.assign("lobby-2", {"water-cycle", "pendulum-lab"});
    const std::string exported = hub.folder.file("export");
    const CommandRun run = run_hub_command(hub.folder, "content export --data " + hub.data +
                                                           " --kiosk lobby-2 -o " + exported);
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);

    // A truck: its configured hub is not reachable; the stick is mounted later.
    KioskSetup setup = hub.kiosk_setup("lobby-2", "http://127.0.0.1:9");
    setup.import_dir = hub.folder.file("lobby-2/usb");
    RunningKiosk kiosk(hub.folder, "lobby-2", setup);
    kiosk.start();
    const bool started = kiosk.process->wait_for_output("kiosk started", kRoundMs);
    INFO(read_text_file(kiosk.log));
    REQUIRE(started);
    CHECK(live_ids(kiosk.content_dir).empty());
    std::filesystem::rename(exported, setup.import_dir);
    require_live(kiosk, {"water-cycle@1.0.0", "pendulum-lab@1.0.0"});
    require_live_files_verify(kiosk.content_dir, hub);
}

} // namespace kiosk::test
