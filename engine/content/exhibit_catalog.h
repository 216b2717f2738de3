// The exhibit catalog: what the kiosk offers visitors. This file owns scanning
// the content folder (the hub-delivered packages live.json names, then
// packages copied in by hand) and the config's exhibit_dirs, the rule that one
// broken or duplicate item is reported and left out while the rest still show,
// the venue rule (content/package_trust.h: a package shows only when signed,
// approved by a trusted reviewer and its manifest agrees; hidden otherwise,
// shown with a "not reviewed" badge in dev mode), and the home-screen order.
#pragma once

#include "content/content_manifest.h"
#include "content/package.h"
#include "content/package_trust.h"
#include "content/package_verify_cache.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

struct HiddenContent {
    std::string id;
    std::string reason; // "not reviewed (no review record)", "review expired on ..."
};

struct ExhibitCatalog {
    std::vector<ContentManifest> exhibits; // shown: sorted by id, ids unique
    std::vector<ContentManifest> quizzes;  // quiz packs whose quiz data loads: sorted by id
    // Every shown id in home-screen order: the live list's packages in its
    // order, then the other exhibits by id, then the other quizzes by id.
    std::vector<std::string> home_order;
    std::vector<HiddenContent> hidden;   // valid, but not reviewed or review expired
    std::vector<std::string> unreviewed; // dev mode: shown anyway, with a badge
    std::vector<std::string> problems;   // exhibits left out, missing folders
    std::vector<std::string> warnings;   // usable exhibits that need a look (e.g. no English)

    const ContentManifest* find(std::string_view id) const; // nullptr when absent
    bool is_unreviewed(std::string_view id) const;
    // The exhibits and quizzes, in home_order.
    std::vector<ContentManifest> home_items() const;
};

struct CatalogOptions {
    bool show_unreviewed = false; // --dev: show unreviewed content, with a badge
    std::string today;            // YYYY-MM-DD; empty: the local date now
    // The content folder: the packages its live.json names (in hub/), then its
    // own *.kpkg, each checked against `trust` (check_package_trust) and added
    // before the exhibit folders; a package that fails is left out (not
    // signed, unreadable) or hidden (not approved) with its reason.
    std::string content_dir;
    TrustRoots trust;
    PackageLimits package_limits;
    // DATA/package-verify-cache (content/package_verify_cache.h), saved after
    // each scan; null: every package is verified in full.
    std::shared_ptr<PackageVerifyCache> verify_cache;
};

// Notices a package added, replaced or removed in a content folder, or its
// live.json rewritten (by name, size and modification time), so the kiosk
// rescans only when something changed.
class ContentDirWatcher {
public:
    explicit ContentDirWatcher(std::string content_dir) : dir_(std::move(content_dir)) {
        changed();
    }
    bool changed();

private:
    std::string dir_;
    std::vector<std::string> snapshot_;
};

// Each package live.json names in options.content_dir/hub/, each package in
// options.content_dir, then each immediate subfolder of each dir that holds
// manifest.lua, is an exhibit or quiz pack.
// Folders are visited in the order given, subfolders by name; when two
// exhibits share an id the later one is left out. Never throws.
ExhibitCatalog scan_exhibit_dirs(const std::vector<std::string>& dirs,
                                 const CatalogOptions& options = {});

} // namespace kiosk
