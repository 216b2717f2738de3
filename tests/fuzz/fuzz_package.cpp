// Fuzz target: content packages (.kpkg). The input is the bytes of a package
// file (an SQLite database); it is written to the target's temp folder and
// read the two ways the system reads packages:
//   * the kiosk: its content folder scanned with scan_exhibit_dirs (open the
//     SQLite Archive, check every entry, digest, signature against the fuzz
//     key, manifest, review, quiz data), exactly as at start and on a change,
//     and the reviewers' attestations (check_reviews) against the fuzz key;
//   * the curator's `kioskctl validate` and `inspect`: Package::open and
//     check_content, which reads the manifest, images, Lua and quiz data of
//     unsigned packages too (all but the font check: see check_curator_path),
//     and read_package_rows, which must refuse exactly what Package::open does.
// Limits are smaller than a config can set (64 KiB a file, 256 KiB in all;
// the seeds fit), so a mutated size field costs a small buffer instead of a
// gigabyte: the checks are the same at any limit.
#include "fuzz_support.h"

#include "content/content_check.h"
#include "content/exhibit_catalog.h"
#include "content/package.h"
#include "content/review_attestation.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

using namespace kiosk;

namespace {

PackageLimits fuzz_limits() {
    PackageLimits limits;
    limits.max_file_bytes = int64_t(64) << 10;
    limits.max_total_bytes = int64_t(256) << 10;
    return limits;
}

void check_kiosk_path(const std::string& content_dir) {
    CatalogOptions options;
    options.today = fuzz::kFuzzToday;
    options.content_dir = content_dir;
    options.trust = {{fuzz::fuzz_public_key()}, {fuzz::fuzz_public_key()}};
    options.package_limits = fuzz_limits();
    const ExhibitCatalog catalog = scan_exhibit_dirs({}, options);
    // One package: it is shown, hidden or refused with a reason, never two of these.
    const size_t outcomes = catalog.exhibits.size() + catalog.quizzes.size() +
                            catalog.hidden.size() + (catalog.problems.empty() ? 0 : 1);
    if (outcomes != 1) fuzz::broken("one package should have exactly one outcome in the catalog");
    for (const ContentManifest& shown : catalog.exhibits)
        if (!shown.files || !shown.files->exists(shown.thumbnail))
            fuzz::broken("a shown exhibit's thumbnail is not in its package", shown.id);
}

void check_curator_path(const std::string& path) {
    std::string error;
    std::unique_ptr<Package> package = Package::open(path, fuzz_limits(), error);
    // `kioskctl inspect` judges the rows as Package::open does: it opens a
    // package exactly when every row is accepted.
    std::vector<PackageRow> rows;
    std::string rows_error;
    const bool rows_read = read_package_rows(path, fuzz_limits(), rows, rows_error);
    const bool row_refused = std::any_of(
        rows.begin(), rows.end(), [](const PackageRow& row) { return !row.problem.empty(); });
    if (bool(package) != (rows_read && !row_refused))
        fuzz::broken("Package::open and read_package_rows disagree", error + rows_error);
    if (package && size_t(std::count_if(rows.begin(), rows.end(), [](const PackageRow& row) {
                       return row.kind == PackageRowKind::File;
                   })) != package->entries().size())
        fuzz::broken("Package::open lists other files than its file rows");
    if (!package) {
        if (error.empty()) fuzz::broken("Package::open refused without a reason");
        return;
    }
    for (const PackageEntry& entry : package->entries())
        if (!relative_path_problem(entry.name).empty())
            fuzz::broken("Package::open accepted an unsafe name", entry.name);
    const VerifyResult verified = verify_package(*package, {fuzz::fuzz_public_key()});
    if (verified.ok == !verified.problem.empty())
        fuzz::broken("verify_package: ok and a problem disagree", verified.problem);
    // Reviewers' attestations (kiosk_reviews), checked against the fuzz key.
    const ReviewCheck reviewed =
        check_reviews(*package, {fuzz::fuzz_public_key()}, fuzz::kFuzzToday);
    if (reviewed.approved == !reviewed.problem.empty())
        fuzz::broken("check_reviews: approved and a problem disagree", reviewed.problem);
    if (reviewed.rows.size() > kMaxPackageReviews)
        fuzz::broken("check_reviews: more rows than the limit");
    ContentCheckOptions options;
    options.today = fuzz::kFuzzToday;
    // Without the 5 MB CJK font (reading it each run cut the rate to 20 exec/s):
    // the character check is reported as skipped; everything else runs.
    options.font_path.clear();
    const ContentCheckReport report = check_content(*package, path, options);
    if (!report.ok() && report.errors.empty()) fuzz::broken("check_content: not ok without errors");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string content_dir = [] {
        const std::string dir = fuzz::temp_dir() + "/content";
        std::filesystem::create_directories(dir);
        return dir;
    }();
    fuzz::fuzz_public_key(); // sodium_init
    const std::string path = fuzz::write_temp_file("content/fuzz.kpkg", data, size);
    check_kiosk_path(content_dir);
    check_curator_path(path);
    return 0;
}
