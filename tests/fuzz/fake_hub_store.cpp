// The fuzz targets' in-memory HubStore (see fake_hub_store.h).
#include "fake_hub_store.h"

#include "fuzz_support.h"
#include "hub/credentials.h"

namespace kiosk::fuzz {

namespace {

std::vector<hub::Venue> fixed_venues() {
    return {{kFuzzVenueId, "示范县科技馆", "Demo County Science Museum", "county_museum"},
            {"mobile-unit", "流动科技馆一号车", "Mobile Exhibit Unit 1", "mobile_exhibit"}};
}

bool refuse(std::string& error) {
    error = "the fuzz store takes no registrations";
    return false;
}

} // namespace

FakeHubStore::FakeHubStore() {
    // A fixed secret: the store's token hash is made once per process.
    token_ = std::string(kFuzzKioskId) + ".fuzz-token-secret-0123456789abcdefghijklmnopq";
    kiosk_.id = kFuzzKioskId;
    kiosk_.venue = kFuzzVenueId;
    kiosk_.token_hash = hub::hash_token(token_);
    const PublicKey& key = fuzz_public_key();
    kiosk_.public_key =
        to_base64(std::string_view(reinterpret_cast<const char*>(key.key.data()), key.key.size()));
    kiosk_.created_utc_ms = kFuzzNowUtcMs - 86400000;
    if (kiosk_.token_hash.empty()) broken("cannot hash the fuzz kiosk token");
}

hub::UserRecord FakeHubStore::province_admin() const {
    return {"province", "", "province_admin", ""};
}

hub::UserRecord FakeHubStore::venue_manager() const {
    return {"county-manager", "", "venue_manager", kFuzzVenueId};
}

bool FakeHubStore::add_venue(const hub::Venue&, std::string& error) {
    return refuse(error);
}
bool FakeHubStore::add_kiosk(const hub::KioskRecord&, std::string& error) {
    return refuse(error);
}
bool FakeHubStore::add_user(const hub::UserRecord&, std::string& error) {
    return refuse(error);
}

std::vector<hub::Venue> FakeHubStore::venues() {
    return fixed_venues();
}

std::vector<hub::KioskRecord> FakeHubStore::kiosks() {
    return {kiosk_};
}

std::vector<hub::UserRecord> FakeHubStore::users() {
    return {province_admin(), venue_manager()};
}

std::optional<hub::Venue> FakeHubStore::find_venue(const std::string& id) {
    for (const hub::Venue& venue : fixed_venues())
        if (venue.id == id) return venue;
    return std::nullopt;
}

std::optional<hub::KioskRecord> FakeHubStore::find_kiosk(const std::string& id) {
    if (id == kiosk_.id) return kiosk_;
    return std::nullopt;
}

std::optional<hub::UserRecord> FakeHubStore::find_user(const std::string& name) {
    for (const hub::UserRecord& user : users())
        if (user.name == name) return user;
    return std::nullopt;
}

bool FakeHubStore::revoke_kiosk(const std::string&, int64_t, std::string& error) {
    return refuse(error);
}

hub::SyncResult FakeHubStore::apply_sync(const hub::SyncWrite& write, int64_t& stored,
                                         std::string& error) {
    if (!write.batch) broken("apply_sync without a batch");
    if (write.kiosk != kiosk_.id)
        broken("apply_sync for a kiosk that is not registered", write.kiosk);
    for (const sync::Bucket& bucket : write.batch->buckets)
        if (std::string problem = sync::bucket_problem(bucket); !problem.empty())
            broken("the hub would store a bucket the protocol refuses", problem);
    for (const sync::SubjectTitle& title : write.batch->titles)
        if (std::string problem = sync::title_problem(title); !problem.empty())
            broken("the hub would store a title the protocol refuses", problem);
    ++writes;
    buckets_written += int64_t(write.batch->buckets.size());
    stored = int64_t(write.batch->buckets.size());
    error.clear();
    return {hub::SyncResult::stored};
}

// The dashboard's reads: a few fixed rows, so the page has charts to draw.
std::vector<hub::DayTotals> FakeHubStore::daily_totals(const hub::QueryScope& scope) {
    return {{scope.from, 12, 12 * 95000}, {scope.to, 30, 30 * 81000}};
}

std::vector<hub::HourOfWeek> FakeHubStore::sessions_by_hour_of_week(const hub::QueryScope&) {
    return {{0, 9, 4}, {5, 14, 11}, {6, 10, 7}};
}

std::vector<hub::ExhibitTotals> FakeHubStore::top_exhibits(const hub::QueryScope&,
                                                           hub::ExhibitOrder, int limit) {
    std::vector<hub::ExhibitTotals> rows = {{"pendulum-lab", 40, 3600000, 120, 0},
                                            {"water-cycle", 25, 1500000, 60, 1}};
    if (limit >= 0 && rows.size() > size_t(limit)) rows.resize(size_t(limit));
    return rows;
}

std::vector<hub::QuestionTotals> FakeHubStore::quiz_accuracy(const hub::QueryScope&) {
    return {{"general-science/moon-phase", 20, 9}, {"general-science/rainbow", 0, 0}};
}

std::vector<hub::KioskRecord> FakeHubStore::kiosk_health(const std::string& venue) {
    if (venue.empty() || venue == kiosk_.venue) return {kiosk_};
    return {};
}

std::vector<hub::MetricTotal> FakeHubStore::metric_totals(const hub::QueryScope&) {
    return {{"kiosk", "", "sessions", 42}, {"exhibit", "pendulum-lab", "visits", 40}};
}

std::vector<hub::MetricTotal> FakeHubStore::finding_totals(const hub::QueryScope&) {
    return {{"exhibit", "pendulum-lab", "visitors", 30},
            {"finding", "pendulum-lab/resonance", "visitors", 12}};
}

std::vector<sync::SubjectTitle> FakeHubStore::subject_titles(const std::string&,
                                                             const std::string& kind) {
    if (kind == "exhibit") return {{"exhibit", "pendulum-lab", "单摆实验室", "Pendulum Lab"}};
    return {};
}

std::map<std::string, int64_t> FakeHubStore::epochs_opened_since(const std::string&, int64_t) {
    return {{kiosk_.id, 1}};
}

bool FakeHubStore::set_opening_hours(const std::string&, const hub::OpeningHours&,
                                     std::string& error) {
    error = "the fuzz store keeps no opening hours";
    return false;
}

std::vector<hub::AvailabilityDay> FakeHubStore::kiosk_availability(const hub::QueryScope&,
                                                                   int32_t) {
    return {};
}

std::vector<hub::VenueSummary> FakeHubStore::venue_summaries(const hub::QueryScope&) {
    return {};
}

} // namespace kiosk::fuzz
