// `kioskctl`: the command line for curators (keys, pack, sign, verify, inspect,
// validate), for managers (stats summary, stats export) and for mobile
// exhibits' offline sync bundles (sync export). Run `kioskctl
// --help`, or `kioskctl SUBCOMMAND --help`.
#include "commands.h"

#include <sodium.h>

#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"kioskctl: make, sign, check and inspect kiosk content packages (.kpkg); "
                 "report a kiosk's visitor statistics; export its offline sync bundle"};
    app.set_version_flag("--version", std::string(KIOSK_VERSION));
    app.require_subcommand(1);
    kiosk::ctl::Options options;
    kiosk::ctl::Run chosen;
    kiosk::ctl::add_package_commands(app, options, chosen);
    kiosk::ctl::add_validate_command(app, options, chosen);
    kiosk::ctl::add_stats_commands(app, options, chosen);
    kiosk::ctl::add_sync_commands(app, options, chosen);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version exit 0; every usage error exits 2 (see commands.h).
        return app.exit(e) == 0 ? 0 : 2;
    }
    if (sodium_init() < 0) {
        std::cerr << "kioskctl: libsodium failed to start\n";
        return 2;
    }
    return chosen ? chosen() : 2;
}
