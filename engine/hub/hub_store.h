// The hub's storage, behind one interface (HubStore) so that the API, the
// admin commands and the dashboard never see SQL: the province's venues,
// kiosks (credentials and last heartbeat), managers' accounts, the usage
// buckets the kiosks sync, and the totals the dashboard reads. SQLite
// (sqlite_hub_store.h) is the embedded default; PostgreSQL (postgres_stores.h)
// is the other implementation, for hubs of several processes (issue 22). Checks on ids and names
// shared by every backend live here too.
#pragma once

#include "store_location.h"
#include "sync/sync_protocol.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace kiosk::hub {

// When a venue is open, in its local time (the dashboard's UTC offset): the
// hours a kiosk's availability is measured against (issue 20, part 4).
// Chinese venues commonly close on Mondays (周一闭馆): closed_weekdays bit 0.
struct OpeningHours {
    int open_minute = 9 * 60;     // 0..1439, local minute the venue opens
    int close_minute = 17 * 60;   // open_minute+60 .. 1440, local minute it closes
    unsigned closed_weekdays = 0; // bit 0 = Monday .. bit 6 = Sunday
    bool operator==(const OpeningHours&) const = default;
};

struct Venue {
    std::string id;
    std::string name_zh, name_en;
    std::string kind; // county_museum | mobile_exhibit
    OpeningHours opening_hours;
};

// A kiosk as registered by `admin add-kiosk`, with its last heartbeat (all
// zero / empty until its first sync).
struct KioskRecord {
    std::string id;
    std::string venue;
    std::string token_hash;       // crypto_pwhash_str of the whole token
    std::string public_key;       // base64 Ed25519 public key for bundles, or ""
    int64_t created_utc_ms = 0;   // hub clock when added; add_kiosk: 0 = now
    int64_t last_seen_utc_ms = 0; // hub clock at its last sync; 0 = never
    std::string software_version;
    std::string content_json; // [{"id":..,"version":..}] from the heartbeat
    int64_t uptime_s = 0;
    int64_t disk_free_mb = 0;
    int64_t errors = 0;
    int64_t clock_skew_ms = 0;      // kiosk clock minus hub clock at its last sync
    int64_t revoked_utc_ms = 0;     // when its token and key were revoked; 0 = never
    std::string content_state_json; // sync::ContentState's JSON from the heartbeat, "" = none
};

struct UserRecord {
    std::string name;
    std::string password_hash; // crypto_pwhash_str
    std::string role;          // province_admin | venue_manager
    std::string venue;         // for a venue_manager; "" for a province_admin
};

// One successful sync: what the kiosk sent and when the hub received it.
struct SyncWrite {
    std::string kiosk; // from the credential, never from the body
    const sync::SyncBatch* batch = nullptr;
    int64_t received_utc_ms = 0; // the kiosk's last-seen time this write records
    // The hub's clock now, for the epoch limit; 0 = received_utc_ms (a sync).
    // A bundle's received_utc_ms is the kiosk's clock at export, which the
    // bundle's signer chooses, so an import passes the hub's clock here.
    int64_t hub_now_utc_ms = 0;
    // When the hub heard from the kiosk, for its contact history: a bundle's
    // export time (the kiosk's clock, uncapped); 0 = received_utc_ms (a sync).
    // Not recorded as a contact when later than the hub's clock or before the
    // kiosk was added; the rest of the write is stored either way.
    int64_t contact_utc_ms = 0;
};

// How long the hub keeps its contact history (per kiosk and UTC hour): three
// years, enough for a month against the same month last year and a year's
// reports; older hours are pruned in a sync's transaction at most once a day.
constexpr int kContactRetentionDays = 3 * 366;

// How many epochs (kiosk.db files: a new one per reinstall) a kiosk may open
// in any kEpochWindowDays: a reinstall is rare, and every epoch is another
// set of buckets added to the totals. A batch opening one more is refused.
constexpr int kMaxEpochsPerWindow = 5;
constexpr int kEpochWindowDays = 30;
// The dashboard flags a kiosk that opened at least this many in the window.
constexpr int kEpochAlertCount = 3;

// What apply_sync did. True (as a bool) only when the batch was stored.
struct SyncResult {
    enum Outcome {
        stored,  // every change is durable
        refused, // the batch may never be stored as it is (the epoch limit, a
                 // total that would exceed 64 bits); `error` says why; nothing stored
        failed,  // the store could not take it now (locked, disk full); nothing stored
    };
    Outcome outcome = failed;
    operator bool() const { return outcome == stored; } // NOLINT: if (!store.apply_sync(...))
};

// Thrown by the dashboard's queries (HubStore, from daily_totals on) when the
// store cannot read their rows: an SQLite error, or a sum
// too large for 64 bits. Callers say the data could not be read; they never
// show an empty table for it.
class StoreReadError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The slice of the data a dashboard query reads: one venue (or every venue
// when `venue` is empty) and the days from..to, both included (YYYY-MM-DD).
// `kiosk` (issue 20, part 4) narrows it to one kiosk of that venue ("" =
// every kiosk); every query below that takes a scope honours it (a kiosk's
// sums are read from its buckets; a kiosk not of `venue` reads nothing).
// kiosk_health, epochs_opened_since and subject_titles take a venue: the
// dashboard narrows their kiosk rows itself, and titles are per venue.
// `venues` (a region's venues, issue 22): with `venue` empty and `venues`
// not, every query reads only those venues (a kiosk of none of them reads
// nothing); both empty = every venue. A region without venues is scoped by
// its caller to the list {""}, which no venue's id matches (is_valid_id).
struct QueryScope {
    std::string venue;
    std::string from, to;
    std::string kiosk;
    std::vector<std::string> venues;
};

// Whether `scope` reads a list of venues rather than one or every venue.
inline bool reads_venue_list(const QueryScope& scope) {
    return scope.venue.empty() && !scope.venues.empty();
}

// One kiosk's availability on one local day: the venue's opening hours that
// day (0 on a closed day) and how many of them the hub heard from the kiosk
// (a sync, or an imported bundle's export time), from the contact history
// the hub keeps per kiosk and hour.
struct AvailabilityDay {
    std::string kiosk;
    std::string day; // YYYY-MM-DD, local at the offset asked for
    int64_t open_hours = 0;
    int64_t available_hours = 0; // 0..open_hours
};

// One venue's visitors (sessions) and exhibit visits over a scope's days: a
// row of the province view's breakdown by venue.
struct VenueSummary {
    std::string venue;
    int64_t sessions = 0;
    int64_t exhibit_visits = 0;
};

struct DayTotals {
    std::string day;
    int64_t sessions = 0;
    int64_t session_ms = 0;
};

struct HourOfWeek {
    int weekday = 0; // 0 = Monday .. 6 = Sunday
    int hour = 0;    // 0..23, the local hour sessions started
    int64_t sessions = 0;
};

struct ExhibitTotals {
    std::string exhibit;
    int64_t visits = 0;
    int64_t dwell_ms = 0;
    int64_t interactions = 0;
    int64_t errors = 0;
};

struct QuestionTotals {
    std::string question; // PACK/QUESTION
    int64_t answers = 0;
    int64_t correct = 0;
};

// The sum over kiosks and epochs of one (kind, subject, metric).
struct MetricTotal {
    std::string kind, subject, metric;
    int64_t value = 0;
};

enum class ExhibitOrder { by_visits, by_dwell };

class HubStore {
public:
    virtual ~HubStore() = default;

    // Administration. False with `error` (naming the field) when an id is taken
    // or a reference is unknown; nothing is changed then.
    virtual bool add_venue(const Venue& venue, std::string& error) = 0;
    virtual bool add_kiosk(const KioskRecord& kiosk, std::string& error) = 0;
    virtual bool add_user(const UserRecord& user, std::string& error) = 0;
    virtual std::vector<Venue> venues() = 0;
    virtual std::vector<KioskRecord> kiosks() = 0; // every kiosk, by venue then id
    virtual std::vector<UserRecord> users() = 0;
    virtual std::optional<Venue> find_venue(const std::string& id) = 0;
    virtual std::optional<KioskRecord> find_kiosk(const std::string& id) = 0;
    virtual std::optional<UserRecord> find_user(const std::string& name) = 0;
    // A stolen or retired kiosk: its token and bundle key stop working at once;
    // its counts stay. False with `error` when there is no such kiosk.
    virtual bool revoke_kiosk(const std::string& id, int64_t now_utc_ms, std::string& error) = 0;

    // Stores every bucket of the batch whose seq is higher than the stored
    // one's, the batch's titles (for the kiosk's venue) and the heartbeat, in
    // one transaction that is durable when this returns stored. `stored` is
    // the number of buckets that changed. A batch with an epoch the kiosk has
    // not used before is refused when the kiosk already opened
    // kMaxEpochsPerWindow epochs in the last kEpochWindowDays.
    virtual SyncResult apply_sync(const SyncWrite& write, int64_t& stored, std::string& error) = 0;

    // The dashboard's queries (sums over kiosks and epochs). Each throws
    // StoreReadError when its rows cannot be read exactly.
    virtual std::vector<DayTotals> daily_totals(const QueryScope& scope) = 0;
    // Sessions by the weekday of their day and the hour they started.
    virtual std::vector<HourOfWeek> sessions_by_hour_of_week(const QueryScope& scope) = 0;
    virtual std::vector<ExhibitTotals> top_exhibits(const QueryScope& scope, ExhibitOrder order,
                                                    int limit) = 0;
    // Lowest accuracy (correct / answers) first; questions never answered last.
    virtual std::vector<QuestionTotals> quiz_accuracy(const QueryScope& scope) = 0;
    // Kiosks of a venue (or all when `venue` is empty), with their last heartbeat.
    virtual std::vector<KioskRecord> kiosk_health(const std::string& venue) = 0;
    // Kiosk id -> sessions over the scope's days, for each kiosk of the scope
    // with at least one (the monthly report's active kiosks; issue 20).
    virtual std::map<std::string, int64_t> kiosk_sessions(const QueryScope& scope) = 0;
    // Every (kind, subject, metric) total in the scope: exports and tests.
    virtual std::vector<MetricTotal> metric_totals(const QueryScope& scope) = 0;
    // The findings' totals (core/findings.h): exhibit visitors, finding events
    // and visitors, finding_value visitors.
    virtual std::vector<MetricTotal> finding_totals(const QueryScope& scope) = 0;
    // The display names for the subjects of one kind, by subject, as `venue`'s
    // managers see them: the latest its own kiosks sent. For every venue
    // (`venue` empty): the title the most venues hold, ties going to the one
    // held longest, so one venue's kiosk cannot rename what others see.
    virtual std::vector<sync::SubjectTitle> subject_titles(const std::string& venue,
                                                           const std::string& kind) = 0;
    // Kiosk id -> epochs it opened at or after `since_utc_ms` (hub clock), for
    // the kiosks of `venue` (all when empty) that opened any.
    virtual std::map<std::string, int64_t> epochs_opened_since(const std::string& venue,
                                                               int64_t since_utc_ms) = 0;

    // Issue 20, part 4. A venue's opening hours (admin set-hours); false with
    // `error` for an unknown venue or hours outside the rules above.
    virtual bool set_opening_hours(const std::string& venue, const OpeningHours& hours,
                                   std::string& error) = 0;
    // One row per kiosk of the scope (revoked ones included while they had
    // contacts) and per local day of scope.from..to at `utc_offset_min`,
    // by kiosk then day. Throws StoreReadError.
    virtual std::vector<AvailabilityDay> kiosk_availability(const QueryScope& scope,
                                                            int32_t utc_offset_min) = 0;
    // Per venue of the scope (every venue when `venue` is empty; with a
    // kiosk, its venue and its own numbers), by id, including venues with no
    // counts. Throws StoreReadError.
    virtual std::vector<VenueSummary> venue_summaries(const QueryScope& scope) = 0;
};

// Opens (creating when missing) the hub's store at `location`: hub.db (SQLite)
// in its data folder, or its PostgreSQL database. Null with `error` when the
// folder or database cannot be used.
std::unique_ptr<HubStore> open_hub_store(const StoreLocation& location, std::string& error);

// Ids of venues and kiosks: 1..64 of A-Z a-z 0-9 - _ (no dot: a token is
// "KIOSKID.SECRET"). User names: 1..64 of A-Z a-z 0-9 - _ . @
bool is_valid_id(const std::string& id);
bool is_valid_user_name(const std::string& name);
bool is_venue_kind(const std::string& kind);
bool is_user_role(const std::string& role);
// Why `hours` breaks OpeningHours' rules, in English ("" when they are fine);
// a venue closed all seven days is refused too.
std::string opening_hours_problem(const OpeningHours& hours);

} // namespace kiosk::hub
