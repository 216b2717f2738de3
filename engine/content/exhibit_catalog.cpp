// Exhibit catalog scanning: lists exhibit folders, loads each manifest, keeps
// the good ones (first of each id wins) and records why the others were left out.
#include "content/exhibit_catalog.h"

#include "content/quiz.h"
#include "core/civil_time.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <system_error>
#include <thread>

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

// The *.kpkg files of `dir`, sorted.
std::vector<fs::path> package_files(const std::string& dir, std::error_code& error) {
    std::vector<fs::path> files;
    fs::directory_iterator it(dir, error);
    for (; !error && it != fs::directory_iterator(); it.increment(error)) {
        std::error_code ignored;
        if (it->path().extension() == ".kpkg" && it->is_regular_file(ignored))
            files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

bool ContentDirWatcher::changed() {
    std::vector<std::string> now;
    std::error_code error;
    for (const fs::path& file : package_files(dir_, error)) {
        std::error_code ignored;
        auto time = fs::last_write_time(file, ignored).time_since_epoch().count();
        now.push_back(file.string() + "|" + std::to_string(fs::file_size(file, ignored)) + "|" +
                      std::to_string(time));
    }
    if (now == snapshot_) return false;
    snapshot_ = std::move(now);
    return true;
}

ExhibitCatalog scan_exhibit_dirs(const std::vector<std::string>& dirs,
                                 const CatalogOptions& options) {
    ExhibitCatalog catalog;
    const std::string today = options.today.empty() ? machine_local_day_today() : options.today;
    std::vector<ContentManifest> found;
    if (!options.content_dir.empty()) {
        std::error_code error;
        if (!fs::is_directory(options.content_dir, error))
            catalog.problems.push_back(options.content_dir + ": content folder not found");
        // Verifying is most of a cold start: every core takes its share of the packages.
        const std::vector<fs::path> files = package_files(options.content_dir, error);
        struct Checked {
            std::shared_ptr<Package> package;
            std::string problem;
        };
        std::vector<Checked> checked(files.size());
        std::atomic<size_t> next{0};
        const auto work = [&] {
            for (size_t i = next++; i < files.size(); i = next++) {
                Checked& result = checked[i];
                result.package =
                    Package::open(files[i].string(), options.package_limits, result.problem);
                if (!result.package) {
                    result.problem += " (left out; retried when the file changes)";
                    continue;
                }
                VerifyResult verified = verify_package(*result.package, options.trusted_keys);
                if (!verified.ok) {
                    result.problem = files[i].string() + ": refused: " + verified.problem;
                    result.package.reset();
                }
            }
        };
        const unsigned helpers =
            std::min<unsigned>(std::max(1u, std::thread::hardware_concurrency()), 8) - 1;
        std::vector<std::thread> threads;
        for (unsigned i = 0; i < helpers && i + 1 < files.size(); ++i)
            threads.emplace_back(work);
        work();
        for (std::thread& thread : threads)
            thread.join();
        for (Checked& result : checked) {
            if (!result.package) {
                catalog.problems.push_back(result.problem);
                continue;
            }
            std::shared_ptr<Package> package = std::move(result.package);
            ManifestLoadResult loaded =
                load_content_manifest(*package, package->describe("manifest.lua"));
            append(catalog.warnings, loaded.warnings);
            if (!loaded.ok()) {
                append(catalog.problems, loaded.errors);
                continue;
            }
            loaded.manifest->files = std::move(package);
            found.push_back(std::move(*loaded.manifest));
        }
    }
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
            found.push_back(std::move(*loaded.manifest));
        }
    }
    for (ContentManifest& manifest : found) {
        const std::string where = manifest.folder.empty() ? manifest.files->describe("manifest.lua")
                                                          : manifest.folder + "/manifest.lua";
        auto [existing, inserted] = folder_by_id.emplace(
            manifest.id, manifest.folder.empty() ? manifest.files->describe("") : manifest.folder);
        if (!inserted) {
            catalog.problems.push_back(where + ": exhibit id '" + manifest.id +
                                       "' is already used by " + existing->second +
                                       "; this copy is left out");
            continue;
        }
        {
            if (std::string problem = review_problem(manifest, today); !problem.empty()) {
                if (!options.show_unreviewed) {
                    catalog.hidden.push_back({manifest.id, problem});
                    continue;
                }
                catalog.unreviewed.push_back(manifest.id);
            }
            if (manifest.kind == ContentKind::Quiz) {
                // A quiz pack's data is checked now, so a tile never opens a broken quiz.
                std::string text, error;
                QuizLoadResult quiz;
                if (manifest.files->read(manifest.entry, text, error))
                    quiz = load_quiz(
                        text, manifest.files->describe(manifest.entry),
                        [&](const std::string& name) { return manifest.files->exists(name); });
                else
                    quiz.errors.push_back(error);
                append(catalog.warnings, quiz.warnings);
                if (!quiz.ok()) {
                    append(catalog.problems, quiz.errors);
                    continue;
                }
                catalog.quizzes.push_back(std::move(manifest));
            } else
                catalog.exhibits.push_back(std::move(manifest));
        }
    }
    const auto by_id = [](const ContentManifest& a, const ContentManifest& b) {
        return a.id < b.id;
    };
    std::sort(catalog.exhibits.begin(), catalog.exhibits.end(), by_id);
    std::sort(catalog.quizzes.begin(), catalog.quizzes.end(), by_id);
    return catalog;
}

} // namespace kiosk
