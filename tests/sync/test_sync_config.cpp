// The kiosk config's sync section: absent means no sync (the samples), its
// paths resolve against the config's folder like the others, and a bad URL,
// a missing token file key, an out-of-range interval or an unknown key stops
// the config with a file:line message. Plain http:// goes only to the kiosk
// itself (loopback) unless sync.allow_plain_http says the venue network is
// closed.
#include "core/kiosk_config.h"
#include "core/temp_folder.h"
#include "test_paths.h"

#include <catch2/catch.hpp>

using namespace kiosk;

namespace {

const std::string kDemoHash = "$argon2id$v=19$m=16384,t=3,p=1$LzyWisvvVG1CksfTja3smQ$"
                              "IQr9akcHhSAGV+CwVV4Qz1kAp8jIxxCi04L9EC7Dhao";

ConfigLoadResult load_with(const test::TempFolder& folder, const std::string& sync) {
    const std::string path = folder.write(
        "config/kiosk.lua",
        "return {\n"
        "  venue = { name = { zh = '青山县科技馆', en = 'Qingshan County Science Museum' },\n"
        "            kind = 'mobile_exhibit' },\n"
        "  data_dir = 'data',\n"
        "  admin = { pin_hash = '" +
            kDemoHash + "' },\n" + sync + "}\n");
    return load_kiosk_config(path);
}

std::string first_error(const ConfigLoadResult& result) {
    return result.errors.empty() ? std::string() : result.errors[0];
}

} // namespace

TEST_CASE("the sample configs leave sync off", "[sync]") {
    for (const char* name : {"county-museum.lua", "mobile-truck.lua"}) {
        ConfigLoadResult result =
            load_kiosk_config(kiosk::test::source_dir() + "/kiosk-config/" + name);
        INFO(name << ": " << first_error(result));
        REQUIRE(result.ok());
        CHECK_FALSE(result.config->sync);
    }
}

TEST_CASE("a sync section is read with its paths resolved against the config's folder", "[sync]") {
    test::TempFolder folder;
    ConfigLoadResult result = load_with(folder, "  sync = { hub_url = 'https://hub.example:8443',\n"
                                                "    token_file = 'keys/hub.token',\n"
                                                "    key_file = '/etc/kiosk/kiosk.key',\n"
                                                "    interval_s = 600 },\n");
    INFO(first_error(result));
    REQUIRE(result.ok());
    REQUIRE(result.config->sync);
    const SyncConfig& sync = *result.config->sync;
    CHECK(sync.hub_url == "https://hub.example:8443");
    CHECK(sync.token_file == folder.file("config/keys/hub.token"));
    CHECK(sync.key_file == "/etc/kiosk/kiosk.key");
    CHECK(sync.ca_file.empty());
    CHECK(sync.interval_s == 600);

    result = load_with(folder, "  sync = { hub_url = 'http://127.0.0.1:8080', token_file = 't',\n"
                               "    ca_file = 'ca.pem' },\n");
    REQUIRE(result.ok());
    CHECK(result.config->sync->interval_s == 900);
    CHECK(result.config->sync->key_file.empty());
    CHECK(result.config->sync->ca_file == folder.file("config/ca.pem"));
}

TEST_CASE("mistakes in the sync section stop the config with file:line messages", "[sync]") {
    test::TempFolder folder;
    struct Case {
        const char* sync;
        const char* expected;
    } const cases[] = {
        {"  sync = { hub_url = 'hub.example:8443', token_file = 't' },\n", ":6: sync.hub_url:"},
        {"  sync = { hub_url = 'https://hub:70000', token_file = 't' },\n", "sync.hub_url"},
        {"  sync = { hub_url = 'https://user@hub', token_file = 't' },\n", "sync.hub_url"},
        {"  sync = { hub_url = 'https://hub' },\n", "missing required key 'token_file'"},
        {"  sync = { token_file = 't' },\n", "missing required key 'hub_url'"},
        {"  sync = { hub_url = 'https://hub', token_file = 't', interval_s = 5 },\n",
         "sync.interval_s"},
        {"  sync = { hub_url = 'https://hub', token_file = 't', intervall_s = 600 },\n",
         "intervall_s"},
        {"  sync = 'https://hub',\n", "sync"},
    };
    for (const Case& c : cases) {
        const ConfigLoadResult result = load_with(folder, c.sync);
        INFO(c.sync << " -> " << first_error(result));
        CHECK_FALSE(result.ok());
        CHECK(first_error(result).find(c.expected) != std::string::npos);
    }
}

TEST_CASE("plain http:// is for the kiosk itself unless sync.allow_plain_http says the network "
          "is closed",
          "[sync]") {
    test::TempFolder folder;
    const std::string config = folder.file("config/kiosk.lua");
    for (const char* url : {"http://127.0.0.1:8080", "http://127.5.6.7",
                            "http://localhost:8080/hub", "http://LocalHost", "http://[::1]:8080"}) {
        const ConfigLoadResult result = load_with(folder, std::string("  sync = { hub_url = '") +
                                                              url + "', token_file = 't' },\n");
        INFO(url << " -> " << first_error(result));
        REQUIRE(result.ok());
        CHECK(result.config->sync->hub_url == url);
        CHECK_FALSE(result.config->sync->allow_plain_http);
        CHECK(result.warnings.empty());
    }
    struct Refused {
        const char* url;
        const char* host;
    } const refused[] = {
        {"http://10.0.0.5:8080", "10.0.0.5"},
        {"http://hub.example/kiosk-hub", "hub.example"},
        {"http://127.0.0.1.hub.example", "127.0.0.1.hub.example"},
        {"http://localhost.hub.example:80", "localhost.hub.example"},
        {"http://128.0.0.1", "128.0.0.1"},
        {"http://[::2]:8080", "::2"},
        {"http://[::ffff:127.0.0.1]", "::ffff:127.0.0.1"},
    };
    for (const Refused& c : refused) {
        const std::string sync =
            std::string("  sync = { hub_url = '") + c.url + "', token_file = 't'";
        ConfigLoadResult result = load_with(folder, sync + " },\n");
        INFO(c.url << " -> " << first_error(result));
        CHECK_FALSE(result.ok());
        REQUIRE(result.errors.size() == 1);
        CHECK(result.errors[0] ==
              config + ":6: sync.hub_url: plain http:// to " + c.host +
                  " would send the kiosk's token and counts unencrypted: use https://, or set "
                  "sync.allow_plain_http = true if the venue network is closed (http:// to the "
                  "kiosk itself, 127.0.0.1 or localhost, needs neither)");

        result = load_with(folder, sync + ", allow_plain_http = true },\n");
        INFO("with allow_plain_http -> " << first_error(result));
        REQUIRE(result.ok());
        CHECK(result.config->sync->hub_url == c.url);
        CHECK(result.config->sync->allow_plain_http);
        CHECK(result.warnings.empty());
    }

    // https:// never needs it: said, not refused. A wrong type is an error.
    ConfigLoadResult result =
        load_with(folder, "  sync = { hub_url = 'https://hub.example', token_file = 't',\n"
                          "    allow_plain_http = true },\n");
    REQUIRE(result.ok());
    REQUIRE(result.warnings.size() == 1);
    CHECK(result.warnings[0] ==
          config + ":7: sync.allow_plain_http: has no effect: hub_url is https://");
    result = load_with(folder, "  sync = { hub_url = 'http://10.0.0.5', token_file = 't',\n"
                               "    allow_plain_http = 'yes' },\n");
    CHECK_FALSE(result.ok());
    CHECK(first_error(result).find(":7: sync.allow_plain_http:") != std::string::npos);
}

TEST_CASE("loopback hosts are 127.0.0.0/8, ::1 and localhost, nothing that only looks like them",
          "[sync]") {
    for (const char* host :
         {"127.0.0.1", "127.255.255.254", "::1", "0:0:0:0:0:0:0:1", "localhost", "LOCALHOST"}) {
        INFO(host);
        CHECK(is_loopback_host(host));
    }
    for (const char* host : {"", "10.0.0.5", "128.0.0.1", "126.255.255.255", "127.1", "0x7f.0.0.1",
                             "127.0.0.1.hub.example", "localhost.hub.example", "localhost.", "::",
                             "::2", "::ffff:127.0.0.1", "[::1]", " 127.0.0.1", "hub.example"}) {
        INFO(host);
        CHECK_FALSE(is_loopback_host(host));
    }
}
