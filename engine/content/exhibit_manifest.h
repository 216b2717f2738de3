// Exhibit manifests: every exhibit folder holds manifest.lua (who it is), an
// entry script and a thumbnail image. This file owns the manifest schema and
// its validation; running the entry script is engine/script's job, decoding
// the thumbnail the renderer's.
//
// manifest.lua:
//   return {
//     id = "pendulum-lab",        -- required: 3..48 of [a-z0-9-], unique across the kiosk
//     version = "1.0.0",          -- required: MAJOR.MINOR.PATCH, digits only
//     title = { zh = "单摆实验室", en = "Pendulum Lab" }, -- required; missing en = warning
//     summary = { zh = "...", en = "..." },               -- required; missing en = warning
//     thumbnail = "thumbnail.png", -- required: path inside the folder; the file must exist
//     entry = "main.lua",          -- default "main.lua": path inside the folder
//   }
// Paths inside the folder use "/", are relative, and never contain "..".
#pragma once

#include "core/bilingual.h"

#include <optional>
#include <string>
#include <vector>

namespace kiosk {

struct ExhibitManifest {
    std::string folder; // absolute, normalized
    std::string id;
    std::string version;
    Bilingual title;
    Bilingual summary;
    std::string thumbnail_path; // absolute; exists when loaded
    std::string entry_path;     // absolute; not checked yet
};

// Either `manifest` or errors ("FOLDER/manifest.lua:LINE: key: message");
// warnings may come with either.
struct ManifestLoadResult {
    std::optional<ExhibitManifest> manifest;
    std::vector<std::string> errors;
    std::vector<std::string> warnings;
    bool ok() const { return manifest.has_value(); }
};

ManifestLoadResult load_exhibit_manifest(const std::string& folder);

} // namespace kiosk
