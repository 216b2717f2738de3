// The hub's content side as kiosks and operators meet it, with a real
// kiosk-hub serve process on 127.0.0.1: the content key command, the signed
// snapshot route, package downloads with Range, the sync answer's snapshot
// version and the USB export; and the refusals written as the attacks (no
// token, a revoked kiosk, another kiosk's package, path traversal, a range past
// the end, a hub without a content key, an export folder that is a link).
#include "hub_test_support.h"
#include "library_test_support.h"

#include "sync/content_snapshot.h"

#include <sys/stat.h>

#include <filesystem>

using kiosk::test::CommandRun;
using kiosk::test::require_ok;
using kiosk::test::run_hub_command;
using kiosk::test::TempFolder;
using namespace kiosk;

namespace {

struct ContentHub {
    TempFolder folder;
    kiosk::test::LibraryKeys keys{folder};
    std::string data = folder.file("d");
    std::string lobby_token, other_token, package_path;

    explicit ContentHub(bool with_key = true) {
        lobby_token = kiosk::test::add_kiosk(folder, data, "county-1", "lobby-1");
        other_token = kiosk::test::add_kiosk(folder, data, "county-1", "lobby-2");
        require_ok(run_hub_command(folder, "admin add-publisher --data d --name 省科协 "
                                           "--public-key publisher.pub"));
        require_ok(run_hub_command(folder, "admin add-reviewer --data d --name 王专家 "
                                           "--organization 省科学院 --field 物理 "
                                           "--public-key reviewer.pub"));
        package_path = keys.make_package("pendulum-lab", "1.0.0", &keys.publisher);
        keys.review(package_path, keys.reviewer, "approved", "2099-12-31");
        require_ok(run_hub_command(folder, "content add --data d '" + package_path + "'"));
        require_ok(run_hub_command(folder, "content publish --data d pendulum-lab"));
        require_ok(run_hub_command(folder, "content assign --data d --kiosk lobby-1 pendulum-lab"));
        if (with_key) require_ok(run_hub_command(folder, "admin content-key --data d"));
    }
};

httplib::Result get(int port, const std::string& path, const std::string& token,
                    const std::string& range = "") {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    if (!range.empty()) headers.emplace("Range", range);
    return client.Get(path.c_str(), headers);
}

sync::Snapshot verified_snapshot(const std::string& envelope_text, const std::string& public_file) {
    std::string error;
    const std::optional<sync::SignedSnapshot> envelope =
        sync::parse_snapshot_envelope(envelope_text, error);
    INFO(error);
    REQUIRE(envelope);
    const std::optional<PublicKey> key = read_public_key(public_file, error);
    REQUIRE(key);
    const std::optional<sync::Snapshot> snapshot =
        sync::verify_and_parse_snapshot(*envelope, {*key}, error);
    REQUIRE(snapshot);
    return *snapshot;
}

const std::string kFile = "/api/v1/content/files/pendulum-lab/1.0.0";

} // namespace

TEST_CASE("content-key makes a 0600 key, refuses to overwrite it, and rotates keeping the old",
          "[hub][content]") {
    TempFolder folder;
    const CommandRun made = run_hub_command(folder, "admin content-key --data d");
    require_ok(made);
    CHECK(made.out.find("trusted_content_keys: " + folder.file("d/content.pub")) !=
          std::string::npos);
    struct stat info {};
    REQUIRE(stat(folder.file("d/content.key").c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    std::string error;
    const std::optional<SecretKey> first = read_secret_key(folder.file("d/content.key"), error);
    REQUIRE(first);

    const CommandRun again = run_hub_command(folder, "admin content-key --data d");
    CHECK(again.code == 1);
    CHECK(again.err.find("a content key exists") != std::string::npos);
    CHECK(read_secret_key(folder.file("d/content.key"), error)->id == first->id);

    require_ok(run_hub_command(folder, "admin content-key --data d --rotate"));
    CHECK(read_secret_key(folder.file("d/content.key"), error)->id != first->id);
    const std::optional<SecretKey> kept =
        read_secret_key(folder.file("d/content-" + first->id + ".key"), error);
    REQUIRE(kept);
    CHECK(kept->id == first->id);
}

TEST_CASE("a kiosk gets its signed snapshot and downloads its packages with Range",
          "[hub][content]") {
    ContentHub hub;
    kiosk::test::HubProcess process(hub.data);
    const auto answer = get(process.port(), "/api/v1/content/snapshot", hub.lobby_token);
    REQUIRE(answer);
    INFO(answer->body);
    REQUIRE(answer->status == 200);
    const sync::Snapshot snapshot = verified_snapshot(answer->body, hub.data + "/content.pub");
    CHECK(snapshot.kiosk == "lobby-1");
    CHECK(snapshot.version == 1);
    REQUIRE(snapshot.packages.size() == 1);
    const std::string bytes = kiosk::test::file_bytes(hub.package_path);
    CHECK(snapshot.packages[0].size == int64_t(bytes.size()));
    CHECK(snapshot.packages[0].url == kFile);

    // Asked again: the same snapshot, byte for byte.
    const auto again = get(process.port(), "/api/v1/content/snapshot", hub.lobby_token);
    REQUIRE(again);
    CHECK(again->body == answer->body);

    const auto whole = get(process.port(), kFile, hub.lobby_token);
    REQUIRE(whole);
    CHECK(whole->status == 200);
    CHECK(whole->body == bytes);

    const auto middle = get(process.port(), kFile, hub.lobby_token, "bytes=10-19");
    REQUIRE(middle);
    CHECK(middle->status == 206);
    CHECK(middle->body == bytes.substr(10, 10));

    const auto rest = get(process.port(), kFile, hub.lobby_token,
                          "bytes=" + std::to_string(bytes.size() - 5) + "-");
    REQUIRE(rest);
    CHECK(rest->status == 206);
    CHECK(rest->body == bytes.substr(bytes.size() - 5));

    const auto clamped = get(process.port(), kFile, hub.lobby_token,
                             "bytes=" + std::to_string(bytes.size() - 3) + "-99999999999");
    REQUIRE(clamped);
    CHECK(clamped->status == 206);
    CHECK(clamped->body == bytes.substr(bytes.size() - 3));

    const auto beyond =
        get(process.port(), kFile, hub.lobby_token, "bytes=" + std::to_string(bytes.size()) + "-");
    REQUIRE(beyond);
    CHECK(beyond->status == 416);
    CHECK(beyond->get_header_value("Content-Range") == "bytes */" + std::to_string(bytes.size()));

    // The sync answer names the snapshot version, so the kiosk knows content changed.
    const kiosk::test::PostResult synced = kiosk::test::post_sync(
        process.port(), hub.lobby_token,
        sync::to_json(kiosk::test::make_batch("0123456789abcdef0123456789abcdef", 0)));
    INFO(synced.body);
    CHECK(synced.status == 200);
    CHECK(synced.body.find("\"content_snapshot_version\":1") != std::string::npos);
}

TEST_CASE("the content routes refuse strangers, revoked kiosks, other kiosks' files and "
          "traversal",
          "[hub][content]") {
    ContentHub hub;
    require_ok(run_hub_command(hub.folder, "admin add-kiosk --data d --venue county-1 --id gone"));
    const std::string gone_token = kiosk::test::token_from(
        run_hub_command(hub.folder, "admin add-kiosk --data d --venue county-1 --id gone-2"));
    require_ok(run_hub_command(hub.folder, "admin revoke-kiosk --data d --id gone-2"));
    kiosk::test::HubProcess process(hub.data);

    for (const std::string& path : {std::string("/api/v1/content/snapshot"), kFile}) {
        const auto none = get(process.port(), path, "");
        REQUIRE(none);
        CHECK(none->status == 401);
        const auto forged =
            get(process.port(), path, "lobby-1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        REQUIRE(forged);
        CHECK(forged->status == 401);
        const auto revoked = get(process.port(), path, gone_token);
        REQUIRE(revoked);
        CHECK(revoked->status == 401);
    }

    // lobby-2 is assigned nothing: lobby-1's package is not its to download.
    const auto other = get(process.port(), kFile, hub.other_token);
    REQUIRE(other);
    CHECK(other->status == 404);
    CHECK(other->body.find("not in this kiosk's current snapshot") != std::string::npos);

    for (const char* path :
         {"/api/v1/content/files/pendulum-lab/1.0.1",
          "/api/v1/content/files/..%2F..%2Fhub.db/1.0.0",
          "/api/v1/content/files/pendulum-lab/..%2F..%2Fhub.db",
          "/api/v1/content/files/%2E%2E/1.0.0", "/api/v1/content/files/pendulum-lab/1.0.0/x"}) {
        const auto traversal = get(process.port(), path, hub.lobby_token);
        REQUIRE(traversal);
        INFO(path);
        CHECK(traversal->status == 404);
        CHECK(traversal->body.find("SQLite") == std::string::npos);
    }
}

TEST_CASE("without a content key the content routes answer 503 and the rest of the hub works",
          "[hub][content]") {
    ContentHub hub(false);
    kiosk::test::HubProcess process(hub.data);
    const auto snapshot = get(process.port(), "/api/v1/content/snapshot", hub.lobby_token);
    REQUIRE(snapshot);
    CHECK(snapshot->status == 503);
    CHECK(snapshot->body.find("kiosk-hub admin content-key") != std::string::npos);
    const auto file = get(process.port(), kFile, hub.lobby_token);
    REQUIRE(file);
    CHECK(file->status == 503);
    const kiosk::test::PostResult synced = kiosk::test::post_sync(
        process.port(), hub.lobby_token,
        sync::to_json(kiosk::test::make_batch("0123456789abcdef0123456789abcdef", 0)));
    CHECK(synced.status == 200);
    CHECK(synced.body.find("content_snapshot_version") == std::string::npos);
}

TEST_CASE("content export writes the packages and the served envelope, and refuses a linked "
          "folder",
          "[hub][content]") {
    ContentHub hub;
    const CommandRun exported =
        run_hub_command(hub.folder, "content export --data d --kiosk lobby-1 -o stick");
    require_ok(exported);
    CHECK(exported.out.find("stick/pendulum-lab-1.0.0.kpkg") != std::string::npos);
    CHECK(exported.out.find("snapshot 1 for kiosk lobby-1, 1 packages") != std::string::npos);
    CHECK(kiosk::test::file_bytes(hub.folder.file("stick/pendulum-lab-1.0.0.kpkg")) ==
          kiosk::test::file_bytes(hub.package_path));
    const sync::Snapshot snapshot = verified_snapshot(
        kiosk::test::file_bytes(hub.folder.file("stick/snapshot.json")), hub.data + "/content.pub");
    CHECK(snapshot.kiosk == "lobby-1");

    // The route serves the very snapshot the export issued.
    {
        kiosk::test::HubProcess process(hub.data);
        const auto served = get(process.port(), "/api/v1/content/snapshot", hub.lobby_token);
        REQUIRE(served);
        CHECK(served->body == kiosk::test::file_bytes(hub.folder.file("stick/snapshot.json")));
    }

    std::filesystem::create_directory(hub.folder.file("elsewhere"));
    std::filesystem::create_directory_symlink(hub.folder.file("elsewhere"),
                                              hub.folder.file("link"));
    const CommandRun linked =
        run_hub_command(hub.folder, "content export --data d --kiosk lobby-1 -o link");
    CHECK(linked.code == 1);
    CHECK(linked.err.find("is a symbolic link") != std::string::npos);
    CHECK(std::filesystem::is_empty(hub.folder.file("elsewhere")));

    const CommandRun unknown =
        run_hub_command(hub.folder, "content export --data d --kiosk nobody -o stick2");
    CHECK(unknown.code == 1);
    CHECK(unknown.err.find("no such kiosk") != std::string::npos);
}
