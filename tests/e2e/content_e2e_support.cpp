// The end-to-end content tests' hub, packages and kiosk processes (see
// content_e2e_support.h).
#include "content_e2e_support.h"
#include "hub/store_backends.h"
#include "../hub/browser_test_support.h"

#include "content/content_manifest.h"
#include "content/package.h"
#include "content/package_trust.h"
#include "content/review_attestation.h"
#include "hub/hub_store.h"
#include "sync/content_files.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include <filesystem>
#include <regex>
#include <set>

namespace kiosk::test {
namespace {

constexpr const char* kVenue = "county-museum";

std::string today_local() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char day[16];
    std::strftime(day, sizeof day, "%Y-%m-%d", &local);
    return day;
}

// The manifest's version line, and for an expired approval its review dates
// (the manifest's record must agree with the attestation).
void rewrite_manifest(const std::string& path, const std::string& version, Approval approval) {
    std::string text = read_text_file(path);
    text = std::regex_replace(text, std::regex(R"(\n  version = "[^"]*")"),
                              "\n  version = \"" + version + "\"");
    if (approval == Approval::Expired) {
        text = std::regex_replace(text, std::regex(R"(reviewed = "[^"]*")"),
                                  "reviewed = \"2020-01-01\"");
        text = std::regex_replace(text, std::regex(R"(expires = "[^"]*")"),
                                  "expires = \"2020-12-31\"");
    }
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

} // namespace

ContentHub::ContentHub() {
    REQUIRE(sodium_init() >= 0);
    publisher = generate_key();
    reviewer = generate_key();
    stranger = generate_key();
    std::filesystem::create_directories(folder.file("keys"));
    std::string error;
    REQUIRE(write_public_key(publisher_pub, publisher.public_key(), error));
    REQUIRE(write_public_key(reviewer_pub, reviewer.public_key(), error));
    for (const char* kiosk : {"lobby-1", "lobby-2", "lobby-3"}) {
        tokens[kiosk] = add_kiosk(folder, data, kVenue, kiosk);
        token_files[kiosk] = folder.write(std::string("tokens/") + kiosk + ".token", tokens[kiosk]);
        std::filesystem::permissions(token_files[kiosk], std::filesystem::perms::owner_read |
                                                             std::filesystem::perms::owner_write);
    }
    CommandRun run = run_hub_command(folder, "admin content-key --data " + data);
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);
    content_pub = data + "/content.pub";
    REQUIRE(std::filesystem::exists(content_pub));
    run = run_hub_command(folder, "admin add-publisher --data " + data +
                                      " --name Publisher --public-key " + publisher_pub);
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);
    run = run_hub_command(folder, "admin add-reviewer --data " + data +
                                      " --name Reviewer --organization Association --field "
                                      "physics --public-key " +
                                      reviewer_pub);
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);
    run = run_hub_command(folder, "admin notice-key --data " + data);
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);
    notice_pub = data + "/notice.pub";
    REQUIRE(std::filesystem::exists(notice_pub));
    hub = std::make_unique<HubProcess>(data);
}

ContentHub::~ContentHub() = default;

std::string ContentHub::make_package(const std::string& exhibit, const std::string& version,
                                     Approval approval, const SecretKey* signer,
                                     size_t padding_bytes) {
    const std::string name = exhibit + "-" + version + "-" + std::to_string(int(approval)) +
                             (signer ? "-other" : "") +
                             (padding_bytes ? "-" + std::to_string(padding_bytes) : "");
    const std::string source = folder.file("sources/" + name);
    std::filesystem::remove_all(source);
    std::filesystem::create_directories(source);
    std::filesystem::copy(kiosk::test::source_dir() + "/exhibits/" + exhibit, source,
                          std::filesystem::copy_options::recursive);
    rewrite_manifest(source + "/manifest.lua", version, approval);
    if (padding_bytes > 0) { // random: the archive cannot compress it away
        std::string padding(padding_bytes, '\0');
        randombytes_buf(padding.data(), padding.size());
        std::ofstream(source + "/padding.bin", std::ios::binary) << padding;
    }
    const std::string package = folder.file("packages/" + name + ".kpkg");
    std::filesystem::create_directories(folder.file("packages"));
    std::string error;
    INFO(error);
    REQUIRE(write_package(source, package, error));
    REQUIRE(sign_package(package, signer ? *signer : publisher, PackageLimits{}, error));
    if (approval != Approval::None) {
        PackageReview review;
        review.verdict = "approved";
        review.reviewed = approval == Approval::Expired ? "2020-01-01" : "2026-11-01";
        review.expires = approval == Approval::Expired ? "2020-12-31" : "2030-12-31";
        if (approval == Approval::Approved) { // the dates the sample manifests name
            std::unique_ptr<Package> opened = Package::open(package, PackageLimits{}, error);
            REQUIRE(opened);
            ManifestLoadResult manifest =
                load_content_manifest(*opened, opened->describe("manifest.lua"));
            REQUIRE(manifest.ok());
            REQUIRE(manifest.manifest->review);
            review.reviewed = manifest.manifest->review->reviewed;
            review.expires = manifest.manifest->review->expires;
        }
        REQUIRE(add_review(package, reviewer, review, PackageLimits{}, error));
    }
    return package;
}

CommandRun ContentHub::content(const std::string& arguments) {
    return run_hub_command(folder, "content " + arguments + " --data " + data);
}

CommandRun ContentHub::notice(const std::string& arguments) {
    return run_hub_command(folder, "notice " + arguments + " --data " + data + " --lang en");
}

void ContentHub::add_and_publish(const std::string& package, const std::string& id) {
    CommandRun run = content("add " + package);
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);
    run = content("publish " + id);
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);
}

void ContentHub::assign(const std::string& kiosk, const std::vector<std::string>& ids) {
    std::string list;
    for (const std::string& id : ids)
        list += " " + id;
    const CommandRun run = content("assign --kiosk " + kiosk + list);
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);
}

KioskSetup ContentHub::kiosk_setup(const std::string& kiosk, const std::string& hub_url) const {
    KioskSetup setup;
    setup.trusted_key = publisher_pub;
    setup.trusted_reviewer = reviewer_pub;
    setup.trusted_content_key = content_pub;
    setup.hub_url = hub_url.empty() ? url() : hub_url;
    setup.token_file = token_files.at(kiosk);
    return setup;
}

RunningKiosk::RunningKiosk(const TempFolder& where, const std::string& kiosk,
                           KioskSetup kiosk_setup)
    : id(kiosk), setup(std::move(kiosk_setup)), folder(where) {
    data_dir = setup.data_dir = where.file(kiosk + "/data");
    content_dir = setup.content_dir = where.file(kiosk + "/content");
    for (const std::string& dir : {data_dir, content_dir}) {
        std::filesystem::create_directories(dir);
        std::filesystem::permissions(dir, std::filesystem::perms::owner_all);
    }
    write_config();
    log = where.file(kiosk + "/kiosk.out");
}

void RunningKiosk::write_config() {
    config = write_kiosk_config(folder, setup, id + ".lua");
}

void RunningKiosk::start(uint64_t file_size_limit, const std::vector<std::string>& arguments) {
    ++starts;
    process.reset(); // a kiosk still running is killed first
    std::vector<std::string> all = {"--frames", "100000000", "--sync-interval-s", "2"};
    all.insert(all.end(), arguments.begin(), arguments.end());
    process = std::make_unique<KioskProcess>(config, all, log, false, file_size_limit);
}

void RunningKiosk::kill_now() {
    if (process && process->running()) process->stop(SIGKILL);
    process.reset();
}

std::vector<std::string> live_ids(const std::string& content_dir) {
    std::string error;
    std::optional<LiveList> live = read_live_list(content_dir, error);
    INFO(error);
    REQUIRE(live);
    std::vector<std::string> ids;
    for (const LivePackage& package : live->packages)
        ids.push_back(package.id + "@" + package.version);
    return ids;
}

void require_live_files_verify(const std::string& content_dir, const ContentHub& hub) {
    std::string error;
    std::optional<LiveList> live = read_live_list(content_dir, error);
    INFO(content_dir << ": " << error);
    REQUIRE(live);
    TrustRoots roots;
    roots.publishers.push_back(hub.publisher.public_key());
    roots.reviewers.push_back(hub.reviewer.public_key());
    for (const LivePackage& named : live->packages) {
        const std::string path = content_dir + "/" + kHubPackagesFolder + "/" + named.file;
        INFO(path);
        std::optional<std::string> sha256 = sync::sha256_of_file(path, error);
        INFO(error);
        REQUIRE(sha256);
        CHECK(*sha256 == named.sha256);
        std::unique_ptr<Package> package = Package::open(path, PackageLimits{}, error);
        REQUIRE(package);
        const PackageTrust trust = check_package_trust(*package, roots, today_local());
        INFO(trust.problem);
        CHECK(trust.trusted());
    }
}

std::vector<std::string> hub_files(const std::string& content_dir) {
    std::vector<std::string> names;
    std::error_code ignored;
    for (const auto& entry : std::filesystem::directory_iterator(
             std::filesystem::path(content_dir) / kHubPackagesFolder, ignored))
        if (entry.path().extension() == ".kpkg") names.push_back(entry.path().filename());
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> home_screen_at_hub(const ContentHub& hub, const std::string& kiosk) {
    std::string error;
    std::unique_ptr<hub::HubStore> store = hub::open_hub_store(kiosk::test::test_store(hub.data), error);
    INFO(error);
    REQUIRE(store);
    std::optional<hub::KioskRecord> record = store->find_kiosk(kiosk);
    REQUIRE(record);
    std::vector<std::string> ids;
    for (const auto& item : nlohmann::json::parse(record->content_json))
        ids.push_back(item.at("id").get<std::string>() + "@" +
                      item.at("version").get<std::string>());
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::optional<sync::ContentState> content_state_at_hub(const ContentHub& hub,
                                                       const std::string& kiosk) {
    std::string error;
    std::unique_ptr<hub::HubStore> store = hub::open_hub_store(kiosk::test::test_store(hub.data), error);
    INFO(error);
    REQUIRE(store);
    std::optional<hub::KioskRecord> record = store->find_kiosk(kiosk);
    REQUIRE(record);
    if (record->content_state_json.empty()) return std::nullopt;
    std::optional<sync::ContentState> state =
        sync::parse_content_state(record->content_state_json, error);
    INFO(error);
    REQUIRE(state);
    return state;
}

// Not yet there (the kiosk has not written live.json) is "not yet", not a failure:
// live_ids REQUIREs the file, so it is only called once the file exists.
bool live_is(const RunningKiosk& kiosk, const std::vector<std::string>& expected) {
    std::string error;
    if (!read_live_list(kiosk.content_dir, error)) return false;
    return live_ids(kiosk.content_dir) == expected;
}

void require_live(RunningKiosk& kiosk, const std::vector<std::string>& expected) {
    const bool reached = eventually([&] { return live_is(kiosk, expected); }, kRoundMs);
    std::string error;
    const bool has_list = read_live_list(kiosk.content_dir, error).has_value();
    INFO(kiosk.id << " has live: "
                  << (has_list ? Catch::Detail::stringify(live_ids(kiosk.content_dir)) : error)
                  << "\nits log:\n"
                  << read_text_file(kiosk.log));
    REQUIRE(reached);
}

std::string dashboard_page(const ContentHub& hub) {
    static std::set<std::string> with_user; // hub data folders that have the user
    if (with_user.insert(hub.data).second)
        run_hub_command(hub.folder,
                        "admin add-user --data " + hub.data +
                            " --name province --role province_admin",
                        "e2e-password\n");
    Browser browser(hub.hub->port());
    REQUIRE(sign_in(browser, "province", "e2e-password")->status == 303);
    auto page = browser.get("/dashboard?lang=en");
    REQUIRE(page);
    REQUIRE(page->status == 200);
    return page->body;
}

size_t log_count(const RunningKiosk& kiosk, const std::string& text) {
    const std::string log = read_text_file(kiosk.log);
    size_t count = 0;
    for (size_t at = log.find(text); at != std::string::npos; at = log.find(text, at + 1))
        ++count;
    return count;
}

} // namespace kiosk::test
