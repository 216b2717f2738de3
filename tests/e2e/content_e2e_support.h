// The province side of the end-to-end content tests (issue 17, part 7): a
// real `kiosk-hub serve` on 127.0.0.1 with a content key, a trusted publisher
// and a reviewer in its pool, kiosks registered with their tokens, packages
// built from the sample exhibits (any version, signed by any key, approved,
// unreviewed or with an expired approval) and added, published and assigned
// with the `kiosk-hub content` commands; and the kiosk side: a headless
// `kiosk` process whose config syncs to the hub (or a proxy in front of it)
// and trusts the hub's content key, with what it has live read back from its
// content folder and checked file by file.
#pragma once

#include "../faults/fault_support.h"
#include "../faults/kiosk_process.h"
#include "../hub/hub_test_support.h"

#include "content/live_list.h"
#include "core/signing_keys.h"
#include "sync/content_snapshot.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::test {

// A liveness deadline for a sync round (2 s apart), the downloads and the
// switch, on a loaded 2-core machine, possibly under ASan.
constexpr int kRoundMs = 240000;

enum class Approval { Approved, None, Expired };

// The hub's kiosks are lobby-1, lobby-2 and lobby-3 in venue county-museum.
class ContentHub {
public:
    ContentHub();
    ~ContentHub();

    TempFolder folder;
    std::string data = folder.file("hub");
    SecretKey publisher, reviewer, stranger; // stranger: a publisher the hub does not trust
    std::string publisher_pub = folder.file("keys/publisher.pub");
    std::string reviewer_pub = folder.file("keys/reviewer.pub");
    std::string content_pub; // the hub's content key, as `admin content-key` wrote it
    std::string notice_pub;  // the hub's notice key, as `admin notice-key` wrote it
    std::map<std::string, std::string> tokens, token_files; // by kiosk id
    std::unique_ptr<HubProcess> hub;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(hub->port()); }

    // The sample exhibit `exhibit` as version `version`, signed by `signer`
    // (default the trusted publisher) and approved as `approval` says, with
    // `padding_bytes` of random bytes in one more file (a big package); its path.
    std::string make_package(const std::string& exhibit, const std::string& version,
                             Approval approval = Approval::Approved,
                             const SecretKey* signer = nullptr, size_t padding_bytes = 0);
    // `kiosk-hub content ARGUMENTS --data DATA`.
    CommandRun content(const std::string& arguments);
    // add + publish, REQUIRE-ing both to succeed.
    void add_and_publish(const std::string& package, const std::string& id);
    void assign(const std::string& kiosk, const std::vector<std::string>& ids);

    // `kiosk-hub notice ARGUMENTS --data DATA --lang en`.
    CommandRun notice(const std::string& arguments);

    // A config for `kiosk` syncing to `hub_url` (default the hub itself).
    KioskSetup kiosk_setup(const std::string& kiosk, const std::string& hub_url = "") const;
};

// One headless kiosk process on `setup`, its folders under `folder`.
struct RunningKiosk {
    std::string id;
    KioskSetup setup; // write_config() after changing it
    std::string config;
    std::string content_dir, data_dir, log;
    std::unique_ptr<KioskProcess> process;
    int starts = 0;
    const TempFolder& folder; // where its folders and config are

    RunningKiosk(const TempFolder& folder, const std::string& id, KioskSetup setup);
    // The config file from `setup` again (the next start reads it).
    void write_config();
    // `file_size_limit`: see KioskProcess (0: none); `arguments` after the usual ones.
    void start(uint64_t file_size_limit = 0, const std::vector<std::string>& arguments = {});
    void kill_now();
};

// What live.json names: "ID@VERSION" in home-screen order ({} when absent or
// unreadable: a FAIL then says why).
std::vector<std::string> live_ids(const std::string& content_dir);
// Every file live.json names exists in content_dir/hub/, has its SHA-256, and
// is trusted (publisher signature and unexpired approval by `hub`'s keys).
void require_live_files_verify(const std::string& content_dir, const ContentHub& hub);
// The .kpkg names in content_dir/hub/.
std::vector<std::string> hub_files(const std::string& content_dir);
// The ids@versions the kiosk's last heartbeat said its home screen shows.
std::vector<std::string> home_screen_at_hub(const ContentHub& hub, const std::string& kiosk);
// The content state of the kiosk's last heartbeat as the hub stored it
// (nullopt before the first one).
std::optional<sync::ContentState> content_state_at_hub(const ContentHub& hub,
                                                       const std::string& kiosk);

bool live_is(const RunningKiosk& kiosk, const std::vector<std::string>& expected);
// Waits until `kiosk` has exactly `expected` live, failing with its log.
void require_live(RunningKiosk& kiosk, const std::vector<std::string>& expected);
// The hub's dashboard in English, as a province admin "province" (password
// "e2e-password", added on the first call) sees it.
std::string dashboard_page(const ContentHub& hub);
// How often `text` occurs in the kiosk's log so far (the log spans restarts).
size_t log_count(const RunningKiosk& kiosk, const std::string& text);

} // namespace kiosk::test
