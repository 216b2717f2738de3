// kioskctl validate: checks a content folder or package the way the kiosk will
// (see validate_content in engine/content), printing file:line messages.
#include "commands.h"

#include <iostream>

namespace kiosk::ctl {

void add_validate_command(CLI::App& app, Options& o, Run& chosen) {
    CLI::App* validate = app.add_subcommand(
        "validate", "Check a content folder or package: manifest, quiz, images, text, review "
                    "(exit 1 on any error)");
    validate->add_option("target", o.target, "A content folder or a .kpkg package")->required();
    validate->callback([&chosen] {
        chosen = [] {
            std::cerr << "kioskctl validate: not built yet\n";
            return 2;
        };
    });
}

} // namespace kiosk::ctl
