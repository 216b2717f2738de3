// USB imports: a folder (a mounted stick) with snapshot.json and the
// packages goes through exactly the updater's checks. A good stick installs
// and is reported as the last import; a forged snapshot, a package with other
// bytes than its snapshot says, and symbolic links on the stick are refused
// and nothing goes live.
#include "content_updater_support.h"

#include <unistd.h>

using namespace kiosk;
using namespace kiosk::sync;
using namespace kiosk::test;

namespace {

// A stick with `signed_snapshot` and `packages` written as an export writes them.
std::string write_stick(const TempFolder& stick, const SignedSnapshot& signed_snapshot,
                        const std::vector<ServedPackage>& packages) {
    stick.write("snapshot.json", envelope_to_json(signed_snapshot));
    for (const ServedPackage& package : packages)
        stick.write(package.file_name(), package.bytes);
    return stick.path().string();
}

} // namespace

TEST_CASE("USB import: a good stick goes live and is reported", "[content-import]") {
    ContentKiosk kiosk;
    TempFolder stick;
    const ServedPackage lab = kiosk.package("pendulum-lab", "1.0.0");
    const ServedPackage quake = kiosk.package("quake-drill", "1.0.0");
    const std::string folder = write_stick(stick, kiosk.snapshot(4, {lab, quake}), {lab, quake});
    auto updater = kiosk.updater(false);
    const ContentRoundResult round = updater->run_import(folder);
    INFO(round.error);
    CHECK(round.ok);
    CHECK(kiosk.live().snapshot_version == 4);
    CHECK(kiosk.live_files_verified() == file_names({lab, quake}));
    const ContentState state = updater->state();
    CHECK(state.state == "up_to_date");
    CHECK(state.last_import == "2026-11-28T01:30:00Z " + folder);
    // Looking again at the same stick changes nothing.
    const ContentRoundResult again = updater->run_import(folder);
    CHECK(again.snapshot == "same");
    CHECK(again.downloaded == 0);
}

TEST_CASE("USB import: a forged stick is refused", "[content-import]") {
    ContentKiosk kiosk;
    TempFolder stick;
    const ServedPackage lab = kiosk.package("pendulum-lab", "1.0.0");
    std::string folder;
    std::string word;
    SECTION("a snapshot signed by another key") {
        folder = write_stick(
            stick, kiosk.snapshot(4, {lab}, 14 * kDayMs, kOwnKiosk, &kiosk.stranger), {lab});
        word = "snapshot";
    }
    SECTION("a package with other bytes than the snapshot names") {
        folder = write_stick(stick, kiosk.snapshot(4, {lab}), {});
        PackageRecipe recipe{"pendulum-lab", "1.0.0", &kiosk.stranger, &kiosk.reviewer};
        std::string forged = kiosk.package(recipe).bytes;
        forged.resize(lab.bytes.size(), '\0'); // even the same size does not help
        stick.write(lab.file_name(), forged);
        word = "sha256";
    }
    auto updater = kiosk.updater(false);
    const ContentRoundResult round = updater->run_import(folder);
    CHECK_FALSE(round.ok);
    INFO(round.error);
    CHECK(round.error.rfind(word, 0) == 0);
    CHECK(kiosk.live().packages.empty());
    CHECK_FALSE(kiosk.in_hub(lab.file_name()));
    CHECK(updater->state().last_import.empty() == (word == "snapshot"));
}

TEST_CASE("USB import: symbolic links on a stick are never followed", "[content-import]") {
    ContentKiosk kiosk;
    TempFolder stick, elsewhere;
    const ServedPackage lab = kiosk.package("pendulum-lab", "1.0.0");
    const SignedSnapshot signed_snapshot = kiosk.snapshot(4, {lab});
    SECTION("snapshot.json is a link") {
        const std::string real =
            elsewhere.write("snapshot.json", envelope_to_json(signed_snapshot));
        stick.write(lab.file_name(), lab.bytes);
        REQUIRE(::symlink(real.c_str(), stick.file("snapshot.json").c_str()) == 0);
    }
    SECTION("a package is a link") {
        stick.write("snapshot.json", envelope_to_json(signed_snapshot));
        const std::string real = elsewhere.write(lab.file_name(), lab.bytes);
        REQUIRE(::symlink(real.c_str(), stick.file(lab.file_name()).c_str()) == 0);
    }
    auto updater = kiosk.updater(false);
    const ContentRoundResult round = updater->run_import(stick.path().string());
    CHECK_FALSE(round.ok);
    INFO(round.error);
    CHECK(round.error.find("symbolic link") != std::string::npos);
    CHECK(kiosk.live().packages.empty());
    CHECK_FALSE(kiosk.in_hub(lab.file_name()));
}
