// The kiosk's hub content, as the app sees it (issue 17, parts 4-6): the
// content updater (sync/content_updater.h) started when the config trusts a
// hub content key and has a way to receive content (the sync section's hub
// and token, or content_import_dirs), stopped on shutdown; its state for the
// heartbeat and the admin overlay's hub content row; and a sync answer naming
// another snapshot version turned into an updater round. Downloads and checks
// run on the updater's thread only: nothing here waits on the network or the
// disk. A switched live.json reaches the home screen through the content
// folder watcher (kiosk_app.cpp), between visitors.
//
// The snapshot names the kiosk it is for: with sync, the kiosk id of the token
// ("KIOSKID.SECRET"), which is how the hub knows the kiosk; without sync (USB
// only) the config's kiosk_name, so the hub's kiosk id must equal it.
#pragma once

#include "admin_overlay.h"
#include "content/package.h"
#include "content/package_trust.h"
#include "core/kiosk_config.h"
#include "sync/content_updater.h"

#include <memory>
#include <optional>
#include <string>

namespace kiosk {

class KioskContent {
public:
    // Whether `config` asks for hub content at all.
    static bool wanted(const KioskConfig& config);

    // Starts the updater for `config` (wanted() must be true) with the trust
    // roots and limits the catalog uses. Never fails: when it cannot start (a
    // content key or the token cannot be read, no content_dir), problem()
    // says why and the kiosk runs with what it has.
    KioskContent(const KioskConfig& config, const TrustRoots& trust, const PackageLimits& limits);
    ~KioskContent(); // stops the updater: a download in flight is cancelled
    KioskContent(const KioskContent&) = delete;
    KioskContent& operator=(const KioskContent&) = delete;

    // Any thread, non-blocking: the updater's state for the heartbeat
    // (nullopt when it could not start).
    std::optional<sync::ContentState> state() const;
    // Sync thread: a round soon when the hub's answer names a snapshot
    // version other than the accepted one.
    void on_sync_answer(const sync::SyncAnswer& answer);
    // Frame thread, non-blocking: the admin overlay's row.
    AdminContentInfo info() const;

    const std::string& problem() const { return problem_; }

private:
    std::string problem_;
    std::unique_ptr<sync::ContentUpdater> updater_;
};

} // namespace kiosk
