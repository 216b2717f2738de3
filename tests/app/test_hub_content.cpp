// Hub content in the app (issue 17): a live.json switched in content_dir (as
// the content updater does) reaches the home screen between visitors without
// a restart; a kiosk that trusts a hub content key imports an assigned set
// from its import folder on the updater's thread and its admin overlay says
// so in one row; a kiosk without hub content shows no such row.
#include "app_test_support.h"

#include "content/live_list.h"
#include "core/civil_time.h"
#include "core/strings_table.h"
#include "review_as_manifest.h"
#include "sync/content_files.h"
#include "sync/content_snapshot.h"
#include "sync/content_sources.h"

#include <catch2/catch.hpp>
#include <sodium.h>

#include <chrono>
#include <filesystem>

using namespace kiosk;
using namespace kiosk::test;

namespace {

std::vector<std::string> shown_ids(const KioskApp& app) {
    std::vector<std::string> ids;
    for (const ContentManifest& item : app.home_items())
        ids.push_back(item.id);
    return ids;
}

// Signed and approved sample packages, the keys a kiosk trusts, and its folders.
struct HubLibrary {
    TempFolder folder;
    SecretKey publisher = generate_key(), reviewer = generate_key(), hub_key = generate_key();
    std::string content_dir = folder.file("content");

    HubLibrary() {
        REQUIRE(sodium_init() >= 0);
        std::filesystem::create_directories(content_dir);
        std::string error;
        REQUIRE(write_public_key(folder.file("publisher.pub"), publisher.public_key(), error));
        REQUIRE(write_public_key(folder.file("reviewer.pub"), reviewer.public_key(), error));
        REQUIRE(write_public_key(folder.file("hub.pub"), hub_key.public_key(), error));
    }
    // The sample exhibit `name` packed, signed and approved at `path`.
    void pack(const std::string& name, const std::string& path) {
        std::string error;
        INFO(error);
        REQUIRE(write_package(source_path("exhibits/" + name), path + ".tmp", error));
        REQUIRE(sign_package(path + ".tmp", publisher, PackageLimits{}, error));
        REQUIRE(review_as_manifest_says(path + ".tmp", reviewer, error));
        std::filesystem::rename(path + ".tmp", path);
    }
    static std::string sha256(const std::string& path) {
        std::string error;
        std::optional<std::string> digest = sync::sha256_of_file(path, error);
        INFO(error);
        REQUIRE(digest);
        return *digest;
    }
    KioskConfig config(const std::string& data_name) {
        KioskConfig config = load_sample_config("kiosk-config/county-museum.lua", data_name);
        config.content_dir = content_dir;
        config.trusted_keys = {folder.file("publisher.pub")};
        config.trusted_reviewers = {folder.file("reviewer.pub")};
        config.idle_timeout_s = 10;
        return config;
    }
};

std::string overlay_text(const KioskApp& app, const StringsTable& strings, Language language) {
    return hub_content_text(strings, language, app.admin_info().hub_content);
}

StringsTable visitor_strings() {
    StringsLoadResult loaded = load_strings_table(source_path("content/strings.lua"), {});
    REQUIRE(loaded.ok());
    return std::move(*loaded.table);
}

} // namespace

TEST_CASE("a live.json switched in the content folder shows between visitors, without a restart",
          "[content][hub-content]") {
    HubLibrary library;
    library.pack("pendulum-lab", library.content_dir + "/pendulum-lab.kpkg"); // copied by hand
    auto app = make_app_from(library.config("hub-live-switch"), AppOptions{});
    REQUIRE(shown_ids(*app) == std::vector<std::string>{"pendulum-lab"});
    CHECK(app->admin_info().hub_content.state_key.empty()); // no hub content: no row
    CHECK(app->hub_content() == nullptr);

    play(*app, "tap 1500 900\n"); // a visitor: nothing changes under them
    REQUIRE(app->session_id() != "");
    const std::string hub = sync::hub_folder(library.content_dir);
    std::filesystem::create_directories(hub);
    const std::string file = sync::package_file_name("water-cycle", "1.0.0");
    library.pack("water-cycle", hub + "/" + file);
    LiveList live;
    live.snapshot_version = 3;
    live.packages.push_back({"water-cycle", "1.0.0", file, HubLibrary::sha256(hub + "/" + file)});
    std::string error;
    REQUIRE(write_live_list(library.content_dir, live, error));
    play(*app, "wait 5\n");
    CHECK(shown_ids(*app) == std::vector<std::string>{"pendulum-lab"});

    play(*app, "wait 12\n"); // the visit ends; the watcher sees live.json
    REQUIRE(app->session_id() == "");
    play(*app, "wait 3\n");
    // The live list's packages come first on the home screen.
    CHECK(shown_ids(*app) == std::vector<std::string>{"water-cycle", "pendulum-lab"});
}

TEST_CASE("a kiosk with a hub content key imports its assigned set from its import folder and "
          "the admin overlay says so",
          "[content][hub-content]") {
    HubLibrary library;
    const std::string usb = library.folder.file("usb");
    std::filesystem::create_directories(usb);
    library.pack("earthquake-drill",
                 usb + "/" + sync::package_file_name("earthquake-drill", "1.0.0"));
    const std::string package = usb + "/" + sync::package_file_name("earthquake-drill", "1.0.0");
    sync::Snapshot snapshot;
    snapshot.kiosk = "truck-07"; // USB only: the hub's kiosk id is the config's kiosk_name
    snapshot.version = 1;
    snapshot.issued_utc_ms = now_utc_ms() - 3600000;
    snapshot.expires_utc_ms = now_utc_ms() + int64_t(14) * 86400000;
    snapshot.packages.push_back(
        {"earthquake-drill", "1.0.0", int64_t(std::filesystem::file_size(package)),
         HubLibrary::sha256(package), sync::package_file_url("earthquake-drill", "1.0.0")});
    library.folder.write("usb/" + std::string(sync::kImportSnapshotName),
                         sync::envelope_to_json(sync::sign_snapshot(snapshot, library.hub_key)));

    KioskConfig config = library.config("hub-import");
    config.kiosk_name = "truck-07";
    config.trusted_content_keys = {library.folder.file("hub.pub")};
    config.content_import_dirs = {usb};
    config.content_reserve_mb = 0;
    auto app = make_app_from(config, AppOptions{});
    REQUIRE(app->hub_content() != nullptr);
    INFO(app->hub_content()->problem());

    // The updater's thread imports on its own; the frames go on meanwhile.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (app->admin_info().hub_content.state_key != "admin_hub_content_up_to_date" &&
           std::chrono::steady_clock::now() < deadline)
        run_frames(*app, 1);
    const StringsTable strings = visitor_strings();
    CHECK(overlay_text(*app, strings, Language::Zh) == "已是最新");
    CHECK(overlay_text(*app, strings, Language::En) == "Up to date");
    play(*app, "wait 3\n"); // between visitors: the watcher sees live.json
    CHECK(shown_ids(*app) == std::vector<std::string>{"earthquake-drill"});
}

TEST_CASE("the hub content row's words come from the strings table in both languages",
          "[hub-content]") {
    const StringsTable strings = visitor_strings();
    const auto text = [&](const std::string& key, Language language, int64_t have = 0,
                          int64_t need = 0, const std::string& reason = "") {
        return hub_content_text(strings, language, AdminContentInfo{key, have, need, reason});
    };
    CHECK(text("admin_hub_content_downloading", Language::Zh, 3, 5) == "正在下载 3/5");
    CHECK(text("admin_hub_content_downloading", Language::En, 3, 5) == "Downloading 3/5");
    CHECK(text("admin_hub_content_failed", Language::Zh, 0, 0, "signature") == "失败：signature");
    CHECK(text("admin_hub_content_failed", Language::En, 0, 0, "signature") == "Failed: signature");
    CHECK(text("admin_hub_content_expired", Language::Zh) == "快照已过期");
    CHECK(text("admin_hub_content_expired", Language::En) == "Snapshot expired");
}
