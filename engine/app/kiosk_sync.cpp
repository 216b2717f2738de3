// KioskSync: reading the token, making the HTTP transport and the client,
// the heartbeat callback, and turning the client's status into the admin
// overlay's sync row.
#include "kiosk_sync.h"

#include "core/civil_time.h"
#include "core/log.h"
#include "sync/disk_space.h"
#include "sync/kiosk_credentials.h"
#include "telemetry/event_store.h"

#include <algorithm>

namespace kiosk {
namespace {

// The kiosk's own local "YYYY-MM-DD HH:MM" of a UTC time in ms; "" for 0.
std::string machine_local_minute(int64_t utc_ms) {
    if (utc_ms <= 0) return "";
    return local_minute(utc_ms, machine_utc_offset_min(utc_ms));
}

} // namespace

KioskSync::KioskSync(const KioskConfig& config, telemetry::EventStore* store, KioskContent* content,
                     KioskNotices* notices)
    : data_dir_(config.data_dir), content_(content), notices_(notices) {
    const SyncConfig& sync_config = *config.sync;
    if (!store) {
        problem_ = "visitor statistics are off, so there is nothing to sync";
        log_warning("sync is configured but " + problem_);
        return;
    }
    std::string token;
    std::unique_ptr<sync::SyncTransport> transport =
        sync::make_hub_transport(sync_config, token, problem_);
    if (!transport) {
        log_error("sync cannot start: " + problem_);
        return;
    }
    sync::SyncClientOptions options;
    options.kiosk_db = data_dir_ + "/kiosk.db";
    options.interval_ms = int64_t(sync_config.interval_s) * 1000;
    options.heartbeat = [this] { return heartbeat(); };
    options.acknowledge = [store](int64_t seq) { store->acknowledge_synced(seq); };
    // The visitor who just left is committed before the round reads kiosk.db.
    options.before_round = [store] { store->flush(); };
    if (content_ || notices_)
        options.on_answer = [this](const sync::SyncAnswer& answer) {
            if (content_) content_->on_sync_answer(answer);
            if (notices_) notices_->on_sync_answer(answer);
        };
    client_ = std::make_unique<sync::SyncClient>(std::move(options), std::move(transport));
    client_->start();
    log_info("syncing usage counts with " + sync_config.hub_url + " as kiosk " +
             sync::kiosk_id_of_token(token) + " every " + std::to_string(sync_config.interval_s) +
             " s and after each visitor");
}

KioskSync::~KioskSync() {
    if (client_) client_->stop();
}

void KioskSync::session_ended() {
    if (client_) client_->request_sync();
}

void KioskSync::set_content(std::vector<sync::ContentVersion> content) {
    std::lock_guard lock(mutex_);
    content_versions_ = std::move(content);
}

void KioskSync::count_error() {
    ++errors_;
}

sync::Heartbeat KioskSync::heartbeat() const {
    sync::Heartbeat heartbeat;
    heartbeat.software_version = KIOSK_VERSION;
    {
        std::lock_guard lock(mutex_);
        heartbeat.content = content_versions_;
    }
    if (content_) heartbeat.content_state = content_->state();
    if (notices_) heartbeat.notice_receipts = notices_->receipts();
    heartbeat.uptime_s = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::steady_clock::now() - started_)
                             .count();
    heartbeat.disk_free_mb = sync::disk_free_mb(data_dir_);
    heartbeat.errors = errors_.load();
    heartbeat.clock_utc_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    return heartbeat;
}

AdminSyncInfo KioskSync::info() const {
    AdminSyncInfo info;
    if (!client_) {
        info.state_key = "admin_sync_cannot_start";
        info.problem = problem_;
        return info;
    }
    const sync::SyncStatus status = client_->status();
    if (status.rounds == 0) {
        info.state_key = "admin_sync_never";
        return info;
    }
    info.when = machine_local_minute(status.last_attempt_utc_ms);
    if (status.last_ok) {
        info.state_key = "admin_sync_ok";
        return info;
    }
    info.state_key = "admin_sync_failed";
    info.last_success = machine_local_minute(status.last_success_utc_ms);
    const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    info.retry_in_s = std::max<int64_t>(
        0, (status.last_attempt_utc_ms + status.next_retry_in_ms - now_ms) / 1000);
    info.problem = status.last_error;
    return info;
}

} // namespace kiosk
