// Exhibit catalog scanning: lists exhibit folders, loads each manifest, keeps
// the good ones (first of each id wins) and records why the others were left out.
#include "content/exhibit_catalog.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>

namespace kiosk {
namespace fs = std::filesystem;

namespace {

// Immediate subfolders of `dir` holding manifest.lua, sorted by path.
std::vector<fs::path> exhibit_folders(const fs::path& dir, std::error_code& error) {
    std::vector<fs::path> folders;
    fs::directory_iterator it(dir, error);
    for (; !error && it != fs::directory_iterator(); it.increment(error)) {
        std::error_code ignored;
        if (it->is_directory(ignored) && fs::is_regular_file(it->path() / "manifest.lua", ignored))
            folders.push_back(it->path());
    }
    std::sort(folders.begin(), folders.end());
    return folders;
}

void append(std::vector<std::string>& to, const std::vector<std::string>& from) {
    to.insert(to.end(), from.begin(), from.end());
}

} // namespace

const ContentManifest* ExhibitCatalog::find(std::string_view id) const {
    for (const ContentManifest& exhibit : exhibits)
        if (exhibit.id == id) return &exhibit;
    return nullptr;
}

bool ExhibitCatalog::is_unreviewed(std::string_view id) const {
    return std::find(unreviewed.begin(), unreviewed.end(), id) != unreviewed.end();
}

ExhibitCatalog scan_exhibit_dirs(const std::vector<std::string>& dirs,
                                 const CatalogOptions& options) {
    ExhibitCatalog catalog;
    const std::string today = options.today.empty() ? local_date_today() : options.today;
    std::map<std::string, std::string> folder_by_id;
    for (const std::string& dir : dirs) {
        std::error_code error;
        if (!fs::is_directory(dir, error)) {
            catalog.problems.push_back(dir + ": exhibit folder not found");
            continue;
        }
        std::vector<fs::path> folders = exhibit_folders(dir, error);
        if (error) catalog.problems.push_back(dir + ": cannot list the folder: " + error.message());
        for (const fs::path& folder : folders) {
            ManifestLoadResult loaded = load_content_manifest(folder.string());
            append(catalog.warnings, loaded.warnings);
            if (!loaded.ok()) {
                append(catalog.problems, loaded.errors);
                continue;
            }
            auto [existing, inserted] =
                folder_by_id.emplace(loaded.manifest->id, loaded.manifest->folder);
            if (!inserted) {
                catalog.problems.push_back(loaded.manifest->folder + "/manifest.lua: exhibit id '" +
                                           loaded.manifest->id + "' is already used by " +
                                           existing->second + "; this copy is left out");
                continue;
            }
            ContentManifest& manifest = *loaded.manifest;
            if (std::string problem = review_problem(manifest, today); !problem.empty()) {
                if (!options.show_unreviewed) {
                    catalog.hidden.push_back({manifest.id, problem});
                    continue;
                }
                catalog.unreviewed.push_back(manifest.id);
            }
            if (manifest.kind == ContentKind::Quiz)
                catalog.quizzes.push_back(std::move(manifest));
            else
                catalog.exhibits.push_back(std::move(manifest));
        }
    }
    std::sort(catalog.exhibits.begin(), catalog.exhibits.end(),
              [](const ContentManifest& a, const ContentManifest& b) { return a.id < b.id; });
    return catalog;
}

} // namespace kiosk
