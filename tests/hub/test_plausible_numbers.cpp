// Issue 15, break A, written as the attack was: one kiosk token sending 35
// syncs, each with a fresh epoch and 30 buckets of 2^53 sessions (or exhibit
// visits), against a real kiosk-hub on 127.0.0.1; then what the province and
// the other venue see. Also: a hub.db that already holds such values (stored
// before the bound existed) shows totals that are exact or flagged, never
// wrapped; a kiosk opening epoch after epoch is refused and flagged; a kiosk
// of one venue renaming a subject does not rename it for another venue or
// for the province.
#include "hub_test_support.h"
#include "store_backends.h"

#include "core/manager_text.h"
#include "dashboard/dashboard_page.h"
#include "hub/dashboard_data.h"

#include <nlohmann/json.hpp>

namespace kiosk::test {
namespace {

constexpr int64_t kTwoTo53 = 9007199254740992;
constexpr int kAttackSyncs = 35;
constexpr int kAttackDays = 30;
const hub::UserRecord kProvinceAdmin{"admin", "", "province_admin", ""};

// The 32-hex-digit epoch number `n`.
std::string epoch_number(int n) {
    char text[33];
    std::snprintf(text, sizeof text, "%032x", n);
    return text;
}

std::string november(int day) {
    char text[16];
    std::snprintf(text, sizeof text, "2026-11-%02d", day);
    return text;
}

// One attack sync: a fresh epoch and `kAttackDays` buckets of `value`.
std::string attack_body(int sync, const std::string& kind, const std::string& subject,
                        const std::string& metric, int64_t value) {
    sync::SyncBatch batch = make_batch(epoch_number(1000 + sync), kAttackDays);
    for (int day = 1; day <= kAttackDays; ++day)
        batch.buckets.push_back({november(day), kind, subject, metric, value, day});
    return sync::to_json(batch);
}

// Venue B's honest kiosk: 40 sessions a day and 25 visits a day to "maze".
void sync_honest_venue_b(int port, const std::string& token) {
    sync::SyncBatch batch = make_batch(epoch_number(7), 2 * kAttackDays);
    for (int day = 1; day <= kAttackDays; ++day) {
        batch.buckets.push_back({november(day), "kiosk", "", "sessions", 40, day});
        batch.buckets.push_back({november(day), "exhibit", "maze", "visits", 25, day});
    }
    const PostResult result = post_sync(port, token, sync::to_json(batch));
    INFO(result.body);
    REQUIRE(result.status == 200);
}

dashboard::DashboardData dashboard_of(const std::string& data_dir, const hub::UserRecord& viewer,
                                      const std::string& venue) {
    std::string error;
    std::unique_ptr<hub::HubStore> store =
        hub::open_hub_store(kiosk::test::test_store(data_dir), error);
    INFO(error);
    REQUIRE(store);
    const dashboard::DashboardFilter filter{venue, november(1), november(30), Language::En};
    return hub::load_dashboard(*store, viewer, filter, 1795829400000, 7);
}

// The text of the page's "Visitor sessions" figure.
std::string total_visitors_shown(const std::string& page) {
    const std::string label = "<div class=\"label\">" +
                              manager_text("total_visitors", Language::En) +
                              "</div><div class=\"value";
    const size_t at = page.find(label);
    REQUIRE(at != std::string::npos);
    const size_t start = page.find('>', at + label.size()) + 1;
    return page.substr(start, page.find("</div>", start) - start);
}

// The HTML of one <section id="...">.
std::string section_of(const std::string& page, const std::string& id) {
    const size_t at = page.find("id=\"" + id + "\"");
    REQUIRE(at != std::string::npos);
    return page.substr(at, page.find("</section>", at) - at);
}

} // namespace

TEST_CASE("attack: 35 fresh epochs of 2^53 sessions are refused; the province total never wraps",
          "[hub][attack][numbers]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    const std::string token_a = add_kiosk(folder, data, "venue-a", "kiosk-a");
    const std::string token_b = add_kiosk(folder, data, "venue-b", "kiosk-b");
    HubProcess hub(data);
    sync_honest_venue_b(hub.port(), token_b);

    for (int sync = 0; sync < kAttackSyncs; ++sync) {
        const PostResult result =
            post_sync(hub.port(), token_a, attack_body(sync, "kiosk", "", "sessions", kTwoTo53));
        INFO("sync " << sync << ": " << result.body);
        REQUIRE(result.status == 400);
        const std::string error = nlohmann::json::parse(result.body).at("error");
        CHECK(error.rfind("buckets[0].value: ", 0) == 0);         // names the field
        CHECK(error.find("at most 172800") != std::string::npos); // and the bound
    }
    CHECK(stored_totals(data, "venue-a").empty());

    const dashboard::DashboardData province = dashboard_of(data, kProvinceAdmin, "");
    const std::string page = dashboard::render_dashboard_page(province);
    CHECK(total_visitors_shown(page) == std::to_string(40 * kAttackDays));
    CHECK(page.find(">-") == std::string::npos); // no negative figure anywhere
}

TEST_CASE("attack: 35 fresh epochs of 2^53 exhibit visits do not empty Top exhibits",
          "[hub][attack][numbers]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    const std::string token_a = add_kiosk(folder, data, "venue-a", "kiosk-a");
    const std::string token_b = add_kiosk(folder, data, "venue-b", "kiosk-b");
    HubProcess hub(data);
    sync_honest_venue_b(hub.port(), token_b);

    for (int sync = 0; sync < kAttackSyncs; ++sync) {
        const PostResult result = post_sync(
            hub.port(), token_a, attack_body(sync, "exhibit", "maze", "visits", kTwoTo53));
        INFO("sync " << sync << ": " << result.body);
        CHECK(result.status == 400);
    }

    for (const std::string venue : {"", "venue-b"}) {
        INFO("venue '" << venue << "'");
        const hub::UserRecord viewer =
            venue.empty() ? kProvinceAdmin : hub::UserRecord{"b", "", "venue_manager", "venue-b"};
        const dashboard::DashboardData shown = dashboard_of(data, viewer, venue);
        REQUIRE(shown.top_exhibits.size() == 1);
        CHECK(shown.top_exhibits[0].id == "maze");
        CHECK(shown.top_exhibits[0].visits == 25 * kAttackDays);
    }
}

TEST_CASE("attack: a hub.db already holding 2^53 values shows exact or flagged totals, never "
          "wrapped ones",
          "[hub][attack][numbers]") {
    // What the attack left in a hub.db before the bound existed: 35 epochs x
    // 30 days of 2^53 sessions and visits for kiosk A, and B's honest counts.
    TempFolder folder;
    const std::string data = folder.file("data");
    add_kiosk(folder, data, "venue-a", "kiosk-a");
    const std::string token_b = add_kiosk(folder, data, "venue-b", "kiosk-b");
    {
        HubProcess hub(data);
        sync_honest_venue_b(hub.port(), token_b);
    }
    exec_hub_sql(data, attack_leftover_sql(
                           "kiosk-a", {"'kiosk', '', 'sessions'", "'exhibit', 'maze', 'visits'"}));

    const dashboard::DashboardData province = dashboard_of(data, kProvinceAdmin, "");
    const std::string page = dashboard::render_dashboard_page(province);
    // 30 days x (35 x 2^53 + 40) does not fit in 64 bits: the page says so.
    const std::string total = total_visitors_shown(page);
    INFO("total shown: " << total);
    CHECK(total.find_first_of("0123456789") == std::string::npos);
    CHECK(page.find(">-") == std::string::npos);
    // Top exhibits' sum overflows in SQL: the section says it could not be
    // read instead of "No data for this range".
    const std::string top = section_of(page, "top-exhibits");
    CHECK(top.find(manager_text("no_data_for_range", Language::En)) == std::string::npos);
    CHECK(top.find("class=\"unreadable\"") != std::string::npos);

    // Venue B's own view is untouched by A's numbers.
    const dashboard::DashboardData venue_b =
        dashboard_of(data, {"b", "", "venue_manager", "venue-b"}, "venue-b");
    REQUIRE(venue_b.top_exhibits.size() == 1);
    CHECK(venue_b.top_exhibits[0].visits == 25 * kAttackDays);
}

TEST_CASE("attack: a kiosk opening a fresh epoch on every sync is refused after 5 in 30 days "
          "and flagged",
          "[hub][attack][numbers]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    const std::string token_a = add_kiosk(folder, data, "venue-a", "kiosk-a");
    HubProcess hub(data);

    int accepted = 0;
    for (int sync = 0; sync < kAttackSyncs; ++sync) {
        const PostResult result =
            post_sync(hub.port(), token_a, attack_body(sync, "kiosk", "", "sessions", 100));
        INFO("sync " << sync << ": " << result.body);
        if (sync < 5) {
            CHECK(result.status == 200);
        } else {
            CHECK(result.status == 409);
            CHECK(result.body.find("epoch") != std::string::npos);
        }
        accepted += result.status == 200 ? 1 : 0;
    }
    CHECK(accepted == 5);
    // An epoch already open keeps syncing (newer versions of its buckets).
    sync::SyncBatch newer = make_batch(epoch_number(1000), 2 * kAttackDays);
    for (int day = 1; day <= kAttackDays; ++day)
        newer.buckets.push_back({november(day), "kiosk", "", "sessions", 101, kAttackDays + day});
    CHECK(post_sync(hub.port(), token_a, sync::to_json(newer)).status == 200);
    const Totals totals = stored_totals(data, "venue-a");
    CHECK(totals.at({"kiosk", "", "sessions"}) == (4 * 100 + 101) * kAttackDays);

    std::string error;
    std::unique_ptr<hub::HubStore> store =
        hub::open_hub_store(kiosk::test::test_store(data), error);
    REQUIRE(store);
    const dashboard::DashboardFilter filter{"", november(1), november(30), Language::En};
    const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    const dashboard::DashboardData province =
        hub::load_dashboard(*store, kProvinceAdmin, filter, now, 7);
    const std::string page = dashboard::render_dashboard_page(province);
    CHECK(section_of(page, "kiosk-health").find("5 new epochs") != std::string::npos);
}

TEST_CASE("attack: a kiosk of venue A renaming a subject does not rename it for venue B or the "
          "province",
          "[hub][attack][titles]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    std::string error;
    {
        std::unique_ptr<hub::HubStore> store =
            hub::open_hub_store(kiosk::test::test_store(data), error);
        REQUIRE(store);
        REQUIRE(store->add_venue({"venue-a", "甲馆", "A", "county_museum"}, error));
        REQUIRE(store->add_venue({"venue-b", "乙馆", "B", "county_museum"}, error));
        REQUIRE(store->add_kiosk({"kiosk-a", "venue-a", "hash"}, error));
        REQUIRE(store->add_kiosk({"kiosk-b", "venue-b", "hash"}, error));
        sync::SyncBatch batch = make_batch(epoch_number(1), 10);
        batch.buckets = {{"2026-11-01", "exhibit", "maze", "visits", 3, 1}};
        batch.titles = {{"exhibit", "maze", "迷宫", "Maze"}};
        int64_t stored = 0;
        for (const char* kiosk : {"kiosk-b", "kiosk-a"})
            REQUIRE(store->apply_sync({kiosk, &batch, 1795829400000}, stored, error));
        // Kiosk A renames the exhibit, twice for good measure.
        batch.titles = {{"exhibit", "maze", "已被改名", "Renamed by kiosk A"}};
        REQUIRE(store->apply_sync({"kiosk-a", &batch, 1795829500000}, stored, error));
        REQUIRE(store->apply_sync({"kiosk-a", &batch, 1795829600000}, stored, error));
    }
    const dashboard::DashboardData venue_b =
        dashboard_of(data, {"b", "", "venue_manager", "venue-b"}, "venue-b");
    REQUIRE(venue_b.top_exhibits.size() == 1);
    CHECK(venue_b.top_exhibits[0].title == "Maze");
    const dashboard::DashboardData province = dashboard_of(data, kProvinceAdmin, "");
    REQUIRE(province.top_exhibits.size() == 1);
    CHECK(province.top_exhibits[0].title == "Maze");
    // Venue A's own kiosks name what venue A's managers see.
    const dashboard::DashboardData venue_a =
        dashboard_of(data, {"a", "", "venue_manager", "venue-a"}, "venue-a");
    REQUIRE(venue_a.top_exhibits.size() == 1);
    CHECK(venue_a.top_exhibits[0].title == "Renamed by kiosk A");
}

} // namespace kiosk::test
