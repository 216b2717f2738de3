// An in-memory HubStore for the hub's fuzz targets (sync body, bundle,
// dashboard query): two venues, one kiosk with a known token and the fuzz
// public key, a province administrator and a venue manager. apply_sync stores
// nothing but checks what the hub would store: every bucket and title must
// pass the protocol's own rules, and the writing kiosk must exist. Nothing
// persists between inputs except the fixed registrations.
#pragma once

#include "hub/hub_store.h"

#include <cstdint>
#include <string>

namespace kiosk::fuzz {

constexpr const char* kFuzzKioskId = "lobby-1";
constexpr const char* kFuzzVenueId = "county-museum";
constexpr int64_t kFuzzNowUtcMs = 1795000000000; // 2026-11-19, a fixed "now"

class FakeHubStore : public hub::HubStore {
public:
    FakeHubStore();

    // "lobby-1.SECRET": the kiosk's bearer token.
    const std::string& kiosk_token() const { return token_; }
    hub::UserRecord province_admin() const;
    hub::UserRecord venue_manager() const;

    // How many apply_sync calls and buckets reached the store since reset().
    int64_t writes = 0;
    int64_t buckets_written = 0;
    void reset() { writes = buckets_written = 0; }

    bool add_venue(const hub::Venue&, std::string& error) override;
    bool add_kiosk(const hub::KioskRecord&, std::string& error) override;
    bool add_user(const hub::UserRecord&, std::string& error) override;
    std::vector<hub::Venue> venues() override;
    std::vector<hub::KioskRecord> kiosks() override;
    std::vector<hub::UserRecord> users() override;
    std::optional<hub::Venue> find_venue(const std::string& id) override;
    std::optional<hub::KioskRecord> find_kiosk(const std::string& id) override;
    std::optional<hub::UserRecord> find_user(const std::string& name) override;
    bool revoke_kiosk(const std::string& id, int64_t now_utc_ms, std::string& error) override;
    hub::SyncResult apply_sync(const hub::SyncWrite& write, int64_t& stored,
                               std::string& error) override;
    std::vector<hub::DayTotals> daily_totals(const hub::QueryScope& scope) override;
    std::vector<hub::HourOfWeek> sessions_by_hour_of_week(const hub::QueryScope& scope) override;
    std::vector<hub::ExhibitTotals> top_exhibits(const hub::QueryScope& scope,
                                                 hub::ExhibitOrder order, int limit) override;
    std::vector<hub::QuestionTotals> quiz_accuracy(const hub::QueryScope& scope) override;
    std::vector<hub::KioskRecord> kiosk_health(const std::string& venue) override;
    std::map<std::string, int64_t> kiosk_sessions(const hub::QueryScope&) override { return {}; }
    std::vector<hub::MetricTotal> metric_totals(const hub::QueryScope& scope) override;
    std::vector<hub::MetricTotal> finding_totals(const hub::QueryScope& scope) override;
    std::vector<sync::SubjectTitle> subject_titles(const std::string& venue,
                                                   const std::string& kind) override;
    std::map<std::string, int64_t> epochs_opened_since(const std::string& venue,
                                                       int64_t since_utc_ms) override;
    bool set_opening_hours(const std::string& venue, const hub::OpeningHours& hours,
                           std::string& error) override;
    std::vector<hub::AvailabilityDay> kiosk_availability(const hub::QueryScope& scope,
                                                         int32_t utc_offset_min) override;
    std::vector<hub::VenueSummary> venue_summaries(const hub::QueryScope& scope) override;

private:
    std::string token_;
    hub::KioskRecord kiosk_;
};

} // namespace kiosk::fuzz
