// End to end (issue 17, part 7): what a kiosk refuses, with a real kiosk-hub
// and real headless kiosk processes on 127.0.0.1. A snapshot whose files do
// not fit beside the config's free-space reserve is refused before anything is
// downloaded; a write that fails in the middle of a download (EFBIG: the
// kiosk runs with a file size limit, as on a full disk) leaves the old set
// live and kiosk.db whole, and the set installs once the limit is gone; a
// hostile proxy between kiosk and hub serves an older snapshot the hub really
// signed (rollback), the accepted version with other contents, another
// kiosk's snapshot, and an expired one. Each is refused and logged, the live
// set never changes, and the heartbeat and the dashboard say why. Nothing
// sleeps: every wait polls a condition under a generous deadline.
#include "../faults/hub_proxy.h"
#include "../hub/browser_test_support.h"
#include "content_e2e_support.h"

#include "core/civil_time.h"
#include "core/manager_text.h"
#include "core/sqlite_statement.h"
#include "sync/content_files.h"
#include "sync/disk_space.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <cstring>
#include <filesystem>

namespace kiosk::test {
namespace {

std::string first_failure(const std::optional<sync::ContentState>& state) {
    return state && !state->failures.empty() ? state->failures.front().reason : "";
}

// Waits until the kiosk's heartbeat at the hub says `state_word` with a first
// failure containing `reason` ("" = any), failing with what it said last.
void require_state_at_hub(const ContentHub& hub, RunningKiosk& kiosk, const std::string& state_word,
                          const std::string& reason) {
    std::optional<sync::ContentState> state;
    const bool reached = eventually(
        [&] {
            state = content_state_at_hub(hub, kiosk.id);
            return state && state->state == state_word &&
                   first_failure(state).find(reason) != std::string::npos;
        },
        kRoundMs);
    INFO("the hub has for " << kiosk.id << ": "
                            << (state ? sync::to_json(*state) : std::string("nothing"))
                            << "\nits log:\n"
                            << read_text_file(kiosk.log));
    REQUIRE(reached);
}

// The dashboard's content cell of `kiosk` (English).
std::string dashboard_cell(const ContentHub& hub, const std::string& kiosk) {
    return dashboard_content_cell(dashboard_page(hub), kiosk);
}

std::vector<std::string> incoming_files(const RunningKiosk& kiosk) {
    std::vector<std::string> names;
    std::error_code ignored;
    for (const auto& entry :
         std::filesystem::directory_iterator(sync::incoming_folder(kiosk.content_dir), ignored))
        names.push_back(entry.path().filename());
    return names;
}

std::string integrity_of(const std::string& db_path) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::string result;
    {
        SqliteStatement check(db, "PRAGMA integrity_check");
        if (check.next()) result = check.text(0);
    }
    sqlite3_close(db);
    return result;
}

// One visitor, then the kiosk quits; with `file_size_limit` as the updater's runs.
void run_one_visit(const RunningKiosk& kiosk, uint64_t file_size_limit) {
    const std::string replay = kiosk.folder.write("visit.replay", kToAttract + kVisit + "quit\n");
    KioskProcess run(kiosk.config, {"--input", replay}, kiosk.log, false, file_size_limit);
    const int code = run.wait();
    INFO(run.output());
    REQUIRE(code == 0);
}

} // namespace

TEST_CASE("a snapshot whose files do not fit beside the reserve is refused before any download: "
          "the old set stays live, the heartbeat and the dashboard say disk",
          "[e2e][disk]") {
    ContentHub hub;
    hub.add_and_publish(hub.make_package("pendulum-lab", "1.0.0"), "pendulum-lab");
    hub.add_and_publish(hub.make_package("water-cycle", "1.0.0"), "water-cycle");
    hub.assign("lobby-1", {"pendulum-lab"});
    RunningKiosk kiosk(hub.folder, "lobby-1", hub.kiosk_setup("lobby-1"));
    kiosk.start();
    const std::vector<std::string> old_set = {"pendulum-lab@1.0.0"};
    require_live(kiosk, old_set);
    kiosk.kill_now();

    // A reserve 4 GB above what is free now: the disk is "full" for content.
    kiosk.setup.content_reserve_mb = sync::disk_free_mb(kiosk.content_dir) + 4096;
    kiosk.write_config();
    hub.assign("lobby-1", {"pendulum-lab", "water-cycle"});
    kiosk.start();
    require_state_at_hub(hub, kiosk, "failed", "disk: ");
    const std::string reason = first_failure(content_state_at_hub(hub, kiosk.id));
    CHECK(reason.find("content_reserve_mb") != std::string::npos);
    CHECK(reason.find("nothing was downloaded") != std::string::npos);
    CHECK(log_count(kiosk, "refused: disk: ") >= 1);
    CHECK(live_ids(kiosk.content_dir) == old_set);
    CHECK(hub_files(kiosk.content_dir) == std::vector<std::string>{"pendulum-lab-1.0.0.kpkg"});
    CHECK(incoming_files(kiosk).empty()); // refused before a byte was fetched
    const std::string cell = dashboard_cell(hub, kiosk.id);
    INFO(cell);
    CHECK(
        cell.find(manager_text("content_failed", Language::En,
                               {{"reason", manager_text("content_reason_disk", Language::En)}})) !=
        std::string::npos);
    CHECK(cell.find("content_reserve_mb") != std::string::npos);

    // The reserve back to nothing: the same snapshot installs.
    kiosk.kill_now();
    kiosk.setup.content_reserve_mb = 0;
    kiosk.write_config();
    kiosk.start();
    require_live(kiosk, {"pendulum-lab@1.0.0", "water-cycle@1.0.0"});
    require_live_files_verify(kiosk.content_dir, hub);
}

TEST_CASE("a write that fails in the middle of a download (EFBIG) leaves the old set live and "
          "kiosk.db whole; without the limit the set installs",
          "[e2e][disk]") {
    constexpr uint64_t kFileSizeLimit = 1 << 20;
    ContentHub hub;
    hub.add_and_publish(hub.make_package("pendulum-lab", "1.0.0"), "pendulum-lab");
    const std::string big =
        hub.make_package("water-cycle", "1.0.0", Approval::Approved, nullptr, 3 << 20);
    REQUIRE(std::filesystem::file_size(big) > 2 * kFileSizeLimit);
    hub.add_and_publish(big, "water-cycle");
    hub.assign("lobby-1", {"pendulum-lab"});
    RunningKiosk kiosk(hub.folder, "lobby-1", hub.kiosk_setup("lobby-1"));
    const std::string kiosk_db = kiosk.data_dir + "/kiosk.db";

    kiosk.start();
    const std::vector<std::string> old_set = {"pendulum-lab@1.0.0"};
    require_live(kiosk, old_set);
    kiosk.kill_now();
    run_one_visit(kiosk, 0);
    const Counts before = kiosk_counts(kiosk_db);
    REQUIRE(total_of(before, "kiosk", "sessions") == 1);
    // Only the download may reach the limit, not the database or the log.
    REQUIRE(std::filesystem::file_size(kiosk_db) < kFileSizeLimit / 2);

    // The big package is assigned; the kiosk may not write a file past 1 MB.
    hub.assign("lobby-1", {"water-cycle", "pendulum-lab"});
    kiosk.start(kFileSizeLimit);
    require_state_at_hub(hub, kiosk, "failed", "disk: ");
    const std::string reason = first_failure(content_state_at_hub(hub, kiosk.id));
    CHECK(reason.find("water-cycle-1.0.0.part") != std::string::npos);
    CHECK(reason.find(std::strerror(EFBIG)) != std::string::npos);
    CHECK(log_count(kiosk, std::strerror(EFBIG)) >= 1);
    CHECK(live_ids(kiosk.content_dir) == old_set);
    CHECK(hub_files(kiosk.content_dir) == std::vector<std::string>{"pendulum-lab-1.0.0.kpkg"});
    // What arrived stays in .incoming (to resume), never in hub/ or live.json.
    const int64_t part_size = sync::regular_file_size(sync::incoming_folder(kiosk.content_dir) +
                                                      "/water-cycle-1.0.0.part");
    CHECK(part_size > 0);
    CHECK(part_size <= int64_t(kFileSizeLimit));
    CHECK(
        dashboard_cell(hub, kiosk.id)
            .find(manager_text("content_failed", Language::En,
                               {{"reason", manager_text("content_reason_disk", Language::En)}})) !=
        std::string::npos);
    kiosk.kill_now();
    // Under the same limit a visitor is still counted, and nothing committed is lost.
    run_one_visit(kiosk, kFileSizeLimit);
    CHECK(integrity_of(kiosk_db) == "ok");
    const Counts limited = kiosk_counts(kiosk_db);
    for (const auto& [key, value] : before)
        CHECK(limited.at(key) >= value);
    CHECK(total_of(limited, "kiosk", "sessions") == 2);
    CHECK(live_ids(kiosk.content_dir) == old_set);

    // Without the limit: resumed, verified, switched; no count lost.
    kiosk.start();
    require_live(kiosk, {"water-cycle@1.0.0", "pendulum-lab@1.0.0"});
    require_live_files_verify(kiosk.content_dir, hub);
    CHECK(eventually([&] { return incoming_files(kiosk).empty(); }, kRoundMs));
    kiosk.kill_now();
    CHECK(integrity_of(kiosk_db) == "ok");
    CHECK(total_of(kiosk_counts(kiosk_db), "kiosk", "sessions") == 2);
}

TEST_CASE("through a hostile proxy, a rolled-back snapshot, the accepted version with other "
          "contents, another kiosk's snapshot and an expired one are refused and logged; the "
          "live set stays, the heartbeat and the dashboard say why",
          "[e2e][snapshot]") {
    ContentHub hub;
    hub.add_and_publish(hub.make_package("pendulum-lab", "1.0.0"), "pendulum-lab");
    hub.add_and_publish(hub.make_package("water-cycle", "1.0.0"), "water-cycle");
    hub.assign("lobby-1", {"pendulum-lab"});
    hub.assign("lobby-2", {"water-cycle"});
    HubProxy proxy(hub.hub->port());
    RunningKiosk kiosk(hub.folder, "lobby-1", hub.kiosk_setup("lobby-1", proxy.url()));
    kiosk.start();
    require_live(kiosk, {"pendulum-lab@1.0.0"});
    REQUIRE(!proxy.hub_snapshots().empty());
    const std::string first_envelope = proxy.hub_snapshots().back(); // version 1

    hub.assign("lobby-1", {"pendulum-lab", "water-cycle"});
    const std::vector<std::string> live_set = {"pendulum-lab@1.0.0", "water-cycle@1.0.0"};
    require_live(kiosk, live_set);
    std::string error;
    std::optional<sync::SignedSnapshot> accepted_signed =
        sync::parse_snapshot_envelope(proxy.hub_snapshots().back(), error);
    INFO(error);
    REQUIRE(accepted_signed);
    std::optional<sync::Snapshot> accepted =
        sync::parse_snapshot_document(accepted_signed->document, error);
    REQUIRE(accepted);
    REQUIRE(accepted->version == 2);
    std::optional<SecretKey> content_key = read_secret_key(hub.data + "/content.key", error);
    REQUIRE(content_key);

    // Version 2 again with one package fewer, signed by the hub's own key.
    sync::Snapshot other = *accepted;
    other.packages.pop_back();
    const std::string equivocation =
        sync::envelope_to_json(sync::sign_snapshot(other, *content_key));
    // lobby-2's own snapshot, as the hub serves it.
    std::string other_kiosks;
    {
        httplib::Client client("127.0.0.1", hub.hub->port());
        auto answer = client.Get("/api/v1/content/snapshot",
                                 {{"Authorization", "Bearer " + hub.tokens["lobby-2"]}});
        REQUIRE(answer);
        REQUIRE(answer->status == 200);
        other_kiosks = answer->body;
    }
    // A newer version with other contents that expired yesterday.
    sync::Snapshot stale = *accepted;
    stale.version = accepted->version + 1;
    stale.packages.erase(stale.packages.begin());
    const int64_t day_ms = 86400000;
    stale.expires_utc_ms = (now_utc_ms() / 1000) * 1000 - day_ms;
    stale.issued_utc_ms = stale.expires_utc_ms - 14 * day_ms;
    const std::string expired = sync::envelope_to_json(sync::sign_snapshot(stale, *content_key));

    struct Attack {
        const char* name;
        std::string envelope;
        std::string logged; // in the kiosk's log and its heartbeat
        const char* state;  // the heartbeat's state word
    };
    const std::vector<Attack> attacks = {
        {"rollback", first_envelope, "snapshot 1 is older than the accepted snapshot 2 (rollback)",
         "failed"},
        {"same version, other contents", equivocation, "the hub signed two histories", "failed"},
        {"another kiosk's snapshot", other_kiosks, "not this kiosk (\"lobby-1\")", "failed"},
        {"expired", expired, "snapshot 3 expired at", "expired"},
    };
    for (const Attack& attack : attacks) {
        INFO(attack.name);
        proxy.serve_snapshot(attack.envelope);
        const size_t logged_before = log_count(kiosk, attack.logged);
        kiosk.kill_now(); // a round runs at start: the proxy's snapshot is what it gets
        kiosk.start();
        const bool logged =
            eventually([&] { return log_count(kiosk, attack.logged) > logged_before; }, kRoundMs);
        INFO(read_text_file(kiosk.log));
        REQUIRE(logged);
        if (std::string(attack.state) == "expired") {
            require_state_at_hub(hub, kiosk, "expired", "");
            CHECK(log_count(kiosk, "snapshot expired: the last good set stays live") >= 1);
            const std::optional<sync::ContentState> state = content_state_at_hub(hub, kiosk.id);
            CHECK(state->snapshot_version == 2);
            const std::string cell = dashboard_cell(hub, kiosk.id);
            INFO(cell);
            CHECK(cell.find(manager_text("content_expired", Language::En)) != std::string::npos);
        } else {
            require_state_at_hub(hub, kiosk, "failed", attack.logged);
            const std::string cell = dashboard_cell(hub, kiosk.id);
            INFO(cell);
            CHECK(cell.find(manager_text(
                      "content_failed", Language::En,
                      {{"reason", manager_text("content_reason_snapshot", Language::En)}})) !=
                  std::string::npos);
        }
        CHECK(live_ids(kiosk.content_dir) == live_set);
        CHECK(hub_files(kiosk.content_dir) ==
              std::vector<std::string>{"pendulum-lab-1.0.0.kpkg", "water-cycle-1.0.0.kpkg"});
        require_live_files_verify(kiosk.content_dir, hub);
    }
    // The accepted snapshot the kiosk keeps is still version 2.
    proxy.serve_snapshot("");
    kiosk.kill_now();
    kiosk.start();
    require_state_at_hub(hub, kiosk, "up_to_date", "");
    CHECK(content_state_at_hub(hub, kiosk.id)->snapshot_version == 2);
    CHECK(live_ids(kiosk.content_dir) == live_set);
}

} // namespace kiosk::test
