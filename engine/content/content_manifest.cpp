// Content manifest loading: reads FOLDER/manifest.lua with DataReader and
// checks the id, kind, versions, authors, review dates and in-folder paths, and
// that the thumbnail exists.
#include "content/content_manifest.h"

#include "core/civil_time.h"
#include "core/content_ids.h"
#include "core/data_reader.h"
#include "core/lua_data.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

namespace kiosk {
namespace fs = std::filesystem;

namespace {

// Why `value` is not a usable path inside the exhibit folder, or "" when it is.
std::string in_folder_path_problem(const std::string& value) {
    if (value.empty()) return "expected a file name, got an empty string";
    if (value.find('\\') != std::string::npos) return "use '/' between folder names, not '\\'";
    fs::path path(value);
    if (path.is_absolute() || value.front() == '/')
        return "expected a path inside the exhibit folder, not an absolute path";
    for (const fs::path& part : path)
        if (part == "..") return "expected a path inside the exhibit folder ('..' is not allowed)";
    return "";
}

// Reads `key` as an in-folder path; returns it normalized (relative), or
// nullopt after an error.
std::optional<std::string> read_in_folder_path(DataReader& reader, std::string_view key,
                                               std::optional<std::string> fallback) {
    std::optional<std::string> value =
        fallback ? std::optional<std::string>(reader.string(key, *fallback))
                 : reader.required_string(key);
    if (!value) return std::nullopt;
    std::string problem = in_folder_path_problem(*value);
    if (!problem.empty()) {
        reader.error(key, problem);
        return std::nullopt;
    }
    return fs::path(*value).lexically_normal().generic_string();
}

void read_thumbnail(DataReader& reader, const FileSource& source, ContentManifest& manifest) {
    std::optional<std::string> name = read_in_folder_path(reader, "thumbnail", std::nullopt);
    if (!name) return;
    if (!source.exists(*name)) {
        reader.error("thumbnail", "no file '" + *name + "' in the exhibit folder");
        return;
    }
    manifest.thumbnail = std::move(*name);
}

// Review dates before this are typing mistakes ("0026-11-01"), not reviews.
constexpr const char* kEarliestReviewDay = "2000-01-01";

// -1, 0, 1 as MAJOR.MINOR.PATCH `a` is older, the same, newer than `b`.
int compare_versions(const std::string& a, const std::string& b) {
    int x[3] = {}, y[3] = {};
    std::sscanf(a.c_str(), "%d.%d.%d", &x[0], &x[1], &x[2]);
    std::sscanf(b.c_str(), "%d.%d.%d", &y[0], &y[1], &y[2]);
    for (int i = 0; i < 3; ++i)
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
}

void read_review(DataReader& root, ContentManifest& manifest) {
    std::optional<DataReader> reader = root.table("review");
    if (!reader) return;
    ReviewRecord review;
    review.reviewer = reader->required_string("reviewer").value_or("");
    review.organization = reader->required_string("organization").value_or("");
    for (auto [key, target] :
         {std::pair{"reviewed", &review.reviewed}, std::pair{"expires", &review.expires}}) {
        std::optional<std::string> date = reader->required_string(key);
        if (date && !is_valid_day(*date))
            reader->error(key, "expected a date written YYYY-MM-DD (like \"2026-11-01\")");
        else if (date && *date < kEarliestReviewDay) // valid days sort as text
            reader->error(key, "expected a date in 2000 or later, got \"" + *date + "\"");
        else if (date)
            *target = *date;
    }
    if (!review.reviewed.empty() && !review.expires.empty() && review.expires <= review.reviewed)
        reader->error("expires", "must be after the review date " + review.reviewed);
    reader->finish();
    if (!review.reviewer.empty() && !review.organization.empty() && !review.reviewed.empty() &&
        !review.expires.empty() && review.expires > review.reviewed)
        manifest.review = std::move(review);
}

void read_manifest(DataReader& reader, const FileSource& source, ContentManifest& manifest,
                   const std::string& runtime_version) {
    if (std::optional<std::string> id = reader.required_string("id")) {
        if (is_valid_content_id(*id))
            manifest.id = std::move(*id);
        else
            reader.error(
                "id", "expected 3 to 48 lowercase letters, digits or '-' (like \"pendulum-lab\")");
    }
    if (std::optional<std::string> version = reader.required_string("version")) {
        if (is_valid_content_version(*version))
            manifest.version = std::move(*version);
        else
            reader.error("version",
                         "expected a version like \"1.0.0\" (three numbers joined by dots)");
    }
    std::optional<std::string> kind = reader.required_one_of("kind", {"exhibit", "quiz"});
    manifest.kind = kind && *kind == "quiz" ? ContentKind::Quiz : ContentKind::Exhibit;
    manifest.title = reader.bilingual("title", BilingualRule::EnOptional);
    manifest.summary = reader.bilingual("summary", BilingualRule::EnOptional);
    if (reader.has("authors")) {
        manifest.authors = reader.string_list("authors", 16);
        if (manifest.authors.empty() ||
            std::any_of(manifest.authors.begin(), manifest.authors.end(),
                        [](const std::string& name) { return name.empty(); }))
            reader.error("authors", "expected 1 to 16 names, none of them empty");
    } else {
        reader.required_string("authors"); // reports it missing
    }
    manifest.license = reader.required_string("license").value_or("");
    if (reader.has("sources")) {
        manifest.sources = reader.string_list("sources", kMaxManifestSources);
        if (manifest.sources.empty() ||
            std::any_of(manifest.sources.begin(), manifest.sources.end(),
                        [](const std::string& reference) {
                            return reference.empty() || reference.size() > kMaxManifestSourceBytes;
                        }))
            reader.error("sources", "expected 1 to 16 references (a book, a page, a standard), "
                                    "none empty or longer than 500 bytes");
    }
    if (std::optional<std::string> minimum = reader.required_string("min_runtime")) {
        if (!is_valid_content_version(*minimum))
            reader.error("min_runtime", "expected a version like \"0.1.0\"");
        else if (compare_versions(*minimum, runtime_version) > 0)
            reader.error("min_runtime",
                         "needs kiosk " + *minimum + " or newer; this kiosk is " + runtime_version);
        else
            manifest.min_runtime = *minimum;
    }
    read_review(reader, manifest);
    read_thumbnail(reader, source, manifest);
    const char* default_entry = manifest.kind == ContentKind::Quiz ? "quiz.lua" : "main.lua";
    manifest.entry = read_in_folder_path(reader, "entry", default_entry).value_or("");
    reader.finish();
}

// Absolute and normalized, without a trailing "/".
fs::path normalized_folder(const std::string& folder) {
    std::error_code ignored;
    fs::path path = fs::absolute(folder, ignored).lexically_normal();
    if (!path.has_filename() && path.has_relative_path()) path = path.parent_path();
    return path;
}

} // namespace

ManifestLoadResult load_content_manifest(const FileSource& source, const std::string& label,
                                         const std::string& runtime_version) {
    ManifestLoadResult result;
    std::string text, error;
    if (!source.read("manifest.lua", text, error)) {
        result.errors.push_back(label + ": cannot open file: " + error);
        return result;
    }
    DataLoadResult data = load_lua_data_string(text, label);
    if (!data.ok()) {
        result.errors = std::move(data.errors);
        return result;
    }
    ContentManifest manifest;
    DataErrors errors;
    DataReader reader(*data.root, label, "", errors);
    read_manifest(reader, source, manifest, runtime_version);
    result.errors = std::move(errors.errors);
    result.warnings = std::move(errors.warnings);
    if (result.errors.empty()) result.manifest = std::move(manifest);
    return result;
}

ManifestLoadResult load_content_manifest(const std::string& folder,
                                         const std::string& runtime_version) {
    const fs::path folder_path = normalized_folder(folder);
    const std::string file = (folder_path / "manifest.lua").string();
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
        ManifestLoadResult result;
        result.errors.push_back(file + ": cannot open file: " + std::strerror(ENOENT));
        return result;
    }
    auto source = std::make_shared<FolderSource>(folder_path.string());
    ManifestLoadResult result = load_content_manifest(*source, file, runtime_version);
    if (result.manifest) {
        ContentManifest& manifest = *result.manifest;
        manifest.files = std::move(source);
        manifest.folder = folder_path.string();
        manifest.thumbnail_path = (folder_path / manifest.thumbnail).string();
        manifest.entry_path = (folder_path / manifest.entry).string();
    }
    return result;
}

ReviewStatus review_status(const ContentManifest& manifest, const std::string& today) {
    if (!manifest.review) return ReviewStatus::Missing;
    return today >= manifest.review->expires ? ReviewStatus::Expired : ReviewStatus::Reviewed;
}

std::string review_problem(const ContentManifest& manifest, const std::string& today) {
    switch (review_status(manifest, today)) {
    case ReviewStatus::Missing:
        return "not reviewed (no review record)";
    case ReviewStatus::Expired:
        return "review expired on " + manifest.review->expires;
    case ReviewStatus::Reviewed:
        break;
    }
    return "";
}

} // namespace kiosk
