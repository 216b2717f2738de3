// Issue 19's acceptance for findings, across the real processes: a headless
// kiosk replays two visitors at a signed test exhibit that logs a finding when
// touched (one visitor touches it, one does not), then `kioskctl stats summary`
// on its kiosk.db shows the finding's share of the exhibit's visitors, in
// English and in Chinese, with the field values under it.
#include "../app/app_test_support.h"
#include "../faults/kiosk_process.h"
#include "../faults/signed_library.h"
#include "../stats/stats_test_support.h"

#include <catch2/catch.hpp>

using namespace kiosk::test;

TEST_CASE("kioskctl stats summary shows a finding's share after a headless replay",
          "[e2e][findings]") {
    SignedLibrary library;
    TempFolder exhibits;
    write_test_exhibit(exhibits, "refraction", R"(
function exhibit.draw() end
function exhibit.touchpressed(_, x, y)
  kiosk.log("total_reflection", { angle = 45, medium = "glass" })
end
)");
    library.add(exhibits.file("refraction"), "refraction");
    const std::string config =
        write_kiosk_config(library.folder, library.setup(library.folder.file("data")));
    // The first visitor opens the exhibit (the only tile) and touches it twice;
    // after the idle timeout (10 s) a second visitor opens it and touches nothing.
    const std::string replay =
        library.folder.write("visits.replay", "wait 0.5\ntap 357 560\nwait 1\n"
                                              "tap 960 600\nwait 0.5\ntap 960 600\n"
                                              "wait 12\ntap 960 540\nwait 1\n"
                                              "tap 357 560\nwait 12\n");
    KioskProcess run(config, {"--input", replay}, library.folder.file("run.out"));
    REQUIRE(run.wait(120000) == 0);
    INFO(run.output());

    const std::string db = library.folder.file("data/kiosk.db");
    CommandRun summary = run_kioskctl(library.folder, "stats summary --lang en --db " + db);
    INFO(summary.out << summary.err);
    CHECK(summary.code == 0);
    CHECK_THAT(summary.out, Catch::Contains("total_reflection: found by 50% of visitors"));
    CHECK_THAT(summary.out, Catch::Contains("angle = 45: 50% of visitors"));
    CHECK_THAT(summary.out, Catch::Contains("medium = glass: 50% of visitors"));
    summary = run_kioskctl(library.folder, "stats summary --db " + db);
    CHECK_THAT(summary.out, Catch::Contains("total_reflection：50% 的观众发现了"));
}
