// KioskNotices: the poller's options from the config (venue id, notice keys,
// poll interval, import folders, the HTTP transport when syncing) and its
// state as the admin overlay's row.
#include "kiosk_notices.h"

#include "core/log.h"
#include "core/signing_keys.h"
#include "sync/kiosk_credentials.h"

namespace kiosk {

bool KioskNotices::wanted(const KioskConfig& config) {
    return !config.trusted_notice_keys.empty() &&
           (config.sync.has_value() || !config.content_import_dirs.empty());
}

KioskNotices::KioskNotices(const KioskConfig& config, std::function<int64_t()> utc_now_ms,
                           std::function<int64_t()> monotonic_now_ms) {
    sync::NoticePollerOptions options;
    options.kiosk_db = config.data_dir + "/kiosk.db";
    options.own_venue = config.venue.id;
    options.import_dirs = config.content_import_dirs;
    options.poll_interval_ms = int64_t(config.notices.poll_s) * 1000;
    options.utc_now_ms = std::move(utc_now_ms);
    options.monotonic_now_ms = std::move(monotonic_now_ms);
    for (const std::string& file : config.trusted_notice_keys) {
        std::string error;
        std::optional<PublicKey> key = read_public_key(file, error);
        if (!key) {
            problem_ = config.source_path + ": trusted_notice_keys: " + error;
            break;
        }
        options.notice_keys.push_back(*key);
    }
    std::unique_ptr<sync::SyncTransport> transport;
    if (problem_.empty() && config.sync) {
        std::string token;
        transport = sync::make_hub_transport(*config.sync, token, problem_);
    }
    if (!problem_.empty()) {
        log_error("emergency notices cannot start: " + problem_);
        return;
    }
    poller_ = std::make_unique<sync::NoticePoller>(std::move(options), std::move(transport));
    poller_->start();
    log_info("emergency notices for venue " + config.venue.id +
             (config.sync ? " from " + config.sync->hub_url + " every " +
                                std::to_string(config.notices.poll_s) + " s"
                          : std::string()) +
             (config.content_import_dirs.empty()
                  ? std::string()
                  : " and from " + std::to_string(config.content_import_dirs.size()) +
                        " import folder(s)"));
}

KioskNotices::~KioskNotices() {
    if (poller_) poller_->stop();
}

std::vector<sync::BoardNotice> KioskNotices::showing() const {
    return poller_ ? poller_->showing() : std::vector<sync::BoardNotice>{};
}

int64_t KioskNotices::generation() const {
    return poller_ ? poller_->generation() : 0;
}

void KioskNotices::mark_shown(const std::string& identifier) {
    if (poller_) poller_->mark_shown(identifier);
}

void KioskNotices::count_viewer(const std::string& identifier) {
    if (poller_) poller_->count_viewer(identifier);
}

void KioskNotices::count_opened(const std::string& identifier) {
    if (poller_) poller_->count_opened(identifier);
}

void KioskNotices::on_sync_answer(const sync::SyncAnswer& answer) {
    if (poller_ && answer.notices_version) poller_->on_notices_version(*answer.notices_version);
}

std::vector<sync::NoticeReceipt> KioskNotices::receipts() const {
    return poller_ ? poller_->receipts() : std::vector<sync::NoticeReceipt>{};
}

AdminNoticeInfo KioskNotices::info() const {
    AdminNoticeInfo info;
    info.wanted = true;
    if (!poller_) {
        info.problem = problem_;
        return info;
    }
    info.problem = poller_->problem();
    for (const sync::BoardNotice& held : poller_->held())
        info.held.push_back(held.notice.identifier + " " + sync::to_cap(held.notice.msg_type) +
                            " " + sync::to_cap(held.notice.severity) + " " +
                            sync::to_cap(held.notice.status) + " " + held.notice.headline.zh);
    for (const sync::NoticeRefusal& refusal : poller_->refusals())
        info.refused.push_back(refusal.at + " " + refusal.offer + " " + refusal.source + " " +
                               refusal.identifier + ": " + refusal.reason);
    return info;
}

} // namespace kiosk
