// kioskctl validate: checks a content folder or package the way the kiosk will
// (check_content in engine/content/content_check.h), every file of it,
// referenced or not, printing "file:line: message" lines; exit 1 on any
// error, warnings alone exit 0.
#include "commands.h"
#include "content/content_check.h"
#include "content/package.h"
#include "core/kiosk_config.h"

#include <filesystem>
#include <iostream>

namespace kiosk::ctl {

void add_validate_command(CLI::App& app, Options& o, Run& chosen) {
    CLI::App* validate = app.add_subcommand(
        "validate", "Check a content folder or package: manifest, review, quiz, images, Lua, "
                    "characters in the font (exit 1 on any error)");
    validate->add_option("target", o.target, "A content folder or a .kpkg package")->required();
    validate->add_option("--config", o.config,
                         "Take the font to check characters against, and an exhibit's picture "
                         "budget (exhibit_limits.memory_mb), from this kiosk config");
    validate->callback([&chosen, &o] {
        chosen = [&o] {
            ContentCheckOptions options;
            if (!o.config.empty()) {
                ConfigLoadResult config = load_kiosk_config(o.config);
                for (const std::string& error : config.errors)
                    std::cerr << error << "\n";
                if (!config.ok()) return 2;
                options.font_path = config.config->font.path;
                options.font_face = config.config->font.face;
                options.picture_budget_bytes = size_t(config.config->exhibit_limits.memory_mb)
                                               << 20;
            }
            std::unique_ptr<FileSource> source;
            std::error_code ec;
            if (std::filesystem::is_directory(o.target, ec)) {
                source = std::make_unique<FolderSource>(o.target);
            } else {
                std::string error;
                source = Package::open(o.target, PackageLimits{}, error);
                if (!source) {
                    std::cerr << error << "\n";
                    return 1;
                }
            }
            ContentCheckReport report = check_content(*source, o.target, options);
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
