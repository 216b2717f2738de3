// Issue 20, part 4, on a real kiosk-hub process: the dashboard's `kiosk`
// query field narrows the page and every export (CSV, XLSX, JSON) to one
// kiosk's numbers (two kiosks of one venue with different numbers); a kiosk
// picked with "all venues" narrows to its venue; broken input (a path, an
// unknown kiosk, another venue's kiosk for a venue manager) is refused; the
// province view shows the breakdown by venue, a venue's view a chart per kiosk.

#include "browser_test_support.h"
#include "hub_test_support.h"

#include <nlohmann/json.hpp>

namespace kiosk::test {
namespace {

constexpr const char* kEpoch = "0123456789abcdef0123456789abcdef";
constexpr const char* kPassword = "correct horse battery";
const std::string kRange = "from=2026-11-01&to=2026-11-30";

std::string batch_of(int64_t sessions) {
    sync::SyncBatch batch = make_batch(kEpoch, 1);
    batch.buckets = {{"2026-11-20", "kiosk", "", "sessions", sessions, 1},
                     {"2026-11-20", "exhibit", "maze", "visits", sessions * 2, 1}};
    return sync::to_json(batch);
}

// Venue v1 with kiosks k1 (5 sessions) and k1c (9), venue v2 with k2 (4); a
// manager of v1 and a province administrator.
struct KioskFilterHub {
    TempFolder folder;
    std::string data = folder.file("hub");
    std::unique_ptr<HubProcess> hub;

    KioskFilterHub() {
        const std::string k1 = add_kiosk(folder, data, "v1", "k1");
        const std::string k1c = add_kiosk(folder, data, "v1", "k1c");
        const std::string k2 = add_kiosk(folder, data, "v2", "k2");
        for (const char* user :
             {"manager --role venue_manager --venue v1", "admin --role province_admin"})
            REQUIRE(run_hub_command(folder, "admin add-user --data " + data + " --name " + user,
                                    kPassword)
                        .code == 0);
        // Added in September 2026, so November has opening hours.
        exec_hub_sql(data, "UPDATE kiosks SET created_utc_ms = 1790000000000");
        hub = std::make_unique<HubProcess>(data);
        for (const auto& [token, sessions] :
             {std::pair{k1, 5}, std::pair{k1c, 9}, std::pair{k2, 4}})
            REQUIRE(post_sync(hub->port(), token, batch_of(sessions)).status == 200);
    }
    Browser signed_in(const std::string& user) const {
        Browser browser(hub->port());
        REQUIRE(sign_in(browser, user, kPassword)->status == 303);
        return browser;
    }
};

int64_t exported_sessions(Browser& browser, const std::string& query) {
    auto json = browser.get("/dashboard/export?format=json&lang=en&" + query);
    REQUIRE(json);
    INFO(json->body);
    REQUIRE(json->status == 200);
    const nlohmann::json document = nlohmann::json::parse(json->body);
    int64_t sessions = 0;
    for (const auto& day : document["reports"]["visitors_per_day"])
        sessions += day["sessions"].get<int64_t>();
    return sessions;
}

} // namespace

TEST_CASE("dashboard kiosk filter: the page and every export show one kiosk's numbers",
          "[hub][dashboard][kiosk-filter]") {
    KioskFilterHub hub;
    Browser admin = hub.signed_in("admin");
    auto venue = admin.get("/dashboard?venue=v1&lang=en&" + kRange);
    REQUIRE(venue->status == 200);
    CHECK(venue->body.find("<div class=\"value\">14</div>") != std::string::npos);
    CHECK(venue->body.find("<option value=\"k1c\">k1c</option>") != std::string::npos);

    // Picked with "all venues": narrowed to the kiosk's venue.
    auto page = admin.get("/dashboard?venue=&kiosk=k1&lang=en&" + kRange);
    REQUIRE(page->status == 200);
    CHECK(page->body.find("<div class=\"value\">5</div>") != std::string::npos);
    CHECK(page->body.find("<option value=\"k1\" selected>k1</option>") != std::string::npos);
    CHECK(page->body.find("<option value=\"v1\" selected>") != std::string::npos);
    CHECK(page->body.find("kiosk=k1&amp;from=") != std::string::npos); // export links keep it
    CHECK(page->body.find("id=\"availability-k1\"") != std::string::npos);
    CHECK(page->body.find("id=\"availability-k1c\"") == std::string::npos);

    CHECK(exported_sessions(admin, "kiosk=k1&" + kRange) == 5);
    CHECK(exported_sessions(admin, "venue=v1&kiosk=k1c&" + kRange) == 9);
    CHECK(exported_sessions(admin, "venue=v1&" + kRange) == 14);
    auto json = admin.get("/dashboard/export?format=json&lang=en&kiosk=k1c&" + kRange);
    const nlohmann::json document = nlohmann::json::parse(json->body);
    CHECK(document["query"]["kiosk"] == "k1c");
    CHECK(document["query"]["venue"] == "v1");
    CHECK(document["reports"]["top_exhibits"][0]["visits"] == 18);

    auto csv = admin.get("/dashboard/export?format=csv&lang=en&kiosk=k1&" + kRange);
    REQUIRE(csv->status == 200);
    CHECK(csv->body.find("\r\nmaze,,10,") != std::string::npos);
    CHECK(csv->body.find("\r\nmaze,,28,") == std::string::npos);
    CHECK(csv->get_header_value("Content-Disposition").find("-v1-k1-") != std::string::npos);
    auto xlsx = admin.get("/dashboard/export?format=xlsx&kiosk=k1c&" + kRange);
    REQUIRE(xlsx->status == 200);
    CHECK(xlsx->body.rfind("PK\x03\x04", 0) == 0);
    CHECK(xlsx->get_header_value("Content-Disposition").find("-v1-k1c-") != std::string::npos);

    Browser manager = hub.signed_in("manager");
    CHECK(exported_sessions(manager, "kiosk=k1c&" + kRange) == 9);
}

TEST_CASE("dashboard kiosk filter: a path, an unknown kiosk, another venue's kiosk are refused",
          "[hub][dashboard][kiosk-filter]") {
    KioskFilterHub hub;
    Browser manager = hub.signed_in("manager");
    Browser admin = hub.signed_in("admin");
    for (const std::string path : {"/dashboard?", "/dashboard/export?format=csv&"}) {
        INFO(path);
        CHECK(admin.get(path + "kiosk=..%2Fx&lang=en&" + kRange)->status == 400);
        CHECK(admin.get(path + "kiosk=nope&lang=en&" + kRange)->status == 400);
        CHECK(admin.get(path + "venue=v2&kiosk=k1&lang=en&" + kRange)->status == 400);
        CHECK(manager.get(path + "kiosk=k2&lang=en&" + kRange)->status == 403);
        CHECK(manager.get(path + "venue=v1&kiosk=k2&lang=en&" + kRange)->status == 403);
        CHECK(manager.get(path + "venue=v2&kiosk=k2&lang=en&" + kRange)->status == 403);
        CHECK(manager.get(path + "kiosk=&lang=en&" + kRange)->status == 200);
    }
    auto bad = admin.get("/dashboard?kiosk=..%2Fx&lang=en&" + kRange);
    CHECK(bad->body.find("The kiosk id is not valid") != std::string::npos);
    auto other = manager.get("/dashboard?kiosk=k2&lang=en&" + kRange);
    CHECK(other->body.find("s kiosks.") != std::string::npos); // "your own venue's kiosks."
    CHECK(other->body.find("<div class=\"value\">") == std::string::npos);
}

TEST_CASE("dashboard: the province view breaks down by venue, a venue's view charts each kiosk",
          "[hub][dashboard][kiosk-filter]") {
    KioskFilterHub hub;
    Browser admin = hub.signed_in("admin");
    auto province = admin.get("/dashboard?lang=en&" + kRange);
    REQUIRE(province->status == 200);
    const std::string& body = province->body;
    const size_t breakdown = body.find("id=\"venue-breakdown\"");
    REQUIRE(breakdown != std::string::npos);
    // v1: 14 sessions, 28 visits, 2 kiosks; v2: 4, 8, 1.
    CHECK(body.find("<span class=\"sub id\">v1</span></td><td class=\"num\">14</td><td "
                    "class=\"num\">28</td><td class=\"num\">2</td>",
                    breakdown) != std::string::npos);
    CHECK(body.find("<span class=\"sub id\">v2</span></td><td class=\"num\">4</td><td "
                    "class=\"num\">8</td><td class=\"num\">1</td>",
                    breakdown) != std::string::npos);
    CHECK(body.find("id=\"availability\"") == std::string::npos);

    auto venue = admin.get("/dashboard?venue=v1&lang=en&" + kRange);
    CHECK(venue->body.find("id=\"venue-breakdown\"") == std::string::npos);
    CHECK(venue->body.find("id=\"availability-k1\"") != std::string::npos);
    CHECK(venue->body.find("id=\"availability-k1c\"") != std::string::npos);
    // No contact in November (they synced today): 0 of each day's 8 hours.
    CHECK(venue->body.find("<p class=\"note\">By day: 11-01 0.0% · 11-02 0.0%") !=
          std::string::npos);
    CHECK(venue->body.find("0 of 240 opening hours available (0.0%)") != std::string::npos);
    CHECK(venue->body.find("aria-label=\"Kiosk availability k1c\"") != std::string::npos);
}

} // namespace kiosk::test
