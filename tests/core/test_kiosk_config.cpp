// Tests for kiosk_config.h: the sample configs in kiosk-config/ load cleanly,
// defaults and path resolution, and every kind of config mistake produces its
// message while never yielding a half-filled config.
#include "core/kiosk_config.h"
#include "minimal_config.h"
#include "temp_folder.h"
#include "test_paths.h"

#include <catch2/catch.hpp>
#include <sodium.h>

#include <cstring>
#include <string>

using namespace kiosk;

namespace {

const std::string kSourceDir = kiosk::test::source_dir();
using test::kDemoHash;
using test::minimal_config;

bool verifies(const std::string& hash, const char* pin) {
    REQUIRE(sodium_init() >= 0);
    return crypto_pwhash_str_verify(hash.c_str(), pin, std::strlen(pin)) == 0;
}

} // namespace

TEST_CASE("the sample configs load without errors", "[kiosk_config]") {
    SECTION("county museum") {
        ConfigLoadResult result = load_kiosk_config(kSourceDir + "/kiosk-config/county-museum.lua");
        INFO((result.errors.empty() ? std::string() : result.errors[0]));
        REQUIRE(result.ok());
        REQUIRE(result.errors.empty());
        REQUIRE(result.warnings.empty());
        const KioskConfig& config = *result.config;
        REQUIRE(config.source_path == kSourceDir + "/kiosk-config/county-museum.lua");
        REQUIRE(config.venue.name.zh == "青山县科技馆");
        REQUIRE(config.venue.name.en == "Qingshan County Science Museum");
        REQUIRE(config.venue.kind == VenueKind::CountyMuseum);
        REQUIRE(config.kiosk_name == "entrance-1");
        REQUIRE(config.default_language == Language::Zh);
        REQUIRE(config.idle_timeout_s == 90);
        REQUIRE(config.data_dir == kSourceDir + "/build/kiosk-data/county-museum");
        REQUIRE(config.exhibit_dirs.empty());
        REQUIRE(config.content_dir == kSourceDir + "/build/content");
        REQUIRE(config.trusted_keys ==
                std::vector<std::string>{kSourceDir + "/build/demo-keys/demo.pub"});
        REQUIRE(config.trusted_reviewers ==
                std::vector<std::string>{kSourceDir + "/build/demo-keys/reviewer.pub"});
        REQUIRE(config.strings_file == kSourceDir + "/content/strings.lua");
        REQUIRE(config.window.width == 1280);
        REQUIRE(config.window.height == 720);
        REQUIRE_FALSE(config.window.fullscreen);
        REQUIRE(config.window.vsync);
        REQUIRE(config.font.path == "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
        REQUIRE(config.font.title_px == 72);
        REQUIRE(config.admin.corner == AdminCorner::TopLeft);
        REQUIRE(config.admin.long_press_s == 5);
        REQUIRE(verifies(config.admin.pin_hash, "2468"));
        REQUIRE_FALSE(verifies(config.admin.pin_hash, "1234"));
    }
    SECTION("mobile truck") {
        ConfigLoadResult result = load_kiosk_config(kSourceDir + "/kiosk-config/mobile-truck.lua");
        INFO((result.errors.empty() ? std::string() : result.errors[0]));
        REQUIRE(result.ok());
        REQUIRE(result.warnings.empty());
        const KioskConfig& config = *result.config;
        REQUIRE(config.venue.kind == VenueKind::MobileExhibit);
        REQUIRE(config.venue.name.zh == "青山县流动科技馆");
        REQUIRE(config.idle_timeout_s == 60);
        REQUIRE(config.data_dir == kSourceDir + "/build/kiosk-data/mobile-truck");
        REQUIRE_FALSE(config.window.fullscreen);
        REQUIRE(config.admin.corner == AdminCorner::TopRight);
        REQUIRE(verifies(config.admin.pin_hash, "2468"));
    }
}

TEST_CASE("a minimal config gets the documented defaults", "[kiosk_config]") {
    test::TempFolder folder;
    std::string path = folder.write("kiosk.lua", minimal_config());
    ConfigLoadResult result = load_kiosk_config(path);
    REQUIRE(result.ok());
    const KioskConfig& config = *result.config;
    REQUIRE(config.kiosk_name == "kiosk");
    REQUIRE(config.default_language == Language::Zh);
    REQUIRE(config.idle_timeout_s == 90);
    REQUIRE(config.exhibit_dirs.empty());
    REQUIRE(config.window.width == 1280);
    REQUIRE(config.window.height == 720);
    REQUIRE_FALSE(config.window.fullscreen);
    REQUIRE(config.window.display == 0);
    REQUIRE(config.window.vsync);
    REQUIRE(config.font.path == "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    REQUIRE(config.font.face == 0);
    REQUIRE(config.font.body_px == 36);
    REQUIRE(config.font.button_px == 40);
    REQUIRE(config.admin.corner == AdminCorner::TopLeft);
    REQUIRE(config.admin.long_press_s == 5);
    REQUIRE(config.exhibit_limits.memory_mb == 64);
    REQUIRE(config.exhibit_limits.time_budget_ms == 50);
    REQUIRE(config.package_limits.max_file_mb == 64);
    REQUIRE(config.package_limits.max_package_mb == 1024);
    REQUIRE(std::string(venue_kind_code(config.venue.kind)) == "county_museum");
    REQUIRE(std::string(admin_corner_code(AdminCorner::BottomRight)) == "bottom_right");
}

TEST_CASE("relative paths are resolved against the config's folder", "[kiosk_config]") {
    test::TempFolder folder;
    std::string path =
        folder.write("configs/kiosk.lua",
                     minimal_config("  exhibit_dirs = { '../exhibits/', 'more/./x', '/abs/dir' },\n"
                                    "  font = { path = 'fonts/a.ttf' },\n"));
    ConfigLoadResult result = load_kiosk_config(path);
    REQUIRE(result.ok());
    const KioskConfig& config = *result.config;
    std::string base = folder.path().string();
    REQUIRE(config.data_dir == base + "/configs/data");
    REQUIRE(config.exhibit_dirs ==
            std::vector<std::string>{base + "/exhibits", base + "/configs/more/x", "/abs/dir"});
    REQUIRE(config.strings_file == base + "/content/strings.lua");
    REQUIRE(config.font.path == base + "/configs/fonts/a.ttf");
    REQUIRE(config.source_path == base + "/configs/kiosk.lua");
}

TEST_CASE("every config mistake is reported, all at once", "[kiosk_config]") {
    test::TempFolder folder;
    std::string path = folder.write("kiosk.lua", R"(return {
  venue = {
    name = { zh = "青山县科技馆" },
    kind = "county-museum",
  },
  kiosk_name = "entrance 1",
  default_language = "fr",
  idel_timeout_s = 30,
  idle_timeout_s = 5,
  exhibit_dirs = { "../exhibits", 7 },
  window = {
    width = 1280.5,
    height = 0/0,
    fullscreen = "yes",
    display = 16,
  },
  font = { title_px = 1/0, body_px = 4 },
  admin = {
    pin_hash = "2468",
    corner = "top_lfet",
    long_press_s = 1,
  },
  strings_file = "",
})");
    ConfigLoadResult result = load_kiosk_config(path);
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.errors ==
            std::vector<std::string>{
                path + ":3: venue.name: missing required key 'en'",
                path + ":4: venue.kind: expected \"county_museum\" or \"mobile_exhibit\", got "
                       "\"county-museum\" "
                       "(did you mean \"county_museum\"?)",
                path + ":6: kiosk_name: expected 1 to 64 letters, digits, '-' or '_' (like "
                       "\"entrance-1\")",
                path + ":7: default_language: expected \"zh\" or \"en\", got \"fr\"",
                path + ":9: idle_timeout_s: expected a number from 10 to 3600, got 5",
                path + ":1: missing required key 'data_dir'",
                path + ":10: exhibit_dirs[2]: expected a string, got number",
                path + ":23: strings_file: expected a path, got an empty string",
                path + ":12: window.width: expected an integer from 320 to 7680, got 1280.5",
                path + ":13: window.height: expected an integer from 240 to 4320, got nan",
                path + ":14: window.fullscreen: expected true or false, got string \"yes\"",
                path + ":15: window.display: expected an integer from 0 to 15, got 16",
                path + ":17: font.title_px: expected an integer from 8 to 200, got inf",
                path + ":17: font.body_px: expected an integer from 8 to 200, got 4",
                path + ":19: admin.pin_hash: expected a libsodium password hash starting with "
                       "\"$argon2id$\" "
                       "(crypto_pwhash_str output), not the PIN itself",
                path + ":20: admin.corner: expected \"top_left\", \"top_right\", \"bottom_left\" "
                       "or \"bottom_right\", "
                       "got \"top_lfet\" (did you mean \"top_left\"?)",
                path + ":21: admin.long_press_s: expected a number from 2 to 30, got 1",
                path + ":8: unknown key 'idel_timeout_s' (did you mean 'idle_timeout_s'?)",
            });
}

TEST_CASE("package limits are checked", "[kiosk_config]") {
    test::TempFolder folder;
    std::string config = minimal_config();
    std::string path = folder.write(
        "kiosk.lua", "return {\n  package_limits = { max_file_mb = 0, max_package_mb = 8 },\n" +
                         config.substr(9));
    ConfigLoadResult result = load_kiosk_config(path);
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.errors ==
            std::vector<std::string>{path + ":2: package_limits.max_file_mb: expected an integer "
                                            "from 1 to 4096, got 0"});
}

TEST_CASE("exhibit limits are checked", "[kiosk_config]") {
    test::TempFolder folder;
    std::string config = minimal_config();
    REQUIRE(config.substr(0, 9) == "return {\n");
    std::string path = folder.write(
        "kiosk.lua", "return {\n  exhibit_limits = { memory_mb = 4, time_budget_ms = 50.5, "
                     "timebudget_ms = 9 },\n" +
                         config.substr(9));
    ConfigLoadResult result = load_kiosk_config(path);
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.errors ==
            std::vector<std::string>{
                path + ":2: exhibit_limits.memory_mb: expected an integer from 8 to 1024, got 4",
                path + ":2: exhibit_limits.time_budget_ms: expected an integer from 5 to 1000, "
                       "got 50.5",
                path + ":2: exhibit_limits: unknown key 'timebudget_ms' (did you mean "
                       "'time_budget_ms'?)",
            });
    path = folder.write("kiosk.lua", "return {\n  exhibit_limits = { memory_mb = 128, "
                                     "time_budget_ms = 20 },\n" +
                                         config.substr(9));
    result = load_kiosk_config(path);
    REQUIRE(result.ok());
    REQUIRE(result.config->exhibit_limits.memory_mb == 128);
    REQUIRE(result.config->exhibit_limits.time_budget_ms == 20);
}

TEST_CASE("required sections and their contents", "[kiosk_config]") {
    test::TempFolder folder;
    SECTION("empty table") {
        std::string path = folder.write("kiosk.lua", "return {\n}\n");
        ConfigLoadResult result = load_kiosk_config(path);
        REQUIRE_FALSE(result.ok());
        REQUIRE(result.errors == std::vector<std::string>{
                                     path + ":1: missing required key 'venue'",
                                     path + ":1: missing required key 'data_dir'",
                                     path + ":1: missing required key 'admin'",
                                 });
    }
    SECTION("sections of the wrong type") {
        std::string path =
            folder.write("kiosk.lua", "return {\n  venue = 'Qingshan',\n  data_dir = 'd',\n"
                                      "  admin = { },\n  window = 'big',\n}\n");
        ConfigLoadResult result = load_kiosk_config(path);
        REQUIRE(result.errors == std::vector<std::string>{
                                     path + ":2: venue: expected a table, got string \"Qingshan\"",
                                     path + ":5: window: expected a table, got string \"big\"",
                                     path + ":4: admin: missing required key 'pin_hash'",
                                 });
    }
    SECTION("a hash that only looks right") {
        std::string bad = minimal_config();
        bad.replace(bad.find("$argon2id$v=19"), 14, "$argon2id$v=99");
        std::string path = folder.write("kiosk.lua", bad);
        ConfigLoadResult result = load_kiosk_config(path);
        REQUIRE(result.errors.size() == 1);
        REQUIRE(result.errors[0].find("admin.pin_hash: expected a libsodium password hash") !=
                std::string::npos);
    }
    SECTION("too many exhibit folders") {
        std::string dirs = "  exhibit_dirs = { ";
        for (int i = 0; i < 17; i++)
            dirs += "'d" + std::to_string(i) + "', ";
        std::string path = folder.write("kiosk.lua", minimal_config(dirs + "},\n"));
        ConfigLoadResult result = load_kiosk_config(path);
        REQUIRE(result.errors == std::vector<std::string>{
                                     path + ":6: exhibit_dirs: expected at most 16 items, got 17"});
    }
    SECTION("bad UTF-8 in the venue name") {
        std::string config = minimal_config();
        config.replace(config.find("青山县科技馆"), std::strlen("青山县科技馆"), "\\xE9t\\xE9");
        std::string path = folder.write("kiosk.lua", config);
        ConfigLoadResult result = load_kiosk_config(path);
        REQUIRE(result.errors ==
                std::vector<std::string>{path + ":2: venue.name.zh: the text is not valid UTF-8 "
                                                "(save the file with UTF-8 encoding)"});
    }
    SECTION("English as the default language and a mobile venue") {
        std::string config =
            minimal_config("  default_language = 'en',\n  kiosk_name = 'Truck_2-b',\n");
        config.replace(config.find("county_museum"), std::strlen("county_museum"),
                       "mobile_exhibit");
        ConfigLoadResult result = load_kiosk_config(folder.write("kiosk.lua", config));
        REQUIRE(result.ok());
        REQUIRE(result.config->default_language == Language::En);
        REQUIRE(result.config->venue.kind == VenueKind::MobileExhibit);
        REQUIRE(result.config->kiosk_name == "Truck_2-b");
    }
    SECTION("a 65-character kiosk name") {
        std::string path = folder.write(
            "kiosk.lua", minimal_config("  kiosk_name = '" + std::string(65, 'k') + "',\n"));
        REQUIRE(load_kiosk_config(path).errors.size() == 1);
    }
}

TEST_CASE("content trust roots, import folders and the disk reserve", "[kiosk_config]") {
    test::TempFolder folder;
    SECTION("defaults: none of each and 512 MB kept free") {
        ConfigLoadResult result = load_kiosk_config(folder.write("kiosk.lua", minimal_config()));
        REQUIRE(result.ok());
        REQUIRE(result.config->trusted_reviewers.empty());
        REQUIRE(result.config->trusted_content_keys.empty());
        REQUIRE(result.config->content_import_dirs.empty());
        REQUIRE(result.config->content_reserve_mb == 512);
    }
    SECTION("paths are resolved like trusted_keys") {
        std::string path = folder.write(
            "configs/kiosk.lua",
            minimal_config("  trusted_keys = { 'keys/pub.pub' },\n"
                           "  trusted_reviewers = { '../keys/expert.pub', '/etc/kiosk/b.pub' },\n"
                           "  trusted_content_keys = { './keys//hub.pub' },\n"
                           "  content_import_dirs = { '/media/usb/', 'import' },\n"
                           "  content_reserve_mb = 0,\n"));
        ConfigLoadResult result = load_kiosk_config(path);
        INFO((result.errors.empty() ? std::string() : result.errors[0]));
        REQUIRE(result.ok());
        const KioskConfig& config = *result.config;
        std::string base = folder.path().string();
        REQUIRE(config.trusted_keys == std::vector<std::string>{base + "/configs/keys/pub.pub"});
        REQUIRE(config.trusted_reviewers ==
                std::vector<std::string>{base + "/keys/expert.pub", "/etc/kiosk/b.pub"});
        REQUIRE(config.trusted_content_keys ==
                std::vector<std::string>{base + "/configs/keys/hub.pub"});
        REQUIRE(config.content_import_dirs ==
                std::vector<std::string>{"/media/usb", base + "/configs/import"});
        REQUIRE(config.content_reserve_mb == 0);
    }
    SECTION("the largest reserve") {
        ConfigLoadResult result = load_kiosk_config(
            folder.write("kiosk.lua", minimal_config("  content_reserve_mb = 1048576,\n")));
        REQUIRE(result.ok());
        REQUIRE(result.config->content_reserve_mb == 1048576);
    }
    SECTION("broken values, each named") {
        std::string path =
            folder.write("kiosk.lua", minimal_config("  trusted_reviewers = { 'a.pub', '' },\n"
                                                     "  trusted_content_keys = 'hub.pub',\n"
                                                     "  content_import_dirs = { 7 },\n"
                                                     "  content_reserve_mb = -1,\n"
                                                     "  trusted_reviewer = { 'b.pub' },\n"));
        ConfigLoadResult result = load_kiosk_config(path);
        REQUIRE_FALSE(result.ok());
        REQUIRE(
            result.errors ==
            std::vector<std::string>{
                path + ":6: trusted_reviewers: expected public key file paths, got an empty "
                       "string",
                path +
                    ":7: trusted_content_keys: expected a list of strings like { \"a\", \"b\" }, "
                    "got string \"hub.pub\"",
                path + ":8: content_import_dirs[1]: expected a string, got number",
                path + ":9: content_reserve_mb: expected an integer from 0 to 1048576, got -1",
                path + ":10: unknown key 'trusted_reviewer' (did you mean "
                       "'trusted_reviewers'?)",
            });
    }
    SECTION("too many of each, and a reserve too large or fractional") {
        auto list = [](const std::string& key, int count) {
            std::string text = "  " + key + " = { ";
            for (int i = 0; i < count; i++)
                text += "'k" + std::to_string(i) + "', ";
            return text + "},\n";
        };
        std::string path = folder.write(
            "kiosk.lua",
            minimal_config(list("trusted_reviewers", 17) + list("trusted_content_keys", 5) +
                           list("content_import_dirs", 9) + "  content_reserve_mb = 1048577,\n"));
        ConfigLoadResult result = load_kiosk_config(path);
        REQUIRE(result.errors ==
                std::vector<std::string>{
                    path + ":6: trusted_reviewers: expected at most 16 items, got 17",
                    path + ":7: trusted_content_keys: expected at most 4 items, got 5",
                    path + ":8: content_import_dirs: expected at most 8 items, got 9",
                    path + ":9: content_reserve_mb: expected an integer from 0 to 1048576, got "
                           "1048577",
                });
        path = folder.write("kiosk.lua", minimal_config("  content_reserve_mb = 1.5,\n"));
        REQUIRE(load_kiosk_config(path).errors ==
                std::vector<std::string>{
                    path + ":6: content_reserve_mb: expected an integer from 0 to 1048576, got "
                           "1.5"});
    }
}

// minimal_config with the venue's hub id (same line numbers).
std::string config_with_venue_id(const std::string& id, const std::string& extra = "") {
    std::string text = minimal_config(extra);
    const std::string kind = "kind = 'county_museum' }";
    return text.replace(text.find(kind), kind.size(),
                        "kind = 'county_museum', id = '" + id + "' }");
}

TEST_CASE("emergency notice keys and the notice poll interval", "[kiosk_config]") {
    test::TempFolder folder;
    SECTION("defaults: no notice key, a poll every 30 s") {
        ConfigLoadResult result = load_kiosk_config(folder.write("kiosk.lua", minimal_config()));
        REQUIRE(result.ok());
        REQUIRE(result.config->trusted_notice_keys.empty());
        REQUIRE(result.config->notices.poll_s == 30);
    }
    SECTION("paths resolved like trusted_content_keys, the interval's bounds") {
        std::string path = folder.write(
            "configs/kiosk.lua",
            config_with_venue_id(
                "county-museum",
                "  trusted_notice_keys = { 'keys/notice.pub', '/etc/kiosk/old.pub' },\n"
                "  notices = { poll_s = 5 },\n"));
        ConfigLoadResult result = load_kiosk_config(path);
        REQUIRE(result.ok());
        REQUIRE(result.config->trusted_notice_keys ==
                std::vector<std::string>{folder.path().string() + "/configs/keys/notice.pub",
                                         "/etc/kiosk/old.pub"});
        REQUIRE(result.config->notices.poll_s == 5);
        REQUIRE(result.config->venue.id == "county-museum");
        path = folder.write("kiosk.lua", minimal_config("  notices = { poll_s = 3600 },\n"));
        REQUIRE(load_kiosk_config(path).config->notices.poll_s == 3600);
    }
    SECTION("broken values, each named") {
        std::string path = folder.write(
            "kiosk.lua",
            config_with_venue_id("v1", "  trusted_notice_keys = { 'a.pub', 'b', 'c', 'd', 'e' },\n"
                                       "  notices = { poll_s = 4, pol_s = 3 },\n"));
        ConfigLoadResult result = load_kiosk_config(path);
        REQUIRE_FALSE(result.ok());
        REQUIRE(result.errors ==
                std::vector<std::string>{
                    path + ":6: trusted_notice_keys: expected at most 4 items, got 5",
                    path + ":7: notices.poll_s: expected an integer from 5 to 3600, got 4",
                    path + ":7: notices: unknown key 'pol_s' (did you mean 'poll_s'?)",
                });
        path = folder.write("kiosk.lua",
                            config_with_venue_id("v1", "  trusted_notice_keys = { '' },\n"
                                                       "  notices = { poll_s = 3601 },\n"));
        REQUIRE(load_kiosk_config(path).errors ==
                std::vector<std::string>{
                    path + ":6: trusted_notice_keys: expected public key file paths, got an "
                           "empty string",
                    path + ":7: notices.poll_s: expected an integer from 5 to 3600, got 3601",
                });
    }
    SECTION("a notice key needs the venue's hub id, which must be a hub id") {
        std::string path =
            folder.write("kiosk.lua", minimal_config("  trusted_notice_keys = { 'n.pub' },\n"));
        REQUIRE(load_kiosk_config(path).errors ==
                std::vector<std::string>{path + ":6: trusted_notice_keys: needs venue.id (the "
                                                "hub's id of this venue): a notice names the "
                                                "venues it is for"});
        path = folder.write("kiosk.lua", config_with_venue_id("county museum"));
        REQUIRE(load_kiosk_config(path).errors ==
                std::vector<std::string>{path + ":3: venue.id: expected the hub's venue id "
                                                "(1..64 of A-Z a-z 0-9 _ -), got \"county "
                                                "museum\""});
    }
}

TEST_CASE("Lua-level failures come through unchanged", "[kiosk_config]") {
    test::TempFolder folder;
    SECTION("missing file") {
        std::string path = folder.file("nope.lua");
        ConfigLoadResult result = load_kiosk_config(path);
        REQUIRE_FALSE(result.ok());
        REQUIRE(result.errors ==
                std::vector<std::string>{path + ": cannot open file: No such file or directory"});
    }
    SECTION("syntax error") {
        std::string path =
            folder.write("kiosk.lua", "return {\n  data_dir = 'x'\n  admin = {},\n}\n");
        ConfigLoadResult result = load_kiosk_config(path);
        REQUIRE(result.errors ==
                std::vector<std::string>{path +
                                         ":3: '}' expected (to close '{' at line 1) near 'admin'"});
    }
    SECTION("function in the config") {
        std::string path = folder.write(
            "kiosk.lua",
            minimal_config("  window = {\n    width = function() return 800 end,\n  },\n"));
        ConfigLoadResult result = load_kiosk_config(path);
        REQUIRE(result.errors ==
                std::vector<std::string>{
                    path + ":7: window.width: functions are not allowed in data files"});
    }
}
