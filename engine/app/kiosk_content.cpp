// KioskContent: the updater's options from the config (the kiosk's own id,
// folders, keys, limits, the HTTP transport when syncing), the sync answer's
// snapshot version, and the updater's state as the admin overlay's row.
#include "kiosk_content.h"

#include "core/log.h"
#include "core/signing_keys.h"
#include "sync/kiosk_credentials.h"

namespace kiosk {

bool KioskContent::wanted(const KioskConfig& config) {
    return !config.trusted_content_keys.empty() &&
           (config.sync.has_value() || !config.content_import_dirs.empty());
}

KioskContent::KioskContent(const KioskConfig& config, const TrustRoots& trust,
                           const PackageLimits& limits) {
    sync::ContentUpdaterOptions options;
    options.content_dir = config.content_dir;
    options.state_dir = config.data_dir + "/content";
    options.trust = trust;
    options.limits = limits;
    options.reserve_bytes = config.content_reserve_mb << 20;
    options.import_dirs = config.content_import_dirs;
    options.own_kiosk = config.kiosk_name;
    if (config.content_dir.empty())
        problem_ = config.source_path + ": content_dir is not set, so hub content has no folder";
    for (const std::string& file : config.trusted_content_keys) {
        if (!problem_.empty()) break;
        std::string error;
        std::optional<PublicKey> key = read_public_key(file, error);
        if (key)
            options.content_keys.push_back(*key);
        else
            problem_ = config.source_path + ": trusted_content_keys: " + error;
    }
    std::unique_ptr<sync::SyncTransport> transport;
    if (problem_.empty() && config.sync) {
        std::string token;
        transport = sync::make_hub_transport(*config.sync, token, problem_);
        if (!token.empty()) options.own_kiosk = sync::kiosk_id_of_token(token);
    }
    if (!problem_.empty()) {
        log_error("hub content cannot start: " + problem_);
        return;
    }
    const std::string own_kiosk = options.own_kiosk;
    updater_ = std::make_unique<sync::ContentUpdater>(std::move(options), std::move(transport));
    updater_->start();
    log_info("hub content for kiosk " + own_kiosk + " in " + config.content_dir +
             (config.sync ? " from " + config.sync->hub_url : std::string()) +
             (config.content_import_dirs.empty()
                  ? std::string()
                  : " and from " + std::to_string(config.content_import_dirs.size()) +
                        " import folder(s)"));
}

KioskContent::~KioskContent() {
    if (updater_) updater_->stop();
}

std::optional<sync::ContentState> KioskContent::state() const {
    if (!updater_) return std::nullopt;
    return updater_->state();
}

void KioskContent::on_sync_answer(const sync::SyncAnswer& answer) {
    if (updater_ && answer.content_snapshot_version &&
        *answer.content_snapshot_version != updater_->accepted_version())
        updater_->request_round();
}

AdminContentInfo KioskContent::info() const {
    AdminContentInfo info;
    if (!updater_) {
        info.state_key = "admin_hub_content_failed";
        info.reason = problem_;
        return info;
    }
    const sync::ContentState state = updater_->state();
    info.have = state.have;
    info.need = state.need;
    if (!state.failures.empty()) info.reason = state.failures.front().reason;
    info.state_key = "admin_hub_content_" + (state.state.empty() ? "none" : state.state);
    return info;
}

} // namespace kiosk
