// The exhibit catalog: every exhibit found in the config's exhibit_dirs. This
// file owns scanning those folders, and the rule that one broken or duplicate
// exhibit is reported and left out while the rest still show.
#pragma once

#include "content/exhibit_manifest.h"

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

struct ExhibitCatalog {
    std::vector<ExhibitManifest> exhibits; // sorted by id, ids unique
    std::vector<std::string> problems;     // exhibits left out, missing folders
    std::vector<std::string> warnings;     // usable exhibits that need a look (e.g. no English)

    const ExhibitManifest* find(std::string_view id) const; // nullptr when absent
};

// Each immediate subfolder of each dir that holds manifest.lua is an exhibit.
// Folders are visited in the order given, subfolders by name; when two
// exhibits share an id the later one is left out. Never throws.
ExhibitCatalog scan_exhibit_dirs(const std::vector<std::string>& dirs);

} // namespace kiosk
