// The notice commands of kiosk-hub as a manager runs them (issue 18): admin
// notice-key (0600, never through a link, rotation, separate from the content
// key), notice add/update/cancel/list (identifiers the hub gives, the
// expiry rule for Update and Cancel, every bad value refused with the field
// named and nothing stored), notice export (the venue's signed feed, owner
// only, not through a link), admin set-division and map-area; messages from
// the managers' strings in zh and en.
#include "notice_test_support.h"

#include "core/manager_text.h"
#include "hub/notice_store.h"

#include <sys/stat.h>

#include <filesystem>

using namespace kiosk;
using kiosk::test::check_refused;
using kiosk::test::CommandRun;
using kiosk::test::require_ok;
using kiosk::test::run_hub_command;
using kiosk::test::TempFolder;

namespace {

const std::string kAlert = "notice add --data d --venue v1 --severity Severe --category Geo "
                           "--event-zh 地震 --event-en Earthquake --headline-zh 地震预警 "
                           "--headline-en 'Earthquake warning' --instruction-zh 就近躲避 "
                           "--expires 6h";

// The identifier a notice command printed ("KH-...").
std::string identifier_in(const std::string& text) {
    const size_t at = text.find("KH-");
    if (at == std::string::npos) return "";
    size_t end = at;
    while (end < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-'))
        ++end;
    return text.substr(at, end - at);
}

struct NoticeHub {
    TempFolder folder;
    std::string data = folder.file("d");
    NoticeHub(bool with_key = true) {
        kiosk::test::add_kiosk(folder, data, "v1", "k1");
        kiosk::test::add_kiosk(folder, data, "v2", "k2");
        if (with_key) require_ok(run_hub_command(folder, "admin notice-key --data d"));
    }
    CommandRun run(const std::string& arguments) { return run_hub_command(folder, arguments); }
    std::string add(const std::string& arguments = kAlert) {
        const CommandRun added = run(arguments);
        require_ok(added);
        const std::string id = identifier_in(added.out);
        REQUIRE(!id.empty());
        return id;
    }
    int64_t stored_count() {
        return int64_t(kiosk::test::open_notices(data)->history("", 1000).size());
    }
};

// The identifiers in an exported notices.json, each verified with the hub's notice.pub.
std::vector<std::string> exported_ids(NoticeHub& hub, const std::string& path) {
    std::string error;
    const std::optional<sync::NoticeFeed> feed =
        sync::parse_notice_feed(kiosk::test::read_text_file(path), error);
    INFO(error);
    REQUIRE(feed);
    CHECK(feed->version == 3);
    const std::optional<PublicKey> key = read_public_key(hub.folder.file("d/notice.pub"), error);
    REQUIRE(key);
    std::vector<std::string> ids;
    for (const sync::SignedDocument& signed_notice : feed->notices) {
        const std::optional<sync::Notice> notice =
            sync::verify_and_parse_notice(signed_notice, {*key}, error);
        INFO(error);
        REQUIRE(notice);
        ids.push_back(notice->identifier);
    }
    return ids;
}

} // namespace

TEST_CASE("notice-key makes a 0600 key apart from the content key, never through a link",
          "[hub][notices]") {
    TempFolder folder;
    const CommandRun made = run_hub_command(folder, "admin notice-key --data d");
    require_ok(made);
    CHECK(made.out.find("trusted_notice_keys: " + folder.file("d/notice.pub")) !=
          std::string::npos);
    struct stat info {};
    REQUIRE(lstat(folder.file("d/notice.key").c_str(), &info) == 0);
    CHECK(S_ISREG(info.st_mode));
    CHECK((info.st_mode & 0777) == 0600);
    std::string error;
    const std::optional<SecretKey> first = read_secret_key(folder.file("d/notice.key"), error);
    REQUIRE(first);
    CHECK(read_public_key(folder.file("d/notice.pub"), error)->id == first->id);
    CHECK_FALSE(std::filesystem::exists(folder.file("d/content.key")));

    check_refused(run_hub_command(folder, "admin notice-key --data d"), 1, "a notice key exists");
    require_ok(run_hub_command(folder, "admin content-key --data d"));
    CHECK(read_secret_key(folder.file("d/content.key"), error)->id != first->id);
    require_ok(run_hub_command(folder, "admin notice-key --data d --rotate"));
    CHECK(read_secret_key(folder.file("d/notice.key"), error)->id != first->id);
    CHECK(read_secret_key(folder.file("d/notice-" + first->id + ".key"), error)->id == first->id);
    CHECK(read_public_key(folder.file("d/notice-" + first->id + ".pub"), error));

    // A link where the key would be: never followed, never written through.
    TempFolder other;
    const std::string target = other.write("elsewhere.key", "not a key\n");
    std::filesystem::create_directories(other.file("d"));
    std::filesystem::permissions(other.file("d"), std::filesystem::perms::owner_all);
    std::filesystem::create_symlink(target, other.file("d/notice.key"));
    check_refused(run_hub_command(other, "admin notice-key --data d"), 1, "a notice key exists");
    kiosk::test::add_kiosk(other, other.file("d"), "v1", "k1");
    check_refused(run_hub_command(other, kAlert), 1, "notice.key");
    CHECK(kiosk::test::read_text_file(target) == "not a key\n");
}

TEST_CASE("notice add, update, cancel and list", "[hub][notices]") {
    NoticeHub hub;
    const std::string alert = hub.add();
    CHECK(alert.rfind("KH-", 0) == 0);
    const CommandRun listed = hub.run("notice list --data d --lang en");
    require_ok(listed);
    CHECK(listed.out.find(alert) != std::string::npos);
    CHECK(listed.out.find("Earthquake warning") != std::string::npos);
    CHECK(listed.out.find("shown on 0 of 1 kiosks") != std::string::npos);
    CHECK(hub.run("notice list --data d --venue v2").out.find(alert) == std::string::npos);
    // In the manager's words, not CAP's spellings.
    const CommandRun in_chinese = hub.run("notice list --data d --lang zh");
    CHECK(in_chinese.out.find("  警报  ") != std::string::npos);
    CHECK(in_chinese.out.find("Alert") == std::string::npos);

    // An Update with a shorter expiry keeps the Alert's: a kiosk remembers the
    // replaced identifier as long as the Alert could be replayed.
    const std::string update =
        hub.add("notice update --data d " + alert + " --headline-zh 余震预警 --expires 1h");
    CHECK(update != alert);
    {
        auto store = kiosk::test::open_notices(hub.data);
        const auto old = store->find(hub::kHubNoticeSender, alert);
        const auto replacing = store->find(hub::kHubNoticeSender, update);
        REQUIRE(old);
        REQUIRE(replacing);
        CHECK(old->retired_seq == replacing->seq);
        CHECK(replacing->notice.msg_type == sync::NoticeMsgType::Update);
        CHECK(replacing->notice.headline.zh == "余震预警");
        CHECK(replacing->notice.event.zh == "地震"); // kept from the Alert
        CHECK(replacing->notice.venues == std::vector<std::string>{"v1"});
        CHECK(replacing->notice.expires_utc_ms == old->notice.expires_utc_ms);
        CHECK(replacing->notice.references.size() == 1);
        CHECK(replacing->notice.references[0].identifier == alert);
    }
    check_refused(hub.run("notice update --data d " + alert + " --headline-zh 再次"), 1,
                  manager_text("notice_fail_retired", Language::Zh, {{"id", alert}}));
    const std::string cancel = hub.add("notice cancel --data d " + update);
    {
        auto store = kiosk::test::open_notices(hub.data);
        const auto cancelled = store->find(hub::kHubNoticeSender, update);
        const auto cancelling = store->find(hub::kHubNoticeSender, cancel);
        REQUIRE(cancelling);
        CHECK(cancelling->notice.msg_type == sync::NoticeMsgType::Cancel);
        CHECK(cancelled->retired_seq == cancelling->seq);
        CHECK(cancelling->notice.expires_utc_ms >= cancelled->notice.expires_utc_ms);
    }
    check_refused(hub.run("notice cancel --data d " + cancel), 1,
                  manager_text("notice_fail_retired", Language::Zh, {{"id", cancel}}));
    check_refused(hub.run("notice cancel --data d KH-20991231-9 --lang en"), 1,
                  "There is no notice KH-20991231-9.");
    CHECK(hub.stored_count() == 3);
}

TEST_CASE("notice add refuses bad values, naming the field; nothing is stored", "[hub][notices]") {
    NoticeHub hub;
    const std::string base = "notice add --data d --lang en --headline-zh 预警 --event-zh 地震 ";
    check_refused(hub.run(base + "--severity Huge --expires 6h"), 1, "severity");
    check_refused(hub.run(base + "--severity Severe --expires 40d"), 1, "expires");
    check_refused(hub.run(base + "--severity Severe --expires soon"), 1, "expires");
    check_refused(hub.run(base + "--severity Severe --expires 2020-01-01T00:00:00Z"), 1, "expires");
    check_refused(hub.run(base + "--severity Severe --expires 6h --status Draft"), 1, "status");
    check_refused(hub.run(base + "--severity Severe --expires 6h --urgency Now"), 1, "urgency");
    check_refused(hub.run(base + "--severity Severe --expires 6h --certainty Sure"), 1,
                  "certainty");
    check_refused(hub.run(base + "--severity Severe --expires 6h --category Weather"), 1,
                  "categor");
    check_refused(hub.run(base + "--severity Severe --expires 6h --venue nowhere"), 1,
                  "There is no venue nowhere.");
    check_refused(hub.run(base + "--severity Severe --expires 6h --content no-such-drill"), 1,
                  "The library has no no-such-drill");
    check_refused(hub.run("notice add --data d --lang en --event-zh 地震 --severity Severe "
                          "--expires 6h"),
                  1, "headline");
    // Missing required options: a usage error.
    CHECK(hub.run("notice add --data d --headline-zh 预警 --expires 6h").code == 2);
    CHECK(hub.run("notice add --data d --headline-zh 预警 --severity Severe").code == 2);
    CHECK(hub.stored_count() == 0);
}

// Its own test case: a second hub in the same run would share the run's
// PostgreSQL schema (and its kiosks) under KIOSK_TEST_POSTGRESQL.
TEST_CASE("notice add without a notice key issues nothing", "[hub][notices]") {
    NoticeHub keyless(false);
    check_refused(keyless.run(kAlert + " --lang en"), 1,
                  manager_text("notice_fail_no_key", Language::En));
    check_refused(keyless.run(kAlert), 1, manager_text("notice_fail_no_key", Language::Zh));
}

TEST_CASE("notice export writes the venue's signed feed, owner-only, never through a link",
          "[hub][notices]") {
    NoticeHub hub;
    const std::string own = hub.add();
    const std::string other = hub.add(
        "notice add --data d --venue v2 --severity Minor --headline-zh 其他 --event-zh 其他 "
        "--expires 2h");
    const std::string everyone =
        hub.add("notice add --data d --severity Moderate --status Exercise --headline-zh 全省演练 "
                "--event-zh 演练 --expires 2h");
    const CommandRun exported = hub.run("notice export --data d --venue v1 -o stick --lang en");
    require_ok(exported);
    CHECK(exported.out.find("2 notices for venue v1") != std::string::npos);
    const std::string path = hub.folder.file("stick/notices.json");
    struct stat info {};
    REQUIRE(lstat(path.c_str(), &info) == 0);
    CHECK(S_ISREG(info.st_mode));
    CHECK((info.st_mode & 0777) == 0600);
    CHECK(exported_ids(hub, path) == std::vector<std::string>{own, everyone});

    // A notices.json that is a link is replaced, its target untouched.
    const std::string target = hub.folder.write("target.json", "keep me");
    std::filesystem::remove(path);
    std::filesystem::create_symlink(target, path);
    require_ok(hub.run("notice export --data d --venue v2 -o stick"));
    CHECK(kiosk::test::read_text_file(target) == "keep me");
    REQUIRE(lstat(path.c_str(), &info) == 0);
    CHECK(S_ISREG(info.st_mode));
    CHECK(exported_ids(hub, path) == std::vector<std::string>{other, everyone});
    // The folder itself a link: refused.
    std::filesystem::create_directories(hub.folder.file("real"));
    std::filesystem::create_directory_symlink(hub.folder.file("real"), hub.folder.file("linked"));
    check_refused(hub.run("notice export --data d --venue v1 -o linked"), 1, "symbolic link");
    CHECK_FALSE(std::filesystem::exists(hub.folder.file("real/notices.json")));
    check_refused(hub.run("notice export --data d --venue v9 -o stick --lang en"), 1,
                  "There is no venue v9.");
}

TEST_CASE("admin set-division and map-area", "[hub][notices]") {
    NoticeHub hub;
    const CommandRun set = hub.run("admin set-division --data d --venue v1 --code 330106");
    require_ok(set);
    CHECK(set.out ==
          manager_text("division_set", Language::Zh, {{"venue", "v1"}, {"code", "330106"}}) + "\n");
    check_refused(hub.run("admin set-division --data d --venue v1 --code 3301"), 1, "--code");
    check_refused(hub.run("admin set-division --data d --venue v9 --code 330106 --lang en"), 1,
                  "There is no venue v9.");
    require_ok(hub.run("admin map-area --data d --area 西湖区 --venue v1"));
    require_ok(hub.run("admin map-area --data d --area 西湖区 --venue v2 --lang en"));
    check_refused(hub.run("admin map-area --data d --area 西湖区 --venue v9"), 1, "v9");
    const CommandRun removed =
        hub.run("admin map-area --data d --area 西湖区 --venue v2 --remove --lang en");
    require_ok(removed);
    CHECK(removed.out.find("no longer reach venue v2") != std::string::npos);
    check_refused(hub.run("admin map-area --data d --area 西湖区 --venue v2 --remove"), 1,
                  "is not routed");
    CHECK(hub.run("admin map-area --data d --area x --venue v1 --lang fr").code == 2);
    auto store = kiosk::test::open_notices(hub.data);
    CHECK(store->venue_divisions() ==
          std::vector<std::pair<std::string, std::string>>{{"v1", "330106"}});
    REQUIRE(store->area_routes().size() == 1);
    CHECK(store->area_routes()[0].venue == "v1");
}
