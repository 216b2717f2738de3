// Scale-out (issue 22, part 3): two `kiosk-hub serve` processes on different
// ports over one store, as behind a load balancer. Three kiosks sync
// alternately to both; a manager signed in on hub A uses the dashboard
// (with its CSRF token) on hub B; failed sign-ins are counted across both;
// hub A is killed (SIGKILL) in the middle and the kiosks whose turn it was
// go to B, as the balancer would send them. The totals, the notice receipts
// and versions, and the dashboard's content status then equal those of a
// single hub process given the same script. On SQLite both processes share
// hub.db (SQLite's lock); in the PostgreSQL copy both get the run's schema
// through KIOSK_HUB_STORE.
#include "browser_test_support.h"
#include "hub_test_support.h"
#include "notice_test_support.h"

#include "core/civil_time.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>

namespace kiosk::test {
namespace {

constexpr const char* kPassword = "correct horse battery";
constexpr int kKiosks = 3, kRounds = 8, kSignInRound = 2, kKillRound = 5;
const std::string kEpoch = "5ca1e0075ca1e0075ca1e0075ca1e007";

// One hub data folder: venue v1 with kiosks k1..k3, a province administrator
// and a user whose password will be guessed, the notice key and one notice.
struct ScaleOutHub {
    TempFolder folder;
    std::string data = folder.file("d");
    std::vector<std::string> tokens;
    std::string notice_id;

    ScaleOutHub() {
        for (int kiosk = 1; kiosk <= kKiosks; ++kiosk)
            tokens.push_back(add_kiosk(folder, data, "v1", "k" + std::to_string(kiosk)));
        for (const char* user : {"manager", "target"})
            require_ok(run_hub_command(folder,
                                       std::string("admin add-user --data d --role province_admin "
                                                   "--name ") +
                                           user,
                                       kPassword));
        require_ok(run_hub_command(folder, "admin notice-key --data d"));
        const CommandRun added = run_hub_command(
            folder, "notice add --data d --venue v1 --severity Severe --category Geo --event-zh "
                    "地震 --event-en Earthquake --headline-zh 地震预警 --headline-en 'Earthquake "
                    "warning' --expires 6h");
        require_ok(added);
        const size_t at = added.out.find("KH-");
        REQUIRE(at != std::string::npos);
        size_t end = at;
        while (end < added.out.size() &&
               (std::isalnum(static_cast<unsigned char>(added.out[end])) || added.out[end] == '-'))
            ++end;
        notice_id = added.out.substr(at, end - at);
    }
};

// Kiosk `kiosk`'s batch of `round`: a new bucket, a higher-seq value for an
// old one, its content state and its receipt of the notice.
sync::SyncBatch batch_of(int kiosk, int round, const std::string& notice_id, int64_t shown_at) {
    sync::SyncBatch batch = make_batch(kEpoch, round + 1);
    const auto day = [](int n) { return "2026-11-" + std::to_string(10 + n % 20); };
    batch.buckets.push_back({day(round), "exhibit", "exhibit-" + std::to_string(round % 4),
                             "visits", int64_t(10 * (round + 1) + kiosk), round + 1});
    batch.buckets.push_back(
        {day(0), "exhibit", "exhibit-0", "visits", int64_t(100 + round * (kiosk + 1)), round + 1});
    sync::ContentState content;
    content.state = kiosk == 0 ? "failed" : kiosk == 1 ? "downloading" : "up_to_date";
    content.need = 3;
    content.have = kiosk == 2 ? 3 : round % 3;
    if (kiosk == 0)
        content.failures = {{"pendulum-lab", "1.0.0", "round " + std::to_string(round)}};
    batch.heartbeat.content_state = content;
    batch.heartbeat.notice_receipts =
        std::vector<sync::NoticeReceipt>{{notice_id, shown_at, round % 2 == 0, round * 3, round}};
    return batch;
}

struct ScriptResult {
    Totals totals;
    std::vector<std::string> content_cells; // per kiosk, from the dashboard
    std::vector<std::string> receipts;      // per kiosk: shown, showing, viewers, opened
    std::vector<int64_t> notices_versions;  // per kiosk, from its last sync answer
    std::vector<int64_t> acknowledged;      // per kiosk, from its last sync answer
};

// What the dashboard, the store and the sync answers say after the script.
ScriptResult outcome(ScaleOutHub& hub, int dashboard_port, std::vector<int64_t> notices_versions,
                     std::vector<int64_t> acknowledged) {
    ScriptResult result;
    result.totals = stored_totals(hub.data);
    result.notices_versions = std::move(notices_versions);
    result.acknowledged = std::move(acknowledged);
    Browser browser(dashboard_port);
    REQUIRE(sign_in(browser, "manager", kPassword)->status == 303);
    const auto page = browser.get("/dashboard");
    REQUIRE(page);
    REQUIRE(page->status == 200);
    for (int kiosk = 1; kiosk <= kKiosks; ++kiosk)
        result.content_cells.push_back(
            dashboard_content_cell(page->body, "k" + std::to_string(kiosk)));
    const auto notices = open_notices(hub.data);
    std::vector<hub::StoredReceipt> receipts = notices->receipts_for(hub.notice_id);
    std::sort(receipts.begin(), receipts.end(),
              [](const auto& a, const auto& b) { return a.kiosk < b.kiosk; });
    for (const hub::StoredReceipt& stored : receipts)
        result.receipts.push_back(
            stored.kiosk + " " + std::to_string(stored.receipt.first_shown_utc_ms) + " " +
            std::to_string(stored.receipt.showing) + " " + std::to_string(stored.receipt.viewers) +
            " " + std::to_string(stored.receipt.opened));
    return result;
}

// The sign-in checks made while both hubs run: a manager signed in on A uses
// the dashboard on B with the session's CSRF token, and five wrong passwords
// sent alternately to A and B use up the user's limit on both.
void check_sessions_across(int port_a, int port_b) {
    Browser on_a(port_a);
    REQUIRE(sign_in(on_a, "manager", kPassword)->status == 303);
    const auto page_a = on_a.get("/dashboard");
    REQUIRE(page_a);
    REQUIRE(page_a->status == 200);
    Browser on_b(port_b);
    on_b.take_cookies_of(on_a);
    const auto page_b = on_b.get("/dashboard");
    REQUIRE(page_b);
    CHECK(page_b->status == 200);
    CHECK(csrf_of(page_b->body) == csrf_of(page_a->body));
    CHECK_FALSE(csrf_of(page_b->body).empty());
    // A form posted to B with a wrong token is refused; with the session's it is taken.
    const auto forged = on_b.post_form("/logout", {{"csrf", "forged"}});
    REQUIRE(forged);
    CHECK(forged->status == 403);

    for (int guess = 0; guess < 5; ++guess) {
        Browser guesser(guess % 2 ? port_b : port_a);
        const auto wrong = sign_in(guesser, "target", "guess " + std::to_string(guess));
        REQUIRE(wrong);
        CHECK(wrong->status == 401);
    }
    for (int port : {port_a, port_b}) {
        Browser late(port);
        const auto right = sign_in(late, "target", kPassword);
        REQUIRE(right);
        CHECK(right->status == 429); // limited on both, even with the right password
    }

    const auto signed_out = on_b.post_form("/logout", {{"csrf", csrf_of(page_a->body)}});
    REQUIRE(signed_out);
    CHECK(signed_out->status == 303);
    const auto after = on_a.get("/dashboard");
    REQUIRE(after);
    CHECK(after->status == 303); // signed out on A too
}

// The script: kRounds rounds of one sync per kiosk, kiosk i's round r going
// to hub (r + i) % hubs, or to a live one when that one was killed.
ScriptResult run_script(ScaleOutHub& hub, bool two_processes, int64_t shown_at) {
    std::vector<std::unique_ptr<HubProcess>> hubs;
    hubs.push_back(std::make_unique<HubProcess>(hub.data));
    if (two_processes) hubs.push_back(std::make_unique<HubProcess>(hub.data));
    std::vector<bool> alive(hubs.size(), true);
    std::unique_ptr<Browser> signed_in_on_a; // a manager who signed in on A before it died
    std::vector<int64_t> notices_versions(kKiosks), acknowledged(kKiosks);
    for (int round = 0; round < kRounds; ++round) {
        if (two_processes && round == kSignInRound)
            check_sessions_across(hubs[0]->port(), hubs[1]->port());
        if (two_processes && round == kKillRound) {
            signed_in_on_a = std::make_unique<Browser>(hubs[0]->port());
            REQUIRE(sign_in(*signed_in_on_a, "manager", kPassword)->status == 303);
            CHECK(hubs[0]->stop(SIGKILL) == -SIGKILL);
            alive[0] = false;
        }
        for (int kiosk = 0; kiosk < kKiosks; ++kiosk) {
            size_t target = size_t(round + kiosk) % hubs.size();
            if (!alive[target]) target = 1 - target;
            const PostResult answer =
                post_sync(hubs[target]->port(), hub.tokens[size_t(kiosk)],
                          sync::to_json(batch_of(kiosk, round, hub.notice_id, shown_at)));
            INFO("round " << round << ", kiosk " << kiosk << ": " << answer.body);
            REQUIRE(answer.status == 200);
            const nlohmann::json body = nlohmann::json::parse(answer.body);
            notices_versions[size_t(kiosk)] = body.value("notices_version", int64_t(-1));
            acknowledged[size_t(kiosk)] = body.value("acknowledged_through_seq", int64_t(-1));
        }
    }
    if (two_processes) {
        // The session started on A lives on in the store after A died: B knows it.
        Browser on_b(hubs[1]->port());
        on_b.take_cookies_of(*signed_in_on_a);
        const auto page = on_b.get("/dashboard");
        REQUIRE(page);
        CHECK(page->status == 200);
    }
    return outcome(hub, hubs.back()->port(), notices_versions, acknowledged);
}

} // namespace

TEST_CASE("two hub processes over one store give the results of one, even when one is killed",
          "[hub][scale-out]") {
    const int64_t shown_at = now_utc_ms() / 1000 * 1000;
    ScaleOutHub single, pair;
    const ScriptResult one = run_script(single, false, shown_at);
    const ScriptResult two = run_script(pair, true, shown_at);

    // The single run's figures are the script's, not empty ones.
    REQUIRE(one.totals.size() == 4);
    CHECK(one.acknowledged == std::vector<int64_t>(kKiosks, kRounds));
    CHECK(one.content_cells[0].find("round " + std::to_string(kRounds - 1)) != std::string::npos);
    REQUIRE(one.receipts.size() == size_t(kKiosks));
    CHECK(one.notices_versions[0] > 0);

    CHECK(two.totals == one.totals);
    CHECK(two.acknowledged == one.acknowledged);
    CHECK(two.content_cells == one.content_cells);
    CHECK(two.receipts == one.receipts);
    CHECK(two.notices_versions == one.notices_versions);
}

} // namespace kiosk::test
