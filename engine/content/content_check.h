// Checking content before it ships (`kioskctl validate`): everything the kiosk
// would refuse or hide, found at the curator's desk instead. For a folder or a
// package: the manifest schema; a current scientific review; the thumbnail and
// every referenced image exist and decode; exhibit Lua files compile; quiz
// data follows its schema; every character of the text files is in the
// kiosk's font; every file reads (a package's damaged data is found even
// where nothing refers to it) and every picture decodes, referenced or not;
// in an exhibit, every picture fits the exhibit's picture budget (kiosk.image
// could load any of them). Messages read "FILE:LINE: message" where a line is
// known.
#pragma once

#include "content/content_manifest.h"
#include "core/file_source.h"
#include "core/kiosk_config.h"

#include <optional>
#include <string>
#include <vector>

namespace kiosk {

struct ContentCheckOptions {
    std::string font_path = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
    int font_face = 0;
    std::string today; // YYYY-MM-DD; empty: the local date now
    // An exhibit's pictures share its memory cap (the kiosk config's
    // exhibit_limits.memory_mb): a picture larger than all of it never shows.
    size_t picture_budget_bytes = size_t(ExhibitLimitsConfig{}.memory_mb) << 20;
};

struct ContentCheckReport {
    std::vector<std::string> errors;
    std::vector<std::string> warnings;
    std::optional<ContentManifest> manifest;
    bool ok() const { return errors.empty(); }
};

// `label` names the source in messages: a folder path, or "FILE.kpkg:".
ContentCheckReport check_content(const FileSource& source, const std::string& label,
                                 const ContentCheckOptions& options);

} // namespace kiosk
