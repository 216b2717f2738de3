// The demo history simulator (engine/hub/demo_history.h) and the import of
// many bundles in one run: a small seeded run gives the same bundles and
// totals twice; the hub, importing them through `kiosk-hub import`, holds
// exactly the totals the simulator says it sent; the touring kiosk is silent
// on some days; `kiosk-hub import` takes several files in one run, applies
// the good ones and names the bad one.
#include "hub_test_support.h"
#include "store_backends.h"

#include "core/signing_keys.h"
#include "hub/demo_history.h"
#include "sync/bundle.h"

#include <sodium.h>

#include <filesystem>
#include <set>

namespace kiosk::test {
namespace {

std::string key_text(const SecretKey& key) {
    const PublicKey public_key = key.public_key();
    return to_base64(std::string_view(reinterpret_cast<const char*>(public_key.key.data()),
                                      public_key.key.size()));
}

// A hub with a museum (two kiosks) and a mobile unit (one touring kiosk),
// in service since 2026-01-01, their keys in KEYS/ID.key.
struct DemoHub {
    TempFolder folder;
    std::string data = folder.file("hub"), keys = folder.file("keys");
    std::vector<hub::DemoKiosk> kiosks;

    DemoHub() {
        REQUIRE(sodium_init() >= 0);
        std::string error;
        std::unique_ptr<hub::HubStore> store =
            hub::open_hub_store(kiosk::test::test_store(data), error);
        REQUIRE(store);
        REQUIRE(store->add_venue({"museum", "示范馆", "Museum", "county_museum"}, error));
        REQUIRE(store->add_venue({"truck", "流动馆", "Truck", "mobile_exhibit"}, error));
        std::filesystem::create_directories(keys);
        for (const auto& [id, venue] :
             {std::pair{"lobby-1", "museum"}, {"hall-2", "museum"}, {"truck-1", "truck"}}) {
            const SecretKey key = generate_key();
            REQUIRE(write_secret_key(keys + "/" + id + ".key", key, error));
            hub::KioskRecord kiosk;
            kiosk.id = id;
            kiosk.venue = venue;
            kiosk.token_hash = "unused";
            kiosk.public_key = key_text(key);
            kiosk.created_utc_ms = 1767225600000; // 2026-01-01T00:00:00Z
            REQUIRE(store->add_kiosk(kiosk, error));
            kiosks.push_back({id, venue, std::string(venue) == "truck", key});
        }
    }

    hub::DemoHistoryPlan plan() const {
        hub::DemoHistoryPlan plan;
        plan.seed = 7;
        plan.first_day = "2026-09-25"; // across 国庆
        plan.last_day = "2026-10-10";
        plan.kiosks = kiosks;
        return plan;
    }
};

std::vector<std::string> bundle_files(const std::string& folder) {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

int64_t stored(const Totals& totals, const std::string& kind, const std::string& metric) {
    int64_t sum = 0;
    for (const auto& [key, value] : totals)
        if (std::get<0>(key) == kind && std::get<2>(key) == metric) sum += value;
    return sum;
}

} // namespace

TEST_CASE("demo history: a seeded run is the same twice, and the hub holds what it sent",
          "[hub][demo]") {
    DemoHub hub;
    std::vector<std::string> first_texts, second_texts;
    hub::DemoHistoryTotals first, second;
    std::string error;
    std::set<std::string> truck_days;
    REQUIRE(hub::simulate_history(
        hub.plan(),
        [&](const sync::Bundle& bundle, int64_t export_utc_ms) {
            first_texts.push_back(sync::to_json(bundle));
            if (bundle.kiosk == "truck-1") truck_days.insert(local_day(export_utc_ms, 480));
            return true;
        },
        first, error));
    REQUIRE(hub::simulate_history(
        hub.plan(),
        [&](const sync::Bundle& bundle, int64_t) {
            second_texts.push_back(sync::to_json(bundle));
            return true;
        },
        second, error));
    CHECK(first_texts == second_texts);
    CHECK(hub::totals_line(first) == hub::totals_line(second));
    CHECK(first.sessions > 1000);
    CHECK(first.answers > first.correct);
    // The touring kiosk tours some days and is silent on others.
    CHECK(truck_days.size() >= 4);
    CHECK(truck_days.size() <= 13);

    // Through the command line: simulate writes the same totals, import stores them.
    const std::string arguments = "--data " + hub.data + " --keys " + hub.keys +
                                  " --seed 7 --days 16 --end-day 2026-10-10 --exports hourly";
    const CommandRun simulated =
        run_hub_command(hub.folder, "simulate " + arguments + " -o " + hub.folder.file("b1"));
    require_ok(simulated);
    CHECK(simulated.out.find(hub::totals_line(first)) != std::string::npos);
    const CommandRun again =
        run_hub_command(hub.folder, "simulate " + arguments + " -o " + hub.folder.file("b2"));
    require_ok(again);
    CHECK(again.out.find(hub::totals_line(first)) != std::string::npos);

    const std::vector<std::string> files = bundle_files(hub.folder.file("b1"));
    REQUIRE(int64_t(files.size()) == first.bundles);
    std::string file_list;
    for (const std::string& file : files)
        file_list += " '" + file + "'";
    const CommandRun imported =
        run_hub_command(hub.folder, "import --data " + hub.data + file_list);
    require_ok(imported);
    CHECK(imported.out.find("imported " + std::to_string(files.size()) + " of " +
                            std::to_string(files.size()) + " bundles") != std::string::npos);
    const Totals totals = stored_totals(hub.data);
    CHECK(stored(totals, "kiosk", "sessions") == first.sessions);
    CHECK(stored(totals, "kiosk", "session_ms") == first.session_ms);
    CHECK(stored(totals, "exhibit", "visits") == first.exhibit_visits);
    CHECK(stored(totals, "question", "answers") == first.answers);
    CHECK(stored(totals, "question", "correct") == first.correct);

    // Importing the same bundles again (from the second run) changes nothing.
    std::string second_list;
    for (const std::string& file : bundle_files(hub.folder.file("b2")))
        second_list += " '" + file + "'";
    require_ok(run_hub_command(hub.folder, "import --data " + hub.data + second_list));
    CHECK(stored_totals(hub.data) == totals);
}

TEST_CASE("kiosk-hub import: several files in one run, a bad one named and the rest applied",
          "[hub][demo]") {
    DemoHub hub;
    hub::DemoHistoryPlan plan = hub.plan();
    plan.first_day = plan.last_day = "2026-10-09";
    plan.cadence = hub::ExportCadence::daily;
    std::vector<std::string> files;
    hub::DemoHistoryTotals sent;
    std::string error;
    REQUIRE(hub::simulate_history(
        plan,
        [&](const sync::Bundle& bundle, int64_t) {
            files.push_back(
                hub.folder.write("bundle-" + bundle.kiosk + ".json", sync::to_json(bundle)));
            return true;
        },
        sent, error));
    REQUIRE(files.size() >= 2);
    const std::string garbage = hub.folder.write("garbage.json", "{not a bundle");
    std::string list = " '" + files[0] + "' '" + garbage + "'";
    for (size_t i = 1; i < files.size(); ++i)
        list += " '" + files[i] + "'";
    const CommandRun run = run_hub_command(hub.folder, "import --data " + hub.data + list);
    check_refused(run, 1, garbage + " refused: not a sync bundle");
    CHECK(run.out.find("imported " + std::to_string(files.size()) + " of " +
                       std::to_string(files.size() + 1) + " bundles") != std::string::npos);
    CHECK(stored(stored_totals(hub.data), "kiosk", "sessions") == sent.sessions);
}

} // namespace kiosk::test

namespace kiosk::test {

TEST_CASE("demo history: titles from the content go with each kiosk's first bundle, so the hub "
          "shows prompts, not ids",
          "[hub][demo]") {
    std::vector<sync::SubjectTitle> titles;
    std::string error;
    INFO(error);
    REQUIRE(
        hub::titles_from_content(binary_dir() + "/content", titles, error)); // the build's packages
    const auto title_of = [&](const std::string& kind, const std::string& subject) {
        for (const sync::SubjectTitle& title : titles)
            if (title.kind == kind && title.subject == subject) return title.zh;
        return std::string();
    };
    CHECK_FALSE(title_of("question", "general-science/photosynthesis").empty());
    CHECK_FALSE(title_of("quiz", "general-science").empty());
    CHECK_FALSE(title_of("exhibit", "water-cycle").empty());

    DemoHub hub;
    hub::DemoHistoryPlan plan = hub.plan();
    plan.first_day = plan.last_day = "2026-10-09";
    plan.cadence = hub::ExportCadence::daily;
    plan.titles = titles;
    std::map<std::string, int> bundles_with_titles; // kiosk -> how many
    hub::DemoHistoryTotals sent;
    std::map<std::string, PublicKey> keys;
    for (const hub::DemoKiosk& kiosk : hub.kiosks)
        keys.emplace(kiosk.id, kiosk.key.public_key());
    REQUIRE(hub::simulate_history(
        plan,
        [&](const sync::Bundle& bundle, int64_t) {
            std::string problem;
            const std::optional<sync::SyncBatch> batch =
                sync::verify_bundle(bundle, keys.at(bundle.kiosk), problem);
            REQUIRE(batch);
            if (!batch->titles.empty()) ++bundles_with_titles[bundle.kiosk];
            return true;
        },
        sent, error));
    for (const auto& [kiosk, count] : bundles_with_titles)
        CHECK(count == 1);
    CHECK(bundles_with_titles.size() >= 2);
}

TEST_CASE("demo history: a package that does not load is named", "[hub][demo]") {
    TempFolder folder;
    std::filesystem::create_directories(folder.file("broken"));
    const std::string garbage = folder.write("broken/pack.kpkg", "not an SQLite archive");
    std::vector<sync::SubjectTitle> titles;
    std::string error;
    CHECK_FALSE(hub::titles_from_content(folder.file("broken"), titles, error));
    CHECK(error.find(garbage) != std::string::npos);
    const CommandRun run = run_hub_command(
        folder, "simulate --data " + folder.file("hub") + " --keys " + folder.file("keys") +
                    " --titles-from " + folder.file("broken") + " -o " + folder.file("out"));
    CHECK(run.code == 2);
    CHECK(run.err.find("--titles-from") != std::string::npos);
}

} // namespace kiosk::test
