// Shared pieces of the fault tests: a kiosk config file written for a test
// (its data folder, content folder and key, optionally the sync section
// pointing at a proxy or a hub), the usage counts read from kiosk.db and from
// hub.db in one shape so that they compare exactly, sync clients and a last
// sync of a kiosk.db done in this process, and signed packages made from the
// sample exhibits.
#pragma once

#include "../home_tiles.h"
#include "core/kiosk_config.h"
#include "core/signing_keys.h"
#include "core/temp_folder.h"
#include "sync/sync_client.h"
#include "sync/sync_test_support.h"
#include "test_paths.h"

#include <poll.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>

namespace kiosk::test {

struct KioskSetup {
    std::string data_dir;
    std::string content_dir = kiosk::test::binary_dir() + "/content";
    std::string trusted_key = kiosk::test::binary_dir() + "/demo-keys/demo.pub";
    std::string trusted_reviewer = kiosk::test::binary_dir() + "/demo-keys/reviewer.pub";
    std::string hub_url; // with token_file: a sync section
    std::string token_file;
    std::string trusted_content_key; // the hub's content.pub; "" = none
    std::string import_dir;          // a content_import_dirs folder; "" = none
    int idle_timeout_s = 10;
    int time_budget_ms = 50;         // exhibit_limits.time_budget_ms
    int64_t content_reserve_mb = -1; // -1: the config's default
    std::string venue_id;            // venue.id (the hub's venue); "" = none
    std::string trusted_notice_key;  // the hub's notice.pub; "" = none
    int notice_poll_s = 0;           // notices.poll_s; 0 = the config's default
};

// Input replay lines (engine/app/input_replay.h). From the attract screen: a
// visitor wakes the kiosk, opens the pendulum lab, goes back home and leaves;
// the idle timeout (10 s) ends the session. kToAttract: to the attract screen.
inline const std::string kVisit =
    "tap 960 540\nwait 1\n" + open_home_tile("pendulum-lab") + "wait 1\ntap 170 90\nwait 12\n";
inline const std::string kToAttract = "wait 11\n";

// The county museum sample's venue, font and PIN with `setup`'s folders, as a
// config file in `folder`; its path.
std::string write_kiosk_config(const TempFolder& folder, const KioskSetup& setup,
                               const std::string& name = "kiosk.lua");
// The same as a loaded config, for a KioskApp in this process.
KioskConfig kiosk_config(const KioskSetup& setup);

// (day, kind, subject, metric) -> value.
using Counts = std::map<std::tuple<std::string, std::string, std::string, std::string>, int64_t>;

// Every rollup of a kiosk.db.
Counts kiosk_counts(const std::string& kiosk_db);
// What the hub stored for `kiosk` (the buckets of all its epochs, summed).
Counts hub_counts(const std::string& hub_data, const std::string& kiosk);
// What the dashboard reads for `venue` (venue_totals), the triggers' sums.
Counts hub_venue_counts(const std::string& hub_data, const std::string& venue);
int64_t total_of(const Counts& counts, const std::string& kind, const std::string& metric);

// http_sync_client (sync_test_support.h) posting to the hub at `url` with
// `token`, in batches of up to kMaxBuckets as the kiosk sends them.
std::unique_ptr<sync::SyncClient> http_client(KioskDb& kiosk, const std::string& url,
                                              const std::string& token, int read_timeout_s = 30,
                                              size_t max_buckets = sync::kMaxBuckets);

// One sync round of `kiosk_db` (closed by its kiosk) straight to `hub_url`,
// storing the acknowledgements, as the kiosk's next start would; ok or FAIL.
void sync_rest_now(const std::string& kiosk_db, const std::string& hub_url,
                   const std::string& token);

// Packs the sample exhibit folder `exhibit` (or any folder) into DIR/FILE.kpkg
// signed by `key` and approved by `reviewer` with its manifest's review dates,
// staged under another name and renamed in, as the README says.
void add_package(const std::string& folder, const std::string& dir, const std::string& file,
                 const SecretKey& key, const SecretKey& reviewer);

// Waits until `done()`; false after `timeout_ms` (checks every 5 ms).
template <class Done> bool eventually(Done done, int timeout_ms = 60000) {
    for (int waited = 0; waited < timeout_ms; waited += 5) {
        if (done()) return true;
        poll(nullptr, 0, 5);
    }
    return done();
}

} // namespace kiosk::test
