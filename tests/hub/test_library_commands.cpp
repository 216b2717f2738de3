// kiosk-hub admin add-publisher/add-reviewer and the content commands as an
// operator runs them: a signed package added, listed, published, shared and
// assigned in order, and each refusal with the file or id named and exit 1
// (2 for a bad option value), nothing stored after a refusal.
#include "hub_test_support.h"
#include "library_test_support.h"

using kiosk::test::check_refused;
using kiosk::test::CommandRun;
using kiosk::test::require_ok;
using kiosk::test::run_hub_command;
using kiosk::test::TempFolder;

namespace {

struct Hub {
    TempFolder folder;
    kiosk::test::LibraryKeys keys{folder};
    Hub() {
        require_ok(run_hub_command(folder, "admin add-venue --data d --id county-1 --name-zh 县馆 "
                                           "--name-en County --kind county_museum"));
        require_ok(run_hub_command(folder, "admin add-venue --data d --id county-2 --name-zh 二馆 "
                                           "--name-en Second --kind county_museum"));
        require_ok(
            run_hub_command(folder, "admin add-kiosk --data d --venue county-1 --id lobby-1"));
        require_ok(
            run_hub_command(folder, "admin add-kiosk --data d --venue county-2 --id lobby-2"));
        require_ok(run_hub_command(folder, "admin add-publisher --data d --name 省科协 "
                                           "--public-key publisher.pub"));
        require_ok(run_hub_command(folder, "admin add-reviewer --data d --name 王专家 "
                                           "--organization 省科学院 --field 物理 "
                                           "--public-key reviewer.pub"));
    }
};

} // namespace

TEST_CASE("content add, publish, share and assign from the command line", "[hub][library]") {
    Hub hub;
    const CommandRun listed = run_hub_command(hub.folder, "admin list --data d");
    require_ok(listed);
    CHECK(listed.out.find("publishers:\n  " + hub.keys.publisher.id + "  省科协") !=
          std::string::npos);
    CHECK(listed.out.find(hub.keys.reviewer.id + "  王专家  省科学院  物理") != std::string::npos);

    const std::string quake = hub.keys.make_package("quake-drill", "1.0.0", &hub.keys.publisher);
    hub.keys.review(quake, hub.keys.reviewer, "approved", "2030-01-01");
    const CommandRun added = run_hub_command(hub.folder, "content add --data d '" + quake + "'");
    require_ok(added);
    CHECK(added.out.find("added quake-drill 1.0.0 (exhibit, quake-drill 展项") !=
          std::string::npos);
    CHECK(added.out.find("1 reviews, 1 by the pool") != std::string::npos);
    require_ok(run_hub_command(hub.folder, "content add --data d '" + quake + "'")); // same bytes
    const std::string own = hub.keys.make_package("own-item", "1.0.0", &hub.keys.publisher);
    require_ok(run_hub_command(hub.folder, "content add --data d --venue county-2 '" + own + "'"));

    check_refused(
        run_hub_command(hub.folder, "content assign --data d --kiosk lobby-1 quake-drill"), 1,
        "quake-drill is not published by the province yet");
    require_ok(run_hub_command(hub.folder, "content publish --data d quake-drill"));
    check_refused(
        run_hub_command(hub.folder, "content assign --data d --kiosk lobby-1 quake-drill own-item"),
        1, "own-item is venue county-2's own package and not shared");
    require_ok(run_hub_command(hub.folder, "content share --data d own-item"));
    require_ok(run_hub_command(hub.folder,
                               "content assign --data d --kiosk lobby-1 own-item quake-drill"));
    const CommandRun list = run_hub_command(hub.folder, "content list --data d");
    require_ok(list);
    CHECK(list.out.find("quake-drill  province  published") != std::string::npos);
    CHECK(list.out.find("own-item  venue county-2  shared") != std::string::npos);
    CHECK(list.out.find("kiosk lobby-1: own-item quake-drill") != std::string::npos);
    CHECK(list.out.find("review " + hub.keys.reviewer.id + "  approved  expires 2030-01-01") !=
          std::string::npos);
}

TEST_CASE("content add refuses what does not verify and stores nothing", "[hub][library]") {
    Hub hub;
    const std::string text = hub.folder.write("notes.kpkg", "not a package\n");
    const std::string unsigned_package = hub.keys.make_package("quake-drill", "1.0.0", nullptr);
    const std::string stranger = hub.keys.make_package("quake-drill", "1.0.1", &hub.keys.stranger);
    const std::string tampered = hub.keys.make_package("quake-drill", "1.0.2", &hub.keys.publisher);
    kiosk::test::tamper(tampered);
    for (const std::string& path : {text, unsigned_package, stranger, tampered}) {
        const CommandRun run = run_hub_command(hub.folder, "content add --data d '" + path + "'");
        check_refused(run, 1, "kiosk-hub content: " + path + ": ");
        CHECK(run.err.find("nothing was stored") != std::string::npos);
    }
    check_refused(run_hub_command(hub.folder, "content add --data d missing.kpkg"), 1,
                  "missing.kpkg: cannot read the file");
    const std::string first =
        hub.keys.make_package("quake-drill", "1.0.0", &hub.keys.publisher, "first");
    const std::string other = hub.keys.make_package("quake-drill", "1.0.0", &hub.keys.publisher,
                                                    "other", "-- other bytes\n");
    require_ok(run_hub_command(hub.folder, "content add --data d '" + first + "'"));
    check_refused(run_hub_command(hub.folder, "content add --data d '" + other + "'"), 1,
                  "already stored with other bytes");
    check_refused(
        run_hub_command(hub.folder, "content add --data d --venue nowhere '" + first + "'"), 1,
        "--venue: no venue nowhere");
    check_refused(run_hub_command(hub.folder, "content publish --data d nothing"), 1,
                  "no package nothing");
    check_refused(run_hub_command(hub.folder, "content share --data d quake-drill"), 1,
                  "publish it instead");
    check_refused(run_hub_command(hub.folder, "content assign --data d --kiosk nobody"), 1,
                  "no kiosk nobody");
    check_refused(run_hub_command(hub.folder, "admin add-publisher --data d --name 省科协 "
                                              "--public-key publisher.pub"),
                  1, "already a publisher");
    check_refused(run_hub_command(hub.folder, "admin add-reviewer --data d --name x "
                                              "--organization y --field z --public-key none.pub"),
                  2, "--public-key: ");
    const CommandRun list = run_hub_command(hub.folder, "content list --data d");
    require_ok(list);
    CHECK(list.out.find("1.0.1") == std::string::npos);
    CHECK(list.out.find("1.0.2") == std::string::npos);
}
