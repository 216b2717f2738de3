// The fault tests' shared pieces (see fault_support.h): config files, counts
// read back from kiosk.db and hub.db, a last sync in this process, packages.
#include "fault_support.h"
#include "test_paths.h"

#include "content/package.h"
#include "core/log.h"
#include "core/sqlite_statement.h"
#include "review_as_manifest.h"
#include "sync/sync_client.h"
#include "telemetry/event_store.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

namespace kiosk::test {
namespace {

std::string lua_string(const std::string& text) {
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "\"";
}

const KioskConfig& sample_config() {
    static const KioskConfig sample = [] {
        ConfigLoadResult loaded =
            load_kiosk_config(kiosk::test::source_dir() + "/kiosk-config/county-museum.lua");
        REQUIRE(loaded.ok());
        return *loaded.config;
    }();
    return sample;
}

Counts read_counts(const std::string& db_path, const std::string& sql, const std::string& bound) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    Counts counts;
    {
        SqliteStatement select(db, sql);
        INFO(db_path << ": " << select.error());
        REQUIRE(select.ok());
        if (!bound.empty()) select.bind(1, bound);
        while (select.next())
            counts[{select.text(0), select.text(1), select.text(2), select.text(3)}] +=
                select.integer(4);
        REQUIRE(select.ok());
    }
    sqlite3_close(db);
    return counts;
}

} // namespace

std::string write_kiosk_config(const TempFolder& folder, const KioskSetup& setup,
                               const std::string& name) {
    const KioskConfig& sample = sample_config();
    std::string text = "return {\n";
    text += "  venue = { " +
            (setup.venue_id.empty() ? "" : "id = " + lua_string(setup.venue_id) + ", ") +
            "name = { zh = " + lua_string(sample.venue.name.zh) +
            ", en = " + lua_string(sample.venue.name.en) + " }, kind = \"county_museum\" },\n";
    text += "  kiosk_name = \"fault-test\",\n";
    text += "  idle_timeout_s = " + std::to_string(setup.idle_timeout_s) + ",\n";
    text +=
        "  exhibit_limits = { time_budget_ms = " + std::to_string(setup.time_budget_ms) + " },\n";
    text += "  data_dir = " + lua_string(setup.data_dir) + ",\n";
    text += "  content_dir = " + lua_string(setup.content_dir) + ",\n";
    text += "  trusted_keys = { " + lua_string(setup.trusted_key) + " },\n";
    text += "  trusted_reviewers = { " + lua_string(setup.trusted_reviewer) + " },\n";
    text += "  strings_file = " + lua_string(sample.strings_file) + ",\n";
    text += "  window = { width = 640, height = 360, vsync = false },\n";
    text += "  font = { path = " + lua_string(sample.font.path) +
            ", face = " + std::to_string(sample.font.face) + " },\n";
    if (!setup.hub_url.empty())
        text += "  sync = { hub_url = " + lua_string(setup.hub_url) +
                ", token_file = " + lua_string(setup.token_file) + ", interval_s = 60 },\n";
    if (!setup.trusted_content_key.empty())
        text += "  trusted_content_keys = { " + lua_string(setup.trusted_content_key) + " },\n";
    if (setup.content_reserve_mb >= 0)
        text += "  content_reserve_mb = " + std::to_string(setup.content_reserve_mb) + ",\n";
    if (!setup.import_dir.empty())
        text += "  content_import_dirs = { " + lua_string(setup.import_dir) + " },\n";
    if (!setup.trusted_notice_key.empty())
        text += "  trusted_notice_keys = { " + lua_string(setup.trusted_notice_key) + " },\n";
    if (setup.notice_poll_s > 0)
        text += "  notices = { poll_s = " + std::to_string(setup.notice_poll_s) + " },\n";
    text += "  admin = { pin_hash = " + lua_string(sample.admin.pin_hash) + " },\n";
    text += "}\n";
    return folder.write(name, text);
}

KioskConfig kiosk_config(const KioskSetup& setup) {
    TempFolder folder;
    log_set_quiet(true);
    ConfigLoadResult loaded = load_kiosk_config(write_kiosk_config(folder, setup));
    for (const std::string& error : loaded.errors)
        UNSCOPED_INFO(error);
    REQUIRE(loaded.ok());
    return *loaded.config;
}

Counts kiosk_counts(const std::string& kiosk_db) {
    return read_counts(kiosk_db, "SELECT day, subject_kind, subject, metric, value FROM rollups",
                       "");
}

Counts hub_counts(const std::string& hub_data, const std::string& kiosk) {
    return read_counts(hub_data + "/hub.db",
                       "SELECT day, kind, subject, metric, value FROM buckets WHERE kiosk = ?1",
                       kiosk);
}

Counts hub_venue_counts(const std::string& hub_data, const std::string& venue) {
    return read_counts(
        hub_data + "/hub.db",
        "SELECT day, kind, subject, metric, value FROM venue_totals WHERE venue = ?1", venue);
}

int64_t total_of(const Counts& counts, const std::string& kind, const std::string& metric) {
    int64_t total = 0;
    for (const auto& [key, value] : counts)
        if (std::get<1>(key) == kind && std::get<3>(key) == metric) total += value;
    return total;
}

std::unique_ptr<sync::SyncClient> http_client(KioskDb& kiosk, const std::string& url,
                                              const std::string& token, int read_timeout_s,
                                              size_t max_buckets) {
    sync::HttpTransportOptions transport_options;
    transport_options.hub_url = url;
    transport_options.token = token;
    transport_options.read_timeout_s = read_timeout_s;
    return http_sync_client(kiosk, transport_options, max_buckets);
}

void sync_rest_now(const std::string& kiosk_db, const std::string& hub_url,
                   const std::string& token) {
    telemetry::SystemClock clock;
    telemetry::EventStoreOptions store_options{kiosk_db, "fault-test", &clock};
    store_options.prune_only_synced = true;
    std::string error;
    std::unique_ptr<telemetry::EventStore> store =
        telemetry::EventStore::open(store_options, error);
    INFO(error);
    REQUIRE(store);
    sync::HttpTransportOptions transport_options;
    transport_options.hub_url = hub_url;
    transport_options.token = token;
    std::unique_ptr<sync::SyncTransport> transport =
        sync::make_http_transport(transport_options, error);
    REQUIRE(transport);
    sync::SyncClientOptions options;
    options.kiosk_db = kiosk_db;
    options.acknowledge = [&store](int64_t seq) { store->acknowledge_synced(seq); };
    sync::SyncClient client(std::move(options), std::move(transport));
    const sync::RoundResult round = client.run_round();
    INFO(round.error);
    REQUIRE(round.ok);
}

void add_package(const std::string& folder, const std::string& dir, const std::string& file,
                 const SecretKey& key, const SecretKey& reviewer) {
    std::string error;
    const std::string staging = dir + "/." + file + ".partial";
    INFO(error);
    REQUIRE(write_package(folder, staging, error));
    REQUIRE(sign_package(staging, key, PackageLimits{}, error));
    REQUIRE(review_as_manifest_says(staging, reviewer, error));
    std::filesystem::rename(staging, dir + "/" + file + ".kpkg");
}

} // namespace kiosk::test
