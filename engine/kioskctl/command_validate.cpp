// kioskctl validate: checks a content folder or package the way the kiosk will
// (check_content in engine/content/content_check.h), every file of it,
// referenced or not, printing "file:line: message" lines; with --config, a
// package's signature and reviewers' attestations are also checked against
// that config's trusted_keys and trusted_reviewers (check_package_trust), each
// attestation shown. Exit 1 on any error, warnings alone exit 0.
#include "commands.h"
#include "content/content_check.h"
#include "content/package.h"
#include "content/package_trust.h"
#include "core/civil_time.h"
#include "core/kiosk_config.h"

#include <filesystem>
#include <iostream>

namespace kiosk::ctl {
namespace {

const char* row_label(ReviewRowStatus status) {
    switch (status) {
    case ReviewRowStatus::Approved:
        return "counts";
    case ReviewRowStatus::Rejected:
        return "counts (rejected)";
    default:
        return "does not count";
    }
}

// The venue rule for `package` under the config's trust roots: each
// attestation printed, and an error when a venue kiosk would not show it.
void check_trust(const Package& package, const KioskConfig& config, const std::string& target,
                 ContentCheckReport& report) {
    TrustRoots roots;
    std::string error;
    if (!load_trust_roots(config, roots, error)) {
        report.errors.push_back(error);
        return;
    }
    const PackageTrust trust = check_package_trust(package, roots, machine_local_day_today());
    std::cout << target << ": reviews\n";
    for (const ReviewRowCheck& row : trust.reviews.rows)
        std::cout << "  key " << printable(row.review.key_id) << ": "
                  << printable(row.review.verdict) << ", reviewed "
                  << printable(row.review.reviewed) << ", expires " << printable(row.review.expires)
                  << ": " << row_label(row.status)
                  << (row.problem.empty() ? "" : " (" + row.problem + ")") << "\n";
    if (trust.reviews.rows.empty()) std::cout << "  (none)\n";
    if (!trust.trusted())
        report.errors.push_back(target + ": a venue kiosk with " + config.source_path +
                                " would not show it: " + trust.problem);
}

} // namespace

void add_validate_command(CLI::App& app, Options& o, Run& chosen) {
    CLI::App* validate = app.add_subcommand(
        "validate", "Check a content folder or package: manifest, review, quiz, images, Lua, "
                    "characters in the font (exit 1 on any error)");
    validate->add_option("target", o.target, "A content folder or a .kpkg package")->required();
    validate->add_option("--config", o.config,
                         "Take the font to check characters against, an exhibit's picture "
                         "budget (exhibit_limits.memory_mb), and for a package the trusted "
                         "publisher and reviewer keys, from this kiosk config");
    validate->callback([&chosen, &o] {
        chosen = [&o] {
            ContentCheckOptions options;
            ConfigLoadResult config;
            if (!o.config.empty()) {
                config = load_kiosk_config(o.config);
                for (const std::string& error : config.errors)
                    std::cerr << error << "\n";
                if (!config.ok()) return 2;
                options.font_path = config.config->font.path;
                options.font_face = config.config->font.face;
                options.picture_budget_bytes = size_t(config.config->exhibit_limits.memory_mb)
                                               << 20;
            }
            std::unique_ptr<FileSource> source;
            std::unique_ptr<Package> package;
            std::error_code ec;
            if (std::filesystem::is_directory(o.target, ec)) {
                source = std::make_unique<FolderSource>(o.target);
            } else {
                std::string error;
                package = Package::open(o.target, PackageLimits{}, error);
                if (!package) {
                    std::cerr << error << "\n";
                    return 1;
                }
            }
            ContentCheckReport report =
                check_content(package ? *package : *source, o.target, options);
            if (package && config.config) check_trust(*package, *config.config, o.target, report);
            for (const std::string& warning : report.warnings)
                std::cerr << "warning: " << warning << "\n";
            for (const std::string& error : report.errors)
                std::cerr << error << "\n";
            if (!report.ok()) {
                std::cerr << o.target << ": " << report.errors.size() << " error(s)\n";
                return 1;
            }
            std::cout << o.target << ": ok (" << report.manifest->id << " "
                      << report.manifest->version << ", " << report.warnings.size()
                      << " warning(s))\n";
            return 0;
        };
    });
}

} // namespace kiosk::ctl
