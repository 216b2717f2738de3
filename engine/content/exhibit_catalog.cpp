// Exhibit catalog scanning: reads the live list and the content folder's
// packages (checked on every core at once), lists exhibit folders, loads each
// manifest, keeps the good ones (first of each id wins), records why the others
// were left out or hidden, and puts the live list's order first.
#include "content/exhibit_catalog.h"

#include "content/live_list.h"
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

std::vector<ContentManifest> ExhibitCatalog::home_items() const {
    std::vector<ContentManifest> items;
    for (const std::string& id : home_order) {
        const auto same = [&](const ContentManifest& item) { return item.id == id; };
        if (auto it = std::find_if(exhibits.begin(), exhibits.end(), same); it != exhibits.end())
            items.push_back(*it);
        else if (auto quiz = std::find_if(quizzes.begin(), quizzes.end(), same);
                 quiz != quizzes.end())
            items.push_back(*quiz);
    }
    return items;
}

bool ContentDirWatcher::changed() {
    std::vector<std::string> now;
    std::error_code error;
    std::vector<fs::path> watched = package_files(dir_, error);
    watched.push_back(fs::path(dir_) / kLiveListName);
    for (const fs::path& file : watched) {
        std::error_code ignored;
        auto time = fs::last_write_time(file, ignored).time_since_epoch().count();
        now.push_back(file.string() + "|" + std::to_string(fs::file_size(file, ignored)) + "|" +
                      std::to_string(time));
    }
    if (now == snapshot_) return false;
    snapshot_ = std::move(now);
    return true;
}

namespace {

// A package file to read, and what the live list says it holds (when it names it).
struct PackageToCheck {
    fs::path file;
    std::optional<LivePackage> live;
};

// A package read and judged, before the catalog takes it in.
struct CheckedPackage {
    std::shared_ptr<Package> package;
    std::optional<ManifestLoadResult> manifest;
    PackageTrust trust;
    std::string problem; // left out: unreadable, not signed, not what live.json names
};

CheckedPackage check_package(const PackageToCheck& item, const CatalogOptions& options,
                             const std::string& today) {
    CheckedPackage result;
    const std::string path = item.file.string();
    result.package = Package::open(path, options.package_limits, result.problem);
    if (!result.package) {
        result.problem += " (left out; retried when the file changes)";
        return result;
    }
    // The signature first: nothing of a package no trusted publisher made is read.
    if (VerifyResult signed_by = verify_package_once(*result.package, options.trust.publishers,
                                                     options.verify_cache.get());
        !signed_by.ok) {
        result.problem = path + ": refused: " + signed_by.problem;
        result.package.reset();
        return result;
    }
    ManifestLoadResult loaded =
        load_content_manifest(*result.package, result.package->describe("manifest.lua"));
    if (loaded.ok() && item.live &&
        (loaded.manifest->id != item.live->id || loaded.manifest->version != item.live->version)) {
        result.problem = path + ": refused: it holds " + loaded.manifest->id + " " +
                         loaded.manifest->version + ", but " + kLiveListName + " names " +
                         item.live->id + " " + item.live->version;
        result.package.reset();
        return result;
    }
    if (loaded.ok()) {
        result.trust =
            check_package_trust(*result.package, loaded.manifest->review, options.trust, today);
        const PackageTrustStatus status = result.trust.status;
        if (status == PackageTrustStatus::Unsigned || status == PackageTrustStatus::Unreadable) {
            result.problem = path + ": refused: " + result.trust.problem;
            result.package.reset();
            return result;
        }
    }
    result.manifest = std::move(loaded);
    return result;
}

// The packages of options.content_dir: those live.json names (from hub/, in
// its order), then the folder's own *.kpkg by name.
std::vector<PackageToCheck> packages_to_check(const CatalogOptions& options,
                                              std::vector<std::string>& problems) {
    std::vector<PackageToCheck> items;
    std::error_code error;
    if (!fs::is_directory(options.content_dir, error)) {
        problems.push_back(options.content_dir + ": content folder not found");
        return items;
    }
    std::string live_error;
    if (std::optional<LiveList> live = read_live_list(options.content_dir, live_error)) {
        const fs::path hub = fs::path(options.content_dir) / kHubPackagesFolder;
        for (const LivePackage& package : live->packages) {
            std::error_code ignored;
            if (fs::is_regular_file(fs::symlink_status(hub / package.file, ignored)))
                items.push_back({hub / package.file, package});
            else
                problems.push_back((hub / package.file).string() + ": named in " + kLiveListName +
                                   " but not there as a file (left out)");
        }
    } else {
        problems.push_back(live_error + " (the hub's packages are left out until it is fixed)");
    }
    for (fs::path& file : package_files(options.content_dir, error))
        items.push_back({std::move(file), std::nullopt});
    return items;
}

// Reads and judges every package; verifying is most of a cold start, so every
// core takes its share.
std::vector<CheckedPackage> check_packages(const std::vector<PackageToCheck>& items,
                                           const CatalogOptions& options,
                                           const std::string& today) {
    std::vector<CheckedPackage> checked(items.size());
    std::atomic<size_t> next{0};
    const auto work = [&] {
        for (size_t i = next++; i < items.size(); i = next++)
            checked[i] = check_package(items[i], options, today);
    };
    const unsigned helpers =
        std::min<unsigned>(std::max(1u, std::thread::hardware_concurrency()), 8) - 1;
    std::vector<std::thread> threads;
    for (unsigned i = 0; i < helpers && i + 1 < items.size(); ++i)
        threads.emplace_back(work);
    work();
    for (std::thread& thread : threads)
        thread.join();
    return checked;
}

// One manifest found, with why visitors may not see it ("" when they may).
struct Found {
    ContentManifest manifest;
    std::string not_shown_because;
    bool live = false; // named by live.json: first on the home screen
};

// Whether the item shows, is badged (dev) or hidden; and quiz data checked.
void take_in(ExhibitCatalog& catalog, Found& found, const CatalogOptions& options,
             std::vector<std::string>& live_order) {
    ContentManifest& manifest = found.manifest;
    if (!found.not_shown_because.empty()) {
        if (!options.show_unreviewed) {
            catalog.hidden.push_back({manifest.id, found.not_shown_because});
            return;
        }
        catalog.unreviewed.push_back(manifest.id);
    }
    if (manifest.kind == ContentKind::Quiz) {
        // A quiz pack's data is checked now, so a tile never opens a broken quiz.
        std::string text, error;
        QuizLoadResult quiz;
        if (manifest.files->read(manifest.entry, text, error))
            quiz = load_quiz(text, manifest.files->describe(manifest.entry),
                             [&](const std::string& name) { return manifest.files->exists(name); });
        else
            quiz.errors.push_back(error);
        append(catalog.warnings, quiz.warnings);
        if (!quiz.ok()) {
            append(catalog.problems, quiz.errors);
            return;
        }
    }
    if (found.live) live_order.push_back(manifest.id);
    (manifest.kind == ContentKind::Quiz ? catalog.quizzes : catalog.exhibits)
        .push_back(std::move(manifest));
}

} // namespace

ExhibitCatalog scan_exhibit_dirs(const std::vector<std::string>& dirs,
                                 const CatalogOptions& options) {
    ExhibitCatalog catalog;
    const std::string today = options.today.empty() ? machine_local_day_today() : options.today;
    std::vector<Found> found;
    if (!options.content_dir.empty()) {
        const std::vector<PackageToCheck> items = packages_to_check(options, catalog.problems);
        std::vector<CheckedPackage> checked = check_packages(items, options, today);
        if (std::string error; options.verify_cache && !options.verify_cache->save(error))
            catalog.warnings.push_back(error + " (packages are verified in full at each start)");
        for (size_t i = 0; i < checked.size(); ++i) {
            CheckedPackage& result = checked[i];
            if (!result.package) {
                catalog.problems.push_back(result.problem);
                continue;
            }
            append(catalog.warnings, result.manifest->warnings);
            if (!result.manifest->ok()) {
                append(catalog.problems, result.manifest->errors);
                continue;
            }
            result.manifest->manifest->files = std::move(result.package);
            found.push_back({std::move(*result.manifest->manifest), result.trust.problem,
                             items[i].live.has_value()});
        }
    }
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
            std::string problem = review_problem(*loaded.manifest, today);
            found.push_back({std::move(*loaded.manifest), std::move(problem), false});
        }
    }
    std::map<std::string, std::string> folder_by_id;
    std::vector<std::string> live_order;
    for (Found& item : found) {
        const ContentManifest& manifest = item.manifest;
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
        take_in(catalog, item, options, live_order);
    }
    const auto by_id = [](const ContentManifest& a, const ContentManifest& b) {
        return a.id < b.id;
    };
    std::sort(catalog.exhibits.begin(), catalog.exhibits.end(), by_id);
    std::sort(catalog.quizzes.begin(), catalog.quizzes.end(), by_id);
    catalog.home_order = live_order;
    for (const auto* shown : {&catalog.exhibits, &catalog.quizzes})
        for (const ContentManifest& item : *shown)
            if (std::find(live_order.begin(), live_order.end(), item.id) == live_order.end())
                catalog.home_order.push_back(item.id);
    return catalog;
}

} // namespace kiosk
