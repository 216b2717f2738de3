// End to end (issue 17, part 7): a real kiosk-hub process and real headless
// kiosk processes on 127.0.0.1. Three kiosks install what the hub assigns,
// take an update and drop what is unassigned, and the hub's dashboard shows
// each one's state; the hub refuses a package by an unknown publisher;
// packages without an approval, or with an expired one, never go live, even
// in a snapshot the hub's key signed; a download cut in the middle resumes
// with Range and a corrupted one is refused and fetched again; a kiosk killed
// at random points of an update shows the old set or the new one, never a
// mix (killed many times: while downloading, verifying, installing and
// switching); and a USB export is imported from content_import_dirs. Nothing here
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
#include <map>
#include <random>

namespace kiosk::test {

TEST_CASE("three kiosks install what the hub assigns, take an update and drop what is "
          "unassigned, and the dashboard shows their state",
          "[e2e]") {
    ContentHub hub;
    hub.add_and_publish(hub.make_package("pendulum-lab", "1.0.0"), "pendulum-lab");
    hub.add_and_publish(hub.make_package("water-cycle", "1.0.0"), "water-cycle");
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

namespace {

// Where an update was when the kiosk was killed, read from its folders
// afterwards: the phase a kill landed in.
std::string phase_of_kill(const RunningKiosk& kiosk, const std::vector<std::string>& new_set,
                          const std::map<std::string, int64_t>& new_sizes) {
    if (live_is(kiosk, new_set))
        return hub_files(kiosk.content_dir).size() > new_set.size() ? "switched, not cleaned up"
                                                                    : "switched and cleaned up";
    bool full_part = false, partial_part = false;
    for (const auto& [name, size] : new_sizes) {
        const int64_t part = sync::regular_file_size(sync::incoming_folder(kiosk.content_dir) +
                                                     "/" + name + ".part");
        full_part = full_part || part == size;
        partial_part = partial_part || (part >= 0 && part < size);
    }
    if (full_part) return "verify (downloaded, not installed)";
    if (partial_part) return "download";
    size_t installed = 0;
    for (const auto& [name, size] : new_sizes)
        installed += std::filesystem::exists(kiosk.content_dir + "/hub/" + name + ".kpkg");
    if (installed == new_sizes.size()) return "switch (all installed, old set live)";
    return installed > 0 ? "between packages" : "before the first download";
}

} // namespace

TEST_CASE("a kiosk killed at many points of an update shows the old set or the new one, "
          "never a mix, and every file it names verifies",
          "[e2e]") {
    ContentHub hub;
    hub.add_and_publish(hub.make_package("pendulum-lab", "1.0.0"), "pendulum-lab");
    hub.add_and_publish(hub.make_package("water-cycle", "1.0.0"), "water-cycle");
    hub.assign("lobby-1", {"pendulum-lab", "water-cycle"});
    HubProxy proxy(hub.hub->port());
    RunningKiosk kiosk(hub.folder, "lobby-1", hub.kiosk_setup("lobby-1", proxy.url()));
    kiosk.start();
    const std::vector<std::string> old_set = {"pendulum-lab@1.0.0", "water-cycle@1.0.0"};
    require_live(kiosk, old_set);
    kiosk.kill_now();

    // Three big packages (4 MB of random bytes each), so that downloading and
    // verifying each takes long enough to be killed in.
    std::map<std::string, int64_t> new_sizes; // file name without .kpkg -> bytes
    for (const auto& [exhibit, version] : {std::pair{"pendulum-lab", "1.1.0"},
                                           {"earthquake-drill", "1.0.0"},
                                           {"water-cycle", "1.1.0"}}) {
        const std::string package =
            hub.make_package(exhibit, version, Approval::Approved, nullptr, 4 << 20);
        new_sizes[std::string(exhibit) + "-" + version] =
            int64_t(std::filesystem::file_size(package));
        hub.add_and_publish(package, exhibit);
    }
    hub.assign("lobby-1", {"earthquake-drill", "pendulum-lab", "water-cycle"});
    const std::vector<std::string> new_set = {"earthquake-drill@1.0.0", "pendulum-lab@1.1.0",
                                              "water-cycle@1.1.0"};

    std::random_device device;
    const unsigned seed = device();
    INFO("seed " << seed);
    std::mt19937 random(seed);
    const std::string incoming = sync::incoming_folder(kiosk.content_dir);
    const auto a_part_is_complete = [&] {
        for (const auto& [name, size] : new_sizes)
            if (sync::regular_file_size(incoming + "/" + name + ".part") == size) return true;
        return false;
    };
    const auto new_packages_installed = [&] {
        size_t installed = 0;
        for (const auto& [name, size] : new_sizes)
            installed += std::filesystem::exists(kiosk.content_dir + "/hub/" + name + ".kpkg");
        return installed;
    };
    // The moments of the plan, in order: held in the middle of a file by the
    // proxy (download), a .part at its full size (verify), a new package in
    // hub/ (between packages), all of them there (the switch), after N looks
    // at the folders (anywhere). A moment that has passed for good (the update
    // went through) counts too.
    enum class Moment { HeldMidFile, PartComplete, OneInstalled, AllInstalled, AnyTime };
    const std::vector<Moment> plan = {
        Moment::HeldMidFile,  Moment::PartComplete, Moment::HeldMidFile, Moment::OneInstalled,
        Moment::PartComplete, Moment::AnyTime,      Moment::HeldMidFile, Moment::AllInstalled,
        Moment::PartComplete, Moment::AnyTime};
    std::map<std::string, int> phases;
    int kills = 0;
    for (size_t next = 0; !live_is(kiosk, new_set) && kills < 20; next = (next + 1) % plan.size()) {
        const Moment moment = plan[next];
        proxy.script_files(moment == Moment::HeldMidFile ? std::vector{FileFault::HoldHalfway}
                                                         : std::vector<FileFault>{});
        kiosk.start();
        const int extra_looks = moment == Moment::AnyTime ? int(random() % 400) : 0;
        int looks = 0;
        eventually(
            [&] {
                bool now = false;
                switch (moment) {
                case Moment::HeldMidFile:
                    now = proxy.files_held() > 0;
                    break;
                case Moment::PartComplete:
                    now = a_part_is_complete();
                    break;
                case Moment::OneInstalled:
                    now = new_packages_installed() > 0;
                    break;
                case Moment::AllInstalled:
                    now = new_packages_installed() == new_sizes.size();
                    break;
                case Moment::AnyTime:
                    now = true;
                    break;
                }
                return (now || live_is(kiosk, new_set)) && ++looks > extra_looks;
            },
            kRoundMs);
        kiosk.kill_now();
        proxy.release_files(); // a held answer ends: its kiosk is gone
        ++kills;
        ++phases[phase_of_kill(kiosk, new_set, new_sizes)];
        const std::vector<std::string> live = live_ids(kiosk.content_dir);
        INFO("after kill " << kills << ": " << Catch::Detail::stringify(live));
        REQUIRE((live == old_set || live == new_set));
        require_live_files_verify(kiosk.content_dir, hub);
    }
    std::string summary;
    for (const auto& [phase, count] : phases)
        summary += "\n  " + std::to_string(count) + " x " + phase;
    WARN("SIGKILL landed " << kills << " times:" << summary);
    CHECK(kills >= 5);
    CHECK(phases["download"] >= 1);
    proxy.script_files({});
    kiosk.start();
    require_live(kiosk, new_set);
    require_live_files_verify(kiosk.content_dir, hub);
    CHECK(eventually(
        [&] {
            return hub_files(kiosk.content_dir) ==
                   std::vector<std::string>{"earthquake-drill-1.0.0.kpkg",
                                            "pendulum-lab-1.1.0.kpkg", "water-cycle-1.1.0.kpkg"};
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
