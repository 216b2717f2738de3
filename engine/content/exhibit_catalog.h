// The exhibit catalog: every exhibit found in the config's exhibit_dirs. This
// file owns scanning those folders, the rule that one broken or duplicate
// exhibit is reported and left out while the rest still show, and the venue
// rule that content without a current scientific review is hidden from visitors
// (shown with a "not reviewed" badge in dev mode).
#pragma once

#include "content/content_manifest.h"
#include "content/package.h"

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
    std::vector<HiddenContent> hidden;     // valid, but not reviewed or review expired
    std::vector<std::string> unreviewed;   // dev mode: shown anyway, with a badge
    std::vector<std::string> problems;     // exhibits left out, missing folders
    std::vector<std::string> warnings;     // usable exhibits that need a look (e.g. no English)

    const ContentManifest* find(std::string_view id) const; // nullptr when absent
    bool is_unreviewed(std::string_view id) const;
};

struct CatalogOptions {
    bool show_unreviewed = false; // --dev: show unreviewed content, with a badge
    std::string today;            // YYYY-MM-DD; empty: the local date now
    // Packages (*.kpkg) in this folder are verified against `trusted_keys` and
    // added before the exhibit folders; a package that fails is left out with
    // its reason.
    std::string content_dir;
    std::vector<PublicKey> trusted_keys;
    PackageLimits package_limits;
};

// Notices a package added, replaced or removed in a content folder (by name,
// size and modification time), so the kiosk rescans only when something changed.
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

// Each package in options.content_dir, then each immediate subfolder of each
// dir that holds manifest.lua, is an exhibit or quiz pack.
// Folders are visited in the order given, subfolders by name; when two
// exhibits share an id the later one is left out. Never throws.
ExhibitCatalog scan_exhibit_dirs(const std::vector<std::string>& dirs,
                                 const CatalogOptions& options = {});

} // namespace kiosk
