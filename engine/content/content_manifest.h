// Content manifests: every exhibit or quiz pack (a folder, or a package made
// from one) holds manifest.lua (who it is, who wrote and who reviewed it), an
// entry file and a thumbnail image. This file owns the manifest schema, its
// validation, and what a review record means for showing content to visitors;
// running the entry is engine/script's job, decoding the thumbnail the renderer's.
//
// manifest.lua:
//   return {
//     id = "pendulum-lab",        -- required: 3..48 of [a-z0-9-], unique across the kiosk
//     kind = "exhibit",           -- required: "exhibit" (Lua) or "quiz" (quiz data)
//     version = "1.0.0",          -- required: MAJOR.MINOR.PATCH, digits only
//     title = { zh = "单摆实验室", en = "Pendulum Lab" }, -- required; missing en = warning
//     summary = { zh = "...", en = "..." },               -- required; missing en = warning
//     authors = { "青山县科技馆" },  -- required: 1..16 names
//     license = "CC-BY-4.0",      -- required
//     sources = { "..." },        -- optional: 1..16 references the science rests on
//     min_runtime = "0.1.0",      -- required: the oldest kiosk version it works with
//     review = {                  -- the scientific-accuracy review (absent: not reviewed)
//       reviewer = "...", organization = "...",
//       reviewed = "2026-11-01", expires = "2027-11-01", -- YYYY-MM-DD, expires after reviewed
//     },
//     thumbnail = "thumbnail.png", -- required: path inside the folder; the file must exist
//     entry = "main.lua",          -- default "main.lua" (exhibits) / "quiz.lua" (quizzes)
//   }
// Paths inside the folder use "/", are relative, and never contain "..".
#pragma once

#include "core/bilingual.h"
#include "core/content_ids.h"
#include "core/file_source.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

enum class ContentKind { Exhibit, Quiz };

struct ReviewRecord {
    std::string reviewer;
    std::string organization;
    std::string reviewed; // YYYY-MM-DD
    std::string expires;  // YYYY-MM-DD
};

inline constexpr size_t kMaxManifestSources = 16;
inline constexpr size_t kMaxManifestSourceBytes = 500;

struct ContentManifest {
    std::string folder; // absolute, normalized
    std::string id;
    ContentKind kind = ContentKind::Exhibit;
    std::string version;
    Bilingual title;
    Bilingual summary;
    std::vector<std::string> authors;
    std::string license;
    std::vector<std::string> sources; // references for the science (books, pages, standards)
    std::string min_runtime;
    std::optional<ReviewRecord> review;
    std::string thumbnail; // relative to the folder or package; exists when loaded
    std::string entry;     // relative; not checked here
    std::shared_ptr<const FileSource> files; // where `thumbnail`, `entry` and the rest are
    std::string thumbnail_path;              // folders only: absolute
    std::string entry_path;                  // folders only: absolute
};

// Either `manifest` or errors ("FOLDER/manifest.lua:LINE: key: message");
// warnings may come with either.
struct ManifestLoadResult {
    std::optional<ContentManifest> manifest;
    std::vector<std::string> errors;
    std::vector<std::string> warnings;
    bool ok() const { return manifest.has_value(); }
};

// Reads manifest.lua from `source` (a folder or a package); messages start
// with `label`. `runtime_version` is the kiosk's own version: content needing
// a newer one is an error (it names both versions).
ManifestLoadResult load_content_manifest(const FileSource& source, const std::string& label,
                                         const std::string& runtime_version = KIOSK_VERSION);
// The same for FOLDER/manifest.lua, also filling the folder's absolute paths.
ManifestLoadResult load_content_manifest(const std::string& folder,
                                         const std::string& runtime_version = KIOSK_VERSION);

// The manifest's rules for an id and a version, is_valid_content_id and
// is_valid_content_version, are in core/content_ids.h (included above), so
// engine/sync's snapshot checks them without the package reader.

// Whether visitors may see content: reviewed and not expired on `today`
// (YYYY-MM-DD, the kiosk's local date: machine_local_day_today() in core/civil_time.h).
enum class ReviewStatus { Reviewed, Missing, Expired };
ReviewStatus review_status(const ContentManifest& manifest, const std::string& today);
// "not reviewed" / "review expired on 2026-01-01", for the admin overlay and logs.
std::string review_problem(const ContentManifest& manifest, const std::string& today);

} // namespace kiosk
