// FOR DEMOS AND BENCHMARKS ONLY: a seeded simulator of kiosks' history. It
// makes plausible usage (weekdays and weekends, holidays such as 国庆 and the
// Spring Festival, school trips on term-time mornings, seasons, a mobile unit
// touring some days and silent others, exhibits of different popularity and
// dwell, quiz questions of different difficulty, findings) and hands it on as
// what real kiosks send: signed offline bundles (sync/bundle.h), each kiosk's
// in time order, exported at times spread over the venue's opening hours, so
// the hub's import (bundle_import.h) stores the counts and the contact
// history exactly as for real kiosks. Nothing here writes the hub's database.
// Used by `kiosk-hub simulate` (scripts/hub-demo.sh) and bench/hub-reports.
// The same plan gives the same bundles, byte for byte.
#pragma once

#include "store_location.h"

#include "core/civil_time.h"
#include "core/signing_keys.h"
#include "hub_store.h"
#include "sync/sync_protocol.h"

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace kiosk::hub {

// How often a kiosk with a network hands its counts over. A touring kiosk
// (a mobile_exhibit venue's) exports once at the end of each day it tours,
// or weekly when the cadence is weekly.
enum class ExportCadence { hourly, daily, weekly };

struct DemoKiosk {
    std::string id, venue;
    bool touring = false; // the mobile unit: tours some days, silent others
    SecretKey key;        // the key its bundles are signed with
};

struct DemoHistoryPlan {
    uint64_t seed = 20;
    std::string first_day, last_day; // the venue's local days, inclusive
    int32_t utc_offset_min = kDefaultVenueUtcOffsetMin;
    ExportCadence cadence = ExportCadence::hourly;
    // No export later than this (the hub refuses bundles from its future):
    // the hours after it are not simulated.
    int64_t not_after_utc_ms = std::numeric_limits<int64_t>::max();
    std::vector<DemoKiosk> kiosks;
    std::map<std::string, OpeningHours> opening_hours; // by venue; default hours when absent
    // Display names sent with each kiosk's first bundle, as a kiosk sends
    // those of the content it shows (titles_from_content below).
    std::vector<sync::SubjectTitle> titles;
};

// What the simulator sent, summed over every kiosk and day.
struct DemoHistoryTotals {
    int64_t bundles = 0, buckets = 0;
    int64_t sessions = 0, session_ms = 0, exhibit_visits = 0, answers = 0, correct = 0;
};

// One bundle and the kiosk's clock when it was exported.
using SendBundle = std::function<bool(const sync::Bundle& bundle, int64_t export_utc_ms)>;

// Simulates the plan day by day, calling `send` for each bundle (a day's
// bundles of every kiosk before the next day's). Stops with `error` when
// `send` returns false or the plan is not valid (days, kiosks).
bool simulate_history(const DemoHistoryPlan& plan, const SendBundle& send,
                      DemoHistoryTotals& totals, std::string& error);

// `kiosk-hub simulate`: the kiosks of the hub at DATA (read only), their
// secret keys KEYS/ID.key (kioskctl keygen), DAYS days ending END_DAY (default:
// today in the venues' zone, up to now), written to OUT as NNNNNNNN-KIOSK.json
// files in export order for `kiosk-hub import`. Prints the totals.
struct SimulateOptions {
    StoreLocation store; // --data and --store
    std::string keys_dir, out_dir, end_day;
    int days = 365;
    uint64_t seed = 20;
    std::string cadence = "hourly"; // hourly | daily | weekly
    int32_t utc_offset_min = kDefaultVenueUtcOffsetMin;
    std::vector<std::string> titles_from; // --titles-from: content source folders
};
int simulate_command(const SimulateOptions& options, std::ostream& out, std::ostream& err);

// The titles a kiosk showing the packages (*.kpkg) in `folder` would send:
// exhibits' titles, quiz packs' titles and their questions' prompts (kinds
// exhibit, quiz, question). False with `error` naming the file when a
// package, its manifest or its quiz does not load.
bool titles_from_content(const std::string& folder, std::vector<sync::SubjectTitle>& titles,
                         std::string& error);

// The totals line `kiosk-hub simulate` prints (tests compare it).
std::string totals_line(const DemoHistoryTotals& totals);

} // namespace kiosk::hub
